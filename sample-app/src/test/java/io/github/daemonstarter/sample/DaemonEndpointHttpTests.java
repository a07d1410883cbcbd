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
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the {@code daemon} actuator endpoint of the sample application over HTTP, with
 * the sample's own access settings (writes allowed, from loopback only), through a real
 * port and through MockMvc for requests from other addresses.
 *
 * @author Daemon Starter Team
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "management.endpoint.daemon.show-values=always")
@AutoConfigureMockMvc
class DaemonEndpointHttpTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	@Value("${local.server.port}")
	private int port;

	@Test
	void getDaemonDescribesProcessAndWorkers() throws Exception {
		HttpResponse<String> response = get("/actuator/daemon");
		assertThat(response.statusCode()).isEqualTo(200);
		DocumentContext daemon = JsonPath.parse(response.body());
		assertThat(daemon.read("$.pid", Long.class)).isEqualTo(ProcessHandle.current().pid());
		assertThat(daemon.read("$.uptime", String.class)).startsWith("PT");
		assertThat(daemon.read("$.startedAt", String.class)).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
		assertThat(daemon.read("$.javaVersion", String.class)).isEqualTo(System.getProperty("java.version"));
		assertThat(daemon.read("$.detached", Boolean.class)).isFalse();
		assertThat(daemon.read("$.commandLine[0]", String.class)).contains("java");
		assertThat(daemon.read("$.parentPid", Long.class))
			.isEqualTo(ProcessHandle.current().parent().map(ProcessHandle::pid).orElseThrow());
		// Null fields are left out of the JSON
		Map<String, Object> fields = daemon.read("$");
		assertThat(fields.get("pidFile")).as("no PID file outside daemon mode").isNull();
		assertThat(fields.get("pidFileLocked")).isNull();
		assertThat(fields.get("supervisor")).as("no supervisor").isNull();
		assertThat(daemon.read("$.workers.ticker.state", String.class)).isIn("STARTING", "RUNNING");
		assertThat(daemon.read("$.workers.ticker.restarts", Integer.class)).isNotNegative();
		assertThat(daemon.read("$.workers.ticker.critical", Boolean.class)).isFalse();
		Map<String, Object> flaky = daemon.read("$.workers.flaky");
		assertThat(flaky).containsKeys("state", "restarts", "critical", "policy")
			.doesNotContainKeys("lastFailure", "nextRestartAt");
		assertThat(daemon.read("$.workers.flaky.runningSince", String.class)).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
		assertThat(daemon.read("$.workers.ticker.policy.mode", String.class)).isEqualTo("ON_FAILURE");
		assertThat(daemon.read("$.workers.ticker.policy.maxRestarts", Integer.class)).isEqualTo(10);
		assertThat(daemon.read("$.workers.flaky.policy.maxRestarts", Integer.class)).isEqualTo(-1);
	}

	@Test
	void getDaemonMasksSecretsOnTheCommandLineEvenWhenValuesAreShown() throws Exception {
		// Surefire starts this JVM with -Dsample.api-token=surefire-secret (see the pom)
		HttpResponse<String> response = get("/actuator/daemon");
		List<String> commandLine = JsonPath.parse(response.body()).read("$.commandLine");
		assertThat(commandLine).contains("-Dsample.api-token=******", "--enable-native-access=ALL-UNNAMED");
		assertThat(response.body()).doesNotContain("surefire-secret");
	}

	@Test
	void getWorkerDescribesWorker() throws Exception {
		HttpResponse<String> response = get("/actuator/daemon/ticker");
		assertThat(response.statusCode()).isEqualTo(200);
		DocumentContext ticker = JsonPath.parse(response.body());
		assertThat(ticker.read("$.critical", Boolean.class)).isFalse();
		assertThat(ticker.read("$.policy.mode", String.class)).isEqualTo("ON_FAILURE");
		assertThat(ticker.read("$.policy.initialDelay", String.class)).isEqualTo("PT1S");
	}

	@Test
	void getWorkerWhenUnknownReturnsNotFound() throws Exception {
		assertThat(get("/actuator/daemon/nosuchworker").statusCode()).isEqualTo(404);
	}

	@Test
	void postRestartRestartsWorker() throws Exception {
		int before = restarts("ticker");
		HttpResponse<String> response = post("/actuator/daemon/ticker", "{\"action\":\"restart\"}");
		assertThat(response.statusCode()).isEqualTo(200);
		Awaitility.await().atMost(TIMEOUT).untilAsserted(() -> assertThat(restarts("ticker")).isEqualTo(before + 1));
	}

	@Test
	void postWhenWorkerIsUnknownReturnsNotFound() throws Exception {
		assertThat(post("/actuator/daemon/nosuchworker", "{\"action\":\"restart\"}").statusCode()).isEqualTo(404);
	}

	@Test
	void postWhenActionIsUnknownReturnsBadRequest() throws Exception {
		HttpResponse<String> response = post("/actuator/daemon/ticker", "{\"action\":\"pause\"}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(JsonPath.parse(response.body()).read("$.message", String.class))
			.isEqualTo("Unknown action 'pause', expected one of restart, stop, start");
	}

	@Test
	void postFromOtherAddressIsForbiddenAndDoesNotReachEndpoint(@Autowired MockMvcTester mvc) throws Exception {
		int before = restarts("ticker");
		MvcTestResult result = postAction(mvc, "stop", "10.0.0.5");
		assertThat(result).hasStatus(HttpStatus.FORBIDDEN)
			.bodyText()
			.isEqualTo("Actuator writes are allowed from loopback addresses only\n");
		assertThat(result.getMvcResult().getHandler()).isNull();
		assertThat(JsonPath.parse(get("/actuator/daemon/ticker").body()).read("$.state", String.class))
			.isNotEqualTo("STOPPED");
		assertThat(restarts("ticker")).isEqualTo(before);
	}

	@Test
	void getFromOtherAddressIsAllowed(@Autowired MockMvcTester mvc) {
		assertThat(mvc.get().uri("/actuator/daemon/ticker").with(remoteAddress("10.0.0.5"))).hasStatusOk()
			.bodyJson()
			.extractingPath("$.policy.mode")
			.isEqualTo("ON_FAILURE");
	}

	@Test
	void postFromLoopbackReachesEndpoint(@Autowired MockMvcTester mvc) {
		MvcTestResult result = postAction(mvc, "start", "127.0.0.1");
		assertThat(result).hasStatusOk().bodyJson().extractingPath("$.policy.mode").isEqualTo("ON_FAILURE");
		assertThat(result.getMvcResult().getHandler()).isNotNull();
	}

	private static MvcTestResult postAction(MockMvcTester mvc, String action, String remoteAddress) {
		return mvc.post()
			.uri("/actuator/daemon/ticker")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"action\":\"" + action + "\"}")
			.with(remoteAddress(remoteAddress))
			.exchange();
	}

	private static RequestPostProcessor remoteAddress(String address) {
		return (request) -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	private int restarts(String worker) throws Exception {
		return JsonPath.parse(get("/actuator/daemon/" + worker).body()).read("$.restarts", Integer.class);
	}

	private HttpResponse<String> get(String path) throws Exception {
		return send(HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT).GET().build());
	}

	private HttpResponse<String> post(String path, String json) throws Exception {
		return send(HttpRequest.newBuilder(uri(path))
			.timeout(TIMEOUT)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	private HttpResponse<String> send(HttpRequest request) throws Exception {
		return this.client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
