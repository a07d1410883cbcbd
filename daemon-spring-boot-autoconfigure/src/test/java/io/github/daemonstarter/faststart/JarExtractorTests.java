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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link JarExtractor}, with a script in place of the java binary.
 *
 * @author Daemon Starter Team
 */
@EnabledOnOs(OS.LINUX)
class JarExtractorTests {

	private static final String STACK_TRACE = """
			java.lang.IllegalStateException: java.io.UncheckedIOException: java.io.IOException: No space left on device
				at org.springframework.boot.jarmode.tools.ExtractCommand.run(ExtractCommand.java:127)
				at org.springframework.boot.jarmode.tools.Command.run(Command.java:113)
			Caused by: java.io.UncheckedIOException: java.io.IOException: No space left on device
				at org.springframework.boot.jarmode.tools.ExtractCommand.extractLibraries(ExtractCommand.java:161)
				... 13 more
			Caused by: java.io.IOException: No space left on device
				at java.base/sun.nio.ch.FileDispatcherImpl.write0(Native Method)
				... 14 more
			""";

	@TempDir
	Path directory;

	@Test
	void extractWhenTheToolFailsThrowsExceptionWithTheDeepestCauseThatItWrote() throws IOException {
		JarExtractor extractor = new JarExtractor(script("cat <<'END' >&2\n" + STACK_TRACE + "END\nexit 1"), List.of());
		assertThatIOException()
			.isThrownBy(() -> extractor.extract(Path.of("/opt/shop.jar"), this.directory.resolve("app")))
			.withMessage("extracting /opt/shop.jar with -Djarmode=tools failed with exit status 1: "
					+ "java.io.IOException: No space left on device");
	}

	@Test
	void extractWhenTheToolSucceedsReturns() throws IOException {
		JarExtractor extractor = new JarExtractor(script("echo extracted"), List.of());
		assertThatNoException()
			.isThrownBy(() -> extractor.extract(Path.of("/opt/shop.jar"), this.directory.resolve("app")));
	}

	@Test
	void reasonWhenTheToolWroteAMessageIsItsLastLine() {
		assertThat(JarExtractor.reason("Error: Unable to access jarfile /opt/shop.jar\n\n"))
			.isEqualTo(": Error: Unable to access jarfile /opt/shop.jar");
	}

	@Test
	void reasonWhenTheToolWroteNothingIsEmpty() {
		assertThat(JarExtractor.reason("\n  \n")).isEmpty();
	}

	private String script(String body) throws IOException {
		Path script = this.directory.resolve("java");
		Files.writeString(script, "#!/bin/sh\n" + body + "\n");
		Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
		return script.toString();
	}

}
