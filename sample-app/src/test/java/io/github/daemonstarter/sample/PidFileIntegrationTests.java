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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.daemonstarter.ExitStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for the PID file of the real sample daemon: its lock keeps a second
 * instance out, also when several start at once, and a PID file whose daemon is gone
 * neither blocks a start nor gets anyone killed.
 *
 * @author Daemon Starter Team
 */
@EnabledOnOs(OS.LINUX)
class PidFileIntegrationTests {

	private static final Duration JVM_DEADLINE = Duration.ofSeconds(60);

	/**
	 * Up to 16 JVMs start at once on a machine with two cores: give the winner more time
	 * than the default 60s to get ready.
	 */
	private static final String RACE_STARTUP_TIMEOUT = "--daemon.startup-timeout=100s";

	@RegisterExtension
	final SampleAppProcesses processes = new SampleAppProcesses();

	@Test
	void startWhenRunningReportsTheRunningDaemonAndStartsNothing() throws Exception {
		assertThat(this.processes.java("--daemon").run().exitCode()).isZero();
		long pid = this.processes.pid();
		assertThat(LinuxProcess.exclusiveFlockHolders(this.processes.pidFile())).containsExactly(pid);
		SampleAppProcesses.Result second = this.processes.java("--daemon").run();
		assertThat(second.exitCode()).isZero();
		assertThat(second.out()).isEqualTo("sample-app is already running (pid " + pid + ")\n");
		assertThat(this.processes.markedProcesses()).containsExactly(pid);
		assertThat(this.processes.pid()).isEqualTo(pid);
		SampleAppProcesses.Result foreground = this.processes.java("--daemon=run").run();
		assertThat(foreground.exitCode()).isEqualTo(ExitStatus.FAILURE);
		assertThat(foreground.err()).contains("sample-app is already running (pid " + pid + ")");
		assertThat(this.processes.markedProcesses()).containsExactly(pid);
		assertThat(this.processes.pid()).isEqualTo(pid);
		assertThat(LinuxProcess.exclusiveFlockHolders(this.processes.pidFile())).containsExactly(pid);
	}

	@Test
	void concurrentStartsLeaveExactlyOneDaemon() throws Exception {
		List<SampleAppProcesses.Running> launchers = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			launchers.add(this.processes.java("--daemon", RACE_STARTUP_TIMEOUT).start());
		}
		List<SampleAppProcesses.Result> results = new ArrayList<>();
		for (SampleAppProcesses.Running launcher : launchers) {
			results.add(launcher.await());
		}
		assertThat(results).allSatisfy((result) -> assertThat(result.exitCode()).isZero());
		List<SampleAppProcesses.Result> started = results.stream()
			.filter((result) -> result.out().startsWith("Started sample-app"))
			.toList();
		assertThat(started).hasSize(1);
		long pid = this.processes.pid();
		assertThat(results).filteredOn((result) -> !started.contains(result))
			.allSatisfy((result) -> assertThat(result.out())
				.isEqualTo("sample-app is already running (pid " + pid + ")\n"));
		assertThat(this.processes.markedProcesses()).containsExactly(pid);
		assertThat(new SampleAppClient(started.get(0).port()).pid()).isEqualTo(pid);
	}

	@Test
	void pidFileOfExitedProcessIsReportedRemovedByStopAndReplacedByStart() throws Exception {
		SampleAppProcesses.Running exited = this.processes.program("true").start();
		assertThat(exited.await().exitCode()).isZero();
		String stalePid = Long.toString(exited.process().pid());
		Files.writeString(this.processes.pidFile(), stalePid);
		SampleAppProcesses.Result status = this.processes.java("--daemon=status").run();
		assertThat(status.exitCode()).isEqualTo(ExitStatus.FAILURE);
		assertThat(status.out()).contains("is not running, but its PID file remains")
			.contains(this.processes.pidFile().toString())
			.contains("names pid " + stalePid + ", which is gone");
		SampleAppProcesses.Result stop = this.processes.java("--daemon=stop").run();
		assertThat(stop.exitCode()).isZero();
		assertThat(stop.out()).contains("removed its stale PID file");
		assertThat(this.processes.pidFile()).doesNotExist();
		Files.writeString(this.processes.pidFile(), stalePid);
		assertStartReplacesPidFile();
	}

	@Test
	void pidFileOfReusedPidNeverGetsTheUnrelatedProcessSignalled() throws Exception {
		SampleAppProcesses.Running sleep = this.processes.program("sleep", "300").start();
		long sleepPid = sleep.process().pid();
		Files.writeString(this.processes.pidFile(), sleepPid + "\n");
		SampleAppProcesses.Result status = this.processes.java("--daemon=status").run();
		assertThat(status.exitCode()).isEqualTo(ExitStatus.FAILURE);
		assertThat(status.out()).contains("its PID file remains")
			.contains("names pid " + sleepPid + ", which now belongs to an unrelated process");
		SampleAppProcesses.Result stop = this.processes.java("--daemon=stop").run();
		assertThat(stop.exitCode()).isZero();
		assertThat(this.processes.pidFile()).doesNotExist();
		assertThat(sleep.process().isAlive()).isTrue();
		Files.writeString(this.processes.pidFile(), sleepPid + "\n");
		assertStartReplacesPidFile();
		assertThat(sleep.process().isAlive()).isTrue();
	}

	@Test
	void pidFileWithoutPidIsReportedAndReplacedByStart() throws Exception {
		for (String content : List.of("hello", "")) {
			Files.writeString(this.processes.pidFile(), content);
			SampleAppProcesses.Result status = this.processes.java("--daemon=status").run();
			assertThat(status.exitCode()).as("status of PID file '%s'", content).isEqualTo(ExitStatus.FAILURE);
			assertThat(status.out()).contains("does not hold a PID and is not locked");
		}
		assertStartReplacesPidFile();
	}

	@Test
	void runInForegroundLocksPidFileWithItsOwnPidUntilSigterm() throws Exception {
		SampleAppProcesses.Running foreground = this.processes.java("--daemon=run").start();
		long pid = foreground.process().pid();
		await().atMost(JVM_DEADLINE)
			.until(() -> !foreground.process().isAlive()
					|| Files.readString(foreground.out()).contains("Started SampleApplication"));
		assertThat(foreground.process().isAlive()).as("foreground process alive").isTrue();
		assertThat(this.processes.pid()).isEqualTo(pid);
		assertThat(LinuxProcess.exclusiveFlockHolders(this.processes.pidFile())).containsExactly(pid);
		foreground.process().destroy();
		SampleAppProcesses.Result result = foreground.await();
		assertThat(result.exitCode()).isEqualTo(128 + 15);
		assertThat(this.processes.pidFile()).doesNotExist();
	}

	private void assertStartReplacesPidFile() throws Exception {
		SampleAppProcesses.Result start = this.processes.java("--daemon").run();
		assertThat(start.exitCode()).isZero();
		long pid = this.processes.pid();
		assertThat(start.out()).startsWith("Started sample-app").contains("pid " + pid + ",");
		assertThat(LinuxProcess.exclusiveFlockHolders(this.processes.pidFile())).containsExactly(pid);
		assertThat(new SampleAppClient(start.port()).pid()).isEqualTo(pid);
	}

}
