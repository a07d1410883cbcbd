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
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loopback clients that send {@code GET /sample/pid} to the sample app, each over a new
 * connection, as fast as it answers, and count what they see: answers by the PID that
 * served them, refused connections and any other failure.
 *
 * @author Daemon Starter Team
 */
final class LoadGenerator implements AutoCloseable {

	private static final Pattern PID = Pattern.compile("\"pid\":(\\d+)");

	private static final int TIMEOUT_MILLIS = 30_000;

	private final int port;

	private final List<Thread> clients = new ArrayList<>();

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final AtomicInteger served = new AtomicInteger();

	private final AtomicInteger refused = new AtomicInteger();

	private final Map<Long, Integer> servedByPid = new ConcurrentHashMap<>();

	private final List<String> failures = Collections.synchronizedList(new ArrayList<>());

	private LoadGenerator(int port) {
		this.port = port;
	}

	/**
	 * Start the clients.
	 * @param port the sample app's port
	 * @param clients how many clients send requests side by side
	 * @return the running load
	 */
	static LoadGenerator start(int port, int clients) {
		LoadGenerator load = new LoadGenerator(port);
		for (int i = 0; i < clients; i++) {
			Thread thread = new Thread(load::run, "load-" + i);
			thread.setDaemon(true);
			load.clients.add(thread);
			thread.start();
		}
		return load;
	}

	private void run() {
		while (this.running.get()) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", this.port), TIMEOUT_MILLIS);
				socket.setSoTimeout(TIMEOUT_MILLIS);
				OutputStream output = socket.getOutputStream();
				output.write(("GET /sample/pid HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
				output.flush();
				InputStream input = socket.getInputStream();
				String response = new String(input.readAllBytes(), StandardCharsets.UTF_8);
				Matcher pid = PID.matcher(response);
				if (response.startsWith("HTTP/1.1 200") && pid.find()) {
					this.served.incrementAndGet();
					this.servedByPid.merge(Long.parseLong(pid.group(1)), 1, Integer::sum);
				}
				else {
					this.failures.add("unexpected response: "
							+ (response.isEmpty() ? "none" : response.lines().findFirst().orElse("")));
				}
			}
			catch (ConnectException ex) {
				this.refused.incrementAndGet();
			}
			catch (IOException ex) {
				this.failures.add(ex.toString());
			}
		}
	}

	/**
	 * Return how many requests were answered so far.
	 * @return the number of answers
	 */
	int served() {
		return this.served.get();
	}

	/**
	 * Stop the clients and return what they saw.
	 * @return the outcome
	 * @throws InterruptedException if interrupted while waiting for the clients
	 */
	Outcome stop() throws InterruptedException {
		this.running.set(false);
		for (Thread client : this.clients) {
			client.join(Duration.ofSeconds(TIMEOUT_MILLIS / 1000 + 5).toMillis());
		}
		return new Outcome(this.served.get(), this.refused.get(), List.copyOf(this.failures),
				Map.copyOf(this.servedByPid));
	}

	@Override
	public void close() throws InterruptedException {
		this.running.set(false);
	}

	/**
	 * What the clients saw.
	 *
	 * @param served how many requests were answered
	 * @param refused how many connections were refused
	 * @param failures every other failure
	 * @param servedByPid how many requests each PID answered
	 */
	record Outcome(int served, int refused, List<String> failures, Map<Long, Integer> servedByPid) {

	}

}
