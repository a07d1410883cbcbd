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

import java.util.List;

import io.github.daemonstarter.watchdog.Watchdog;
import io.github.daemonstarter.watchdog.WorkerSnapshot;
import io.github.daemonstarter.watchdog.WorkerState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link WatchdogMetrics}.
 *
 * @author Daemon Starter Team
 */
class WatchdogMetricsTests {

	private final Watchdog watchdog = mock(Watchdog.class);

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void bindToRegistersCountersAtZeroForEveryWorker() {
		given(this.watchdog.getWorkers())
			.willReturn(List.of(snapshot("ticker", WorkerState.RUNNING), snapshot("flaky", WorkerState.BACKOFF)));
		new WatchdogMetrics(this.watchdog).bindTo(this.registry);
		for (String worker : List.of("ticker", "flaky")) {
			assertThat(this.registry.get("daemon.worker.restarts").tag("worker", worker).counter().count()).isZero();
			assertThat(this.registry.get("daemon.worker.failures").tag("worker", worker).counter().count()).isZero();
		}
		assertThat(this.registry.get("daemon.worker.restarts").counters()).hasSize(2);
	}

	@Test
	void bindToRegistersGaugeForEveryStateThatCountsWorkersInIt() {
		given(this.watchdog.getWorkers()).willReturn(List.of(snapshot("a", WorkerState.RUNNING),
				snapshot("b", WorkerState.RUNNING), snapshot("c", WorkerState.BACKOFF)));
		new WatchdogMetrics(this.watchdog).bindTo(this.registry);
		assertThat(this.registry.get("daemon.workers").gauges()).hasSize(WorkerState.values().length);
		assertThat(workers("starting")).isZero();
		assertThat(workers("running")).isEqualTo(2);
		assertThat(workers("backoff")).isEqualTo(1);
		assertThat(workers("stopped")).isZero();
		assertThat(workers("failed")).isZero();
		given(this.watchdog.getWorkers()).willReturn(List.of(snapshot("a", WorkerState.RUNNING),
				snapshot("b", WorkerState.STOPPED), snapshot("c", WorkerState.FAILED)));
		assertThat(workers("running")).isEqualTo(1);
		assertThat(workers("backoff")).isZero();
		assertThat(workers("stopped")).isEqualTo(1);
		assertThat(workers("failed")).isEqualTo(1);
	}

	@Test
	void bindToWhenThereAreNoWorkersRegistersGaugesAtZero() {
		given(this.watchdog.getWorkers()).willReturn(List.of());
		new WatchdogMetrics(this.watchdog).bindTo(this.registry);
		assertThat(this.registry.find("daemon.worker.restarts").counters()).isEmpty();
		assertThat(workers("running")).isZero();
	}

	private double workers(String state) {
		return this.registry.get("daemon.workers").tag("state", state).gauge().value();
	}

	private static WorkerSnapshot snapshot(String name, WorkerState state) {
		return new WorkerSnapshot(name, state, false, 0, null, null, null);
	}

}
