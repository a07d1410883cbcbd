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

package io.github.daemonstarter.supervisor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.github.daemonstarter.handover.HandoverPlan;
import io.github.daemonstarter.restart.RestartPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What a {@link DaemonSupervisor} runs and how it restarts it, passed to the supervisor
 * process on its command line.
 * <p>
 * {@link #toArguments()} encodes the settings as {@code --key=value} options, then
 * {@code --}, then the application's command, one argument each, so that arguments with
 * spaces, {@code =} or nothing in them survive; {@link #fromArguments(String[])} decodes
 * them. The policy's {@link RestartPolicy#getMode() mode} and restart filter are not
 * encoded: which exits restart is decided by exit status (see {@link DaemonSupervisor}),
 * and the policy's {@link RestartPolicy#getResetAfter() reset-after} period is
 * {@code daemon.supervisor.min-uptime}.
 *
 * @param applicationName the application's name, shown in the supervisor's log lines
 * @param pidFile the absolute path of the supervisor's PID file, which is the daemon's
 * configured PID file
 * @param applicationPidFile the application's own PID file, published in the status file
 * @param stopTimeout how long a stopping application may take before it is killed
 * @param policy the restart delays and limits; its reset-after period is the min-uptime
 * below which a run counts as a failed start
 * @param restartExitCodes exit statuses that always restart the application, even
 * {@code 0}
 * @param noRestartExitCodes exit statuses that never restart the application; a status in
 * both sets does not restart
 * @param prestart whether the next JVM is booted while the backoff runs and held before
 * the application starts, so that a restart costs less than a cold start
 * @param command the application's full command, such as
 * {@code java -jar app.jar --server.port=8080}
 * @param logFile the log file that the supervisor's standard output and error append to,
 * which it reopens on {@code SIGHUP}, or {@code null} if it has none to reopen
 * @param startupTimeout how long a new application JVM may take to be ready during a
 * reload ({@code daemon.startup-timeout})
 * @param handover whether the supervisor hands the web server's listening socket over to
 * the application JVMs, so that a reload replaces one with another without downtime
 * @param fastStartDirectory the fast start cache from which each application JVM runs,
 * prepared again for each one so that a jar replaced on disk is extracted, or
 * {@code null} for none
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public record SupervisorSettings(String applicationName, Path pidFile, Path applicationPidFile, Duration stopTimeout,
		RestartPolicy policy, Set<Integer> restartExitCodes, Set<Integer> noRestartExitCodes, boolean prestart,
		List<String> command, @Nullable Path logFile, Duration startupTimeout, HandoverPlan handover,
		@Nullable Path fastStartDirectory) {

	/**
	 * The argument that separates the options from the application's command.
	 */
	public static final String COMMAND_SEPARATOR = "--";

	static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);

	static final HandoverPlan NO_HANDOVER = HandoverPlan.fromArgument("restart:it was not asked for");

	static final int MAX_EXIT_STATUS = 255;

	/**
	 * Create new settings.
	 * @param applicationName the application's name
	 * @param pidFile the absolute path of the supervisor's PID file
	 * @param applicationPidFile the application's own PID file
	 * @param stopTimeout how long a stopping application may take before it is killed
	 * @param policy the restart delays and limits
	 * @param restartExitCodes exit statuses that always restart the application
	 * @param noRestartExitCodes exit statuses that never restart the application
	 * @param command the application's full command
	 * @param logFile the log file to reopen on {@code SIGHUP}, or {@code null}
	 * @param startupTimeout how long a new application JVM may take to be ready
	 * @param handover whether the listening socket is handed over
	 * @param fastStartDirectory the fast start cache, or {@code null}
	 * @throws IllegalArgumentException if a value is missing or invalid
	 */
	public SupervisorSettings {
		Assert.hasText(applicationName, "'applicationName' must not be empty");
		Assert.notNull(pidFile, "'pidFile' must not be null");
		Assert.isTrue(pidFile.isAbsolute(), () -> "'pidFile' must be absolute, was " + pidFile);
		Assert.notNull(applicationPidFile, "'applicationPidFile' must not be null");
		Assert.notNull(stopTimeout, "'stopTimeout' must not be null");
		Assert.isTrue(!stopTimeout.isNegative(), () -> "'stopTimeout' must not be negative, was " + stopTimeout);
		Assert.notNull(policy, "'policy' must not be null");
		Assert.notNull(command, "'command' must not be null");
		Assert.isTrue(!command.isEmpty(), "'command' must not be empty");
		Assert.notNull(startupTimeout, "'startupTimeout' must not be null");
		Assert.isTrue(!startupTimeout.isNegative() && !startupTimeout.isZero(),
				() -> "'startupTimeout' must be positive, was " + startupTimeout);
		Assert.notNull(handover, "'handover' must not be null");
		restartExitCodes = exitCodes("restartExitCodes", restartExitCodes);
		noRestartExitCodes = exitCodes("noRestartExitCodes", noRestartExitCodes);
		command = List.copyOf(command);
	}

	/**
	 * Create new settings without a log file to reopen.
	 * @param applicationName the application's name
	 * @param pidFile the absolute path of the supervisor's PID file
	 * @param applicationPidFile the application's own PID file
	 * @param stopTimeout how long a stopping application may take before it is killed
	 * @param policy the restart delays and limits
	 * @param restartExitCodes exit statuses that always restart the application
	 * @param noRestartExitCodes exit statuses that never restart the application
	 * @param prestart whether the next JVM boots during the backoff
	 * @param command the application's full command
	 * @throws IllegalArgumentException if a value is missing or invalid
	 */
	public SupervisorSettings(String applicationName, Path pidFile, Path applicationPidFile, Duration stopTimeout,
			RestartPolicy policy, Set<Integer> restartExitCodes, Set<Integer> noRestartExitCodes, boolean prestart,
			List<String> command) {
		this(applicationName, pidFile, applicationPidFile, stopTimeout, policy, restartExitCodes, noRestartExitCodes,
				prestart, command, null);
	}

	/**
	 * Create new settings that hand no listening socket over.
	 * @param applicationName the application's name
	 * @param pidFile the absolute path of the supervisor's PID file
	 * @param applicationPidFile the application's own PID file
	 * @param stopTimeout how long a stopping application may take before it is killed
	 * @param policy the restart delays and limits
	 * @param restartExitCodes exit statuses that always restart the application
	 * @param noRestartExitCodes exit statuses that never restart the application
	 * @param prestart whether the next JVM boots during the backoff
	 * @param command the application's full command
	 * @param logFile the log file to reopen on {@code SIGHUP}, or {@code null}
	 * @throws IllegalArgumentException if a value is missing or invalid
	 */
	public SupervisorSettings(String applicationName, Path pidFile, Path applicationPidFile, Duration stopTimeout,
			RestartPolicy policy, Set<Integer> restartExitCodes, Set<Integer> noRestartExitCodes, boolean prestart,
			List<String> command, @Nullable Path logFile) {
		this(applicationName, pidFile, applicationPidFile, stopTimeout, policy, restartExitCodes, noRestartExitCodes,
				prestart, command, logFile, DEFAULT_STARTUP_TIMEOUT, NO_HANDOVER, null);
	}

	private static Set<Integer> exitCodes(String name, Set<Integer> codes) {
		Assert.notNull(codes, () -> "'" + name + "' must not be null");
		for (Integer code : codes) {
			Assert.isTrue(code != null && code >= 0 && code <= MAX_EXIT_STATUS,
					() -> "'" + name + "' must hold exit statuses from 0 to 255, was " + codes);
		}
		return Collections.unmodifiableSortedSet(new TreeSet<>(codes));
	}

	/**
	 * Return whether the application is restarted after it ended with the given exit
	 * status, unless a stop was asked for. Exit statuses 0, 130 and 143 (a JVM that ended
	 * after SIGINT or SIGTERM) are clean and do not restart; every other status does,
	 * including {@code 128+n} for a process killed by signal {@code n}.
	 * {@link #restartExitCodes()} turns a restart on and {@link #noRestartExitCodes()}
	 * turns it off, which wins when a status is in both.
	 * @param exitStatus the exit status
	 * @return whether the application is restarted
	 */
	public boolean restartsAfter(int exitStatus) {
		if (this.noRestartExitCodes.contains(exitStatus)) {
			return false;
		}
		return this.restartExitCodes.contains(exitStatus) || !ApplicationExit.isClean(exitStatus);
	}

	/**
	 * Return these settings as the supervisor's command-line arguments.
	 * @return the arguments, which {@link #fromArguments(String[])} reads back
	 */
	public List<String> toArguments() {
		return SupervisorArguments.write(this);
	}

	/**
	 * Read settings from the supervisor's command-line arguments, as written by
	 * {@link #toArguments()}. Options that are left out take the defaults of
	 * {@link RestartPolicy#ofDefaults()}, a stop timeout of 60 seconds and no extra exit
	 * statuses; the application name, both PID files and the command are required.
	 * @param args the arguments
	 * @return the settings
	 * @throws IllegalArgumentException if an argument is unknown, repeated, malformed or
	 * missing; the message names it
	 */
	public static SupervisorSettings fromArguments(String[] args) {
		return SupervisorArguments.read(args);
	}

}
