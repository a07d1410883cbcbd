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

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JettyInheritedChannelCustomizer}.
 *
 * @author Daemon Starter Team
 */
class JettyInheritedChannelCustomizerTests {

	@Test
	void customizeMakesEveryServerConnectorInheritTheChannel() {
		Server server = new Server();
		ServerConnector first = new ServerConnector(server);
		ServerConnector second = new ServerConnector(server);
		server.addConnector(first);
		server.addConnector(second);
		assertThat(first.isInheritChannel()).isFalse();
		new JettyInheritedChannelCustomizer().customize(server);
		assertThat(first.isInheritChannel()).isTrue();
		assertThat(second.isInheritChannel()).isTrue();
	}

	@Test
	void customizeWithoutConnectorsDoesNothing() {
		Server server = new Server();
		new JettyInheritedChannelCustomizer().customize(server);
		assertThat(server.getConnectors()).isEmpty();
	}

}
