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

package io.github.daemonstarter.reload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

import io.github.daemonstarter.posix.Posix;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link LogFileReopener}, with real files and a file descriptor of this JVM
 * that stands for standard output.
 *
 * @author Daemon Starter Team
 */
class LogFileReopenerTests {

	@TempDir
	Path directory;

	private final Posix posix = Posix.get();

	private Path logFile;

	private int output = -1;

	@BeforeEach
	void openOutput() throws IOException {
		this.logFile = this.directory.resolve("app.log");
		this.output = this.posix.openForAppend(this.logFile.toString(), 0640);
		assertThat(this.output).isNotNegative();
		Files.setPosixFilePermissions(this.logFile, PosixFilePermissions.fromString("rw-rw-r--"));
	}

	@AfterEach
	void closeOutput() {
		if (this.output >= 0) {
			this.posix.close(this.output);
		}
	}

	@Test
	void reopenAfterTheFileWasMovedWritesIntoANewFile() throws IOException {
		write("before\n");
		Path moved = this.directory.resolve("app.log.1");
		Files.move(this.logFile, moved);
		assertThat(reopener().reopen()).isTrue();
		write("after\n");
		assertThat(moved).hasContent("before");
		assertThat(this.logFile).hasContent("after");
		assertThat(Files.readSymbolicLink(descriptorPath())).isEqualTo(this.logFile);
	}

	@Test
	void reopenCreatesTheFileWithThePermissionsOfTheOldOneLessGroupAndOthersWrite() throws IOException {
		Files.move(this.logFile, this.directory.resolve("app.log.1"));
		reopener().reopen();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(this.logFile))).isEqualTo("rw-r--r--");
	}

	@Test
	void reopenOfTheSameFileAppendsToIt() throws IOException {
		write("one\n");
		assertThat(reopener().reopen()).isFalse();
		write("two\n");
		assertThat(this.logFile).hasContent("one\ntwo");
	}

	@Test
	void reopenThatCannotOpenTheFileKeepsTheOldOne() throws IOException {
		Path directoryInstead = this.directory.resolve("gone");
		Files.createDirectory(directoryInstead);
		LogFileReopener reopener = new LogFileReopener(() -> this.posix, directoryInstead, this.output);
		assertThatIllegalStateException().isThrownBy(reopener::reopen)
			.withMessage("cannot open log file " + directoryInstead + ": Is a directory");
		write("still here\n");
		assertThat(this.logFile).hasContent("still here");
	}

	private LogFileReopener reopener() {
		return new LogFileReopener(() -> this.posix, this.logFile, this.output);
	}

	private Path descriptorPath() {
		return Path.of("/proc/self/fd/" + this.output);
	}

	private void write(String text) throws IOException {
		// Opening /proc/self/fd/N opens the file that the descriptor refers to now
		Files.writeString(descriptorPath(), text, StandardOpenOption.APPEND);
	}

}
