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

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration tests for {@code daemon.jvm-options}: options from an
 * {@code application.properties} in the working directory or from the command line reach
 * the daemon's JVM after the launcher's own options, the supervisor's application JVM but
 * not the supervisor's, and the units' {@code ExecStart=}; an option that the JVM refuses
 * fails the start in one line with the JVM's message, leaving nothing behind.
 *
 * @author Daemon Starter Team
 */
@EnabledOnOs(OS.LINUX)
class JvmOptionsIntegrationTests {

	private static final String SUPERVISED = "--daemon.supervisor.enabled=true";

	private static final String REFUSAL = "sample-app failed to start: its JVM refused daemon.jvm-options "
			+ "[-XX:+NoSuchOption]: Unrecognized VM option 'NoSuchOption'; fix daemon.jvm-options\n";

	@RegisterExtension
	final SampleAppProcesses processes = new SampleAppProcesses();

	@Test
	void optionsFromApplicationPropertiesReachTheDaemonAfterTheLaunchersOwn() throws Exception {
		properties("daemon.jvm-options=-Xmx200m,-Dsample.x=y,-Dsample.api-password=hunter2",
				"management.endpoint.daemon.show-values=always");
		SampleAppProcesses.Result start = this.processes.java("--daemon").jvmOptions("-Xmx100m").run();
		assertThat(start.exitCode()).isZero();
		List<String> commandLine = LinuxProcess.of(this.processes.pid()).commandLine();
		assertThat(commandLine).containsSubsequence("-Xmx100m", "-Xmx200m", "-Dsample.x=y",
				"-Dsample.api-password=hunter2", "-jar", this.processes.jar().toString());
		assertThat(commandLine.indexOf("-Dsample.x=y")).isEqualTo(commandLine.indexOf("-jar") - 2);
		HttpResponse<String> response = new SampleAppClient(start.port()).get("/actuator/daemon");
		DocumentContext daemon = JsonPath.parse(response.body());
		assertThat(daemon.read("$.jvmOptions", List.class)).containsExactly("-Xmx200m", "-Dsample.x=y",
				"-Dsample.api-password=******");
		assertThat(daemon.read("$.commandLine", List.class)).contains("-Xmx100m", "-Xmx200m", "-Dsample.x=y");
		assertThat(response.body()).doesNotContain("hunter2");
		assertThat(this.processes.java("--daemon=stop").run().exitCode()).isZero();
	}

	@Test
	void optionsReachTheSupervisorsApplicationJvmButNotTheSupervisor() throws Exception {
		SampleAppProcesses.Result start = this.processes
			.java("--daemon", SUPERVISED, "--daemon.jvm-options=-Xmx200m,-Dsample.x=y")
			.run();
		assertThat(start.exitCode()).isZero();
		List<String> supervisor = LinuxProcess.of(this.processes.pid()).commandLine();
		List<String> supervisorJvm = supervisor.subList(0, supervisor.indexOf("--"));
		assertThat(supervisorJvm).contains("-Xmx32m").doesNotContain("-Xmx200m", "-Dsample.x=y");
		List<String> application = LinuxProcess.of(this.processes.supervisedApplicationPid()).commandLine();
		assertThat(application).containsSubsequence(SampleAppProcesses.QUICK_START_OPTIONS.get(0), "-Xmx200m",
				"-Dsample.x=y", "-jar", this.processes.jar().toString());
		assertThat(this.processes.java("--daemon=stop").run().exitCode()).isZero();
	}

	@Test
	void optionThatTheJvmRefusesFailsTheStartInOneLine() throws Exception {
		properties("daemon.jvm-options=-XX:+NoSuchOption");
		SampleAppProcesses.Result start = this.processes.java("--daemon").run();
		assertRefused(start);
		assertThat(Files.readString(this.processes.logFile(), StandardCharsets.UTF_8))
			.contains("Unrecognized VM option 'NoSuchOption'");
	}

	@Test
	void optionThatTheSupervisorsApplicationJvmRefusesFailsTheStartInOneLine() throws Exception {
		properties("daemon.jvm-options=-XX:+NoSuchOption");
		SampleAppProcesses.Result start = this.processes.java("--daemon", SUPERVISED).run();
		assertRefused(start);
		assertThat(this.processes.directory()).isDirectoryNotContaining("glob:**.status");
	}

	@Test
	void entryThatChangesWhatTheJvmRunsFailsBeforeAnythingStarts() throws Exception {
		SampleAppProcesses.Result start = this.processes.java("--daemon", "--daemon.jvm-options=-Xmx200m,-jar").run();
		assertThat(start.exitCode()).isEqualTo(6);
		assertThat(start.out()).isEmpty();
		assertThat(start.err()).startsWith("Invalid value '-Xmx200m,-jar' for daemon.jvm-options")
			.contains("was '-jar'")
			.endsWith("; fix daemon.jvm-options\n")
			.hasLineCount(1);
		assertNothingLeft();
		assertThat(this.processes.logFile()).doesNotExist();
	}

	@Test
	void unitRunsTheServiceWithTheOptionsAndReloadsWithout() throws Exception {
		properties("daemon.jvm-options=-Xmx200m,-Dsample.x=y");
		SampleAppProcesses.Result unit = this.processes.java("--daemon=unit").run();
		assertThat(unit.exitCode()).isZero();
		String jar = " -jar " + this.processes.jar();
		assertThat(unit.out().lines().filter((line) -> line.startsWith("ExecStart="))).singleElement()
			.asString()
			.contains(String.join(" ", SampleAppProcesses.QUICK_START_OPTIONS) + " -Xmx200m -Dsample.x=y" + jar
					+ " --daemon=run");
		assertThat(unit.out().lines().filter((line) -> line.startsWith("ExecReload=")))
			.allSatisfy((line) -> assertThat(line).doesNotContain("-Xmx200m", "sample.x"));
	}

	@Test
	void unitWithFastStartPreparesOneEntryForTheServiceWithTheOptions() throws Exception {
		properties("daemon.jvm-options=-Xmx200m,-Dsample.x=y");
		Path cache = this.processes.directory().resolve("cache");
		SampleAppProcesses.Result unit = this.processes
			.java("--daemon=unit", "--daemon.fast-start.enabled=true", "--daemon.fast-start.directory=" + cache)
			.run();
		assertThat(unit.exitCode()).as(unit.err()).isZero();
		List<Path> entries;
		try (Stream<Path> children = Files.list(cache)) {
			entries = children.filter((child) -> child.getFileName().toString().matches("[0-9a-f]{16}")).toList();
		}
		assertThat(entries).hasSize(1);
		assertThat(unit.out().lines().filter((line) -> line.startsWith("ExecStart="))).singleElement()
			.asString()
			.contains(" BOOT_DAEMON_FAST_START=" + entries.get(0) + " ")
			.contains(" -Xmx200m -Dsample.x=y ");
		assertThat(unit.out().lines().filter((line) -> line.startsWith("ExecReload=")))
			.allSatisfy((line) -> assertThat(line).doesNotContain("-Xmx200m", "BOOT_DAEMON_FAST_START"));
	}

	private void properties(String... lines) throws Exception {
		Files.write(this.processes.directory().resolve("application.properties"), List.of(lines));
	}

	private void assertRefused(SampleAppProcesses.Result start) {
		assertThat(start.exitCode()).isEqualTo(1);
		assertThat(start.out()).isEmpty();
		assertThat(start.err()).isEqualTo(REFUSAL);
		assertNothingLeft();
	}

	private void assertNothingLeft() {
		assertThat(this.processes.markedProcesses()).as("processes left").isEmpty();
		assertThat(this.processes.pidFile()).doesNotExist();
		assertThat(this.processes.directory()).isDirectoryNotContaining("glob:**.pid");
	}

}
