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

package io.github.daemonstarter.actuate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.daemonstarter.pid.PidFile;
import io.github.daemonstarter.pid.PidFileStatus;
import io.github.daemonstarter.posix.Posix;
import io.github.daemonstarter.posix.ProcFs;
import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Locates and inspects the PID file and log file of the running daemon, for the actuator
 * endpoint and the health indicator.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class DaemonFiles {

	private static final int STDOUT = 1;

	private DaemonFiles() {
	}

	/**
	 * Inspect a PID file without disturbing it.
	 * @param pidFile the PID file
	 * @return its status, or {@code null} if it cannot be inspected (no native access)
	 */
	public static @Nullable PidFileStatus status(String pidFile) {
		try {
			return new PidFile(Posix::get, Path.of(pidFile).toAbsolutePath()).status();
		}
		catch (RuntimeException | LinkageError ex) {
			return null;
		}
	}

	/**
	 * Return whether the given process holds the lock on a PID file.
	 * @param pidFile the PID file, if any
	 * @param pid the process
	 * @return whether it holds the lock, or {@code null} if there is no PID file or it
	 * cannot be inspected
	 */
	public static @Nullable Boolean isLockedBy(@Nullable String pidFile, long pid) {
		if (!StringUtils.hasText(pidFile)) {
			return null;
		}
		PidFileStatus status = status(pidFile);
		if (status == null) {
			return null;
		}
		return status.state() == PidFileStatus.State.LOCKED && Long.valueOf(pid).equals(status.pid());
	}

	/**
	 * Return the log file: the regular file that standard output goes to, as in daemon
	 * mode, or else {@code logging.file.name}.
	 * @param environment the environment
	 * @return the log file, or {@code null} if there is none
	 */
	public static @Nullable String logFile(Environment environment) {
		try {
			Path target = ProcFs.system().selfFileDescriptorTarget(STDOUT);
			if (target.isAbsolute() && Files.isRegularFile(target)) {
				return target.toString();
			}
		}
		catch (IOException | UnsupportedOperationException | SecurityException ex) {
			// Not Linux or no access: fall back to the configured file
		}
		String name = environment.getProperty("logging.file.name");
		return StringUtils.hasText(name) ? name : null;
	}

}
