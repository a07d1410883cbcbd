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

package io.github.daemonstarter.launch;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.github.daemonstarter.runtime.SetsidWaiter;

/**
 * The detached process that a start launches (the daemon, or its supervisor), as the
 * launcher sees it.
 * <p>
 * A JVM that exits waits up to 300 ms for its threads that are in native code, and the
 * JDK's process reaper thread stays in {@code waitpid} for as long as a child of the JVM
 * lives. A launcher whose daemon is its own child would pay that on every start. So when
 * {@code setsid} can, the launcher's child is a <em>waiter</em>: {@code setsid --fork
 * --wait} forks the daemon into its new session, waits for it and exits with its exit
 * status (or, when a signal ended the daemon, with the signal's number). Until the daemon
 * is ready the waiter stands for it: its exit is the daemon's. Once the daemon is ready,
 * {@link #release()} kills the waiter (the daemon does too, see {@link SetsidWaiter}),
 * and the daemon, no longer the launcher's child, goes on as a child of init (or of the
 * nearest subreaper), as it would once the launcher exited. Without such a
 * {@code setsid}, the daemon itself is the launcher's child.
 *
 * @author Daemon Starter Team
 */
final class DetachedChild {

	/**
	 * How long a waiter may take to fork the daemon: it forks as soon as it runs.
	 */
	private static final Duration FORK_WAIT = Duration.ofSeconds(5);

	private static final long FORK_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

	private final Process process;

	private final boolean waiter;

	private volatile long pid;

	private DetachedChild(Process process, boolean waiter) {
		this.process = process;
		this.waiter = waiter;
		this.pid = waiter ? 0 : process.pid();
	}

	/**
	 * Return the detached child for a process that the launcher has just started. For a
	 * waiter, this waits until it has forked the daemon (or has exited), so that the
	 * daemon's PID is known from the start.
	 * @param process the process the launcher started
	 * @param waiter whether that process is a waiting {@code setsid} whose child is the
	 * daemon, rather than the daemon itself
	 * @return the detached child
	 */
	static DetachedChild of(Process process, boolean waiter) {
		DetachedChild child = new DetachedChild(process, waiter);
		if (waiter) {
			child.awaitFork();
		}
		return child;
	}

	/**
	 * Return the PID of the daemon (or supervisor), if known: the waiter's child, once it
	 * has forked.
	 * @return the PID, or empty while the waiter has not forked yet
	 */
	OptionalLong pid() {
		if (this.pid == 0) {
			this.process.toHandle().children().findFirst().ifPresent((child) -> this.pid = child.pid());
		}
		return (this.pid != 0) ? OptionalLong.of(this.pid) : OptionalLong.empty();
	}

	/**
	 * Return the daemon's PID as messages show it after the daemon's name, or nothing
	 * while it is unknown.
	 * @return {@code " (pid N)"} or an empty string
	 */
	String pidInParentheses() {
		OptionalLong daemon = pid();
		return daemon.isPresent() ? " (pid " + daemon.getAsLong() + ")" : "";
	}

	/**
	 * Return a future that completes when the launched process exits: for a waiter, when
	 * the daemon has exited or the waiter was killed (see {@link #daemonEnded()}).
	 * @return the future
	 */
	CompletableFuture<Process> onExit() {
		return this.process.onExit();
	}

	/**
	 * Return whether the daemon has ended. That is the case when the launched process has
	 * exited, unless it is a waiter that a signal ended while the daemon runs on (the
	 * launcher's terminal hung up, Ctrl-C): a waiter that ended by itself has reaped the
	 * daemon.
	 * @return whether the daemon has ended
	 */
	boolean daemonEnded() {
		if (this.process.isAlive()) {
			return false;
		}
		if (!this.waiter) {
			return true;
		}
		long known = this.pid;
		return known == 0 || ProcessHandle.of(known).map((daemon) -> !daemon.isAlive()).orElse(true);
	}

	/**
	 * Return the exit status of the launched process, which has exited.
	 * @return the exit status
	 */
	int exitValue() {
		return this.process.exitValue();
	}

	/**
	 * Return whether the daemon may still run: the launched process has not exited.
	 * @return whether it is alive
	 */
	boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Wait for the daemon to exit.
	 * @param timeout how long to wait at most
	 * @return whether it exited
	 * @throws InterruptedException if interrupted while waiting
	 */
	boolean waitFor(Duration timeout) throws InterruptedException {
		return this.process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	/**
	 * Wait for the daemon to exit, however long it takes.
	 * @throws InterruptedException if interrupted while waiting
	 */
	void waitFor() throws InterruptedException {
		this.process.waitFor();
	}

	/**
	 * Send {@code SIGTERM} to the daemon.
	 */
	void terminate() {
		signal(false);
	}

	/**
	 * Send {@code SIGKILL} to the daemon.
	 */
	void kill() {
		signal(true);
	}

	private void signal(boolean kill) {
		if (!this.waiter) {
			if (kill) {
				this.process.destroyForcibly();
			}
			else {
				this.process.destroy();
			}
			return;
		}
		OptionalLong daemon = awaitFork();
		if (daemon.isEmpty()) {
			// No daemon yet (or any more): ending the waiter ends the start
			this.process.destroyForcibly();
			return;
		}
		ProcessHandle.of(daemon.getAsLong()).ifPresent((handle) -> {
			if (kill) {
				handle.destroyForcibly();
			}
			else {
				handle.destroy();
			}
		});
	}

	private OptionalLong awaitFork() {
		long deadline = System.nanoTime() + FORK_WAIT.toNanos();
		OptionalLong daemon = pid();
		while (daemon.isEmpty() && this.process.isAlive() && System.nanoTime() - deadline < 0) {
			LockSupport.parkNanos(FORK_POLL_NANOS);
			daemon = pid();
		}
		return daemon;
	}

	/**
	 * Let the ready daemon go: end the waiter, so that the daemon is no longer this JVM's
	 * child and the JVM exits at once. Does nothing when the daemon is this JVM's child.
	 * @throws InterruptedException if interrupted while the waiter ends
	 */
	void release() throws InterruptedException {
		if (this.waiter && this.process.isAlive()) {
			this.process.destroyForcibly();
			this.process.waitFor();
		}
	}

}
