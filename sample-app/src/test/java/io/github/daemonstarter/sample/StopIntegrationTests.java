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
import java.util.concurrent.CompletableFuture;

import io.github.daemonstarter.ExitStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for {@code --daemon=stop}, {@code --daemon=restart} and a plain
 * {@code SIGTERM} against the real sample daemon.
 *
 * @author Daemon Starter Team
 */
@EnabledOnOs(OS.LINUX)
class StopIntegrationTests {

	private static final Duration DEADLINE = Duration.ofSeconds(60);

	/**
	 * How much later than the daemon's exit the stop command may end: the JVM of the
	 * command has to exit too, on a busy machine.
	 */
	private static final Duration STOP_LAG = Duration.ofSeconds(5);

	@RegisterExtension
	final SampleAppProcesses processes = new SampleAppProcesses();

	@Test
	void stopWhenNotRunningReturnsZero() throws Exception {
		SampleAppProcesses.Result stop = this.processes.java("--daemon=stop").run();
		assertThat(stop.exitCode()).isZero();
		assertThat(stop.out()).isEqualTo("sample-app is not running\n");
		assertThat(this.processes.pidFile()).doesNotExist();
	}

	@Test
	void stopLetsRequestInFlightCompleteAndEndsWhenDaemonExits() throws Exception {
		SampleAppProcesses.Result start = this.processes.java("--daemon").run();
		assertThat(start.exitCode()).isZero();
		long pid = this.processes.pid();
		LinuxProcess daemon = LinuxProcess.of(pid);
		CompletableFuture<Integer> slow = new SampleAppClient(start.port()).slow(6000);
		awaitInProgress(daemon, start.port(), 6000);
		SampleAppProcesses.Running stop = this.processes.java("--daemon=stop").start();
		CompletableFuture<Long> stopEnded = stop.process().onExit().thenApply((process) -> System.nanoTime());
		CompletableFuture<Boolean> runningWhenStopEnded = stop.process()
			.onExit()
			.thenApply((process) -> daemon.isRunning());
		await().atMost(DEADLINE).pollInterval(Duration.ofMillis(10)).until(() -> !daemon.isRunning());
		long daemonExited = System.nanoTime();
		SampleAppProcesses.Result result = stop.await();
		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).startsWith("Stopped sample-app (pid " + pid + ") in ");
		assertThat(runningWhenStopEnded.get()).as("daemon running when stop ended").isFalse();
		Duration lag = Duration.ofNanos(stopEnded.get() - daemonExited);
		System.out.println("Stop ended " + lag.toMillis() + " ms after the daemon exited");
		assertThat(lag).isLessThan(STOP_LAG);
		assertThat(slow).succeedsWithin(DEADLINE).isEqualTo(200);
		assertThat(this.processes.pidFile()).doesNotExist();
		assertThat(this.processes.markedProcesses()).isEmpty();
		assertThat(Files.readString(this.processes.logFile())).contains("Commencing graceful shutdown")
			.contains("Graceful shutdown complete");
	}

	@Test
	void stopWhenTimeoutElapsesFailsAndWithForceKills() throws Exception {
		// The request and the graceful shutdown outlast the test, however slow its JVMs
		SampleAppProcesses.Result start = this.processes
			.java("--daemon", "--spring.lifecycle.timeout-per-shutdown-phase=10m")
			.run();
		assertThat(start.exitCode()).isZero();
		long pid = this.processes.pid();
		LinuxProcess daemon = LinuxProcess.of(pid);
		CompletableFuture<Integer> slow = new SampleAppClient(start.port()).slow(600000);
		awaitInProgress(daemon, start.port(), 600000);
		SampleAppProcesses.Result stop = this.processes.java("--daemon=stop", "--daemon.stop-timeout=1s").run();
		assertThat(stop.exitCode()).isEqualTo(ExitStatus.FAILURE);
		assertThat(stop.err()).contains("sample-app (pid " + pid + ") is still running")
			.contains("daemon.stop-timeout=1s")
			.contains("--daemon.force=true");
		assertThat(daemon.isRunning()).as("daemon running").isTrue();
		assertThat(this.processes.pidFile()).exists();
		SampleAppProcesses.Result forced = this.processes
			.java("--daemon=stop", "--daemon.stop-timeout=1s", "--daemon.force=true")
			.run();
		assertThat(forced.exitCode()).isZero();
		assertThat(forced.out()).startsWith("Killed sample-app (pid " + pid + ") with SIGKILL")
			.contains("removed its PID file");
		assertThat(daemon.isRunning()).as("daemon running").isFalse();
		assertThat(this.processes.pidFile()).doesNotExist();
		assertThat(slow).failsWithin(DEADLINE);
	}

	@Test
	void restartWhenNotRunningStartsAndWhenRunningReplacesTheDaemon() throws Exception {
		SampleAppProcesses.Result first = this.processes.java("--daemon=restart").run();
		assertThat(first.exitCode()).isZero();
		assertThat(first.out()).contains("sample-app is not running").contains("Started sample-app");
		long firstPid = this.processes.pid();
		assertThat(new SampleAppClient(first.port()).pid()).isEqualTo(firstPid);
		SampleAppProcesses.Result second = this.processes.java("--daemon=restart").run();
		assertThat(second.exitCode()).isZero();
		assertThat(second.out()).contains("Stopped sample-app (pid " + firstPid + ")").contains("Started sample-app");
		long secondPid = this.processes.pid();
		assertThat(secondPid).isNotEqualTo(firstPid);
		assertThat(LinuxProcess.of(firstPid).isRunning()).as("first daemon running").isFalse();
		assertThat(this.processes.markedProcesses()).containsExactly(secondPid);
		assertThat(new SampleAppClient(second.port()).pid()).isEqualTo(secondPid);
	}

	@Test
	void sigtermToDaemonStopsItAndRemovesPidFile() throws Exception {
		assertThat(this.processes.java("--daemon").run().exitCode()).isZero();
		long pid = this.processes.pid();
		ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
		LinuxProcess.of(pid).awaitExit(DEADLINE);
		assertThat(this.processes.pidFile()).doesNotExist();
		assertThat(Files.readString(this.processes.logFile())).contains("Graceful shutdown complete");
	}

	/**
	 * Wait until the slow request is in progress: its connection is accepted and the
	 * controller has begun to answer it. An accepted connection alone is not enough: a
	 * graceful shutdown closes a connection whose request has not been read yet.
	 * @param daemon the daemon
	 * @param port its port
	 * @param millis the duration of the slow request
	 */
	private void awaitInProgress(LinuxProcess daemon, int port, long millis) {
		await().atMost(DEADLINE).until(() -> daemon.hasAcceptedConnection(port));
		await().atMost(DEADLINE)
			.until(() -> Files.readString(this.processes.logFile())
				.contains("Answering /sample/slow in " + millis + "ms"));
	}

}
