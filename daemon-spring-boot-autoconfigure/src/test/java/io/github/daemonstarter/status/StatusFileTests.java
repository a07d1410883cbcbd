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

package io.github.daemonstarter.status;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link StatusFile}.
 *
 * @author Daemon Starter Team
 */
class StatusFileTests {

	private static final Duration DEADLINE = Duration.ofSeconds(10);

	@TempDir
	Path directory;

	@Test
	void besidePidFileReplacesThePidSuffix() {
		assertThat(StatusFile.besidePidFile(this.directory.resolve("app.pid")).getPath())
			.isEqualTo(this.directory.resolve("app.status"));
	}

	@Test
	void besidePidFileWithoutPidSuffixAppendsTheStatusSuffix() {
		assertThat(StatusFile.besidePidFile(this.directory.resolve("app")).getPath())
			.isEqualTo(this.directory.resolve("app.status"));
	}

	@Test
	void besidePidFileNamedOnlyPidSuffixAppendsTheStatusSuffix() {
		assertThat(StatusFile.besidePidFile(this.directory.resolve(".pid")).getPath())
			.isEqualTo(this.directory.resolve(".pid.status"));
	}

	@Test
	void writeThenReadReturnsTheEntriesInTheirOrder() {
		Map<String, String> entries = new LinkedHashMap<>();
		entries.put("zeta", "last letter first");
		entries.put("equals", "a=b=c");
		entries.put("colon", "type: message");
		entries.put("hash", "#not a comment");
		entries.put("bang", "!not a comment either");
		entries.put("spaces", "  leading and trailing  ");
		entries.put("newlines", "line 1\nline 2\r\nline 3");
		entries.put("unicode", "café ✓ 日本 😀");
		entries.put("empty", "");
		entries.put("key with = : # spaces", "value");
		entries.put("backslash", "C:\\path\\to");
		entries.put("alpha", "first letter last");
		StatusFile statusFile = new StatusFile(this.directory.resolve("app.status"));
		statusFile.write(entries);
		assertThat(statusFile.read()).containsExactlyEntriesOf(entries);
	}

	@Test
	void writeCreatesAFileReadableByOwnerAndGroupOnly() throws IOException {
		StatusFile statusFile = new StatusFile(this.directory.resolve("app.status"));
		statusFile.write(Map.of("pid", "42"));
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(statusFile.getPath())))
			.isEqualTo("rw-r-----");
	}

	@Test
	void writeReplacesTheFileAndLeavesNoTemporaryFileBehind() throws IOException {
		StatusFile statusFile = new StatusFile(this.directory.resolve("app.status"));
		statusFile.write(Map.of("first", "1", "shared", "old"));
		statusFile.write(Map.of("shared", "new"));
		assertThat(statusFile.read()).containsExactlyEntriesOf(Map.of("shared", "new"));
		try (Stream<Path> files = Files.list(this.directory)) {
			assertThat(files).containsExactly(statusFile.getPath());
		}
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(statusFile.getPath())))
			.isEqualTo("rw-r-----");
	}

	@Test
	void writeWhenDirectoryIsMissingThrowsExceptionNamingThePath() {
		Path path = this.directory.resolve("missing").resolve("app.status");
		StatusFile statusFile = new StatusFile(path);
		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> statusFile.write(Map.of("pid", "42")))
			.withMessage("Cannot write status file " + path);
		assertThat(this.directory.resolve("missing")).doesNotExist();
	}

	@Test
	void readWhenAbsentReturnsEmptyMap() {
		assertThat(new StatusFile(this.directory.resolve("app.status")).read()).isEmpty();
	}

	@Test
	void readOfASymbolicLinkToAStatusFileReturnsEmptyMap() throws IOException {
		StatusFile target = new StatusFile(this.directory.resolve("target.status"));
		target.write(Map.of("pid", "42"));
		assertThat(target.read()).containsEntry("pid", "42");
		Path link = Files.createSymbolicLink(this.directory.resolve("app.status"), target.getPath());
		assertThat(new StatusFile(link).read()).isEmpty();
	}

	@Test
	void readOfAFifoReturnsEmptyMapWithoutBlocking() throws Exception {
		Path fifo = this.directory.resolve("app.status");
		assumeThat(mkfifo(fifo)).as("mkfifo available").isTrue();
		StatusFile statusFile = new StatusFile(fifo);
		assertThat(await().atMost(DEADLINE).until(statusFile::read, (entries) -> true)).isEmpty();
	}

	@Test
	void readWhileAFifoIsSwappedInAndOutAtThePathNeverBlocks() throws Exception {
		Path path = this.directory.resolve("app.status");
		StatusFile regular = new StatusFile(this.directory.resolve("regular.status"));
		regular.write(Map.of("pid", "42"));
		Path fifo = this.directory.resolve("fifo");
		assumeThat(mkfifo(fifo)).as("mkfifo available").isTrue();
		Files.createLink(path, regular.getPath());
		AtomicBoolean done = new AtomicBoolean();
		ExecutorService executor = Executors.newFixedThreadPool(2);
		try {
			executor.submit(() -> swapUntilDone(path, fifo, regular.getPath(), done));
			Future<int[]> reads = executor.submit(() -> readWhileSwapped(new StatusFile(path), done));
			int[] outcomes = reads.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
			assertThat(outcomes[0]).as("reads of the regular file").isPositive();
			assertThat(outcomes[1]).as("reads that found the FIFO").isPositive();
		}
		finally {
			done.set(true);
			unblockReadersOf(fifo, executor);
		}
	}

	private static Void swapUntilDone(Path path, Path fifo, Path regular, AtomicBoolean done) throws IOException {
		Path link = path.resolveSibling("swap.tmp");
		while (!done.get()) {
			for (Path target : List.of(fifo, regular)) {
				Files.createLink(link, target);
				Files.move(link, path, StandardCopyOption.ATOMIC_MOVE);
			}
		}
		return null;
	}

	private static int[] readWhileSwapped(StatusFile statusFile, AtomicBoolean done) {
		int[] outcomes = new int[2];
		long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
		while (!done.get() && (System.nanoTime() < end || outcomes[0] == 0 || outcomes[1] == 0)) {
			outcomes[statusFile.read().isEmpty() ? 1 : 0]++;
		}
		return outcomes;
	}

	private static void unblockReadersOf(Path fifo, ExecutorService executor) throws Exception {
		executor.shutdown();
		long end = System.nanoTime() + DEADLINE.toNanos();
		while (!executor.awaitTermination(10, TimeUnit.MILLISECONDS) && System.nanoTime() < end) {
			new RandomAccessFile(fifo.toFile(), "rw").close();
		}
		executor.shutdownNow();
	}

	@Test
	void readWithoutNativeLayerReturnsTheEntriesOfARegularFile() {
		StatusFile statusFile = new StatusFile(this.directory.resolve("app.status"), () -> null);
		statusFile.write(Map.of("pid", "42"));
		assertThat(statusFile.read()).containsExactlyEntriesOf(Map.of("pid", "42"));
	}

	@Test
	void readWithoutNativeLayerOfASymbolicLinkAFifoOrAnAbsentFileReturnsEmptyMap() throws Exception {
		StatusFile target = new StatusFile(this.directory.resolve("target.status"));
		target.write(Map.of("pid", "42"));
		Path link = Files.createSymbolicLink(this.directory.resolve("link.status"), target.getPath());
		assertThat(new StatusFile(link, () -> null).read()).isEmpty();
		assertThat(new StatusFile(this.directory.resolve("absent.status"), () -> null).read()).isEmpty();
		Path fifo = this.directory.resolve("fifo.status");
		assumeThat(mkfifo(fifo)).as("mkfifo available").isTrue();
		StatusFile statusFile = new StatusFile(fifo, () -> null);
		assertThat(await().atMost(DEADLINE).until(statusFile::read, (entries) -> true)).isEmpty();
	}

	@Test
	void readOfADirectoryReturnsEmptyMap() throws IOException {
		Path path = Files.createDirectory(this.directory.resolve("app.status"));
		assertThat(new StatusFile(path).read()).isEmpty();
	}

	@Test
	void readOfAFileLargerThanMaxSizeReturnsEmptyMap() throws IOException {
		Path path = this.directory.resolve("app.status");
		String line = "pid=42\n";
		Files.writeString(path, line.repeat(StatusFile.MAX_SIZE / line.length() + 1), StandardCharsets.ISO_8859_1);
		assertThat(Files.size(path)).isGreaterThan(StatusFile.MAX_SIZE);
		assertThat(new StatusFile(path).read()).isEmpty();
	}

	@Test
	void readOfAFileOfMaxSizeReturnsItsEntries() throws IOException {
		Path path = this.directory.resolve("app.status");
		String first = "pid=42\n";
		Files.writeString(path, first + "#".repeat(StatusFile.MAX_SIZE - first.length()), StandardCharsets.ISO_8859_1);
		assertThat(Files.size(path)).isEqualTo(StatusFile.MAX_SIZE);
		assertThat(new StatusFile(path).read()).containsExactlyEntriesOf(Map.of("pid", "42"));
	}

	@Test
	void readOfAMalformedUnicodeEscapeReturnsEmptyMap() throws IOException {
		Path path = this.directory.resolve("app.status");
		Files.writeString(path, "pid=42\nname=\\uZZZZ\n", StandardCharsets.ISO_8859_1);
		assertThat(new StatusFile(path).read()).isEmpty();
	}

	@Test
	void readOfBinaryContentDoesNotThrowException() throws IOException {
		Path path = this.directory.resolve("app.status");
		byte[] content = new byte[4096];
		for (int i = 0; i < content.length; i++) {
			content[i] = (byte) (i * 31);
		}
		Files.write(path, content);
		StatusFile statusFile = new StatusFile(path);
		assertThatNoException().isThrownBy(statusFile::read);
	}

	@Test
	void readOfLinesWithoutSeparatorReadsThemAsKeysWithEmptyValues() throws IOException {
		Path path = this.directory.resolve("app.status");
		Files.writeString(path, "garbage\n=\npid=42\n\\\n", StandardCharsets.ISO_8859_1);
		assertThat(new StatusFile(path).read()).containsEntry("garbage", "").containsEntry("pid", "42");
	}

	@Test
	void deleteRemovesTheFile() {
		StatusFile statusFile = new StatusFile(this.directory.resolve("app.status"));
		statusFile.write(Map.of("pid", "42"));
		assertThat(statusFile.getPath()).exists();
		statusFile.delete();
		assertThat(statusFile.getPath()).doesNotExist();
		assertThat(statusFile.read()).isEmpty();
	}

	@Test
	void deleteWhenAbsentDoesNothing() {
		StatusFile statusFile = new StatusFile(this.directory.resolve("app.status"));
		assertThatNoException().isThrownBy(statusFile::delete);
	}

	private static boolean mkfifo(Path path) throws InterruptedException {
		Process process;
		try {
			process = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			return false;
		}
		try {
			return process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS) && process.exitValue() == 0
					&& Files.exists(path);
		}
		finally {
			process.destroyForcibly();
		}
	}

}
