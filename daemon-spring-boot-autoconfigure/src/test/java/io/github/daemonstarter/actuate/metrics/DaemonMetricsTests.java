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

import java.lang.management.RuntimeMXBean;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link DaemonMetrics}.
 *
 * @author Daemon Starter Team
 */
class DaemonMetricsTests {

	@Test
	void bindToRegistersUptimeInSecondsSinceJvmStart() {
		RuntimeMXBean runtime = mock(RuntimeMXBean.class);
		given(runtime.getUptime()).willReturn(90_500L);
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new DaemonMetrics(runtime).bindTo(registry);
		TimeGauge uptime = registry.get("daemon.uptime").timeGauge();
		assertThat(uptime.value(TimeUnit.SECONDS)).isEqualTo(90.5);
		assertThat(uptime.value()).isEqualTo(90.5);
		given(runtime.getUptime()).willReturn(120_000L);
		assertThat(uptime.value(TimeUnit.SECONDS)).isEqualTo(120.0);
	}

	@Test
	void bindToWithThisJvmReportsPositiveUptime() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new DaemonMetrics().bindTo(registry);
		assertThat(registry.get("daemon.uptime").timeGauge().value(TimeUnit.SECONDS)).isPositive();
	}

}
