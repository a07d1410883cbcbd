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
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for systemd's socket activation: {@code systemd-socket-activate}
 * listens, as systemd does for a {@code .socket} unit, and starts the sample application
 * with {@code --daemon=run} on the first connection, passing the socket on descriptor 3.
 *
 * @author Daemon Starter Team
 */
@EnabledOnOs(OS.LINUX)
class SocketActivationIntegrationTests {

	private static final Path SOCKET_ACTIVATE = Path.of("/usr/bin/systemd-socket-activate");

	private static final Duration JVM_START = Duration.ofSeconds(90);

	@RegisterExtension
	final SampleAppProcesses processes = new SampleAppProcesses();

	@Test
	void requestSentBeforeTheApplicationIsUpIsAnsweredOnTheSocketThatSystemdPassed() throws Exception {
		assumeThat(Files.isExecutable(SOCKET_ACTIVATE)).as("systemd-socket-activate is not installed").isTrue();
		int port = freePort();
		List<String> command = new ArrayList<>(List.of(SOCKET_ACTIVATE.toString(), "-l", "127.0.0.1:" + port, "-E",
				SampleAppProcesses.MARKER_VARIABLE));
		command.addAll(this.processes.java("--daemon=run").commandLine());
		SampleAppProcesses.Running activator = this.processes.program(command.toArray(String[]::new)).start();
		long pid = activator.process().pid();
		try (Socket client = connectWhenListening(port, activator)) {
			client.setSoTimeout((int) JVM_START.toMillis());
			OutputStream request = client.getOutputStream();
			request.write("GET /sample/pid HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
				.getBytes(StandardCharsets.US_ASCII));
			request.flush();
			String response = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(response).startsWith("HTTP/1.1 200 ").contains("{\"pid\":" + pid + "}");
		}
		assertThat(Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "fd", "0")).toString())
			.as("standard input of the JVM")
			.startsWith("socket:[");
		assertThat(Files.readString(activator.out()))
			.contains("Serving on port " + port + " through the listening socket that systemd passed");
		activator.process().destroy();
		assertThat(activator.process().waitFor(JVM_START.toSeconds(), TimeUnit.SECONDS)).as("exited after SIGTERM")
			.isTrue();
		assertThat(activator.process().exitValue()).isEqualTo(143);
	}

	/**
	 * Connect once {@code systemd-socket-activate} listens: the first connection starts
	 * the application, which is not up yet when the request is sent.
	 * @param port the port it listens on
	 * @param activator its process
	 * @return the connection
	 */
	private static Socket connectWhenListening(int port, SampleAppProcesses.Running activator) {
		AtomicReference<Socket> connected = new AtomicReference<>();
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
			assertThat(activator.process().isAlive()).as("systemd-socket-activate is running").isTrue();
			Socket socket = new Socket();
			try {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
				connected.set(socket);
				return true;
			}
			catch (IOException ex) {
				socket.close();
				return false;
			}
		});
		return connected.get();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
