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
import org.apache.tomcat.util.net.NioEndpoint;
import org.junit.jupiter.api.Test;

import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link TomcatInheritedChannelCustomizer}.
 *
 * @author Daemon Starter Team
 */
class TomcatInheritedChannelCustomizerTests {

	@Test
	void customizeMakesTheHttpConnectorUseTheInheritedChannel() {
		Connector connector = new Connector("HTTP/1.1");
		assertThat(endpoint(connector).getUseInheritedChannel()).isFalse();
		new TomcatInheritedChannelCustomizer().customize(connector);
		assertThat(endpoint(connector).getUseInheritedChannel()).isTrue();
		assertThat(connector.getProperty("useInheritedChannel")).isEqualTo("true");
	}

	@Test
	void customizeWhenTheProtocolCannotUseAnInheritedChannelThrowsException() {
		Connector connector = new Connector("org.apache.coyote.http11.Http11Nio2Protocol");
		assertThatIllegalStateException().isThrownBy(() -> new TomcatInheritedChannelCustomizer().customize(connector))
			.withMessageContaining("Http11Nio2Protocol")
			.withMessageContaining("useInheritedChannel");
	}

	private static NioEndpoint endpoint(Connector connector) {
		Object endpoint = ReflectionTestUtils.invokeMethod(connector.getProtocolHandler(), "getEndpoint");
		assertThat(endpoint).isInstanceOf(NioEndpoint.class);
		return (NioEndpoint) endpoint;
	}

}
