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

package io.github.daemonstarter.actuate.endpoint;

import java.time.Duration;
import java.util.Set;

import io.github.daemonstarter.watchdog.WatchdogAutoConfiguration;
import io.github.daemonstarter.watchdog.WorkerRegistration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.Sanitizer;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DaemonEndpointAutoConfiguration}.
 *
 * @author Daemon Starter Team
 */
class DaemonEndpointAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(WatchdogAutoConfiguration.class, DaemonEndpointAutoConfiguration.class))
		.withBean(WorkerRegistration.class,
				() -> WorkerRegistration.of("orders", (context) -> context.awaitStop(Duration.ofMinutes(5))));

	@Test
	void runWhenNotExposedDoesNotCreateEndpoint() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DaemonEndpoint.class));
	}

	@Test
	void runWhenExposedOverWebCreatesEndpoint() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=daemon").run((context) -> {
			assertThat(context).hasSingleBean(DaemonEndpoint.class);
			assertThat(context.getBean(DaemonEndpoint.class).daemon(SecurityContext.NONE).workers())
				.containsOnlyKeys("orders");
		});
	}

	@Test
	void runWhenExposedOverJmxOnlyCreatesEndpoint() {
		this.contextRunner
			.withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=daemon")
			.run((context) -> assertThat(context).hasSingleBean(DaemonEndpoint.class));
	}

	@Test
	void runWhenAccessIsNoneDoesNotCreateEndpoint() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=daemon",
					"management.endpoint.daemon.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(DaemonEndpoint.class));
	}

	@Test
	void runWhenWatchdogIsDisabledCreatesEndpointWithoutWorkers() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=daemon", "daemon.watchdog.enabled=false")
			.run((context) -> {
				assertThat(context).hasSingleBean(DaemonEndpoint.class);
				DaemonEndpoint endpoint = context.getBean(DaemonEndpoint.class);
				assertThat(endpoint.daemon(SecurityContext.NONE).workers()).isEmpty();
				assertThat(endpoint.worker("orders")).isNull();
			});
	}

	@Test
	void runWhenUserDefinesEndpointBacksOff() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=daemon")
			.withBean("customDaemonEndpoint", DaemonEndpoint.class,
					() -> new DaemonEndpoint(new MockEnvironment(), null, new Sanitizer(), Show.NEVER, Set.of()))
			.run((context) -> assertThat(context).hasSingleBean(DaemonEndpoint.class).hasBean("customDaemonEndpoint"));
	}

	@Test
	void runWithoutActuatorDoesNotCreateEndpoint() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=daemon")
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(DaemonEndpoint.class)
				.doesNotHaveBean(DaemonEndpointProperties.class));
	}

}
