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

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.daemonstarter.DaemonException;
import io.github.daemonstarter.ExitStatus;
import io.github.daemonstarter.config.DaemonCommand;
import io.github.daemonstarter.launch.user.DaemonUser;
import io.github.daemonstarter.posix.Executables;
import io.github.daemonstarter.posix.ProcessState;
import org.jspecify.annotations.Nullable;

/**
 * Builds the command line that relaunches this JVM as a detached daemon: {@code setsid}
 * followed by the same java binary, JVM options, jar or main class and application
 * arguments, without the {@code --daemon} argument and without debugger agents (which
 * would fight the launcher for their port).
 * <p>
 * {@code setsid} makes the child a session leader with no controlling terminal before the
 * JVM runs its first instruction, and execs without forking, so the PID of the started
 * process is the daemon's. When the launcher inherited ignored hangup, interrupt, quit or
 * terminate signals (as under {@code nohup}), {@code env --default-signal} restores them
 * so that the daemon's JVM installs its usual handlers.
 * <p>
 * The paths that the relaunched JVM reads (the jar, class and module paths, argument
 * files, Java agents and class data sharing archives) are made absolute, so that they
 * still resolve when {@code daemon.working-directory} names another directory.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class RelaunchCommand {

	private static final Set<String> CLASS_PATH_OPTIONS = Set.of("-cp", "-classpath", "--class-path");

	private static final Pattern UTIL_LINUX_VERSION = Pattern.compile("util-linux (\\d+)\\.(\\d+)");

	/**
	 * Options of the supervisor's JVM, a process that mostly waits: a small heap and
	 * stacks, one collector thread, no optimizing compiler, and no performance data,
	 * whose sampler would wake the JVM 20 times a second (so {@code jps} does not list
	 * it). Two of HotSpot's housekeeping timers are stretched too: the monitor deflation
	 * thread would wake 4 times a second and the VM thread once a second (JDK 25 already
	 * leaves the latter off). Those are diagnostic flags, so a JDK that drops one ignores
	 * it instead of refusing to start.
	 */
	private static final List<String> SUPERVISOR_JVM_OPTIONS = List.of("-Xms8m", "-Xmx32m", "-Xss512k",
			"-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=16m", "-XX:-UsePerfData",
			"-Xshare:auto", "-XX:+UnlockDiagnosticVMOptions", "-XX:+IgnoreUnrecognizedVMOptions",
			"-XX:GuaranteedSafepointInterval=0", "-XX:AsyncDeflationInterval=3600000",
			"-XX:GuaranteedAsyncDeflationInterval=3600000");

	private static final String PROPERTIES_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

	private static final List<String> SIGNALS = List.of("HUP", "INT", "QUIT", "TERM");

	private static final int[] SIGNAL_NUMBERS = { 1, 2, 3, 15 };

	private final String javaCommand;

	private final List<String> jvmPart;

	private final List<String> applicationArguments;

	private RelaunchCommand(String javaCommand, List<String> jvmPart, List<String> applicationArguments) {
		this.javaCommand = javaCommand;
		this.jvmPart = jvmPart;
		this.applicationArguments = applicationArguments;
	}

	/**
	 * Create the relaunch command of this JVM.
	 * @param applicationArgs the arguments the application received
	 * @return the command
	 */
	public static RelaunchCommand ofCurrentProcess(String[] applicationArgs) {
		ProcessHandle.Info info = ProcessHandle.current().info();
		String javaCommand = info.command().orElseGet(RelaunchCommand::javaFromJavaHome);
		List<String> arguments = currentArguments(info).orElseThrow(() -> new DaemonException(ExitStatus.FAILURE,
				"Cannot read this JVM's command line: run the application in the foreground "
						+ "with --daemon=run under a service manager"));
		return of(javaCommand, arguments, applicationArgs, Path.of("").toAbsolutePath());
	}

	/**
	 * Return the arguments of this JVM, read from {@code /proc/self/cmdline} by
	 * {@link ProcessState#commandLine(long)}. {@link ProcessHandle.Info#arguments()} is
	 * only a fallback: it stops at the first empty argument and is empty when the command
	 * line is longer than about 4 KB (a long class path).
	 * @param info the information about this process, for the fallback
	 * @return the arguments after the program, or empty when they cannot be read
	 */
	private static Optional<List<String>> currentArguments(ProcessHandle.Info info) {
		Optional<List<String>> commandLine = ProcessState.commandLine(ProcessHandle.current().pid());
		if (commandLine.isEmpty()) {
			return info.arguments().map(Arrays::asList);
		}
		List<String> arguments = commandLine.get();
		return Optional.of(arguments.isEmpty() ? arguments : arguments.subList(1, arguments.size()));
	}

	/**
	 * Create a relaunch command from a JVM command line.
	 * @param javaCommand the java binary
	 * @param arguments every argument of the java binary, as the operating system holds
	 * them
	 * @param applicationArgs the arguments the application received
	 * @param currentDirectory the directory relative paths were written against
	 * @return the command
	 */
	public static RelaunchCommand of(String javaCommand, List<String> arguments, String[] applicationArgs,
			Path currentDirectory) {
		int boundary = applicationArgumentsStart(arguments, applicationArgs);
		List<String> jvmPart = absolutize(withoutDebuggers(arguments.subList(0, boundary)), currentDirectory);
		List<String> applicationArguments = arguments.subList(boundary, arguments.size())
			.stream()
			.filter((argument) -> !DaemonCommand.isDaemonArgument(argument))
			.toList();
		return new RelaunchCommand(javaCommand, jvmPart, applicationArguments);
	}

	/**
	 * Return the complete command: {@code setsid}, optionally {@code env}, then java.
	 * @param ignoredSignals signals that this process inherited as ignored, from
	 * {@link #ignoredSignals(String)}
	 * @return the command
	 */
	public List<String> command(List<String> ignoredSignals) {
		return command(ignoredSignals, List.of(), false);
	}

	/**
	 * Return the complete command: {@code setsid} (with {@code --fork --wait} for a
	 * waiter, see {@code DetachedChild}), optionally {@code env}, optionally a command
	 * that switches user (see {@link DaemonUser#commandPrefix(String)}), then java.
	 * @param ignoredSignals signals that this process inherited as ignored, from
	 * {@link #ignoredSignals(String)}
	 * @param userSwitch the arguments that run the rest as another user, or an empty list
	 * @param waiter whether {@code setsid} forks the rest and waits for it (see
	 * {@link #setsidCanWait()})
	 * @return the command
	 */
	public List<String> command(List<String> ignoredSignals, List<String> userSwitch, boolean waiter) {
		List<String> command = detachingPrefix(ignoredSignals, userSwitch, waiter);
		command.addAll(javaCommand());
		return command;
	}

	/**
	 * Return whether the {@code setsid} on this machine can fork the program it runs and
	 * wait for it ({@code --fork --wait}): util-linux's can since version 2.26 (2015),
	 * BusyBox's cannot.
	 * @return whether {@code setsid --fork --wait} works
	 */
	public static boolean setsidCanWait() {
		String setsid = Executables.find("setsid", "util-linux");
		try {
			Process process = new ProcessBuilder(setsid, "--version").redirectErrorStream(true)
				.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
				.start();
			String output = new String(process.getInputStream().readNBytes(4096), StandardCharsets.UTF_8);
			return process.waitFor() == 0 && isUtilLinuxWithWait(output);
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Return whether the output of {@code setsid --version} names util-linux 2.26 or
	 * later.
	 * @param versionOutput the output
	 * @return whether that {@code setsid} has {@code --fork --wait}
	 */
	static boolean isUtilLinuxWithWait(String versionOutput) {
		Matcher version = UTIL_LINUX_VERSION.matcher(versionOutput);
		if (!version.find()) {
			return false;
		}
		int major = Integer.parseInt(version.group(1));
		int minor = Integer.parseInt(version.group(2));
		return major > 2 || (major == 2 && minor >= 26);
	}

	private static List<String> detachingPrefix(List<String> ignoredSignals, List<String> userSwitch, boolean waiter) {
		List<String> command = new ArrayList<>();
		command.add(Executables.find("setsid", "util-linux"));
		if (waiter) {
			command.add("--fork");
			command.add("--wait");
		}
		if (!ignoredSignals.isEmpty()) {
			command.add(Executables.find("env", "coreutils"));
			command.add("--default-signal=" + String.join(",", ignoredSignals));
		}
		command.addAll(userSwitch);
		return command;
	}

	/**
	 * Return the command of the application itself: java, its options, the jar or main
	 * class and the application arguments, as a process supervisor starts it.
	 * @return the command
	 */
	public List<String> javaCommand() {
		List<String> command = new ArrayList<>();
		command.add(this.javaCommand);
		command.addAll(this.jvmPart);
		command.addAll(this.applicationArguments);
		return command;
	}

	/**
	 * Return the command that starts the process supervisor detached: {@code setsid},
	 * optionally {@code env}, then java with a small heap, this application's class path
	 * and the supervisor's main class. The application's JVM options are left out (a
	 * large heap or an agent belong to the application), except those that the native
	 * layer needs. A Spring Boot jar is started through its {@code PropertiesLauncher},
	 * which finds the supervisor among the jar's nested libraries.
	 * @param ignoredSignals signals that this process inherited as ignored
	 * @param mainClass the supervisor's main class
	 * @param supervisorArguments the supervisor's arguments
	 * @return the command
	 */
	public List<String> supervisorCommand(List<String> ignoredSignals, String mainClass,
			List<String> supervisorArguments) {
		return supervisorCommand(ignoredSignals, List.of(), false, mainClass, supervisorArguments);
	}

	/**
	 * Return the command that starts the process supervisor detached, as
	 * {@link #supervisorCommand(List, String, List)} does, optionally as another user
	 * (the supervisor and the application it starts then both run as that user) and
	 * optionally through a waiting {@code setsid}.
	 * @param ignoredSignals signals that this process inherited as ignored
	 * @param userSwitch the arguments that run the rest as another user, or an empty list
	 * @param waiter whether {@code setsid} forks the rest and waits for it
	 * @param mainClass the supervisor's main class
	 * @param supervisorArguments the supervisor's arguments
	 * @return the command
	 */
	public List<String> supervisorCommand(List<String> ignoredSignals, List<String> userSwitch, boolean waiter,
			String mainClass, List<String> supervisorArguments) {
		List<String> command = detachingPrefix(ignoredSignals, userSwitch, waiter);
		command.add(this.javaCommand);
		command.addAll(SUPERVISOR_JVM_OPTIONS);
		this.jvmPart.stream().filter(RelaunchCommand::isNativeLayerOption).forEach(command::add);
		command.addAll(supervisorLaunch(mainClass));
		command.addAll(supervisorArguments);
		return command;
	}

	private List<String> supervisorLaunch(String mainClass) {
		String jar = null;
		String classPath = null;
		String applicationMainClass = null;
		for (int i = 0; i < this.jvmPart.size(); i++) {
			String argument = this.jvmPart.get(i);
			boolean hasNext = i + 1 < this.jvmPart.size();
			if (JavaLauncherOptions.isModule(argument) || argument.startsWith("--module=")
					|| (argument.startsWith("@") && !argument.startsWith("@@"))) {
				throw new DaemonException(ExitStatus.NOT_CONFIGURED,
						"daemon.supervisor.enabled=true needs the application started with -jar or a class path "
								+ "and main class, not as a module or from an @argfile: start it so, "
								+ "or set daemon.supervisor.enabled=false");
			}
			if (argument.equals("-jar") && hasNext) {
				jar = this.jvmPart.get(++i);
			}
			else if (CLASS_PATH_OPTIONS.contains(argument) && hasNext) {
				classPath = this.jvmPart.get(++i);
			}
			else if (argument.startsWith("--class-path=")) {
				classPath = argument.substring("--class-path=".length());
			}
			else if (JavaLauncherOptions.takesValue(argument) && hasNext) {
				i++;
			}
			else if (!argument.startsWith("-")) {
				applicationMainClass = argument;
			}
		}
		List<String> launch = new ArrayList<>();
		if (jar != null) {
			launch.addAll(List.of("-cp", jar));
			if (isBootLauncher(manifestMainClass(jar))) {
				return withPropertiesLauncher(launch, mainClass);
			}
		}
		else if (classPath != null) {
			launch.addAll(List.of("-cp", classPath));
			if (isBootLauncher(applicationMainClass)) {
				return withPropertiesLauncher(launch, mainClass);
			}
		}
		launch.add(mainClass);
		return launch;
	}

	private static List<String> withPropertiesLauncher(List<String> launch, String mainClass) {
		launch.add("-Dloader.main=" + mainClass);
		launch.add(PROPERTIES_LAUNCHER);
		return launch;
	}

	private static boolean isBootLauncher(@Nullable String mainClass) {
		return mainClass != null && mainClass.startsWith("org.springframework.boot.loader.");
	}

	private static @Nullable String manifestMainClass(String jar) {
		try (JarFile file = new JarFile(jar)) {
			Manifest manifest = file.getManifest();
			return (manifest != null) ? manifest.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS) : null;
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static boolean isNativeLayerOption(String argument) {
		return argument.startsWith("-Djava.io.tmpdir=") || argument.startsWith("-Djava.library.path=")
				|| argument.startsWith("-Djffi.") || argument.startsWith("-Djnr.");
	}

	/**
	 * Return the jar or the class path entries that the relaunched JVM reads.
	 * @return the paths, absolute
	 */
	public List<Path> launchPaths() {
		List<Path> paths = new ArrayList<>();
		for (int i = 0; i < this.jvmPart.size(); i++) {
			String argument = this.jvmPart.get(i);
			boolean hasNext = i + 1 < this.jvmPart.size();
			if (argument.equals("-jar") && hasNext) {
				paths.add(Path.of(this.jvmPart.get(++i)));
			}
			else if (CLASS_PATH_OPTIONS.contains(argument) && hasNext) {
				addClassPath(paths, this.jvmPart.get(++i));
			}
			else if (argument.startsWith("--class-path=")) {
				addClassPath(paths, argument.substring("--class-path=".length()));
			}
			else if (JavaLauncherOptions.takesValue(argument) && hasNext) {
				i++;
			}
		}
		return paths;
	}

	private static void addClassPath(List<Path> paths, String classPath) {
		for (String entry : classPath.split(File.pathSeparator)) {
			if (!entry.isEmpty() && !entry.endsWith("*")) {
				paths.add(Path.of(entry));
			}
		}
	}

	public String getJavaCommand() {
		return this.javaCommand;
	}

	public List<String> getJvmPart() {
		return this.jvmPart;
	}

	public List<String> getApplicationArguments() {
		return this.applicationArguments;
	}

	/**
	 * Return the signals among HUP, INT, QUIT and TERM that are ignored according to the
	 * given {@code /proc/<pid>/status} content.
	 * @param procStatus the content of {@code /proc/self/status}
	 * @return the names of the ignored signals
	 */
	public static List<String> ignoredSignals(String procStatus) {
		long mask = procStatus.lines()
			.filter((line) -> line.startsWith("SigIgn:"))
			.map((line) -> Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16))
			.findFirst()
			.orElse(0L);
		List<String> ignored = new ArrayList<>();
		for (int i = 0; i < SIGNAL_NUMBERS.length; i++) {
			if ((mask & (1L << (SIGNAL_NUMBERS[i] - 1))) != 0) {
				ignored.add(SIGNALS.get(i));
			}
		}
		return ignored;
	}

	private static int applicationArgumentsStart(List<String> arguments, String[] applicationArgs) {
		int index = 0;
		boolean argumentFileSeen = false;
		while (index < arguments.size()) {
			String argument = arguments.get(index);
			if (argument.equals("-jar") || JavaLauncherOptions.isModule(argument)) {
				index += 2;
				return argumentFileSeen ? fromTail(arguments, applicationArgs) : Math.min(index, arguments.size());
			}
			if (argument.startsWith("--module=")) {
				return argumentFileSeen ? fromTail(arguments, applicationArgs) : index + 1;
			}
			if (argument.startsWith("@") && !argument.startsWith("@@")) {
				argumentFileSeen = true;
			}
			else if (!argument.startsWith("-")) {
				return argumentFileSeen ? fromTail(arguments, applicationArgs) : index + 1;
			}
			index += JavaLauncherOptions.takesValue(argument) ? 2 : 1;
		}
		return fromTail(arguments, applicationArgs);
	}

	private static int fromTail(List<String> arguments, String[] applicationArgs) {
		int start = arguments.size() - applicationArgs.length;
		if (start >= 0 && arguments.subList(start, arguments.size()).equals(Arrays.asList(applicationArgs))) {
			return start;
		}
		throw new DaemonException(ExitStatus.FAILURE,
				"Cannot tell the JVM options from the application arguments in this JVM's command line: "
						+ "start it with -jar or a main class outside any @argfile");
	}

	private static List<String> withoutDebuggers(List<String> jvmPart) {
		return jvmPart.stream().filter((argument) -> !isDebugger(argument)).toList();
	}

	public static boolean isDebugger(String argument) {
		return argument.startsWith("-agentlib:jdwp") || argument.startsWith("-Xrunjdwp") || argument.equals("-Xdebug")
				|| argument.equals("-Xnoagent")
				|| (argument.startsWith("-javaagent:") && (argument.contains("idea_rt.jar")
						|| argument.contains("debugger-agent") || argument.contains("jdwp")));
	}

	private static List<String> absolutize(List<String> jvmPart, Path directory) {
		List<String> result = new ArrayList<>(jvmPart.size());
		for (int i = 0; i < jvmPart.size(); i++) {
			String argument = jvmPart.get(i);
			result.add(JvmPaths.absolutizeOption(argument, directory));
			boolean hasNext = i + 1 < jvmPart.size();
			if (hasNext && argument.equals("-jar")) {
				result.add(JvmPaths.absolutizePath(jvmPart.get(++i), directory));
			}
			else if (hasNext && JvmPaths.PATH_LIST_OPTIONS.contains(argument)) {
				result.add(JvmPaths.absolutizeClassPath(jvmPart.get(++i), directory));
			}
			else if (hasNext && JavaLauncherOptions.takesValue(argument)) {
				result.add(jvmPart.get(++i));
			}
		}
		return result;
	}

	private static String javaFromJavaHome() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

}
