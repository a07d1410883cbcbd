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

package io.github.daemonstarter.actuate.metrics;

import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DaemonMetricsAutoConfiguration}.
 *
 * @author Daemon Starter Team
 */
class DaemonMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DaemonMetricsAutoConfiguration.class));

	private final ApplicationContextRunner daemonModeRunner = this.contextRunner
		.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("daemon", Map.of("spring.pid.file", "/tmp/app.pid"))));

	@Test
	void runInDaemonModeWithoutWatchdogRegistersUptime() {
		this.daemonModeRunner
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(DaemonMetrics.class);
				assertThat(context.getBean(MeterRegistry.class).find("daemon.uptime").timeGauge()).isNotNull();
			});
	}

	@Test
	void runWithoutDaemonModeDoesNotCreateMetrics() {
		this.contextRunner.withPropertyValues("spring.pid.file=/tmp/app.pid")
			.run((context) -> assertThat(context).doesNotHaveBean(DaemonMetrics.class));
	}

	@Test
	void runWhenUserDefinesDaemonMetricsBacksOff() {
		DaemonMetrics custom = new DaemonMetrics();
		this.daemonModeRunner.withBean(DaemonMetrics.class, () -> custom)
			.run((context) -> assertThat(context.getBean(DaemonMetrics.class)).isSameAs(custom));
	}

	@Test
	void runWithoutMicrometerDoesNotCreateMetrics() {
		this.daemonModeRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class.getPackageName()))
			.run((context) -> assertThat(context).doesNotHaveBean(DaemonMetrics.class));
	}

}
