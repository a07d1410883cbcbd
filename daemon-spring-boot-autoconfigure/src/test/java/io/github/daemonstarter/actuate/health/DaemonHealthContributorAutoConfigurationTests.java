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

package io.github.daemonstarter.actuate.health;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DaemonHealthContributorAutoConfiguration}.
 *
 * @author Daemon Starter Team
 */
class DaemonHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DaemonHealthContributorAutoConfiguration.class));

	private final ApplicationContextRunner daemonModeRunner = this.contextRunner
		.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("daemon", Map.of("spring.pid.file", "/tmp/app.pid"))));

	@Test
	void runWithPidFileCreatesIndicatorNamedDaemon() {
		this.daemonModeRunner.withConfiguration(AutoConfigurations.of(HealthContributorRegistryAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(DaemonHealthIndicator.class).hasBean("daemonHealthIndicator");
				assertThat(context.getBean(HealthContributorRegistry.class).getContributor("daemon"))
					.isSameAs(context.getBean(DaemonHealthIndicator.class));
			});
	}

	@Test
	void runWithoutDaemonModeDoesNotCreateIndicator() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(DaemonHealthIndicator.class));
	}

	@Test
	void runWithPidFileButWithoutDaemonModeDoesNotCreateIndicator() {
		this.contextRunner.withPropertyValues("spring.pid.file=/tmp/app.pid")
			.run((context) -> assertThat(context).doesNotHaveBean(DaemonHealthIndicator.class));
	}

	@Test
	void runWhenHealthIndicatorIsDisabledDoesNotCreateIndicator() {
		this.daemonModeRunner.withPropertyValues("management.health.daemon.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DaemonHealthIndicator.class));
	}

	@Test
	void runWhenUserDefinesDaemonHealthIndicatorBacksOff() {
		HealthIndicator custom = () -> Health.up().build();
		this.daemonModeRunner.withBean("daemonHealthIndicator", HealthIndicator.class, () -> custom).run((context) -> {
			assertThat(context).doesNotHaveBean(DaemonHealthIndicator.class);
			assertThat(context.getBean("daemonHealthIndicator")).isSameAs(custom);
		});
	}

	@Test
	void runWithoutSpringBootHealthDoesNotCreateIndicator() {
		this.daemonModeRunner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DaemonHealthIndicator.class));
	}

}
