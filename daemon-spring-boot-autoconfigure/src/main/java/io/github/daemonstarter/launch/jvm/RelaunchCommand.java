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

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import io.github.daemonstarter.DaemonException;
import io.github.daemonstarter.ExitStatus;
import io.github.daemonstarter.config.DaemonCommand;
import io.github.daemonstarter.launch.jvm.JvmCommandLine.LaunchMode;
import io.github.daemonstarter.launch.user.DaemonUser;
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

	private final JvmCommandLine commandLine;

	private final List<String> jvmPart;

	private final List<String> applicationArguments;

	private RelaunchCommand(JvmCommandLine commandLine) {
		this(commandLine,
				commandLine.getApplicationArguments()
					.stream()
					.filter((argument) -> !DaemonCommand.isDaemonArgument(argument))
					.toList());
	}

	private RelaunchCommand(JvmCommandLine commandLine, List<String> applicationArguments) {
		this.commandLine = commandLine;
		this.jvmPart = commandLine.getJvmPart();
		this.applicationArguments = applicationArguments;
	}

	/**
	 * Create the relaunch command of this JVM.
	 * @param applicationArgs the arguments the application received
	 * @return the command
	 * @see JvmCommandLine#current(String[])
	 */
	public static RelaunchCommand ofCurrentProcess(String[] applicationArgs) {
		JvmCommandLine commandLine = JvmCommandLine.current(applicationArgs)
			.orElseThrow(() -> new DaemonException(ExitStatus.FAILURE,
					"Cannot read this JVM's command line: run the application in the foreground "
							+ "with --daemon=run under a service manager"));
		return of(commandLine, Path.of("").toAbsolutePath());
	}

	/**
	 * Create a relaunch command from a JVM command line.
	 * @param javaCommand the java binary
	 * @param arguments every argument of the java binary, as the operating system holds
	 * them
	 * @param applicationArgs the arguments the application received
	 * @param currentDirectory the directory relative paths were written against
	 * @return the command
	 * @see JvmCommandLine#of(String, List, String[])
	 */
	public static RelaunchCommand of(String javaCommand, List<String> arguments, String[] applicationArgs,
			Path currentDirectory) {
		return of(JvmCommandLine.of(javaCommand, arguments, applicationArgs), currentDirectory);
	}

	/**
	 * Create a relaunch command from a parsed JVM command line: without its debuggers,
	 * with the paths of its JVM part made absolute and without the {@code --daemon}
	 * arguments among its application arguments.
	 * @param commandLine the command line of the JVM to relaunch
	 * @param currentDirectory the directory relative paths were written against
	 * @return the command
	 */
	private static RelaunchCommand of(JvmCommandLine commandLine, Path currentDirectory) {
		return new RelaunchCommand(
				commandLine.withoutOptions(RelaunchCommand::isDebugger).withAbsolutePaths(currentDirectory));
	}

	/**
	 * Return this command run from another jar, with JVM options added just before it:
	 * fast start runs the jar that Spring Boot's tool extracted, with a class data
	 * archive.
	 * @param jar the jar to run instead
	 * @param options the JVM options to add after the others
	 * @return the command
	 * @throws IllegalStateException if this command does not run a jar with {@code -jar}
	 */
	public RelaunchCommand withJar(Path jar, List<String> options) {
		return new RelaunchCommand(this.commandLine.withJar(jar.toString(), options), this.applicationArguments);
	}

	/**
	 * Return whether the command runs a jar with {@code -jar}, from no argument file.
	 * @return whether it runs a jar
	 */
	public boolean runsJar() {
		return this.commandLine.getLaunchMode() == LaunchMode.JAR && this.commandLine.getArgumentFiles().isEmpty();
	}

	/**
	 * Return the jar that the command runs with {@code -jar}.
	 * @return the jar, absolute, or {@code null} if the command does not run a jar
	 */
	public @Nullable Path getJar() {
		String target = this.commandLine.getLaunchTarget();
		return (runsJar() && target != null) ? Path.of(target) : null;
	}

	/**
	 * Return the options of the JVM part with their values, without argument files and
	 * without the jar, main class or module.
	 * @return the options
	 */
	public List<String> getJvmOptions() {
		return this.commandLine.getJvmOptions();
	}

	/**
	 * Return the complete command: {@code setsid}, optionally {@code env}, then java.
	 * @param ignoredSignals signals that this process inherited as ignored, from
	 * {@link DetachingPrefix#ignoredSignals(String)}
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
	 * {@link DetachingPrefix#ignoredSignals(String)}
	 * @param userSwitch the arguments that run the rest as another user, or an empty list
	 * @param waiter whether {@code setsid} forks the rest and waits for it (see
	 * {@link DetachingPrefix#setsidCanWait()})
	 * @return the command
	 */
	public List<String> command(List<String> ignoredSignals, List<String> userSwitch, boolean waiter) {
		List<String> command = DetachingPrefix.of(ignoredSignals, userSwitch, waiter);
		command.addAll(javaCommand());
		return command;
	}

	/**
	 * Return the command of the application itself: java, its options, the jar or main
	 * class and the application arguments, as a process supervisor starts it.
	 * @return the command
	 */
	public List<String> javaCommand() {
		List<String> command = new ArrayList<>();
		command.add(this.commandLine.getJava());
		command.addAll(this.jvmPart);
		command.addAll(this.applicationArguments);
		return command;
	}

	/**
	 * Return this command with JVM options added after every other option, just before
	 * the jar, main class or module, so that they win over the same options given to the
	 * launcher (see {@link JvmCommandLine#withJvmOptions(List)}). The supervisor's own
	 * JVM does not get them, except those that the native layer needs.
	 * @param options the options to add, each one argument
	 * @return the command
	 */
	public RelaunchCommand withJvmOptions(List<String> options) {
		return options.isEmpty() ? this : new RelaunchCommand(this.commandLine.withJvmOptions(options));
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
		List<String> command = DetachingPrefix.of(ignoredSignals, userSwitch, waiter);
		command.add(this.commandLine.getJava());
		command.addAll(SUPERVISOR_JVM_OPTIONS);
		this.commandLine.getJvmOptions().stream().filter(RelaunchCommand::isNativeLayerOption).forEach(command::add);
		command.addAll(supervisorLaunch(mainClass));
		command.addAll(supervisorArguments);
		return command;
	}

	private List<String> supervisorLaunch(String mainClass) {
		LaunchMode mode = this.commandLine.getLaunchMode();
		if (mode == LaunchMode.MODULE || !this.commandLine.getArgumentFiles().isEmpty()) {
			throw new DaemonException(ExitStatus.NOT_CONFIGURED,
					"daemon.supervisor.enabled=true needs the application started with -jar or a class path "
							+ "and main class, not as a module or from an @argfile: start it so, "
							+ "or set daemon.supervisor.enabled=false");
		}
		String target = this.commandLine.getLaunchTarget();
		String classPath = this.commandLine.getClassPath();
		List<String> launch = new ArrayList<>();
		if (mode == LaunchMode.JAR && target != null) {
			launch.addAll(List.of("-cp", target));
			if (isBootLauncher(manifestMainClass(target))) {
				return withPropertiesLauncher(launch, mainClass);
			}
		}
		else if (classPath != null) {
			launch.addAll(List.of("-cp", classPath));
			if (isBootLauncher((mode == LaunchMode.MAIN_CLASS) ? target : null)) {
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
		return this.commandLine.getLaunchPaths();
	}

	public String getJavaCommand() {
		return this.commandLine.getJava();
	}

	public List<String> getJvmPart() {
		return this.jvmPart;
	}

	public List<String> getApplicationArguments() {
		return this.applicationArguments;
	}

	public static boolean isDebugger(String argument) {
		return argument.startsWith("-agentlib:jdwp") || argument.startsWith("-Xrunjdwp") || argument.equals("-Xdebug")
				|| argument.equals("-Xnoagent")
				|| (argument.startsWith("-javaagent:") && (argument.contains("idea_rt.jar")
						|| argument.contains("debugger-agent") || argument.contains("jdwp")));
	}

}
