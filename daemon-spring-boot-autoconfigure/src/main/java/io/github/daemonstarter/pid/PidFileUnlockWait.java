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
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import io.github.daemonstarter.posix.Posix;

/**
 * Waits for the lock on a PID file to be released: in {@code flock(2)} when the file can
 * be opened, so that the wait ends the moment the daemon's process exits, or by polling
 * {@code /proc/locks} while it shows an exclusive holder.
 *
 * @author Daemon Starter Team
 */
final class PidFileUnlockWait {

	private static final long UNLOCK_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

	private final Supplier<Posix> posix;

	private final Path path;

	private final PidFilePath file;

	PidFileUnlockWait(Supplier<Posix> posix, Path path, PidFilePath file) {
		this.posix = posix;
		this.path = path;
		this.file = file;
	}

	private Posix posix() {
		return this.posix.get();
	}

	/**
	 * Wait until the lock on the PID file is released or the timeout elapses. The shared
	 * lock taken by the wait is dropped before this method returns, so that the file can
	 * be deleted right away.
	 * @param timeout how long to wait
	 * @return whether the lock was released (or the file is gone) within the timeout
	 * @throws InterruptedException if the current thread is interrupted
	 */
	boolean await(Duration timeout) throws InterruptedException {
		if (this.file.exclusiveHolder() != null) {
			return awaitNoExclusiveHolder(timeout);
		}
		int fd = posix().openNoFollow(this.path.toString(), false, 0);
		if (fd < 0) {
			return true;
		}
		CompletableFuture<Boolean> unlocked = CompletableFuture.supplyAsync(() -> lockSharedThenClose(fd),
				PidFileUnlockWait::startWaiterThread);
		try {
			return unlocked.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			return false;
		}
	}

	private boolean lockSharedThenClose(int fd) {
		try {
			return posix().flock(fd, Posix.LOCK_SH) == 0;
		}
		finally {
			posix().close(fd);
		}
	}

	private boolean awaitNoExclusiveHolder(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.file.exclusiveHolder() != null) {
			if (System.nanoTime() - deadline > 0) {
				return false;
			}
			if (Thread.interrupted()) {
				throw new InterruptedException();
			}
			LockSupport.parkNanos(UNLOCK_POLL_NANOS);
		}
		return true;
	}

	private static void startWaiterThread(Runnable runnable) {
		Thread thread = new Thread(runnable, "daemon-pid-file-waiter");
		thread.setDaemon(true);
		thread.start();
	}

}
