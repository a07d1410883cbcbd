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

package io.github.daemonstarter.pid;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a PID file is locked by another running instance.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public class PidFileLockedException extends RuntimeException {

	private final @Nullable Long pid;

	/**
	 * Create a new exception.
	 * @param path the PID file
	 * @param pid the PID of the instance that holds the lock, or {@code null} if unknown
	 */
	public PidFileLockedException(Path path, @Nullable Long pid) {
		super("PID file " + path + " is locked by " + ((pid != null) ? "pid " + pid : "another process"));
		this.pid = pid;
	}

	/**
	 * Return the PID of the instance that holds the lock.
	 * @return the PID or {@code null} if unknown
	 */
	public @Nullable Long getPid() {
		return this.pid;
	}

}
