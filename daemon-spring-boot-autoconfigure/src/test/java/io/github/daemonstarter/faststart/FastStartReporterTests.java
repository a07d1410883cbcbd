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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FastStartReporter#isMapped(Path)}, against this JVM's own mappings.
 *
 * @author Daemon Starter Team
 */
class FastStartReporterTests {

	@Test
	void isMappedWhenThisJvmMapsTheFileReturnsTrue() throws IOException {
		Path libjvm = Path.of(System.getProperty("java.home"), "lib", "server", "libjvm.so").toRealPath();
		assertThat(FastStartReporter.isMapped(libjvm)).isTrue();
	}

	@Test
	void isMappedWhenOnlyAPrefixOfAMappedFileReturnsFalse() throws IOException {
		Path libjvm = Path.of(System.getProperty("java.home"), "lib", "server", "libjvm.so").toRealPath();
		assertThat(FastStartReporter.isMapped(libjvm.resolveSibling("libjvm"))).isFalse();
	}

	@Test
	void isMappedWhenFileIsNotMappedReturnsFalse(@TempDir Path directory) throws IOException {
		Path archive = Files.write(directory.resolve("archive.jsa"), new byte[4096]);
		assertThat(FastStartReporter.isMapped(archive)).isFalse();
	}

}
