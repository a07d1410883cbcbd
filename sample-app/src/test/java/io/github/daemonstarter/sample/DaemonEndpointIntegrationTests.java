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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests of the {@code daemon} actuator endpoint and health indicator of a
 * detached daemon, read and driven over HTTP from outside, with the sample's own access
 * settings (writes allowed from loopback).
 *
 * @author Daemon Starter Team
 */
@EnabledOnOs(OS.LINUX)
class DaemonEndpointIntegrationTests {

	private static final Duration DEADLINE = Duration.ofSeconds(60);

	@RegisterExtension
	final SampleAppProcesses processes = new SampleAppProcesses();

	@Test
	void endpointOfDetachedDaemonDescribesItAndRestartsAWorker() throws Exception {
		SampleAppProcesses.Result start = this.processes
			.java("--daemon", "--management.endpoint.daemon.show-values=always", "--sample.secret-password=hunter2",
					"--db.password", "hunter3")
			.jvmOptions("-Dsample.api-token=abc")
			.run();
		assertThat(start.exitCode()).isZero();
		long pid = this.processes.pid();
		SampleAppClient client = new SampleAppClient(start.port());
		HttpResponse<String> response = client.get("/actuator/daemon");
		assertThat(response.statusCode()).isEqualTo(200);
		DocumentContext daemon = JsonPath.parse(response.body());
		assertThat(daemon.read("$.pid", Long.class)).isEqualTo(pid);
		assertThat(daemon.read("$.detached", Boolean.class)).isTrue();
		assertThat(daemon.read("$.pidFile", String.class)).isEqualTo(this.processes.pidFile().toString());
		assertThat(daemon.read("$.pidFileLocked", Boolean.class)).isTrue();
		assertThat(daemon.read("$.logFile", String.class)).isEqualTo(this.processes.logFile().toString());
		assertThat(daemon.read("$.workers.ticker.state", String.class)).isEqualTo("RUNNING");
		assertThat(daemon.read("$.commandLine", List.class)).contains("-Dsample.api-token=******",
				"--sample.secret-password=******", "--db.password", "******", "--server.port=0",
				"--management.endpoint.daemon.show-values=always", "-jar", this.processes.jar().toString());
		assertThat(response.body()).doesNotContain("hunter2", "hunter3", "=abc");
		HttpResponse<String> health = client.get("/actuator/health/daemon");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(JsonPath.parse(health.body()).read("$.status", String.class)).isEqualTo("UP");
		HttpResponse<String> restart = post(start.port(), "/actuator/daemon/ticker", "{\"action\":\"restart\"}");
		assertThat(restart.statusCode()).isEqualTo(200);
		await().atMost(DEADLINE)
			.until(() -> Files.readString(this.processes.logFile(), StandardCharsets.UTF_8)
				.contains("Worker 'ticker' restarted (restart 1)"));
		assertThat(JsonPath.parse(client.get("/actuator/daemon/ticker").body()).read("$.restarts", Integer.class))
			.isOne();
	}

	private static HttpResponse<String> post(int port, String path, String json) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.timeout(DEADLINE)
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

}
