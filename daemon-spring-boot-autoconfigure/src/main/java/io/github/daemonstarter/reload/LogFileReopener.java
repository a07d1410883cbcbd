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

package io.github.daemonstarter.reload;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Supplier;

import io.github.daemonstarter.posix.Posix;
import io.github.daemonstarter.posix.Posix.FileIdentity;
import org.jspecify.annotations.Nullable;

/**
 * Points standard output and standard error of this process at a freshly opened log file,
 * the way {@code logrotate}'s {@code create} mode expects a daemon to react to
 * {@code SIGHUP}: once the old file has been moved away, the configured path is opened
 * again (created if missing) and everything written from then on goes there; the moved
 * file gets nothing more.
 * <p>
 * Both descriptors are replaced with {@code dup2(2)}, so that every writer, the logging
 * system's console appender, {@code System.out} and the JVM's own messages alike, moves
 * at once, and a write goes either to the old file or to the new one, never nowhere. A
 * created file gets the permissions the old one had, less write access for group and
 * others, and belongs to the daemon's user, which is the user that owned the old one.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class LogFileReopener {

	private static final int STANDARD_OUTPUT = 1;

	private static final int STANDARD_ERROR = 2;

	private static final int GROUP_AND_OTHERS_WRITE = 0022;

	private static final int DEFAULT_PERMISSIONS = 0644;

	private final Supplier<Posix> posix;

	private final Path logFile;

	private final int[] descriptors;

	/**
	 * Create a new instance.
	 * @param posix the native layer, loaded when the file is first reopened
	 * @param logFile the configured log file, which standard output and error append to
	 */
	public LogFileReopener(Supplier<Posix> posix, Path logFile) {
		this(posix, logFile, STANDARD_OUTPUT, STANDARD_ERROR);
	}

	LogFileReopener(Supplier<Posix> posix, Path logFile, int... descriptors) {
		this.posix = posix;
		this.logFile = logFile.toAbsolutePath();
		this.descriptors = descriptors.clone();
	}

	/**
	 * Return the configured log file.
	 * @return the log file
	 */
	public Path getLogFile() {
		return this.logFile;
	}

	/**
	 * Open the log file again and point standard output and standard error at it.
	 * @return whether the file was another one than before (moved away, or removed)
	 * @throws IllegalStateException if the file cannot be opened, with the reason; the
	 * streams then keep writing where they did
	 */
	public boolean reopen() {
		Posix posix = this.posix.get();
		System.out.flush();
		System.err.flush();
		FileIdentity previous = current(posix, this.descriptors[0]);
		int permissions = ((previous != null && previous.isRegularFile()) ? previous.permissions()
				: DEFAULT_PERMISSIONS) & ~GROUP_AND_OTHERS_WRITE;
		int fd = posix.openForAppend(this.logFile.toString(), permissions);
		if (fd < 0) {
			throw new IllegalStateException(
					"cannot open log file " + this.logFile + ": " + posix.strerror(posix.errno()));
		}
		try {
			FileIdentity opened = posix.fstat(fd);
			boolean replaced = previous == null || opened.inode() != previous.inode()
					|| opened.device() != previous.device();
			if (replaced && opened.owner() == posix.geteuid()) {
				posix.fchmod(fd, permissions);
			}
			for (int descriptor : this.descriptors) {
				if (posix.dup2(fd, descriptor) < 0) {
					throw new IllegalStateException("cannot point file descriptor " + descriptor + " at log file "
							+ this.logFile + ": " + posix.strerror(posix.errno()));
				}
			}
			return replaced;
		}
		finally {
			posix.close(fd);
		}
	}

	private static @Nullable FileIdentity current(Posix posix, int descriptor) {
		try {
			return posix.fstat(descriptor);
		}
		catch (UncheckedIOException ex) {
			return null;
		}
	}

}
