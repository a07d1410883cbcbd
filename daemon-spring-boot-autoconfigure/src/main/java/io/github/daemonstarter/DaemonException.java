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

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A failure that ends a daemon command with a one-line message and an exit status.
 * <p>
 * The message names what is wrong and what to change, for example {@code PID file
 * directory /run/app does not exist (spring.pid.file): create it or point
 * spring.pid.file elsewhere}.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public class DaemonException extends RuntimeException {

	private final int exitStatus;

	/**
	 * Create a new exception.
	 * @param exitStatus the exit status the command ends with, never {@code 0}
	 * @param message the one-line message shown to the user
	 */
	public DaemonException(int exitStatus, String message) {
		this(exitStatus, message, null);
	}

	/**
	 * Create a new exception.
	 * @param exitStatus the exit status the command ends with, never {@code 0}
	 * @param message the one-line message shown to the user
	 * @param cause the cause or {@code null}
	 */
	public DaemonException(int exitStatus, String message, @Nullable Throwable cause) {
		super(message, cause);
		Assert.isTrue(exitStatus != 0, "'exitStatus' must not be 0");
		this.exitStatus = exitStatus;
	}

	/**
	 * Return the exit status the command ends with.
	 * @return the exit status
	 */
	public int getExitStatus() {
		return this.exitStatus;
	}

	/**
	 * Return the first line of the message of the root cause of the given exception, or
	 * the name of its type when it has no message: the part worth one line to the user.
	 * @param ex the exception
	 * @return the message of its root cause
	 */
	public static String rootCauseMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = (root.getMessage() != null) ? root.getMessage() : root.getClass().getName();
		return message.lines().findFirst().orElse(message);
	}

}
