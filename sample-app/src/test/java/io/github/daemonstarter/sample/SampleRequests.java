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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP requests to a running sample daemon.
 *
 * @author Daemon Starter Team
 */
final class SampleRequests {

	private static final Pattern PID = Pattern.compile("\"pid\":(\\d+)");

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private SampleRequests() {
	}

	/**
	 * Ask the daemon on the given port for its PID, through {@code /sample/slow}.
	 * @param port the port
	 * @return the PID of the process that answered
	 * @throws Exception if the request fails
	 */
	static long pidServing(int port) throws Exception {
		HttpResponse<String> response = slow(port, 0).get();
		assertThat(response.statusCode()).isEqualTo(200);
		Matcher matcher = PID.matcher(response.body());
		assertThat(matcher.find()).as("pid in %s", response.body()).isTrue();
		return Long.parseLong(matcher.group(1));
	}

	/**
	 * Send {@code GET /sample/slow?millis=N} on a new connection without waiting for the
	 * answer.
	 * @param port the port
	 * @param millis how long the daemon takes to answer
	 * @return the response to come
	 */
	static CompletableFuture<HttpResponse<String>> slow(int port, long millis) {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + "/sample/slow?millis=" + millis))
			.timeout(TIMEOUT.plusMillis(millis))
			.build();
		return HttpClient.newBuilder()
			.connectTimeout(TIMEOUT)
			.build()
			.sendAsync(request, HttpResponse.BodyHandlers.ofString());
	}

}
