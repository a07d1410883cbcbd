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
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.util.Map;

import io.github.daemonstarter.faststart.SupervisedFastStart;
import io.github.daemonstarter.handshake.LaunchHandshake;
import io.github.daemonstarter.server.InheritedServerSocket;
import io.github.daemonstarter.status.StatusFile;
import io.github.daemonstarter.supervised.ApplicationChannels;
import io.github.daemonstarter.supervised.SupervisedApplication;
import org.jspecify.annotations.Nullable;

/**
 * Starts the JVMs of a {@link DaemonSupervisor}'s application and lets them start the
 * application: each JVM inherits the supervisor's standard output and error (the log
 * file) and its standard input, which is the listening socket that the supervisor hands
 * over, if any. Each JVM connects to the supervisor's {@link ApplicationChannels} and
 * waits there for the supervisor to let its application start (see
 * {@link SupervisedApplication#awaitStart()}).
 *
 * @author Daemon Starter Team
 */
final class ApplicationStarter {

	private final SupervisorSettings settings;

	private final SupervisorLog log;

	private final long supervisorPid;

	private final ApplicationChannels channels;

	private final boolean handsOverServerSocket;

	private final SupervisedFastStart fastStart;

	private boolean launched;

	ApplicationStarter(SupervisorSettings settings, SupervisorLog log, long supervisorPid, ApplicationChannels channels,
			boolean handsOverServerSocket) {
		this.settings = settings;
		this.log = log;
		this.supervisorPid = supervisorPid;
		this.channels = channels;
		this.handsOverServerSocket = handsOverServerSocket;
		this.fastStart = new SupervisedFastStart(settings.fastStartDirectory(), settings.command().get(0), log::warn);
	}

	/**
	 * Start a JVM for the application, which waits until
	 * {@link #allowStart(Process, boolean)}. The first JVM is the only one that answers
	 * the launcher's handshake.
	 * @param restarts how often the application was restarted before this run
	 * @param pidFile the PID file that the JVM holds
	 * @return the process, or {@code null} if it could not be started
	 */
	@Nullable Process launch(int restarts, Path pidFile) {
		SupervisedFastStart.Launch fastStart = this.fastStart.prepare(this.settings.command());
		ProcessBuilder builder = new ProcessBuilder(fastStart.command()).redirectInput(Redirect.INHERIT)
			.redirectOutput(Redirect.INHERIT)
			.redirectError(Redirect.INHERIT);
		Map<String, String> environment = builder.environment();
		fastStart.environment().accept(environment);
		environment.put(SupervisedApplication.SUPERVISOR_PID_VARIABLE, Long.toString(this.supervisorPid));
		environment.put(SupervisedApplication.RESTARTS_VARIABLE, Integer.toString(restarts));
		environment.put(SupervisedApplication.SOCKET_VARIABLE, this.channels.getSocketPath().toString());
		if (this.handsOverServerSocket) {
			environment.put(InheritedServerSocket.SUPERVISOR_VARIABLE, Long.toString(this.supervisorPid));
		}
		else {
			environment.remove(InheritedServerSocket.SUPERVISOR_VARIABLE);
		}
		environment.put(SupervisedApplication.PID_FILE_VARIABLE, pidFile.toString());
		environment.put(SupervisedApplication.STATUS_FILE_VARIABLE,
				StatusFile.besidePidFile(this.settings.pidFile()).getPath().toString());
		if (this.launched) {
			environment.remove(LaunchHandshake.LAUNCHER_SOCKET_VARIABLE);
		}
		this.launched = true;
		try {
			return builder.start();
		}
		catch (IOException ex) {
			this.log.error("Cannot start " + this.settings.applicationName() + " with " + fastStart.command() + " ("
					+ ex.getMessage() + ")");
			return null;
		}
	}

	/**
	 * Let the application start, and its workers with it unless told otherwise.
	 * @param process the application
	 * @param workers whether its workers may start at once
	 */
	void allowStart(Process process, boolean workers) {
		this.channels.send(process.pid(), SupervisedApplication.START);
		if (workers) {
			allowWorkers(process);
		}
	}

	/**
	 * Let the application's workers start.
	 * @param process the application
	 */
	void allowWorkers(Process process) {
		this.channels.send(process.pid(), SupervisedApplication.WORKERS);
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
