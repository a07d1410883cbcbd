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

package io.github.daemonstarter.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.github.daemonstarter.DaemonConsole;
import io.github.daemonstarter.ExitStatus;
import io.github.daemonstarter.pid.PidFile;
import io.github.daemonstarter.pid.PidFileLock;
import io.github.daemonstarter.pid.PidFileStatus;
import io.github.daemonstarter.posix.Posix;
import io.github.daemonstarter.posix.ProcessState;
import io.github.daemonstarter.status.AvailabilityStatus;
import io.github.daemonstarter.status.StatusFile;
import io.github.daemonstarter.status.SupervisorStatus;
import io.github.daemonstarter.status.WorkerStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link DaemonControl}, against real PID files and, for stop, a real process
 * that holds the PID file lock.
 *
 * @author Daemon Starter Team
 */
class DaemonControlTests {

	private static final long PID = ProcessHandle.current().pid();

	private static final Duration JVM_START = Duration.ofSeconds(60);

	@TempDir
	Path directory;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private final List<Process> processes = new ArrayList<>();

	private Path path;

	private PidFile pidFile;

	private Path logFile;

	private DaemonControl control;

	private PidFileLock lock;

	@BeforeEach
	void createControl() {
		this.path = this.directory.resolve("app.pid");
		this.logFile = this.directory.resolve("app.log");
		this.pidFile = new PidFile(Posix.get(), this.path);
		DaemonConsole console = new DaemonConsole(new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8), false);
		this.control = new DaemonControl("app", this.pidFile, this.logFile, console);
	}

	@AfterEach
	void cleanUp() {
		if (this.lock != null) {
			this.lock.release();
		}
		for (Process process : this.processes) {
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly();
		}
	}

	@Test
	void printStatusWhenAbsentReturnsThree() {
		assertThat(this.control.printStatus()).isEqualTo(ExitStatus.NOT_RUNNING);
		assertThat(out()).isEqualTo("app is not running" + System.lineSeparator());
		assertThat(err()).isEmpty();
		assertThat(this.control.status()).isEqualTo(DaemonStatus.NOT_RUNNING);
	}

	@Test
	void printStatusWhenStaleReturnsOne() throws Exception {
		long gone = goneProcess();
		Files.writeString(this.path, Long.toString(gone));
		assertThat(this.control.printStatus()).isEqualTo(ExitStatus.FAILURE);
		assertThat(out()).isEqualTo("app is not running, but its PID file remains: PID file " + this.path
				+ " names pid " + gone + ", which is gone" + System.lineSeparator());
		assertThat(this.control.status()).isEqualTo(DaemonStatus.DEAD);
		assertThat(this.path).exists();
	}

	@Test
	void printStatusWhenLockedReturnsZero() throws IOException {
		this.lock = this.pidFile.lock();
		Files.writeString(this.path, Long.toString(PID));
		assertThat(this.control.printStatus()).isEqualTo(ExitStatus.OK);
		assertThat(out()).startsWith("app is running (pid " + PID + ", up ")
			.endsWith(", log file " + this.logFile + ")" + System.lineSeparator())
			.containsOnlyOnce(System.lineSeparator());
		assertThat(this.control.status()).isEqualTo(DaemonStatus.RUNNING);
	}

	@Test
	void printStatusWhenLockedOnTerminalShowsWorkersOfStatusFile() throws IOException {
		this.lock = this.pidFile.lock();
		Files.writeString(this.path, Long.toString(PID));
		writeWorkers(PID);
		assertThat(interactiveControl().printStatus()).isEqualTo(ExitStatus.OK);
		assertThat(out().lines().map(String::strip)).hasSize(4)
			.first()
			.asString()
			.startsWith("app is running (pid " + PID + ", up ");
		assertThat(out().lines().map(String::strip)).element(1)
			.asString()
			.matches("WORKER +STATE +RESTARTS +LAST FAILURE");
		assertThat(out().lines().map(String::strip)).element(2).asString().matches("ticker +running for \\d+s +0 +-");
		assertThat(out().lines().map(String::strip)).element(3)
			.asString()
			.matches("flaky +backoff, restart in \\d+s +2 +\\d+s ago: java.lang.IllegalStateException: boom");
	}

	@Test
	void printStatusWhenLockedWithoutTerminalShowsOneLine() throws IOException {
		this.lock = this.pidFile.lock();
		Files.writeString(this.path, Long.toString(PID));
		writeWorkers(PID);
		assertThat(this.control.printStatus()).isEqualTo(ExitStatus.OK);
		assertThat(out().lines()).hasSize(1);
	}

	@Test
	void printStatusOnTerminalIgnoresStatusFileOfAnotherProcess() throws Exception {
		this.lock = this.pidFile.lock();
		Files.writeString(this.path, Long.toString(PID));
		writeWorkers(goneProcess());
		assertThat(interactiveControl().printStatus()).isEqualTo(ExitStatus.OK);
		assertThat(out().lines()).hasSize(1);
	}

	@Test
	void printStatusWhenCriticalWorkerGaveUpWithoutTerminalShowsOneDegradedLineAndReturnsZero() throws IOException {
		this.lock = this.pidFile.lock();
		Files.writeString(this.path, Long.toString(PID));
		writeGaveUp(this.path, PID);
		assertThat(this.control.printStatus()).isEqualTo(ExitStatus.OK);
		assertThat(out()).matches("app is running, degraded: worker flaky gave up \\d+s ago \\(critical, liveness "
				+ "BROKEN\\) \\(pid " + PID + ", up [^)]+, log file " + Pattern.quote(this.logFile.toString()) + "\\)"
				+ System.lineSeparator());
	}

	@Test
	void printStatusWhenDegradedReturnsTheDegradedExitCode() throws IOException {
		this.lock = this.pidFile.lock();
		Files.writeString(this.path, Long.toString(PID));
		writeGaveUp(this.path, PID);
		assertThat(this.control.printStatus(150)).isEqualTo(150);
		assertThat(out()).startsWith("app is running, degraded: ");
	}

	@Test
	void printStatusWhenHealthyReturnsZeroWithADegradedExitCode() throws IOException {
		this.lock = this.pidFile.lock();
		Files.writeString(this.path, Long.toString(PID));
		writeWorkers(PID);
		assertThat(this.control.printStatus(150)).isEqualTo(ExitStatus.OK);
		assertThat(out()).startsWith("app is running (pid " + PID + ", up ");
	}

	@Test
	void printStatusIgnoresADegradationThatAnotherProcessPublished() throws Exception {
		this.lock = this.pidFile.lock();
		Files.writeString(this.path, Long.toString(PID));
		writeGaveUp(this.path, goneProcess());
		assertThat(this.control.printStatus(150)).isEqualTo(ExitStatus.OK);
		assertThat(out()).startsWith("app is running (pid " + PID + ", up ").containsOnlyOnce(System.lineSeparator());
	}

	@Test
	void printStatusWhenDegradedOnTerminalShowsTheDegradedLineThenTheWorkers() throws IOException {
		this.lock = this.pidFile.lock();
		Files.writeString(this.path, Long.toString(PID));
		writeGaveUp(this.path, PID);
		assertThat(interactiveControl().printStatus()).isEqualTo(ExitStatus.OK);
		List<String> lines = out().lines().map(String::strip).toList();
		assertThat(lines).hasSize(3);
		assertThat(lines.get(0)).startsWith("app is running, degraded: worker flaky gave up ");
		assertThat(lines.get(1)).matches("WORKER +STATE +RESTARTS +LAST FAILURE");
		assertThat(lines.get(2))
			.matches("flaky +failed \\(critical\\) +0 +\\d+s ago: java.lang.IllegalStateException: boom");
	}

	@Test
	void printStatusWhenSupervisedApplicationIsDegradedShowsOneDegradedLine() throws IOException {
		this.lock = this.pidFile.lock();
		Files.writeString(this.path, Long.toString(PID));
		Path applicationPidFile = this.directory.resolve("app.app.pid");
		long applicationPid = 4_000_000;
		writeSupervisor(applicationPid, applicationPidFile);
		writeGaveUp(applicationPidFile, applicationPid);
		assertThat(this.control.printStatus(199)).isEqualTo(199);
		assertThat(out()).startsWith("app is running, degraded: worker flaky gave up ")
			.contains("(critical, liveness BROKEN) (pid " + applicationPid + ", supervisor pid " + PID + ", ")
			.containsOnlyOnce(System.lineSeparator());
	}

	@Test
	void printStatusWhenSupervisedIgnoresADegradationThatAnotherApplicationPublished() throws IOException {
		this.lock = this.pidFile.lock();
		Files.writeString(this.path, Long.toString(PID));
		Path applicationPidFile = this.directory.resolve("app.app.pid");
		writeSupervisor(4_000_000, applicationPidFile);
		writeGaveUp(applicationPidFile, 4_000_001);
		assertThat(this.control.printStatus(199)).isEqualTo(ExitStatus.OK);
		assertThat(out()).startsWith("app is running (pid 4000000, supervisor pid " + PID + ", ");
	}

	private void writeSupervisor(long applicationPid, Path applicationPidFile) {
		SupervisorStatus supervisor = new SupervisorStatus(PID, "RUNNING", applicationPid,
				applicationPidFile.toString(), Instant.now(), 0, null, null, null, null);
		StatusFile.besidePidFile(this.path).write(supervisor.toEntries());
	}

	private static void writeGaveUp(Path pidFile, long pid) {
		Instant now = Instant.now();
		Map<String, String> entries = new LinkedHashMap<>(WorkerStatus.toEntries(pid, List.of(new WorkerStatus("flaky",
				"FAILED", 0, true, "java.lang.IllegalStateException: boom", now.minusSeconds(2), null, null))));
		entries.putAll(new AvailabilityStatus("BROKEN", now.minusSeconds(2), "ACCEPTING_TRAFFIC", now.minusSeconds(5))
			.toEntries());
		StatusFile.besidePidFile(pidFile).write(entries);
	}

	private DaemonControl interactiveControl() {
		DaemonConsole console = new DaemonConsole(new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8), true);
		return new DaemonControl("app", this.pidFile, this.logFile, console);
	}

	private void writeWorkers(long pid) {
		Instant now = Instant.now();
		List<WorkerStatus> workers = List.of(
				new WorkerStatus("ticker", "RUNNING", 0, false, null, null, null, now.minusSeconds(5)),
				new WorkerStatus("flaky", "BACKOFF", 2, false, "java.lang.IllegalStateException: boom",
						now.minusSeconds(1), now.plusSeconds(3), null));
		StatusFile.besidePidFile(this.path).write(WorkerStatus.toEntries(pid, workers));
	}

	@Test
	void printStatusWhenUnreadableReturnsFour() throws IOException {
		Files.createSymbolicLink(this.path, this.directory.resolve("elsewhere.pid"));
		assertThat(this.control.printStatus()).isEqualTo(ExitStatus.NO_PERMISSION);
		assertThat(out()).startsWith("app status is unknown: cannot read PID file " + this.path);
		assertThat(this.control.status()).isEqualTo(DaemonStatus.UNKNOWN);
	}

	@Test
	void stopWhenAbsentReturnsZero() throws InterruptedException {
		assertThat(this.control.stop(Duration.ofSeconds(5), false)).isEqualTo(ExitStatus.OK);
		assertThat(out()).isEqualTo("app is not running" + System.lineSeparator());
		assertThat(err()).isEmpty();
	}

	@Test
	void stopWhenStaleRemovesPidFileAndReturnsZero() throws Exception {
		long gone = goneProcess();
		Files.writeString(this.path, Long.toString(gone));
		assertThat(this.control.stop(Duration.ofSeconds(5), false)).isEqualTo(ExitStatus.OK);
		assertThat(out()).startsWith("app is not running (removed its stale PID file: ").contains("pid " + gone);
		assertThat(this.path).doesNotExist();
	}

	@Test
	void stopWhenStalePidBelongsToUnrelatedProcessLeavesItAlone() throws Exception {
		Process unrelated = start(new ProcessBuilder("sleep", "300"));
		Files.writeString(this.path, Long.toString(unrelated.pid()));
		assertThat(this.control.stop(Duration.ofSeconds(5), true)).isEqualTo(ExitStatus.OK);
		assertThat(this.path).doesNotExist();
		assertThat(unrelated.isAlive()).isTrue();
	}

	@Test
	void stopWhenUnreadableReturnsFour() throws Exception {
		Files.createSymbolicLink(this.path, this.directory.resolve("elsewhere.pid"));
		assertThat(this.control.stop(Duration.ofSeconds(5), false)).isEqualTo(ExitStatus.NO_PERMISSION);
		assertThat(err()).startsWith("Cannot stop app: cannot read PID file " + this.path);
	}

	@Test
	void stopSendsSigtermAndWaitsForExit() throws Exception {
		Process daemon = startLockingDaemon(false);
		assertThat(this.control.stop(Duration.ofSeconds(30), false)).isEqualTo(ExitStatus.OK);
		assertThat(out()).startsWith("Stopped app (pid " + daemon.pid() + ") in ");
		assertThat(daemon.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(daemon.exitValue()).isEqualTo(128 + 15);
		assertThat(this.pidFile.status().state()).isEqualTo(PidFileStatus.State.STALE);
	}

	@Test
	void stopWhenDaemonIgnoresSigtermTimesOutThenKillsWhenForced() throws Exception {
		Process daemon = startLockingDaemon(true);
		long start = System.nanoTime();
		assertThat(this.control.stop(Duration.ofMillis(500), false)).isEqualTo(ExitStatus.FAILURE);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
		assertThat(err()).startsWith("app (pid " + daemon.pid() + ") is still running ")
			.contains("daemon.stop-timeout")
			.contains("--daemon.force=true");
		assertThat(daemon.isAlive()).isTrue();
		assertThat(this.pidFile.status().state()).isEqualTo(PidFileStatus.State.LOCKED);
		assertThat(this.control.stop(Duration.ofMillis(500), true)).isEqualTo(ExitStatus.OK);
		assertThat(out()).startsWith("Killed app (pid " + daemon.pid() + ") with SIGKILL")
			.contains("removed its PID file " + this.path);
		assertThat(daemon.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(daemon.exitValue()).isEqualTo(128 + 9);
		assertThat(this.path).doesNotExist();
	}

	@Test
	void formatUptimeIsShortAndReadable() {
		assertThat(DaemonConsole.formatUptime(Duration.ofMillis(-5))).isEqualTo("0s");
		assertThat(DaemonConsole.formatUptime(Duration.ofSeconds(59))).isEqualTo("59s");
		assertThat(DaemonConsole.formatUptime(Duration.ofSeconds(61))).isEqualTo("1m 1s");
		assertThat(DaemonConsole.formatUptime(Duration.ofMinutes(61))).isEqualTo("1h 1m");
		assertThat(DaemonConsole.formatUptime(Duration.ofHours(49))).isEqualTo("2d 1h");
	}

	private Process startLockingDaemon(boolean ignoreSigterm) throws IOException {
		List<String> java = List.of(ProcessHandle.current().info().command().orElseThrow(),
				"--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
				LockingDaemon.class.getName(), this.path.toString());
		List<String> command = new ArrayList<>();
		if (ignoreSigterm) {
			command.addAll(List.of("sh", "-c", "trap '' TERM; exec \"$@\"", "sh"));
		}
		command.addAll(java);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.directory.resolve("daemon.out").toFile());
		Process daemon = start(builder);
		await().atMost(JVM_START).untilAsserted(() -> {
			assertThat(daemon.isAlive()).as("daemon alive, output: %s", daemonOutput()).isTrue();
			assertThat(this.pidFile.status().pid()).isEqualTo(daemon.pid());
			assertThat(this.pidFile.readPid()).isEqualTo(daemon.pid());
		});
		return daemon;
	}

	private String daemonOutput() throws IOException {
		Path output = this.directory.resolve("daemon.out");
		return Files.exists(output) ? Files.readString(output) : "";
	}

	private Process start(ProcessBuilder builder) throws IOException {
		Process process = builder.start();
		this.processes.add(process);
		return process;
	}

	private static long goneProcess() throws Exception {
		Process process = new ProcessBuilder("true").start();
		process.waitFor(10, TimeUnit.SECONDS);
		await().atMost(Duration.ofSeconds(10)).until(() -> !ProcessState.isRunning(process.pid()));
		return process.pid();
	}

	private String out() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	private String err() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

	/**
	 * A stand-in daemon: locks the PID file given as its argument, writes its PID and
	 * waits until it is signalled.
	 */
	public static final class LockingDaemon {

		private LockingDaemon() {
		}

		public static void main(String[] args) throws Exception {
			Path path = Path.of(args[0]);
			PidFileLock lock = new PidFile(Posix.get(), path).lock();
			Files.writeString(path, Long.toString(ProcessHandle.current().pid()));
			new CountDownLatch(1).await();
			lock.release();
		}

	}

}
