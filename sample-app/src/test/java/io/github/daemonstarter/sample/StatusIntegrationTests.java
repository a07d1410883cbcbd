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

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.github.daemonstarter.ExitStatus;
import io.github.daemonstarter.status.StatusFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for {@code --daemon=status} against the real sample daemon: each
 * state ends with its LSB exit code.
 *
 * @author Daemon Starter Team
 */
@EnabledOnOs(OS.LINUX)
class StatusIntegrationTests {

	private static final String NOBODY = "65534";

	private static final Duration DEADLINE = Duration.ofSeconds(60);

	private static final String FLAKY = "--daemon.watchdog.workers.flaky.";

	private static final String[] CRITICAL_FLAKY_GIVES_UP = { "--sample.flaky.fail-after=0s", FLAKY + "critical=true",
			FLAKY + "restart.max-restarts=0" };

	@RegisterExtension
	final SampleAppProcesses processes = new SampleAppProcesses();

	@Test
	void statusWhenNeverStartedReturnsThreeAndCreatesNoPidFile() throws Exception {
		SampleAppProcesses.Result status = this.processes.java("--daemon=status").run();
		assertThat(status.exitCode()).isEqualTo(ExitStatus.NOT_RUNNING);
		assertThat(status.out()).isEqualTo("sample-app is not running\n");
		assertThat(this.processes.pidFile()).doesNotExist();
	}

	@Test
	void statusWhenRunningReturnsZeroAndWhenKilledReturnsOne() throws Exception {
		assertThat(this.processes.java("--daemon").run().exitCode()).isZero();
		long pid = this.processes.pid();
		awaitStatusEntry(statusFile(), "readiness", "ACCEPTING_TRAFFIC");
		assertThat(new StatusFile(statusFile()).read()).containsEntry("pid", Long.toString(pid))
			.containsEntry("liveness", "CORRECT");
		SampleAppProcesses.Result running = this.processes.java("--daemon=status").run();
		assertThat(running.exitCode()).isEqualTo(ExitStatus.OK);
		assertThat(running.out()).matches(
				"sample-app is running \\(pid " + pid + ", up \\d+s, log file " + this.processes.logFile() + "\\)\n");
		ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
		LinuxProcess.of(pid).awaitExit(Duration.ofSeconds(30));
		SampleAppProcesses.Result dead = this.processes.java("--daemon=status").run();
		assertThat(dead.exitCode()).isEqualTo(ExitStatus.FAILURE);
		assertThat(dead.out()).isEqualTo("sample-app is not running, but its PID file remains: PID file "
				+ this.processes.pidFile() + " names pid " + pid + ", which is gone\n");
		assertThat(this.processes.pid()).isEqualTo(pid);
	}

	@Test
	void statusWhenCriticalWorkerGaveUpSaysDegradedInOneLineAndExitsWithTheDegradedExitCode() throws Exception {
		assertThat(this.processes.java(criticalFlakyGivesUp("--daemon")).run().exitCode()).isZero();
		long pid = this.processes.pid();
		awaitStatusEntry(statusFile(), "liveness", "BROKEN");
		String line = "sample-app is running, degraded: worker flaky gave up \\d+s ago \\(critical, liveness BROKEN\\) "
				+ "\\(pid " + pid + ", up \\d+s, log file " + Pattern.quote(this.processes.logFile().toString())
				+ "\\)\n";
		SampleAppProcesses.Result piped = this.processes.java("--daemon=status").run();
		assertThat(piped.exitCode()).isEqualTo(ExitStatus.OK);
		assertThat(piped.out()).matches(line);
		SampleAppProcesses.Result monitored = this.processes
			.java("--daemon=status", "--daemon.status.degraded-exit-code=150")
			.run();
		assertThat(monitored.exitCode()).isEqualTo(150);
		assertThat(monitored.out()).matches(line);
		SampleAppProcesses.Result onTerminal = this.processes.java("--daemon=status").onTerminal().run();
		assertThat(onTerminal.exitCode()).isEqualTo(ExitStatus.OK);
		List<String> lines = onTerminal.out().lines().map(String::strip).toList();
		assertThat(lines.get(0)).startsWith("sample-app is running, degraded: worker flaky gave up ");
		assertThat(lines)
			.anySatisfy((row) -> assertThat(row).matches("flaky +failed \\(critical\\) +0 +\\d+s ago: .*"));
	}

	@Test
	void statusWhenSupervisedApplicationIsDegradedSaysSoInOneLine() throws Exception {
		assertThat(this.processes.java(criticalFlakyGivesUp("--daemon", "--daemon.supervisor.enabled=true"))
			.run()
			.exitCode()).isZero();
		long supervisor = this.processes.pid();
		Path applicationPidFile = this.processes.directory().resolve("sample-app.app.pid");
		long application = Long.parseLong(Files.readString(applicationPidFile).strip());
		awaitStatusEntry(StatusFile.besidePidFile(applicationPidFile).getPath(), "liveness", "BROKEN");
		SampleAppProcesses.Result status = this.processes
			.java("--daemon=status", "--daemon.status.degraded-exit-code=199")
			.run();
		assertThat(status.exitCode()).isEqualTo(199);
		assertThat(status.out()).matches("sample-app is running, degraded: worker flaky gave up \\d+s ago \\(critical, "
				+ "liveness BROKEN\\) \\(pid " + application + ", supervisor pid " + supervisor + ", up .*\\)\n");
	}

	@Test
	void statusWithDegradedExitCodeOutsideTheLsbRangeForApplicationsFailsWithSix() throws Exception {
		SampleAppProcesses.Result status = this.processes
			.java("--daemon=status", "--daemon.status.degraded-exit-code=200")
			.run();
		assertThat(status.exitCode()).isEqualTo(ExitStatus.NOT_CONFIGURED);
		assertThat(status.out()).isEmpty();
		assertThat(status.err().lines()).singleElement()
			.asString()
			.startsWith("Invalid value '200' for daemon.status.degraded-exit-code")
			.contains("must be between 150 and 199")
			.endsWith("; fix daemon.status.degraded-exit-code");
	}

	private Path statusFile() {
		return this.processes.directory().resolve("sample-app.status");
	}

	private static void awaitStatusEntry(Path statusFile, String key, String value) {
		await().atMost(DEADLINE)
			.pollInterval(Duration.ofMillis(50))
			.untilAsserted(() -> assertThat(new StatusFile(statusFile).read()).as("status file %s", statusFile)
				.containsEntry(key, value));
	}

	private static String[] criticalFlakyGivesUp(String... arguments) {
		List<String> all = new ArrayList<>(List.of(arguments));
		all.addAll(List.of(CRITICAL_FLAKY_GIVES_UP));
		return all.toArray(String[]::new);
	}

	@Test
	void statusAndStopWhenPidFileUnreadableReturnFour() throws Exception {
		Path pidFile = this.processes.pidFile();
		Files.createFile(pidFile);
		Files.setPosixFilePermissions(pidFile, PosixFilePermissions.fromString("---------"));
		assertUnknownToNobody(pidFile);
	}

	@Test
	void statusAndStopWhenPidFileDirectoryNotSearchableReturnFour() throws Exception {
		Path directory = Files.createDirectory(this.processes.directory().resolve("private"));
		Path pidFile = Files.createFile(directory.resolve("sample-app.pid"));
		Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
		assertUnknownToNobody(pidFile);
	}

	private void assertUnknownToNobody(Path pidFile) throws Exception {
		assumeThat(Files.getAttribute(Path.of("/proc/self"), "unix:uid")).as("running as root").isEqualTo(0);
		SampleAppProcesses.Running sleep = this.processes.program("sleep", "300").start();
		Files.writeString(pidFile, Long.toString(sleep.process().pid()));
		Path tmp = Files.createDirectory(this.processes.directory().resolve("tmp"));
		Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
		SampleAppProcesses.Result status = asNobody(tmp, "--daemon=status", "--spring.pid.file=" + pidFile).run();
		assertThat(status.exitCode()).isEqualTo(ExitStatus.NO_PERMISSION);
		assertThat(status.out())
			.isEqualTo("sample-app status is unknown: cannot read PID file " + pidFile + " (permission denied)\n");
		SampleAppProcesses.Result stop = asNobody(tmp, "--daemon=stop", "--spring.pid.file=" + pidFile).run();
		assertThat(stop.exitCode()).isEqualTo(ExitStatus.NO_PERMISSION);
		assertThat(stop.err()).contains("Cannot stop sample-app: cannot read PID file " + pidFile);
		assertThat(sleep.process().isAlive()).isTrue();
	}

	private SampleAppProcesses.Command asNobody(Path tmp, String... args) {
		List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY,
				"--clear-groups", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Djava.io.tmpdir=" + tmp, "-jar", this.processes.jar().toString()));
		command.addAll(List.of(args));
		return this.processes.program(command.toArray(String[]::new));
	}

}
