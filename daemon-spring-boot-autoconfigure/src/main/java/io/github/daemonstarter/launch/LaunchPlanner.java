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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.daemonstarter.DaemonException;
import io.github.daemonstarter.ExitStatus;
import io.github.daemonstarter.config.DaemonProperties;
import io.github.daemonstarter.config.DaemonSettings;
import io.github.daemonstarter.faststart.FastStartCache;
import io.github.daemonstarter.faststart.FastStartLaunch;
import io.github.daemonstarter.launch.jvm.DetachingPrefix;
import io.github.daemonstarter.launch.jvm.RelaunchCommand;
import io.github.daemonstarter.launch.user.DaemonUser;
import io.github.daemonstarter.posix.ProcFs;
import io.github.daemonstarter.supervisor.DaemonSupervisor;
import io.github.daemonstarter.supervisor.SupervisorSettings;
import org.jspecify.annotations.Nullable;

/**
 * Plans a start: the user to switch to, the command that relaunches this JVM detached
 * (the application, or its {@link DaemonSupervisor}), and whether the daemon will be able
 * to reach what it needs. Nothing is started, so a restart can plan before it stops the
 * running daemon.
 *
 * @author Daemon Starter Team
 */
final class LaunchPlanner {

	private final DaemonSettings settings;

	private final CommandLine commandLine;

	private final ProcessStatus processStatus;

	private final LaunchHost host;

	/**
	 * Create a planner for this JVM on this machine.
	 * @param settings the settings of the daemon
	 */
	LaunchPlanner(DaemonSettings settings) {
		this(settings, CommandLine.current(), ProcessStatus.current(), LaunchHost.system());
	}

	/**
	 * Create a planner.
	 * @param settings the settings of the daemon
	 * @param commandLine the command line of the JVM to relaunch
	 * @param processStatus the status of this process, which names the signals it ignores
	 * @param host what the plan needs to know about the machine
	 */
	LaunchPlanner(DaemonSettings settings, CommandLine commandLine, ProcessStatus processStatus, LaunchHost host) {
		this.settings = settings;
		this.commandLine = commandLine;
		this.processStatus = processStatus;
		this.host = host;
	}

	/**
	 * Plan a start.
	 * @param applicationArgs the arguments the application received
	 * @return the plan
	 * @throws DaemonException if the start cannot succeed
	 */
	LaunchPlan plan(String[] applicationArgs) throws InterruptedException {
		return plan(applicationArgs, true);
	}

	/**
	 * Plan a start, without preparing its fast start: what a restart checks before it
	 * stops the running daemon.
	 * @param applicationArgs the arguments the application received
	 * @throws DaemonException if the start cannot succeed
	 */
	void check(String[] applicationArgs) {
		try {
			plan(applicationArgs, false);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private LaunchPlan plan(String[] applicationArgs, boolean prepareFastStart) throws InterruptedException {
		DaemonUser user = switchedUser();
		RelaunchCommand relaunch = this.commandLine.relaunchCommand(applicationArgs)
			.withJvmOptions(this.settings.getProperties().getJvmOptions());
		List<String> ignoredSignals = DetachingPrefix.ignoredSignals(this.processStatus.read());
		String setpriv = null;
		List<String> userSwitch = List.of();
		if (user != null) {
			setpriv = this.host.find("setpriv",
					"util-linux, or run the application under systemd with User=" + user.getName());
			user = user.withCapabilities(this.settings.getProperties().getCapabilities(), setpriv);
			userSwitch = user.commandPrefix(setpriv);
		}
		boolean waiter = this.host.setsidCanWait();
		List<String> supervisorArguments = this.settings.isSupervised() ? supervisorSettings(relaunch).toArguments()
				: List.of();
		checkPidFileDirectory();
		if (user != null && setpriv != null) {
			checkUserAccess(user, setpriv, relaunch);
		}
		FastStartLaunch.Prepared fastStart = prepareFastStart ? prepareFastStart(relaunch, user, userSwitch)
				: new FastStartLaunch.Prepared(relaunch, null, null);
		RelaunchCommand started = fastStart.command();
		List<String> command = this.settings.isSupervised() ? started.supervisorCommand(ignoredSignals, userSwitch,
				waiter, DaemonSupervisor.class.getName(), supervisorArguments)
				: started.command(ignoredSignals, userSwitch, waiter);
		return new LaunchPlan(user, command, waiter, fastStart);
	}

	private FastStartLaunch.Prepared prepareFastStart(RelaunchCommand relaunch, @Nullable DaemonUser user,
			List<String> userSwitch) throws InterruptedException {
		if (!this.settings.getProperties().getFastStart().isEnabled()) {
			return new FastStartLaunch.Prepared(relaunch, null, null);
		}
		Path directory = this.settings.getFastStartDirectory();
		FastStartCache cache = new FastStartCache(directory, relaunch.getJavaCommand(), user, userSwitch);
		return new FastStartLaunch(cache).prepare(relaunch);
	}

	private @Nullable DaemonUser switchedUser() {
		String user = this.settings.getProperties().getUser();
		String group = this.settings.getProperties().getGroup();
		if (user == null && !this.settings.getProperties().getCapabilities().isEmpty()) {
			throw new DaemonException(ExitStatus.NOT_CONFIGURED, "daemon.capabilities="
					+ String.join(",", this.settings.getProperties().getCapabilities())
					+ " is set without daemon.user: capabilities are kept only when the daemon switches from root "
					+ "to daemon.user; set daemon.user, or remove daemon.capabilities");
		}
		if (user == null && group == null) {
			return null;
		}
		return DaemonUser.forDetachedStart(user, group, this.host.accounts(), this.host.credentials());
	}

	private SupervisorSettings supervisorSettings(RelaunchCommand relaunch) {
		DaemonProperties.Supervisor supervisor = this.settings.getProperties().getSupervisor();
		Path pidFile = this.settings.getPidFile();
		try {
			return new SupervisorSettings(this.settings.getApplicationName(), pidFile,
					DaemonSettings.applicationPidFile(pidFile), this.settings.getStopTimeout(), supervisor.policy(),
					supervisor.getRestartExitCodes(), supervisor.getNoRestartExitCodes(), supervisor.isPrestart(),
					relaunch.javaCommand(), this.settings.getOutputFile(), this.settings.getStartupTimeout(),
					this.settings.getHandover(), fastStartDirectory());
		}
		catch (IllegalArgumentException ex) {
			// Each setting is checked as it is bound: only the restart policy's check of
			// one delay against the other is left, named as WorkerSettingsResolver names
			// it
			String message = String.valueOf(ex.getMessage())
				.replace("'maxDelay'", "daemon.supervisor.max-delay")
				.replace("'initialDelay'", "daemon.supervisor.initial-delay");
			throw new DaemonException(ExitStatus.NOT_CONFIGURED,
					"Invalid daemon.supervisor settings: " + message + "; fix the settings named");
		}
	}

	private @Nullable Path fastStartDirectory() {
		return this.settings.getProperties().getFastStart().isEnabled() ? this.settings.getFastStartDirectory() : null;
	}

	private void checkPidFileDirectory() {
		Path directory = this.settings.getPidFile().getParent();
		if (!Files.isDirectory(directory)) {
			throw new DaemonException(ExitStatus.NOT_CONFIGURED, "PID file directory " + directory
					+ " does not exist: create it or set spring.pid.file to a path in an existing directory");
		}
		if (!Files.isWritable(directory)) {
			throw new DaemonException(ExitStatus.NO_PERMISSION, "PID file directory " + directory
					+ " is not writable: make it writable or set spring.pid.file to a writable path");
		}
	}

	/**
	 * Check, as the user the daemon will run as, that it can reach its working directory,
	 * read its jar or class path, and create and remove files (PID file, status file, the
	 * supervised application's PID file) in the PID file's directory.
	 * @param user the user
	 * @param setpriv the path of {@code setpriv}
	 * @param relaunch the command that starts the daemon
	 */
	private void checkUserAccess(DaemonUser user, String setpriv, RelaunchCommand relaunch) {
		String who = "daemon.user=" + user.getName() + " (uid " + user.getUid() + ", gid " + user.getGid() + ")";
		Path directory = this.settings.getPidFile().getParent();
		if (!this.host.can(user, setpriv, "-w", directory) || !this.host.can(user, setpriv, "-x", directory)) {
			throw new DaemonException(ExitStatus.NO_PERMISSION,
					"PID file directory " + directory + " is not writable by " + who
							+ ": chown the directory to the user or set spring.pid.file "
							+ "to a path in a directory the user can write");
		}
		Path workingDirectory = this.settings.getWorkingDirectory();
		if (!this.host.can(user, setpriv, "-x", workingDirectory)) {
			throw new DaemonException(ExitStatus.NO_PERMISSION,
					"Working directory " + workingDirectory + " cannot be entered by " + who
							+ ": make it accessible to the user or set daemon.working-directory");
		}
		Path java = Path.of(relaunch.getJavaCommand());
		if (!this.host.can(user, setpriv, "-x", java)) {
			throw new DaemonException(ExitStatus.NO_PERMISSION,
					"Java " + java + " cannot be run by " + who + ": make it executable by the user");
		}
		for (Path path : relaunch.launchPaths()) {
			if (Files.exists(path) && !this.host.can(user, setpriv, "-r", path)) {
				throw new DaemonException(ExitStatus.NO_PERMISSION, "Application " + path + " cannot be read by " + who
						+ ": make it and its directories readable by the user, or install it elsewhere");
			}
		}
	}

	/**
	 * The command line of the JVM that a start relaunches.
	 */
	@FunctionalInterface
	interface CommandLine {

		/**
		 * Return the command that relaunches the JVM.
		 * @param applicationArgs the arguments the application received
		 * @return the command
		 */
		RelaunchCommand relaunchCommand(String[] applicationArgs);

		/**
		 * Return the command line of this JVM.
		 * @return the command line
		 */
		static CommandLine current() {
			return RelaunchCommand::ofCurrentProcess;
		}

	}

	/**
	 * The status of a process, as {@code /proc/<pid>/status} shows it.
	 */
	@FunctionalInterface
	interface ProcessStatus {

		/**
		 * Read the status.
		 * @return the content of the status, or an empty string if it cannot be read
		 */
		String read();

		/**
		 * Return the status of this process, read from {@code /proc/self/status}.
		 * @return the status
		 */
		static ProcessStatus current() {
			return () -> {
				try {
					return ProcFs.system().selfStatus();
				}
				catch (IOException ex) {
					return "";
				}
			};
		}

	}

}
