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
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import io.github.daemonstarter.DaemonConsole;
import io.github.daemonstarter.DaemonException;
import io.github.daemonstarter.ExitStatus;
import io.github.daemonstarter.FileProblem;
import io.github.daemonstarter.config.DaemonSettings;
import io.github.daemonstarter.launch.jvm.RelaunchCommand;
import io.github.daemonstarter.launch.user.DaemonUser;
import io.github.daemonstarter.pid.PidFile;
import io.github.daemonstarter.pid.PidFileStatus;
import io.github.daemonstarter.posix.Posix;
import io.github.daemonstarter.status.StatusFile;
import io.github.daemonstarter.supervisor.DaemonSupervisor;
import org.jspecify.annotations.Nullable;

/**
 * Starts the application as a detached daemon and waits until it is ready.
 * <p>
 * The launcher needs no native call unless {@code daemon.umask} is set: it reads what it
 * needs from {@code /proc}, so it costs little more than the JVM and Spring Boot
 * bootstrap it runs in. The child loads the native layer, and reports back if it cannot.
 * <p>
 * The launcher checks what it can before anything starts (the PID file, its directory,
 * the log file), relaunches this JVM through {@link RelaunchCommand} with standard input
 * from {@code /dev/null} and standard output and error appended to the log file, then
 * waits for the child to report on a {@link LaunchChannel}. It prints one line when the
 * application is ready. When the start fails or times out it stops the child, removes the
 * PID file the child left and prints the reason with the tail of the log.
 * <p>
 * With {@code daemon.supervisor.enabled=true} the detached child is a
 * {@link DaemonSupervisor}, which runs the application as its own child; the application
 * reports on the channel as before, and the launcher stops the supervisor when the start
 * fails, since it would start the application again.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class DaemonLauncher {

	private final DaemonSettings settings;

	private final Supplier<Posix> posix;

	private final DaemonConsole console;

	private final LaunchPlanner planner;

	private final ChildStarter childStarter;

	private final StartupReport report;

	/**
	 * Create a launcher for this JVM.
	 * @param settings the settings of the daemon
	 * @param posix the native layer, needed only to apply {@code daemon.umask} and to
	 * clean up after a failed start
	 * @param console where to report
	 */
	public DaemonLauncher(DaemonSettings settings, Supplier<Posix> posix, DaemonConsole console) {
		this(settings, posix, console, new LaunchPlanner(settings), ChildStarter.ProcessStarter.system());
	}

	DaemonLauncher(DaemonSettings settings, Supplier<Posix> posix, DaemonConsole console, LaunchPlanner planner,
			ChildStarter.ProcessStarter processStarter) {
		this.settings = settings;
		this.posix = posix;
		this.console = console;
		this.planner = planner;
		this.childStarter = new ChildStarter(settings, processStarter);
		this.report = new StartupReport(settings, posix, console);
	}

	/**
	 * Check what a start needs and does not depend on a running daemon: the user to run
	 * as, the command to run and what the daemon must be able to reach. A restart checks
	 * this before it stops the running daemon, so that a start bound to fail leaves the
	 * daemon running.
	 * @param applicationArgs the arguments the application received
	 * @throws DaemonException if the start cannot succeed
	 */
	public void check(String[] applicationArgs) {
		this.planner.check(applicationArgs);
	}

	/**
	 * Start the daemon.
	 * @param applicationArgs the arguments the application received
	 * @return the exit status of the launcher
	 */
	public int start(String[] applicationArgs) {
		LaunchPlan plan;
		try {
			plan = this.planner.plan(applicationArgs);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return ExitStatus.FAILURE;
		}
		if (plan.fastStart().warning() != null) {
			this.console.problem(plan.fastStart().warning());
		}
		DaemonUser user = plan.user();
		PidFile pidFile = new PidFile(this.posix, this.settings.getPidFile());
		PidFileStatus status = pidFile.status();
		if (status.state() == PidFileStatus.State.LOCKED) {
			this.console.result(alreadyRunning(String.valueOf(status.pid())));
			return ExitStatus.OK;
		}
		if (status.state() == PidFileStatus.State.UNKNOWN) {
			if (Files.isSymbolicLink(pidFile.getPath())) {
				throw new DaemonException(ExitStatus.NOT_CONFIGURED, "PID file " + pidFile.getPath()
						+ " is a symbolic link, which is never followed: remove it or set spring.pid.file to another path");
			}
			if (Files.exists(pidFile.getPath(), LinkOption.NOFOLLOW_LINKS)
					&& !Files.isRegularFile(pidFile.getPath(), LinkOption.NOFOLLOW_LINKS)) {
				throw new DaemonException(ExitStatus.NOT_CONFIGURED, "PID file " + pidFile.getPath()
						+ " is not a regular file: remove it or set spring.pid.file to another path");
			}
			throw new DaemonException(ExitStatus.NO_PERMISSION, "Cannot start " + this.settings.getApplicationName()
					+ ": " + status.detail() + "; fix its permissions or set spring.pid.file to another path");
		}
		List<String> command = plan.command();
		if (user != null) {
			giveLeftoversTo(user);
		}
		applyUmask();
		Path logFile = prepareLogFile(this.settings.getLogFile(), user);
		Path outputFile = this.settings.isRollingLog() ? prepareLogFile(this.settings.getOutputFile(), user) : logFile;
		try (LaunchChannel channel = LaunchChannel.open()) {
			if (user != null) {
				channel.grantTo(user::own);
			}
			List<StartupReport.LogTail> tails = StartupReport.LogTail.of(logFile, outputFile);
			long startedAt = System.nanoTime();
			DetachedChild child = DetachedChild.of(this.childStarter.start(command, outputFile, channel.getSocketPath(),
					user, plan.fastStart()::applyTo), plan.waiter());
			Thread interruptedNotice = registerInterruptedNotice(child, channel);
			try {
				StartupOutcome outcome = new StartupWatch(this.settings.getApplicationName(), child, this.console,
						this.settings.isSupervised())
					.await(channel, this.settings.getStartupTimeout());
				return this.report.report(outcome, child, pidFile, tails,
						Duration.ofNanos(System.nanoTime() - startedAt));
			}
			finally {
				removeShutdownHook(interruptedNotice);
			}
		}
		catch (IOException ex) {
			throw new DaemonException(ExitStatus.FAILURE,
					"Cannot start " + this.settings.getApplicationName() + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return ExitStatus.FAILURE;
		}
	}

	private String alreadyRunning(String pid) {
		return StartupReport.alreadyRunning(this.settings.getApplicationName(), pid);
	}

	/**
	 * Give the files that an earlier run left beside the PID file (its lock is free, or
	 * the start would have stopped before) to the user, so that the daemon can replace
	 * them even in a directory with the sticky bit, such as {@code /tmp}, where only
	 * their owner may.
	 * @param user the user
	 */
	private void giveLeftoversTo(DaemonUser user) {
		Path pidFile = this.settings.getPidFile();
		Path applicationPidFile = DaemonSettings.applicationPidFile(pidFile);
		for (Path path : List.of(pidFile, StatusFile.besidePidFile(pidFile).getPath(), applicationPidFile,
				StatusFile.besidePidFile(applicationPidFile).getPath())) {
			try {
				if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
					user.own(path);
				}
			}
			catch (IOException ex) {
				throw new DaemonException(ExitStatus.NO_PERMISSION,
						"Cannot give " + path + " to daemon.user=" + user.getName() + " (" + FileProblem.describe(ex)
								+ "): remove it or set spring.pid.file to another path",
						ex);
			}
		}
	}

	private void applyUmask() {
		Integer umask = this.settings.getProperties().umaskValue();
		if (umask != null) {
			this.posix.get().umask(umask);
		}
	}

	private Path prepareLogFile(Path logFile, @Nullable DaemonUser user) {
		try {
			boolean directoryExisted = Files.isDirectory(logFile.getParent());
			Files.createDirectories(logFile.getParent());
			try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "rw")) {
				// Opened only to prove that the log file can be written.
			}
			if (!Files.isRegularFile(logFile)) {
				throw new IOException("not a regular file");
			}
			if (user != null) {
				// The daemon writes through the descriptor opened here; owning the file
				// lets the user (and its log rotation) reopen, truncate or remove it
				if (!directoryExisted) {
					user.own(logFile.getParent());
				}
				user.own(logFile);
			}
			return logFile;
		}
		catch (IOException | SecurityException ex) {
			throw new DaemonException(ExitStatus.NO_PERMISSION, "Cannot write log file " + logFile + " ("
					+ FileProblem.describe(ex) + "): make it writable or set logging.file.name to a writable path", ex);
		}
	}

	/**
	 * Register a shutdown hook for a launcher that is interrupted or hung up while it
	 * waits: the child goes on starting; the launcher removes its socket, which the
	 * interrupted main thread would never close, and says where the log is.
	 * @param child the child that is starting
	 * @param channel the channel the launcher waits on
	 * @return the registered hook, to remove once the wait is over
	 */
	private Thread registerInterruptedNotice(DetachedChild child, LaunchChannel channel) {
		Thread notice = new Thread(() -> {
			closeQuietly(channel);
			this.console.problem("Stopped waiting: " + this.settings.getApplicationName() + child.pidInParentheses()
					+ " goes on starting in the background; log file " + this.settings.getLogFile());
		}, "daemon-launcher-interrupted");
		Runtime.getRuntime().addShutdownHook(notice);
		return notice;
	}

	private static void removeShutdownHook(Thread hook) {
		try {
			Runtime.getRuntime().removeShutdownHook(hook);
		}
		catch (IllegalStateException ex) {
			// The JVM is already shutting down, and the hook says why
		}
	}

	private static void closeQuietly(LaunchChannel channel) {
		try {
			channel.close();
		}
		catch (IOException ex) {
			// The JVM is exiting: nothing more to do
		}
	}

}
