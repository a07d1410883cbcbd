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

package io.github.daemonstarter.launch;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JvmRefusal}, with what HotSpot 17 and 25 write when they refuse to
 * start.
 *
 * @author Daemon Starter Team
 */
class JvmRefusalTests {

	private static final String CANNOT_CREATE = "Error: Could not create the Java Virtual Machine.";

	private static final String FATAL = "Error: A fatal exception has occurred. Program will exit.";

	@Test
	void findReturnsTheLineBeforeTheJvmCouldNotBeCreated() {
		assertThat(JvmRefusal.find(List.of("Unrecognized VM option 'NoSuchOption'", CANNOT_CREATE, FATAL)))
			.isEqualTo("Unrecognized VM option 'NoSuchOption'");
		assertThat(JvmRefusal.find(List.of("Invalid maximum heap size: -Xmx256q", CANNOT_CREATE, FATAL)))
			.isEqualTo("Invalid maximum heap size: -Xmx256q");
		assertThat(JvmRefusal.find(List.of("Unrecognized option: -foo", CANNOT_CREATE, FATAL)))
			.isEqualTo("Unrecognized option: -foo");
	}

	@Test
	void findJoinsAReasonOfSeveralLines() {
		assertThat(JvmRefusal.find(List.of(
				"Error: VM option 'PrintAssembly' is diagnostic and must be enabled via -XX:+UnlockDiagnosticVMOptions.",
				"Error: The unlock option must precede 'PrintAssembly'.",
				"Improperly specified VM option 'PrintAssembly'", CANNOT_CREATE, FATAL)))
			.isEqualTo("Error: VM option 'PrintAssembly' is diagnostic and must be enabled via "
					+ "-XX:+UnlockDiagnosticVMOptions. Error: The unlock option must precede 'PrintAssembly'. "
					+ "Improperly specified VM option 'PrintAssembly'");
	}

	@Test
	void findWhenInitializationFailedReturnsTheLinesAroundIt() {
		assertThat(JvmRefusal.find(List.of("Error opening zip file or JAR manifest missing : /opt/agent.jar",
				"Error occurred during initialization of VM", "agent library failed to init: instrument")))
			.isEqualTo("Error opening zip file or JAR manifest missing : /opt/agent.jar; "
					+ "agent library failed to init: instrument");
	}

	@Test
	void findSkipsLogLinesAndTheNoteOfPickedUpOptions() {
		assertThat(JvmRefusal.find(List.of("2026-12-07T06:40:00.000Z  INFO 4242 --- [shop] : Supervisor started",
				"Picked up JAVA_TOOL_OPTIONS: -Dfile.encoding=UTF-8", "Unrecognized VM option 'NoSuchOption'",
				"2026-12-07T06:40:00.100Z  INFO 4242 --- [shop] : Started shop (pid 4243)", CANNOT_CREATE, FATAL)))
			.isEqualTo("Unrecognized VM option 'NoSuchOption'");
	}

	@Test
	void findReturnsTheLastRefusal() {
		assertThat(JvmRefusal.find(List.of("Unrecognized VM option 'First'", CANNOT_CREATE, FATAL,
				"Unrecognized VM option 'Second'", CANNOT_CREATE, FATAL)))
			.isEqualTo("Unrecognized VM option 'Second'");
	}

	@Test
	void findWhenTheReasonIsMissingReturnsTheMarker() {
		assertThat(JvmRefusal.find(List.of(CANNOT_CREATE, FATAL))).isEqualTo(CANNOT_CREATE);
	}

	@Test
	void findWhenTheJvmDidNotRefuseReturnsNull() {
		assertThat(JvmRefusal.find(List.of())).isNull();
		assertThat(JvmRefusal.find(List.of("2026-12-07T06:40:00.000Z ERROR 4242 --- [shop] : Application run failed",
				"java.lang.IllegalStateException: Simulated startup failure", "",
				"Error: Could not find or load main class com.example.Missing")))
			.isNull();
	}

	@Test
	void describeWithJvmOptionsNamesTheSettingAndItsFix() {
		assertThat(JvmRefusal.describe("Unrecognized VM option 'NoSuchOption'", List.of("-XX:+NoSuchOption")))
			.isEqualTo("its JVM refused daemon.jvm-options [-XX:+NoSuchOption]: Unrecognized VM option "
					+ "'NoSuchOption'; fix daemon.jvm-options");
	}

	@Test
	void describeWithoutJvmOptionsNamesNoSetting() {
		assertThat(JvmRefusal.describe("Invalid maximum heap size: -Xmx1q", List.of()))
			.isEqualTo("its JVM refused to start: Invalid maximum heap size: -Xmx1q");
	}

}
