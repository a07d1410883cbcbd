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

import io.github.daemonstarter.posix.Posix;

/**
 * An exclusive lock on a PID file, held through an open file descriptor until the process
 * ends or the lock is {@link #release() released}.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class PidFileLock {

	private final Posix posix;

	private final Path path;

	private final int fd;

	private volatile boolean released;

	PidFileLock(Posix posix, Path path, int fd) {
		this.posix = posix;
		this.path = path;
		this.fd = fd;
	}

	/**
	 * Return the locked PID file.
	 * @return the path of the PID file
	 */
	public Path getPath() {
		return this.path;
	}

	/**
	 * Return whether this lock is still held.
	 * @return whether the lock is held
	 */
	public boolean isHeld() {
		return !this.released;
	}

	/**
	 * Release the lock by closing its file descriptor. The PID file itself is left in
	 * place. A process normally never calls this: the lock ends with the process.
	 */
	public synchronized void release() {
		if (!this.released) {
			this.released = true;
			this.posix.close(this.fd);
		}
	}

}
