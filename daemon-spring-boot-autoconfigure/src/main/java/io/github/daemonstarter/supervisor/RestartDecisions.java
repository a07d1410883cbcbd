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

package io.github.daemonstarter.supervisor;

import java.time.Duration;

import io.github.daemonstarter.restart.DurationFormat;
import io.github.daemonstarter.restart.MonotonicClock;
import io.github.daemonstarter.restart.RestartTracker;
import org.jspecify.annotations.Nullable;

/**
 * The restart policy as a {@link DaemonSupervisor} applies it: the delay before each
 * restart and the limits, counted on a clock that never jumps, and the log lines that
 * tell the user why the application is restarted or not.
 *
 * @author Daemon Starter Team
 */
final class RestartDecisions {

	private final SupervisorSettings settings;

	private final SupervisorLog log;

	private final String name;

	private final RestartTracker tracker;

	private final MonotonicClock clock = new MonotonicClock();

	RestartDecisions(SupervisorSettings settings, SupervisorLog log) {
		this.settings = settings;
		this.log = log;
		this.name = settings.applicationName();
		this.tracker = new RestartTracker(settings.policy());
	}

	/**
	 * Count a run that ended and return the delay before the next one.
	 * @param ranFor how long it ran
	 * @return the delay, or {@code null} if the limits allow no more restarts
	 */
	@Nullable Duration nextRestart(Duration ranFor) {
		return this.tracker.nextRestart(ranFor, this.clock.instant());
	}

	/**
	 * Log that the application restarts after a delay.
	 * @param delay the delay
	 * @param restart the number of the restart
	 * @param ranFor how long the run that ended ran
	 * @param prestarted the JVM that boots for the next run meanwhile, if there is one
	 */
	void logRestarting(Duration delay, int restart, Duration ranFor, @Nullable Process prestarted) {
		this.log.info("Restarting " + this.name + " in " + DurationFormat.of(delay) + " (restart " + restart
				+ limits(ranFor) + ")"
				+ ((prestarted != null) ? "; its JVM (pid " + prestarted.pid() + ") boots meanwhile" : ""));
	}

	private String limits(Duration ranFor) {
		StringBuilder limits = new StringBuilder();
		int maxRestarts = this.settings.policy().getMaxRestarts();
		if (maxRestarts >= 0) {
			limits.append(", ")
				.append(this.tracker.restartsWithinWindow(this.clock.instant()))
				.append(" of at most ")
				.append(maxRestarts)
				.append(" within ")
				.append(DurationFormat.of(this.settings.policy().getWindow()));
		}
		Duration minUptime = this.settings.policy().getResetAfter();
		if (ranFor.compareTo(minUptime) < 0) {
			limits.append(", a failed start: it ran less than daemon.supervisor.min-uptime=")
				.append(DurationFormat.of(minUptime));
		}
		return limits.toString();
	}

	/**
	 * Log that the application is not restarted because of its exit status.
	 * @param exitStatus the exit status
	 */
	void logNotRestarting(int exitStatus) {
		boolean clean = ApplicationExit.isClean(exitStatus) && !this.settings.noRestartExitCodes().contains(exitStatus);
		this.log.info(clean ? "Not restarting " + this.name + ": it ended cleanly; the supervisor ends"
				: "Not restarting " + this.name + ": exit status " + exitStatus
						+ " is in daemon.supervisor.no-restart-exit-codes; the supervisor ends");
	}

	/**
	 * Log that the supervisor gives up: the limits allow no more restarts.
	 * @param description how the last run ended
	 * @param ranFor how long it ran
	 */
	void logGivingUp(String description, Duration ranFor) {
		this.log.error("Giving up on " + this.name + ": it was restarted "
				+ this.tracker.restartsWithinWindow(this.clock.instant()) + " times within "
				+ DurationFormat.of(this.settings.policy().getWindow())
				+ ", the most that daemon.supervisor.max-restarts=" + this.settings.policy().getMaxRestarts()
				+ " within daemon.supervisor.window=" + DurationFormat.of(this.settings.policy().getWindow())
				+ " allow; its last run ended after " + DurationFormat.of(ranFor) + ": " + description
				+ ". Removing PID file " + this.settings.pidFile());
	}

}
