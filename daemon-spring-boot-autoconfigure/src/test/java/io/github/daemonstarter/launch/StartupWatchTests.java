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

package io.github.daemonstarter.launch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import io.github.daemonstarter.DaemonConsole;
import io.github.daemonstarter.launch.StartupOutcome.Kind;
import io.github.daemonstarter.runtime.LaunchReporter;
import io.github.daemonstarter.runtime.WaitingProcesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link StartupWatch}, with a real {@link LaunchChannel}, a real
 * {@link LaunchReporter} in place of the child's, and small real processes in place of
 * the child, each ended by its PID after the test.
 *
 * @author Daemon Starter Team
 */
@EnabledOnOs(OS.LINUX)
class StartupWatchTests {

	private static final Duration DEADLINE = Duration.ofSeconds(10);

	@RegisterExtension
	final WaitingProcesses processes = new WaitingProcesses();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private LaunchChannel channel;

	@BeforeEach
	void openChannel() throws IOException {
		this.channel = LaunchChannel.open();
	}

	@AfterEach
	void closeChannel() throws IOException {
		this.channel.close();
	}

	@Test
	void awaitWhenChildReportsReadyReturnsReadyWithWhereItListens() throws Exception {
		CompletableFuture<StartupOutcome> outcome = watch(child("sleep", "60"), false, DEADLINE);
		reporter().ready("port 8080");
		assertThat(outcome.get(DEADLINE.toSeconds(), TimeUnit.SECONDS))
			.isEqualTo(new StartupOutcome(Kind.READY, "port 8080", null));
	}

	@Test
	void awaitWhenChildFindsThePidFileLockedReturnsAlreadyRunningWithTheOtherPid() throws Exception {
		CompletableFuture<StartupOutcome> outcome = watch(child("sleep", "60"), false, DEADLINE);
		reporter().locked(4242L);
		assertThat(outcome.get(DEADLINE.toSeconds(), TimeUnit.SECONDS))
			.isEqualTo(new StartupOutcome(Kind.ALREADY_RUNNING, "4242", null));
	}

	@Test
	void awaitWhenDaemonModeRefusesReturnsRefusedWithItsExitStatus() throws Exception {
		CompletableFuture<StartupOutcome> outcome = watch(child("sleep", "60"), false, DEADLINE);
		reporter().refused(6, "daemon.user=shop is unknown: create the user or set daemon.user");
		assertThat(outcome.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(
				new StartupOutcome(Kind.REFUSED, "daemon.user=shop is unknown: create the user or set daemon.user", 6));
	}

	@Test
	void awaitWhenChildExitsWithoutReportingReturnsExitedWithItsStatus() throws Exception {
		CompletableFuture<StartupOutcome> outcome = watch(child("sh", "-c", "exit 3"), false, DEADLINE);
		assertThat(outcome.get(DEADLINE.toSeconds(), TimeUnit.SECONDS))
			.isEqualTo(new StartupOutcome(Kind.EXITED, "", 3));
	}

	@Test
	void awaitWhenChildReportsFailureThenExitsReturnsExitedWithTheReason() throws Exception {
		Process process = start("sleep", "60");
		CompletableFuture<StartupOutcome> outcome = watch(DetachedChild.of(process, false), false, DEADLINE);
		reporter().failed("Port 8080 is already in use");
		assertThat(process.isAlive()).isTrue();
		process.destroy();
		assertThat(outcome.get(DEADLINE.toSeconds(), TimeUnit.SECONDS))
			.isEqualTo(new StartupOutcome(Kind.EXITED, "Port 8080 is already in use", 143));
	}

	@Test
	void awaitWhenSupervisedApplicationFailsTerminatesTheSupervisor() throws Exception {
		Process supervisor = start("sleep", "60");
		CompletableFuture<StartupOutcome> outcome = watch(DetachedChild.of(supervisor, false), true, DEADLINE);
		reporter().failed("Port 8080 is already in use");
		assertThat(outcome.get(DEADLINE.toSeconds(), TimeUnit.SECONDS))
			.isEqualTo(new StartupOutcome(Kind.EXITED, "Port 8080 is already in use", 143));
		assertThat(supervisor.isAlive()).isFalse();
	}

	@Test
	void awaitWhenChildIsNotReadyInTimeReturnsTimedOut() throws Exception {
		Process process = start("sleep", "60");
		CompletableFuture<StartupOutcome> outcome = watch(DetachedChild.of(process, false), false,
				Duration.ofMillis(200));
		assertThat(outcome.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(StartupOutcome.timedOut());
		assertThat(process.isAlive()).isTrue();
	}

	@Test
	void awaitWhenWaiterIsKilledWhileTheDaemonStartsWaitsForTheDaemon() throws Exception {
		Process waiter = this.processes.startWaiter("sleep", "60");
		DetachedChild child = DetachedChild.of(waiter, true);
		this.processes.track(child.pid().orElseThrow());
		CompletableFuture<StartupOutcome> outcome = watch(child, false, DEADLINE);
		waiter.destroyForcibly();
		await().atMost(DEADLINE).until(() -> child.onExit().isDone());
		reporter().ready("");
		assertThat(outcome.get(DEADLINE.toSeconds(), TimeUnit.SECONDS))
			.isEqualTo(new StartupOutcome(Kind.READY, "", null));
	}

	@Test
	void awaitOnTerminalShowsTheReportedPhaseAndClearsItAtTheEnd() throws Exception {
		DetachedChild child = child("sleep", "60");
		CompletableFuture<StartupOutcome> outcome = watch(child, new DaemonConsole(nowhere(), printer(), true), false,
				DEADLINE);
		LaunchReporter reporter = reporter();
		reporter.phase("creating the application context");
		await().atMost(DEADLINE)
			.until(() -> errText().contains("Starting shop" + child.pidInParentheses() + " ")
					&& errText().endsWith(": creating the application context"));
		reporter.ready("port 8080");
		assertThat(outcome.get(DEADLINE.toSeconds(), TimeUnit.SECONDS).kind()).isEqualTo(Kind.READY);
		assertThat(errText()).endsWith("\r\033[K");
	}

	private CompletableFuture<StartupOutcome> watch(DetachedChild child, boolean supervisor, Duration timeout) {
		return watch(child, new DaemonConsole(nowhere(), printer(), false), supervisor, timeout);
	}

	private CompletableFuture<StartupOutcome> watch(DetachedChild child, DaemonConsole console, boolean supervisor,
			Duration timeout) {
		StartupWatch watch = new StartupWatch("shop", child, console, supervisor);
		return CompletableFuture.supplyAsync(() -> {
			try {
				return watch.await(this.channel, timeout);
			}
			catch (InterruptedException ex) {
				throw new CompletionException(ex);
			}
		});
	}

	private LaunchReporter reporter() {
		return LaunchReporter.connect(this.channel.getSocketPath());
	}

	private DetachedChild child(String... command) throws IOException {
		return DetachedChild.of(start(command), false);
	}

	private Process start(String... command) throws IOException {
		Process process = new ProcessBuilder(command).start();
		this.processes.track(process.pid());
		return process;
	}

	private PrintStream printer() {
		return new PrintStream(this.err, true, StandardCharsets.UTF_8);
	}

	private String errText() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

	private static PrintStream nowhere() {
		return new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
	}

}
