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
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests of the zero-downtime reload: the supervisor owns the listening socket
 * and hands it from one application JVM to the next, checked from outside under load.
 *
 * @author Daemon Starter Team
 */
@EnabledOnOs(OS.LINUX)
class HandoverIntegrationTests {

	private static final Duration DEADLINE = Duration.ofSeconds(90);

	private static final String SUPERVISED = "--daemon.supervisor.enabled=true";

	@RegisterExtension
	final SampleAppProcesses processes = new SampleAppProcesses();

	@Test
	void reloadUnderLoadFailsNoRequestAndBothJvmsServe() throws Exception {
		int port = start();
		long supervisor = this.processes.pid();
		long old = this.processes.supervisedApplicationPid();
		assertThat(LinuxProcess.of(old).fileDescriptor(0)).as("the application's standard input")
			.isEqualTo(LinuxProcess.of(supervisor).fileDescriptor(0));
		assertThat(LinuxProcess.of(supervisor).fileDescriptor(0).toString()).startsWith("socket:");
		LoadGenerator load = LoadGenerator.start(port, 4);
		await().atMost(DEADLINE).until(() -> load.served() > 50);
		SampleAppProcesses.Result reload = this.processes.java("--daemon=reload").run();
		assertThat(reload.exitCode()).as(reload.err()).isZero();
		long replacement = this.processes.supervisedApplicationPid();
		assertThat(reload.out()).startsWith("Reloaded sample-app (supervisor pid " + supervisor + ", application pid "
				+ old + " replaced by " + replacement + ") in ");
		LinuxProcess.of(old).awaitExit(DEADLINE);
		int servedAfter = load.served();
		await().atMost(DEADLINE).until(() -> load.served() > servedAfter + 50);
		LoadGenerator.Outcome outcome = load.stop();
		assertThat(outcome.failures()).isEmpty();
		assertThat(outcome.refused()).isZero();
		assertThat(outcome.servedByPid()).containsKeys(old, replacement);
		await().atMost(DEADLINE).until(() -> LinuxProcess.of(supervisor).children().equals(List.of(replacement)));
		String log = log();
		int oldStopped = log.indexOf("sample-app (pid " + old + ") stopped after");
		int newTicker = log.indexOf(" " + replacement + " --- [sample-app] [         ticker]");
		assertThat(oldStopped).as("the old JVM stopped").isPositive();
		assertThat(newTicker).as("the new JVM's workers start once the old JVM has stopped").isGreaterThan(oldStopped);
		assertThat(log).doesNotContain("Socket accept failed");
		// Closing the inherited socket must not take the old JVM's standard output away
		assertThat(log).contains(" " + old + " --- [sample-app] [ionShutdownHook] i.g.d.s.InheritedServerSocketRelease")
			.contains(" " + old + " --- [sample-app] [tomcat-shutdown] o.s.boot.tomcat.GracefulShutdown         : "
					+ "Graceful shutdown complete");
	}

	@Test
	void longRequestInFlightOnTheOldJvmCompletes() throws Exception {
		Path release = this.processes.directory().resolve("release");
		int port = start("--sample.release-file=" + release);
		long old = this.processes.supervisedApplicationPid();
		SampleAppClient client = new SampleAppClient(port);
		CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(() -> {
			try {
				return client.get("/sample/slow?millis=60000");
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		await().atMost(DEADLINE).until(() -> log().contains("Answering /sample/slow in 60000ms"));
		SampleAppProcesses.Result reload = this.processes.java("--daemon=reload").run();
		assertThat(reload.exitCode()).as(reload.err()).isZero();
		assertThat(slow).as("the slow request is still in flight").isNotDone();
		assertThat(LinuxProcess.of(old).isRunning()).as("the old JVM waits for it").isTrue();
		Files.createFile(release);
		HttpResponse<String> response = slow.get();
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"pid\":" + old);
		LinuxProcess.of(old).awaitExit(DEADLINE);
	}

	@Test
	void threeReloadsInARowLeaveOneSupervisorAndOneApplication() throws Exception {
		int port = start();
		long supervisor = this.processes.pid();
		for (int i = 1; i <= 3; i++) {
			long old = this.processes.supervisedApplicationPid();
			SampleAppProcesses.Result reload = this.processes.java("--daemon=reload").run();
			assertThat(reload.exitCode()).as(reload.err()).isZero();
			LinuxProcess.of(old).awaitExit(DEADLINE);
		}
		long application = this.processes.supervisedApplicationPid();
		await().atMost(DEADLINE).until(() -> LinuxProcess.of(supervisor).children().equals(List.of(application)));
		assertThat(this.processes.markedProcesses()).containsExactlyInAnyOrder(supervisor, application);
		SampleAppClient client = new SampleAppClient(port);
		assertThat(client.health()).isEqualTo("UP");
		String endpoint = client.get("/actuator/daemon").body();
		assertThat(JsonPath.<String>read(endpoint, "$.supervisor.reload.mode")).isEqualTo("handover");
		assertThat(JsonPath.<Integer>read(endpoint, "$.supervisor.reload.count")).isEqualTo(3);
		assertThat(JsonPath.<Boolean>read(endpoint, "$.supervisor.reload.inProgress")).isFalse();
		SampleAppProcesses.Result status = this.processes.java("--daemon=status").run();
		assertThat(status.out()).startsWith("sample-app is running (pid " + application).contains(", 3 reloads");
		assertThat(this.processes.directory()).isDirectoryContaining("glob:**/sample-app.pid")
			.isDirectoryNotContaining("glob:**/sample-app.app.pid");
		// Each replaced JVM closed the socket under Tomcat's acceptor: expected, not an
		// error
		assertThat(log()).doesNotContain("Socket accept failed");
	}

	@Test
	void reloadWhoseNewJvmFailsKeepsTheOldOneServing() throws Exception {
		int port = start();
		long old = this.processes.supervisedApplicationPid();
		Files.writeString(this.processes.directory().resolve("application.properties"), "sample.startup.fail=true\n");
		LoadGenerator load = LoadGenerator.start(port, 2);
		SampleAppProcesses.Result reload = this.processes.java("--daemon=reload").run();
		LoadGenerator.Outcome outcome = load.stop();
		assertThat(reload.exitCode()).isEqualTo(1);
		assertThat(reload.err()).contains("Reload of sample-app")
			.contains("failed to start: IllegalStateException: Simulated startup failure")
			.contains("pid " + old + " serves on");
		assertThat(outcome.failures()).isEmpty();
		assertThat(outcome.refused()).isZero();
		assertThat(this.processes.supervisedApplicationPid()).isEqualTo(old);
		await().atMost(DEADLINE).until(() -> LinuxProcess.of(this.processes.pid()).children().equals(List.of(old)));
		assertThat(new SampleAppClient(port).health()).isEqualTo("UP");
	}

	@Test
	void jarReplacedOnDiskIsServedAfterTheReload() throws Exception {
		Path jar = this.processes.directory().resolve("app.jar");
		Files.copy(this.processes.jar(), jar);
		int port = freePort();
		SampleAppProcesses.Result start = this.processes
			.javaJar(jar.toString(), "--daemon", SUPERVISED, "--server.port=" + port)
			.run();
		assertThat(start.exitCode()).as(start.err()).isZero();
		SampleAppClient client = new SampleAppClient(port);
		assertThat(client.get("/actuator/info").body()).doesNotContain("version-2");
		Path upgrade = this.processes.directory().resolve("app-2.jar");
		SampleJars.withExtraProperties(this.processes.jar(), upgrade,
				"management.info.env.enabled=true\ninfo.sample=version-2\n");
		// Renamed over the old jar, as a deploy should: the running JVMs keep the old
		// file
		Files.move(upgrade, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		SampleAppProcesses.Result reload = this.processes.javaJar(jar.toString(), "--daemon=reload").run();
		assertThat(reload.exitCode()).as(reload.err()).isZero();
		// A new client: the old one's kept-alive connection may still reach the old JVM,
		// which serves its open connections while it drains
		assertThat(new SampleAppClient(port).get("/actuator/info").body()).contains("version-2");
	}

	@Test
	void secondReloadWhileOneRunsIsRefused() throws Exception {
		int port = start();
		long old = this.processes.supervisedApplicationPid();
		slowNextStart();
		SampleAppProcesses.Running first = this.processes.java("--daemon=reload").start();
		await().atMost(DEADLINE).until(() -> statusFile().contains("supervisor.state=RELOADING"));
		SampleAppProcesses.Result second = this.processes.java("--daemon=reload").run();
		assertThat(second.exitCode()).isEqualTo(1);
		assertThat(second.err()).contains("a reload runs already");
		SampleAppProcesses.Result status = this.processes.java("--daemon=status").run();
		assertThat(status.out()).contains("starts to take over on the same socket");
		long next = Long.parseLong(statusEntry("supervisor.next-application-pid"));
		String endpoint = new SampleAppClient(port).get("/actuator/daemon").body();
		assertThat(JsonPath.<Boolean>read(endpoint, "$.supervisor.reload.inProgress")).isTrue();
		assertThat(JsonPath.<List<Number>>read(endpoint, "$.supervisor.reload.serving")).extracting(Number::longValue)
			.containsExactly(old, next);
		Files.createFile(releaseOfNextStart());
		assertThat(first.await().exitCode()).isZero();
	}

	@Test
	void workersOverlapWhenAskedTo() throws Exception {
		start("--daemon.supervisor.worker-handover=overlap");
		long old = this.processes.supervisedApplicationPid();
		SampleAppProcesses.Result reload = this.processes.java("--daemon=reload").run();
		assertThat(reload.exitCode()).as(reload.err()).isZero();
		long replacement = this.processes.supervisedApplicationPid();
		LinuxProcess.of(old).awaitExit(DEADLINE);
		String log = log();
		int newTicker = log.indexOf(" " + replacement + " --- [sample-app] [         ticker]");
		assertThat(newTicker).isPositive().isLessThan(log.indexOf("Stopping sample-app (pid " + old + ")"));
	}

	@Test
	void portTakenByAnotherProgramFailsTheStartWithTheSetting() throws Exception {
		try (ServerSocket taken = new ServerSocket(0)) {
			SampleAppProcesses.Result start = this.processes
				.java("--daemon", SUPERVISED, "--server.port=" + taken.getLocalPort())
				.run();
			assertThat(start.exitCode()).isEqualTo(1);
			assertThat(start.err())
				.contains("server.port=" + taken.getLocalPort() + ": the port is taken by another " + "program")
				.contains("set server.port to a free port");
			assertThat(this.processes.markedProcesses()).isEmpty();
		}
	}

	@Test
	void portZeroIsChosenOnceAndKeptAcrossReloads() throws Exception {
		SampleAppProcesses.Result start = this.processes.java("--daemon", SUPERVISED, "--server.port=0").run();
		assertThat(start.exitCode()).as(start.err()).isZero();
		int port = SampleAppClient.portReported(start.out());
		assertThat(port).isPositive();
		SampleAppProcesses.Result reload = this.processes.java("--daemon=reload").run();
		assertThat(reload.exitCode()).as(reload.err()).isZero();
		assertThat(new SampleAppClient(port).get("/sample/pid").body())
			.contains("\"pid\":" + this.processes.supervisedApplicationPid());
	}

	@Test
	void killedSupervisorDuringAReloadLeavesNoJvm() throws Exception {
		start();
		long supervisor = this.processes.pid();
		long old = this.processes.supervisedApplicationPid();
		slowNextStart();
		this.processes.java("--daemon=reload").start();
		await().atMost(DEADLINE).until(() -> statusFile().contains("supervisor.state=RELOADING"));
		long next = Long.parseLong(statusEntry("supervisor.next-application-pid"));
		this.processes.program("kill", "-KILL", Long.toString(supervisor)).run();
		LinuxProcess.of(old).awaitExit(DEADLINE);
		LinuxProcess.of(next).awaitExit(DEADLINE);
	}

	private int start(String... extra) throws Exception {
		int port = freePort();
		List<String> args = new ArrayList<>(List.of("--daemon", SUPERVISED, "--server.port=" + port));
		args.addAll(List.of(extra));
		SampleAppProcesses.Result start = this.processes.java(args.toArray(String[]::new)).run();
		assertThat(start.exitCode()).as(start.err()).isZero();
		return port;
	}

	/**
	 * Make the next JVM wait before it is ready, until the test creates
	 * {@link #releaseOfNextStart()} (or a minute has passed), through an
	 * {@code application.properties} in the working directory, which only a JVM started
	 * from now on reads.
	 * @throws IOException if the file cannot be written
	 */
	private void slowNextStart() throws IOException {
		Files.writeString(this.processes.directory().resolve("application.properties"),
				"sample.startup.delay=60s\nsample.release-file=" + releaseOfNextStart() + "\n");
	}

	private Path releaseOfNextStart() {
		return this.processes.directory().resolve("release-next-start");
	}

	private String statusFile() throws IOException {
		Path file = this.processes.directory().resolve("sample-app.status");
		return Files.exists(file) ? Files.readString(file) : "";
	}

	private String statusEntry(String key) throws IOException {
		return statusFile().lines()
			.filter((line) -> line.startsWith(key + "="))
			.map((line) -> line.substring(key.length() + 1))
			.findFirst()
			.orElseThrow();
	}

	private String log() throws IOException {
		return Files.readString(this.processes.logFile(), StandardCharsets.UTF_8);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
