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

package io.github.daemonstarter.posix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ProcessState}.
 *
 * @author Daemon Starter Team
 */
class ProcessStateTests {

	@Test
	void commandLineOfThisProcessIsProgramAndArguments() {
		ProcessHandle.Info info = ProcessHandle.current().info();
		List<String> commandLine = ProcessState.commandLine(ProcessHandle.current().pid()).orElseThrow();
		assertThat(commandLine.get(0)).contains("java");
		assertThat(commandLine.subList(1, commandLine.size())).containsExactly(info.arguments().orElseThrow());
	}

	@Test
	void commandLineKeepsEmptyAndLongArguments() throws Exception {
		String longArgument = "x".repeat(5000);
		List<String> command = List.of("sh", "-c", "sleep 300; :", "sh", "", longArgument, "");
		Process process = new ProcessBuilder(command).start();
		try {
			await().atMost(Duration.ofSeconds(30)).until(() -> ProcessState.commandLine(process.pid()).isPresent());
			assertThat(ProcessState.commandLine(process.pid())).hasValue(command);
		}
		finally {
			process.destroyForcibly();
			process.waitFor(30, TimeUnit.SECONDS);
		}
	}

	@Test
	void commandLineWhenProcessIsGoneReturnsEmpty() throws Exception {
		Process process = new ProcessBuilder("true").start();
		assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
		await().atMost(Duration.ofSeconds(10)).until(() -> ProcessState.commandLine(process.pid()).isEmpty());
	}

	@Test
	void commandLineWhenNotPositiveReturnsEmpty() {
		assertThat(ProcessState.commandLine(0)).isEmpty();
	}

	@Test
	void parseCommandLineKeepsEmptyArgumentsAndDropsTheTrailingTerminator() {
		byte[] commandLine = "java\0-jar\0app.jar\0--daemon\0\0b\0\0".getBytes(StandardCharsets.UTF_8);
		assertThat(ProcessState.parseCommandLine(commandLine, StandardCharsets.UTF_8)).containsExactly("java", "-jar",
				"app.jar", "--daemon", "", "b", "");
	}

	@Test
	void parseCommandLineKeepsUnterminatedLastArgument() {
		byte[] commandLine = "java\0-version".getBytes(StandardCharsets.UTF_8);
		assertThat(ProcessState.parseCommandLine(commandLine, StandardCharsets.UTF_8)).containsExactly("java",
				"-version");
	}

	@Test
	void parseCommandLineDecodesWithGivenCharset() {
		byte[] commandLine = "java\0ünï ✓\0".getBytes(StandardCharsets.UTF_8);
		assertThat(ProcessState.parseCommandLine(commandLine, StandardCharsets.UTF_8)).containsExactly("java", "ünï ✓");
	}

	@Test
	void parseCommandLineWhenEmptyReturnsNoArguments() {
		assertThat(ProcessState.parseCommandLine(new byte[0], StandardCharsets.UTF_8)).isEmpty();
	}

	@Test
	void isRunningWhenThisProcessReturnsTrue() {
		assertThat(ProcessState.isRunning(ProcessHandle.current().pid())).isTrue();
	}

	@Test
	void isSessionLeaderWhenProcessSharesItsParentsSessionReturnsFalse() {
		assertThat(ProcessState.isSessionLeader(ProcessHandle.current().pid())).isFalse();
	}

	@Test
	void sessionIdOfAChildIsItsParents() throws Exception {
		Process child = new ProcessBuilder("sleep", "300").start();
		try {
			long self = ProcessHandle.current().pid();
			assertThat(ProcessState.sessionId(self)).isPresent();
			assertThat(ProcessState.sessionId(child.pid())).isEqualTo(ProcessState.sessionId(self));
		}
		finally {
			child.destroyForcibly();
		}
	}

	@Test
	void sessionIdWhenProcessIsGoneReturnsEmpty() {
		assertThat(ProcessState.sessionId(Long.MAX_VALUE)).isEmpty();
	}

	@Test
	void isSessionLeaderWhenStartedThroughSetsidReturnsTrue() throws Exception {
		Process process = new ProcessBuilder("setsid", "sleep", "300").start();
		try {
			await().atMost(Duration.ofSeconds(30))
				.until(() -> ProcessState.isRunning(process.pid()) && isSleeping(process.pid()));
			assertThat(ProcessState.isSessionLeader(process.pid())).isTrue();
			assertThat(ProcessState.sessionId(process.pid())).hasValue(process.pid());
		}
		finally {
			process.destroyForcibly();
			process.waitFor(30, TimeUnit.SECONDS);
		}
	}

	@Test
	void isDetachedWhenProcessSharesItsParentsSessionReturnsFalse() {
		assertThat(ProcessState.isDetached(ProcessHandle.current().pid())).isFalse();
	}

	@Test
	void isDetachedWhenStartedThroughSetsidReturnsTrue() throws Exception {
		Process process = new ProcessBuilder("setsid", "sleep", "300").start();
		try {
			await().atMost(Duration.ofSeconds(30))
				.until(() -> ProcessState.isRunning(process.pid()) && isSleeping(process.pid()));
			assertThat(ProcessState.isDetached(process.pid())).isTrue();
		}
		finally {
			process.destroyForcibly();
			process.waitFor(30, TimeUnit.SECONDS);
		}
	}

	@Test
	void isDetachedWhenNotPositiveReturnsFalse() {
		assertThat(ProcessState.isDetached(0)).isFalse();
	}

	private static boolean isSleeping(long pid) throws IOException {
		return Files.readString(Path.of("/proc", Long.toString(pid), "comm")).strip().equals("sleep");
	}

	@Test
	void isRunningWhenNotPositiveReturnsFalse() {
		assertThat(ProcessState.isRunning(0)).isFalse();
		assertThat(ProcessState.isRunning(-1)).isFalse();
	}

	@Test
	void isRunningWhenProcessIsGoneReturnsFalse() throws Exception {
		Process process = new ProcessBuilder("true").start();
		assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
		await().atMost(Duration.ofSeconds(10)).until(() -> !ProcessState.isRunning(process.pid()));
	}

	@Test
	void isRunningWhenZombieReturnsFalse() throws Exception {
		Process shell = new ProcessBuilder("sh", "-c", "true & exec sleep 300").start();
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> zombieChild(shell.pid()) != null);
			long zombie = zombieChild(shell.pid());
			assertThat(ProcessHandle.of(zombie)).isPresent();
			assertThat(ProcessState.isRunning(zombie)).isFalse();
		}
		finally {
			shell.destroyForcibly();
		}
	}

	@Test
	void startTimeOfAChildIsNotBeforeItsParents() throws Exception {
		Process child = new ProcessBuilder("sleep", "300").start();
		try {
			long self = ProcessHandle.current().pid();
			assertThat(ProcessState.startTime(self)).isPresent();
			assertThat(ProcessState.startTime(child.pid()).orElseThrow())
				.isGreaterThanOrEqualTo(ProcessState.startTime(self).orElseThrow());
		}
		finally {
			child.destroyForcibly();
		}
	}

	@Test
	void startTimeWhenProcessIsGoneReturnsEmpty() throws Exception {
		Process process = new ProcessBuilder("true").start();
		assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
		await().atMost(Duration.ofSeconds(10)).until(() -> ProcessState.startTime(process.pid()).isEmpty());
	}

	@Test
	void environmentVariableReadsTheEnvironmentAProcessWasStartedWith() throws Exception {
		ProcessBuilder builder = new ProcessBuilder("sleep", "300");
		builder.environment().put("DAEMON_TEST_VARIABLE", "a=b c");
		builder.environment().put("DAEMON_TEST_EMPTY", "");
		Process child = builder.start();
		try {
			assertThat(ProcessState.environmentVariable(child.pid(), "DAEMON_TEST_VARIABLE")).hasValue("a=b c");
			assertThat(ProcessState.environmentVariable(child.pid(), "DAEMON_TEST_EMPTY")).hasValue("");
			assertThat(ProcessState.environmentVariable(child.pid(), "DAEMON_TEST")).isEmpty();
		}
		finally {
			child.destroyForcibly();
		}
	}

	@Test
	void environmentVariableWhenNotPositiveReturnsEmpty() {
		assertThat(ProcessState.environmentVariable(0, "PATH")).isEmpty();
	}

	private static @Nullable Long zombieChild(long parent) {
		return ProcessHandle.allProcesses()
			.filter((process) -> process.parent().map(ProcessHandle::pid).orElse(-1L) == parent)
			.map(ProcessHandle::pid)
			.filter((pid) -> state(pid) == 'Z')
			.findFirst()
			.orElse(null);
	}

	private static char state(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			return stat.charAt(stat.lastIndexOf(')') + 2);
		}
		catch (IOException ex) {
			return '?';
		}
	}

}
