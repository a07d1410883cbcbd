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

package io.github.daemonstarter.supervised;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.daemonstarter.supervised.ApplicationChannels.Outcome;
import io.github.daemonstarter.supervised.ApplicationChannels.Readiness;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ApplicationChannels}, with a UNIX socket that stands for an
 * application JVM and a real child process whose PID it reports.
 *
 * @author Daemon Starter Team
 */
class ApplicationChannelsTests {

	private static final Duration DEADLINE = Duration.ofSeconds(30);

	private ApplicationChannels channels;

	private Process process;

	private final List<SocketChannel> connections = new ArrayList<>();

	@BeforeEach
	void openChannelsAndStartProcess() throws IOException {
		this.channels = ApplicationChannels.open();
		this.process = new ProcessBuilder("sleep", "30").start();
	}

	@AfterEach
	void closeChannelsAndEndProcess() throws IOException {
		try {
			for (SocketChannel connection : this.connections) {
				connection.close();
			}
			this.channels.close();
		}
		finally {
			ProcessHandle.of(this.process.pid()).ifPresent(ProcessHandle::destroyForcibly);
		}
	}

	@Test
	void sendBeforeAndAfterTheHelloDeliversTheSignals() throws IOException {
		this.channels.send(this.process.pid(), SupervisedApplication.START);
		SocketChannel connection = connect();
		write(connection, "HELLO " + this.process.pid());
		assertThat(receive(connection)).isEqualTo((byte) SupervisedApplication.START);
		this.channels.send(this.process.pid(), SupervisedApplication.WORKERS);
		assertThat(receive(connection)).isEqualTo((byte) SupervisedApplication.WORKERS);
	}

	@Test
	void sendToAnotherPidDeliversNothing() throws IOException {
		SocketChannel connection = connect();
		write(connection, "HELLO " + this.process.pid());
		this.channels.send(this.process.pid() + 1, SupervisedApplication.START);
		this.channels.send(this.process.pid(), SupervisedApplication.WORKERS);
		assertThat(receive(connection)).isEqualTo((byte) SupervisedApplication.WORKERS);
	}

	@Test
	void awaitReadyWhenTheJvmReportsReadyReturnsReadyWithTheDetail() throws Exception {
		SocketChannel connection = connect();
		write(connection, "HELLO " + this.process.pid());
		write(connection, "READY port 8080");
		Readiness readiness = this.channels.awaitReady(this.process, DEADLINE);
		assertThat(readiness.outcome()).isEqualTo(Outcome.READY);
		assertThat(readiness.detail()).isEqualTo("port 8080");
	}

	@Test
	void awaitReadyWhenTheJvmReportsFailedReturnsFailedWithTheReason() throws Exception {
		SocketChannel connection = connect();
		write(connection, "HELLO " + this.process.pid());
		write(connection, "FAILED boom");
		Readiness readiness = this.channels.awaitReady(this.process, DEADLINE);
		assertThat(readiness.outcome()).isEqualTo(Outcome.FAILED);
		assertThat(readiness.detail()).isEqualTo("boom");
	}

	@Test
	void awaitReadyWhenTheProcessEndsReturnsEnded() throws Exception {
		SocketChannel connection = connect();
		write(connection, "HELLO " + this.process.pid());
		this.process.destroyForcibly();
		Readiness readiness = this.channels.awaitReady(this.process, DEADLINE);
		assertThat(readiness.outcome()).isEqualTo(Outcome.ENDED);
		assertThat(this.process.isAlive()).isFalse();
	}

	@Test
	void awaitReadyWhenTheProcessEndsWhileWaitingReturnsEnded() throws Exception {
		SocketChannel connection = connect();
		write(connection, "HELLO " + this.process.pid());
		CompletableFuture.runAsync(this.process::destroyForcibly,
				CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));
		Readiness readiness = this.channels.awaitReady(this.process, DEADLINE);
		assertThat(readiness.outcome()).isEqualTo(Outcome.ENDED);
	}

	@Test
	void awaitReadyWhenTheJvmDoesNotReportInTimeReturnsTimedOut() throws Exception {
		SocketChannel connection = connect();
		write(connection, "HELLO " + this.process.pid());
		Readiness readiness = this.channels.awaitReady(this.process, Duration.ofMillis(200));
		assertThat(readiness.outcome()).isEqualTo(Outcome.TIMED_OUT);
		assertThat(this.process.isAlive()).isTrue();
	}

	@Test
	void connectionWhoseFirstLineIsNotHelloIsClosed() throws IOException {
		SocketChannel connection = connect();
		write(connection, "READY " + this.process.pid());
		awaiting().until(() -> read(connection) < 0);
	}

	@Test
	void connectionWithAMalformedHelloIsClosed() throws IOException {
		SocketChannel connection = connect();
		write(connection, "HELLO pid");
		awaiting().until(() -> read(connection) < 0);
	}

	@Test
	void forgetClosesTheChannelOfTheJvm() throws IOException {
		this.channels.send(this.process.pid(), SupervisedApplication.START);
		SocketChannel connection = connect();
		write(connection, "HELLO " + this.process.pid());
		assertThat(receive(connection)).isEqualTo((byte) SupervisedApplication.START);
		this.channels.forget(this.process.pid());
		awaiting().until(() -> read(connection) < 0);
	}

	@Test
	void closeRemovesTheSocketAndItsDirectory() {
		Path socketPath = this.channels.getSocketPath();
		assertThat(socketPath).exists();
		assertThat(socketPath.getParent().getFileName().toString()).startsWith("boot-daemon-supervisor-");
		this.channels.close();
		assertThat(socketPath).doesNotExist();
		assertThat(socketPath.getParent()).doesNotExist();
	}

	private SocketChannel connect() throws IOException {
		SocketChannel connection = SocketChannel.open(StandardProtocolFamily.UNIX);
		this.connections.add(connection);
		connection.connect(UnixDomainSocketAddress.of(this.channels.getSocketPath()));
		connection.configureBlocking(false);
		return connection;
	}

	private static void write(SocketChannel connection, String line) throws IOException {
		ByteBuffer bytes = StandardCharsets.UTF_8.encode(line + "\n");
		while (bytes.hasRemaining()) {
			connection.write(bytes);
		}
	}

	private static byte receive(SocketChannel connection) {
		ByteBuffer received = ByteBuffer.allocate(1);
		AtomicInteger read = new AtomicInteger();
		awaiting().until(() -> {
			read.set(connection.read(received));
			return read.get() != 0;
		});
		assertThat(read.get()).as("bytes read").isOne();
		return received.get(0);
	}

	private static int read(SocketChannel connection) throws IOException {
		return connection.read(ByteBuffer.allocate(16));
	}

	private static ConditionFactory awaiting() {
		return await().atMost(DEADLINE).pollInterval(Duration.ofMillis(10));
	}

}
