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

package io.github.daemonstarter.systemd;

import java.util.function.Supplier;

import io.github.daemonstarter.watchdog.Watchdog;
import io.github.daemonstarter.watchdog.WorkerSnapshot;
import io.github.daemonstarter.watchdog.WorkerState;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;

/**
 * Tells whether the application is healthy enough for watchdog pings: its liveness is not
 * {@link LivenessState#BROKEN broken} and no critical worker has given up.
 *
 * @author Daemon Starter Team
 */
class ApplicationHealth implements Supplier<@Nullable String> {

	private final ObjectProvider<ApplicationAvailability> availability;

	private final ObjectProvider<Watchdog> watchdog;

	ApplicationHealth(ObjectProvider<ApplicationAvailability> availability, ObjectProvider<Watchdog> watchdog) {
		this.availability = availability;
		this.watchdog = watchdog;
	}

	/**
	 * Return why the application is unhealthy.
	 * @return the reason, or {@code null} if it is healthy
	 */
	@Override
	public @Nullable String get() {
		ApplicationAvailability availability = this.availability.getIfAvailable();
		if (availability != null && availability.getLivenessState() == LivenessState.BROKEN) {
			return "the application is broken (LivenessState.BROKEN)";
		}
		Watchdog watchdog = this.watchdog.getIfAvailable();
		if (watchdog != null) {
			for (WorkerSnapshot worker : watchdog.getWorkers()) {
				if (worker.critical() && worker.state() == WorkerState.FAILED) {
					return "critical worker '" + worker.name() + "' has given up";
				}
			}
		}
		return null;
	}

}
