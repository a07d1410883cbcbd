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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import io.github.daemonstarter.DaemonException;
import io.github.daemonstarter.ExitStatus;
import io.github.daemonstarter.posix.Posix;
import io.github.daemonstarter.posix.Posix.FileIdentity;
import io.github.daemonstarter.posix.ProcessState;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A PID file that is locked with {@code flock(2)} for the whole life of the daemon that
 * it names.
 * <p>
 * The lock, not the PID inside the file, says whether the daemon runs: a file whose lock
 * nobody holds is stale, whatever PID it names, so a PID reused by an unrelated process
 * is never mistaken for the daemon. An {@code flock} survives other descriptors of the
 * same file being closed (unlike the POSIX record locks of {@code FileChannel}), so
 * Spring Boot's {@code ApplicationPidFileWriter} can write the PID into the locked file.
 * The file is never opened through a symbolic link.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class PidFile {

	private static final int UNLOCK = 8;

	private static final int FILE_MODE = 0644;

	private static final int GROUP_OR_OTHERS_WRITE = 0022;

	private static final Duration TRANSIENT_LOCK_WAIT = Duration.ofSeconds(2);

	private static final String PID_EXTENSION = ".pid";

	private final Supplier<Posix> posix;

	private final Path path;

	private final PidFilePath file;

	/**
	 * Create a new instance.
	 * @param posix the native POSIX layer
	 * @param path the absolute path of the PID file
	 */
	public PidFile(Posix posix, Path path) {
		this(() -> posix, path, new LockHolders());
	}

	/**
	 * Create a new instance that loads the native POSIX layer only when a question cannot
	 * be answered from {@code /proc}: a running daemon's status needs no native call.
	 * @param posix supplies the native POSIX layer
	 * @param path the absolute path of the PID file
	 */
	public PidFile(Supplier<Posix> posix, Path path) {
		this(posix, path, new LockHolders());
	}

	PidFile(Supplier<Posix> posix, Path path, LockHolders lockHolders) {
		Assert.notNull(posix, "'posix' must not be null");
		Assert.isTrue(path.isAbsolute(), () -> "'path' must be absolute, was " + path);
		this.posix = posix;
		this.path = path;
		this.file = new PidFilePath(path, lockHolders);
	}

	private Posix posix() {
		return this.posix.get();
	}

	/**
	 * Return a file that belongs beside a PID file: its name without the {@code .pid}
	 * extension, followed by the given suffix. {@code app.pid} and {@code app} with the
	 * suffix {@code .status} both give {@code app.status}.
	 * @param pidFile the PID file
	 * @param suffix what follows the name without its extension
	 * @return the path of the file beside the PID file
	 */
	public static Path sibling(Path pidFile, String suffix) {
		String name = pidFile.getFileName().toString();
		String base = (name.endsWith(PID_EXTENSION) && name.length() > PID_EXTENSION.length())
				? name.substring(0, name.length() - PID_EXTENSION.length()) : name;
		return pidFile.resolveSibling(base + suffix);
	}

	/**
	 * Return the path of this PID file.
	 * @return the path
	 */
	public Path getPath() {
		return this.path;
	}

	/**
	 * Create the PID file if needed and lock it exclusively for the life of this process.
	 * A file owned by another user or writable by group or others is replaced or
	 * tightened first; a file whose lock nobody holds is taken over, whatever it
	 * contains. A lock held by a process that the file does not name (a starting daemon
	 * that has not written its PID yet, or a command that is removing a stale file) is
	 * waited for briefly before it counts as a running instance.
	 * @return the lock
	 * @throws PidFileLockedException if another process holds the lock
	 * @throws DaemonException if the file cannot be created or locked
	 */
	public PidFileLock lock() {
		long deadline = System.nanoTime() + TRANSIENT_LOCK_WAIT.toNanos();
		while (true) {
			int fd = open(true);
			try {
				FileIdentity identity = posix().fstat(fd);
				if (!identity.isRegularFile()) {
					throw new DaemonException(ExitStatus.NOT_CONFIGURED, "PID file " + this.path
							+ " is not a regular file: remove it or set spring.pid.file to another path");
				}
				if (posix().flock(fd, Posix.LOCK_EX | Posix.LOCK_NB) != 0) {
					int errno = posix().errno();
					if (!Posix.isWouldBlock(errno)) {
						throw new DaemonException(ExitStatus.FAILURE,
								"Cannot lock PID file " + this.path + " (" + posix().strerror(errno) + ")");
					}
					Long holder = this.file.exclusiveHolder(identity);
					Long named = readPid();
					if ((holder != null && holder.equals(named)) || System.nanoTime() > deadline) {
						throw new PidFileLockedException(this.path, (holder != null) ? holder : named);
					}
					pause();
					continue;
				}
				if (!this.file.isStillAt(identity)) {
					continue;
				}
				if (identity.owner() != posix().geteuid()) {
					replaceForeignFile(identity);
					continue;
				}
				if ((identity.permissions() & GROUP_OR_OTHERS_WRITE) != 0) {
					posix().fchmod(fd, identity.permissions() & ~GROUP_OR_OTHERS_WRITE);
				}
				PidFileLock lock = new PidFileLock(posix(), this.path, fd);
				fd = -1;
				return lock;
			}
			finally {
				if (fd >= 0) {
					posix().close(fd);
				}
			}
		}
	}

	private void replaceForeignFile(FileIdentity identity) {
		try {
			Files.delete(this.path);
		}
		catch (IOException ex) {
			throw new DaemonException(ExitStatus.NO_PERMISSION,
					"PID file " + this.path + " belongs to another user (uid " + identity.owner()
							+ ") and cannot be replaced: remove it or set spring.pid.file to another path");
		}
	}

	/**
	 * Inspect the PID file without disturbing a running daemon.
	 * @return the status
	 */
	public PidFileStatus status() {
		if (Files.notExists(this.path, LinkOption.NOFOLLOW_LINKS)) {
			return new PidFileStatus(PidFileStatus.State.ABSENT, null, "no PID file " + this.path);
		}
		Long holder = this.file.exclusiveHolder();
		if (holder != null) {
			return new PidFileStatus(PidFileStatus.State.LOCKED, holder, "pid " + holder);
		}
		int fd = posix().openNoFollow(this.path.toString(), false, 0);
		if (fd < 0) {
			int errno = posix().errno();
			if (Posix.isNotFound(errno)) {
				return new PidFileStatus(PidFileStatus.State.ABSENT, null, "no PID file " + this.path);
			}
			return new PidFileStatus(PidFileStatus.State.UNKNOWN, null,
					"cannot read PID file " + this.path + " (" + describe(errno) + ")");
		}
		try {
			FileIdentity identity = posix().fstat(fd);
			if (!identity.isRegularFile()) {
				return new PidFileStatus(PidFileStatus.State.UNKNOWN, null,
						"PID file " + this.path + " is not a regular file");
			}
			boolean locked = posix().flock(fd, Posix.LOCK_SH | Posix.LOCK_NB) != 0
					&& Posix.isWouldBlock(posix().errno());
			Long pid = readPid();
			if (locked) {
				Long lockHolder = this.file.exclusiveHolder(identity);
				Long running = (lockHolder != null) ? lockHolder : pid;
				return new PidFileStatus(PidFileStatus.State.LOCKED, running,
						(running != null) ? "pid " + running : "starting, PID not yet written");
			}
			posix().flock(fd, UNLOCK);
			if (pid == null) {
				return new PidFileStatus(PidFileStatus.State.STALE, null,
						"PID file " + this.path + " does not hold a PID and is not locked");
			}
			if (ProcessState.isRunning(pid)) {
				return new PidFileStatus(PidFileStatus.State.STALE, pid,
						"PID file " + this.path + " names pid " + pid + ", which now belongs to an unrelated process");
			}
			return new PidFileStatus(PidFileStatus.State.STALE, pid,
					"PID file " + this.path + " names pid " + pid + ", which is gone");
		}
		finally {
			posix().close(fd);
		}
	}

	/**
	 * Wait until the lock on the PID file is released or the timeout elapses. The wait
	 * blocks in {@code flock(2)}, so it ends the moment the daemon's process exits. The
	 * shared lock taken by the wait is dropped before this method returns, so that the
	 * file can be deleted right away.
	 * @param timeout how long to wait
	 * @return whether the lock was released (or the file is gone) within the timeout
	 * @throws InterruptedException if the current thread is interrupted
	 */
	public boolean awaitUnlocked(Duration timeout) throws InterruptedException {
		return new PidFileUnlockWait(this.posix, this.path, this.file).await(timeout);
	}

	/**
	 * Delete the PID file if no process holds its lock. Shared locks held for a moment by
	 * {@link #status()} or {@link #awaitUnlocked(Duration)} are waited out.
	 * @return whether a stale file was deleted
	 */
	public boolean deleteIfStale() {
		if (Files.notExists(this.path, LinkOption.NOFOLLOW_LINKS)) {
			return false;
		}
		int fd = posix().openNoFollow(this.path.toString(), false, 0);
		if (fd < 0) {
			return false;
		}
		try {
			FileIdentity identity = posix().fstat(fd);
			if (!identity.isRegularFile() || !lockUnlessHeldExclusively(fd, identity)) {
				return false;
			}
			if (!this.file.isStillAt(identity)) {
				return false;
			}
			Files.deleteIfExists(this.path);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
		finally {
			posix().close(fd);
		}
	}

	private boolean lockUnlessHeldExclusively(int fd, FileIdentity identity) {
		long deadline = System.nanoTime() + TRANSIENT_LOCK_WAIT.toNanos();
		while (posix().flock(fd, Posix.LOCK_EX | Posix.LOCK_NB) != 0) {
			if (!Posix.isWouldBlock(posix().errno()) || this.file.exclusiveHolder(identity) != null
					|| System.nanoTime() > deadline) {
				return false;
			}
			pause();
		}
		return true;
	}

	/**
	 * Read the PID that the file holds.
	 * @return the PID or {@code null} if the file is missing, unreadable, not a regular
	 * file (a symbolic link is not followed) or does not hold a valid PID
	 */
	public @Nullable Long readPid() {
		return this.file.readPid();
	}

	private int open(boolean create) {
		int fd = posix().openNoFollow(this.path.toString(), create, FILE_MODE);
		if (fd >= 0) {
			return fd;
		}
		int errno = posix().errno();
		Path directory = this.path.getParent();
		if (Posix.isNotFound(errno)) {
			throw new DaemonException(ExitStatus.NOT_CONFIGURED, "PID file directory " + directory
					+ " does not exist: create it or set spring.pid.file to a path in an existing directory");
		}
		if (Posix.isSymbolicLink(errno)) {
			throw new DaemonException(ExitStatus.NOT_CONFIGURED, "PID file " + this.path
					+ " is a symbolic link, which is never followed: remove it or set spring.pid.file to another path");
		}
		if (Posix.isPermissionDenied(errno)) {
			throw new DaemonException(ExitStatus.NO_PERMISSION, "Cannot write PID file " + this.path
					+ " (permission denied): make " + directory + " writable or set spring.pid.file elsewhere");
		}
		throw new DaemonException(ExitStatus.FAILURE, "Cannot open PID file " + this.path + " ("
				+ posix().strerror(errno) + "): set spring.pid.file to a writable path");
	}

	private String describe(int errno) {
		if (Posix.isSymbolicLink(errno)) {
			return "a symbolic link, which is never followed";
		}
		return Posix.isPermissionDenied(errno) ? "permission denied" : posix().strerror(errno);
	}

	private static void pause() {
		LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
	}

}
