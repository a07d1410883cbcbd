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
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration tests for how {@code --daemon} waits for the start: it returns once the
 * application is ready, and when the start fails it says why, shows the log and leaves no
 * process and no PID file behind.
 *
 * @author Daemon Starter Team
 */
@EnabledOnOs(OS.LINUX)
class StartupIntegrationTests {

	@RegisterExtension
	final SampleAppProcesses processes = new SampleAppProcesses();

	@Test
	void launcherReturnsOnceApplicationIsReady() throws Exception {
		long startedAt = System.nanoTime();
		SampleAppProcesses.Result result = this.processes.java("--daemon", "--sample.startup.delay=3s").run();
		Instant returnedAt = Instant.now();
		Duration elapsed = Duration.ofNanos(System.nanoTime() - startedAt);
		assertThat(result.exitCode()).isZero();
		SampleAppClient client = new SampleAppClient(result.port());
		assertThat(client.healthStatus("/actuator/health/readiness")).isEqualTo("UP");
		assertThat(client.health()).isEqualTo("UP");
		assertThat(elapsed).as("time the launcher waited").isGreaterThanOrEqualTo(Duration.ofSeconds(3));
		assertThat(Duration.between(loggedAt("Started SampleApplication in"), returnedAt))
			.as("time the launcher waited for the application runners")
			.isGreaterThanOrEqualTo(Duration.ofMillis(2900));
	}

	@Test
	void startFailsWhenApplicationFails() throws Exception {
		SampleAppProcesses.Result result = this.processes.java("--daemon", "--sample.startup.fail=true").run();
		assertFailedStart(result, "sample-app failed to start: ",
				"Simulated startup failure (sample.startup.fail=true)");
	}

	@Test
	void startFailsWhenPortIsInUse() throws Exception {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress(0));
			int port = socket.getLocalPort();
			SampleAppProcesses.Result result = this.processes.java("--daemon", "--server.port=" + port).run();
			assertFailedStart(result, "sample-app failed to start: ", "Address already in use");
			assertThat(result.err()).contains("Port " + port + " was already in use");
		}
	}

	@Test
	void startFailsWhenConfigurationIsInvalid() throws Exception {
		SampleAppProcesses.Result result = this.processes.java("--daemon", "--server.port=notaport").run();
		assertFailedStart(result, "sample-app failed to start: Invalid value 'notaport' for server.port",
				"; fix server.port");
		assertThat(result.err()).contains("Invalid value 'notaport' for configuration property 'server.port'");
	}

	@Test
	void startFailsWhenJvmExitsBeforeReady() throws Exception {
		SampleAppProcesses.Result result = this.processes.java("--daemon", "--sample.startup.halt=true").run();
		assertFailedStart(result, "sample-app failed to start: ", "its JVM exited with status 70 before it was ready");
	}

	@Test
	void startFailsWhenNotReadyWithinStartupTimeout() throws Exception {
		long startedAt = System.nanoTime();
		SampleAppProcesses.Result result = this.processes
			.java("--daemon", "--sample.startup.delay=30s", "--daemon.startup-timeout=2s")
			.run();
		Duration elapsed = Duration.ofNanos(System.nanoTime() - startedAt);
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.err())
			.contains("sample-app was not ready within 2.0s (daemon.startup-timeout) and was stopped");
		assertNothingLeft();
		assertThat(elapsed).as("time until the launcher gave up").isLessThan(Duration.ofSeconds(12));
	}

	private Instant loggedAt(String message) throws IOException {
		String line = Files.readAllLines(this.processes.logFile(), StandardCharsets.UTF_8)
			.stream()
			.filter((candidate) -> candidate.contains(message))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No '" + message + "' in " + this.processes.logFile()));
		return OffsetDateTime.parse(line.substring(0, line.indexOf(' '))).toInstant();
	}

	private void assertFailedStart(SampleAppProcesses.Result result, String... reasonLine) {
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.out()).isEmpty();
		assertThat(result.err().lines()).as("reason line").anySatisfy((line) -> assertThat(line).contains(reasonLine));
		assertThat(result.err()).contains("Last lines of " + this.processes.logFile() + ":");
		assertNothingLeft();
	}

	private void assertNothingLeft() {
		assertThat(this.processes.markedProcesses()).as("processes left").isEmpty();
		assertThat(this.processes.pidFile()).doesNotExist();
	}

}
