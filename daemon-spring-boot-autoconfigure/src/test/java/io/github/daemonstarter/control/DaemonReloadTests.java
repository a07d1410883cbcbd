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
import java.util.concurrent.atomic.AtomicInteger;

import io.github.daemonstarter.DaemonConsole;
import io.github.daemonstarter.ExitStatus;
import io.github.daemonstarter.pid.PidFile;
import io.github.daemonstarter.pid.PidFileLock;
import io.github.daemonstarter.posix.Posix;
import io.github.daemonstarter.reload.HangupSignal;
import io.github.daemonstarter.status.ReloadStatus;
import io.github.daemonstarter.status.StatusFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link DaemonReload}, against real PID files and real processes that hold the
 * PID file lock and receive the signal.
 *
 * @author Daemon Starter Team
 */
class DaemonReloadTests {

	private static final Duration JVM_START = Duration.ofSeconds(60);

	@TempDir
	Path directory;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private final List<Process> processes = new ArrayList<>();

	private Path path;

	private PidFile pidFile;

	private DaemonReload reload;

	@BeforeEach
	void createReload() {
		this.path = this.directory.resolve("app.pid");
		this.pidFile = new PidFile(Posix.get(), this.path);
		DaemonConsole console = new DaemonConsole(new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8), false);
		this.reload = new DaemonReload("app", this.pidFile, Posix::get, console);
	}

	@AfterEach
	void cleanUp() {
		for (Process process : this.processes) {
			process.destroyForcibly();
		}
	}

	@Test
	void reloadWhenNotRunningReturnsSeven() throws Exception {
		assertThat(this.reload.reload(Duration.ofSeconds(5))).isEqualTo(ExitStatus.PROGRAM_NOT_RUNNING);
		assertThat(err())
			.isEqualTo("app is not running: nothing to reload (start it with --daemon)" + System.lineSeparator());
	}

	@Test
	void reloadWhenPidFileIsStaleReturnsSeven() throws Exception {
		Files.writeString(this.path, "999999999");
		assertThat(this.reload.reload(Duration.ofSeconds(5))).isEqualTo(ExitStatus.PROGRAM_NOT_RUNNING);
	}

	@Test
	void reloadWaitsUntilTheDaemonPublishesItsReload() throws Exception {
		Process daemon = startReloadingDaemon("");
		assertThat(this.reload.reload(Duration.ofSeconds(30))).isEqualTo(ExitStatus.OK);
		assertThat(out()).startsWith("Reloaded app (pid " + daemon.pid() + ", reload 1) in ")
			.contains("; reloaded in place: replacing the JVM without downtime needs daemon.supervisor.enabled=true");
		assertThat(this.reload.reload(Duration.ofSeconds(30))).isEqualTo(ExitStatus.OK);
		assertThat(out()).contains("Reloaded app (pid " + daemon.pid() + ", reload 2) in ");
		assertThat(daemon.isAlive()).isTrue();
	}

	@Test
	void reloadThatFailsReturnsOneWithTheReason() throws Exception {
		Process daemon = startReloadingDaemon("cannot open log file /x: Permission denied");
		assertThat(this.reload.reload(Duration.ofSeconds(30))).isEqualTo(ExitStatus.FAILURE);
		assertThat(err()).startsWith("Reload of app (pid " + daemon.pid() + ") failed after ")
			.endsWith(": cannot open log file /x: Permission denied" + System.lineSeparator());
		assertThat(daemon.isAlive()).isTrue();
	}

	@Test
	void reloadOfAProcessThatDoesNotAnnounceReloadsSignalsNothing() throws Exception {
		Process daemon = startLockingProcess();
		assertThat(this.reload.reload(Duration.ofSeconds(5))).isEqualTo(ExitStatus.FAILURE);
		assertThat(err()).startsWith("Cannot reload app (pid " + daemon.pid() + "): it does not announce reloads in ")
			.contains("nothing was signalled");
		assertThat(daemon.isAlive()).isTrue();
	}

	@Test
	void reloadOfAProcessWhoseStatusFileNamesAnotherProcessSignalsNothing() throws Exception {
		Process daemon = startLockingProcess();
		Map<String, String> entries = new LinkedHashMap<>();
		entries.put("pid", Long.toString(ProcessHandle.current().pid()));
		entries.putAll(new ReloadStatus(0, null, null).toEntries());
		StatusFile.besidePidFile(this.path).write(entries);
		assertThat(this.reload.reload(Duration.ofSeconds(5))).isEqualTo(ExitStatus.FAILURE);
		assertThat(daemon.isAlive()).isTrue();
	}

	@Test
	void reloadThatDoesNotFinishInTimeReturnsOne() throws Exception {
		Process daemon = startReloadingDaemon("never");
		assertThat(this.reload.reload(Duration.ofMillis(500))).isEqualTo(ExitStatus.FAILURE);
		assertThat(err()).isEqualTo("app (pid " + daemon.pid()
				+ ") did not finish its reload within 0s (daemon.startup-timeout): see its log file"
				+ System.lineSeparator());
	}

	private Process startReloadingDaemon(String failure) throws IOException {
		Process daemon = startJava(ReloadingDaemon.class, failure);
		await().atMost(JVM_START)
			.untilAsserted(() -> assertThat(ReloadStatus.isAnnounced(StatusFile.besidePidFile(this.path).read()))
				.as("daemon alive, output: %s", daemonOutput())
				.isTrue());
		return daemon;
	}

	private Process startLockingProcess() throws IOException {
		Process daemon = startJava(DaemonControlTests.LockingDaemon.class, null);
		await().atMost(JVM_START).untilAsserted(() -> {
			assertThat(daemon.isAlive()).as("daemon alive, output: %s", daemonOutput()).isTrue();
			assertThat(this.pidFile.status().pid()).isEqualTo(daemon.pid());
		});
		return daemon;
	}

	private Process startJava(Class<?> main, String argument) throws IOException {
		List<String> command = new ArrayList<>(
				List.of(ProcessHandle.current().info().command().orElseThrow(), "--enable-native-access=ALL-UNNAMED",
						"-cp", System.getProperty("java.class.path"), main.getName(), this.path.toString()));
		if (argument != null) {
			command.add(argument);
		}
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.directory.resolve("daemon.out").toFile())
			.start();
		this.processes.add(process);
		return process;
	}

	private String daemonOutput() throws IOException {
		Path output = this.directory.resolve("daemon.out");
		return Files.exists(output) ? Files.readString(output) : "";
	}

	private String out() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	private String err() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

	/**
	 * A stand-in daemon: locks the PID file given as its first argument, announces
	 * reloads in the status file beside it and publishes one more on each {@code SIGHUP},
	 * failed with the second argument as its reason unless it is empty, or never if it is
	 * {@code never}.
	 */
	public static final class ReloadingDaemon {

		private ReloadingDaemon() {
		}

		public static void main(String[] args) throws Exception {
			Path path = Path.of(args[0]);
			String failure = args[1];
			PidFileLock lock = new PidFile(Posix.get(), path).lock();
			String pid = Long.toString(ProcessHandle.current().pid());
			Files.writeString(path, pid);
			StatusFile statusFile = StatusFile.besidePidFile(path);
			AtomicInteger reloads = new AtomicInteger();
			HangupSignal.handle(() -> {
				if (!failure.equals("never")) {
					publish(statusFile, pid, new ReloadStatus(reloads.incrementAndGet(), Instant.now(),
							failure.isEmpty() ? null : failure));
				}
			});
			publish(statusFile, pid, new ReloadStatus(0, null, null));
			new CountDownLatch(1).await();
			lock.release();
		}

		private static void publish(StatusFile statusFile, String pid, ReloadStatus status) {
			Map<String, String> entries = new LinkedHashMap<>();
			entries.put("pid", pid);
			entries.putAll(status.toEntries());
			statusFile.write(entries);
		}

	}

}
