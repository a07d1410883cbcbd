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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.daemonstarter.posix.Posix.FileIdentity;
import jnr.constants.platform.Errno;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Posix}: real calls into the C library, checked through the JDK and
 * {@code /proc}.
 *
 * @author Daemon Starter Team
 */
class PosixTests {

	private static final int O_CLOEXEC = 02000000;

	private static final int LOCK_UN = 8;

	private final Posix posix = Posix.get();

	@TempDir
	Path directory;

	private final List<Integer> opened = new ArrayList<>();

	@AfterEach
	void closeOpened() {
		this.opened.forEach(this.posix::close);
	}

	@Test
	void openCreatesFileWithModeAndCloseOnExec() throws IOException {
		Path file = this.directory.resolve("created.pid");
		int previous = this.posix.umask(0);
		try {
			int fd = open(file, true, 0640);
			assertThat(fd).isGreaterThan(2);
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
			assertThat(openFlags(fd) & O_CLOEXEC).isEqualTo(O_CLOEXEC);
		}
		finally {
			this.posix.umask(previous);
		}
	}

	@Test
	void openNamesFileInTheJdkPathEncoding() throws IOException {
		Path file = this.directory.resolve("dämon ünïcode 'quoted'.pid");
		assertThat(open(file, true, 0600)).isGreaterThan(2);
		assertThat(file).exists();
	}

	@Test
	void openReadOnlyWhenMissingFailsWithNotFound() {
		assertThat(open(this.directory.resolve("missing.pid"), false, 0)).isEqualTo(-1);
		assertThat(Posix.isNotFound(this.posix.errno())).isTrue();
		assertThat(this.posix.strerror(this.posix.errno())).isEqualTo("No such file or directory");
	}

	@Test
	void openNeverFollowsSymbolicLink() throws IOException {
		Path target = Files.writeString(this.directory.resolve("target"), "1\n");
		Path link = Files.createSymbolicLink(this.directory.resolve("link.pid"), target);
		assertThat(open(link, true, 0600)).isEqualTo(-1);
		assertThat(Posix.isSymbolicLink(this.posix.errno())).isTrue();
		assertThat(open(link, false, 0)).isEqualTo(-1);
		assertThat(Posix.isSymbolicLink(this.posix.errno())).isTrue();
	}

	@Test
	void flockExclusiveExcludesAnotherOpenFileUntilUnlocked() {
		Path file = this.directory.resolve("locked.pid");
		int first = open(file, true, 0600);
		int second = open(file, false, 0);
		assertThat(this.posix.flock(first, Posix.LOCK_EX | Posix.LOCK_NB)).isZero();
		assertThat(this.posix.flock(second, Posix.LOCK_SH | Posix.LOCK_NB)).isEqualTo(-1);
		assertThat(Posix.isWouldBlock(this.posix.errno())).isTrue();
		assertThat(this.posix.flock(first, LOCK_UN)).isZero();
		assertThat(this.posix.flock(second, Posix.LOCK_SH | Posix.LOCK_NB)).isZero();
	}

	@Test
	void fstatDescribesTheOpenFileEvenAfterItsPathIsReplaced() throws IOException {
		Path file = this.directory.resolve("replaced.pid");
		int fd = open(file, true, 0600);
		Map<String, Object> before = Files.readAttributes(file, "unix:dev,ino,uid");
		FileIdentity identity = this.posix.fstat(fd);
		assertThat(identity.device()).isEqualTo(((Number) before.get("dev")).longValue());
		assertThat(identity.inode()).isEqualTo(((Number) before.get("ino")).longValue());
		assertThat(identity.owner()).isEqualTo(before.get("uid")).isEqualTo(this.posix.geteuid());
		assertThat(identity.isRegularFile()).isTrue();
		Files.delete(file);
		Files.writeString(file, "other\n");
		long replacement = ((Number) Files.getAttribute(file, "unix:ino")).longValue();
		assertThat(this.posix.fstat(fd).inode()).isEqualTo(identity.inode()).isNotEqualTo(replacement);
	}

	@Test
	void fchmodChangesPermissions() throws IOException {
		Path file = this.directory.resolve("mode.pid");
		int fd = open(file, true, 0600);
		assertThat(this.posix.fchmod(fd, 0644)).isZero();
		assertThat(this.posix.fstat(fd).permissions()).isEqualTo(0644);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
	}

	@Test
	void umaskReturnsThePreviousMask() {
		int original = this.posix.umask(027);
		try {
			assertThat(this.posix.umask(original)).isEqualTo(027);
			assertThat(this.posix.umask(original)).isEqualTo(original);
		}
		finally {
			this.posix.umask(original);
		}
	}

	@Test
	void geteuidIsTheOwnerOfThisProcess() throws IOException {
		assertThat(this.posix.geteuid()).isEqualTo(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
	}

	@Test
	void sendtoReportsAMissingReceiver() throws IOException {
		int fd = this.posix.socket(1, 2);
		assertThat(fd).isGreaterThan(2);
		this.opened.add(fd);
		assertThat(openFlags(fd) & O_CLOEXEC).isEqualTo(O_CLOEXEC);
		byte[] message = "READY=1".getBytes(StandardCharsets.UTF_8);
		assertThat(this.posix.sendto(fd, message, sockaddr(this.directory.resolve("nobody-listens")))).isEqualTo(-1);
		assertThat(this.posix.errno()).isEqualTo(Errno.ENOENT.intValue());
	}

	@Test
	void errnoIsKeptPerThread() throws Exception {
		Path link = Files.createSymbolicLink(this.directory.resolve("link.pid"), this.directory.resolve("target"));
		assertThat(open(this.directory.resolve("missing.pid"), false, 0)).isEqualTo(-1);
		int[] otherErrno = new int[1];
		Thread other = new Thread(() -> {
			this.posix.openNoFollow(link.toString(), true, 0600);
			otherErrno[0] = this.posix.errno();
		});
		other.start();
		other.join();
		assertThat(Posix.isSymbolicLink(otherErrno[0])).isTrue();
		assertThat(Posix.isNotFound(this.posix.errno())).isTrue();
	}

	private int open(Path file, boolean create, int mode) {
		int fd = this.posix.openNoFollow(file.toString(), create, mode);
		if (fd >= 0) {
			this.opened.add(fd);
		}
		return fd;
	}

	private static int openFlags(int fd) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo/" + fd))) {
			if (line.startsWith("flags:")) {
				return Integer.parseInt(line.substring("flags:".length()).trim(), 8);
			}
		}
		throw new IllegalStateException("No flags for fd " + fd);
	}

	private static byte[] sockaddr(Path path) {
		ByteArrayOutputStream address = new ByteArrayOutputStream();
		address.write(1);
		address.write(0);
		address.writeBytes(path.toString().getBytes(StandardCharsets.UTF_8));
		address.write(0);
		return address.toByteArray();
	}

}
