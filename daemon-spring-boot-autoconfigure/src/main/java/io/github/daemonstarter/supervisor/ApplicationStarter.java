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

import java.io.IOException;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.util.Map;

import io.github.daemonstarter.handshake.LaunchHandshake;
import org.jspecify.annotations.Nullable;

/**
 * Starts the JVMs of a {@link DaemonSupervisor}'s application and lets them start the
 * application: each JVM inherits the supervisor's standard output and error (the log
 * file) and reads its standard input from a pipe, on which it waits for one byte before
 * the application starts (see {@link SupervisedApplication#awaitStart()}).
 *
 * @author Daemon Starter Team
 */
final class ApplicationStarter {

	private final SupervisorSettings settings;

	private final SupervisorLog log;

	private final long supervisorPid;

	ApplicationStarter(SupervisorSettings settings, SupervisorLog log, long supervisorPid) {
		this.settings = settings;
		this.log = log;
		this.supervisorPid = supervisorPid;
	}

	/**
	 * Start a JVM for the application, which waits until {@link #allowStart(Process)}.
	 * The first run, with no restart before, is the only one that answers the launcher's
	 * handshake.
	 * @param restarts how often the application was restarted before this run
	 * @return the process, or {@code null} if it could not be started
	 */
	@Nullable Process launch(int restarts) {
		ProcessBuilder builder = new ProcessBuilder(this.settings.command()).redirectInput(Redirect.PIPE)
			.redirectOutput(Redirect.INHERIT)
			.redirectError(Redirect.INHERIT);
		Map<String, String> environment = builder.environment();
		environment.put(SupervisedApplication.SUPERVISOR_PID_VARIABLE, Long.toString(this.supervisorPid));
		environment.put(SupervisedApplication.RESTARTS_VARIABLE, Integer.toString(restarts));
		if (restarts > 0) {
			environment.remove(LaunchHandshake.LAUNCHER_SOCKET_VARIABLE);
		}
		try {
			return builder.start();
		}
		catch (IOException ex) {
			this.log.error("Cannot start " + this.settings.applicationName() + " with " + this.settings.command() + " ("
					+ ex.getMessage() + ")");
			return null;
		}
	}

	/**
	 * Let the application start by writing one byte to its standard input, which stays
	 * open.
	 * @param process the application
	 */
	static void allowStart(Process process) {
		try {
			OutputStream input = process.getOutputStream();
			input.write(SupervisedApplication.START);
			input.flush();
		}
		catch (IOException ex) {
			// It has already ended: its exit status tells why
		}
	}

	/**
	 * Wait until the application ends.
	 * @param process the application
	 * @return its exit status
	 */
	static int awaitExit(Process process) {
		while (true) {
			try {
				return process.waitFor();
			}
			catch (InterruptedException ex) {
				// Nobody interrupts the main thread; wait on
			}
		}
	}

}
