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

package io.github.daemonstarter.launch.jvm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import io.github.daemonstarter.DaemonException;
import io.github.daemonstarter.ExitStatus;
import io.github.daemonstarter.posix.ProcessState;
import org.jspecify.annotations.Nullable;

/**
 * The command line of a JVM, parsed once: the java binary, the JVM part (the options,
 * argument files and what the JVM runs: {@code -jar} and a jar, a main class, or
 * {@code -m} and a module) and the application arguments. Arguments are kept as given;
 * argument files are not expanded, only their positions are known.
 * <p>
 * The JVM part ends after the jar, main class or module. An argument file before it may
 * hold the main class and some application arguments, so the command line alone cannot
 * tell where the application arguments start. {@link #of(String, List, String[])} then
 * matches the arguments that the application received against the tail of the command
 * line; {@link #of(String, List)} lets the application arguments start right after the
 * first argument file, so that no application argument is taken for a JVM option.
 * <p>
 * Instances are immutable.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class JvmCommandLine {

	private final String java;

	private final List<JvmArgument> jvmArguments;

	private final List<String> applicationArguments;

	private JvmCommandLine(String java, List<JvmArgument> jvmArguments, List<String> applicationArguments) {
		this.java = java;
		this.jvmArguments = List.copyOf(jvmArguments);
		this.applicationArguments = List.copyOf(applicationArguments);
	}

	/**
	 * Return the command line of this JVM: the java binary from
	 * {@link ProcessHandle.Info#command()} (or else {@code java.home}) and its arguments
	 * from {@code /proc/self/cmdline}, read by {@link ProcessState#commandLine(long)}.
	 * {@link ProcessHandle.Info#arguments()} is only a fallback: it stops at the first
	 * empty argument and is empty when the command line is longer than about 4 KB (a long
	 * class path).
	 * @param applicationArgs the arguments the application received
	 * @return the command line, or empty when this JVM's arguments cannot be read
	 * @throws DaemonException if the JVM part cannot be told from the application
	 * arguments
	 * @see #of(String, List, String[])
	 */
	public static Optional<JvmCommandLine> current(String[] applicationArgs) {
		ProcessHandle.Info info = ProcessHandle.current().info();
		String java = info.command().orElseGet(JvmCommandLine::javaFromJavaHome);
		return currentArguments(info).map((arguments) -> of(java, arguments, applicationArgs));
	}

	private static Optional<List<String>> currentArguments(ProcessHandle.Info info) {
		Optional<List<String>> commandLine = ProcessState.commandLine(ProcessHandle.current().pid());
		if (commandLine.isEmpty()) {
			return info.arguments().map(Arrays::asList);
		}
		List<String> arguments = commandLine.get();
		return Optional.of(arguments.isEmpty() ? arguments : arguments.subList(1, arguments.size()));
	}

	/**
	 * Parse a command line without the arguments that the application received: after an
	 * argument file that comes before the jar, main class or module, every argument
	 * counts as an application argument.
	 * @param java the java binary
	 * @param arguments every argument of the java binary, as the operating system holds
	 * them
	 * @return the command line
	 */
	public static JvmCommandLine of(String java, List<String> arguments) {
		List<JvmArgument> jvmArguments = read(arguments,
				(argument) -> argument.isLaunch() || argument.kind() == JvmArgument.Kind.ARGUMENT_FILE);
		return new JvmCommandLine(java, jvmArguments, arguments.subList(length(jvmArguments), arguments.size()));
	}

	/**
	 * Parse a command line, telling the JVM part from the application arguments by the
	 * jar, main class or module, or, when an argument file comes before it or there is
	 * none, by the arguments that the application received, which must then end the
	 * command line.
	 * @param java the java binary
	 * @param arguments every argument of the java binary, as the operating system holds
	 * them
	 * @param applicationArgs the arguments the application received
	 * @return the command line
	 * @throws DaemonException if an argument file or no launch leaves the split open and
	 * the command line does not end with the application's arguments
	 */
	public static JvmCommandLine of(String java, List<String> arguments, String[] applicationArgs) {
		List<JvmArgument> jvmArguments = read(arguments, JvmArgument::isLaunch);
		boolean launched = !jvmArguments.isEmpty() && jvmArguments.get(jvmArguments.size() - 1).isLaunch();
		if (!launched || hasArgumentFile(jvmArguments)) {
			int start = applicationArgumentsFromTail(arguments, applicationArgs);
			jvmArguments = read(arguments.subList(0, start), (argument) -> false);
		}
		return new JvmCommandLine(java, jvmArguments, arguments.subList(length(jvmArguments), arguments.size()));
	}

	private static List<JvmArgument> read(List<String> arguments, Predicate<JvmArgument> last) {
		List<JvmArgument> read = new ArrayList<>();
		int index = 0;
		while (index < arguments.size()) {
			JvmArgument argument = JvmArgument.read(arguments, index);
			read.add(argument);
			index += argument.tokens().size();
			if (last.test(argument)) {
				break;
			}
		}
		return read;
	}

	private static int applicationArgumentsFromTail(List<String> arguments, String[] applicationArgs) {
		int start = arguments.size() - applicationArgs.length;
		if (start >= 0 && arguments.subList(start, arguments.size()).equals(Arrays.asList(applicationArgs))) {
			return start;
		}
		throw new DaemonException(ExitStatus.FAILURE,
				"Cannot tell the JVM options from the application arguments in this JVM's command line: "
						+ "start it with -jar or a main class outside any @argfile");
	}

	private static boolean hasArgumentFile(List<JvmArgument> arguments) {
		return arguments.stream().anyMatch((argument) -> argument.kind() == JvmArgument.Kind.ARGUMENT_FILE);
	}

	private static int length(List<JvmArgument> arguments) {
		return arguments.stream().mapToInt((argument) -> argument.tokens().size()).sum();
	}

	/**
	 * Return the java binary.
	 * @return the java binary
	 */
	public String getJava() {
		return this.java;
	}

	/**
	 * Return the JVM part: every argument before the application arguments, ending with
	 * the jar, main class or module.
	 * @return the JVM part
	 */
	public List<String> getJvmPart() {
		return this.jvmArguments.stream().flatMap((argument) -> argument.tokens().stream()).toList();
	}

	/**
	 * Return the options of the JVM part with their values, without argument files and
	 * without the jar, main class or module.
	 * @return the options
	 */
	public List<String> getJvmOptions() {
		return this.jvmArguments.stream()
			.filter((argument) -> argument.kind() == JvmArgument.Kind.OPTION)
			.flatMap((argument) -> argument.tokens().stream())
			.toList();
	}

	/**
	 * Return how the JVM was told what to run.
	 * @return the launch mode
	 */
	public LaunchMode getLaunchMode() {
		JvmArgument launch = launch();
		return (launch != null) ? LaunchMode.valueOf(launch.kind().name()) : LaunchMode.UNKNOWN;
	}

	/**
	 * Return what the JVM runs: the jar, the main class or the module.
	 * @return the jar, main class or module, or {@code null} if the command line does not
	 * name it
	 */
	public @Nullable String getLaunchTarget() {
		JvmArgument launch = launch();
		return (launch != null) ? launch.target() : null;
	}

	private @Nullable JvmArgument launch() {
		return this.jvmArguments.stream().filter(JvmArgument::isLaunch).findFirst().orElse(null);
	}

	/**
	 * Return the class path that the last {@code -cp}, {@code -classpath} or
	 * {@code --class-path} option of the JVM part gives.
	 * @return the class path, or {@code null} if there is none
	 */
	public @Nullable String getClassPath() {
		String classPath = null;
		for (JvmArgument argument : this.jvmArguments) {
			classPath = (argument.classPath() != null) ? argument.classPath() : classPath;
		}
		return classPath;
	}

	/**
	 * Return the jar and the entries of every class path of the JVM part, in order,
	 * leaving out empty and wildcard entries.
	 * @return the paths, as given
	 */
	public List<Path> getLaunchPaths() {
		return this.jvmArguments.stream().flatMap((argument) -> argument.launchPaths().stream()).toList();
	}

	/**
	 * Return the positions of the argument files in the JVM part.
	 * @return the indexes in {@link #getJvmPart()} of the {@code @file} arguments
	 */
	public List<Integer> getArgumentFiles() {
		List<Integer> positions = new ArrayList<>();
		int index = 0;
		for (JvmArgument argument : this.jvmArguments) {
			if (argument.kind() == JvmArgument.Kind.ARGUMENT_FILE) {
				positions.add(index);
			}
			index += argument.tokens().size();
		}
		return positions;
	}

	/**
	 * Return the application arguments: every argument after the JVM part.
	 * @return the application arguments
	 */
	public List<String> getApplicationArguments() {
		return this.applicationArguments;
	}

	/**
	 * Return this command line without the options of its JVM part that match. The values
	 * of options that take one are never removed.
	 * @param option the options to remove
	 * @return the command line
	 */
	public JvmCommandLine withoutOptions(Predicate<String> option) {
		return new JvmCommandLine(this.java,
				this.jvmArguments.stream()
					.filter((argument) -> argument.kind() != JvmArgument.Kind.OPTION || argument.value() != null
							|| !option.test(argument.argument()))
					.toList(),
				this.applicationArguments);
	}

	/**
	 * Return this command line with options added to its JVM part after every other
	 * option, just before the jar, main class or module, so that they win over the same
	 * options given earlier: the JVM takes the last of repeated options. When an argument
	 * file names what the JVM runs, they go before the last argument file, whose own
	 * options then come after them.
	 * @param options the options to add, each one argument ({@code --add-opens=x/y=z},
	 * not {@code --add-opens} and {@code x/y=z})
	 * @return the command line
	 */
	public JvmCommandLine withJvmOptions(List<String> options) {
		List<JvmArgument> arguments = new ArrayList<>(this.jvmArguments);
		arguments.addAll(insertionIndex(),
				options.stream().map((option) -> new JvmArgument(JvmArgument.Kind.OPTION, option, null)).toList());
		return new JvmCommandLine(this.java, arguments, this.applicationArguments);
	}

	private int insertionIndex() {
		int argumentFile = this.jvmArguments.size();
		for (int i = 0; i < this.jvmArguments.size(); i++) {
			JvmArgument argument = this.jvmArguments.get(i);
			if (argument.isLaunch()) {
				return i;
			}
			argumentFile = (argument.kind() == JvmArgument.Kind.ARGUMENT_FILE) ? i : argumentFile;
		}
		return argumentFile;
	}

	/**
	 * Return this command line with the paths that its JVM part names made absolute: the
	 * jar, class and module paths, argument files, Java agents and class data sharing
	 * archives, so that they still resolve when the JVM starts in another directory.
	 * @param directory the directory relative paths were written against
	 * @return the command line
	 */
	public JvmCommandLine withAbsolutePaths(Path directory) {
		return new JvmCommandLine(this.java,
				this.jvmArguments.stream().map((argument) -> argument.absolutize(directory)).toList(),
				this.applicationArguments);
	}

	/**
	 * Return this command line run from another jar, with options added just before it,
	 * so that they win over the same options given earlier. Only a command line that runs
	 * a jar with {@code -jar} can change its jar.
	 * @param jar the jar to run instead
	 * @param options the options to add
	 * @return the command line
	 * @throws IllegalStateException if this command line does not run a jar
	 */
	public JvmCommandLine withJar(String jar, List<String> options) {
		if (getLaunchMode() != LaunchMode.JAR) {
			throw new IllegalStateException("Not started with -jar");
		}
		List<JvmArgument> arguments = new ArrayList<>();
		for (JvmArgument argument : this.jvmArguments) {
			if (argument.kind() == JvmArgument.Kind.JAR) {
				options.forEach((option) -> arguments.add(new JvmArgument(JvmArgument.Kind.OPTION, option, null)));
				arguments.add(new JvmArgument(JvmArgument.Kind.JAR, argument.argument(), jar));
			}
			else {
				arguments.add(argument);
			}
		}
		return new JvmCommandLine(this.java, arguments, this.applicationArguments);
	}

	private static String javaFromJavaHome() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/**
	 * How a JVM is told what to run.
	 */
	public enum LaunchMode {

		/**
		 * {@code -jar} and a jar.
		 */
		JAR,

		/**
		 * A main class, found on the class path.
		 */
		MAIN_CLASS,

		/**
		 * {@code -m} or {@code --module} and a module, or {@code --module=module}.
		 */
		MODULE,

		/**
		 * None on the command line: an argument file holds it.
		 */
		UNKNOWN

	}

}
