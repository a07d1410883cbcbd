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
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Talks HTTP to a running sample application, one request per call and without retries,
 * so that a test sees exactly what the application answers at that moment. It also finds
 * the port to talk to in the launcher's output or in the application's log.
 * <p>
 * It speaks HTTP/1.1 only. The JDK client's default, HTTP/2, sends every request on a
 * plain connection as an {@code h2c} upgrade; when the server answered such a request and
 * closed the connection at once, as a graceful shutdown does, the client sometimes took
 * the close for a failure, retried on a new connection and reported a
 * {@code ConnectException} (2 of 14 tries, against none of 14 with HTTP/1.1, none with
 * curl and none with a raw socket sending the same upgrade headers). The slow request,
 * which a graceful shutdown waits for, goes through a plain socket (see
 * {@link #slow(long)}).
 *
 * @author Daemon Starter Team
 */
final class SampleAppClient {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final Pattern REPORTED_PORT = Pattern.compile("Started sample-app in .*port (\\d+)");

	private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] (\\d{3})");

	private static final Pattern LOGGED_PORT = Pattern.compile("Tomcat started on port (\\d+)");

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient client = newClient();

	private final int port;

	SampleAppClient(int port) {
		this.port = port;
	}

	/**
	 * Return the port that the launcher reported in its {@code Started} line.
	 * @param launcherOutput what the launcher wrote
	 * @return the port
	 */
	static int portReported(String launcherOutput) {
		Matcher matcher = REPORTED_PORT.matcher(launcherOutput);
		assertThat(matcher.find()).as("port in launcher output: %s", launcherOutput).isTrue();
		return Integer.parseInt(matcher.group(1));
	}

	/**
	 * Return the port that Tomcat reported in the given log or output file.
	 * @param file the file
	 * @return the port
	 * @throws IOException if the file cannot be read
	 */
	static int portLoggedIn(Path file) throws IOException {
		Matcher matcher = LOGGED_PORT.matcher(Files.readString(file, StandardCharsets.UTF_8));
		assertThat(matcher.find()).as("Tomcat port in %s", file).isTrue();
		return Integer.parseInt(matcher.group(1));
	}

	/**
	 * Send one GET request.
	 * @param path the path
	 * @return the response
	 * @throws Exception if the request fails
	 */
	HttpResponse<String> get(String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT).build();
		return this.client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	/**
	 * Return the status that {@code /actuator/health} (or one of its groups) reports.
	 * @param path the health path, such as {@code /actuator/health/readiness}
	 * @return the status, such as {@code UP}
	 * @throws Exception if the request fails
	 */
	String healthStatus(String path) throws Exception {
		HttpResponse<String> response = get(path);
		Map<String, Object> health = json.readValue(response.body(), new TypeReference<>() {
		});
		return String.valueOf(health.get("status"));
	}

	/**
	 * Return the status that {@code /actuator/health} reports.
	 * @return the status
	 * @throws Exception if the request fails
	 */
	String health() throws Exception {
		return healthStatus("/actuator/health");
	}

	/**
	 * Send {@code GET /sample/slow?millis=N} on a connection of its own and read the
	 * answer to its end, without waiting for it. The request goes through a plain socket,
	 * not the JDK client: when the answer came just before a graceful shutdown closed the
	 * server's connector, the JDK 25 client once retried the request on a new connection
	 * and reported the refused connect ({@code ConnectException}) instead of the answer.
	 * A plain socket never retries, so a failure is the server's.
	 * @param millis how long the application takes to answer
	 * @return the HTTP status of the answer to come
	 */
	CompletableFuture<Integer> slow(long millis) {
		CompletableFuture<Integer> status = new CompletableFuture<>();
		Thread thread = new Thread(() -> {
			try {
				status.complete(requestOnPlainSocket("/sample/slow?millis=" + millis, TIMEOUT.plusMillis(millis)));
			}
			catch (IOException | RuntimeException ex) {
				status.completeExceptionally(ex);
			}
		}, "sample-slow-request");
		thread.setDaemon(true);
		thread.start();
		return status;
	}

	private int requestOnPlainSocket(String path, Duration timeout) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout((int) timeout.toMillis());
			String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + this.port
					+ "\r\nConnection: close\r\n\r\n";
			OutputStream output = socket.getOutputStream();
			output.write(request.getBytes(StandardCharsets.US_ASCII));
			output.flush();
			String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
			Matcher matcher = STATUS_LINE.matcher(answer);
			if (!matcher.lookingAt()) {
				throw new IOException("No HTTP answer to " + path + ": '" + answer + "'");
			}
			return Integer.parseInt(matcher.group(1));
		}
	}

	/**
	 * Return the PID of the process that answers requests, through {@code /sample/slow}.
	 * @return the PID
	 * @throws Exception if the request fails
	 */
	long pid() throws Exception {
		HttpResponse<String> response = get("/sample/slow?millis=0");
		assertThat(response.statusCode()).isEqualTo(200);
		Map<String, Object> answer = json.readValue(response.body(), new TypeReference<>() {
		});
		assertThat(answer.get("pid")).as("pid in %s", response.body()).isInstanceOf(Number.class);
		return ((Number) answer.get("pid")).longValue();
	}

	/**
	 * Return the arguments the application received.
	 * @return the arguments
	 * @throws Exception if the request fails
	 */
	List<String> args() throws Exception {
		return json.readValue(get("/sample/args").body(), new TypeReference<>() {
		});
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private static HttpClient newClient() {
		return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
	}

}
