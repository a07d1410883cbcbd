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

package io.github.daemonstarter.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LogTail}.
 *
 * @author Daemon Starter Team
 */
class LogTailTests {

	@TempDir
	Path directory;

	@Test
	void linesNotFromReturnsTheLinesAppendedSinceFrom() throws IOException {
		Path log = this.directory.resolve("app.log");
		Files.writeString(log, "before 1\nbefore 2\n");
		LogTail tail = LogTail.from(log);
		append(log, "after 1\nafter 2\n");
		assertThat(tail.linesNotFrom(null)).containsExactly("after 1", "after 2");
	}

	@Test
	void linesNotFromReturnsAtMostTheLastTenLines() throws IOException {
		Path log = this.directory.resolve("app.log");
		LogTail tail = LogTail.from(log);
		append(log, IntStream.rangeClosed(1, 15).mapToObj((i) -> "line " + i + "\n").collect(Collectors.joining()));
		assertThat(tail.linesNotFrom(null)).hasSize(10).startsWith("line 6").endsWith("line 15");
	}

	@Test
	void linesNotFromLeavesOutTheLinesOfTheGivenProcess() throws IOException {
		Path log = this.directory.resolve("app.log");
		LogTail tail = LogTail.from(log);
		append(log,
				"2026-11-21T12:00:00.000Z  INFO 100 --- [main] serving on\n"
						+ "2026-11-21T12:00:01.000Z ERROR 200 --- [main] failed to start\n"
						+ "2026-11-21T12:00:01.000Z  INFO 2100 --- [main] another process\n");
		assertThat(tail.linesNotFrom(100L)).containsExactly(
				"2026-11-21T12:00:01.000Z ERROR 200 --- [main] failed to start",
				"2026-11-21T12:00:01.000Z  INFO 2100 --- [main] another process");
	}

	@Test
	void linesNotFromLeavesOutBlankLines() throws IOException {
		Path log = this.directory.resolve("app.log");
		LogTail tail = LogTail.from(log);
		append(log, "one\n\n  \ntwo\n");
		assertThat(tail.linesNotFrom(null)).containsExactly("one", "two");
	}

	@Test
	void linesNotFromWhenTheFileWasMissingReturnsAllItsLines() throws IOException {
		Path log = this.directory.resolve("app.log");
		LogTail tail = LogTail.from(log);
		append(log, "first\n");
		assertThat(tail.linesNotFrom(null)).containsExactly("first");
	}

	@Test
	void linesNotFromWhenTheFileIsMissingReturnsNoLines() {
		assertThat(LogTail.from(this.directory.resolve("missing.log")).linesNotFrom(null)).isEmpty();
	}

	@Test
	void linesNotFromWithoutALogFileReturnsNoLines() {
		assertThat(LogTail.from(null).linesNotFrom(42L)).isEmpty();
	}

	private static void append(Path log, String text) throws IOException {
		Files.writeString(log, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
	}

}
