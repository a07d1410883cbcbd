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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.daemonstarter.handshake.LaunchMessage;
import io.github.daemonstarter.handshake.LaunchMessage.Type;
import io.github.daemonstarter.runtime.LaunchReporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link LaunchChannel} and {@link LaunchReporter} over a real UNIX domain
 * socket.
 *
 * @author Daemon Starter Team
 */
class LaunchChannelTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@Test
	void openCreatesSocketInPrivateDirectory() throws IOException {
		try (LaunchChannel channel = LaunchChannel.open()) {
			Path socket = channel.getSocketPath();
			assertThat(socket).exists();
			assertThat(socket.getFileName()).hasToString("launch.sock");
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())))
				.isEqualTo("rwx------");
		}
	}

	@Test
	void closeRemovesSocketAndDirectory() throws IOException {
		LaunchChannel channel = LaunchChannel.open();
		Path socket = channel.getSocketPath();
		channel.close();
		assertThat(socket).doesNotExist();
		assertThat(socket.getParent()).doesNotExist();
	}

	@Test
	void messagesArriveInOrder() throws Exception {
		List<LaunchMessage> received = new CopyOnWriteArrayList<>();
		try (LaunchChannel channel = LaunchChannel.open()) {
			channel.receive(received::add);
			LaunchReporter reporter = LaunchReporter.connect(channel.getSocketPath());
			reporter.phase("starting the JVM");
			reporter.phase("creating the context\nwith two lines");
			reporter.ready("port 8080");
			reporter.phase("never sent, reporting stopped");
			await().atMost(TIMEOUT)
				.untilAsserted(
						() -> assertThat(received).containsExactly(new LaunchMessage(Type.PHASE, "starting the JVM"),
								new LaunchMessage(Type.PHASE, "creating the context with two lines"),
								new LaunchMessage(Type.READY, "port 8080")));
		}
	}

	@Test
	void awaitDrainedWhenReporterClosedReturnsWithEveryMessageReceived() throws Exception {
		List<LaunchMessage> received = new CopyOnWriteArrayList<>();
		try (LaunchChannel channel = LaunchChannel.open()) {
			channel.receive(received::add);
			LaunchReporter reporter = LaunchReporter.connect(channel.getSocketPath());
			reporter.phase("connected");
			await().atMost(TIMEOUT).until(() -> !received.isEmpty());
			for (int i = 0; i < 100; i++) {
				reporter.phase("phase " + i);
			}
			reporter.failed("Port 8080 is already in use");
			long start = System.nanoTime();
			channel.awaitDrained(TIMEOUT);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT);
			assertThat(received).hasSize(102)
				.last()
				.isEqualTo(new LaunchMessage(Type.FAILED, "Port 8080 is already in use"));
		}
	}

	@Test
	void awaitDrainedWhenNobodyConnectedReturnsAtOnce() throws Exception {
		try (LaunchChannel channel = LaunchChannel.open()) {
			channel.receive((message) -> {
			});
			long start = System.nanoTime();
			channel.awaitDrained(TIMEOUT);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
		}
	}

	@Test
	void lockedReportsPidOrNothing() throws Exception {
		List<LaunchMessage> received = new CopyOnWriteArrayList<>();
		try (LaunchChannel channel = LaunchChannel.open()) {
			channel.receive(received::add);
			LaunchReporter.connect(channel.getSocketPath()).locked(1234L);
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(received).containsExactly(new LaunchMessage(Type.LOCKED, "1234")));
		}
		assertThat(LaunchMessage.parse(new LaunchMessage(Type.LOCKED, "").toLine()))
			.isEqualTo(new LaunchMessage(Type.LOCKED, ""));
	}

	@Test
	void reporterWhenSocketIsMissingDropsMessages(@TempDir Path directory) {
		LaunchReporter reporter = LaunchReporter.connect(directory.resolve("missing.sock"));
		assertThatNoException().isThrownBy(() -> {
			reporter.phase("starting");
			reporter.failed("boom");
			reporter.ready("port 8080");
		});
	}

	@Test
	void reporterWhenLauncherHasGoneDropsMessages() throws Exception {
		LaunchChannel channel = LaunchChannel.open();
		LaunchReporter reporter = LaunchReporter.connect(channel.getSocketPath());
		channel.close();
		assertThatNoException().isThrownBy(() -> {
			for (int i = 0; i < 1000; i++) {
				reporter.phase("phase " + i + " ".repeat(100));
			}
			reporter.ready("port 8080");
		});
	}

}
