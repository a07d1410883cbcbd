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
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SupervisorStatus}.
 *
 * @author Daemon Starter Team
 */
class SupervisorStatusTests {

	private static final Instant NOW = Instant.parse("2026-11-21T10:15:30.5Z");

	private final SupervisorStatus running = new SupervisorStatus(100, "RUNNING", 200L, "/var/run/app.pid",
			NOW.minusSeconds(60), 2, "exit status 70", NOW.minusSeconds(61), null, null);

	private final SupervisorStatus backoff = new SupervisorStatus(100, "BACKOFF", null, "/var/run/app.pid", null, 3,
			"killed by signal 9 (SIGKILL)", NOW.minusSeconds(1), NOW.plusSeconds(4), 300L);

	private final SupervisorStatus fresh = new SupervisorStatus(100, "RUNNING", null, "/var/run/my app=1.pid", null, 0,
			null, null, null, null);

	@Test
	void toEntriesThenFromEntriesReturnsTheStatus() {
		assertThat(SupervisorStatus.fromEntries(this.running.toEntries())).isEqualTo(this.running);
		assertThat(SupervisorStatus.fromEntries(this.backoff.toEntries())).isEqualTo(this.backoff);
		assertThat(SupervisorStatus.fromEntries(this.fresh.toEntries())).isEqualTo(this.fresh);
	}

	@Test
	void toEntriesThenFromEntriesThroughAStatusFileReturnsTheStatus(@TempDir Path directory) {
		StatusFile statusFile = new StatusFile(directory.resolve("app.status"));
		statusFile.write(this.backoff.toEntries());
		assertThat(SupervisorStatus.fromEntries(statusFile.read())).isEqualTo(this.backoff);
		statusFile.write(this.fresh.toEntries());
		assertThat(SupervisorStatus.fromEntries(statusFile.read())).isEqualTo(this.fresh);
	}

	@Test
	void toEntriesThenFromEntriesThroughAStatusFileReturnsTheReload(@TempDir Path directory) {
		SupervisorReload reload = new SupervisorReload(SupervisorReload.HANDOVER, null, 2, NOW.minusSeconds(5),
				"the new JVM (pid 300) failed to start: boom", true, 150L);
		SupervisorStatus reloaded = new SupervisorStatus(100, "RUNNING", 200L, "/var/run/app.app.next.pid",
				NOW.minusSeconds(60), 0, null, null, null, null, reload);
		StatusFile statusFile = new StatusFile(directory.resolve("app.status"));
		statusFile.write(reloaded.toEntries());
		SupervisorStatus read = SupervisorStatus.fromEntries(statusFile.read());
		assertThat(read).isEqualTo(reloaded);
		assertThat(read.reload().handsOver()).isTrue();
		assertThat(read.reload().isRefused()).isFalse();
	}

	@Test
	void toEntriesWritesEveryReloadField() {
		SupervisorReload reload = new SupervisorReload(SupervisorReload.REFUSED, "management.server.port=8081: no", 2,
				NOW, "pid 200 replaced by pid 300", false, 200L);
		assertThat(
				new SupervisorStatus(100, "RUNNING", 300L, "/var/run/app.pid", NOW, 0, null, null, null, null, reload)
					.toEntries())
			.containsEntry("supervisor.reload.mode", "refused")
			.containsEntry("supervisor.reload.detail", "management.server.port=8081: no")
			.containsEntry("supervisor.reload.count", "2")
			.containsEntry("supervisor.reload.last-at", NOW.toString())
			.containsEntry("supervisor.reload.last-result", "pid 200 replaced by pid 300")
			.containsEntry("supervisor.reload.last-failed", "false")
			.containsEntry("supervisor.reload.retiring-pid", "200");
	}

	@Test
	void fromEntriesOfAnEarlierVersionReadsAnUnknownReload() {
		Map<String, String> entries = new HashMap<>(this.running.toEntries());
		entries.keySet().removeIf((key) -> key.startsWith("supervisor.reload."));
		entries.put("supervisor.reload.count", "4");
		SupervisorStatus read = SupervisorStatus.fromEntries(entries);
		assertThat(read).isNotNull();
		assertThat(read.reload()).isSameAs(SupervisorReload.UNKNOWN);
		assertThat(read.reload().handsOver()).isFalse();
	}

	@Test
	void toEntriesWritesNoEntryForNullFields() {
		assertThat(this.fresh.toEntries()).containsOnlyKeys("supervisor.pid", "supervisor.state",
				"supervisor.application-pid-file", "supervisor.restarts", "supervisor.reload.mode",
				"supervisor.reload.count");
	}

	@Test
	void toEntriesWritesEveryField() {
		assertThat(this.running.toEntries()).containsEntry("supervisor.pid", "100")
			.containsEntry("supervisor.state", "RUNNING")
			.containsEntry("supervisor.application-pid", "200")
			.containsEntry("supervisor.application-pid-file", "/var/run/app.pid")
			.containsEntry("supervisor.application-started-at", NOW.minusSeconds(60).toString())
			.containsEntry("supervisor.restarts", "2")
			.containsEntry("supervisor.last-exit", "exit status 70")
			.containsEntry("supervisor.last-exit-at", NOW.minusSeconds(61).toString())
			.doesNotContainKeys("supervisor.next-restart-at", "supervisor.next-application-pid");
		assertThat(this.backoff.toEntries()).containsEntry("supervisor.next-restart-at", NOW.plusSeconds(4).toString())
			.containsEntry("supervisor.next-application-pid", "300");
	}

	@Test
	void fromEntriesWithMalformedNumbersAndInstantsReadsThemAsAbsent() {
		Map<String, String> entries = new HashMap<>(this.running.toEntries());
		entries.put("supervisor.application-pid", "two hundred");
		entries.put("supervisor.application-started-at", "now");
		entries.put("supervisor.restarts", "2.5");
		entries.put("supervisor.last-exit-at", "");
		entries.put("supervisor.next-restart-at", "1700000000");
		entries.put("supervisor.next-application-pid", "-");
		assertThat(SupervisorStatus.fromEntries(entries)).isEqualTo(new SupervisorStatus(100, "RUNNING", null,
				"/var/run/app.pid", null, 0, "exit status 70", null, null, null));
	}

	@Test
	void fromEntriesWithoutPidReturnsNull() {
		Map<String, String> entries = new HashMap<>(this.running.toEntries());
		entries.remove("supervisor.pid");
		assertThat(SupervisorStatus.fromEntries(entries)).isNull();
	}

	@Test
	void fromEntriesWithMalformedPidReturnsNull() {
		Map<String, String> entries = new HashMap<>(this.running.toEntries());
		entries.put("supervisor.pid", "x100");
		assertThat(SupervisorStatus.fromEntries(entries)).isNull();
	}

	@Test
	void fromEntriesWithoutStateReturnsNull() {
		Map<String, String> entries = new HashMap<>(this.running.toEntries());
		entries.remove("supervisor.state");
		assertThat(SupervisorStatus.fromEntries(entries)).isNull();
	}

	@Test
	void fromEntriesWithoutApplicationPidFileReturnsNull() {
		Map<String, String> entries = new HashMap<>(this.running.toEntries());
		entries.remove("supervisor.application-pid-file");
		assertThat(SupervisorStatus.fromEntries(entries)).isNull();
	}

	@Test
	void fromEntriesOfAWorkerStatusFileReturnsNull() {
		assertThat(SupervisorStatus.fromEntries(Map.of("pid", "42", "workers", "0"))).isNull();
		assertThat(SupervisorStatus.fromEntries(Map.of())).isNull();
	}

}
