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

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for the cases where the application stays in the foreground: without
 * {@code --daemon} it runs as plain Spring Boot, and under a service manager
 * {@code --daemon} does not detach.
 *
 * @author Daemon Starter Team
 */
@EnabledOnOs(OS.LINUX)
class ForegroundIntegrationTests {

	private static final Duration JVM_START = Duration.ofSeconds(60);

	@RegisterExtension
	final SampleAppProcesses processes = new SampleAppProcesses();

	@Test
	void withoutDaemonArgumentRunsAsPlainSpringBoot() throws Exception {
		SampleAppProcesses.Running application = this.processes.java().start();
		awaitStarted(application);
		long pid = application.process().pid();
		assertThat(new SampleAppClient(SampleAppClient.portLoggedIn(application.out())).pid()).isEqualTo(pid);
		assertThat(application.process().children()).as("child processes").isEmpty();
		assertThat(LinuxProcess.of(pid).threadNames()).as("threads")
			.isNotEmpty()
			.noneMatch((name) -> name.startsWith("daemon-"));
		assertThat(read(application.out())).doesNotContain("Started sample-app");
		assertThat(read(application.err())).isEmpty();
		try (var files = Files.list(this.processes.directory())) {
			assertThat(files.map((file) -> file.getFileName().toString())).as("files written")
				.allMatch((name) -> name.startsWith("command-"));
		}
	}

	@ParameterizedTest
	@CsvSource({ "INVOCATION_ID, x", "NOTIFY_SOCKET, /nonexistent" })
	void daemonArgumentUnderServiceManagerRunsInForeground(String variable, String value) throws Exception {
		SampleAppProcesses.Running application = this.processes.java("--daemon").env(variable, value).start();
		awaitStarted(application);
		long pid = application.process().pid();
		assertThat(read(application.err())).contains(
				"Running sample-app in the foreground: it was started by a service manager (" + variable + " is set)");
		assertThat(new SampleAppClient(SampleAppClient.portLoggedIn(application.out())).pid()).isEqualTo(pid);
		assertThat(application.process().children()).as("child processes").isEmpty();
		assertThat(this.processes.pid()).as("PID in PID file").isEqualTo(pid);
		assertThat(application.process().isAlive()).isTrue();
	}

	private static void awaitStarted(SampleAppProcesses.Running application) {
		await().atMost(JVM_START).until(() -> {
			assertThat(application.process().isAlive()).as("application alive; stderr: %s", read(application.err()))
				.isTrue();
			return read(application.out()).contains("Started SampleApplication in");
		});
	}

	private static String read(Path file) throws Exception {
		return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
	}

}
