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

import java.time.Duration;

import io.github.daemonstarter.restart.RestartPolicy;
import io.github.daemonstarter.watchdog.WatchdogAutoConfiguration;
import io.github.daemonstarter.watchdog.worker.WorkerRegistration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WatchdogHealthContributorAutoConfiguration}.
 *
 * @author Daemon Starter Team
 */
class WatchdogHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(WatchdogAutoConfiguration.class, WatchdogHealthContributorAutoConfiguration.class));

	@Test
	void runCreatesIndicatorNamedWatchdog() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(HealthContributorRegistryAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(WatchdogHealthIndicator.class).hasBean("watchdogHealthIndicator");
				assertThat(context.getBean(HealthContributorRegistry.class).getContributor("watchdog"))
					.isSameAs(context.getBean(WatchdogHealthIndicator.class));
			});
	}

	@Test
	void runWhenWatchdogIsDisabledDoesNotCreateIndicator() {
		this.contextRunner.withPropertyValues("daemon.watchdog.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WatchdogHealthIndicator.class));
	}

	@Test
	void runWhenHealthIndicatorIsDisabledDoesNotCreateIndicator() {
		this.contextRunner.withPropertyValues("management.health.watchdog.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WatchdogHealthIndicator.class));
	}

	@Test
	void runWhenHealthIndicatorsAreDisabledByDefaultDoesNotCreateIndicator() {
		this.contextRunner.withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WatchdogHealthIndicator.class));
	}

	@Test
	void runWhenUserDefinesWatchdogHealthIndicatorBacksOff() {
		HealthIndicator custom = () -> Health.up().build();
		this.contextRunner.withBean("watchdogHealthIndicator", HealthIndicator.class, () -> custom).run((context) -> {
			assertThat(context).doesNotHaveBean(WatchdogHealthIndicator.class);
			assertThat(context.getBean("watchdogHealthIndicator")).isSameAs(custom);
		});
	}

	@Test
	void runWithoutHealthClassesDoesNotCreateIndicator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(WatchdogHealthIndicator.class)
				.doesNotHaveBean("watchdogHealthIndicator"));
	}

	@Test
	void healthWhenWorkerGivesUpIsDown() {
		WorkerRegistration doomed = WorkerRegistration.of("doomed", (context) -> {
			throw new IllegalStateException("boom");
		}).withRestartPolicy(RestartPolicy.builder().maxRestarts(0).build());
		this.contextRunner.withBean(WorkerRegistration.class, () -> doomed).run((context) -> {
			WatchdogHealthIndicator indicator = context.getBean(WatchdogHealthIndicator.class);
			Awaitility.await()
				.atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN));
			assertThat(indicator.health().getDetails().get("doomed")).asString()
				.contains("state=FAILED", "lastFailure=java.lang.IllegalStateException: boom");
		});
	}

}
