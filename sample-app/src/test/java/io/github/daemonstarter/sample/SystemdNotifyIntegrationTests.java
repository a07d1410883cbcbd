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

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.daemonstarter.sample.NotifyReceiver.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for the systemd notify protocol: the sample application runs with a
 * {@code NOTIFY_SOCKET} that the test binds, as systemd would for a {@code Type=notify}
 * unit.
 *
 * @author Daemon Starter Team
 */
@EnabledOnOs(OS.LINUX)
class SystemdNotifyIntegrationTests {

	private static final Duration JVM_START = Duration.ofSeconds(60);

	private static final String FLAKY = "--daemon.watchdog.workers.flaky.";

	private static final String GAVE_UP = "STATUS=Worker 'flaky' gave up: critical, the application is broken";

	@RegisterExtension
	final SampleAppProcesses processes = new SampleAppProcesses();

	@TempDir
	Path sockets;

	@Test
	void readyAfterHttpThenWatchdogPingsUntilCriticalWorkerGivesUpThenStoppingOnSigterm() throws Exception {
		AtomicReference<SampleAppProcesses.Running> application = new AtomicReference<>();
		AtomicReference<String> atReady = new AtomicReference<>();
		String socket = this.sockets.resolve("notify.sock").toString();
		try (NotifyReceiver receiver = NotifyReceiver.bind(socket, (message) -> {
			if (message.lines().anyMatch("READY=1"::equals)) {
				atReady.set(healthWhenReady(application.get()));
			}
		})) {
			application.set(this.processes
				.java("--daemon=run", "--sample.flaky.fail-after=8s", FLAKY + "critical=true",
						FLAKY + "restart.max-restarts=0")
				.env("NOTIFY_SOCKET", socket)
				.env("WATCHDOG_USEC", "1000000")
				.start());
			Message ready = awaitMessage(receiver, "READY=1", application.get());
			long pid = application.get().process().pid();
			assertThat(atReady.get()).as("/actuator/health when READY=1 arrived").isEqualTo("HTTP 200");
			assertThat(ready.value("MAINPID")).isEqualTo(Long.toString(pid));
			assertThat(ready.value("STATUS")).startsWith("Ready, started in ").contains(", port ");
			List<Message> beforeReady = receiver.messages().subList(0, receiver.messages().indexOf(ready));
			assertThat(beforeReady).extracting(Message::text).containsExactly("STATUS=Starting");
			Message gaveUp = awaitMessage(receiver, GAVE_UP, application.get());
			Duration measured = Duration.ofNanos(gaveUp.nanoTime() - ready.nanoTime());
			assertThat(measured).as("time between READY=1 and the give-up, to measure the ping rate")
				.isGreaterThan(Duration.ofSeconds(2));
			long pings = pings(receiver, ready.nanoTime(), gaveUp.nanoTime());
			double expected = measured.toMillis() / 500.0;
			assertThat((double) pings).as("pings in %s, one expected every 500ms", measured)
				.isBetween(expected * 0.5 - 1, expected * 1.5 + 1);
			await().during(Duration.ofSeconds(2))
				.atMost(Duration.ofSeconds(30))
				.until(() -> pings(receiver, gaveUp.nanoTime(), Long.MAX_VALUE) <= 1);
			application.get().process().destroy();
			awaitMessage(receiver, "STOPPING=1", application.get());
			assertThat(application.get().process().waitFor(JVM_START.toSeconds(), TimeUnit.SECONDS)).isTrue();
			Message stopping = receiver.first("STOPPING=1");
			assertThat(stopping.text()).isEqualTo("STOPPING=1\nSTATUS=Stopping");
		}
	}

	@Test
	void daemonUnderAbstractNotifySocketRunsInForegroundAndSendsReadyAndStopping() throws Exception {
		String socket = "@daemon-it-" + UUID.randomUUID();
		try (NotifyReceiver receiver = NotifyReceiver.bind(socket, (message) -> {
		})) {
			SampleAppProcesses.Running application = this.processes.java("--daemon")
				.env("NOTIFY_SOCKET", socket)
				.start();
			Message ready = awaitMessage(receiver, "READY=1", application);
			long pid = application.process().pid();
			assertThat(ready.value("MAINPID")).isEqualTo(Long.toString(pid));
			assertThat(read(application.err()))
				.contains("Running sample-app in the foreground: it was started by a service manager");
			assertThat(read(application.out())).contains("Tomcat started on port");
			application.process().destroy();
			awaitMessage(receiver, "STOPPING=1", application);
			assertThat(application.process().waitFor(JVM_START.toSeconds(), TimeUnit.SECONDS)).isTrue();
			assertThat(receiver.texts()).as("without WATCHDOG_USEC no pings").doesNotContain("WATCHDOG=1");
			assertThat(receiver.texts().get(0)).isEqualTo("STATUS=Starting");
		}
	}

	@Test
	void hangupUnderSystemdSendsReloadingWithTheMonotonicClockThenReady() throws Exception {
		String socket = "@daemon-it-" + UUID.randomUUID();
		try (NotifyReceiver receiver = NotifyReceiver.bind(socket, (message) -> {
		})) {
			SampleAppProcesses.Running application = this.processes.java("--daemon=run")
				.env("NOTIFY_SOCKET", socket)
				.start();
			awaitMessage(receiver, "READY=1", application);
			int readyCount = readyMessages(receiver);
			long before = System.nanoTime() / 1000;
			assertThat(
					this.processes.program("kill", "-HUP", Long.toString(application.process().pid())).run().exitCode())
				.isZero();
			Message reloading = awaitMessage(receiver, "RELOADING=1", application);
			assertThat(Long.parseLong(reloading.value("MONOTONIC_USEC"))).isGreaterThanOrEqualTo(before)
				.isLessThanOrEqualTo(System.nanoTime() / 1000);
			await().atMost(JVM_START).until(() -> readyMessages(receiver) > readyCount);
			List<String> ready = receiver.texts().stream().filter((text) -> text.startsWith("READY=1")).toList();
			assertThat(ready.get(ready.size() - 1)).startsWith("READY=1\nSTATUS=Ready, reloaded (reload 1)");
			assertThat(application.process().isAlive()).isTrue();
			application.process().destroy();
			assertThat(application.process().waitFor(JVM_START.toSeconds(), TimeUnit.SECONDS)).isTrue();
		}
	}

	private static int readyMessages(NotifyReceiver receiver) {
		return (int) receiver.messages().stream().filter((message) -> message.hasLine("READY=1")).count();
	}

	/**
	 * Ask the application for its health at once, on the receiver's thread, when
	 * {@code READY=1} arrives.
	 * @param application the application
	 * @return {@code HTTP <status>}, or why there was no answer
	 */
	private static String healthWhenReady(SampleAppProcesses.Running application) {
		try {
			String log = read(application.out());
			if (!log.contains("Tomcat started on port")) {
				return "no 'Tomcat started on port' in the log yet";
			}
			int port = SampleAppClient.portLoggedIn(application.out());
			return "HTTP " + new SampleAppClient(port).get("/actuator/health").statusCode();
		}
		catch (Exception ex) {
			return "no answer: " + ex;
		}
	}

	private static Message awaitMessage(NotifyReceiver receiver, String line, SampleAppProcesses.Running application) {
		await().atMost(JVM_START).until(() -> {
			assertThat(application.process().isAlive() || receiver.first(line) != null)
				.as("application alive; stderr: %s", read(application.err()))
				.isTrue();
			return receiver.first(line) != null;
		});
		return receiver.first(line);
	}

	private static long pings(NotifyReceiver receiver, long from, long to) {
		return receiver.messages()
			.stream()
			.filter((message) -> message.hasLine("WATCHDOG=1"))
			.filter((message) -> message.nanoTime() > from && message.nanoTime() < to)
			.count();
	}

	private static String read(Path file) throws Exception {
		return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
	}

}
