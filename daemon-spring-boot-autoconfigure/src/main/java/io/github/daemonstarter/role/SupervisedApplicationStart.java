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

package io.github.daemonstarter.role;

import java.nio.file.Path;

import io.github.daemonstarter.DaemonException;
import io.github.daemonstarter.DaemonExit;
import io.github.daemonstarter.ExitStatus;
import io.github.daemonstarter.config.DaemonSettings;
import io.github.daemonstarter.config.SupervisorProperties.WorkerHandover;
import io.github.daemonstarter.handshake.LaunchHandshake;
import io.github.daemonstarter.pid.PidFileLockedException;
import io.github.daemonstarter.posix.Posix;
import io.github.daemonstarter.runtime.DaemonRuntime;
import io.github.daemonstarter.runtime.LaunchReporter;
import io.github.daemonstarter.runtime.StartupReporter;
import io.github.daemonstarter.server.InheritedServerSocket;
import io.github.daemonstarter.supervised.SupervisedApplication;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;

/**
 * The start of an application that a supervisor runs: it holds its own PID file beside
 * the supervisor's, reports to the launcher on its first run only, and shuts down
 * gracefully when the supervisor dies.
 *
 * @author Daemon Starter Team
 */
final class SupervisedApplicationStart {

	private final DaemonExit exit;

	SupervisedApplicationStart(DaemonExit exit) {
		this.exit = exit;
	}

	void run(ApplicationEnvironmentPreparedEvent event, SupervisedApplication supervised) {
		String socket = System.getenv(LaunchHandshake.LAUNCHER_SOCKET_VARIABLE);
		LaunchReporter reporter = LaunchReporter
			.connect((socket != null && !socket.isEmpty()) ? Path.of(socket) : null);
		try {
			DaemonSettings detached = DaemonSettings.resolveDetached(event.getEnvironment(),
					Path.of("").toAbsolutePath());
			Path pidFile = supervised.getPidFile();
			DaemonSettings settings = (pidFile != null) ? detached.supervised(pidFile) : detached.supervised();
			new DaemonRuntime(settings, Posix.get()).prepare(event, true);
			event.getSpringApplication()
				.addListeners(new StartupReporter(reporter, "application pid " + ProcessHandle.current().pid()));
			event.getSpringApplication().addListeners(new SupervisorReadiness(supervised));
			InheritedServerSocket.whenClosed(supervised::reportReleased);
			if (settings.getProperties().getSupervisor().getWorkerHandover() == WorkerHandover.SEQUENTIAL) {
				event.getSpringApplication()
					.addInitializers((context) -> context.getBeanFactory()
						.registerSingleton("daemonWorkerStartGate", new SupervisedWorkerStartGate(supervised)));
			}
			supervised.watchSupervisor(() -> this.exit.exit(ExitStatus.FAILURE));
		}
		catch (PidFileLockedException ex) {
			supervised.reportFailed("the application's PID file is locked by pid " + ex.getPid());
			reporter.refused(ExitStatus.FAILURE, "the application's PID file is locked by pid " + ex.getPid()
					+ ", an application that its supervisor left behind: stop it first");
			this.exit.exit(ExitStatus.FAILURE);
		}
		catch (DaemonException ex) {
			supervised.reportFailed(ex.getMessage());
			reporter.refused(ex.getExitStatus(), ex.getMessage());
			throw ex;
		}
	}

}
