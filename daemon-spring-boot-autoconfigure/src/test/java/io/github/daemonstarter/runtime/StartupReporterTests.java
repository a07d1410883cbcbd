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

package io.github.daemonstarter.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.daemonstarter.handshake.LaunchMessage;
import io.github.daemonstarter.handshake.LaunchMessage.Type;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link StartupReporter}, reporting through a real {@link LaunchReporter} to a
 * UNIX domain socket that the test reads as the launcher would.
 *
 * @author Daemon Starter Team
 */
class StartupReporterTests {

	private static final Duration DEADLINE = Duration.ofSeconds(10);

	private static final String[] ARGS = {};

	@TempDir
	Path directory;

	private final List<LaunchMessage> received = new CopyOnWriteArrayList<>();

	private final SpringApplication application = new SpringApplication();

	private final MockEnvironment environment = new MockEnvironment();

	private final GenericApplicationContext context = new GenericApplicationContext();

	private ServerSocketChannel server;

	private LaunchReporter reporter;

	@BeforeEach
	void listen() throws IOException {
		Path socket = this.directory.resolve("launch.sock");
		this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
		this.server.bind(UnixDomainSocketAddress.of(socket));
		Thread reader = new Thread(this::readMessages, "startup-reporter-tests");
		reader.setDaemon(true);
		reader.start();
		this.reporter = LaunchReporter.connect(socket);
		this.context.setEnvironment(this.environment);
	}

	@AfterEach
	void close() throws IOException {
		this.server.close();
	}

	@Test
	void phasesThenReadyWithThePortAreReported() {
		this.environment.setProperty("local.server.port", "8080");
		StartupReporter startupReporter = new StartupReporter(this.reporter);
		startupReporter.onApplicationEvent(new ApplicationPreparedEvent(this.application, ARGS, this.context));
		startupReporter.onApplicationEvent(new ContextRefreshedEvent(this.context));
		startupReporter
			.onApplicationEvent(new ApplicationStartedEvent(this.application, ARGS, this.context, Duration.ZERO));
		startupReporter
			.onApplicationEvent(new ApplicationReadyEvent(this.application, ARGS, this.context, Duration.ZERO));
		await().atMost(DEADLINE)
			.untilAsserted(() -> assertThat(this.received).containsExactly(
					new LaunchMessage(Type.PHASE, "creating the application context"),
					new LaunchMessage(Type.PHASE, "context refreshed"),
					new LaunchMessage(Type.PHASE, "running application runners"),
					new LaunchMessage(Type.READY, "port 8080")));
	}

	@Test
	void readyWithoutWebServerReportsNoPort() {
		new StartupReporter(this.reporter)
			.onApplicationEvent(new ApplicationReadyEvent(this.application, ARGS, this.context, Duration.ZERO));
		await().atMost(DEADLINE)
			.untilAsserted(() -> assertThat(this.received).containsExactly(new LaunchMessage(Type.READY, "")));
	}

	@Test
	void readyUnderSupervisorStartsWithThePrefix() {
		this.environment.setProperty("local.server.port", "8080");
		new StartupReporter(this.reporter, "application pid 42")
			.onApplicationEvent(new ApplicationReadyEvent(this.application, ARGS, this.context, Duration.ZERO));
		await().atMost(DEADLINE)
			.untilAsserted(() -> assertThat(this.received)
				.containsExactly(new LaunchMessage(Type.READY, "application pid 42, port 8080")));
	}

	@Test
	void readyUnderSupervisorWithoutWebServerIsThePrefixAlone() {
		new StartupReporter(this.reporter, "application pid 42")
			.onApplicationEvent(new ApplicationReadyEvent(this.application, ARGS, this.context, Duration.ZERO));
		await().atMost(DEADLINE)
			.untilAsserted(() -> assertThat(this.received)
				.containsExactly(new LaunchMessage(Type.READY, "application pid 42")));
	}

	@Test
	void failureIsReportedWithItsReason() {
		new StartupReporter(this.reporter).onApplicationEvent(new ApplicationFailedEvent(this.application, ARGS,
				this.context, new IllegalStateException("Port 8080 is already in use")));
		await().atMost(DEADLINE).untilAsserted(() -> assertThat(this.received).singleElement().satisfies((message) -> {
			assertThat(message.type()).isEqualTo(Type.FAILED);
			assertThat(message.text()).contains("Port 8080 is already in use");
		}));
	}

	private void readMessages() {
		try (SocketChannel channel = this.server.accept()) {
			BufferedReader reader = new BufferedReader(
					Channels.newReader(channel, StandardCharsets.UTF_8.newDecoder(), -1));
			String line;
			while ((line = reader.readLine()) != null) {
				LaunchMessage message = LaunchMessage.parse(line);
				if (message != null) {
					this.received.add(message);
				}
			}
		}
		catch (IOException ex) {
			// The test is over and closed the socket
		}
	}

}
