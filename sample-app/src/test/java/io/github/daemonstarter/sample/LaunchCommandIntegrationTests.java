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

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration tests that check the command line of the relaunched daemon: application
 * arguments arrive intact, JVM options carry over except debugger agents, and class path
 * and relative launches work.
 *
 * @author Daemon Starter Team
 */
@EnabledOnOs(OS.LINUX)
class LaunchCommandIntegrationTests {

	private static final String JAR_LAUNCHER = "org.springframework.boot.loader.launch.JarLauncher";

	@RegisterExtension
	final SampleAppProcesses processes = new SampleAppProcesses();

	@Test
	void applicationArgumentsReachDaemonByteForByte() throws Exception {
		SampleAppProcesses.Command command = this.processes
			.java("two words", "--daemon", "it's \"quoted\"", "$HOME and ${HOME} `id`", "", "back\\slash", "grüße ✓ 日本",
					"--sample.label= a  b ", "*", "-")
			.env("LANG", "C.UTF-8")
			.env("LC_ALL", "C.UTF-8");
		List<String> commandLine = command.commandLine();
		List<String> expected = new ArrayList<>(
				commandLine.subList(commandLine.indexOf("-jar") + 2, commandLine.size()));
		expected.remove("--daemon");
		SampleAppProcesses.Result result = command.run();
		assertThat(result.exitCode()).isZero();
		assertThat(new SampleAppClient(result.port()).args()).containsExactlyElementsOf(expected);
		List<byte[]> daemonArguments = LinuxProcess.of(this.processes.pid()).rawCommandLine();
		List<byte[]> tail = daemonArguments.subList(daemonArguments.size() - expected.size(), daemonArguments.size());
		assertThat(tail).zipSatisfy(expected,
				(actual, argument) -> assertThat(actual).isEqualTo(argument.getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void jvmOptionsReachDaemonWithoutDebugger() throws Exception {
		String debugger = "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:0";
		SampleAppProcesses.Result result = this.processes.java("--daemon")
			.jvmOptions("-Dsample.marker=x", "-Xmx256m", debugger)
			.run();
		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).contains("Listening for transport dt_socket");
		List<String> daemonCommandLine = LinuxProcess.of(this.processes.pid()).commandLine();
		assertThat(daemonCommandLine).contains("-Dsample.marker=x", "-Xmx256m")
			.noneMatch((argument) -> argument.contains("jdwp"));
		assertThat(new SampleAppClient(result.port()).health()).isEqualTo("UP");
	}

	@Test
	void classPathLaunchStartsDaemon() throws Exception {
		String jar = this.processes.jar().toString();
		SampleAppProcesses.Result result = this.processes
			.program(java(), "-cp", jar, JAR_LAUNCHER, "--daemon", "--server.port=0")
			.run();
		assertThat(result.exitCode()).isZero();
		LinuxProcess daemon = LinuxProcess.of(this.processes.pid());
		assertThat(daemon.commandLine()).containsSubsequence("-cp", jar, JAR_LAUNCHER, "--server.port=0")
			.doesNotContain("--daemon");
		assertThat(new SampleAppClient(result.port()).health()).isEqualTo("UP");
	}

	@Test
	void relativeJarStartsDaemonInWorkingDirectory() throws Exception {
		Path workingDirectory = Files.createDirectory(this.processes.directory().resolve("run"));
		String relativeJar = this.processes.directory().relativize(this.processes.jar()).toString();
		assertThat(relativeJar).startsWith("..");
		SampleAppProcesses.Result result = this.processes
			.program(java(), "-jar", relativeJar, "--daemon", "--daemon.working-directory=run", "--server.port=0")
			.run();
		assertThat(result.exitCode()).isZero();
		Path pidFile = workingDirectory.resolve("sample-app.pid");
		Path logFile = workingDirectory.resolve("sample-app.log");
		assertThat(result.out()).contains("PID file " + pidFile).contains("log file " + logFile);
		LinuxProcess daemon = LinuxProcess.of(Long.parseLong(Files.readString(pidFile).strip()));
		assertThat(daemon.workingDirectory()).isEqualTo(workingDirectory);
		assertThat(daemon.fileDescriptor(1)).isEqualTo(logFile);
		List<String> daemonCommandLine = daemon.commandLine();
		Path daemonJar = Path.of(daemonCommandLine.get(daemonCommandLine.indexOf("-jar") + 1));
		assertThat(daemonJar).isAbsolute();
		assertThat(daemonJar.normalize()).isEqualTo(this.processes.jar());
		assertThat(this.processes.pidFile()).doesNotExist();
		assertThat(this.processes.logFile()).doesNotExist();
		assertThat(new SampleAppClient(result.port()).health()).isEqualTo("UP");
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

}
