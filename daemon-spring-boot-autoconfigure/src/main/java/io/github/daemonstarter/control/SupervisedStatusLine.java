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

package io.github.daemonstarter.control;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import io.github.daemonstarter.DaemonConsole;
import io.github.daemonstarter.status.SupervisorReload;
import io.github.daemonstarter.status.SupervisorState;
import io.github.daemonstarter.status.SupervisorStatus;
import org.jspecify.annotations.Nullable;

/**
 * The line that {@code --daemon=status} prints for a daemon that a process supervisor
 * runs: the application's PID and uptime, the supervisor's PID, the restarts and how the
 * application last ended.
 *
 * @author Daemon Starter Team
 */
final class SupervisedStatusLine {

	private SupervisedStatusLine() {
	}

	static String of(String name, SupervisorStatus supervisor, Path logFile, Instant now) {
		return of(name, supervisor, null, logFile, now);
	}

	/**
	 * Return the line.
	 * @param name the name of the application
	 * @param supervisor the status of the supervisor
	 * @param degraded why the running application is degraded, or {@code null} if it is
	 * not
	 * @param logFile the log file
	 * @param now the current time
	 * @return the line
	 */
	static String of(String name, SupervisorStatus supervisor, @Nullable String degraded, Path logFile, Instant now) {
		return of(name, supervisor, degraded, "", logFile, now);
	}

	/**
	 * Return the status line of a supervised daemon with the fast start of its
	 * application's JVM.
	 * @param name the application's name
	 * @param supervisor the status of the supervisor
	 * @param degraded why the application is degraded, or {@code null}
	 * @param fastStart the fast start part of the line, from {@link FastStartStatus}
	 * @param logFile the log file
	 * @param now the current time
	 * @return the line
	 */
	static String of(String name, SupervisorStatus supervisor, @Nullable String degraded, String fastStart,
			Path logFile, Instant now) {
		StringBuilder line = new StringBuilder(name);
		Long applicationPid = supervisor.applicationPid();
		if (supervisor.isIn(SupervisorState.BACKOFF)) {
			line.append(" is restarting (supervisor pid ").append(supervisor.supervisorPid());
			Instant next = supervisor.nextRestartAt();
			if (next != null) {
				line.append(", next start in ").append(DaemonConsole.formatUptime(between(now, next)));
			}
			Long nextApplicationPid = supervisor.nextApplicationPid();
			if (nextApplicationPid != null) {
				line.append(", its JVM booting as pid ").append(nextApplicationPid);
			}
		}
		else if (applicationPid != null) {
			line.append(" is running");
			if (degraded != null) {
				line.append(", degraded: ").append(degraded);
			}
			line.append(" (pid ").append(applicationPid);
			line.append(", supervisor pid ").append(supervisor.supervisorPid());
			Instant startedAt = supervisor.applicationStartedAt();
			if (startedAt != null) {
				line.append(", up ").append(DaemonConsole.formatUptime(between(startedAt, now)));
			}
			appendHandover(line, supervisor);
		}
		else {
			line.append(" is ").append(supervisor.isIn(SupervisorState.STOPPING) ? "stopping" : "starting");
			line.append(" (supervisor pid ").append(supervisor.supervisorPid());
		}
		line.append(", ").append(supervisor.restarts()).append((supervisor.restarts() == 1) ? " restart" : " restarts");
		String lastExit = supervisor.lastExit();
		if (lastExit != null) {
			line.append(", last exit: ").append(lastExit);
			line.append(ago(supervisor.lastExitAt(), now));
		}
		appendReloads(line, supervisor.reload(), now);
		if (applicationPid != null && !supervisor.isIn(SupervisorState.BACKOFF)) {
			line.append(fastStart);
		}
		return line.append(", log file ").append(logFile).append(")").toString();
	}

	private static void appendHandover(StringBuilder line, SupervisorStatus supervisor) {
		Long next = supervisor.nextApplicationPid();
		if (supervisor.isIn(SupervisorState.RELOADING) && next != null) {
			line.append(", serving while pid ").append(next).append(" starts to take over on the same socket");
		}
		Long retiring = supervisor.reload().retiringPid();
		if (retiring != null) {
			line.append(", serving since a reload while pid ").append(retiring).append(" finishes its requests");
		}
	}

	private static void appendReloads(StringBuilder line, SupervisorReload reload, Instant now) {
		if (reload.count() > 0) {
			line.append(", ").append(reload.count()).append((reload.count() == 1) ? " reload" : " reloads");
		}
		if (reload.lastFailed() && reload.lastAt() != null) {
			line.append(", last reload failed").append(ago(reload.lastAt(), now));
		}
	}

	/**
	 * Return whether the line describes a running application, the only one that can be
	 * degraded: not one in backoff, whose next JVM is still held.
	 * @param supervisor the status of the supervisor
	 * @return whether the application runs
	 */
	static boolean isRunning(SupervisorStatus supervisor) {
		return !supervisor.isIn(SupervisorState.BACKOFF) && supervisor.applicationPid() != null;
	}

	private static String ago(@Nullable Instant then, Instant now) {
		return (then != null) ? " " + DaemonConsole.formatUptime(between(then, now)) + " ago" : "";
	}

	private static Duration between(Instant from, Instant to) {
		Duration duration = Duration.between(from, to);
		return duration.isNegative() ? Duration.ZERO : duration;
	}

}
