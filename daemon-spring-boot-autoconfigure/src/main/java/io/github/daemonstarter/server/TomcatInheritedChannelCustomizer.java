/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.github.daemonstarter.server;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProtocol;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;

/**
 * Makes Tomcat's main connector serve on the inherited listening socket
 * ({@code useInheritedChannel}) instead of binding {@code server.port}. Tomcat never
 * closes an inherited socket, so a stopping JVM leaves it open for the others. It also
 * counts the connections that the connectors it customized have open.
 *
 * @author Daemon Starter Team
 */
class TomcatInheritedChannelCustomizer implements TomcatConnectorCustomizer, OpenConnections {

	private final List<Connector> connectors = new CopyOnWriteArrayList<>();

	@Override
	public void customize(Connector connector) {
		if (!connector.setProperty("useInheritedChannel", "true")) {
			throw new IllegalStateException("Tomcat's connector " + connector.getProtocolHandlerClassName()
					+ " cannot serve an inherited socket (useInheritedChannel)");
		}
		this.connectors.add(connector);
	}

	@Override
	public long count() {
		long count = 0;
		for (Connector connector : this.connectors) {
			if (connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol) {
				count += Math.max(0, protocol.getConnectionCount());
			}
		}
		return count;
	}

}
