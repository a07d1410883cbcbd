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
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import io.github.daemonstarter.ExitStatus;
import io.github.daemonstarter.watchdog.Watchdog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for the watchdog against the real sample application and its two
 * workers, {@code ticker} and {@code flaky}: restarts with backoff, giving up, health and
 * liveness, hang detection, exit on give-up, stop order and a crash, each seen from
 * outside through the log, HTTP, the PID file and exit statuses.
 * <p>
 * The tests that check an exit status run the application in the foreground
 * ({@code --daemon=run}), where it is the test's child; a detached daemon's status is
 * visible to nobody.
 *
 * @author Daemon Starter Team
 */
@EnabledOnOs(OS.LINUX)
class WatchdogIntegrationTests {

	private static final Duration DEADLINE = Duration.ofSeconds(60);

	private static final String FLAKY = "--daemon.watchdog.workers.flaky.";

	private static final String PROBES = "--management.endpoint.health.probes.enabled=true";

	private static final String SHOW_COMPONENTS = "--management.endpoint.health.show-components=always";

	@RegisterExtension
	final SampleAppProcesses processes = new SampleAppProcesses();

	@Test
	void failingWorkerRestartsWithGrowingDelaysThenGivesUpAndHealthIsDown() throws Exception {
		SampleAppProcesses.Result start = this.processes
			.java("--daemon", "--sample.flaky.fail-after=200ms", "--sample.flaky.failure=exception",
					FLAKY + "restart.initial-delay=200ms", FLAKY + "restart.multiplier=2", FLAKY + "restart.jitter=0",
					FLAKY + "restart.max-restarts=3", FLAKY + "restart.window=1m", PROBES, SHOW_COMPONENTS)
			.run();
		assertThat(start.exitCode()).isZero();
		awaitLogged(this.processes.logFile(), "Worker 'flaky' gave up");
		List<LogLine> log = LogLine.read(this.processes.logFile());
		List<LogLine> failures = LogLine.matching(log, "Worker 'flaky' failed; restarting in (\\d+)ms");
		List<LogLine> restarts = LogLine.matching(log, "Worker 'flaky' restarted \\(restart (\\d+)\\)");
		assertThat(failures).extracting(LogLine::level).containsOnly("WARN");
		assertThat(failures).extracting((line) -> line.group(1)).containsExactly("200", "400", "800");
		assertThat(restarts).extracting((line) -> line.group(1)).containsExactly("1", "2", "3");
		for (int i = 0; i < restarts.size(); i++) {
			Duration announced = Duration.ofMillis(Long.parseLong(failures.get(i).group(1)));
			assertThat(Duration.between(failures.get(i).time(), restarts.get(i).time()))
				.as("delay before restart %d", i + 1)
				.isGreaterThanOrEqualTo(announced);
		}
		Duration firstGap = Duration.between(restarts.get(0).time(), restarts.get(1).time());
		Duration secondGap = Duration.between(restarts.get(1).time(), restarts.get(2).time());
		System.out.println("Gaps between restarts: " + firstGap.toMillis() + " ms, " + secondGap.toMillis() + " ms");
		assertThat(secondGap).as("gap between restarts 2 and 3").isGreaterThan(firstGap);
		assertThat(LogLine.matching(log, "Flaky worker run (\\d+) starting")).extracting((line) -> line.group(1))
			.containsExactly("1", "2", "3", "4");
		assertThat(LogLine.matching(log, "Worker 'flaky' failed; not restarting")).hasSize(1);
		assertThat(LogLine.matching(log,
				"Worker 'flaky' gave up: it restarted 3 times within 1m.*"
						+ "Last failure: java.lang.IllegalStateException: Simulated failure of flaky worker run 4"))
			.singleElement()
			.extracting(LogLine::level)
			.isEqualTo("ERROR");
		SampleAppClient client = new SampleAppClient(start.port());
		HttpResponse<String> health = client.get("/actuator/health");
		assertThat(health.statusCode()).as("health: %s", health.body()).isEqualTo(503);
		assertThat(jsonValue(health, "$.status")).isEqualTo("DOWN");
		assertThat(jsonValue(health, "$.components.watchdog.status")).isEqualTo("DOWN");
		assertThat(jsonValue(health, "$.components.livenessState.status")).as("liveness of a non-critical worker")
			.isEqualTo("UP");
		assertThat(client.healthStatus("/actuator/health/liveness")).isEqualTo("UP");
		assertThat(LinuxProcess.of(this.processes.pid()).isRunning()).as("daemon running").isTrue();
		assertStatusShowsWorkersOnTerminalOnly();
	}

	private void assertStatusShowsWorkersOnTerminalOnly() throws Exception {
		SampleAppProcesses.Result onTerminal = this.processes.java("--daemon=status").onTerminal().run();
		assertThat(onTerminal.exitCode()).isZero();
		List<String> lines = onTerminal.out().lines().map(String::strip).toList();
		assertThat(lines).first()
			.asString()
			.matches("sample-app is running, degraded: worker flaky gave up \\d+s ago \\(not critical\\) \\(pid "
					+ this.processes.pid() + ", .*");
		assertThat(lines).anySatisfy((line) -> assertThat(line).matches("WORKER +STATE +RESTARTS +LAST FAILURE"));
		assertThat(lines).anySatisfy((line) -> assertThat(line).matches("ticker +running for \\d+s +0 +-"));
		assertThat(lines).anySatisfy((line) -> assertThat(line).matches("flaky +failed +3 +\\d+s ago: "
				+ "java.lang.IllegalStateException: Simulated failure of flaky worker run 4.*"));
		SampleAppProcesses.Result piped = this.processes.java("--daemon=status").run();
		assertThat(piped.exitCode()).isZero();
		assertThat(piped.out().lines()).as("status without a terminal")
			.singleElement()
			.asString()
			.startsWith("sample-app is running, degraded: worker flaky gave up ");
	}

	@Test
	void criticalWorkerThatGivesUpBreaksLiveness() throws Exception {
		SampleAppProcesses.Result start = this.processes
			.java("--daemon", "--sample.flaky.fail-after=0s", FLAKY + "critical=true", FLAKY + "restart.max-restarts=0",
					PROBES, SHOW_COMPONENTS)
			.run();
		assertThat(start.exitCode()).isZero();
		awaitLogged(this.processes.logFile(), "Critical worker 'flaky' gave up: the application is broken");
		SampleAppClient client = new SampleAppClient(start.port());
		await().atMost(DEADLINE).untilAsserted(() -> {
			HttpResponse<String> liveness = client.get("/actuator/health/liveness");
			assertThat(liveness.statusCode()).as("liveness: %s", liveness.body()).isEqualTo(503);
			assertThat(jsonValue(liveness, "$.status")).isEqualTo("DOWN");
		});
		HttpResponse<String> health = client.get("/actuator/health");
		assertThat(health.statusCode()).as("health: %s", health.body()).isEqualTo(503);
		assertThat(jsonValue(health, "$.components.livenessState.status")).isEqualTo("DOWN");
		assertThat(jsonValue(health, "$.components.watchdog.status")).isEqualTo("DOWN");
		assertThat(LinuxProcess.of(this.processes.pid()).isRunning()).as("daemon running").isTrue();
	}

	@Test
	void hungWorkerIsRestartedAndCriticalWorkerThatGivesUpEndsTheJvmWithStatus75() throws Exception {
		SampleAppProcesses.Running application = this.processes
			.java("--daemon=run", "--sample.flaky.fail-after=200ms", "--sample.flaky.failure=hang",
					"--sample.flaky.heartbeat-interval=100ms", FLAKY + "heartbeat-timeout=1s",
					FLAKY + "restart.initial-delay=200ms", FLAKY + "restart.jitter=0", FLAKY + "restart.max-restarts=1",
					FLAKY + "critical=true", "--daemon.watchdog.on-give-up=exit")
			.start();
		SampleAppProcesses.Result result = application.await();
		assertThat(result.exitCode()).isEqualTo(Watchdog.GIVE_UP_EXIT_STATUS);
		List<LogLine> log = LogLine.read(application.out());
		assertInOrder(log, "Flaky worker run 1 hangs", "Worker 'flaky' sent no heartbeat for",
				"Flaky worker stopping (run 1)", "Worker 'flaky' failed; restarting in 200ms",
				"Worker 'flaky' restarted (restart 1)", "Flaky worker run 2 starting", "Flaky worker run 2 hangs",
				"Worker 'flaky' sent no heartbeat for", "Worker 'flaky' gave up",
				"Critical worker 'flaky' gave up: closing the application and exiting with status 75");
		LogLine hang = LogLine.matching(log, "Flaky worker run 1 hangs").get(0);
		LogLine detected = LogLine.matching(log, "Worker 'flaky' sent no heartbeat for ").get(0);
		assertThat(detected.level()).isEqualTo("WARN");
		assertThat(Duration.between(hang.time(), detected.time())).as("time to detect the hang")
			.isGreaterThanOrEqualTo(Duration.ofMillis(900));
		assertThat(result.out()).contains("io.github.daemonstarter.watchdog.WorkerHangException")
			.contains("Graceful shutdown complete");
		assertThat(this.processes.pidFile()).doesNotExist();
	}

	@Test
	void stopEndsWorkersInReverseStartOrderBeforeTheWebServer() throws Exception {
		SampleAppProcesses.Result start = this.processes
			.java("--daemon", "--sample.ticker.heartbeat-interval=100ms", "--sample.ticker.log-interval=200ms")
			.run();
		assertThat(start.exitCode()).isZero();
		long pid = this.processes.pid();
		awaitLogged(this.processes.logFile(), "Tick 1: running for");
		awaitLogged(this.processes.logFile(), "Flaky worker run 1 starting, failing in 30s with exception");
		SampleAppProcesses.Result stop = this.processes.java("--daemon=stop", "--daemon.stop-timeout=30s").run();
		assertThat(stop.exitCode()).isZero();
		assertThat(stop.out()).startsWith("Stopped sample-app (pid " + pid + ") in ");
		assertThat(LinuxProcess.of(pid).isRunning()).as("daemon running").isFalse();
		assertThat(this.processes.pidFile()).doesNotExist();
		List<LogLine> log = LogLine.read(this.processes.logFile());
		assertInOrder(log, "Watchdog started 2 worker(s): ticker, flaky", "Flaky worker stopping (run 1)",
				"Ticker stopping", "Commencing graceful shutdown", "Graceful shutdown complete");
		assertThat(log).extracting(LogLine::message)
			.noneMatch((message) -> message.contains("did not stop within"))
			.noneMatch((message) -> message.contains("Worker 'flaky' failed"));
	}

	@Test
	void crashingWorkerHaltsTheJvmWithStatus70AndLeavesItsPidFile() throws Exception {
		SampleAppProcesses.Running application = this.processes
			.java("--daemon=run", "--sample.flaky.fail-after=1s", "--sample.flaky.failure=crash")
			.start();
		SampleAppProcesses.Result result = application.await();
		assertThat(result.exitCode()).isEqualTo(70);
		long pid = application.process().pid();
		assertInOrder(LogLine.read(application.out()), "Started SampleApplication",
				"Flaky worker run 1 halts the JVM with status 70 (sample.flaky.failure=crash)");
		assertThat(result.out()).as("shutdown hooks skipped").doesNotContain("Commencing graceful shutdown");
		assertThat(this.processes.pid()).as("PID in PID file").isEqualTo(pid);
		SampleAppProcesses.Result status = this.processes.java("--daemon=status").run();
		assertThat(status.exitCode()).isEqualTo(ExitStatus.FAILURE);
		assertThat(status.out()).isEqualTo("sample-app is not running, but its PID file remains: PID file "
				+ this.processes.pidFile() + " names pid " + pid + ", which is gone\n");
	}

	private static void awaitLogged(Path logFile, String text) {
		await().alias("'" + text + "' in " + logFile)
			.atMost(DEADLINE)
			.until(() -> Files.exists(logFile) && Files.readString(logFile, StandardCharsets.UTF_8).contains(text));
	}

	private static void assertInOrder(List<LogLine> log, String... fragments) {
		List<String> messages = log.stream().map(LogLine::message).toList();
		int from = 0;
		for (String fragment : fragments) {
			int found = indexOf(messages, from, (message) -> message.contains(fragment));
			assertThat(found).as("'%s' logged after line %d of:%n%s", fragment, from, String.join("\n", messages))
				.isNotNegative();
			from = found + 1;
		}
	}

	private static int indexOf(List<String> messages, int from, Predicate<String> condition) {
		for (int i = from; i < messages.size(); i++) {
			if (condition.test(messages.get(i))) {
				return i;
			}
		}
		return -1;
	}

	private static String jsonValue(HttpResponse<String> response, String path) {
		return JsonPath.read(response.body(), path);
	}

	/**
	 * A line of Spring Boot's console log format.
	 *
	 * @param time when it was logged
	 * @param level its level, such as {@code WARN}
	 * @param message the message
	 * @param matcher the matcher of a pattern it matched, if any
	 */
	private record LogLine(Instant time, String level, String message, Matcher matcher) {

		private static final Pattern FORMAT = Pattern
			.compile("^(\\d{4}-\\d{2}-\\d{2}T\\S+)\\s+([A-Z]+) \\d+ --- \\[[^]]*\\] \\[[^]]*\\] \\S+\\s+: (.*)$");

		static List<LogLine> read(Path file) throws IOException {
			List<LogLine> lines = new ArrayList<>();
			for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
				Matcher matcher = FORMAT.matcher(line);
				if (matcher.matches()) {
					lines.add(new LogLine(OffsetDateTime.parse(matcher.group(1)).toInstant(), matcher.group(2),
							matcher.group(3), matcher));
				}
			}
			return lines;
		}

		/**
		 * Return the lines whose message contains a match of the given regular
		 * expression.
		 * @param log the lines
		 * @param regex the regular expression
		 * @return the matching lines, each with its groups
		 */
		static List<LogLine> matching(List<LogLine> log, String regex) {
			Pattern pattern = Pattern.compile(regex);
			List<LogLine> matching = new ArrayList<>();
			for (LogLine line : log) {
				Matcher matcher = pattern.matcher(line.message());
				if (matcher.find()) {
					matching.add(new LogLine(line.time(), line.level(), line.message(), matcher));
				}
			}
			return matching;
		}

		String group(int group) {
			return this.matcher.group(group);
		}

	}

}
