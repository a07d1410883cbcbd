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

import java.nio.file.Path;

import io.github.daemonstarter.posix.Posix;
import io.github.daemonstarter.reload.HangupSignal;
import io.github.daemonstarter.reload.LogFileReopener;

/**
 * The signals a {@link DaemonSupervisor} handles: {@code SIGHUP} reopens the log file and
 * restarts the application, and {@code SIGTERM} and {@code SIGINT} stop it through the
 * JVM's shutdown hook, as in any JVM.
 *
 * @author Daemon Starter Team
 */
final class SupervisorSignals {

	private final SupervisorSettings settings;

	private final SupervisorLog log;

	private final String name;

	SupervisorSignals(SupervisorSettings settings, SupervisorLog log) {
		this.settings = settings;
		this.log = log;
		this.name = settings.applicationName();
	}

	/**
	 * Install the handlers. A {@code SIGHUP} that cannot be handled is logged: the
	 * supervisor runs on without reload.
	 * @param reload what {@code SIGHUP} does after the log file is reopened, on a thread
	 * of its own
	 * @param stop what {@code SIGTERM} and {@code SIGINT} do, in the shutdown hook
	 */
	void install(Runnable reload, Runnable stop) {
		try {
			if (!HangupSignal.handle(() -> {
				reopenLogFile();
				reload.run();
			})) {
				this.log.warn("SIGHUP was ignored when the supervisor started (nohup?), so it cannot restart "
						+ this.name + "; start it with SIGHUP at its default disposition");
			}
		}
		catch (IllegalArgumentException ex) {
			this.log.warn("Cannot handle SIGHUP (" + ex.getMessage() + "), so it cannot restart " + this.name);
		}
		Runtime.getRuntime().addShutdownHook(new Thread(stop, "supervisor-stop"));
	}

	/**
	 * Reopen the log file on {@code SIGHUP}, so that the application started next writes
	 * into the new file.
	 */
	private void reopenLogFile() {
		Path logFile = this.settings.logFile();
		if (logFile == null) {
			return;
		}
		try {
			boolean replaced = new LogFileReopener(Posix::get, logFile).reopen();
			this.log.info("Received SIGHUP: reopened log file " + logFile
					+ (replaced ? " (a new file: the previous one was moved or removed)" : " (the same file)"));
		}
		catch (RuntimeException ex) {
			this.log.warn("Received SIGHUP: " + ex.getMessage() + "; logging goes on into the previous file");
		}
	}

}
