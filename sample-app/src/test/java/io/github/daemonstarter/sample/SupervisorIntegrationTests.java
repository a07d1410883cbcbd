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
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests of the process supervisor ({@code daemon.supervisor.enabled=true}):
 * the real sample app under a real supervisor, checked through {@code /proc}, signals,
 * HTTP and the files the processes leave.
 *
 * @author Daemon Starter Team
 */
@EnabledOnOs(OS.LINUX)
class SupervisorIntegrationTests {

	private static final Duration DEADLINE = Duration.ofSeconds(60);

	private static final String SUPERVISED = "--daemon.supervisor.enabled=true";

	@RegisterExtension
	final SampleAppProcesses processes = new SampleAppProcesses();

	@Test
	void killedApplicationIsRestartedHangupRestartsItAndStopEndsBoth() throws Exception {
		int port = freePort();
		SampleAppProcesses.Result start = this.processes
			.java("--daemon", SUPERVISED, "--server.port=" + port, "--daemon.supervisor.initial-delay=100ms")
			.run();
		assertThat(start.exitCode()).isZero();
		long supervisor = this.processes.pid();
		long application = applicationPid();
		assertThat(start.out()).startsWith("Started sample-app in ")
			.contains("supervisor pid " + supervisor + ", application pid " + application + ", port " + port);
		LinuxProcess supervisorProcess = LinuxProcess.of(supervisor);
		assertThat(supervisorProcess.sessionId()).as("supervisor leads its session").isEqualTo(supervisor);
		assertThat(supervisorProcess.controllingTerminal()).isZero();
		assertThat(LinuxProcess.of(application).parentPid()).isEqualTo(supervisor);
		SampleAppProcesses.Result second = this.processes.java("--daemon", SUPERVISED).run();
		assertThat(second.exitCode()).isZero();
		assertThat(second.out()).isEqualTo("sample-app is already running (pid " + supervisor + ")\n");
		SampleAppClient client = new SampleAppClient(port);
		assertThat(jsonValue(client.get("/actuator/daemon"), "$.supervisor.pid")).isEqualTo(supervisor);
		assertThat(jsonValue(client.get("/actuator/daemon"), "$.supervisor.restarts")).isEqualTo(0L);

		this.processes.program("kill", "-KILL", Long.toString(application)).run();
		long restarted = awaitNewApplication(application, client);
		SampleAppProcesses.Result status = this.processes.java("--daemon=status").run();
		assertThat(status.exitCode()).isZero();
		assertThat(status.out())
			.startsWith("sample-app is running (pid " + restarted + ", supervisor pid " + supervisor + ", up ")
			.contains("1 restart, last exit: killed by SIGKILL (exit status 137)");

		this.processes.program("kill", "-HUP", Long.toString(supervisor)).run();
		long reloaded = awaitNewApplication(restarted, client);
		// A reload hands the socket over: it is no restart
		assertThat(jsonValue(client.get("/actuator/daemon"), "$.supervisor.restarts")).isEqualTo(1L);

		SampleAppProcesses.Result stop = this.processes.java("--daemon=stop").run();
		assertThat(stop.exitCode()).isZero();
		assertThat(stop.out()).startsWith("Stopped sample-app (pid " + supervisor + ")");
		assertThat(supervisorProcess.isRunning()).as("supervisor running").isFalse();
		LinuxProcess.of(reloaded).awaitExit(Duration.ofSeconds(10));
		assertThat(this.processes.directory()).isDirectoryNotContaining("glob:**.pid")
			.isDirectoryNotContaining("glob:**.status");
		assertThat(Files.readString(this.processes.logFile(), StandardCharsets.UTF_8))
			.contains("Received SIGHUP: reloading sample-app (pid " + restarted + ")")
			.contains("Stopping sample-app (pid " + reloaded + ")")
			.doesNotContain("Restarted sample-app (pid " + reloaded + ", restart 3)");
	}

	@Test
	void crashLoopEndsInGiveUpWithinTheLimits() throws Exception {
		SampleAppProcesses.Result start = this.processes
			.java("--daemon", SUPERVISED, "--sample.flaky.fail-after=1s", "--sample.flaky.failure=crash",
					"--daemon.supervisor.max-restarts=1", "--daemon.supervisor.initial-delay=100ms")
			.run();
		assertThat(start.exitCode()).isZero();
		LinuxProcess supervisor = LinuxProcess.of(this.processes.pid());
		supervisor.awaitExit(DEADLINE);
		String log = Files.readString(this.processes.logFile(), StandardCharsets.UTF_8);
		assertThat(log).containsOnlyOnce("Restarted sample-app (pid ")
			.contains("exit status 70")
			.contains("daemon.supervisor.max-restarts");
		SampleAppProcesses.Result status = this.processes.java("--daemon=status").run();
		assertThat(status.exitCode()).as("status after give-up").isEqualTo(3);
		assertThat(this.processes.pidFile()).doesNotExist();
	}

	@Test
	void applicationThatExitsWithStatusZeroIsNotRestarted() throws Exception {
		SampleAppProcesses.Result start = this.processes
			.java("--daemon", SUPERVISED, "--sample.flaky.fail-after=1s", "--sample.flaky.failure=exit")
			.run();
		assertThat(start.exitCode()).isZero();
		long application = applicationPid();
		LinuxProcess supervisor = LinuxProcess.of(this.processes.pid());
		supervisor.awaitExit(DEADLINE);
		assertThat(LinuxProcess.of(application).isRunning()).isFalse();
		assertThat(Files.readString(this.processes.logFile(), StandardCharsets.UTF_8)).contains("ended after")
			.contains(": exit status 0")
			.doesNotContain("Restarted sample-app");
		assertThat(this.processes.java("--daemon=status").run().exitCode()).isEqualTo(3);
	}

	@Test
	void applicationShutsDownGracefullyWhenItsSupervisorIsKilled() throws Exception {
		SampleAppProcesses.Result start = this.processes.java("--daemon", SUPERVISED).run();
		assertThat(start.exitCode()).isZero();
		long supervisor = this.processes.pid();
		long application = applicationPid();
		this.processes.program("kill", "-KILL", Long.toString(supervisor)).run();
		LinuxProcess.of(application).awaitExit(Duration.ofSeconds(15));
		assertThat(Files.readString(this.processes.logFile(), StandardCharsets.UTF_8))
			.contains("The supervisor (pid " + supervisor + ") is gone; shutting down")
			.contains("Ticker stopping");
		assertThat(this.processes.java("--daemon=status").run().exitCode()).isNotZero();
	}

	@Test
	void jvmBootedDuringBackoffStartsTheApplicationWhenTheBackoffEnds() throws Exception {
		int port = freePort();
		long supervisor = startSupervised("--server.port=" + port, "--daemon.supervisor.initial-delay=3s",
				"--daemon.supervisor.jitter=0");
		long application = applicationPid();
		long prestarted = killApplicationAndAwaitNextJvm(supervisor);
		// The supervisor logs the JVM it booted just after it started it
		String booting = "; its JVM (pid " + prestarted + ") boots meanwhile";
		await().atMost(DEADLINE).until(() -> log().contains(booting));
		long restarted = awaitNewApplication(application, new SampleAppClient(port));
		assertThat(restarted).isEqualTo(prestarted);
		String log = log();
		int released = log.indexOf("Restarted sample-app (pid " + prestarted + ", restart 1)");
		assertThat(released).as("release after the boot was announced").isGreaterThan(log.indexOf(booting));
		assertThat(log.indexOf("with PID " + prestarted + " ")).as("application start after the release")
			.isGreaterThan(released);
	}

	@Test
	void stopDuringBackoffEndsTheJvmBootedForTheNextRun() throws Exception {
		long supervisor = startSupervised("--daemon.supervisor.initial-delay=1m");
		long prestarted = killApplicationAndAwaitNextJvm(supervisor);
		SampleAppProcesses.Result status = this.processes.java("--daemon=status").run();
		assertThat(status.exitCode()).isZero();
		assertThat(status.out())
			.startsWith("sample-app is restarting (supervisor pid " + supervisor + ", next start in ")
			.contains(", its JVM booting as pid " + prestarted + ", 0 restarts, last exit: killed by SIGKILL");
		SampleAppProcesses.Result stop = this.processes.java("--daemon=stop").run();
		assertThat(stop.exitCode()).isZero();
		assertThat(LinuxProcess.of(supervisor).isRunning()).as("supervisor running").isFalse();
		LinuxProcess.of(prestarted).awaitExit(Duration.ofSeconds(10));
		assertThat(this.processes.directory()).isDirectoryNotContaining("glob:**.pid")
			.isDirectoryNotContaining("glob:**.status");
		assertThat(log()).contains("Supervisor stopped").doesNotContain("with PID " + prestarted + " ");
	}

	@Test
	void jvmBootedDuringBackoffEndsWhenItsSupervisorIsKilled() throws Exception {
		long supervisor = startSupervised("--daemon.supervisor.initial-delay=1m");
		long prestarted = killApplicationAndAwaitNextJvm(supervisor);
		this.processes.program("kill", "-KILL", Long.toString(supervisor)).run();
		LinuxProcess.of(prestarted).awaitExit(Duration.ofSeconds(15));
		assertThat(log())
			.contains("The supervisor (pid " + supervisor + ") is gone before it let the application start; exiting")
			.doesNotContain("with PID " + prestarted + " ");
	}

	@Test
	void applicationEndsTheWaiterOnceReadyWhenTheLauncherWasKilled() throws Exception {
		SampleAppProcesses.Running launcher = this.processes.java("--daemon", SUPERVISED).start();
		long launcherPid = launcher.process().pid();
		long waiter = await().atMost(DEADLINE).until(() -> LinuxProcess.of(launcherPid).waiter(), (pid) -> pid != 0);
		long supervisor = await().atMost(DEADLINE).until(() -> LinuxProcess.of(waiter).firstChild(), (pid) -> pid != 0);
		this.processes.program("kill", "-KILL", Long.toString(launcherPid)).run();
		assertThat(LinuxProcess.of(waiter).isRunning()).as("waiter running once the launcher is killed").isTrue();
		await().atMost(DEADLINE).until(() -> !LinuxProcess.of(waiter).isRunning());
		assertThat(log()).contains("Started SampleApplication in");
		long application = applicationPid();
		assertThat(LinuxProcess.of(application).parentPid()).as("the application's parent").isEqualTo(supervisor);
		assertThat(LinuxProcess.of(supervisor).parentPid()).as("the supervisor's parent").isNotEqualTo(waiter);
		assertThat(this.processes.markedProcesses()).as("processes left by the start")
			.containsExactlyInAnyOrder(supervisor, application);
	}

	private long startSupervised(String... arguments) throws Exception {
		List<String> command = new ArrayList<>(List.of("--daemon", SUPERVISED));
		command.addAll(List.of(arguments));
		assertThat(this.processes.java(command.toArray(new String[0])).run().exitCode()).isZero();
		return this.processes.pid();
	}

	/**
	 * Kill the application with {@code SIGKILL} and wait until the supervisor has another
	 * child: the JVM that it boots for the next run while its backoff runs.
	 * @param supervisor the supervisor's PID
	 * @return the new child's PID
	 */
	private long killApplicationAndAwaitNextJvm(long supervisor) throws Exception {
		long killed = applicationPid();
		this.processes.program("kill", "-KILL", Long.toString(killed)).run();
		return await().atMost(DEADLINE).until(() -> childOtherThan(supervisor, killed), (pid) -> pid > 0);
	}

	private static long childOtherThan(long parent, long other) {
		return LinuxProcess.of(parent).children().stream().filter((pid) -> pid != other).findFirst().orElse(-1L);
	}

	private String log() throws IOException {
		return Files.readString(this.processes.logFile(), StandardCharsets.UTF_8);
	}

	private long applicationPid() throws IOException {
		long pid = this.processes.supervisedApplicationPid();
		if (pid < 0) {
			throw new IOException("No application PID in the supervisor's status file");
		}
		return pid;
	}

	private long awaitNewApplication(long previous, SampleAppClient client) {
		await().atMost(DEADLINE).until(() -> readApplicationPid() != previous && isUp(client));
		return readApplicationPid();
	}

	private long readApplicationPid() {
		try {
			return applicationPid();
		}
		catch (IOException | NumberFormatException ex) {
			return -1;
		}
	}

	private static boolean isUp(SampleAppClient client) {
		try {
			return "UP".equals(client.health());
		}
		catch (Exception ex) {
			return false;
		}
	}

	private static Object jsonValue(HttpResponse<String> response, String path) {
		Object value = JsonPath.parse(response.body()).read(path);
		return (value instanceof Integer number) ? Long.valueOf(number) : value;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
