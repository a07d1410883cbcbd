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

package io.github.daemonstarter.sample;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the sample application's jar as real processes and kills, by PID, every process a
 * test started when the test ends, pass or fail.
 * <p>
 * Each test gets its own working directory under {@code target/it} and a unique marker in
 * the environment of every JVM it starts; daemons inherit it, so cleanup finds them
 * through {@code /proc/<pid>/environ} even when the test never learnt their PID.
 *
 * @author Daemon Starter Team
 */
class SampleAppProcesses implements BeforeEachCallback, AfterEachCallback {

	static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);

	/**
	 * JVM options of every sample JVM the tests start: the tests start many short-lived
	 * JVMs on few cores, and C1 alone with the serial collector starts each about a
	 * quarter faster. The daemon's relaunch passes them on as it passes any user's
	 * options.
	 */
	static final List<String> QUICK_START_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

	static final String MARKER_VARIABLE = "DAEMON_IT_MARKER";

	private final Path jar = Path.of(System.getProperty("sample.jar", "target/sample-app.jar")).toAbsolutePath();

	private String marker = "";

	private Path directory = Path.of(".");

	private final List<Process> started = new ArrayList<>();

	@Override
	public void beforeEach(ExtensionContext context) throws IOException {
		this.marker = UUID.randomUUID().toString();
		String name = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
		this.directory = Path.of("target", "it", name).toAbsolutePath();
		deleteRecursively(this.directory);
		Files.createDirectories(this.directory);
		assertThat(this.jar).as("sample jar (run 'package' first)").isRegularFile();
	}

	@Override
	public void afterEach(ExtensionContext context) throws Exception {
		for (Process process : this.started) {
			process.destroyForcibly();
		}
		List<Long> leftovers = markedProcesses();
		for (long pid : leftovers) {
			ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> markedProcesses().isEmpty());
	}

	/**
	 * Return the working directory of the current test.
	 * @return the directory
	 */
	Path directory() {
		return this.directory;
	}

	/**
	 * Return the sample jar.
	 * @return the jar
	 */
	Path jar() {
		return this.jar;
	}

	/**
	 * Return the PID file of the sample app in the test's directory.
	 * @return the PID file
	 */
	Path pidFile() {
		return this.directory.resolve("sample-app.pid");
	}

	/**
	 * Return the log file of the sample app in the test's directory.
	 * @return the log file
	 */
	Path logFile() {
		return this.directory.resolve("sample-app.log");
	}

	/**
	 * Return the PID written in the PID file.
	 * @return the PID
	 * @throws IOException if the PID file cannot be read
	 */
	long pid() throws IOException {
		return Long.parseLong(Files.readString(pidFile()).strip());
	}

	/**
	 * Return the PID of the application that the supervisor published in its status file
	 * as the one that serves.
	 * @return the PID, or {@code -1} if none is published
	 */
	long supervisedApplicationPid() {
		try (Reader reader = Files.newBufferedReader(this.directory.resolve("sample-app.status"))) {
			Properties status = new Properties();
			status.load(reader);
			String pid = status.getProperty("supervisor.application-pid");
			return (pid != null) ? Long.parseLong(pid.strip()) : -1;
		}
		catch (IOException | NumberFormatException ex) {
			return -1;
		}
	}

	/**
	 * Start building a command that runs {@code java -jar sample-app.jar}.
	 * @param args the application arguments
	 * @return the command
	 */
	Command java(String... args) {
		return javaJar(this.jar.toString(), args);
	}

	/**
	 * Start building a command that runs {@code java -jar} with another jar of the sample
	 * application, such as one that Spring Boot's {@code jarmode=tools} extracted.
	 * @param jar the jar, as the command names it (it may be relative to the test's
	 * directory)
	 * @param args the application arguments
	 * @return the command
	 */
	Command javaJar(String jar, String... args) {
		return new Command(new ArrayList<>(List.of("-jar", jar)), args);
	}

	/**
	 * Start building a command that runs an arbitrary program in the test's directory
	 * with the test's marker.
	 * @param command the program and its arguments
	 * @return the command
	 */
	Command program(String... command) {
		return new Command(List.of(command));
	}

	/**
	 * Return the PIDs of all processes that carry this test's marker.
	 * @return the PIDs
	 */
	List<Long> markedProcesses() {
		List<Long> pids = new ArrayList<>();
		try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
			for (Path directory : proc) {
				try {
					LinuxProcess process = LinuxProcess.of(Long.parseLong(directory.getFileName().toString()));
					if (this.marker.equals(process.environment(MARKER_VARIABLE)) && process.isRunning()) {
						pids.add(process.pid());
					}
				}
				catch (IOException | RuntimeException ex) {
					// Gone or not ours
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return pids;
	}

	static void deleteRecursively(Path path) throws IOException {
		if (!Files.exists(path)) {
			return;
		}
		try (var walk = Files.walk(path)) {
			for (Path each : walk.sorted((a, b) -> b.compareTo(a)).toList()) {
				Files.deleteIfExists(each);
			}
		}
	}

	/**
	 * Return a command line as one line for {@code sh -c}, each argument quoted.
	 * @param command the command line
	 * @return the shell command
	 */
	static String shellCommand(List<String> command) {
		return command.stream()
			.map((argument) -> "'" + argument.replace("'", "'\\''") + "'")
			.collect(Collectors.joining(" "));
	}

	/**
	 * A command to run in the test's directory.
	 */
	final class Command {

		private final List<String> command = new ArrayList<>();

		private final Map<String, String> environment = new LinkedHashMap<>();

		private final List<String> removedVariables = new ArrayList<>();

		private Path workingDirectory = SampleAppProcesses.this.directory;

		private Command(List<String> jvmPart, String... args) {
			this.command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
			this.command.addAll(QUICK_START_OPTIONS);
			this.command.addAll(jvmPart);
			this.command.addAll(Arrays.asList(args));
			if (Arrays.stream(args).noneMatch((arg) -> arg.startsWith("--server.port="))) {
				this.command.add("--server.port=0");
			}
		}

		private Command(List<String> program) {
			this.command.addAll(program);
		}

		/**
		 * Start the JVM without {@link #QUICK_START_OPTIONS}, with the JVM's default
		 * compilers and collector.
		 * @return this command
		 */
		Command withDefaultJvm() {
			this.command.removeAll(QUICK_START_OPTIONS);
			return this;
		}

		/**
		 * Add JVM options before {@code -jar}.
		 * @param options the options
		 * @return this command
		 */
		Command jvmOptions(String... options) {
			this.command.addAll(1, Arrays.asList(options));
			return this;
		}

		/**
		 * Set an environment variable.
		 * @param name the name
		 * @param value the value
		 * @return this command
		 */
		Command env(String name, String value) {
			this.environment.put(name, value);
			return this;
		}

		/**
		 * Remove an inherited environment variable.
		 * @param name the name
		 * @return this command
		 */
		Command withoutEnv(String name) {
			this.removedVariables.add(name);
			return this;
		}

		/**
		 * Run in another directory.
		 * @param directory the directory
		 * @return this command
		 */
		Command in(Path directory) {
			this.workingDirectory = directory;
			return this;
		}

		/**
		 * Run the command on a pseudo-terminal that {@code script} from util-linux
		 * provides: its output is then what a user sees on a terminal.
		 * @return this command
		 */
		Command onTerminal() {
			String shell = shellCommand(this.command);
			this.command.clear();
			this.command.addAll(List.of("script", "-qefc", shell, "/dev/null"));
			return this;
		}

		/**
		 * Return the command line.
		 * @return the command line
		 */
		List<String> commandLine() {
			return this.command;
		}

		/**
		 * Start the command without waiting for it. Its output goes to files in the test
		 * directory.
		 * @return the running process
		 * @throws IOException if it cannot be started
		 */
		Running start() throws IOException {
			String id = UUID.randomUUID().toString().substring(0, 8);
			Path out = SampleAppProcesses.this.directory.resolve("command-" + id + ".out");
			Path err = SampleAppProcesses.this.directory.resolve("command-" + id + ".err");
			ProcessBuilder builder = new ProcessBuilder(this.command).directory(this.workingDirectory.toFile())
				.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
				.redirectOutput(out.toFile())
				.redirectError(err.toFile());
			this.removedVariables.forEach(builder.environment()::remove);
			builder.environment().remove("NOTIFY_SOCKET");
			builder.environment().remove("INVOCATION_ID");
			builder.environment().putAll(this.environment);
			builder.environment().put(MARKER_VARIABLE, SampleAppProcesses.this.marker);
			Process process = builder.start();
			SampleAppProcesses.this.started.add(process);
			return new Running(process, out, err);
		}

		/**
		 * Run the command and wait for it to end.
		 * @return the result
		 * @throws Exception if it cannot be run or does not end in time
		 */
		Result run() throws Exception {
			return start().await();
		}

	}

	/**
	 * A command that runs.
	 *
	 * @param process the process
	 * @param out the file that receives its standard output
	 * @param err the file that receives its standard error
	 */
	record Running(Process process, Path out, Path err) {

		/**
		 * Wait for the command to end.
		 * @return the result
		 * @throws Exception if it does not end in time
		 */
		Result await() throws Exception {
			boolean ended = this.process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(ended).as("command ended within %s; stderr: %s", COMMAND_TIMEOUT, read(this.err)).isTrue();
			Result result = new Result(this.process.exitValue(), read(this.out), read(this.err));
			System.out.println("[" + this.process.pid() + "] exit " + result.exitCode() + "\n--- stdout\n"
					+ result.out() + "--- stderr\n" + result.err());
			return result;
		}

		private static String read(Path file) throws IOException {
			return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
		}

	}

	/**
	 * The result of a command.
	 *
	 * @param exitCode its exit code
	 * @param out what it wrote on standard output
	 * @param err what it wrote on standard error
	 */
	record Result(int exitCode, String out, String err) {

		/**
		 * Return the port the launcher reported.
		 * @return the port
		 */
		int port() {
			return SampleAppClient.portReported(this.out);
		}

		/**
		 * Return the value of a setting of the unit that the command printed, from its
		 * first line that sets it.
		 * @param key the setting, such as {@code ExecStart}
		 * @return the value
		 */
		String unitSetting(String key) {
			return this.out.lines()
				.filter((line) -> line.startsWith(key + "="))
				.findFirst()
				.orElseThrow()
				.substring(key.length() + 1);
		}

	}

}
