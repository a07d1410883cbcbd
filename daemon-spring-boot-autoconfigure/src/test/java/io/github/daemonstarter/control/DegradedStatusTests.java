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

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.daemonstarter.status.AvailabilityStatus;
import io.github.daemonstarter.status.WorkerStatus;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DegradedStatus}.
 *
 * @author Daemon Starter Team
 */
class DegradedStatusTests {

	private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

	private static final AvailabilityStatus HEALTHY = new AvailabilityStatus("CORRECT", NOW.minusSeconds(3600),
			"ACCEPTING_TRAFFIC", NOW.minusSeconds(3600));

	@Test
	void describeWhenHealthyReturnsNull() {
		assertThat(describe(HEALTHY, running("ticker"), running("flaky"))).isNull();
	}

	@Test
	void describeWithoutEntriesReturnsNull() {
		assertThat(DegradedStatus.describe(Map.of(), NOW)).isNull();
	}

	@Test
	void describeWhileStartingBeforeReadinessIsPublishedReturnsNull() {
		assertThat(describe(new AvailabilityStatus("CORRECT", NOW, null, null), running("ticker"))).isNull();
	}

	@Test
	void describeWhenCriticalWorkerGaveUpNamesItAndTheBrokenLiveness() {
		AvailabilityStatus broken = new AvailabilityStatus("BROKEN", NOW.minusSeconds(120), "ACCEPTING_TRAFFIC",
				NOW.minusSeconds(3600));
		assertThat(describe(broken, running("ticker"), gaveUp("flaky", true, 121)))
			.isEqualTo("worker flaky gave up 2m 1s ago (critical, liveness BROKEN)");
	}

	@Test
	void describeWhenWorkerThatIsNotCriticalGaveUpSaysSo() {
		assertThat(describe(HEALTHY, gaveUp("flaky", false, 5)))
			.isEqualTo("worker flaky gave up 5s ago (not critical)");
	}

	@Test
	void describeWhenLivenessIsBrokenWithoutWorkersSaysSince() {
		AvailabilityStatus broken = new AvailabilityStatus("BROKEN", NOW.minusSeconds(60), "ACCEPTING_TRAFFIC",
				NOW.minusSeconds(3600));
		assertThat(describe(broken)).isEqualTo("liveness BROKEN 1m 0s ago");
	}

	@Test
	void describeWhenRefusingTrafficSaysSince() {
		AvailabilityStatus refusing = new AvailabilityStatus("CORRECT", NOW.minusSeconds(3600), "REFUSING_TRAFFIC",
				NOW.minusSeconds(3));
		assertThat(describe(refusing, running("ticker"))).isEqualTo("readiness REFUSING_TRAFFIC 3s ago");
	}

	@Test
	void describeWithSeveralReasonsNamesEachOnceInOneLine() {
		AvailabilityStatus both = new AvailabilityStatus("BROKEN", NOW.minusSeconds(10), "REFUSING_TRAFFIC", null);
		assertThat(describe(both, gaveUp("mailer", false, 30), gaveUp("orders", true, 10), gaveUp("billing", true, 9)))
			.isEqualTo("worker mailer gave up 30s ago (not critical); worker orders gave up 10s ago (critical, "
					+ "liveness BROKEN); worker billing gave up 9s ago (critical); readiness REFUSING_TRAFFIC");
	}

	@Test
	void describeWhenManyWorkersGaveUpNamesTheFirstThree() {
		assertThat(describe(HEALTHY, gaveUp("a", false, 1), gaveUp("b", false, 1), gaveUp("c", false, 1),
				gaveUp("d", false, 1), gaveUp("e", false, 1)))
			.isEqualTo("worker a gave up 1s ago (not critical); worker b gave up 1s ago (not critical); "
					+ "worker c gave up 1s ago (not critical); 2 more workers gave up");
	}

	@Test
	void describeReplacesControlCharactersInWorkerNames() {
		assertThat(describe(HEALTHY, gaveUp("evil\n\u001b[2J", false, 1)))
			.isEqualTo("worker evil  [2J gave up 1s ago (not critical)");
	}

	@Test
	void describeIgnoresUnknownAvailabilityStates() {
		assertThat(describe(new AvailabilityStatus("UNKNOWN", NOW, "MAYBE", NOW))).isNull();
	}

	private static @Nullable String describe(AvailabilityStatus availability, WorkerStatus... workers) {
		Map<String, String> entries = new LinkedHashMap<>(WorkerStatus.toEntries(42, List.of(workers)));
		entries.putAll(availability.toEntries());
		return DegradedStatus.describe(entries, NOW);
	}

	private static WorkerStatus running(String name) {
		return new WorkerStatus(name, "RUNNING", 0, false, null, null, null, NOW.minusSeconds(60));
	}

	private static WorkerStatus gaveUp(String name, boolean critical, long secondsAgo) {
		return new WorkerStatus(name, "FAILED", 3, critical, "java.lang.IllegalStateException: boom",
				NOW.minusSeconds(secondsAgo), null, null);
	}

}
