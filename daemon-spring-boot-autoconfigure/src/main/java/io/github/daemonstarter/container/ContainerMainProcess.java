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

package io.github.daemonstarter.container;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.github.daemonstarter.posix.ProcessState;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * The main process (PID 1) of the container that the launcher may run in, and whether
 * detaching from it would end the container.
 * <p>
 * A container lives as long as its PID 1. Under {@code docker run --init} (docker-init, a
 * tini), tini, dumb-init, catatonit or a shell entrypoint that runs a command, PID 1 is
 * the launcher's parent and exits as soon as the launcher does: {@code --daemon} would
 * detach, the launcher would exit, and the kernel would kill the daemon with the rest of
 * the container. An interactive shell as PID 1 ({@code docker run -it image bash}) stays,
 * as does any other PID 1 (an init system, a supervisor), so there the daemon detaches as
 * it does anywhere else.
 * <p>
 * A container is recognised by {@code /.dockerenv} (Docker), {@code /run/.containerenv}
 * (Podman, CRI-O), the {@code container} variable that Podman, systemd-nspawn and LXC
 * set, or {@code KUBERNETES_SERVICE_HOST}, which Kubernetes sets in every container. The
 * system property {@value #MARKERS_PROPERTY} replaces the marker files with a
 * comma-separated list (the tests point it at files of their own).
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class ContainerMainProcess {

	/**
	 * System property that replaces the marker files whose presence means "in a
	 * container": a comma-separated list of paths, empty for none.
	 */
	public static final String MARKERS_PROPERTY = "daemonstarter.container.markers";

	private static final List<Path> DEFAULT_MARKERS = List.of(Path.of("/.dockerenv"), Path.of("/run/.containerenv"));

	/**
	 * Init programs made for containers: each runs one child and exits with it.
	 */
	private static final Set<String> INIT_PROGRAMS = Set.of("docker-init", "tini", "tini-static", "dumb-init",
			"catatonit");

	private static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "ash", "ksh", "mksh", "zsh");

	/**
	 * Shell long options that take a value, which is not a script to run.
	 */
	private static final Set<String> SHELL_OPTIONS_WITH_VALUE = Set.of("--rcfile", "--init-file");

	private static final long MAIN_PID = 1;

	private final List<Path> markers;

	private final Function<String, @Nullable String> environment;

	private final LongSupplier parentPid;

	private final Supplier<List<String>> mainCommandLine;

	/**
	 * Create a view of a container's main process.
	 * @param markers the files whose presence means "in a container"
	 * @param environment the environment variables of this process
	 * @param parentPid the PID of this process's parent, or a negative value if it has
	 * none in this PID namespace
	 * @param mainCommandLine the command line of PID 1, empty if it cannot be read
	 */
	ContainerMainProcess(List<Path> markers, Function<String, @Nullable String> environment, LongSupplier parentPid,
			Supplier<List<String>> mainCommandLine) {
		this.markers = markers;
		this.environment = environment;
		this.parentPid = parentPid;
		this.mainCommandLine = mainCommandLine;
	}

	/**
	 * Return the view of this process's container.
	 * @return the view
	 */
	public static ContainerMainProcess current() {
		return new ContainerMainProcess(markers(System.getProperty(MARKERS_PROPERTY)), System::getenv,
				() -> ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L),
				() -> ProcessState.commandLine(MAIN_PID).orElse(List.of()));
	}

	/**
	 * Return the marker files that the given value of {@value #MARKERS_PROPERTY} names.
	 * @param property the value, or {@code null} for the default markers
	 * @return the marker files
	 */
	static List<Path> markers(@Nullable String property) {
		if (property == null) {
			return DEFAULT_MARKERS;
		}
		return Arrays.stream(StringUtils.commaDelimitedListToStringArray(property))
			.map(String::strip)
			.filter((path) -> !path.isEmpty())
			.map(Path::of)
			.toList();
	}

	/**
	 * Return why this process must stay in the foreground: it runs in a container whose
	 * main process is its parent and exits when it does.
	 * @return the reason, in the words of the launcher's line, or {@code null} to detach
	 */
	public @Nullable String foregroundReason() {
		if (this.parentPid.getAsLong() != MAIN_PID) {
			return null;
		}
		String container = containerEvidence();
		if (container == null) {
			return null;
		}
		List<String> commandLine = this.mainCommandLine.get();
		if (commandLine.isEmpty()) {
			return null;
		}
		String program = programName(commandLine.get(0));
		boolean endsWithChild = INIT_PROGRAMS.contains(program)
				|| (SHELLS.contains(program) && runsCommand(commandLine.subList(1, commandLine.size())));
		if (!endsWithChild) {
			return null;
		}
		return "it runs in a container (" + container + ") whose main process (pid 1, " + program
				+ ") is its parent: detaching would end the container";
	}

	private @Nullable String containerEvidence() {
		for (Path marker : this.markers) {
			if (Files.exists(marker)) {
				return marker.toString();
			}
		}
		String container = this.environment.apply("container");
		if (StringUtils.hasText(container)) {
			return "container=" + container;
		}
		if (StringUtils.hasText(this.environment.apply("KUBERNETES_SERVICE_HOST"))) {
			return "KUBERNETES_SERVICE_HOST is set";
		}
		return null;
	}

	/**
	 * Return the name of a program from its {@code argv[0]}: the file name, without the
	 * {@code -} that marks a login shell.
	 * @param argument0 the first argument of its command line
	 * @return the program name
	 */
	private static String programName(String argument0) {
		String name = argument0.substring(argument0.lastIndexOf('/') + 1);
		return name.startsWith("-") ? name.substring(1) : name;
	}

	/**
	 * Return whether a shell with the given arguments runs a command or a script, and so
	 * exits when it is done, rather than reading commands from its input, as an
	 * interactive shell does.
	 * @param arguments the shell's arguments after {@code argv[0]}
	 * @return whether the shell runs {@code -c} commands or a script file
	 */
	static boolean runsCommand(List<String> arguments) {
		for (int i = 0; i < arguments.size(); i++) {
			String argument = arguments.get(i);
			if (argument.equals("--") || argument.equals("-")) {
				return i + 1 < arguments.size();
			}
			if (argument.startsWith("--")) {
				i += SHELL_OPTIONS_WITH_VALUE.contains(argument) ? 1 : 0;
			}
			else if (argument.startsWith("-") || argument.startsWith("+")) {
				String options = argument.substring(1);
				if (options.indexOf('c') >= 0) {
					return true;
				}
				if (options.indexOf('s') >= 0) {
					return false;
				}
				i += (options.indexOf('o') >= 0 || options.indexOf('O') >= 0) ? 1 : 0;
			}
			else {
				return true;
			}
		}
		return false;
	}

}
