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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.github.daemonstarter.DaemonConsole;
import io.github.daemonstarter.ExitStatus;
import io.github.daemonstarter.pid.PidFile;
import io.github.daemonstarter.pid.PidFileStatus;
import io.github.daemonstarter.posix.ProcessState;
import io.github.daemonstarter.status.StatusFile;
import io.github.daemonstarter.status.StatusPublisher;
import io.github.daemonstarter.status.SupervisorStatus;
import io.github.daemonstarter.status.WorkerStatus;
import io.github.daemonstarter.status.WorkerTable;
import org.jspecify.annotations.Nullable;

/**
 * Reports on and stops a daemon through its PID file.
 * <p>
 * Only a PID file whose lock is held counts as a running daemon, so a stale file whose
 * PID now belongs to an unrelated process is never signalled. Stop sends {@code SIGTERM}
 * and waits for the lock to be released, which happens the moment the daemon's process
 * exits.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class DaemonControl {

	private static final Duration KILL_WAIT = Duration.ofSeconds(10);

	private static final Duration REAP_WAIT = Duration.ofSeconds(2);

	private final String applicationName;

	private final PidFile pidFile;

	private final Path logFile;

	private final DaemonConsole console;

	/**
	 * Create a new instance.
	 * @param applicationName the name of the application
	 * @param pidFile the daemon's PID file
	 * @param logFile the daemon's log file
	 * @param console where to report
	 */
	public DaemonControl(String applicationName, PidFile pidFile, Path logFile, DaemonConsole console) {
		this.applicationName = applicationName;
		this.pidFile = pidFile;
		this.logFile = logFile;
		this.console = console;
	}

	/**
	 * Return the status of the daemon.
	 * @return the status
	 */
	public DaemonStatus status() {
		return toDaemonStatus(this.pidFile.status());
	}

	/**
	 * Report the status of the daemon in one line.
	 * @return the LSB exit code of the status
	 */
	public int printStatus() {
		return printStatus(null);
	}

	/**
	 * Report the status of the daemon in one line, which says why a running daemon is
	 * degraded if it is: a worker gave up, liveness is {@code BROKEN} or readiness is
	 * {@code REFUSING_TRAFFIC}. On a terminal, the workers follow.
	 * @param degradedExitCode the exit code for a running daemon that is degraded, or
	 * {@code null} to return {@code 0} as for any running daemon
	 * @return the LSB exit code of the status, or the given code for a degraded daemon
	 */
	public int printStatus(@Nullable Integer degradedExitCode) {
		PidFileStatus status = this.pidFile.status();
		String name = this.applicationName;
		boolean degraded = false;
		switch (status.state()) {
			case LOCKED -> degraded = printRunning(status, Instant.now());
			case STALE -> this.console.result(name + " is not running, but its PID file remains: " + status.detail());
			case ABSENT -> this.console.result(name + " is not running");
			case UNKNOWN -> this.console.result(name + " status is unknown: " + status.detail());
		}
		return (degraded && degradedExitCode != null) ? degradedExitCode : toDaemonStatus(status).getExitCode();
	}

	/**
	 * Report a running daemon.
	 * @param status the status of its PID file
	 * @param now the current time
	 * @return whether it is degraded
	 */
	private boolean printRunning(PidFileStatus status, Instant now) {
		String name = this.applicationName;
		Long pid = status.pid();
		Map<String, String> entries = (pid != null) ? StatusFile.besidePidFile(this.pidFile.getPath()).read()
				: Map.of();
		SupervisorStatus supervisor = SupervisorStatus.fromEntries(entries);
		if (supervisor == null || !Long.valueOf(supervisor.supervisorPid()).equals(pid)) {
			Map<String, String> own = StatusPublisher.writtenBy(entries, pid);
			String degraded = DegradedStatus.describe(own, now);
			this.console.result(name + " is running" + ((degraded != null) ? ", degraded: " + degraded : "") + " ("
					+ status.detail() + uptime(status) + FastStartStatus.describe(own) + ", log file " + this.logFile
					+ ")");
			printWorkers(own, now);
			return degraded != null;
		}
		Long applicationPid = supervisor.applicationPid();
		Map<String, String> application = (applicationPid != null) ? StatusPublisher.writtenBy(
				StatusFile.besidePidFile(Path.of(supervisor.applicationPidFile())).read(), applicationPid) : Map.of();
		String degraded = SupervisedStatusLine.isRunning(supervisor) ? DegradedStatus.describe(application, now) : null;
		this.console.result(SupervisedStatusLine.of(name, supervisor, degraded, FastStartStatus.describe(application),
				this.logFile, now));
		printWorkers(application, now);
		return degraded != null;
	}

	/**
	 * Show the workers that the application publishes in its status file, on a terminal
	 * only, so that piped output stays one line.
	 * @param entries the entries of the status file that the running application wrote
	 * @param now the current time
	 */
	private void printWorkers(Map<String, String> entries, Instant now) {
		if (this.console.isInteractive()) {
			WorkerTable.lines(WorkerStatus.fromEntries(entries), now).forEach(this.console::result);
		}
	}

	/**
	 * Stop the daemon: send {@code SIGTERM} and wait for it to exit.
	 * @param timeout how long to wait for a graceful exit
	 * @param force whether to send {@code SIGKILL} when the timeout elapses
	 * @return the exit status of the stop command
	 * @throws InterruptedException if the current thread is interrupted
	 */
	public int stop(Duration timeout, boolean force) throws InterruptedException {
		PidFileStatus status = this.pidFile.status();
		String name = this.applicationName;
		switch (status.state()) {
			case ABSENT -> {
				this.console.result(name + " is not running");
				return ExitStatus.OK;
			}
			case STALE -> {
				boolean removed = this.pidFile.deleteIfStale();
				this.console.result(name + " is not running"
						+ (removed ? " (removed its stale PID file: " + status.detail() + ")" : ""));
				return ExitStatus.OK;
			}
			case UNKNOWN -> {
				this.console.problem("Cannot stop " + name + ": " + status.detail());
				return ExitStatus.NO_PERMISSION;
			}
			default -> {
				return stopRunning(status, timeout, force);
			}
		}
	}

	private int stopRunning(PidFileStatus status, Duration timeout, boolean force) throws InterruptedException {
		String name = this.applicationName;
		Long pid = status.pid();
		if (pid == null) {
			this.console.problem("Cannot stop " + name + ": " + this.pidFile.getPath()
					+ " is locked but names no process yet; try again once it has started");
			return ExitStatus.FAILURE;
		}
		long startedAt = System.nanoTime();
		if (!signal(pid, false)) {
			this.console.problem("Cannot stop " + name + " (pid " + pid
					+ "): permission denied; run the command as the daemon's user or as root");
			return ExitStatus.NO_PERMISSION;
		}
		this.console.progress("Stopping " + name + " (pid " + pid + ")…");
		if (awaitExit(pid, timeout)) {
			this.console.result("Stopped " + name + " (pid " + pid + ") in " + elapsedSince(startedAt));
			return ExitStatus.OK;
		}
		if (!force) {
			this.console.problem(name + " (pid " + pid + ") is still running " + elapsedSince(startedAt)
					+ " after SIGTERM (daemon.stop-timeout=" + DaemonConsole.formatUptime(timeout)
					+ "): wait longer, raise daemon.stop-timeout, or add --daemon.force=true to kill it");
			return ExitStatus.FAILURE;
		}
		// A supervisor's application (and whatever else the daemon started) goes too,
		// rather than living on without it
		List<ProcessHandle> descendants = ProcessHandle.of(pid)
			.map((process) -> process.descendants().toList())
			.orElse(List.of());
		signal(pid, true);
		descendants.forEach(ProcessHandle::destroyForcibly);
		if (!awaitExit(pid, KILL_WAIT)) {
			this.console.problem(name + " (pid " + pid + ") survived SIGKILL for " + KILL_WAIT.toSeconds() + "s");
			return ExitStatus.FAILURE;
		}
		boolean removed = this.pidFile.deleteIfStale();
		this.console.result("Killed " + name + " (pid " + pid + ") with SIGKILL: it ignored SIGTERM for "
				+ timeout.toSeconds() + "s" + (removed ? "; removed its PID file " + this.pidFile.getPath() : ""));
		return ExitStatus.OK;
	}

	/**
	 * Send {@code SIGTERM} or {@code SIGKILL} through {@link ProcessHandle}, which checks
	 * the start time of the process it signals, so a PID reused in between is spared.
	 * @param pid the process to signal
	 * @param kill whether to send {@code SIGKILL} rather than {@code SIGTERM}
	 * @return {@code false} only when the process lives on and could not be signalled
	 */
	private static boolean signal(long pid, boolean kill) {
		Optional<ProcessHandle> process = ProcessHandle.of(pid);
		if (process.isEmpty() || pid == ProcessHandle.current().pid()) {
			return process.isEmpty();
		}
		boolean sent = kill ? process.get().destroyForcibly() : process.get().destroy();
		return sent || !ProcessState.isRunning(pid);
	}

	private boolean awaitExit(long pid, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		if (!this.pidFile.awaitUnlocked(timeout)) {
			return false;
		}
		long reapDeadline = Math.min(deadline, System.nanoTime() + REAP_WAIT.toNanos());
		while (ProcessState.isRunning(pid) && System.nanoTime() < reapDeadline) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
		}
		return !ProcessState.isRunning(pid);
	}

	private static String elapsedSince(long startedAt) {
		return DaemonConsole.formatElapsed(Duration.ofNanos(System.nanoTime() - startedAt));
	}

	private String uptime(PidFileStatus status) {
		if (status.pid() == null) {
			return "";
		}
		return ProcessHandle.of(status.pid())
			.flatMap((handle) -> handle.info().startInstant())
			.map((start) -> ", up " + DaemonConsole.formatUptime(Duration.between(start, Instant.now())))
			.orElse("");
	}

	private static DaemonStatus toDaemonStatus(PidFileStatus status) {
		return switch (status.state()) {
			case LOCKED -> DaemonStatus.RUNNING;
			case STALE -> DaemonStatus.DEAD;
			case ABSENT -> DaemonStatus.NOT_RUNNING;
			case UNKNOWN -> DaemonStatus.UNKNOWN;
		};
	}

}
