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
import io.github.daemonstarter.pid.PidFileLockedException;
import io.github.daemonstarter.posix.Posix;
import io.github.daemonstarter.runtime.DaemonRuntime;
import io.github.daemonstarter.runtime.LaunchReporter;
import io.github.daemonstarter.runtime.StartupReporter;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;

/**
 * The start of the detached child that a launcher waits for: it locks and writes the PID
 * file and reports the outcome of the start on the launcher's socket.
 *
 * @author Daemon Starter Team
 */
final class DetachedChildStart {

	private final DaemonExit exit;

	DetachedChildStart(DaemonExit exit) {
		this.exit = exit;
	}

	void run(ApplicationEnvironmentPreparedEvent event, Path socket) {
		LaunchReporter reporter = LaunchReporter.connect(socket);
		try {
			Posix posix = Posix.get();
			DaemonSettings settings = DaemonSettings.resolveDetached(event.getEnvironment(),
					Path.of("").toAbsolutePath());
			new DaemonRuntime(settings, posix).prepare(event, true);
			event.getSpringApplication().addListeners(new StartupReporter(reporter));
		}
		catch (PidFileLockedException ex) {
			reporter.locked(ex.getPid());
			this.exit.exit(ExitStatus.OK);
		}
		catch (DaemonException ex) {
			reporter.refused(ex.getExitStatus(), ex.getMessage());
			throw ex;
		}
	}

}
