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

package io.github.daemonstarter.actuate.endpoint;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.github.daemonstarter.actuate.endpoint.DaemonEndpoint.DaemonDescriptor;
import io.github.daemonstarter.actuate.endpoint.DaemonEndpoint.WorkerDescriptor;
import io.github.daemonstarter.pid.PidFile;
import io.github.daemonstarter.pid.PidFileLock;
import io.github.daemonstarter.posix.Posix;
import io.github.daemonstarter.restart.RestartMode;
import io.github.daemonstarter.restart.RestartPolicy;
import io.github.daemonstarter.watchdog.Watchdog;
import io.github.daemonstarter.watchdog.WorkerFailure;
import io.github.daemonstarter.watchdog.WorkerSnapshot;
import io.github.daemonstarter.watchdog.WorkerState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.Sanitizer;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link DaemonEndpoint}.
 *
 * @author Daemon Starter Team
 */
class DaemonEndpointTests {

	private static final Instant FAILED_AT = Instant.parse("2026-11-21T10:00:00Z");

	private static final List<String> COMMAND_LINE = List.of("/usr/bin/java", "-Dapp.secret=s3cr3t", "-Xmx64m", "-jar",
			"app.jar", "--sample.password=hunter2", "--server.port=8080");

	private final MockEnvironment environment = new MockEnvironment();

	private final Watchdog watchdog = mock(Watchdog.class);

	@Test
	void daemonDescribesThisProcess() {
		this.environment.setProperty("logging.file.name", "/var/log/app.log");
		DaemonDescriptor descriptor = endpoint(Show.ALWAYS).daemon(SecurityContext.NONE);
		assertThat(descriptor.pid()).isEqualTo(ProcessHandle.current().pid());
		assertThat(descriptor.parentPid()).isEqualTo(ProcessHandle.current().parent().get().pid());
		assertThat(descriptor.startedAt()).isBefore(Instant.now());
		assertThat(descriptor.uptime()).startsWith("PT");
		assertThat(descriptor.javaVersion()).isEqualTo(System.getProperty("java.version"));
		assertThat(descriptor.pidFile()).isNull();
		assertThat(descriptor.pidFileLocked()).isNull();
		assertThat(descriptor.logFile()).isEqualTo("/var/log/app.log");
		assertThat(descriptor.detached()).isFalse();
		assertThat(descriptor.supervisor()).isNull();
		assertThat(descriptor.workers()).isEmpty();
	}

	@Test
	void daemonWhenPidFileIsNotLockedReportsItUnlocked() {
		this.environment.setProperty("spring.pid.file", "/nonexistent/app.pid");
		DaemonDescriptor descriptor = endpoint(Show.ALWAYS).daemon(SecurityContext.NONE);
		assertThat(descriptor.pidFile()).isEqualTo("/nonexistent/app.pid");
		assertThat(descriptor.pidFileLocked()).isFalse();
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void daemonWhenThisProcessLocksPidFileReportsItLocked(@TempDir Path directory) {
		Path path = directory.resolve("app.pid");
		PidFileLock lock = new PidFile(Posix.get(), path).lock();
		try {
			this.environment.setProperty("spring.pid.file", path.toString());
			assertThat(endpoint(Show.ALWAYS).daemon(SecurityContext.NONE).pidFileLocked()).isTrue();
		}
		finally {
			lock.release();
		}
	}

	@Test
	void daemonDescribesWorkersByName() {
		givenWorkers();
		DaemonDescriptor descriptor = endpoint(Show.ALWAYS).daemon(SecurityContext.NONE);
		assertThat(descriptor.workers()).containsOnlyKeys("orders", "billing");
		WorkerDescriptor orders = descriptor.workers().get("orders");
		assertThat(orders.state()).isEqualTo("BACKOFF");
		assertThat(orders.restarts()).isEqualTo(2);
		assertThat(orders.critical()).isTrue();
		assertThat(orders.nextRestartAt()).isEqualTo(FAILED_AT.plusSeconds(4));
		assertThat(orders.lastFailure().type()).isEqualTo("java.lang.IllegalStateException");
		assertThat(orders.lastFailure().message()).isEqualTo("boom");
		assertThat(orders.lastFailure().at()).isEqualTo(FAILED_AT);
		assertThat(orders.policy().mode()).isEqualTo("ALWAYS");
		assertThat(orders.policy().initialDelay()).isEqualTo("PT1S");
		assertThat(orders.policy().multiplier()).isEqualTo(2.0);
		assertThat(orders.policy().maxDelay()).isEqualTo("PT30S");
		assertThat(orders.policy().jitter()).isEqualTo(0.1);
		assertThat(orders.policy().maxRestarts()).isEqualTo(5);
		assertThat(orders.policy().window()).isEqualTo("PT10M");
		assertThat(orders.policy().resetAfter()).isEqualTo("PT1M");
		WorkerDescriptor billing = descriptor.workers().get("billing");
		assertThat(billing.state()).isEqualTo("RUNNING");
		assertThat(billing.runningSince()).isEqualTo(FAILED_AT);
		assertThat(billing.lastFailure()).isNull();
	}

	@Test
	void workerReturnsOneWorker() {
		givenWorkers();
		assertThat(endpoint(Show.ALWAYS).worker("orders").restarts()).isEqualTo(2);
	}

	@Test
	void workerWhenUnknownReturnsNull() {
		givenWorkers();
		assertThat(endpoint(Show.ALWAYS).worker("shipping")).isNull();
	}

	@Test
	void workerWithoutWatchdogReturnsNull() {
		DaemonEndpoint endpoint = new DaemonEndpoint(this.environment, null, new Sanitizer(), Show.ALWAYS, Set.of(),
				() -> COMMAND_LINE);
		assertThat(endpoint.worker("orders")).isNull();
		assertThat(endpoint.daemon(SecurityContext.NONE).workers()).isEmpty();
		assertThat(endpoint.action("orders", "restart")).isNull();
	}

	@Test
	void actionRestartRestartsWorker() {
		givenWorkers();
		given(this.watchdog.restartWorker("orders")).willReturn(true);
		assertThat(endpoint(Show.ALWAYS).action("orders", "restart").restarts()).isEqualTo(2);
		then(this.watchdog).should().restartWorker("orders");
	}

	@Test
	void actionStopStopsWorker() {
		givenWorkers();
		given(this.watchdog.stopWorker("orders")).willReturn(true);
		assertThat(endpoint(Show.ALWAYS).action("orders", "stop")).isNotNull();
		then(this.watchdog).should().stopWorker("orders");
	}

	@Test
	void actionStartStartsWorker() {
		givenWorkers();
		given(this.watchdog.startWorker("orders")).willReturn(true);
		assertThat(endpoint(Show.ALWAYS).action("orders", "start")).isNotNull();
		then(this.watchdog).should().startWorker("orders");
	}

	@Test
	void actionWhenWorkerIsUnknownReturnsNull() {
		givenWorkers();
		assertThat(endpoint(Show.ALWAYS).action("shipping", "restart")).isNull();
	}

	@Test
	void actionWhenActionIsUnknownThrowsExceptionListingActions() {
		givenWorkers();
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> endpoint(Show.ALWAYS).action("orders", "pause"))
			.withMessage("Unknown action 'pause', expected one of restart, stop, start")
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(ex.getMessage()));
		then(this.watchdog).shouldHaveNoInteractions();
	}

	@Test
	void commandLineWhenShowValuesIsNeverMasksAllOptionValues() {
		assertThat(endpoint(Show.NEVER).daemon(SecurityContext.NONE).commandLine()).containsExactly("/usr/bin/java",
				"-Dapp.secret=******", "-Xmx64m", "-jar", "app.jar", "--sample.password=******",
				"--server.port=******");
	}

	@Test
	void commandLineWhenShowValuesIsAlwaysMasksSensitiveValues() {
		assertThat(endpoint(Show.ALWAYS).daemon(SecurityContext.NONE).commandLine()).containsExactly("/usr/bin/java",
				"-Dapp.secret=******", "-Xmx64m", "-jar", "app.jar", "--sample.password=******", "--server.port=8080");
	}

	@Test
	void commandLineWhenShowValuesIsWhenAuthorizedAndUnauthenticatedMasksAllOptionValues() {
		assertThat(endpoint(Show.WHEN_AUTHORIZED).daemon(SecurityContext.NONE).commandLine())
			.contains("--server.port=******");
	}

	@Test
	void commandLineAppliesSanitizingFunctions() {
		Sanitizer sanitizer = new Sanitizer(List.of(SanitizingFunction.sanitizeValue().ifKeyEquals("server.port")));
		DaemonEndpoint endpoint = new DaemonEndpoint(this.environment, this.watchdog, sanitizer, Show.ALWAYS, Set.of(),
				() -> COMMAND_LINE);
		assertThat(endpoint.daemon(SecurityContext.NONE).commandLine()).contains("--server.port=******",
				"-Dapp.secret=s3cr3t");
	}

	@Test
	void commandLineWhenShowValuesIsAlwaysMasksSensitiveValuesOfSeparateOptionValues() {
		List<String> commandLine = List.of("/usr/bin/java", "-cp", "/opt/app/lib", "-Xmx64m", "com.example.Main",
				"--spring.datasource.password", "hunter2", "-password", "hunter3", "--server.port", "8080", "--verbose",
				"--api-token", "abc", "plain");
		assertThat(commandLine(Show.ALWAYS, commandLine)).containsExactly("/usr/bin/java", "-cp", "/opt/app/lib",
				"-Xmx64m", "com.example.Main", "--spring.datasource.password", "******", "-password", "******",
				"--server.port", "8080", "--verbose", "--api-token", "******", "plain");
	}

	@Test
	void commandLineWhenShowValuesIsNeverMasksSeparateOptionValuesButNotJvmOptionValues() {
		List<String> commandLine = List.of("/usr/bin/java", "--add-opens", "java.base/java.io=ALL-UNNAMED", "-jar",
				"app.jar", "--server.port", "8080", "-v", "--name=x");
		assertThat(commandLine(Show.NEVER, commandLine)).containsExactly("/usr/bin/java", "--add-opens",
				"java.base/java.io=ALL-UNNAMED", "-jar", "app.jar", "--server.port", "******", "-v", "--name=******");
	}

	@Test
	void commandLineWhenLaunchedAsModuleMasksSeparateOptionValuesAfterTheModule() {
		List<String> commandLine = List.of("/usr/bin/java", "-p", "/opt/mods", "-m", "app/com.example.Main",
				"--db.password", "hunter3");
		assertThat(commandLine(Show.ALWAYS, commandLine)).containsExactly("/usr/bin/java", "-p", "/opt/mods", "-m",
				"app/com.example.Main", "--db.password", "******");
	}

	@Test
	void commandLineAfterArgumentFileMasksSeparateOptionValues() {
		List<String> commandLine = List.of("/usr/bin/java", "@/opt/app/jvm.args", "--db.password", "hunter3");
		assertThat(commandLine(Show.ALWAYS, commandLine)).containsExactly("/usr/bin/java", "@/opt/app/jvm.args",
				"--db.password", "******");
	}

	@Test
	void commandLineWhenOptionIsFollowedByOptionMasksNothingOfTheFirst() {
		List<String> commandLine = List.of("/usr/bin/java", "-jar", "app.jar", "--password", "--db.password",
				"hunter3");
		assertThat(commandLine(Show.ALWAYS, commandLine)).containsExactly("/usr/bin/java", "-jar", "app.jar",
				"--password", "--db.password", "******");
	}

	@Test
	void jvmOptionsAreTheConfiguredOnesWithSensitiveValuesMasked() {
		this.environment.withProperty("daemon.jvm-options", "-Xmx256m, -Dsample.password=hunter2,-Dsample.x=y");
		assertThat(endpoint(Show.ALWAYS).daemon(SecurityContext.NONE).jvmOptions()).containsExactly("-Xmx256m",
				"-Dsample.password=******", "-Dsample.x=y");
	}

	@Test
	void jvmOptionsWhenShowValuesIsNeverMaskEverySystemPropertyValue() {
		this.environment.withProperty("daemon.jvm-options[0]", "-Xmx256m")
			.withProperty("daemon.jvm-options[1]", "-Dsample.x=y");
		assertThat(endpoint(Show.NEVER).daemon(SecurityContext.NONE).jvmOptions()).containsExactly("-Xmx256m",
				"-Dsample.x=******");
	}

	@Test
	void jvmOptionsWhenNoneAreConfiguredAreEmpty() {
		assertThat(endpoint(Show.ALWAYS).daemon(SecurityContext.NONE).jvmOptions()).isEmpty();
	}

	@Test
	void commandLineByDefaultIsThisProcessCommandLine() {
		DaemonEndpoint endpoint = new DaemonEndpoint(this.environment, null, new Sanitizer(), Show.ALWAYS, Set.of());
		assertThat(endpoint.daemon(SecurityContext.NONE).commandLine()).isNotEmpty();
	}

	private DaemonEndpoint endpoint(Show show) {
		Sanitizer sanitizer = new Sanitizer(List.of(SanitizingFunction.sanitizeValue().ifLikelySensitive()));
		return new DaemonEndpoint(this.environment, this.watchdog, sanitizer, show, Set.of(), () -> COMMAND_LINE);
	}

	private List<String> commandLine(Show show, List<String> commandLine) {
		Sanitizer sanitizer = new Sanitizer(List.of(SanitizingFunction.sanitizeValue().ifLikelySensitive()));
		return new DaemonEndpoint(this.environment, this.watchdog, sanitizer, show, Set.of(), () -> commandLine)
			.daemon(SecurityContext.NONE)
			.commandLine();
	}

	private void givenWorkers() {
		WorkerSnapshot orders = new WorkerSnapshot("orders", WorkerState.BACKOFF, true, 2, null,
				FAILED_AT.plusSeconds(4), new WorkerFailure("java.lang.IllegalStateException", "boom", FAILED_AT));
		WorkerSnapshot billing = new WorkerSnapshot("billing", WorkerState.RUNNING, false, 0, FAILED_AT, null, null);
		given(this.watchdog.getWorkers()).willReturn(List.of(orders, billing));
		given(this.watchdog.getWorker("orders")).willReturn(orders);
		given(this.watchdog.getWorker("billing")).willReturn(billing);
		given(this.watchdog.getRestartPolicy("orders"))
			.willReturn(RestartPolicy.builder().mode(RestartMode.ALWAYS).maxRestarts(5).build());
		given(this.watchdog.getRestartPolicy("billing")).willReturn(RestartPolicy.ofDefaults());
	}

}
