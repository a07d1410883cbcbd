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

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import io.github.daemonstarter.DaemonConsole;
import io.github.daemonstarter.ExitStatus;
import io.github.daemonstarter.pid.PidFile;
import io.github.daemonstarter.pid.PidFileStatus;
import io.github.daemonstarter.posix.Posix;
import io.github.daemonstarter.posix.ProcessState;
import io.github.daemonstarter.status.AvailabilityStatus;
import io.github.daemonstarter.status.ReloadStatus;
import io.github.daemonstarter.status.StatusFile;
import io.github.daemonstarter.status.StatusPublisher;
import io.github.daemonstarter.status.SupervisorReload;
import io.github.daemonstarter.status.SupervisorState;
import io.github.daemonstarter.status.SupervisorStatus;
import org.jspecify.annotations.Nullable;

/**
 * Asks a running daemon to reload, through its PID file: sends it {@code SIGHUP} and
 * waits until the reload is done.
 * <p>
 * A daemon announces in its status file that it reloads on {@code SIGHUP} once it is
 * ready; only the process that holds the PID file's lock and announced it there is
 * signalled, so a process that would die of the signal (one still starting, one in the
 * foreground on a terminal, one that is not this starter's daemon) is left alone. A plain
 * daemon is done when it publishes a higher reload count; a supervisor is done when the
 * application it restarted is ready.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class DaemonReload {

	private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

	private final String applicationName;

	private final PidFile pidFile;

	private final Supplier<Posix> posix;

	private final DaemonConsole console;

	private final @Nullable Path logFile;

	/**
	 * Create a new instance.
	 * @param applicationName the name of the application
	 * @param pidFile the daemon's PID file
	 * @param posix the native layer, which sends the signal
	 * @param console where to report
	 */
	public DaemonReload(String applicationName, PidFile pidFile, Supplier<Posix> posix, DaemonConsole console) {
		this(applicationName, pidFile, posix, console, null);
	}

	/**
	 * Create a new instance that shows the last lines of the log file when a reload
	 * fails.
	 * @param applicationName the name of the application
	 * @param pidFile the daemon's PID file
	 * @param posix the native layer, which sends the signal
	 * @param console where to report
	 * @param logFile the daemon's log file, or {@code null}
	 */
	public DaemonReload(String applicationName, PidFile pidFile, Supplier<Posix> posix, DaemonConsole console,
			@Nullable Path logFile) {
		this.applicationName = applicationName;
		this.pidFile = pidFile;
		this.posix = posix;
		this.console = console;
		this.logFile = logFile;
	}

	/**
	 * Reload the daemon and wait until it is done.
	 * @param timeout how long to wait for the reload to be done
	 * @return {@code 0} when done, {@code 1} when it failed or did not finish in time,
	 * {@code 4} without permission, {@code 7} when the daemon is not running
	 * @throws InterruptedException if the current thread is interrupted
	 */
	public int reload(Duration timeout) throws InterruptedException {
		PidFileStatus status = this.pidFile.status();
		String name = this.applicationName;
		switch (status.state()) {
			case ABSENT, STALE -> {
				this.console.problem(name + " is not running: nothing to reload (start it with --daemon)");
				return ExitStatus.PROGRAM_NOT_RUNNING;
			}
			case UNKNOWN -> {
				this.console.problem("Cannot reload " + name + ": " + status.detail());
				return ExitStatus.NO_PERMISSION;
			}
			default -> {
				return reloadRunning(status.pid(), timeout);
			}
		}
	}

	private int reloadRunning(@Nullable Long pid, Duration timeout) throws InterruptedException {
		String name = this.applicationName;
		if (pid == null) {
			this.console.problem("Cannot reload " + name + ": " + this.pidFile.getPath()
					+ " is locked but names no process yet; try again once it has started");
			return ExitStatus.FAILURE;
		}
		StatusFile statusFile = StatusFile.besidePidFile(this.pidFile.getPath());
		Map<String, String> entries = statusFile.read();
		SupervisorStatus supervisor = SupervisorStatus.fromEntries(entries);
		boolean supervised = supervisor != null && supervisor.supervisorPid() == pid;
		if (!supervised && !announcesReloads(entries, pid)) {
			this.console.problem("Cannot reload " + name + " (pid " + pid + "): it does not announce reloads in "
					+ statusFile.getPath()
					+ " (it is still starting, runs in the foreground on a terminal, or is not a daemon of this "
					+ "version); nothing was signalled: try again once it is ready, or use --daemon=restart");
			return ExitStatus.FAILURE;
		}
		if (supervised) {
			String refusal = refusal(supervisor);
			if (refusal != null) {
				this.console.problem("Cannot reload " + name + " (supervisor pid " + pid + "): " + refusal);
				return ExitStatus.FAILURE;
			}
		}
		Reload reload = !supervised ? new PlainReload(statusFile, pid, entries) : supervisor.reload().handsOver()
				? new HandoverReload(statusFile, supervisor) : new SupervisedReload(statusFile, supervisor);
		LogTail logTail = LogTail.from(this.logFile);
		long startedAt = System.nanoTime();
		Instant signalledAt = Instant.now();
		Posix posix = this.posix.get();
		if (posix.kill(pid, Posix.SIGHUP) != 0) {
			int errno = posix.errno();
			if (Posix.isPermissionDenied(errno)) {
				this.console.problem("Cannot reload " + name + " (pid " + pid
						+ "): permission denied; run the command as the daemon's user or as root");
				return ExitStatus.NO_PERMISSION;
			}
			this.console.problem(name + " is not running: nothing to reload (start it with --daemon)");
			return ExitStatus.PROGRAM_NOT_RUNNING;
		}
		this.console.progress("Reloading " + name + " (pid " + pid + ")…");
		long deadline = startedAt + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			Outcome outcome = reload.outcome(signalledAt);
			if (outcome != null) {
				return report(outcome, pid, startedAt, logTail,
						(supervised && supervisor.reload().handsOver()) ? supervisor.applicationPid() : null);
			}
			if (!ProcessState.isRunning(pid)) {
				this.console.problem(name + " (pid " + pid + ") exited during its reload; see its log file");
				return ExitStatus.FAILURE;
			}
			LockSupport.parkNanos(POLL_NANOS);
			if (Thread.interrupted()) {
				throw new InterruptedException();
			}
		}
		this.console.problem(name + " (pid " + pid + ") did not finish its reload within "
				+ DaemonConsole.formatUptime(timeout) + " (daemon.startup-timeout): see its log file");
		return ExitStatus.FAILURE;
	}

	private static @Nullable String refusal(SupervisorStatus supervisor) {
		SupervisorReload reload = supervisor.reload();
		if (reload.isRefused()) {
			return reload.detail();
		}
		if (supervisor.isIn(SupervisorState.RELOADING)) {
			return "a reload runs already (pid " + supervisor.applicationPid() + " is being replaced by pid "
					+ supervisor.nextApplicationPid() + "); wait until it ends, then try again";
		}
		return null;
	}

	private int report(Outcome outcome, long pid, long startedAt, LogTail logTail, @Nullable Long servingPid) {
		String elapsed = DaemonConsole.formatElapsed(Duration.ofNanos(System.nanoTime() - startedAt));
		if (outcome.failure() != null) {
			this.console.problem("Reload of " + this.applicationName + " (pid " + pid + ") failed after " + elapsed
					+ ": " + outcome.failure());
			if (servingPid != null) {
				logTail.linesNotFrom(servingPid).forEach((line) -> this.console.problem("  " + line));
			}
			return ExitStatus.FAILURE;
		}
		this.console.result("Reloaded " + this.applicationName + " (" + outcome.detail() + ") in " + elapsed
				+ ((outcome.note() != null) ? "; " + outcome.note() : ""));
		return ExitStatus.OK;
	}

	private static boolean announcesReloads(Map<String, String> entries, long pid) {
		return ReloadStatus.isAnnounced(StatusPublisher.writtenBy(entries, pid));
	}

	/**
	 * How a reload ended.
	 *
	 * @param detail what was reloaded, for the result line
	 * @param failure why it failed, or {@code null}
	 * @param note what the result line adds after the time taken, or {@code null}
	 */
	private record Outcome(String detail, @Nullable String failure, @Nullable String note) {

		Outcome(String detail, @Nullable String failure) {
			this(detail, failure, null);
		}

	}

	/**
	 * Watches a reload for its end.
	 */
	private interface Reload {

		/**
		 * Return how the reload ended, if it has.
		 * @param signalledAt when the signal was sent
		 * @return the outcome, or {@code null} while it runs
		 */
		@Nullable Outcome outcome(Instant signalledAt);

	}

	/**
	 * A plain daemon's reload: done when its reload count grows.
	 */
	private static final class PlainReload implements Reload {

		private final StatusFile statusFile;

		private final long pid;

		private final int countBefore;

		PlainReload(StatusFile statusFile, long pid, Map<String, String> entries) {
			this.statusFile = statusFile;
			this.pid = pid;
			this.countBefore = ReloadStatus.fromEntries(entries).count();
		}

		@Override
		public @Nullable Outcome outcome(Instant signalledAt) {
			ReloadStatus status = ReloadStatus.fromEntries(StatusPublisher.writtenBy(this.statusFile.read(), this.pid));
			if (status.count() <= this.countBefore) {
				return null;
			}
			return new Outcome("pid " + this.pid + ", reload " + status.count(), status.lastFailure(),
					"reloaded in place: replacing the JVM without downtime needs daemon.supervisor.enabled=true");
		}

	}

	/**
	 * A supervisor's reload that hands the listening socket over: done when the
	 * supervisor publishes that the last reload ended after this one began.
	 */
	private static final class HandoverReload implements Reload {

		private final StatusFile statusFile;

		private final long supervisorPid;

		private final @Nullable Instant lastBefore;

		HandoverReload(StatusFile statusFile, SupervisorStatus supervisor) {
			this.statusFile = statusFile;
			this.supervisorPid = supervisor.supervisorPid();
			this.lastBefore = supervisor.reload().lastAt();
		}

		@Override
		public @Nullable Outcome outcome(Instant signalledAt) {
			SupervisorStatus supervisor = SupervisorStatus.fromEntries(this.statusFile.read());
			if (supervisor == null) {
				return null;
			}
			SupervisorReload reload = supervisor.reload();
			if (reload.lastAt() == null || reload.lastAt().equals(this.lastBefore)) {
				return null;
			}
			String result = String.valueOf(reload.lastResult());
			return reload.lastFailed() ? new Outcome("", result)
					: new Outcome("supervisor pid " + this.supervisorPid + ", " + result, null);
		}

	}

	/**
	 * A supervisor's reload: done when the application that it started instead of the one
	 * that ran is ready; failed when that application ended and the supervisor waits to
	 * restart it.
	 */
	private static final class SupervisedReload implements Reload {

		private final StatusFile statusFile;

		private final long supervisorPid;

		private final @Nullable Long applicationPidBefore;

		SupervisedReload(StatusFile statusFile, SupervisorStatus supervisor) {
			this.statusFile = statusFile;
			this.supervisorPid = supervisor.supervisorPid();
			this.applicationPidBefore = supervisor.applicationPid();
		}

		@Override
		public @Nullable Outcome outcome(Instant signalledAt) {
			SupervisorStatus supervisor = SupervisorStatus.fromEntries(this.statusFile.read());
			if (supervisor == null) {
				return null;
			}
			Long applicationPid = supervisor.applicationPid();
			if (supervisor.isIn(SupervisorState.BACKOFF) && supervisor.lastExitAt() != null
					&& supervisor.lastExitAt().isAfter(signalledAt)) {
				return new Outcome("", "the new application ended (" + supervisor.lastExit()
						+ "); the supervisor restarts it with backoff, see the log file");
			}
			if (applicationPid == null || applicationPid.equals(this.applicationPidBefore)
					|| !supervisor.isIn(SupervisorState.RUNNING)) {
				return null;
			}
			Map<String, String> application = StatusPublisher
				.writtenBy(StatusFile.besidePidFile(Path.of(supervisor.applicationPidFile())).read(), applicationPid);
			if (!AvailabilityStatus.fromEntries(application).isAcceptingTraffic()) {
				return null;
			}
			return new Outcome("supervisor pid " + this.supervisorPid + ", application pid "
					+ ((this.applicationPidBefore != null) ? this.applicationPidBefore + " replaced by " : "")
					+ applicationPid, null);
		}

	}

}
