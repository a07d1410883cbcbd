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
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.daemonstarter.DaemonException;
import io.github.daemonstarter.ExitStatus;
import io.github.daemonstarter.pid.PidFile;
import io.github.daemonstarter.pid.PidFileLock;
import io.github.daemonstarter.pid.PidFileLockedException;
import io.github.daemonstarter.posix.Posix;
import io.github.daemonstarter.status.StatusFile;
import io.github.daemonstarter.status.SupervisorStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.system.ApplicationPid;

/**
 * The files of a {@link DaemonSupervisor}: its PID file, which it locks for its lifetime,
 * and its status file beside it, which {@code --daemon=status} reads; both are removed
 * when the supervisor ends.
 *
 * @author Daemon Starter Team
 */
final class SupervisorFiles {

	private static @Nullable PidFileLock pidFileLock;

	private final SupervisorSettings settings;

	private final SupervisorLog log;

	private final StatusFile statusFile;

	private boolean statusWriteFailed;

	SupervisorFiles(SupervisorSettings settings, SupervisorLog log) {
		this.settings = settings;
		this.log = log;
		this.statusFile = StatusFile.besidePidFile(settings.pidFile());
	}

	/**
	 * Lock the PID file for the lifetime of this JVM and write this JVM's PID into it.
	 * @param pidFile the PID file
	 * @param log the log
	 * @return {@link ExitStatus#OK}, or the exit status for the supervisor if it cannot
	 * have the PID file
	 */
	static int lockPidFile(Path pidFile, SupervisorLog log) {
		try {
			pidFileLock = new PidFile(Posix::get, pidFile).lock();
			new ApplicationPid().write(pidFile.toFile());
			return ExitStatus.OK;
		}
		catch (PidFileLockedException ex) {
			Long holder = ex.getPid();
			log.warn("Not starting: " + ((holder != null) ? "pid " + holder : "another process")
					+ " holds the lock on PID file " + pidFile);
			return DaemonSupervisor.ALREADY_RUNNING_EXIT_STATUS;
		}
		catch (DaemonException ex) {
			log.error(ex.getMessage());
			return ex.getExitStatus();
		}
		catch (IOException ex) {
			log.error("Cannot write PID file " + pidFile + " (" + ex + ")");
			return ExitStatus.FAILURE;
		}
	}

	/**
	 * Write the status file. A failure is logged once and otherwise ignored: the status
	 * file only informs.
	 * @param status the supervisor's status
	 */
	void publish(SupervisorStatus status) {
		try {
			this.statusFile.write(status.toEntries());
		}
		catch (RuntimeException ex) {
			if (!this.statusWriteFailed) {
				this.statusWriteFailed = true;
				this.log.warn("Cannot write status file " + this.statusFile.getPath() + " (" + ex.getMessage()
						+ "); --daemon=status will show less");
			}
		}
	}

	/**
	 * Remove the status file and the PID file, and the application's PID file and status
	 * file if a killed application left them.
	 */
	void delete() {
		this.statusFile.delete();
		Path first = this.settings.applicationPidFile();
		deleteIfStale(first);
		deleteIfStale(ApplicationHandover.otherPidFile(first, first));
		try {
			Files.deleteIfExists(this.settings.pidFile());
		}
		catch (IOException ex) {
			this.log.warn("Cannot delete PID file " + this.settings.pidFile() + " (" + ex + ")");
		}
	}

	private void deleteIfStale(Path applicationPidFile) {
		try {
			if (new PidFile(Posix::get, applicationPidFile).deleteIfStale()) {
				StatusFile.besidePidFile(applicationPidFile).delete();
			}
		}
		catch (RuntimeException ex) {
			this.log.warn("Cannot delete the application's stale PID file " + applicationPidFile + " ("
					+ ex.getMessage() + ")");
		}
	}

}
