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

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Supplier;

import io.github.daemonstarter.DaemonConsole;
import io.github.daemonstarter.DaemonException;
import io.github.daemonstarter.ExitStatus;
import io.github.daemonstarter.config.DaemonSettings;
import io.github.daemonstarter.pid.PidFile;
import io.github.daemonstarter.posix.Posix;
import io.github.daemonstarter.supervisor.DaemonSupervisor;
import org.jspecify.annotations.Nullable;

/**
 * Reports how a start ended, on the launcher's console, and cleans up after a failed one:
 * a child that did not become ready is stopped, the PID file it left is removed and the
 * tail of the log shows why, or one line with the JVM's own message when the JVM refused
 * to start (see {@link JvmRefusal}).
 *
 * @author Daemon Starter Team
 */
final class StartupReport {

	private static final Duration EXIT_GRACE = Duration.ofSeconds(10);

	private static final int LOG_TAIL_LINES = 20;

	private static final int LOG_TAIL_BYTES = 64 * 1024;

	private final DaemonSettings settings;

	private final Supplier<Posix> posix;

	private final DaemonConsole console;

	StartupReport(DaemonSettings settings, Supplier<Posix> posix, DaemonConsole console) {
		this.settings = settings;
		this.posix = posix;
		this.console = console;
	}

	/**
	 * Report the outcome of a start, and stop the child unless it is ready or was already
	 * running.
	 * @param outcome the outcome
	 * @param child the child
	 * @param pidFile the PID file of the child
	 * @param tails the log files, the main log file first, with their sizes before the
	 * start
	 * @param elapsed how long the start took
	 * @return the exit status of the launcher
	 * @throws InterruptedException if interrupted while the child is stopped
	 */
	int report(StartupOutcome outcome, DetachedChild child, PidFile pidFile, List<LogTail> tails, Duration elapsed)
			throws InterruptedException {
		String name = this.settings.getApplicationName();
		Path logFile = tails.get(0).file();
		switch (outcome.kind()) {
			case READY -> {
				String where = outcome.detail().isEmpty() ? "" : ", " + outcome.detail();
				OptionalLong daemon = child.pid();
				String pid = (this.settings.isSupervised() ? "supervisor pid " : "pid ")
						+ (daemon.isPresent() ? String.valueOf(daemon.getAsLong()) : pidFile.readPid());
				this.console.result("Started " + name + " in " + DaemonConsole.formatElapsed(elapsed) + ": " + pid
						+ where + ", PID file " + pidFile.getPath() + ", log file " + logFile);
				child.release();
				return ExitStatus.OK;
			}
			case ALREADY_RUNNING -> {
				child.waitFor(EXIT_GRACE);
				String pid = outcome.detail().isEmpty() ? String.valueOf(pidFile.readPid()) : outcome.detail();
				this.console.result(alreadyRunning(pid));
				return ExitStatus.OK;
			}
			case REFUSED -> {
				stop(child, EXIT_GRACE);
				removeStalePidFile(pidFile);
				this.console.problem(outcome.detail());
				return (outcome.exitStatus() != null) ? outcome.exitStatus() : ExitStatus.FAILURE;
			}
			case TIMED_OUT -> {
				stop(child, Duration.ZERO);
				removeStalePidFile(pidFile);
				this.console.problem(
						name + " was not ready within " + DaemonConsole.formatElapsed(this.settings.getStartupTimeout())
								+ " (daemon.startup-timeout) and was stopped: find out why in the log below, "
								+ "or raise daemon.startup-timeout");
			}
			default -> {
				if (this.settings.isSupervised()
						&& Integer.valueOf(DaemonSupervisor.ALREADY_RUNNING_EXIT_STATUS).equals(outcome.exitStatus())) {
					this.console.result(alreadyRunning(String.valueOf(pidFile.readPid())));
					return ExitStatus.OK;
				}
				stop(child, EXIT_GRACE);
				removeStalePidFile(pidFile);
				String refusal = jvmRefusal(tails);
				if (refusal != null) {
					this.console.problem(name + " failed to start: "
							+ JvmRefusal.describe(refusal, this.settings.getProperties().getJvmOptions()));
					return ExitStatus.FAILURE;
				}
				String reason = outcome.detail().isEmpty()
						? (this.settings.isSupervised() ? "its supervisor" : "its JVM") + " exited with status "
								+ outcome.exitStatus() + " before it was ready"
						: outcome.detail();
				this.console.problem(name + " failed to start: " + reason);
			}
		}
		for (LogTail tail : tails) {
			printLogTail(tail.file(), tail.start(), tail == tails.get(0));
		}
		return ExitStatus.FAILURE;
	}

	/**
	 * Return the line that says that the application already runs.
	 * @param name the name of the application
	 * @param pid the PID of the running instance
	 * @return the line
	 */
	static String alreadyRunning(String name, String pid) {
		return name + " is already running (pid " + pid + ")";
	}

	private String alreadyRunning(String pid) {
		return alreadyRunning(this.settings.getApplicationName(), pid);
	}

	/**
	 * Remove the PID file that a failed child may have left, as far as that is possible:
	 * the reason of the failure matters more than the cleanup.
	 * @param pidFile the PID file of the child
	 */
	private void removeStalePidFile(PidFile pidFile) {
		try {
			pidFile.deleteIfStale();
			if (this.settings.isSupervised()) {
				new PidFile(this.posix, DaemonSettings.applicationPidFile(pidFile.getPath())).deleteIfStale();
			}
		}
		catch (DaemonException ex) {
			// Without the native layer a stale PID file stays; status reports it
		}
	}

	/**
	 * Stop the child: give it the grace period to exit by itself (a failed start ends its
	 * JVM), then terminate it, then kill it after the stop timeout.
	 * @param child the child to stop
	 * @param grace how long to wait before terminating it
	 * @throws InterruptedException if interrupted while waiting for the child to exit
	 */
	private void stop(DetachedChild child, Duration grace) throws InterruptedException {
		// A supervisor does not end by itself: it would start the application again
		Duration wait = this.settings.isSupervised() ? Duration.ZERO : grace;
		if (child.isAlive() && !child.waitFor(wait)) {
			child.terminate();
			if (!child.waitFor(this.settings.getStopTimeout())) {
				child.kill();
				child.waitFor();
			}
		}
	}

	/**
	 * Return the message with which the JVM refused to start, from the output of this
	 * start: that one line says all, so the log's last lines are not shown after it.
	 * @param tails the log files, the main log file first
	 * @return the JVM's message, or {@code null} if it did not refuse
	 */
	private static @Nullable String jvmRefusal(List<LogTail> tails) {
		for (LogTail tail : tails) {
			String refusal = JvmRefusal.find(readTail(tail.file(), tail.start()));
			if (refusal != null) {
				return refusal;
			}
		}
		return null;
	}

	private void printLogTail(Path logFile, long logStart, boolean evenIfEmpty) {
		List<String> lines = readTail(logFile, logStart);
		if (lines.isEmpty()) {
			if (evenIfEmpty) {
				this.console.problem("(the log file " + logFile + " has nothing from this start)");
			}
			return;
		}
		this.console.problem("Last lines of " + logFile + ":");
		for (String line : lines) {
			this.console.problem("    " + line);
		}
	}

	private static List<String> readTail(Path logFile, long logStart) {
		try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
			long start = Math.max(logStart, file.length() - LOG_TAIL_BYTES);
			byte[] bytes = new byte[(int) Math.max(0, file.length() - start)];
			file.seek(start);
			file.readFully(bytes);
			List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
			return lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
		}
		catch (IOException ex) {
			return List.of();
		}
	}

	/**
	 * A file whose lines from this start show in a failed start's report.
	 *
	 * @param file the file
	 * @param start its size before the start
	 */
	record LogTail(Path file, long start) {

		/**
		 * Return the tails of the log file and, when it is another file, of the output
		 * file, from their sizes now.
		 * @param logFile the log file
		 * @param outputFile the file that the child's output goes to
		 * @return the tails, the log file's first
		 */
		static List<LogTail> of(Path logFile, Path outputFile) {
			List<LogTail> tails = new ArrayList<>(List.of(new LogTail(logFile, sizeOf(logFile))));
			if (!outputFile.equals(logFile)) {
				tails.add(new LogTail(outputFile, sizeOf(outputFile)));
			}
			return tails;
		}

		private static long sizeOf(Path file) {
			try {
				return Files.size(file);
			}
			catch (IOException ex) {
				return 0;
			}
		}

	}

}
