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

package io.github.daemonstarter.supervisor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.github.daemonstarter.handover.HandoverPlan;
import io.github.daemonstarter.restart.RestartPolicy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link SupervisorSettings}.
 *
 * @author Daemon Starter Team
 */
class SupervisorSettingsTests {

	private static final List<String> COMMAND = List.of("/opt/java 17/bin/java", "-Dgreeting=a = b", "-jar", "app.jar",
			"", "--spring.application.name=my app", "--", "--pid-file=/not/an/option", " ");

	@Test
	void fromArgumentsReadsWhatToArgumentsWrites() {
		RestartPolicy policy = RestartPolicy.builder()
			.initialDelay(Duration.ofMillis(250))
			.multiplier(1.5)
			.maxDelay(Duration.ofSeconds(45))
			.jitter(0.25)
			.maxRestarts(7)
			.window(Duration.ofMinutes(3))
			.resetAfter(Duration.ofSeconds(20))
			.build();
		SupervisorSettings settings = new SupervisorSettings("my app=1", Path.of("/var/run/my app/app=1.pid"),
				Path.of("/var/run/my app/app=1.app.pid"), Duration.ofMillis(1500), policy, Set.of(0, 42), Set.of(70, 3),
				false, COMMAND);
		SupervisorSettings read = SupervisorSettings.fromArguments(settings.toArguments().toArray(new String[0]));
		assertThat(read.applicationName()).isEqualTo("my app=1");
		assertThat(read.pidFile()).isEqualTo(Path.of("/var/run/my app/app=1.pid"));
		assertThat(read.applicationPidFile()).isEqualTo(Path.of("/var/run/my app/app=1.app.pid"));
		assertThat(read.stopTimeout()).isEqualTo(Duration.ofMillis(1500));
		assertThat(read.policy()).hasToString(policy.toString());
		assertThat(read.restartExitCodes()).containsExactly(0, 42);
		assertThat(read.noRestartExitCodes()).containsExactly(3, 70);
		assertThat(read.prestart()).isFalse();
		assertThat(read.command()).isEqualTo(COMMAND);
		assertThat(read.toArguments()).isEqualTo(settings.toArguments());
	}

	@Test
	void toArgumentsWritesOptionsThenSeparatorThenCommand() {
		List<String> arguments = settings(List.of("sleep", "60")).toArguments();
		assertThat(arguments).startsWith("--application-name=demo", "--pid-file=/run/demo.pid",
				"--application-pid-file=/run/demo.app.pid", "--stop-timeout=PT1M");
		assertThat(arguments).contains("--min-uptime=PT1M", "--restart-exit-codes=", "--no-restart-exit-codes=",
				"--prestart=true");
		assertThat(arguments).endsWith("--", "sleep", "60");
	}

	@Test
	void fromArgumentsWithOnlyRequiredArgumentsUsesDefaults() {
		SupervisorSettings settings = SupervisorSettings.fromArguments(new String[] { "--application-name=demo",
				"--pid-file=/run/demo.pid", "--application-pid-file=/run/demo.app.pid", "--", "sleep", "60" });
		assertThat(settings.stopTimeout()).isEqualTo(Duration.ofSeconds(60));
		assertThat(settings.policy()).hasToString(RestartPolicy.ofDefaults().toString());
		assertThat(settings.restartExitCodes()).isEmpty();
		assertThat(settings.noRestartExitCodes()).isEmpty();
		assertThat(settings.prestart()).isTrue();
		assertThat(settings.command()).containsExactly("sleep", "60");
	}

	@Test
	void fromArgumentsReadsTheFastStartDirectoryThatToArgumentsWrites() {
		Path fastStart = Path.of("/var/run/my app/my app-fast-start");
		SupervisorSettings settings = new SupervisorSettings("demo", Path.of("/run/demo.pid"),
				Path.of("/run/demo.app.pid"), Duration.ofSeconds(60), RestartPolicy.ofDefaults(), Set.of(), Set.of(),
				true, COMMAND, null, Duration.ofSeconds(30), HandoverPlan.fromArgument("restart:it was not asked for"),
				fastStart);
		List<String> arguments = settings.toArguments();
		assertThat(arguments.subList(0, arguments.indexOf("--"))).contains("--fast-start=" + fastStart);
		SupervisorSettings read = SupervisorSettings.fromArguments(arguments.toArray(new String[0]));
		assertThat(read.fastStartDirectory()).isEqualTo(fastStart);
		assertThat(read.command()).isEqualTo(COMMAND);
		assertThat(read.toArguments()).isEqualTo(arguments);
	}

	@Test
	void fastStartDirectoryIsAbsentByDefault() {
		SupervisorSettings settings = settings(List.of("sleep", "60"));
		assertThat(settings.fastStartDirectory()).isNull();
		assertThat(settings.toArguments()).noneMatch((argument) -> argument.startsWith("--fast-start"));
		assertThat(fromArguments(List.of(), List.of("sleep", "60")).fastStartDirectory()).isNull();
	}

	@Test
	void fromArgumentsWithFastStartInTheCommandLeavesItToTheApplication() {
		SupervisorSettings settings = fromArguments(List.of(), List.of("java", "-jar", "app.jar", "--fast-start=/x"));
		assertThat(settings.fastStartDirectory()).isNull();
		assertThat(settings.command()).containsExactly("java", "-jar", "app.jar", "--fast-start=/x");
	}

	@Test
	void fromArgumentsWithoutSeparatorThrowsException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SupervisorSettings.fromArguments(new String[] { "--application-name=demo" }))
			.withMessageContaining("must end with '--' and the application's command");
	}

	@Test
	void fromArgumentsWithoutCommandThrowsException() {
		assertThatIllegalArgumentException().isThrownBy(() -> fromArguments(List.of(), List.of()))
			.withMessage("Missing application command after '--' in supervisor arguments");
	}

	@Test
	void fromArgumentsWithoutPidFileThrowsException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SupervisorSettings.fromArguments(new String[] { "--application-name=demo",
					"--application-pid-file=/run/demo.app.pid", "--", "sleep" }))
			.withMessage("Missing supervisor argument --pid-file=<value>");
	}

	@Test
	void fromArgumentsWithUnknownArgumentThrowsException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> fromArguments(List.of("--max-retries=3"), List.of("sleep")))
			.withMessage("Unknown supervisor argument '--max-retries=3'");
	}

	@Test
	void fromArgumentsWithArgumentWithoutValueThrowsException() {
		assertThatIllegalArgumentException().isThrownBy(() -> fromArguments(List.of("--window"), List.of("sleep")))
			.withMessage("Malformed supervisor argument '--window': expected --<key>=<value>");
	}

	@Test
	void fromArgumentsWithRepeatedArgumentThrowsException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> fromArguments(List.of("--window=PT1M", "--window=PT2M"), List.of("sleep")))
			.withMessage("Repeated supervisor argument --window");
	}

	@Test
	void fromArgumentsWithMalformedDurationNamesTheArgument() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> fromArguments(List.of("--stop-timeout=10s"), List.of("sleep")))
			.withMessageStartingWith("Invalid supervisor argument '--stop-timeout=10s': ");
	}

	@Test
	void fromArgumentsWithInvalidPolicyValueNamesTheArgument() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> fromArguments(List.of("--multiplier=0.5"), List.of("sleep")))
			.withMessage("Invalid supervisor argument '--multiplier=0.5': 'multiplier' must be at least 1, was 0.5");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> fromArguments(List.of("--max-restarts=many"), List.of("sleep")))
			.withMessageStartingWith("Invalid supervisor argument '--max-restarts=many': ");
	}

	@Test
	void fromArgumentsWithMaxDelayShorterThanInitialDelayNamesTheArgument() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> fromArguments(List.of("--initial-delay=PT10S", "--max-delay=PT5S"), List.of("sleep")))
			.withMessageStartingWith("Invalid supervisor argument '--max-delay=PT5S': 'maxDelay' (5s)");
	}

	@Test
	void fromArgumentsWithPrestartNeitherTrueNorFalseNamesTheArgument() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> fromArguments(List.of("--prestart=yes"), List.of("sleep")))
			.withMessage("Invalid supervisor argument '--prestart=yes': expected true or false");
	}

	@Test
	void fromArgumentsWithExitCodeOutOfRangeNamesTheArgument() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> fromArguments(List.of("--restart-exit-codes=1,256"), List.of("sleep")))
			.withMessage("Invalid supervisor argument '--restart-exit-codes=1,256': exit statuses range from 0 to 255");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> fromArguments(List.of("--no-restart-exit-codes=1,,2"), List.of("sleep")))
			.withMessageStartingWith("Invalid supervisor argument '--no-restart-exit-codes=1,,2': ");
	}

	@Test
	void fromArgumentsWithRelativePidFileThrowsException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SupervisorSettings.fromArguments(new String[] { "--application-name=demo",
					"--pid-file=demo.pid", "--application-pid-file=/run/demo.app.pid", "--", "sleep" }))
			.withMessage("Invalid supervisor argument '--pid-file=demo.pid': "
					+ "the supervisor's PID file must be an absolute path");
	}

	@Test
	void restartsAfterRestartsEveryStatusButCleanOnes() {
		SupervisorSettings settings = settings(List.of("sleep"));
		assertThat(settings.restartsAfter(0)).isFalse();
		assertThat(settings.restartsAfter(130)).isFalse();
		assertThat(settings.restartsAfter(143)).isFalse();
		assertThat(settings.restartsAfter(1)).isTrue();
		assertThat(settings.restartsAfter(70)).isTrue();
		assertThat(settings.restartsAfter(75)).isTrue();
		assertThat(settings.restartsAfter(137)).isTrue();
		assertThat(settings.restartsAfter(134)).isTrue();
	}

	@Test
	void restartsAfterWithRestartExitCodesRestartsCleanStatuses() {
		SupervisorSettings settings = settings(Set.of(0, 143), Set.of());
		assertThat(settings.restartsAfter(0)).isTrue();
		assertThat(settings.restartsAfter(143)).isTrue();
		assertThat(settings.restartsAfter(130)).isFalse();
	}

	@Test
	void restartsAfterWithNoRestartExitCodesDoesNotRestartThem() {
		SupervisorSettings settings = settings(Set.of(), Set.of(70, 137));
		assertThat(settings.restartsAfter(70)).isFalse();
		assertThat(settings.restartsAfter(137)).isFalse();
		assertThat(settings.restartsAfter(1)).isTrue();
	}

	@Test
	void restartsAfterWithStatusInBothSetsDoesNotRestart() {
		SupervisorSettings settings = settings(Set.of(70), Set.of(70));
		assertThat(settings.restartsAfter(70)).isFalse();
	}

	private static SupervisorSettings settings(List<String> command) {
		return new SupervisorSettings("demo", Path.of("/run/demo.pid"), Path.of("/run/demo.app.pid"),
				Duration.ofSeconds(60), RestartPolicy.ofDefaults(), Set.of(), Set.of(), true, command);
	}

	private static SupervisorSettings settings(Set<Integer> restartExitCodes, Set<Integer> noRestartExitCodes) {
		return new SupervisorSettings("demo", Path.of("/run/demo.pid"), Path.of("/run/demo.app.pid"),
				Duration.ofSeconds(60), RestartPolicy.ofDefaults(), restartExitCodes, noRestartExitCodes, true,
				List.of("sleep"));
	}

	private static SupervisorSettings fromArguments(List<String> options, List<String> command) {
		List<String> arguments = new ArrayList<>(List.of("--application-name=demo", "--pid-file=/run/demo.pid",
				"--application-pid-file=/run/demo.app.pid"));
		arguments.addAll(options);
		arguments.add("--");
		arguments.addAll(command);
		return SupervisorSettings.fromArguments(arguments.toArray(new String[0]));
	}

}
