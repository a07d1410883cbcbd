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

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.daemonstarter.DaemonConsole;
import io.github.daemonstarter.status.AvailabilityStatus;
import io.github.daemonstarter.status.WorkerStatus;
import io.github.daemonstarter.status.WorkerTable;
import org.jspecify.annotations.Nullable;

/**
 * Tells from the status file of a running application whether it is degraded, and why, in
 * the words that {@code --daemon=status} puts into its one line: a worker that gave up
 * (critical or not), liveness {@code BROKEN}, or readiness {@code REFUSING_TRAFFIC}. An
 * application that is still starting, whose readiness is not published yet, is not
 * degraded.
 *
 * @author Daemon Starter Team
 */
final class DegradedStatus {

	private static final int MAX_WORKERS_NAMED = 3;

	private DegradedStatus() {
	}

	/**
	 * Describe why the application is degraded.
	 * @param entries the entries of the application's status file, which the running
	 * application wrote
	 * @param now the current time, to tell how long ago things happened
	 * @return why it is degraded, such as
	 * {@code worker flaky gave up 2m 5s ago (critical, liveness BROKEN)}, or {@code null}
	 * if it is not
	 */
	static @Nullable String describe(Map<String, String> entries, Instant now) {
		AvailabilityStatus availability = AvailabilityStatus.fromEntries(entries);
		List<WorkerStatus> gaveUp = WorkerStatus.fromEntries(entries)
			.stream()
			.filter((worker) -> "FAILED".equals(worker.state()))
			.toList();
		List<String> reasons = new ArrayList<>();
		boolean brokenExplained = false;
		for (WorkerStatus worker : gaveUp.subList(0, Math.min(gaveUp.size(), MAX_WORKERS_NAMED))) {
			boolean explainsBroken = worker.critical() && availability.isBroken() && !brokenExplained;
			reasons.add(gaveUp(worker, explainsBroken, now));
			brokenExplained |= explainsBroken;
		}
		if (gaveUp.size() > MAX_WORKERS_NAMED) {
			reasons.add((gaveUp.size() - MAX_WORKERS_NAMED) + " more workers gave up");
		}
		if (availability.isBroken() && !brokenExplained) {
			reasons.add("liveness BROKEN" + ago(availability.livenessSince(), now));
		}
		if (availability.isRefusingTraffic()) {
			reasons.add("readiness REFUSING_TRAFFIC" + ago(availability.readinessSince(), now));
		}
		return reasons.isEmpty() ? null : String.join("; ", reasons);
	}

	private static String gaveUp(WorkerStatus worker, boolean explainsBroken, Instant now) {
		String detail = worker.critical() ? "critical" : "not critical";
		if (explainsBroken) {
			detail += ", liveness BROKEN";
		}
		return "worker " + WorkerTable.printable(worker.name()) + " gave up" + ago(worker.lastFailureAt(), now) + " ("
				+ detail + ")";
	}

	private static String ago(@Nullable Instant then, Instant now) {
		if (then == null) {
			return "";
		}
		Duration elapsed = Duration.between(then, now);
		return " " + DaemonConsole.formatUptime(elapsed.isNegative() ? Duration.ZERO : elapsed) + " ago";
	}

}
