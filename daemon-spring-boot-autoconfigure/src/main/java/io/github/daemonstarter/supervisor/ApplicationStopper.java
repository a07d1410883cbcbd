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
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.daemonstarter.restart.DurationFormat;
import org.jspecify.annotations.Nullable;

/**
 * Stops the JVMs of a {@link DaemonSupervisor}'s application: {@code SIGTERM}, then,
 * after the stop timeout, {@code SIGKILL} to the JVM and its descendants.
 *
 * @author Daemon Starter Team
 */
final class ApplicationStopper {

	private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);

	private final SupervisorSettings settings;

	private final SupervisorLog log;

	private final String name;

	ApplicationStopper(SupervisorSettings settings, SupervisorLog log) {
		this.settings = settings;
		this.log = log;
		this.name = settings.applicationName();
	}

	/**
	 * Stop the application for good, logging how long it took and how it ended.
	 * @param process the application
	 */
	void stop(Process process) {
		this.log.info("Stopping " + this.name + " (pid " + process.pid() + ")");
		long startedNanos = System.nanoTime();
		Integer exitStatus = terminate(process);
		if (exitStatus != null) {
			this.log.info(this.name + " (pid " + process.pid() + ") stopped after "
					+ DurationFormat.of(Duration.ofNanos(System.nanoTime() - startedNanos)) + ": "
					+ ApplicationExit.describe(exitStatus));
		}
	}

	/**
	 * Send {@code SIGTERM} to the application and wait up to the stop timeout for it to
	 * end, then kill it and its descendants with {@code SIGKILL}.
	 * @param process the application
	 * @return its exit status, or {@code null} if it did not end even then
	 */
	@Nullable Integer terminate(Process process) {
		// SIGTERM, through the handle: the application shuts down gracefully
		process.toHandle().destroy();
		try {
			if (process.waitFor(this.settings.stopTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
				return process.exitValue();
			}
			List<ProcessHandle> descendants = process.descendants().toList();
			this.log.warn(this.name + " (pid " + process.pid() + ") did not stop within "
					+ DurationFormat.of(this.settings.stopTimeout()) + ": killing it and its " + descendants.size()
					+ " descendant process(es) with SIGKILL");
			descendants.forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly();
			return process.waitFor(KILL_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS) ? process.exitValue() : null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

}
