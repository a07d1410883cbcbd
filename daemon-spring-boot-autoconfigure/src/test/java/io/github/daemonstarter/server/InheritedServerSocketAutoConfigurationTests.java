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

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InheritedServerSocketAutoConfiguration}, in a JVM that was handed no
 * listening socket.
 *
 * @author Daemon Starter Team
 */
class InheritedServerSocketAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(InheritedServerSocketAutoConfiguration.class));

	@Test
	void withoutAHandedOverSocketCreatesNothing() {
		assertThat(InheritedServerSocket.isHandedOver()).isFalse();
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(InheritedServerSocketRelease.class)
			.doesNotHaveBean(TomcatInheritedChannelCustomizer.class)
			.doesNotHaveBean(JettyInheritedChannelCustomizer.class));
	}

	@Test
	void inANonWebApplicationCreatesNothing() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(InheritedServerSocketAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(InheritedServerSocketRelease.class)
				.doesNotHaveBean(TomcatInheritedChannelCustomizer.class));
	}

}
