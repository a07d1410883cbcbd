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

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for {@link WorkerStatus}.
 *
 * @author Daemon Starter Team
 */
class WorkerStatusTests {

	private static final Instant NOW = Instant.parse("2026-11-21T10:15:30.123456789Z");

	private final WorkerStatus running = new WorkerStatus("orders", "RUNNING", 0, false, null, null, null,
			NOW.minusSeconds(90));

	private final WorkerStatus backoff = new WorkerStatus("billing", "BACKOFF", 3, true,
			"java.lang.IllegalStateException: boom = bang: #1", NOW.minusSeconds(5), NOW.plusSeconds(20), null);

	private final WorkerStatus failed = new WorkerStatus("mailer", "FAILED", 10, true, "java.io.IOException",
			NOW.minusSeconds(600), null, null);

	@Test
	void toEntriesThenFromEntriesReturnsTheWorkers() {
		List<WorkerStatus> workers = List.of(this.running, this.backoff, this.failed);
		assertThat(WorkerStatus.fromEntries(WorkerStatus.toEntries(42, workers))).containsExactlyElementsOf(workers);
	}

	@Test
	void toEntriesThenFromEntriesThroughAStatusFileReturnsTheWorkers(@TempDir Path directory) {
		List<WorkerStatus> workers = List.of(this.running, this.backoff, this.failed);
		StatusFile statusFile = new StatusFile(directory.resolve("app.status"));
		statusFile.write(WorkerStatus.toEntries(42, workers));
		Map<String, String> entries = statusFile.read();
		assertThat(WorkerStatus.pid(entries)).isEqualTo(42L);
		assertThat(WorkerStatus.fromEntries(entries)).containsExactlyElementsOf(workers);
	}

	@Test
	void toEntriesOfTheWorkersSectionHasNoPid() {
		Map<String, String> entries = WorkerStatus.toEntries(List.of(this.running));
		assertThat(entries).doesNotContainKey("pid").containsEntry("workers", "1");
		assertThat(WorkerStatus.fromEntries(entries)).containsExactly(this.running);
	}

	@Test
	void toEntriesWritesPidCountAndFieldsOfEachWorker() {
		Map<String, String> entries = WorkerStatus.toEntries(42, List.of(this.running, this.backoff));
		assertThat(entries).containsEntry("pid", "42")
			.containsEntry("workers", "2")
			.containsEntry("worker.0.name", "orders")
			.containsEntry("worker.0.state", "RUNNING")
			.containsEntry("worker.0.restarts", "0")
			.containsEntry("worker.0.critical", "false")
			.containsEntry("worker.0.running-since", NOW.minusSeconds(90).toString())
			.doesNotContainKeys("worker.0.last-failure", "worker.0.last-failure-at", "worker.0.next-restart-at")
			.containsEntry("worker.1.name", "billing")
			.containsEntry("worker.1.restarts", "3")
			.containsEntry("worker.1.critical", "true")
			.containsEntry("worker.1.last-failure", "java.lang.IllegalStateException: boom = bang: #1")
			.containsEntry("worker.1.last-failure-at", NOW.minusSeconds(5).toString())
			.containsEntry("worker.1.next-restart-at", NOW.plusSeconds(20).toString())
			.doesNotContainKey("worker.1.running-since");
	}

	@Test
	void toEntriesWithoutWorkersWritesPidAndZeroCount() {
		Map<String, String> entries = WorkerStatus.toEntries(42, List.of());
		assertThat(entries).containsExactly(entry("pid", "42"), entry("workers", "0"));
		assertThat(WorkerStatus.fromEntries(entries)).isEmpty();
	}

	@Test
	void pidReturnsThePid() {
		assertThat(WorkerStatus.pid(Map.of("pid", " 4711 "))).isEqualTo(4711L);
	}

	@Test
	void pidWhenAbsentOrMalformedReturnsNull() {
		assertThat(WorkerStatus.pid(Map.of())).isNull();
		assertThat(WorkerStatus.pid(Map.of("pid", "abc"))).isNull();
		assertThat(WorkerStatus.pid(Map.of("pid", ""))).isNull();
		assertThat(WorkerStatus.pid(Map.of("pid", "99999999999999999999"))).isNull();
	}

	@Test
	void fromEntriesWithMalformedNumbersAndInstantsReadsThemAsAbsent() {
		Map<String, String> entries = new HashMap<>(WorkerStatus.toEntries(42, List.of(this.backoff)));
		entries.put("worker.0.restarts", "three");
		entries.put("worker.0.critical", "maybe");
		entries.put("worker.0.last-failure-at", "yesterday");
		entries.put("worker.0.next-restart-at", "2026-13-45T99:99:99Z");
		entries.put("worker.0.running-since", "");
		assertThat(WorkerStatus.fromEntries(entries)).singleElement().satisfies((worker) -> {
			assertThat(worker.name()).isEqualTo("billing");
			assertThat(worker.state()).isEqualTo("BACKOFF");
			assertThat(worker.restarts()).isZero();
			assertThat(worker.critical()).isFalse();
			assertThat(worker.lastFailure()).isEqualTo(this.backoff.lastFailure());
			assertThat(worker.lastFailureAt()).isNull();
			assertThat(worker.nextRestartAt()).isNull();
			assertThat(worker.runningSince()).isNull();
		});
	}

	@Test
	void fromEntriesWithRestartsBeyondIntReadsThemAsZero() {
		Map<String, String> entries = new HashMap<>(WorkerStatus.toEntries(42, List.of(this.running)));
		entries.put("worker.0.restarts", "3000000000");
		assertThat(WorkerStatus.fromEntries(entries)).singleElement()
			.satisfies((worker) -> assertThat(worker.restarts()).isZero());
	}

	@Test
	void fromEntriesWhenAWorkerLacksANameEndsTheList() {
		Map<String, String> entries = new HashMap<>(
				WorkerStatus.toEntries(42, List.of(this.running, this.backoff, this.failed)));
		entries.remove("worker.1.name");
		assertThat(WorkerStatus.fromEntries(entries)).containsExactly(this.running);
	}

	@Test
	void fromEntriesWhenAWorkerLacksAStateEndsTheList() {
		Map<String, String> entries = new HashMap<>(
				WorkerStatus.toEntries(42, List.of(this.running, this.backoff, this.failed)));
		entries.remove("worker.2.state");
		assertThat(WorkerStatus.fromEntries(entries)).containsExactly(this.running, this.backoff);
	}

	@Test
	void fromEntriesWhenCountIsAbsentMalformedOrNegativeReturnsNoWorkers() {
		Map<String, String> entries = new HashMap<>(WorkerStatus.toEntries(42, List.of(this.running)));
		entries.remove("workers");
		assertThat(WorkerStatus.fromEntries(entries)).isEmpty();
		entries.put("workers", "one");
		assertThat(WorkerStatus.fromEntries(entries)).isEmpty();
		entries.put("workers", "-1");
		assertThat(WorkerStatus.fromEntries(entries)).isEmpty();
	}

	@Test
	void fromEntriesWhenCountIsSmallerThanTheWorkersReturnsCountWorkers() {
		Map<String, String> entries = new HashMap<>(
				WorkerStatus.toEntries(42, List.of(this.running, this.backoff, this.failed)));
		entries.put("workers", "1");
		assertThat(WorkerStatus.fromEntries(entries)).containsExactly(this.running);
	}

	@Test
	@Timeout(value = 10, threadMode = ThreadMode.SEPARATE_THREAD)
	void fromEntriesWhenCountIsHugeReturnsTheWorkersThatArePresentAtOnce() {
		Map<String, String> entries = new HashMap<>(WorkerStatus.toEntries(42, List.of(this.running)));
		entries.put("workers", Integer.toString(Integer.MAX_VALUE));
		List<WorkerStatus> workers = WorkerStatus.fromEntries(entries);
		assertThat(workers).containsExactly(this.running);
	}

	@Test
	@Timeout(value = 10, threadMode = ThreadMode.SEPARATE_THREAD)
	void fromEntriesWhenCountIsHugeAndEveryWorkerIsPresentStopsAtALimit() {
		Map<String, String> entries = new HashMap<>();
		entries.put("workers", Long.toString(Long.MAX_VALUE - 1));
		for (int i = 0; i < 20_000; i++) {
			entries.put("worker." + i + ".name", "w" + i);
			entries.put("worker." + i + ".state", "RUNNING");
		}
		List<WorkerStatus> workers = WorkerStatus.fromEntries(entries);
		assertThat(workers).hasSizeLessThanOrEqualTo(20_000);
	}

}
