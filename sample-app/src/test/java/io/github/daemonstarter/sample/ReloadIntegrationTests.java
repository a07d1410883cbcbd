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
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.github.daemonstarter.ExitStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests of reloads: {@code SIGHUP} and {@code --daemon=reload} against the
 * real sample daemon, checked through {@code /proc}, HTTP and its log files.
 *
 * @author Daemon Starter Team
 */
@EnabledOnOs(OS.LINUX)
class ReloadIntegrationTests {

	private static final Duration DEADLINE = Duration.ofSeconds(60);

	@RegisterExtension
	final SampleAppProcesses processes = new SampleAppProcesses();

	@Test
	void threeHangupsInARowReloadTheSameDaemonThreeTimes() throws Exception {
		SampleAppClient client = start();
		long pid = this.processes.pid();
		for (int i = 0; i < 3; i++) {
			hangup(pid);
		}
		awaitLog(this.processes.logFile(), "Reload 3 done");
		assertThat(log(this.processes.logFile())).contains("Reloaded the sample's settings (reload 1)")
			.contains("Reloaded the sample's settings (reload 2)")
			.contains("Reloaded the sample's settings (reload 3)");
		assertThat(LinuxProcess.of(pid).isRunning()).isTrue();
		assertThat(this.processes.pid()).isEqualTo(pid);
		assertThat(client.health()).isEqualTo("UP");
	}

	@Test
	void hangupAfterTheLogFileWasMovedWritesIntoANewFileAndNothingMoreIntoTheMovedOne() throws Exception {
		SampleAppClient client = start();
		long pid = this.processes.pid();
		Path logFile = this.processes.logFile();
		Path moved = this.processes.directory().resolve("sample-app.log.1");
		Files.move(logFile, moved);
		hangup(pid);
		awaitLog(logFile, "Reload 1 done");
		LinuxProcess daemon = LinuxProcess.of(pid);
		assertThat(daemon.fileDescriptor(1)).isEqualTo(logFile);
		assertThat(daemon.fileDescriptor(2)).isEqualTo(logFile);
		assertThat(Files.getPosixFilePermissions(logFile)).doesNotContain(PosixFilePermission.GROUP_WRITE,
				PosixFilePermission.OTHERS_WRITE);
		long movedSize = Files.size(moved);
		assertThat(log(moved)).contains("Started SampleApplication").doesNotContain("Reload 1 done");
		hangup(pid);
		awaitLog(logFile, "Reload 2 done");
		assertThat(client.health()).isEqualTo("UP");
		assertThat(Files.size(moved)).isEqualTo(movedSize);
		assertThat(log(logFile)).contains("Reopened log file " + logFile + " (a new file");
	}

	@Test
	void reloadCommandWaitsForTheReloadAndExitsWithItsOutcome() throws Exception {
		SampleAppProcesses.Result notRunning = this.processes.java("--daemon=reload").run();
		assertThat(notRunning.exitCode()).isEqualTo(ExitStatus.PROGRAM_NOT_RUNNING);
		assertThat(notRunning.err())
			.isEqualTo("sample-app is not running: nothing to reload (start it with --daemon)\n");
		Path failMarker = this.processes.directory().resolve("fail-reload");
		SampleAppClient client = start("--sample.reload.fail-if-present=" + failMarker);
		long pid = this.processes.pid();
		SampleAppProcesses.Result reloaded = this.processes.java("--daemon=reload").run();
		assertThat(reloaded.exitCode()).as(reloaded.err()).isZero();
		assertThat(reloaded.out())
			.matches("Reloaded sample-app \\(pid " + pid + ", reload 1\\) in [0-9.]+s; reloaded in "
					+ "place: replacing the JVM without downtime needs daemon.supervisor.enabled=true\n");
		assertThat(log(this.processes.logFile())).contains("Reloaded the sample's settings (reload 1)");
		Files.createFile(failMarker);
		SampleAppProcesses.Result failed = this.processes.java("--daemon=reload").run();
		assertThat(failed.exitCode()).isEqualTo(ExitStatus.FAILURE);
		assertThat(failed.err()).startsWith("Reload of sample-app (pid " + pid + ") failed after ")
			.contains("a DaemonReloadEvent listener failed")
			.contains("cannot be reloaded while " + failMarker + " exists (sample.reload.fail-if-present)")
			.endsWith("\n")
			.hasLineCount(1);
		assertThat(client.health()).isEqualTo("UP");
		assertThat(this.processes.pid()).isEqualTo(pid);
	}

	@Test
	void hangupWhileStartingReloadsOnceReady() throws Exception {
		SampleAppProcesses.Running launcher = this.processes
			.java("--daemon", "--server.port=0", "--sample.startup.delay=3s")
			.start();
		await().atMost(DEADLINE).until(() -> Files.exists(this.processes.pidFile()) && pidWritten());
		long pid = this.processes.pid();
		hangup(pid);
		SampleAppProcesses.Result started = launcher.await();
		assertThat(started.exitCode()).as(started.err()).isZero();
		awaitLog(this.processes.logFile(), "Reload 1 done");
		String log = log(this.processes.logFile());
		assertThat(log.indexOf("Reload 1 done")).isGreaterThan(log.indexOf("Started SampleApplication"));
		assertThat(LinuxProcess.of(pid).isRunning()).isTrue();
	}

	@Test
	void hangupToTheSupervisorReopensItsLogAndTheNewApplicationWritesIntoTheNewFileAndAHangupToTheApplicationReloadsIt()
			throws Exception {
		// A fixed port: with port 0, the new application would listen on another one
		SampleAppClient client = start("--daemon.supervisor.enabled=true", "--server.port=" + freePort());
		long supervisor = this.processes.pid();
		long application = applicationPid();
		Path logFile = this.processes.logFile();
		Path moved = this.processes.directory().resolve("sample-app.log.1");
		Files.move(logFile, moved);
		SampleAppProcesses.Result reloaded = this.processes.java("--daemon=reload").run();
		assertThat(reloaded.exitCode()).as(reloaded.err()).isZero();
		long replacement = applicationPid();
		assertThat(replacement).isNotEqualTo(application);
		assertThat(reloaded.out()).startsWith("Reloaded sample-app (supervisor pid " + supervisor + ", application pid "
				+ application + " replaced by " + replacement + ") in ");
		assertThat(LinuxProcess.of(supervisor).fileDescriptor(1)).isEqualTo(logFile);
		assertThat(LinuxProcess.of(replacement).fileDescriptor(1)).isEqualTo(logFile);
		assertThat(LinuxProcess.of(replacement).fileDescriptor(2)).isEqualTo(logFile);
		assertThat(log(logFile)).contains("Received SIGHUP: reopened log file " + logFile)
			.contains("with PID " + replacement);
		assertThat(log(moved)).doesNotContain("with PID " + replacement);
		assertThat(client.health()).isEqualTo("UP");
		hangup(replacement);
		awaitLog(logFile, " " + replacement + " --- [sample-app] [ SIGHUP handler] ");
		awaitLog(logFile, "Reloaded the sample's settings (reload 1)");
		assertThat(applicationPid()).as("a SIGHUP to the application reloads it in place").isEqualTo(replacement);
		assertThat(LinuxProcess.of(replacement).isRunning()).isTrue();
		assertThat(client.health()).isEqualTo("UP");
	}

	private SampleAppClient start(String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of("--daemon"));
		command.addAll(Arrays.asList(args));
		if (command.stream().noneMatch((arg) -> arg.startsWith("--server.port="))) {
			command.add("--server.port=0");
		}
		SampleAppProcesses.Result start = this.processes.java(command.toArray(String[]::new)).run();
		assertThat(start.exitCode()).as(start.err()).isZero();
		return new SampleAppClient(SampleAppClient.portReported(start.out()));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private boolean pidWritten() throws IOException {
		return !Files.readString(this.processes.pidFile()).isBlank();
	}

	private long applicationPid() {
		return this.processes.supervisedApplicationPid();
	}

	private void hangup(long pid) throws Exception {
		assertThat(this.processes.program("kill", "-HUP", Long.toString(pid)).run().exitCode()).isZero();
	}

	private static void awaitLog(Path file, String text) {
		await().atMost(DEADLINE).until(() -> Files.exists(file) && log(file).contains(text));
	}

	private static String log(Path file) throws IOException {
		return Files.readString(file, StandardCharsets.UTF_8);
	}

}
