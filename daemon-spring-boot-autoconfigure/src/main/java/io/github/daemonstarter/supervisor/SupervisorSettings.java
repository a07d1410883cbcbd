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
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.function.Function;

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

	private static final String APPLICATION_NAME = "application-name";

	private static final String PID_FILE = "pid-file";

	private static final String APPLICATION_PID_FILE = "application-pid-file";

	private static final String STOP_TIMEOUT = "stop-timeout";

	private static final String INITIAL_DELAY = "initial-delay";

	private static final String MULTIPLIER = "multiplier";

	private static final String MAX_DELAY = "max-delay";

	private static final String JITTER = "jitter";

	private static final String MAX_RESTARTS = "max-restarts";

	private static final String WINDOW = "window";

	private static final String MIN_UPTIME = "min-uptime";

	private static final String RESTART_EXIT_CODES = "restart-exit-codes";

	private static final String NO_RESTART_EXIT_CODES = "no-restart-exit-codes";

	private static final String PRESTART = "prestart";

	private static final String LOG_FILE = "log-file";

	private static final String STARTUP_TIMEOUT = "startup-timeout";

	private static final String HANDOVER = "handover";

	private static final String FAST_START = "fast-start";

	private static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);

	private static final HandoverPlan NO_HANDOVER = HandoverPlan.fromArgument("restart:it was not asked for");

	private static final List<String> REQUIRED = List.of(APPLICATION_NAME, PID_FILE, APPLICATION_PID_FILE);

	private static final List<String> KNOWN = List.of(APPLICATION_NAME, PID_FILE, APPLICATION_PID_FILE, STOP_TIMEOUT,
			INITIAL_DELAY, MULTIPLIER, MAX_DELAY, JITTER, MAX_RESTARTS, WINDOW, MIN_UPTIME, RESTART_EXIT_CODES,
			NO_RESTART_EXIT_CODES, PRESTART, LOG_FILE, STARTUP_TIMEOUT, HANDOVER, FAST_START);

	private static final int MAX_EXIT_STATUS = 255;

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
		List<String> arguments = new ArrayList<>();
		add(arguments, APPLICATION_NAME, this.applicationName);
		add(arguments, PID_FILE, this.pidFile);
		add(arguments, APPLICATION_PID_FILE, this.applicationPidFile);
		add(arguments, STOP_TIMEOUT, this.stopTimeout);
		add(arguments, INITIAL_DELAY, this.policy.getInitialDelay());
		add(arguments, MULTIPLIER, this.policy.getMultiplier());
		add(arguments, MAX_DELAY, this.policy.getMaxDelay());
		add(arguments, JITTER, this.policy.getJitter());
		add(arguments, MAX_RESTARTS, this.policy.getMaxRestarts());
		add(arguments, WINDOW, this.policy.getWindow());
		add(arguments, MIN_UPTIME, this.policy.getResetAfter());
		add(arguments, RESTART_EXIT_CODES, join(this.restartExitCodes));
		add(arguments, NO_RESTART_EXIT_CODES, join(this.noRestartExitCodes));
		add(arguments, PRESTART, this.prestart);
		if (this.logFile != null) {
			add(arguments, LOG_FILE, this.logFile);
		}
		add(arguments, STARTUP_TIMEOUT, this.startupTimeout);
		add(arguments, HANDOVER, this.handover.toArgument());
		if (this.fastStartDirectory != null) {
			add(arguments, FAST_START, this.fastStartDirectory);
		}
		arguments.add(COMMAND_SEPARATOR);
		arguments.addAll(this.command);
		return arguments;
	}

	private static void add(List<String> arguments, String key, Object value) {
		arguments.add("--" + key + "=" + value);
	}

	private static String join(Set<Integer> codes) {
		StringJoiner joiner = new StringJoiner(",");
		codes.forEach((code) -> joiner.add(code.toString()));
		return joiner.toString();
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
		Assert.notNull(args, "'args' must not be null");
		List<String> all = Arrays.asList(args);
		int separator = all.indexOf(COMMAND_SEPARATOR);
		if (separator < 0) {
			throw new IllegalArgumentException(
					"Supervisor arguments must end with '--' and the application's command, got " + all);
		}
		Map<String, String> options = options(all.subList(0, separator));
		for (String key : REQUIRED) {
			if (!options.containsKey(key)) {
				throw new IllegalArgumentException("Missing supervisor argument --" + key + "=<value>");
			}
		}
		List<String> command = all.subList(separator + 1, all.size());
		if (command.isEmpty()) {
			throw new IllegalArgumentException("Missing application command after '--' in supervisor arguments");
		}
		RestartPolicy.Builder policy = RestartPolicy.builder();
		apply(options, INITIAL_DELAY, SupervisorSettings::parseDuration, policy::initialDelay);
		apply(options, MULTIPLIER, Double::valueOf, policy::multiplier);
		apply(options, MAX_DELAY, SupervisorSettings::parseDuration, policy::maxDelay);
		apply(options, JITTER, Double::valueOf, policy::jitter);
		apply(options, MAX_RESTARTS, Integer::valueOf, policy::maxRestarts);
		apply(options, WINDOW, SupervisorSettings::parseDuration, policy::window);
		apply(options, MIN_UPTIME, SupervisorSettings::parseDuration, policy::resetAfter);
		RestartPolicy builtPolicy = build(options, policy);
		Duration stopTimeout = value(options, STOP_TIMEOUT, SupervisorSettings::parseDuration, Duration.ofSeconds(60));
		Set<Integer> restartExitCodes = value(options, RESTART_EXIT_CODES, SupervisorSettings::parseExitCodes,
				Set.of());
		Set<Integer> noRestartExitCodes = value(options, NO_RESTART_EXIT_CODES, SupervisorSettings::parseExitCodes,
				Set.of());
		boolean prestart = value(options, PRESTART, SupervisorSettings::parseBoolean, true);
		Path pidFile = parse(PID_FILE, options.get(PID_FILE), Path::of);
		if (!pidFile.isAbsolute()) {
			throw invalid(PID_FILE, options.get(PID_FILE), "the supervisor's PID file must be an absolute path");
		}
		Path logFile = options.containsKey(LOG_FILE) ? parse(LOG_FILE, options.get(LOG_FILE), Path::of) : null;
		Duration startupTimeout = value(options, STARTUP_TIMEOUT, SupervisorSettings::parseDuration,
				DEFAULT_STARTUP_TIMEOUT);
		HandoverPlan handover = value(options, HANDOVER, HandoverPlan::fromArgument, NO_HANDOVER);
		Path fastStart = options.containsKey(FAST_START) ? parse(FAST_START, options.get(FAST_START), Path::of) : null;
		return new SupervisorSettings(options.get(APPLICATION_NAME), pidFile,
				parse(APPLICATION_PID_FILE, options.get(APPLICATION_PID_FILE), Path::of), stopTimeout, builtPolicy,
				restartExitCodes, noRestartExitCodes, prestart, command, logFile, startupTimeout, handover, fastStart);
	}

	private static Map<String, String> options(List<String> arguments) {
		Map<String, String> options = new LinkedHashMap<>();
		for (String argument : arguments) {
			int equals = argument.indexOf('=');
			if (!argument.startsWith("--") || equals < 0) {
				throw new IllegalArgumentException(
						"Malformed supervisor argument '" + argument + "': expected --<key>=<value>");
			}
			String key = argument.substring(2, equals);
			if (!KNOWN.contains(key)) {
				throw new IllegalArgumentException("Unknown supervisor argument '" + argument + "'");
			}
			if (options.put(key, argument.substring(equals + 1)) != null) {
				throw new IllegalArgumentException("Repeated supervisor argument --" + key);
			}
		}
		if (options.containsKey(APPLICATION_NAME) && options.get(APPLICATION_NAME).isEmpty()) {
			throw invalid(APPLICATION_NAME, "", "the application name must not be empty");
		}
		return options;
	}

	private static <T> void apply(Map<String, String> options, String key, Function<String, T> parser,
			Function<T, RestartPolicy.Builder> setter) {
		String value = options.get(key);
		if (value != null) {
			T parsed = parse(key, value, parser);
			try {
				setter.apply(parsed);
			}
			catch (IllegalArgumentException ex) {
				throw invalid(key, value, ex.getMessage());
			}
		}
	}

	private static RestartPolicy build(Map<String, String> options, RestartPolicy.Builder policy) {
		try {
			return policy.build();
		}
		catch (IllegalArgumentException ex) {
			throw invalid(MAX_DELAY, options.getOrDefault(MAX_DELAY, "(default)"), ex.getMessage());
		}
	}

	private static <T> T value(Map<String, String> options, String key, Function<String, T> parser, T defaultValue) {
		String value = options.get(key);
		return (value != null) ? parse(key, value, parser) : defaultValue;
	}

	private static <T> T parse(String key, String value, Function<String, T> parser) {
		try {
			return parser.apply(value);
		}
		catch (IllegalArgumentException | DateTimeParseException ex) {
			throw invalid(key, value, ex.getMessage());
		}
	}

	private static Duration parseDuration(String value) {
		return Duration.parse(value);
	}

	private static boolean parseBoolean(String value) {
		return switch (value) {
			case "true" -> true;
			case "false" -> false;
			default -> throw new IllegalArgumentException("expected true or false");
		};
	}

	private static Set<Integer> parseExitCodes(String value) {
		Set<Integer> codes = new TreeSet<>();
		if (value.isEmpty()) {
			return codes;
		}
		for (String code : value.split(",", -1)) {
			int parsed = Integer.parseInt(code.trim());
			if (parsed < 0 || parsed > MAX_EXIT_STATUS) {
				throw new IllegalArgumentException("exit statuses range from 0 to 255");
			}
			codes.add(parsed);
		}
		return codes;
	}

	private static IllegalArgumentException invalid(String key, String value, String reason) {
		return new IllegalArgumentException("Invalid supervisor argument '--" + key + "=" + value + "': " + reason);
	}

}
