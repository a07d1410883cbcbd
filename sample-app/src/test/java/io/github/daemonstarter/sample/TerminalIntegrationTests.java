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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests that start the daemon from a terminal, a pseudo-terminal that
 * {@code script} from util-linux provides, and close that terminal, or that start it with
 * hangups ignored as {@code nohup} does.
 * <p>
 * A hangup closes the terminal as a terminal window that goes away does: {@code script}
 * is killed, so the pseudo-terminal's master side closes and the kernel hangs up the
 * session, and every process of the terminal's session gets SIGHUP.
 *
 * @author Daemon Starter Team
 */
@EnabledOnOs(OS.LINUX)
class TerminalIntegrationTests {

	private static final Duration JVM_START = Duration.ofSeconds(60);

	private static final int SIGHUP = 1;

	@RegisterExtension
	final SampleAppProcesses processes = new SampleAppProcesses();

	@Test
	void startOnTerminalShowsProgressAndDaemonSurvivesHangup() throws Exception {
		String shell = SampleAppProcesses.shellCommand(this.processes.java("--daemon").commandLine())
				+ "; exec sleep 600";
		SampleAppProcesses.Running terminal = this.processes.program("script", "-qefc", shell, "/dev/null").start();
		await().atMost(JVM_START).until(() -> read(terminal.out()).contains("Started sample-app in"));
		String output = read(terminal.out());
		long pid = this.processes.pid();
		assertThat(output).contains("Starting sample-app (pid " + pid + ")");
		assertThat(output.indexOf("Starting sample-app (pid ")).isLessThan(output.indexOf("Started sample-app in"));
		hangUp(terminal);
		assertStaysRunning(LinuxProcess.of(pid));
		assertThat(new SampleAppClient(SampleAppClient.portReported(output)).health()).isEqualTo("UP");
	}

	@Test
	void daemonBecomesReadyWhenTerminalHangsUpWhileLauncherWaits() throws Exception {
		String shell = "exec " + SampleAppProcesses
			.shellCommand(this.processes.java("--daemon", "--sample.startup.delay=3s").commandLine());
		SampleAppProcesses.Running terminal = this.processes.program("script", "-qefc", shell, "/dev/null").start();
		await().atMost(JVM_START).until(() -> !read(this.processes.pidFile()).isBlank());
		assertThat(read(terminal.out())).as("launcher output before the hangup").doesNotContain("Started sample-app");
		LinuxProcess daemon = LinuxProcess.of(this.processes.pid());
		Path launcherSocket = Path.of(daemon.environment("BOOT_DAEMON_LAUNCHER_SOCKET"));
		assertThat(launcherSocket).exists();
		hangUp(terminal);
		assertThat(read(terminal.out())).doesNotContain("Started sample-app");
		assertThat(launcherSocket.getParent()).as("launcher socket directory").doesNotExist();
		await().atMost(JVM_START).until(() -> {
			assertThat(daemon.isRunning()).as("%s running", daemon).isTrue();
			return read(this.processes.logFile()).contains("Started SampleApplication in");
		});
		SampleAppClient client = new SampleAppClient(SampleAppClient.portLoggedIn(this.processes.logFile()));
		await().atMost(JVM_START).until(() -> {
			assertThat(daemon.isRunning()).as("%s running", daemon).isTrue();
			return "UP".equals(client.healthStatus("/actuator/health/readiness"));
		});
		assertThat(client.health()).isEqualTo("UP");
		assertThat(daemon.sessionId()).as("session").isEqualTo(daemon.pid());
		assertThat(this.processes.pid()).as("PID in PID file").isEqualTo(daemon.pid());
		assertStaysRunning(daemon);
	}

	@Test
	void daemonDoesNotInheritIgnoredHangupFromNohup() throws Exception {
		List<String> command = new ArrayList<>(List.of("nohup"));
		command.addAll(this.processes.java("--daemon").commandLine());
		SampleAppProcesses.Result result = this.processes.program(command.toArray(String[]::new)).run();
		assertThat(result.exitCode()).isZero();
		LinuxProcess daemon = LinuxProcess.of(this.processes.pid());
		assertThat(daemon.ignoresSignal(SIGHUP)).as("SIGHUP ignored").isFalse();
		// A SIGHUP that the daemon handles reloads it; an ignored one would leave no
		// trace
		this.processes.program("kill", "-HUP", Long.toString(daemon.pid())).run();
		await().atMost(JVM_START).until(() -> read(this.processes.logFile()).contains("Reload 1 done"));
		assertStaysRunning(daemon);
	}

	@Test
	void runInTheForegroundOnATerminalStillEndsWhenTheTerminalHangsUp() throws Exception {
		String shell = "exec " + SampleAppProcesses.shellCommand(this.processes.java("--daemon=run").commandLine());
		SampleAppProcesses.Running terminal = this.processes.program("script", "-qefc", shell, "/dev/null").start();
		await().atMost(JVM_START).until(() -> read(terminal.out()).contains("Started SampleApplication in"));
		LinuxProcess application = LinuxProcess.of(this.processes.pid());
		assertThat(application.controllingTerminal()).as("controlling terminal").isNotZero();
		hangUp(terminal);
		application.awaitExit(JVM_START);
		assertThat(this.processes.pidFile()).doesNotExist();
	}

	private void hangUp(SampleAppProcesses.Running terminal) throws Exception {
		List<ProcessHandle> session = terminal.process().children().toList();
		assertThat(session).as("session of the terminal").hasSize(1);
		long sessionId = LinuxProcess.of(session.get(0).pid()).sessionId();
		assertThat(session.get(0).isAlive()).as("terminal session leader alive").isTrue();
		terminal.process().destroyForcibly();
		this.processes.program("kill", "-HUP", "--", "-" + sessionId).run();
		await().atMost(Duration.ofSeconds(30)).until(() -> !session.get(0).isAlive());
	}

	private static void assertStaysRunning(LinuxProcess daemon) {
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(daemon.isRunning()).as("%s running", daemon).isTrue());
	}

	private static String read(Path file) throws Exception {
		return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
	}

}
