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

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.daemonstarter.watchdog.Watchdog;
import io.github.daemonstarter.watchdog.WorkerFailure;
import io.github.daemonstarter.watchdog.WorkerSnapshot;
import io.github.daemonstarter.watchdog.WorkerState;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link WatchdogHealthIndicator}.
 *
 * @author Daemon Starter Team
 */
class WatchdogHealthIndicatorTests {

	private static final Instant STARTED = Instant.parse("2026-03-01T10:00:00Z");

	private static final Instant FAILED = Instant.parse("2026-03-01T10:05:00Z");

	private static final Instant NEXT = Instant.parse("2026-03-01T10:05:04Z");

	private final Watchdog watchdog = mock(Watchdog.class);

	private final WatchdogHealthIndicator indicator = new WatchdogHealthIndicator(this.watchdog);

	@Test
	void healthWhenWorkersRunIsUpWithDetailsPerWorker() {
		given(this.watchdog.getWorkers())
			.willReturn(List.of(new WorkerSnapshot("ticker", WorkerState.RUNNING, true, 0, STARTED, null, null),
					new WorkerSnapshot("poller", WorkerState.RUNNING, false, 3, STARTED, null,
							new WorkerFailure("java.io.IOException", "connection reset", FAILED))));
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsOnlyKeys("ticker", "poller");
		assertThat(details(health, "ticker")).containsExactly(entry("state", "RUNNING"), entry("critical", true),
				entry("restarts", 0), entry("runningSince", "2026-03-01T10:00:00Z"));
		assertThat(details(health, "poller")).containsExactly(entry("state", "RUNNING"), entry("critical", false),
				entry("restarts", 3), entry("runningSince", "2026-03-01T10:00:00Z"),
				entry("lastFailure", "java.io.IOException: connection reset"),
				entry("lastFailureTime", "2026-03-01T10:05:00Z"));
	}

	@Test
	void healthWhenWorkerGaveUpIsDown() {
		given(this.watchdog.getWorkers())
			.willReturn(List.of(new WorkerSnapshot("ticker", WorkerState.RUNNING, false, 0, STARTED, null, null),
					new WorkerSnapshot("flaky", WorkerState.FAILED, false, 10, null, null,
							new WorkerFailure("java.lang.IllegalStateException", "boom", FAILED))));
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(details(health, "flaky")).containsExactly(entry("state", "FAILED"), entry("critical", false),
				entry("restarts", 10), entry("lastFailure", "java.lang.IllegalStateException: boom"),
				entry("lastFailureTime", "2026-03-01T10:05:00Z"));
		assertThat(details(health, "ticker")).containsEntry("state", "RUNNING");
	}

	@Test
	void healthWhenWorkerIsInBackoffIsUpWithNextRestart() {
		given(this.watchdog.getWorkers()).willReturn(List.of(new WorkerSnapshot("flaky", WorkerState.BACKOFF, false, 2,
				null, NEXT, new WorkerFailure("java.lang.IllegalStateException", null, FAILED))));
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(details(health, "flaky")).containsExactly(entry("state", "BACKOFF"), entry("critical", false),
				entry("restarts", 2), entry("nextRestart", "2026-03-01T10:05:04Z"),
				entry("lastFailure", "java.lang.IllegalStateException"),
				entry("lastFailureTime", "2026-03-01T10:05:00Z"));
	}

	@Test
	void healthWhenWorkersStoppedIsUp() {
		given(this.watchdog.getWorkers())
			.willReturn(List.of(new WorkerSnapshot("once", WorkerState.STOPPED, false, 0, null, null, null)));
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(details(health, "once")).containsExactly(entry("state", "STOPPED"), entry("critical", false),
				entry("restarts", 0));
	}

	@Test
	void healthWhenThereAreNoWorkersIsUpWithoutDetails() {
		given(this.watchdog.getWorkers()).willReturn(List.of());
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).isEmpty();
	}

	@Test
	void healthWhenWatchdogFailsIsDownAndDoesNotThrow() {
		given(this.watchdog.getWorkers()).willThrow(new IllegalStateException("broken"));
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("error", "java.lang.IllegalStateException: broken");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> details(Health health, String worker) {
		return (Map<String, Object>) health.getDetails().get(worker);
	}

}
