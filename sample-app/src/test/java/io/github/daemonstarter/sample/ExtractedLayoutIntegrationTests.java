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

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration tests of the layout that Spring Boot recommends for efficient deployments:
 * the jar extracted with {@code -Djarmode=tools}, started with a class data sharing
 * archive from a training run ({@code --daemon=run}, as the README recommends). The
 * daemon, its supervisor and the control commands work from it, and the daemon's JVM uses
 * the archive in its own working directory too.
 *
 * @author Daemon Starter Team
 */
@EnabledOnOs(OS.LINUX)
class ExtractedLayoutIntegrationTests {

	private static final Path LAYOUT = Path.of("target", "it", "ExtractedLayoutIntegrationTests").toAbsolutePath();

	private static final Path EXTRACTED_JAR = LAYOUT.resolve("app").resolve("sample-app.jar");

	private static final Path ARCHIVE = LAYOUT.resolve("sample-app.jsa");

	@RegisterExtension
	final SampleAppProcesses processes = new SampleAppProcesses();

	@BeforeAll
	static void extractJarAndTrainArchive() throws Exception {
		SampleAppProcesses.deleteRecursively(LAYOUT);
		Files.createDirectories(LAYOUT);
		Path jar = new SampleAppProcesses().jar();
		run(List.of(java(), "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination",
				EXTRACTED_JAR.getParent().toString()));
		List<String> training = new ArrayList<>(List.of(java()));
		training.addAll(SampleAppProcesses.QUICK_START_OPTIONS);
		training.addAll(List.of("-XX:ArchiveClassesAtExit=" + ARCHIVE, "-Dspring.context.exit=onRefresh", "-jar",
				EXTRACTED_JAR.toString(), "--daemon=run", "--server.port=0"));
		run(training);
		assertThat(EXTRACTED_JAR).isRegularFile();
		assertThat(ARCHIVE).isNotEmptyFile();
	}

	@Test
	void daemonInAnotherWorkingDirectoryUsesTheArchiveAndIsControlledFromTheLayout() throws Exception {
		Path workingDirectory = Files.createDirectory(this.processes.directory().resolve("run"));
		String jar = relative(EXTRACTED_JAR);
		String archive = "-XX:SharedArchiveFile=" + relative(ARCHIVE);
		SampleAppProcesses.Result start = this.processes.javaJar(jar, "--daemon", "--daemon.working-directory=run")
			.jvmOptions(archive)
			.run();
		assertThat(start.exitCode()).isZero();
		long pid = Long.parseLong(Files.readString(workingDirectory.resolve("sample-app.pid")).strip());
		LinuxProcess daemon = LinuxProcess.of(pid);
		assertThat(daemon.workingDirectory()).isEqualTo(workingDirectory);
		assertThat(daemon.mapsFile(ARCHIVE)).as("the daemon maps %s", ARCHIVE).isTrue();
		String daemonArchive = daemon.commandLine()
			.stream()
			.filter((argument) -> argument.startsWith("-XX:SharedArchiveFile="))
			.findFirst()
			.orElseThrow();
		assertThat(Path.of(daemonArchive.substring("-XX:SharedArchiveFile=".length())).normalize()).isEqualTo(ARCHIVE);
		assertThat(new SampleAppClient(start.port()).health()).isEqualTo("UP");

		SampleAppProcesses.Result status = this.processes
			.javaJar(jar, "--daemon=status", "--daemon.working-directory=run")
			.jvmOptions(archive)
			.run();
		assertThat(status.exitCode()).isZero();
		assertThat(status.out()).startsWith("sample-app is running (pid " + pid + ", up ");
		SampleAppProcesses.Result stop = this.processes.javaJar(jar, "--daemon=stop", "--daemon.working-directory=run")
			.jvmOptions(archive)
			.run();
		assertThat(stop.exitCode()).isZero();
		assertThat(stop.out()).startsWith("Stopped sample-app (pid " + pid + ")");
		assertThat(daemon.isRunning()).isFalse();
		assertThat(workingDirectory).isDirectoryNotContaining("glob:**.pid");
	}

	@Test
	void supervisorStartsFromTheExtractedJar() throws Exception {
		SampleAppProcesses.Result start = this.processes
			.javaJar(EXTRACTED_JAR.toString(), "--daemon", "--daemon.supervisor.enabled=true")
			.jvmOptions("-XX:SharedArchiveFile=" + ARCHIVE)
			.run();
		assertThat(start.exitCode()).isZero();
		long supervisor = this.processes.pid();
		long application = Long.parseLong(
				Files.readString(this.processes.directory().resolve("sample-app.app.pid"), StandardCharsets.UTF_8)
					.strip());
		assertThat(LinuxProcess.of(supervisor).commandLine()).containsSubsequence("-cp", EXTRACTED_JAR.toString());
		LinuxProcess applicationProcess = LinuxProcess.of(application);
		assertThat(applicationProcess.parentPid()).isEqualTo(supervisor);
		assertThat(applicationProcess.mapsFile(ARCHIVE)).as("the application maps %s", ARCHIVE).isTrue();
		assertThat(new SampleAppClient(start.port()).health()).isEqualTo("UP");

		SampleAppProcesses.Result stop = this.processes.javaJar(EXTRACTED_JAR.toString(), "--daemon=stop").run();
		assertThat(stop.exitCode()).isZero();
		assertThat(stop.out()).startsWith("Stopped sample-app (pid " + supervisor + ")");
		assertThat(LinuxProcess.of(supervisor).isRunning()).isFalse();
		applicationProcess.awaitExit(Duration.ofSeconds(10));
	}

	private String relative(Path path) {
		return this.processes.directory().relativize(path).toString();
	}

	private static void run(List<String> command) throws Exception {
		Path log = LAYOUT.resolve("setup.log");
		Process process = new ProcessBuilder(command).directory(LAYOUT.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		try {
			assertThat(process.waitFor(SampleAppProcesses.COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
				.as("%s ended in time; see %s", command, log)
				.isTrue();
			assertThat(process.exitValue()).as("exit status of %s; see %s", command, log).isZero();
		}
		finally {
			process.destroyForcibly();
		}
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

}
