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

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import io.github.daemonstarter.config.DaemonSettings;
import io.github.daemonstarter.handshake.LaunchHandshake;
import io.github.daemonstarter.launch.jvm.RelaunchCommand;
import io.github.daemonstarter.launch.user.DaemonUser;
import org.jspecify.annotations.Nullable;

/**
 * Starts the detached child of a start: in the daemon's working directory, with standard
 * input from {@code /dev/null}, standard output and error appended to the log file, the
 * launcher's socket in its environment and no debugger agent inherited from it.
 *
 * @author Daemon Starter Team
 */
final class ChildStarter {

	private final DaemonSettings settings;

	private final ProcessStarter processStarter;

	/**
	 * Create a new instance.
	 * @param settings the settings of the daemon
	 * @param processStarter what starts the child's process
	 */
	ChildStarter(DaemonSettings settings, ProcessStarter processStarter) {
		this.settings = settings;
		this.processStarter = processStarter;
	}

	/**
	 * Start the child.
	 * @param command the command of the plan
	 * @param logFile the file that the child's output is appended to
	 * @param socketPath the socket of the launcher's {@link LaunchChannel}
	 * @param user the user that the child switches to, or {@code null}
	 * @return the started process
	 * @throws IOException if the process cannot be started
	 */
	Process start(List<String> command, Path logFile, Path socketPath, @Nullable DaemonUser user) throws IOException {
		return start(command, logFile, socketPath, user, (environment) -> {
		});
	}

	/**
	 * Start the child with more of its environment set.
	 * @param command the command of the plan
	 * @param logFile the file that the child's output is appended to
	 * @param socketPath the socket of the launcher's {@link LaunchChannel}
	 * @param user the user that the child switches to, or {@code null}
	 * @param environment sets more of the child's environment
	 * @return the started process
	 * @throws IOException if the process cannot be started
	 */
	Process start(List<String> command, Path logFile, Path socketPath, @Nullable DaemonUser user,
			Consumer<Map<String, String>> environment) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.settings.getWorkingDirectory().toFile())
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
			.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
			.redirectErrorStream(true);
		Map<String, String> childEnvironment = builder.environment();
		childEnvironment.put(LaunchHandshake.LAUNCHER_SOCKET_VARIABLE, socketPath.toString());
		if (user != null) {
			user.applyTo(childEnvironment);
		}
		withoutDebugger(childEnvironment, "JAVA_TOOL_OPTIONS");
		withoutDebugger(childEnvironment, "JDK_JAVA_OPTIONS");
		environment.accept(childEnvironment);
		return this.processStarter.start(builder);
	}

	private static void withoutDebugger(Map<String, String> environment, String name) {
		String options = environment.get(name);
		if (options != null && (options.contains("jdwp") || options.contains("-Xdebug"))) {
			String kept = Arrays.stream(options.trim().split("\\s+"))
				.filter((option) -> !RelaunchCommand.isDebugger(option))
				.collect(Collectors.joining(" "));
			environment.put(name, kept);
		}
	}

	/**
	 * Starts a process.
	 */
	@FunctionalInterface
	interface ProcessStarter {

		/**
		 * Start the process that a builder describes.
		 * @param builder the builder
		 * @return the process
		 * @throws IOException if the process cannot be started
		 */
		Process start(ProcessBuilder builder) throws IOException;

		/**
		 * Return the starter that starts the process as {@link ProcessBuilder#start()}
		 * does.
		 * @return the starter
		 */
		static ProcessStarter system() {
			return ProcessBuilder::start;
		}

	}

}
