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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.daemonstarter.watchdog.Watchdog;
import io.github.daemonstarter.watchdog.WorkerFailure;
import io.github.daemonstarter.watchdog.WorkerSnapshot;
import io.github.daemonstarter.watchdog.WorkerState;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.util.Assert;

/**
 * {@link HealthIndicator} for the {@link Watchdog}: {@link Status#DOWN DOWN} when a
 * worker gave up (it is {@link WorkerState#FAILED}), otherwise {@link Status#UP UP}, also
 * while a worker waits in backoff for its next restart.
 * <p>
 * The details hold one entry per worker, under its name: its {@code state}, whether it is
 * {@code critical}, its {@code restarts}, when its current run started
 * ({@code runningSince}), when it restarts next ({@code nextRestart}, in backoff only),
 * and its {@code lastFailure} ({@code "type: message"}) with its {@code lastFailureTime}.
 * Times are ISO-8601 instants; entries without a value are left out.
 * <p>
 * A critical worker that gives up also marks the application broken (its liveness state),
 * so the liveness probe fails through Spring Boot's own indicator; this indicator belongs
 * to no probe group.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public class WatchdogHealthIndicator extends AbstractHealthIndicator {

	private final Watchdog watchdog;

	/**
	 * Create a new {@link WatchdogHealthIndicator}.
	 * @param watchdog the watchdog whose workers to report
	 */
	public WatchdogHealthIndicator(Watchdog watchdog) {
		super("Watchdog health check failed");
		Assert.notNull(watchdog, "'watchdog' must not be null");
		this.watchdog = watchdog;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		List<WorkerSnapshot> workers = this.watchdog.getWorkers();
		if (workers.stream().anyMatch((worker) -> worker.state() == WorkerState.FAILED)) {
			builder.down();
		}
		else {
			builder.up();
		}
		workers.forEach((worker) -> builder.withDetail(worker.name(), describe(worker)));
	}

	private static Map<String, Object> describe(WorkerSnapshot worker) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("state", worker.state().name());
		details.put("critical", worker.critical());
		details.put("restarts", worker.restartCount());
		putInstant(details, "runningSince", worker.runningSince());
		putInstant(details, "nextRestart", worker.nextRestart());
		WorkerFailure lastFailure = worker.lastFailure();
		if (lastFailure != null) {
			details.put("lastFailure", lastFailure.toString());
			putInstant(details, "lastFailureTime", lastFailure.time());
		}
		return details;
	}

	private static void putInstant(Map<String, Object> details, String key, @Nullable Instant instant) {
		if (instant != null) {
			details.put(key, instant.toString());
		}
	}

}
