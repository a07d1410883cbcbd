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
 * Tests for {@link Executables}.
 *
 * @author Daemon Starter Team
 */
class ExecutablesTests {

	@TempDir
	Path directory;

	@Test
	void findWhenMissingThrowsNotInstalledNamingWhatToInstall() {
		assertThatExceptionOfType(DaemonException.class)
			.isThrownBy(() -> Executables.find("no-such-command-here",
					"util-linux, or run the application under systemd with User=app"))
			.withMessage("Cannot find the 'no-such-command-here' command, which daemon mode needs: "
					+ "install util-linux, or run the application under systemd with User=app")
			.satisfies((ex) -> assertThat(ex.getExitStatus()).isEqualTo(ExitStatus.NOT_INSTALLED));
	}

	@Test
	void lookupFindsACommandOnThePath() {
		assertThat(Executables.lookup("sh"))
			.hasValueSatisfying((sh) -> assertThat(sh).isExecutable().hasFileName("sh"));
	}

	@Test
	void lookupWhenMissingIsEmpty() {
		assertThat(Executables.lookup("no-such-command-here", this.directory.toString())).isEmpty();
	}

	@Test
	void lookupLooksInTheFallbackDirectoriesAfterThePath() throws IOException {
		Path command = Files.createFile(this.directory.resolve("no-such-command-here"),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
		assertThat(Executables.lookup("no-such-command-here", "/no/such/directory", this.directory.toString()))
			.hasValue(command);
	}

	@Test
	void lookupSkipsWhatIsNotAnExecutableFile() throws IOException {
		Files.createDirectory(this.directory.resolve("a-directory"));
		Files.createFile(this.directory.resolve("not-executable"));
		assertThat(Executables.lookup("a-directory", this.directory.toString())).isEmpty();
		assertThat(Executables.lookup("not-executable", this.directory.toString())).isEmpty();
	}

}
