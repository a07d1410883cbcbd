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

package io.github.daemonstarter.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link StatusPublisher}.
 *
 * @author Daemon Starter Team
 */
@ExtendWith(OutputCaptureExtension.class)
class StatusPublisherTests {

	private static final String PID = Long.toString(ProcessHandle.current().pid());

	@TempDir
	Path directory;

	@Test
	void publishWritesThePidThenTheSectionsInTheOrderTheyWereFirstPublished() {
		StatusPublisher publisher = new StatusPublisher(statusFile());
		publisher.publish("workers", Map.of("workers", "0"));
		publisher.publish("availability", entries("liveness", "CORRECT", "readiness", "ACCEPTING_TRAFFIC"));
		assertThat(statusFile().read()).containsExactlyEntriesOf(
				entries("pid", PID, "workers", "0", "liveness", "CORRECT", "readiness", "ACCEPTING_TRAFFIC"));
	}

	@Test
	void publishReplacesTheEntriesOfItsSectionOnly() {
		StatusPublisher publisher = new StatusPublisher(statusFile());
		publisher.publish("workers", entries("workers", "1", "worker.0.name", "orders"));
		publisher.publish("availability", entries("liveness", "CORRECT"));
		publisher.publish("workers", entries("workers", "0"));
		publisher.publish("availability", entries("liveness", "BROKEN", "liveness-since", "2026-11-21T10:00:00Z"));
		assertThat(statusFile().read()).containsExactlyEntriesOf(
				entries("pid", PID, "workers", "0", "liveness", "BROKEN", "liveness-since", "2026-11-21T10:00:00Z"));
	}

	@Test
	void publishKeepsThePidOfThisProcessWhenASectionNamesAnother() {
		StatusPublisher publisher = new StatusPublisher(statusFile());
		publisher.publish("other", entries("pid", "1", "reload", "3"));
		assertThat(statusFile().read()).containsExactlyEntriesOf(entries("pid", PID, "reload", "3"));
	}

	@Test
	void publishIsNotAffectedByLaterChangesToTheEntriesPassed() {
		StatusPublisher publisher = new StatusPublisher(statusFile());
		Map<String, String> entries = entries("readiness", "ACCEPTING_TRAFFIC");
		publisher.publish("availability", entries);
		entries.put("readiness", "REFUSING_TRAFFIC");
		publisher.publish("workers", Map.of("workers", "0"));
		assertThat(statusFile().read()).containsEntry("readiness", "ACCEPTING_TRAFFIC");
	}

	@Test
	void publishFromManyThreadsEndsWithTheLastEntriesOfEverySection() throws Exception {
		StatusPublisher publisher = new StatusPublisher(statusFile());
		int threads = 8;
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<?>> futures = new ArrayList<>();
			for (int thread = 0; thread < threads; thread++) {
				String section = "section" + thread;
				futures.add(executor.submit(() -> {
					start.await();
					for (int i = 0; i <= 200; i++) {
						publisher.publish(section, Map.of(section, Integer.toString(i)));
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : futures) {
				future.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
		Map<String, String> entries = statusFile().read();
		assertThat(entries).hasSize(threads + 1).containsEntry("pid", PID);
		for (int thread = 0; thread < threads; thread++) {
			assertThat(entries).containsEntry("section" + thread, "200");
		}
	}

	@Test
	void destroyDeletesTheFileAndLaterPublicationsWriteNothing() {
		StatusPublisher publisher = new StatusPublisher(statusFile());
		publisher.publish("workers", Map.of("workers", "0"));
		assertThat(statusFile().getPath()).exists();
		publisher.destroy();
		assertThat(statusFile().getPath()).doesNotExist();
		publisher.publish("workers", Map.of("workers", "1"));
		assertThat(statusFile().getPath()).doesNotExist();
	}

	@Test
	void publishWhenTheFileCannotBeWrittenWarnsOnceAndRecovers(CapturedOutput output) throws Exception {
		StatusPublisher publisher = new StatusPublisher(statusFile());
		Files.createDirectory(statusFile().getPath());
		publisher.publish("workers", Map.of("workers", "0"));
		publisher.publish("workers", Map.of("workers", "1"));
		assertThat(output).containsOnlyOnce("Cannot write the status file for --daemon=status");
		Files.delete(statusFile().getPath());
		publisher.publish("workers", Map.of("workers", "2"));
		assertThat(statusFile().read()).containsEntry("workers", "2");
	}

	private StatusFile statusFile() {
		return new StatusFile(this.directory.resolve("app.status"));
	}

	private static Map<String, String> entries(String... keysAndValues) {
		Map<String, String> entries = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			entries.put(keysAndValues[i], keysAndValues[i + 1]);
		}
		return entries;
	}

}
