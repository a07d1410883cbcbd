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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.function.Function;

import io.github.daemonstarter.handover.HandoverPlan;
import io.github.daemonstarter.restart.RestartPolicy;

import org.springframework.util.Assert;

/**
 * The encoding of {@link SupervisorSettings} on the supervisor's command line:
 * {@code --key=value} options, then {@code --}, then the application's command, one
 * argument each.
 *
 * @author Daemon Starter Team
 */
final class SupervisorArguments {

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

	private static final List<String> REQUIRED = List.of(APPLICATION_NAME, PID_FILE, APPLICATION_PID_FILE);

	private static final List<String> KNOWN = List.of(APPLICATION_NAME, PID_FILE, APPLICATION_PID_FILE, STOP_TIMEOUT,
			INITIAL_DELAY, MULTIPLIER, MAX_DELAY, JITTER, MAX_RESTARTS, WINDOW, MIN_UPTIME, RESTART_EXIT_CODES,
			NO_RESTART_EXIT_CODES, PRESTART, LOG_FILE, STARTUP_TIMEOUT, HANDOVER, FAST_START);

	private SupervisorArguments() {
	}

	/**
	 * Return settings as the supervisor's command-line arguments.
	 * @param settings the settings
	 * @return the arguments, which {@link #read(String[])} reads back
	 */
	static List<String> write(SupervisorSettings settings) {
		List<String> arguments = new ArrayList<>();
		add(arguments, APPLICATION_NAME, settings.applicationName());
		add(arguments, PID_FILE, settings.pidFile());
		add(arguments, APPLICATION_PID_FILE, settings.applicationPidFile());
		add(arguments, STOP_TIMEOUT, settings.stopTimeout());
		add(arguments, INITIAL_DELAY, settings.policy().getInitialDelay());
		add(arguments, MULTIPLIER, settings.policy().getMultiplier());
		add(arguments, MAX_DELAY, settings.policy().getMaxDelay());
		add(arguments, JITTER, settings.policy().getJitter());
		add(arguments, MAX_RESTARTS, settings.policy().getMaxRestarts());
		add(arguments, WINDOW, settings.policy().getWindow());
		add(arguments, MIN_UPTIME, settings.policy().getResetAfter());
		add(arguments, RESTART_EXIT_CODES, join(settings.restartExitCodes()));
		add(arguments, NO_RESTART_EXIT_CODES, join(settings.noRestartExitCodes()));
		add(arguments, PRESTART, settings.prestart());
		if (settings.logFile() != null) {
			add(arguments, LOG_FILE, settings.logFile());
		}
		add(arguments, STARTUP_TIMEOUT, settings.startupTimeout());
		add(arguments, HANDOVER, settings.handover().toArgument());
		if (settings.fastStartDirectory() != null) {
			add(arguments, FAST_START, settings.fastStartDirectory());
		}
		arguments.add(SupervisorSettings.COMMAND_SEPARATOR);
		arguments.addAll(settings.command());
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
	 * {@link #write(SupervisorSettings)}.
	 * @param args the arguments
	 * @return the settings
	 * @throws IllegalArgumentException if an argument is unknown, repeated, malformed or
	 * missing; the message names it
	 */
	static SupervisorSettings read(String[] args) {
		Assert.notNull(args, "'args' must not be null");
		List<String> all = Arrays.asList(args);
		int separator = all.indexOf(SupervisorSettings.COMMAND_SEPARATOR);
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
		apply(options, INITIAL_DELAY, SupervisorArguments::parseDuration, policy::initialDelay);
		apply(options, MULTIPLIER, Double::valueOf, policy::multiplier);
		apply(options, MAX_DELAY, SupervisorArguments::parseDuration, policy::maxDelay);
		apply(options, JITTER, Double::valueOf, policy::jitter);
		apply(options, MAX_RESTARTS, Integer::valueOf, policy::maxRestarts);
		apply(options, WINDOW, SupervisorArguments::parseDuration, policy::window);
		apply(options, MIN_UPTIME, SupervisorArguments::parseDuration, policy::resetAfter);
		RestartPolicy builtPolicy = build(options, policy);
		Duration stopTimeout = value(options, STOP_TIMEOUT, SupervisorArguments::parseDuration, Duration.ofSeconds(60));
		Set<Integer> restartExitCodes = value(options, RESTART_EXIT_CODES, SupervisorArguments::parseExitCodes,
				Set.of());
		Set<Integer> noRestartExitCodes = value(options, NO_RESTART_EXIT_CODES, SupervisorArguments::parseExitCodes,
				Set.of());
		boolean prestart = value(options, PRESTART, SupervisorArguments::parseBoolean, true);
		Path pidFile = parse(PID_FILE, options.get(PID_FILE), Path::of);
		if (!pidFile.isAbsolute()) {
			throw invalid(PID_FILE, options.get(PID_FILE), "the supervisor's PID file must be an absolute path");
		}
		Path logFile = options.containsKey(LOG_FILE) ? parse(LOG_FILE, options.get(LOG_FILE), Path::of) : null;
		Duration startupTimeout = value(options, STARTUP_TIMEOUT, SupervisorArguments::parseDuration,
				SupervisorSettings.DEFAULT_STARTUP_TIMEOUT);
		HandoverPlan handover = value(options, HANDOVER, HandoverPlan::fromArgument, SupervisorSettings.NO_HANDOVER);
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
			if (parsed < 0 || parsed > SupervisorSettings.MAX_EXIT_STATUS) {
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
