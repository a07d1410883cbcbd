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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CacheSafety}, with real files, links and permissions.
 *
 * @author Daemon Starter Team
 */
class CacheSafetyTests {

	@TempDir
	Path directory;

	private int uid;

	private CacheSafety safety;

	@BeforeEach
	void createSafety() throws IOException {
		this.uid = (Integer) Files.getAttribute(this.directory, "unix:uid");
		this.safety = new CacheSafety(this.uid);
	}

	@Test
	void problemWhenOwnedAndWritableByOwnerOnlyReturnsNull() throws IOException {
		Path cache = directory("cache", "rwx------");
		Path file = file(cache.resolve("app.jar"), "rw-r--r--");
		assertThat(this.safety.problem(cache)).isNull();
		assertThat(this.safety.problem(file)).isNull();
	}

	@Test
	void problemWhenFileWritableByGroupNamesTheMode() throws IOException {
		Path file = file(this.directory.resolve("app.jar"), "rw-rw-r--");
		assertThat(this.safety.problem(file)).isEqualTo("is writable by its group or by others (mode 664)");
	}

	@Test
	void problemWhenDirectoryWritableByOthersNamesTheMode() throws IOException {
		Path cache = directory("cache", "rwxr-xrwx");
		assertThat(this.safety.problem(cache)).isEqualTo("is writable by its group or by others (mode 757)");
	}

	@Test
	void problemWhenSymbolicLinkToASafeFileReturnsProblem() throws IOException {
		Path target = file(this.directory.resolve("app.jar"), "rw-------");
		Path link = Files.createSymbolicLink(this.directory.resolve("link.jar"), target);
		assertThat(this.safety.problem(link)).isEqualTo("is a symbolic link");
	}

	@Test
	void problemWhenSymbolicLinkToASafeDirectoryReturnsProblem() throws IOException {
		Path cache = directory("cache", "rwx------");
		Path link = Files.createSymbolicLink(this.directory.resolve("link"), cache);
		assertThat(this.safety.problem(link)).isEqualTo("is a symbolic link");
	}

	@Test
	void problemWhenOwnedByAnotherUserNamesBothUids() throws IOException {
		Path file = file(this.directory.resolve("app.jar"), "rw-------");
		int other = this.uid + 1;
		assertThat(new CacheSafety(other).problem(file))
			.isEqualTo("is owned by uid " + this.uid + ", not by the daemon's user (uid " + other + ")");
	}

	@Test
	void warningNamesThePathTheProblemTheSettingAndTheFix() {
		String warning = CacheSafety.warning(Path.of("/var/run/shop-fast-start"), "is a symbolic link");
		assertThat(warning)
			.startsWith("Fast start cache /var/run/shop-fast-start is a symbolic link, so it is not used")
			.contains("starts from its jar")
			.contains("chown, chmod go-w")
			.contains("remove it to have it rebuilt")
			.endsWith("or set daemon.fast-start.directory")
			.doesNotContain("\n");
	}

	@Test
	void createPrivateDirectoryCreatesItAndItsParentsForTheOwnerOnly() throws IOException {
		Path cache = this.directory.resolve("run/shop/cache");
		assertThat(CacheSafety.createPrivateDirectory(cache)).isTrue();
		assertThat(cache).isDirectory();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache))).isEqualTo("rwx------");
		assertThat(this.safety.problem(cache)).isNull();
	}

	@Test
	void createPrivateDirectoryWhenItExistsLeavesIt() throws IOException {
		Path cache = directory("cache", "rwxr-xr-x");
		assertThat(CacheSafety.createPrivateDirectory(cache)).isFalse();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache))).isEqualTo("rwxr-xr-x");
	}

	@ParameterizedTest
	@ValueSource(strings = { "000", "077", "277" })
	void createPrivateDirectoryWhateverTheUmaskIsForTheOwnerOnly(String umask) throws Exception {
		Path cache = this.directory.resolve("cache");
		Path log = this.directory.resolve("child.log");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		String command = "umask " + umask
				+ " && exec \"$0\" -Xshare:auto -XX:TieredStopAtLevel=1 -cp \"$1\" \"$2\" \"$3\"";
		Process process = new ProcessBuilder("sh", "-c", command, java, System.getProperty("java.class.path"),
				CreatePrivateDirectory.class.getName(), cache.toString())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try {
			assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).as(Files.readString(log, StandardCharsets.UTF_8)).isZero();
		}
		finally {
			process.destroyForcibly();
		}
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache))).isEqualTo("rwx------");
	}

	@Test
	void removeGroupAndOthersWriteKeepsTheOtherPermissions() throws IOException {
		Path file = file(this.directory.resolve("app.jar"), "rwxrwxrwx");
		CacheSafety.removeGroupAndOthersWrite(file);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rwxr-xr-x");
		assertThat(this.safety.problem(file)).isNull();
	}

	@Test
	void removeGroupAndOthersWriteWhenNoneLeavesThePermissions() throws IOException {
		Path file = file(this.directory.resolve("app.jar"), "r--------");
		CacheSafety.removeGroupAndOthersWrite(file);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("r--------");
	}

	private Path directory(String name, String permissions) throws IOException {
		Path created = Files.createDirectory(this.directory.resolve(name));
		Files.setPosixFilePermissions(created, PosixFilePermissions.fromString(permissions));
		return created;
	}

	private static Path file(Path path, String permissions) throws IOException {
		Files.writeString(path, "content");
		Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
		return path;
	}

	/**
	 * Creates the private directory named by its argument in a JVM of its own, whose
	 * umask its parent chose.
	 */
	public static final class CreatePrivateDirectory {

		private CreatePrivateDirectory() {
		}

		public static void main(String[] args) throws IOException {
			if (!CacheSafety.createPrivateDirectory(Path.of(args[0]))) {
				throw new IllegalStateException("Did not create " + args[0]);
			}
		}

	}

}
