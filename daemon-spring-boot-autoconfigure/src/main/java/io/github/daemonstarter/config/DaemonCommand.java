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

package io.github.daemonstarter.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import io.github.daemonstarter.DaemonException;
import io.github.daemonstarter.ExitStatus;
import org.jspecify.annotations.Nullable;

/**
 * The commands of the {@code --daemon} argument: {@code --daemon} alone starts the
 * application detached, {@code --daemon=<command>} runs one of the others.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public enum DaemonCommand {

	/**
	 * Relaunch the application detached and wait until it is ready.
	 */
	START,

	/**
	 * Run the application in the foreground with a locked PID file: the form for service
	 * managers.
	 */
	RUN,

	/**
	 * Report whether the daemon runs, with an LSB status exit code.
	 */
	STATUS,

	/**
	 * Stop the daemon gracefully.
	 */
	STOP,

	/**
	 * Stop the daemon, then start it again.
	 */
	RESTART,

	/**
	 * Ask the running daemon to reload: reopen its log file and run its reload listeners
	 * (under a supervisor: restart the application), and wait until it is done.
	 */
	RELOAD,

	/**
	 * Print a service unit for this application: a systemd unit, an LSB init script or a
	 * launchd property list.
	 */
	UNIT,

	/**
	 * Write the service unit into the service manager's directory.
	 */
	INSTALL,

	/**
	 * Stop the service and remove its unit.
	 */
	UNINSTALL;

	private static final String ARGUMENT = "--daemon";

	/**
	 * Return the name of the command as written on the command line.
	 * @return the command name
	 */
	public String commandName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Return the command that the application arguments ask for.
	 * @param args the application arguments
	 * @return the command or {@code null} if no {@code --daemon} argument is present
	 * @throws DaemonException if the command is unknown or several are given
	 */
	public static @Nullable DaemonCommand of(String[] args) {
		DaemonCommand found = null;
		for (String arg : args) {
			if (isDaemonArgument(arg)) {
				DaemonCommand command = parse(arg);
				if (found != null && found != command) {
					throw new DaemonException(ExitStatus.INVALID_ARGUMENT, "Conflicting arguments --daemon="
							+ found.commandName() + " and " + arg + ": give --daemon once");
				}
				found = command;
			}
		}
		return found;
	}

	/**
	 * Return whether the given application argument is a {@code --daemon} argument.
	 * @param arg the argument
	 * @return whether it selects a daemon command
	 */
	public static boolean isDaemonArgument(String arg) {
		return arg.equals(ARGUMENT) || arg.startsWith(ARGUMENT + "=");
	}

	private static DaemonCommand parse(String arg) {
		String value = arg.equals(ARGUMENT) ? "" : arg.substring(ARGUMENT.length() + 1).strip();
		if (value.isEmpty()) {
			return START;
		}
		for (DaemonCommand command : values()) {
			if (command.commandName().equals(value.toLowerCase(Locale.ROOT))) {
				return command;
			}
		}
		throw new DaemonException(ExitStatus.INVALID_ARGUMENT,
				"Unknown daemon command '" + value + "': use --daemon or --daemon=<command> with one of " + names());
	}

	private static String names() {
		return Arrays.stream(values()).map(DaemonCommand::commandName).collect(Collectors.joining(", "));
	}

}
