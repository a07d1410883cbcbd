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

import io.github.daemonstarter.ExitStatus;

/**
 * The status of a daemon, with the exit code that {@code --daemon=status} ends with (LSB
 * {@code status} action).
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public enum DaemonStatus {

	/**
	 * The daemon is running.
	 */
	RUNNING(ExitStatus.OK),

	/**
	 * The daemon is dead but its PID file exists.
	 */
	DEAD(ExitStatus.FAILURE),

	/**
	 * The daemon is not running.
	 */
	NOT_RUNNING(ExitStatus.NOT_RUNNING),

	/**
	 * The status cannot be determined, for example for lack of permission.
	 */
	UNKNOWN(ExitStatus.NO_PERMISSION);

	private final int exitCode;

	DaemonStatus(int exitCode) {
		this.exitCode = exitCode;
	}

	/**
	 * Return the exit code of {@code --daemon=status} for this status.
	 * @return the exit code
	 */
	public int getExitCode() {
		return this.exitCode;
	}

}
