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
import java.time.Duration;
import java.util.Map;

import io.github.daemonstarter.config.FastStartTraining;
import io.github.daemonstarter.status.StatusFile;
import io.github.daemonstarter.status.StatusPublisher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FastStartReporter}: {@link FastStartReporter#isMapped(Path)} against
 * this JVM's own mappings, and what it publishes once the application is ready.
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

	@ParameterizedTest
	@CsvSource({ "INSTALL, false, install", "INSTALL, true, failed", "NEVER, false, never", "NEVER, true, never" })
	void readyWithoutArchiveWhenTrainingIsLeftToOthersPublishesWhyNoneIsTrained(FastStartTraining mode,
			boolean trainingFailed, String published, @TempDir Path directory) throws IOException {
		CacheEntry entry = new CacheEntry(Files.createDirectory(directory.resolve("entry")), "shop.jar",
				ArchiveKind.CDS);
		if (trainingFailed) {
			Files.writeString(entry.getDirectory().resolve(ArchiveTraining.FAILED), "the training run failed");
		}
		StatusFile statusFile = new StatusFile(directory.resolve("shop.status"));
		StatusPublisher publisher = new StatusPublisher(statusFile);
		FastStartReporter reporter = new FastStartReporter(entry, mode, publisher);
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			reporter.onApplicationEvent(
					new ApplicationReadyEvent(new SpringApplication(), new String[0], context, Duration.ZERO));
			Map<String, String> status = statusFile.read();
			assertThat(status).containsEntry("fast-start.training", published)
				.containsEntry("fast-start.archive-used", "false");
		}
		finally {
			reporter.destroy();
			publisher.destroy();
			entry.release();
		}
	}

	@Test
	void isMappedWhenFileIsNotMappedReturnsFalse(@TempDir Path directory) throws IOException {
		Path archive = Files.write(directory.resolve("archive.jsa"), new byte[4096]);
		assertThat(FastStartReporter.isMapped(archive)).isFalse();
	}

}
