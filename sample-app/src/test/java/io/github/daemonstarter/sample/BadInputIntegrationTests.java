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

import io.github.daemonstarter.ExitStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration tests for {@code --daemon} with settings it cannot work with: each ends the
 * launcher with one line on standard error that names the setting and the fix, with its
 * LSB exit code, before any daemon or PID file exists.
 *
 * @author Daemon Starter Team
 */
@EnabledOnOs(OS.LINUX)
class BadInputIntegrationTests {

	@RegisterExtension
	final SampleAppProcesses processes = new SampleAppProcesses();

	@Test
	void startWhenPidFileDirectoryIsMissingFails() throws Exception {
		Path pidFile = this.processes.directory().resolve("missing").resolve("app.pid");
		SampleAppProcesses.Result result = this.processes.java("--daemon", "--spring.pid.file=" + pidFile).run();
		assertFailsBeforeStart(result, ExitStatus.NOT_CONFIGURED);
		assertThat(result.err()).contains("PID file directory " + pidFile.getParent() + " does not exist")
			.contains("create it or set spring.pid.file");
		assertThat(pidFile.getParent()).doesNotExist();
	}

	@Test
	void startWhenPidFileIsSymbolicLinkFailsWithoutFollowingIt() throws Exception {
		Path target = Files.writeString(this.processes.directory().resolve("passwd"),
				"root:x:0:0:root:/root:/bin/sh\n");
		Files.createSymbolicLink(this.processes.pidFile(), target.getFileName());
		SampleAppProcesses.Result result = this.processes.java("--daemon").run();
		assertThat(result.exitCode()).isEqualTo(ExitStatus.NOT_CONFIGURED);
		assertThat(result.err()).isEqualTo("PID file " + this.processes.pidFile()
				+ " is a symbolic link, which is never followed: remove it or set spring.pid.file to another path\n");
		assertThat(result.out()).isEmpty();
		assertThat(this.processes.markedProcesses()).isEmpty();
		SampleAppProcesses.Result status = this.processes.java("--daemon=status").run();
		assertThat(status.exitCode()).isEqualTo(ExitStatus.NO_PERMISSION);
		assertThat(status.out()).isEqualTo("sample-app status is unknown: cannot read PID file "
				+ this.processes.pidFile() + " (a symbolic link, which is never followed)\n");
		assertThat(Files.readSymbolicLink(this.processes.pidFile())).isEqualTo(target.getFileName());
		assertThat(target).hasContent("root:x:0:0:root:/root:/bin/sh");
	}

	@Test
	void startWhenPidFileIsDirectoryFailsAndStatusIsUnknown() throws Exception {
		Files.createDirectory(this.processes.pidFile());
		SampleAppProcesses.Result result = this.processes.java("--daemon").run();
		assertThat(result.exitCode()).isEqualTo(ExitStatus.NOT_CONFIGURED);
		assertThat(result.err()).isEqualTo("PID file " + this.processes.pidFile()
				+ " is not a regular file: remove it or set spring.pid.file to another path\n");
		assertThat(result.out()).isEmpty();
		assertThat(this.processes.markedProcesses()).isEmpty();
		SampleAppProcesses.Result status = this.processes.java("--daemon=status").run();
		assertThat(status.exitCode()).isEqualTo(ExitStatus.NO_PERMISSION);
		assertThat(this.processes.pidFile()).isDirectory();
	}

	@Test
	void startWhenLogFileDirectoryIsRegularFileFails() throws Exception {
		Path file = Files.createFile(this.processes.directory().resolve("file"));
		Path logFile = file.resolve("sample-app.log");
		SampleAppProcesses.Result result = this.processes.java("--daemon", "--logging.file.name=" + logFile).run();
		assertFailsBeforeStart(result, ExitStatus.NO_PERMISSION);
		assertThat(result.err()).contains("Cannot write log file " + logFile + " (" + file + " is not a directory)")
			.contains("set logging.file.name to a writable path");
		assertThat(file).isEmptyFile();
	}

	@Test
	void startWhenLogFileCannotBeCreatedFails() throws Exception {
		Path logFile = Path.of("/proc/daemon-starter/sample-app.log");
		SampleAppProcesses.Result result = this.processes.java("--daemon", "--logging.file.name=" + logFile).run();
		assertFailsBeforeStart(result, ExitStatus.NO_PERMISSION);
		assertThat(result.err()).contains("Cannot write log file " + logFile + " (cannot create directory /proc/")
			.contains("set logging.file.name to a writable path");
		assertThat(this.processes.logFile()).doesNotExist();
	}

	@ParameterizedTest
	@CsvSource({ "daemon.stop-timeout, -1s, must be positive", "daemon.umask, 999, must be an octal mask",
			"daemon.startup-timeout, abc, is not a valid duration" })
	void startWhenDaemonSettingIsInvalidFails(String name, String value, String reason) throws Exception {
		SampleAppProcesses.Result result = this.processes.java("--daemon", "--" + name + "=" + value).run();
		assertFailsBeforeStart(result, ExitStatus.NOT_CONFIGURED);
		assertThat(result.err()).startsWith("Invalid value '" + value + "' for " + name)
			.contains(reason)
			.endsWith("; fix " + name + "\n");
	}

	@ParameterizedTest
	@CsvSource({ "daemon.watchdog.restart.multiplier, 0.5, must be at least 1",
			"daemon.watchdog.restart.jitter, 2, must be between 0 and 1",
			"daemon.watchdog.heartbeat-timeout, -1s, must be positive" })
	void startWhenWatchdogSettingIsInvalidFailsAndNamesIt(String name, String value, String reason) throws Exception {
		SampleAppProcesses.Result result = this.processes.java("--daemon", "--" + name + "=" + value).run();
		assertFailedStart(result);
		assertThat(result.err().lines().findFirst()).hasValueSatisfying((line) -> assertThat(line)
			.startsWith("sample-app failed to start: Invalid value '" + value + "' for " + name)
			.contains(reason)
			.endsWith("; fix " + name));
	}

	@Test
	void startWhenWatchdogSettingsNameNoWorkerFailsAndNamesThem() throws Exception {
		SampleAppProcesses.Result result = this.processes
			.java("--daemon", "--daemon.watchdog.workers.nosuch.critical=true")
			.run();
		assertFailedStart(result);
		assertThat(result.err().lines().findFirst()).hasValueSatisfying((line) -> assertThat(line)
			.startsWith("sample-app failed to start: IllegalStateException: daemon.watchdog.workers.nosuch names "
					+ "no worker")
			.contains("Fix the name or remove the settings"));
	}

	@Test
	void unknownCommandFailsAndListsTheCommands() throws Exception {
		SampleAppProcesses.Result result = this.processes.java("--daemon=bogus").run();
		assertFailsBeforeStart(result, ExitStatus.INVALID_ARGUMENT);
		assertThat(result.err()).isEqualTo("Unknown daemon command 'bogus': use --daemon or --daemon=<command> "
				+ "with one of start, run, status, stop, restart, reload, unit, install, uninstall\n");
	}

	@Test
	void startWhenJffiExtractDirectoryIsMissingFailsAndNamesIt() throws Exception {
		Path missing = this.processes.directory().resolve("missing");
		SampleAppProcesses.Result result = this.processes.java("--daemon")
			.jvmOptions("-Djffi.extract.dir=" + missing)
			.run();
		assertRefusedByDaemon(result, ExitStatus.NOT_INSTALLED);
		assertThat(result.err()).startsWith("Daemon mode cannot load its native layer, jffi (")
			.contains("point -Djffi.extract.dir (now " + missing + ") at a writable directory");
	}

	@Test
	void startWhenTemporaryAndWorkingDirectoryAreNotWritableFailsAndNamesTemporaryDirectory() throws Exception {
		Path notWritable = Path.of("/proc");
		SampleAppProcesses.Result result = this.processes
			.java("--daemon", "--spring.pid.file=" + this.processes.pidFile(),
					"--logging.file.name=" + this.processes.logFile())
			.jvmOptions("-Djava.io.tmpdir=" + notWritable)
			.in(notWritable)
			.run();
		assertRefusedByDaemon(result, ExitStatus.NOT_INSTALLED);
		assertThat(result.err()).startsWith("Daemon mode cannot load its native layer, jffi (")
			.contains("point -Djava.io.tmpdir (now " + notWritable + ") at a writable directory");
		assertThat(notWritable.resolve("sample-app.pid")).doesNotExist();
	}

	/**
	 * Assert a start that the detached child refused before the application started: the
	 * launcher repeats the child's one line and exit status, nothing runs, no PID file
	 * remains, and the log file holds the same line.
	 */
	private void assertRefusedByDaemon(SampleAppProcesses.Result result, int exitStatus) throws Exception {
		assertThat(result.exitCode()).isEqualTo(exitStatus);
		assertThat(result.err().lines()).hasSize(1);
		assertThat(result.out()).isEmpty();
		assertThat(this.processes.markedProcesses()).isEmpty();
		assertThat(this.processes.pidFile()).doesNotExist();
		assertThat(Files.readString(this.processes.logFile())).contains(result.err().strip());
	}

	/**
	 * Assert a start that failed in the detached application: the launcher exits 1 with
	 * the reason and the log tail, and neither a process nor a PID file remains.
	 */
	private void assertFailedStart(SampleAppProcesses.Result result) {
		assertThat(result.exitCode()).isEqualTo(ExitStatus.FAILURE);
		assertThat(result.out()).isEmpty();
		assertThat(this.processes.markedProcesses()).isEmpty();
		assertThat(this.processes.pidFile()).doesNotExist();
	}

	private void assertFailsBeforeStart(SampleAppProcesses.Result result, int exitStatus) {
		assertThat(result.exitCode()).isEqualTo(exitStatus);
		assertThat(result.err().lines()).hasSize(1);
		assertThat(result.out()).isEmpty();
		assertThat(this.processes.markedProcesses()).isEmpty();
		assertThat(this.processes.pidFile()).doesNotExist();
		assertThat(this.processes.logFile()).doesNotExist();
	}

}
