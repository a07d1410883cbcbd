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

package io.github.daemonstarter.unit;

import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.github.daemonstarter.config.UnitScope;
import org.jspecify.annotations.Nullable;

/**
 * What a service manager needs to know to run the application: its command line, where
 * and as whom it runs, how it stops and how it is restarted.
 *
 * @param name the unit name, valid as a systemd unit name and a launchd label
 * @param description a one-line description of the service
 * @param scope whether the unit is a system or a user unit
 * @param java the java binary (absolute), the JVM options and the jar or class path and
 * main class
 * @param runArguments the application arguments of the foreground process that a service
 * manager supervises, without the {@code --daemon=run} argument
 * @param controlArguments the application arguments of the {@code --daemon=...} control
 * commands that an init script runs, without the command
 * @param workingDirectory the absolute working directory
 * @param user the user to run as or {@code null}
 * @param group the group to run as or {@code null}
 * @param logFile the absolute log file
 * @param stopTimeout how long a stop may take
 * @param restartDelay the delay before the first restart
 * @param restartMultiplier the factor by which the delay grows
 * @param restartMaxDelay the longest delay between restarts
 * @param maxRestarts the most restarts within the window, -1 for no limit
 * @param restartWindow the window in which restarts are counted
 * @param notifyReady whether the application tells systemd when it is ready
 * @param watchdog the watchdog interval or {@code null}
 * @param capabilities the capabilities the application keeps although it does not run as
 * root, such as {@code net_bind_service}, without the {@code cap_} prefix
 * @param listenStream the address that systemd listens on and passes to the application
 * (socket activation), as {@code ListenStream=} takes it, or {@code null} if the
 * application binds its own
 * @param runJava {@code java} with {@code daemon.jvm-options} added, for the foreground
 * process that a service manager runs; the control commands keep {@code java}, so that a
 * reload or a status check does not get the daemon's heap, agents or JMX port
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public record ServiceDefinition(String name, String description, UnitScope scope, List<String> java,
		List<String> runArguments, List<String> controlArguments, Path workingDirectory, @Nullable String user,
		@Nullable String group, Path logFile, Duration stopTimeout, Duration restartDelay, double restartMultiplier,
		Duration restartMaxDelay, int maxRestarts, Duration restartWindow, boolean notifyReady,
		@Nullable Duration watchdog, Set<String> capabilities, @Nullable String listenStream, List<String> runJava) {

	/**
	 * The argument that runs the application in the foreground under a service manager.
	 */
	public static final String RUN_ARGUMENT = "--daemon=run";

	/**
	 * The argument that asks the running application to reload and waits until it has.
	 */
	public static final String RELOAD_ARGUMENT = "--daemon=reload";

	private static final String DEFAULT_NAME = "application";

	/**
	 * Create a new definition.
	 */
	public ServiceDefinition {
		java = List.copyOf(java);
		runJava = List.copyOf(runJava);
		runArguments = List.copyOf(runArguments);
		controlArguments = List.copyOf(controlArguments);
		capabilities = Collections.unmodifiableSet(new LinkedHashSet<>(capabilities));
	}

	/**
	 * Return the command line that a service manager runs: java, its options and
	 * {@code daemon.jvm-options}, the jar, {@code --daemon=run} and the run arguments.
	 * @return the command line
	 */
	public List<String> runCommand() {
		return concat(this.runJava, List.of(RUN_ARGUMENT), this.runArguments);
	}

	/**
	 * Return the command line with which a service manager reloads the application that
	 * it runs with {@link #runCommand()}: the same java, jar and run arguments, with
	 * {@code --daemon=reload}, so that it finds the same PID file; the JVM options are
	 * those of the control commands, without {@code daemon.jvm-options}.
	 * @return the command line
	 */
	public List<String> reloadCommand() {
		return concat(this.java, List.of(RELOAD_ARGUMENT), this.runArguments);
	}

	/**
	 * Return the command line of the control commands, to be followed by a
	 * {@code --daemon=...} argument.
	 * @return the command line
	 */
	public List<String> controlCommand() {
		return concat(this.java, this.controlArguments);
	}

	@SafeVarargs
	private static List<String> concat(List<String>... parts) {
		return Arrays.stream(parts).flatMap(List::stream).toList();
	}

	/**
	 * Return a unit name made from an application name: accents are dropped and other
	 * characters that unit names and launchd labels do not allow become {@code -}.
	 * @param applicationName the application name
	 * @return the unit name
	 */
	public static String unitName(String applicationName) {
		String name = Normalizer.normalize(applicationName.strip(), Normalizer.Form.NFD)
			.replaceAll("\\p{M}+", "")
			.replaceAll("[^A-Za-z0-9:_.-]+", "-")
			.replaceAll("^[-.]+|-+$", "");
		if (name.length() > 200) {
			name = name.substring(0, 200);
		}
		return name.isEmpty() ? DEFAULT_NAME : name;
	}

}
