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
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Tests for {@link ProcFs}, against the {@code /proc} of the test JVM and against a
 * directory laid out like it.
 *
 * @author Daemon Starter Team
 */
class ProcFsTests {

	private static final long PID = ProcessHandle.current().pid();

	@TempDir
	Path directory;

	@Test
	@EnabledOnOs(OS.LINUX)
	void statOfThisProcessNamesItsPid() throws IOException {
		assertThat(ProcFs.system().stat(PID)).startsWith(PID + " (");
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void commandLineOfThisProcessStartsWithItsProgram() throws IOException {
		byte[] commandLine = ProcFs.system().commandLine(PID);
		String program = new String(commandLine, 0, indexOfNul(commandLine), StandardCharsets.UTF_8);
		assertThat(program).endsWith("java");
		assertThat(commandLine[commandLine.length - 1]).isZero();
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void environmentOfThisProcessHoldsItsPath() throws IOException {
		String environment = new String(ProcFs.system().environment(PID), StandardCharsets.UTF_8);
		assertThat(List.of(environment.split("\0"))).contains("PATH=" + System.getenv("PATH"));
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void selfStatusNamesThisProcess() throws IOException {
		assertThat(ProcFs.system().selfStatus()).contains("\nPid:\t" + PID + "\n").contains("\nUid:\t");
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void locksOfThisMachineCanBeRead() throws IOException {
		assertThat(ProcFs.system().locks()).allSatisfy((line) -> assertThat(line).contains(":"));
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void selfFileDescriptorOpensTheFileItIsOpenOn() throws IOException {
		Path file = Files.writeString(this.directory.resolve("open.txt"), "content");
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			Path target = ProcFs.system().selfFileDescriptorTarget(fileDescriptorOf(file));
			assertThat(target).isEqualTo(file.toRealPath());
		}
	}

	@Test
	void readsFromItsRoot() throws IOException {
		Files.createDirectories(this.directory.resolve("42"));
		Files.createDirectories(this.directory.resolve("self"));
		Files.writeString(this.directory.resolve("42/stat"), "42 (java) S 1 42 42 0");
		Files.write(this.directory.resolve("42/cmdline"), new byte[] { 'j', 0, 'x', 0 });
		Files.write(this.directory.resolve("42/environ"), new byte[] { 'A', '=', 'b', 0 });
		Files.writeString(this.directory.resolve("self/status"), "Name:\tjava\nUid:\t7\t7\t7\t7\n");
		Files.writeString(this.directory.resolve("locks"), "1: FLOCK  ADVISORY  WRITE 42 08:01:7000 0 EOF\n\n");
		ProcFs procFs = ProcFs.at(this.directory);
		assertThat(procFs.stat(42)).isEqualTo("42 (java) S 1 42 42 0");
		assertThat(procFs.commandLine(42)).containsExactly('j', 0, 'x', 0);
		assertThat(procFs.environment(42)).containsExactly('A', '=', 'b', 0);
		assertThat(procFs.selfStatus()).isEqualTo("Name:\tjava\nUid:\t7\t7\t7\t7\n");
		assertThat(procFs.locks()).containsExactly("1: FLOCK  ADVISORY  WRITE 42 08:01:7000 0 EOF", "");
		assertThat(procFs.selfFileDescriptor(3)).isEqualTo(this.directory.resolve("self/fd/3"));
	}

	@Test
	void decodesEveryByteOfATextFile() throws IOException {
		Files.createDirectories(this.directory.resolve("7"));
		Files.write(this.directory.resolve("7/stat"), new byte[] { '7', ' ', '(', (byte) 0xff, ')' });
		assertThat(ProcFs.at(this.directory).stat(7)).isEqualTo("7 (\u00ff)");
	}

	@Test
	void readOfAMissingFileThrows() {
		ProcFs procFs = ProcFs.at(this.directory);
		assertThatIOException().isThrownBy(() -> procFs.stat(42)).isInstanceOf(NoSuchFileException.class);
		assertThatIOException().isThrownBy(procFs::locks).isInstanceOf(NoSuchFileException.class);
		assertThatIOException().isThrownBy(procFs::selfStatus).isInstanceOf(NoSuchFileException.class);
		assertThatIOException().isThrownBy(() -> procFs.selfFileDescriptorTarget(1))
			.isInstanceOf(NoSuchFileException.class);
	}

	@Test
	void selfFileDescriptorTargetReadsTheLink() throws IOException {
		Files.createDirectories(this.directory.resolve("self/fd"));
		Files.createSymbolicLink(this.directory.resolve("self/fd/1"), Path.of("/var/log/app.log"));
		assertThat(ProcFs.at(this.directory).selfFileDescriptorTarget(1)).isEqualTo(Path.of("/var/log/app.log"));
	}

	private static int indexOfNul(byte[] bytes) {
		for (int i = 0; i < bytes.length; i++) {
			if (bytes[i] == 0) {
				return i;
			}
		}
		return bytes.length;
	}

	private static int fileDescriptorOf(Path file) throws IOException {
		Path real = file.toRealPath();
		try (var descriptors = Files.list(Path.of("/proc/self/fd"))) {
			for (Path descriptor : descriptors.toList()) {
				try {
					if (Files.readSymbolicLink(descriptor).equals(real)) {
						return Integer.parseInt(descriptor.getFileName().toString());
					}
				}
				catch (IOException ex) {
					// The descriptor of the listing itself is gone by now
				}
			}
		}
		throw new IllegalStateException("No descriptor is open on " + file);
	}

}
