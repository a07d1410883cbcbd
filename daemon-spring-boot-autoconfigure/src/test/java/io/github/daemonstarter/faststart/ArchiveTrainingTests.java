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

package io.github.daemonstarter.faststart;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import io.github.daemonstarter.launch.jvm.RelaunchCommand;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ArchiveTraining}, with a script in place of java that records its
 * arguments and writes the archive that it is asked for, as a training run does: under a
 * umask of 000, and a part of it before a failure.
 *
 * @author Daemon Starter Team
 */
class ArchiveTrainingTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final String SCRIPT = """
			#!/bin/sh
			umask 000
			printf '%s\\n' "$@" > "$(dirname "$0")/arguments"
			case "$*" in
			  *--slow*) : > "$(dirname "$0")/started"; exec sleep 60 ;;
			  *--spawn*) sleep 60 & echo $! > "$(dirname "$0")/spawned"; wait; exit 0 ;;
			esac
			for argument in "$@"; do
			  case "$argument" in
			    -XX:ArchiveClassesAtExit=*) output="${argument#-XX:ArchiveClassesAtExit=}" ;;
			  esac
			done
			case "$*" in
			  *--no-archive*) exit 0 ;;
			esac
			head -c 100 "$(dirname "$0")/archive" > "$output"
			case "$*" in
			  *--fail*) echo "Application run failed"; exit 3 ;;
			esac
			cat "$(dirname "$0")/archive" > "$output"
			""";

	@TempDir
	Path directory;

	private Path java;

	private CacheEntry entry;

	@BeforeEach
	void setUp() throws IOException {
		Path bin = Files.createDirectories(this.directory.resolve("jdk/bin"));
		this.java = Files.writeString(bin.resolve("java"), SCRIPT);
		Files.setPosixFilePermissions(this.java, PosixFilePermissions.fromString("rwxr-xr-x"));
		Files.write(bin.resolve("archive"), CacheEntryTests.archiveContent());
		Path entryDirectory = this.directory.resolve("0123456789abcdef");
		Files.createDirectories(entryDirectory.resolve("app"));
		Files.writeString(entryDirectory.resolve("app/shop.jar"), "the application");
		this.entry = new CacheEntry(entryDirectory, "shop.jar", ArchiveKind.CDS);
	}

	@Test
	void trainRunsTheExtractedJarWithTheSameOptionsAndArgumentsAndMovesTheArchiveIntoPlace() throws Exception {
		assertThat(training("--server.port=0", "two words").train()).isTrue();
		assertThat(arguments()).containsExactly("-Xmx64m",
				"-XX:ArchiveClassesAtExit=" + this.entry.getDirectory()
					.resolve("training-" + ProcessHandle.current().pid() + "-archive.jsa"),
				"-Dspring.context.exit=onRefresh", "-jar", this.entry.getJar().toString(), "--server.port=0",
				"two words");
		assertThat(this.entry.hasArchive()).isTrue();
		assertThat(new CacheSafety((Integer) Files.getAttribute(this.directory, "unix:uid"))
			.problem(this.entry.getArchive())).isNull();
		assertThat(trainingFiles()).isEmpty();
		assertThat(training().hasFailed()).isFalse();
	}

	@Test
	void trainWhenArchiveExistsReturnsFalseWithoutARun() throws Exception {
		Files.copy(this.java.resolveSibling("archive"), this.entry.getArchive());
		assertThat(training().train()).isFalse();
		assertThat(this.java.resolveSibling("arguments")).doesNotExist();
	}

	@Test
	void trainWhenAnotherJvmTrainsReturnsFalseAtOnce() throws Exception {
		try (LockHolder other = LockHolder.start(this.entry.getDirectory().resolve("training.lock"), this.directory)) {
			assertThat(training().train()).isFalse();
		}
		assertThat(this.java.resolveSibling("arguments")).doesNotExist();
	}

	@Test
	void awaitOrTrainWhenAnotherJvmTrainsWaitsForItAndKeepsTheArchiveItLeft() throws Exception {
		AtomicBoolean waiting = new AtomicBoolean();
		CompletableFuture<Boolean> trained;
		try (LockHolder other = LockHolder.start(this.entry.getDirectory().resolve("training.lock"), this.directory)) {
			trained = CompletableFuture.supplyAsync(() -> awaitOrTrain(training(), waiting));
			await().atMost(TIMEOUT).untilTrue(waiting);
			assertThat(trained).isNotDone();
			Files.copy(this.java.resolveSibling("archive"), this.entry.getArchive());
		}
		assertThat(trained.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isFalse();
		assertThat(this.java.resolveSibling("arguments")).doesNotExist();
	}

	@Test
	void awaitOrTrainWhenAnotherJvmStopsTrainingWithoutAnArchiveTrainsItself() throws Exception {
		AtomicBoolean waiting = new AtomicBoolean();
		CompletableFuture<Boolean> trained;
		try (LockHolder other = LockHolder.start(this.entry.getDirectory().resolve("training.lock"), this.directory)) {
			trained = CompletableFuture.supplyAsync(() -> awaitOrTrain(training(), waiting));
			await().atMost(TIMEOUT).untilTrue(waiting);
		}
		assertThat(trained.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(this.entry.hasArchive()).isTrue();
	}

	@Test
	void awaitOrTrainWhenNoOtherJvmTrainsTrainsWithoutWaiting() throws Exception {
		AtomicBoolean waiting = new AtomicBoolean();
		assertThat(awaitOrTrain(training(), waiting)).isTrue();
		assertThat(waiting).isFalse();
	}

	@Test
	void stopDuringTheRunEndsItWithoutRecordingAFailure() throws Exception {
		ArchiveTraining training = training("--slow");
		CompletableFuture<Exception> ended = trainInTheBackground(training);
		await().atMost(TIMEOUT).until(() -> Files.exists(this.java.resolveSibling("started")));
		training.stop();
		assertThat(ended.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class)
			.hasMessage("the training was stopped");
		assertThat(training.hasFailed()).isFalse();
		assertThat(trainingFiles()).isEmpty();
	}

	@Test
	void stopAlsoKillsWhatTheRunStarted() throws Exception {
		ArchiveTraining training = training("--spawn");
		CompletableFuture<Exception> ended = trainInTheBackground(training);
		Path spawned = this.java.resolveSibling("spawned");
		await().atMost(TIMEOUT).until(() -> Files.exists(spawned) && !Files.readString(spawned).isBlank());
		long pid = Long.parseLong(Files.readString(spawned).trim());
		try {
			training.stop();
			assertThat(ended.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
			await().atMost(TIMEOUT)
				.until(() -> ProcessHandle.of(pid).map((process) -> !process.isAlive()).orElse(true));
		}
		finally {
			ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
		}
	}

	@Test
	void trainRemovesWhatKilledTrainingsLeftAndAnEarlierFailure() throws Exception {
		Path directory = this.entry.getDirectory();
		Files.writeString(directory.resolve("training-1-archive.jsa"), "half an archive");
		Files.writeString(directory.resolve("training-1-archive.aot.config"), "a configuration");
		Files.writeString(directory.resolve(ArchiveTraining.FAILED), "the training run exited with status 3");
		ArchiveTraining training = training();
		assertThat(training.train()).isTrue();
		assertThat(directory.resolve("training-1-archive.jsa")).doesNotExist();
		assertThat(directory.resolve("training-1-archive.aot.config")).doesNotExist();
		assertThat(training.hasFailed()).isFalse();
		assertThat(this.entry.hasArchive()).isTrue();
	}

	@Test
	void trainAfterStopRunsNothing() throws Exception {
		ArchiveTraining training = training();
		training.stop();
		assertThatExceptionOfType(InterruptedException.class).isThrownBy(training::train);
		assertThat(this.java.resolveSibling("arguments")).doesNotExist();
		assertThat(training.hasFailed()).isFalse();
	}

	@Test
	void parentDeathSignalKillsTheRunThroughSetprivWhereItCan() {
		List<String> arguments = TrainingProcess.parentDeathSignal();
		if (!arguments.isEmpty()) {
			assertThat(arguments.get(0)).endsWith("/setpriv");
			assertThat(arguments.subList(1, arguments.size())).containsExactly("--pdeathsig", "KILL");
		}
	}

	@Test
	void trainWhenRunFailsThrowsExceptionNamingTheLogAndRecordsTheFailure() throws Exception {
		ArchiveTraining training = training("--fail");
		Path log = this.entry.getDirectory().resolve(ArchiveTraining.LOG);
		assertThatIOException().isThrownBy(training::train)
			.withMessage("the training run exited with status 3; see " + log);
		assertThat(log).content().contains("Application run failed");
		assertThat(training.hasFailed()).isTrue();
		assertThat(this.entry.getDirectory().resolve(ArchiveTraining.FAILED)).content()
			.contains("exited with status 3");
		assertThat(this.entry.getArchive()).doesNotExist();
		assertThat(trainingFiles()).isEmpty();
	}

	@Test
	void trainWhenRunLeavesNoArchiveThrowsException() throws Exception {
		ArchiveTraining training = training("--no-archive");
		assertThatIOException().isThrownBy(training::train).withMessage("the training run left no archive");
		assertThat(training.hasFailed()).isTrue();
	}

	@Test
	void ofRunsTheCommandsJavaAndOptionsWithoutThoseThatChooseAnArchive() throws Exception {
		RelaunchCommand command = RelaunchCommand.of(this.java.toString(),
				List.of("-Xmx64m", "-XX:SharedArchiveFile=/elsewhere/archive.jsa", "-jar", "/opt/shop.jar", "--daemon"),
				new String[] { "--daemon" }, this.directory);
		assertThat(ArchiveTraining.of(this.entry, command, List.of("--server.port=0")).train()).isTrue();
		assertThat(arguments()).containsExactly("-Xmx64m",
				"-XX:ArchiveClassesAtExit=" + this.entry.getDirectory()
					.resolve("training-" + ProcessHandle.current().pid() + "-archive.jsa"),
				"-Dspring.context.exit=onRefresh", "-jar", this.entry.getJar().toString(), "--server.port=0");
	}

	@Test
	void asUserRunsTheTrainingThroughThePrefixWithTheUsersHomeAndGivesWhatItWritesToTheUser() throws Exception {
		Path asUser = Files.writeString(this.java.resolveSibling("as-user"), """
				#!/bin/sh
				printf '%s\\n' "$@" > "$(dirname "$0")/switched"
				printf 'HOME=%s\\n' "$HOME" >> "$(dirname "$0")/switched"
				shift
				exec "$@"
				""");
		Files.setPosixFilePermissions(asUser, PosixFilePermissions.fromString("rwxr-xr-x"));
		List<Path> owned = new ArrayList<>();
		ArchiveTraining training = training("--fail").asUser(List.of(asUser.toString(), "--"), owned::add,
				(environment) -> environment.put("HOME", "/home/shop"));
		assertThatIOException().isThrownBy(training::train);
		List<String> switched = Files.readAllLines(asUser.resolveSibling("switched"));
		// The parent death signal is set after the switch of user, which would clear it
		List<String> expected = new ArrayList<>(List.of("--"));
		expected.addAll(TrainingProcess.parentDeathSignal());
		expected.addAll(List.of(this.java.toString(), "-Xmx64m"));
		assertThat(switched).startsWith(expected.toArray(String[]::new)).endsWith("HOME=/home/shop");
		Path directory = this.entry.getDirectory();
		assertThat(owned).containsExactlyInAnyOrder(directory.resolve("training.lock"),
				directory.resolve(ArchiveTraining.LOG), directory.resolve(ArchiveTraining.FAILED));
	}

	private static CompletableFuture<Exception> trainInTheBackground(ArchiveTraining training) {
		return CompletableFuture.supplyAsync(() -> {
			try {
				training.train();
				return null;
			}
			catch (IOException | InterruptedException ex) {
				return ex;
			}
		});
	}

	private static boolean awaitOrTrain(ArchiveTraining training, AtomicBoolean waiting) {
		try {
			return training.awaitOrTrain(() -> waiting.set(true));
		}
		catch (IOException | InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private ArchiveTraining training(String... applicationArguments) {
		return new ArchiveTraining(this.entry, List.of(this.java.toString(), "-Xmx64m"), List.of(applicationArguments));
	}

	private List<String> arguments() throws IOException {
		return Files.readAllLines(this.java.resolveSibling("arguments"));
	}

	private List<Path> trainingFiles() throws IOException {
		try (Stream<Path> files = Files.list(this.entry.getDirectory())) {
			return files
				.filter((file) -> file.getFileName().toString().startsWith("training-" + ProcessHandle.current().pid()))
				.toList();
		}
	}

	/**
	 * Another JVM that holds a file lock, as a JVM that trains holds the training lock,
	 * until it is closed. A lock of this JVM would not do: a JVM's locks do not exclude
	 * each other, they overlap.
	 */
	private static final class LockHolder implements AutoCloseable {

		private static final String SOURCE = """
				import java.nio.channels.FileChannel;
				import java.nio.file.Path;
				import java.nio.file.StandardOpenOption;

				public class HoldLock {

					public static void main(String[] arguments) throws Exception {
						try (FileChannel channel = FileChannel.open(Path.of(arguments[0]), StandardOpenOption.CREATE,
								StandardOpenOption.WRITE)) {
							channel.lock();
							System.out.println("locked");
							System.in.read();
						}
					}

				}
				""";

		private final Process process;

		private LockHolder(Process process) {
			this.process = process;
		}

		static LockHolder start(Path file, Path directory) throws IOException {
			Path source = Files.writeString(directory.resolve("HoldLock.java"), SOURCE);
			String java = ProcessHandle.current().info().command().orElseThrow();
			Process process = new ProcessBuilder(java, source.toString(), file.toString())
				.redirectError(ProcessBuilder.Redirect.INHERIT)
				.start();
			LockHolder holder = new LockHolder(process);
			try {
				BufferedReader output = new BufferedReader(
						new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
				assertThat(output.readLine()).isEqualTo("locked");
			}
			catch (IOException | AssertionError ex) {
				holder.close();
				throw ex;
			}
			return holder;
		}

		@Override
		public void close() throws IOException {
			try {
				this.process.getOutputStream().close();
				if (!this.process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
					this.process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.process.destroyForcibly();
			}
		}

	}

}
