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

import io.github.daemonstarter.ExitStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Integration tests for {@code --daemon=status} against the real sample daemon: each
 * state ends with its LSB exit code.
 *
 * @author Daemon Starter Team
 */
@EnabledOnOs(OS.LINUX)
class StatusIntegrationTests {

	private static final String NOBODY = "65534";

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
