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

package io.github.daemonstarter.pid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.daemonstarter.posix.Posix;
import io.github.daemonstarter.posix.ProcFs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LockHolders}.
 *
 * @author Daemon Starter Team
 */
class LockHoldersTests {

	private static final String LOCKS = """
			1: FLOCK  ADVISORY  WRITE 1111 08:01:5000 0 EOF
			2: POSIX  ADVISORY  WRITE 2222 08:01:6000 0 EOF
			3: FLOCK  ADVISORY  READ 3333 08:01:7000 0 EOF
			3: -> FLOCK  ADVISORY  WRITE 4444 08:01:7000 0 EOF
			4: FLOCK  ADVISORY  WRITE 5555 fe:00:8000 0 EOF
			5: FLOCK  ADVISORY  WRITE 6666 103:1c:8000 0 EOF
			6: OFDLCK ADVISORY  WRITE -1 08:01:9000 0 EOF
			7: FLOCK  ADVISORY  READ 7777 08:01:9100 0 EOF
			7: -> FLOCK  ADVISORY  WRITE 8888 08:01:9100 0 EOF
			8: LEASE  ACTIVE    READ 9999 08:01:9200 0 EOF
			""";

	@TempDir
	Path directory;

	@Test
	void exclusiveHolderFindsFlockWriteLockOnInodeAndDevice() throws IOException {
		LockHolders holders = holders(LOCKS);
		assertThat(holders.exclusiveHolder(makedev(8, 1), 5000)).isEqualTo(1111L);
		assertThat(holders.exclusiveHolder(makedev(0xfe, 0), 8000)).isEqualTo(5555L);
		assertThat(holders.exclusiveHolder(makedev(0x103, 0x1c), 8000)).isEqualTo(6666L);
	}

	@Test
	void exclusiveHolderIgnoresPosixLocks() throws IOException {
		assertThat(holders(LOCKS).exclusiveHolder(makedev(8, 1), 6000)).isNull();
	}

	@Test
	void exclusiveHolderIgnoresSharedLocksAndWaiters() throws IOException {
		LockHolders holders = holders(LOCKS);
		assertThat(holders.exclusiveHolder(makedev(8, 1), 7000)).isNull();
		assertThat(holders.exclusiveHolder(makedev(8, 1), 9100)).isNull();
	}

	@Test
	void exclusiveHolderIgnoresOpenFileDescriptionLocksAndLeases() throws IOException {
		LockHolders holders = holders(LOCKS);
		assertThat(holders.exclusiveHolder(makedev(8, 1), 9000)).isNull();
		assertThat(holders.exclusiveHolder(makedev(8, 1), 9200)).isNull();
	}

	@Test
	void exclusiveHolderMatchesWholeInodeNumber() throws IOException {
		LockHolders holders = holders(LOCKS);
		assertThat(holders.exclusiveHolder(makedev(8, 1), 500)).isNull();
		assertThat(holders.exclusiveHolder(makedev(8, 1), 50000)).isNull();
	}

	@Test
	void exclusiveHolderWhenOnlyCandidateIsOnOtherDeviceReturnsIt() throws IOException {
		assertThat(holders(LOCKS).exclusiveHolder(makedev(9, 9), 5000)).isEqualTo(1111L);
	}

	@Test
	void exclusiveHolderWhenSeveralCandidatesOnOtherDevicesReturnsNull() throws IOException {
		assertThat(holders(LOCKS).exclusiveHolder(makedev(9, 9), 8000)).isNull();
	}

	@Test
	void exclusiveHolderWhenFileIsMissingReturnsNull() {
		assertThat(new LockHolders(ProcFs.at(this.directory.resolve("missing"))).exclusiveHolder(makedev(8, 1), 5000))
			.isNull();
	}

	@Test
	void exclusiveHolderWhenFileIsEmptyOrMalformedReturnsNull() throws IOException {
		assertThat(holders("").exclusiveHolder(makedev(8, 1), 5000)).isNull();
		assertThat(holders("garbage\n1: FLOCK\n\n").exclusiveHolder(makedev(8, 1), 5000)).isNull();
	}

	@Test
	void exclusiveHolderFindsThisProcessInProcLocks() throws IOException {
		Path path = this.directory.resolve("app.pid");
		PidFileLock lock = new PidFile(Posix.get(), path).lock();
		try {
			long device = ((Number) Files.getAttribute(path, "unix:dev")).longValue();
			long inode = ((Number) Files.getAttribute(path, "unix:ino")).longValue();
			assertThat(new LockHolders().exclusiveHolder(device, inode)).isEqualTo(ProcessHandle.current().pid());
			List<String> lines = PidFileTests.procLocksFor(path);
			String expected = String.format("%02x:%02x:%d", LockHolders.major(device), LockHolders.minor(device),
					inode);
			assertThat(lines).singleElement().asString().contains(" " + expected + " ");
		}
		finally {
			lock.release();
		}
	}

	@Test
	void majorAndMinorDecodeSmallDeviceNumbers() {
		long device = 0x801;
		assertThat(LockHolders.major(device)).isEqualTo(8);
		assertThat(LockHolders.minor(device)).isEqualTo(1);
		assertThat(LockHolders.major(0)).isZero();
		assertThat(LockHolders.minor(0)).isZero();
	}

	@Test
	void majorAndMinorDecodeLargeDeviceNumbers() {
		assertThat(LockHolders.major(makedev(259, 3))).isEqualTo(259);
		assertThat(LockHolders.minor(makedev(259, 3))).isEqualTo(3);
		assertThat(LockHolders.major(makedev(0x1234, 0x56789))).isEqualTo(0x1234);
		assertThat(LockHolders.minor(makedev(0x1234, 0x56789))).isEqualTo(0x56789);
		assertThat(LockHolders.major(makedev(0xfff, 0xfffff))).isEqualTo(0xfff);
		assertThat(LockHolders.minor(makedev(0xfff, 0xfffff))).isEqualTo(0xfffff);
	}

	private LockHolders holders(String content) throws IOException {
		Files.writeString(this.directory.resolve("locks"), content);
		return new LockHolders(ProcFs.at(this.directory));
	}

	private static long makedev(long major, long minor) {
		return (minor & 0xff) | ((major & 0xfff) << 8) | ((minor & ~0xffL) << 12) | ((major & ~0xfffL) << 32);
	}

}
