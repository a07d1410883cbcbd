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

package io.github.daemonstarter.unit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import io.github.daemonstarter.DaemonException;
import io.github.daemonstarter.ExitStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link UnitInstaller}.
 *
 * @author Daemon Starter Team
 */
class UnitInstallerTests {

	@TempDir
	Path directory;

	@Test
	void installWritesTheFileReadableByAllAndLeavesNoTemporaryFile() throws Exception {
		UnitInstaller installer = new UnitInstaller(this.directory);
		assertThat(installer.install("shop.service", "[Unit]\né\n", false, false, false))
			.isEqualTo(UnitInstaller.Outcome.INSTALLED);
		Path unit = this.directory.resolve("shop.service");
		assertThat(unit).hasContent("[Unit]\né\n");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(unit))).isEqualTo("rw-r--r--");
		assertThat(this.directory).isDirectoryNotContaining("glob:**.tmp");
	}

	@Test
	void installOfExecutableMakesItExecutable() throws Exception {
		new UnitInstaller(this.directory).install("shop", "#!/bin/bash\n", true, false, false);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(this.directory.resolve("shop"))))
			.isEqualTo("rwxr-xr-x");
	}

	@Test
	void installWhenSameUnitExistsIsIdempotent() throws Exception {
		UnitInstaller installer = new UnitInstaller(this.directory);
		installer.install("shop.service", "same\n", false, false, false);
		Path unit = this.directory.resolve("shop.service");
		Files.setLastModifiedTime(unit, java.nio.file.attribute.FileTime.fromMillis(0));
		assertThat(installer.install("shop.service", "same\n", false, false, false))
			.isEqualTo(UnitInstaller.Outcome.UNCHANGED);
		assertThat(Files.getLastModifiedTime(unit).toMillis()).as("not rewritten").isZero();
	}

	@Test
	void installWhenDifferentUnitExistsRefusesAndKeepsIt() throws Exception {
		Path unit = Files.writeString(this.directory.resolve("shop.service"), "mine\n");
		UnitInstaller installer = new UnitInstaller(this.directory);
		assertThatExceptionOfType(DaemonException.class)
			.isThrownBy(() -> installer.install("shop.service", "theirs\n", false, false, false))
			.satisfies((ex) -> assertThat(ex.getExitStatus()).isEqualTo(ExitStatus.FAILURE))
			.withMessageContaining(unit.toString())
			.withMessageContaining("--daemon.force=true")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("\n"));
		assertThat(unit).hasContent("mine\n");
		assertThat(this.directory).isDirectoryNotContaining("glob:**.tmp");
	}

	@Test
	void installWithReplaceReplacesADifferentUnit() throws Exception {
		Path unit = Files.writeString(this.directory.resolve("shop.service"), "mine\n");
		assertThat(new UnitInstaller(this.directory).install("shop.service", "theirs\n", false, true, false))
			.isEqualTo(UnitInstaller.Outcome.REPLACED);
		assertThat(unit).hasContent("theirs\n");
	}

	@Test
	void installWithoutPermissionSuggestsSudoAndWritesNothing() {
		// /sys refuses new files even to root with EACCES
		Path sys = Path.of("/sys");
		UnitInstaller installer = new UnitInstaller(sys);
		assertThatExceptionOfType(DaemonException.class)
			.isThrownBy(() -> installer.install("daemon-starter-test.service", "x\n", false, false, false))
			.satisfies((ex) -> assertThat(ex.getExitStatus()).isEqualTo(ExitStatus.NO_PERMISSION))
			.withMessageContaining("/sys/daemon-starter-test.service")
			.withMessageContaining("sudo")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("\n"));
		assertThat(sys.resolve("daemon-starter-test.service")).doesNotExist();
	}

	@Test
	void installWhenDirectoryIsAFileFailsWithoutWriting() throws Exception {
		Path file = Files.writeString(this.directory.resolve("file"), "x");
		assertThatExceptionOfType(DaemonException.class)
			.isThrownBy(() -> new UnitInstaller(file).install("shop.service", "x\n", false, false, true))
			.satisfies((ex) -> assertThat(ex.getExitStatus()).isEqualTo(ExitStatus.NOT_CONFIGURED))
			.withMessageContaining("daemon.unit.directory");
		assertThat(file).hasContent("x");
	}

	@Test
	void installCreatesAMissingDirectoryWhenAsked() throws Exception {
		Path user = this.directory.resolve(".config/systemd/user");
		new UnitInstaller(user).install("shop.service", "x\n", false, false, true);
		assertThat(user.resolve("shop.service")).hasContent("x\n");
	}

	@Test
	void removeDeletesTheUnitAndReportsWhetherOneWasThere() throws Exception {
		UnitInstaller installer = new UnitInstaller(this.directory);
		installer.install("shop.service", "x\n", false, false, false);
		assertThat(installer.exists("shop.service")).isTrue();
		assertThat(installer.remove("shop.service")).isTrue();
		assertThat(installer.exists("shop.service")).isFalse();
		assertThat(installer.remove("shop.service")).isFalse();
	}

}
