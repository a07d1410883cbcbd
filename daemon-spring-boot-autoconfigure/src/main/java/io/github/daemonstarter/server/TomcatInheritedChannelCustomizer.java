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

import org.apache.catalina.connector.Connector;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;

/**
 * Makes Tomcat's main connector serve on the inherited listening socket
 * ({@code useInheritedChannel}) instead of binding {@code server.port}. Tomcat never
 * closes an inherited socket, so a stopping JVM leaves it open for the others.
 *
 * @author Daemon Starter Team
 */
class TomcatInheritedChannelCustomizer implements TomcatConnectorCustomizer {

	@Override
	public void customize(Connector connector) {
		if (!connector.setProperty("useInheritedChannel", "true")) {
			throw new IllegalStateException("Tomcat's connector " + connector.getProtocolHandlerClassName()
					+ " cannot serve an inherited socket (useInheritedChannel)");
		}
	}

}
