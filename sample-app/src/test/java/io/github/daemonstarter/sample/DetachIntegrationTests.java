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
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests that start the sample jar with {@code --daemon} and check from
 * outside, through {@code /proc}, that the daemon is detached, and where it writes.
 *
 * @author Daemon Starter Team
 */
@EnabledOnOs(OS.LINUX)
class DetachIntegrationTests {

	private static final Duration DEADLINE = Duration.ofSeconds(60);

	private static final Pattern LOG_LINE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\S+\\s+[A-Z]+ .*");

	@RegisterExtension
	final SampleAppProcesses processes = new SampleAppProcesses();

	@Test
	void daemonLeadsItsOwnSessionWithoutTerminalAndWithRedirectedStreams() throws Exception {
		SampleAppProcesses.Running launcher = this.processes.java("--daemon").start();
		SampleAppProcesses.Result result = launcher.await();
		assertThat(result.exitCode()).isZero();
		assertThat(result.out().lines()).as("launcher output without a terminal").hasSize(1);
		assertThat(launcher.process().isAlive()).as("launcher alive").isFalse();
		long pid = this.processes.pid();
		assertThat(result.out()).contains("pid " + pid)
			.contains(this.processes.pidFile().toString())
			.contains(this.processes.logFile().toString());
		LinuxProcess daemon = LinuxProcess.of(pid);
		assertThat(daemon.isRunning()).as("daemon running").isTrue();
		assertThat(daemon.parentPid()).as("parent")
			.isNotEqualTo(launcher.process().pid())
			.isNotEqualTo(ProcessHandle.current().pid());
		assertThat(daemon.processGroupId()).as("process group").isEqualTo(pid);
		assertThat(daemon.sessionId()).as("session").isEqualTo(pid);
		assertThat(daemon.controllingTerminal()).as("controlling terminal").isZero();
		assertThat(daemon.fileDescriptor(0)).hasToString("/dev/null");
		assertThat(daemon.fileDescriptor(1)).isEqualTo(this.processes.logFile());
		assertThat(daemon.fileDescriptor(2)).isEqualTo(this.processes.logFile());
		assertThat(new SampleAppClient(result.port()).health()).isEqualTo("UP");
		assertThat(Files.readAllLines(this.processes.logFile(), StandardCharsets.UTF_8))
			.filteredOn((line) -> line.contains("Started SampleApplication in"))
			.hasSize(1);
		assertThat(this.processes.markedProcesses()).as("processes left by the start").containsExactly(pid);
	}

	@Test
	void daemonStartsThroughAWaiterWhoseDeathIsNotTakenForTheDaemons() throws Exception {
		SampleAppProcesses.Running launcher = this.processes.java("--daemon").start();
		long launcherPid = launcher.process().pid();
		long waiter = await().atMost(DEADLINE)
			.until(() -> LinuxProcess.of(launcherPid).waiter(), (child) -> child != 0);
		assertThat(LinuxProcess.of(waiter).commandLine()).as("the launcher's child")
			.satisfies((command) -> assertThat(command.get(0)).endsWith("/setsid"))
			.containsSubsequence("--fork", "--wait");
		long daemon = await().atMost(DEADLINE).until(() -> LinuxProcess.of(waiter).firstChild(), (child) -> child != 0);
		this.processes.program("kill", "-KILL", Long.toString(waiter)).run();
		assertThat(launcher.process().isAlive()).as("launcher still waiting when its waiter was killed").isTrue();
		SampleAppProcesses.Result result = launcher.await();
		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).startsWith("Started sample-app in ").contains("pid " + daemon + ",");
		assertThat(this.processes.pid()).isEqualTo(daemon);
		assertThat(new SampleAppClient(result.port()).health()).isEqualTo("UP");
	}

	@Test
	void daemonEndsItsWaiterOnceReadyWhenTheLauncherWasKilled() throws Exception {
		SampleAppProcesses.Running launcher = this.processes.java("--daemon").start();
		long launcherPid = launcher.process().pid();
		long waiter = await().atMost(DEADLINE)
			.until(() -> LinuxProcess.of(launcherPid).waiter(), (child) -> child != 0);
		long daemon = await().atMost(DEADLINE).until(() -> LinuxProcess.of(waiter).firstChild(), (child) -> child != 0);
		this.processes.program("kill", "-KILL", Long.toString(launcherPid)).run();
		assertThat(launcher.process().waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("launcher killed").isTrue();
		assertThat(LinuxProcess.of(waiter).isRunning()).as("waiter running once the launcher is killed").isTrue();
		await().atMost(DEADLINE).until(() -> !LinuxProcess.of(waiter).isRunning());
		assertThat(Files.readString(this.processes.logFile())).contains("Started SampleApplication in");
		assertThat(LinuxProcess.of(daemon).isRunning()).as("daemon running").isTrue();
		assertThat(LinuxProcess.of(daemon).parentPid()).as("parent").isNotEqualTo(waiter);
		assertThat(this.processes.markedProcesses()).as("processes left by the start").containsExactly(daemon);
		int port = SampleAppClient.portLoggedIn(this.processes.logFile());
		assertThat(new SampleAppClient(port).health()).isEqualTo("UP");
	}

	@Test
	void customLogFileReceivesEveryLineOnce() throws Exception {
		Path logFile = this.processes.directory().resolve("logs").resolve("custom.log");
		SampleAppProcesses.Result result = this.processes.java("--daemon", "--logging.file.name=" + logFile).run();
		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).contains("log file " + logFile);
		assertThat(LinuxProcess.of(this.processes.pid()).fileDescriptor(1)).isEqualTo(logFile);
		List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
		assertThat(lines).filteredOn((line) -> line.contains("Started SampleApplication in")).hasSize(1);
		assertThat(lines).filteredOn((line) -> LOG_LINE.matcher(line).matches())
			.hasSizeGreaterThan(5)
			.doesNotHaveDuplicates();
		assertThat(this.processes.logFile()).doesNotExist();
	}

	@Test
	void umaskAppliesToDaemonAndItsFiles() throws Exception {
		SampleAppProcesses.Result result = this.processes.java("--daemon", "--daemon.umask=027").run();
		assertThat(result.exitCode()).isZero();
		assertThat(LinuxProcess.of(this.processes.pid()).status("Umask")).isEqualTo("0027");
		assertThat(Files.getPosixFilePermissions(this.processes.logFile())).as("log file permissions")
			.doesNotContain(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ,
					PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
		assertThat(Files.getPosixFilePermissions(this.processes.pidFile())).as("PID file permissions")
			.doesNotContain(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ,
					PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
	}

}
