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

package io.github.daemonstarter;

/**
 * Exit statuses of the daemon commands, following the LSB init script conventions.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 * @see <a href=
 * "https://refspecs.linuxbase.org/LSB_5.0.0/LSB-Core-generic/LSB-Core-generic/iniscrptact.html">LSB
 * init script actions</a>
 */
public final class ExitStatus {

	/**
	 * The command succeeded; for {@code status}, the daemon is running.
	 */
	public static final int OK = 0;

	/**
	 * Generic failure; for {@code status}, the daemon is dead but its PID file exists.
	 */
	public static final int FAILURE = 1;

	/**
	 * Invalid or excess arguments, for example an unknown command.
	 */
	public static final int INVALID_ARGUMENT = 2;

	/**
	 * For {@code status}: the daemon is not running.
	 */
	public static final int NOT_RUNNING = 3;

	/**
	 * Insufficient privilege; for {@code status}, the status is unknown.
	 */
	public static final int NO_PERMISSION = 4;

	/**
	 * What the daemon needs is not installed: unsupported OS or no native layer.
	 */
	public static final int NOT_INSTALLED = 5;

	/**
	 * The daemon is not configured correctly: an invalid or missing setting.
	 */
	public static final int NOT_CONFIGURED = 6;

	/**
	 * An action on the daemon, such as a reload, found it not running (LSB: "program is
	 * not running").
	 */
	public static final int PROGRAM_NOT_RUNNING = 7;

	private ExitStatus() {
	}

}
