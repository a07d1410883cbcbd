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

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WorkerTable}.
 *
 * @author Daemon Starter Team
 */
class WorkerTableTests {

	private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

	@Test
	void linesShowAnAlignedTableOfTheWorkers() {
		List<WorkerStatus> workers = List.of(
				new WorkerStatus("orders", "RUNNING", 0, false, null, null, null, NOW.minusSeconds(90)),
				new WorkerStatus("billing", "BACKOFF", 3, false, "java.lang.IllegalStateException: boom",
						NOW.minusSeconds(5), NOW.plusSeconds(20), null),
				new WorkerStatus("mailer", "FAILED", 10, true, "java.io.IOException: disk full",
						NOW.minus(Duration.ofHours(2).plusMinutes(3).plusSeconds(7)), null, null),
				new WorkerStatus("archiver", "STOPPED", 1, false, "java.lang.Error", null, null, null));
		assertThat(WorkerTable.lines(workers, NOW)).containsExactly(
				"  WORKER    STATE                    RESTARTS  LAST FAILURE",
				"  orders    running for 1m 30s       0         -",
				"  billing   backoff, restart in 20s  3         5s ago: java.lang.IllegalStateException: boom",
				"  mailer    failed (critical)        10        2h 3m ago: java.io.IOException: disk full",
				"  archiver  stopped                  1         java.lang.Error");
	}

	@Test
	void linesWithoutWorkersAreEmpty() {
		assertThat(WorkerTable.lines(List.of(), NOW)).isEmpty();
	}

	@Test
	void linesOfAFailedWorkerThatIsNotCriticalShowItsStateOnly() {
		List<WorkerStatus> workers = List
			.of(new WorkerStatus("mailer", "FAILED", 0, false, "java.lang.Error", NOW.minusSeconds(3), null, null));
		assertThat(WorkerTable.lines(workers, NOW)).last()
			.isEqualTo("  mailer  failed  0         3s ago: java.lang.Error");
	}

	@Test
	void linesOfACriticalWorkerThatRunsDoNotSayCritical() {
		List<WorkerStatus> workers = List
			.of(new WorkerStatus("orders", "RUNNING", 0, true, null, null, null, NOW.minus(Duration.ofDays(2))));
		assertThat(WorkerTable.lines(workers, NOW)).last().isEqualTo("  orders  running for 2d 0h  0         -");
	}

	@Test
	void linesWithTimesInTheFutureOrPastClampThemToZero() {
		List<WorkerStatus> workers = List.of(
				new WorkerStatus("orders", "RUNNING", 0, false, "java.lang.Error", NOW.plusSeconds(30), null,
						NOW.plusSeconds(60)),
				new WorkerStatus("billing", "BACKOFF", 1, false, null, null, NOW.minusSeconds(30), null));
		assertThat(WorkerTable.lines(workers, NOW)).containsExactly(
				"  WORKER   STATE                   RESTARTS  LAST FAILURE",
				"  orders   running for 0s          0         0s ago: java.lang.Error",
				"  billing  backoff, restart in 0s  1         -");
	}

	@Test
	void linesReplaceControlCharactersBySpaces() {
		String hostile = "a\u001b[2Jb\rc\nd\u0007e\u202Ef\u0085g\tH";
		List<WorkerStatus> workers = List
			.of(new WorkerStatus(hostile, "RUN\u001bNING", 0, false, "java.lang.Error: " + hostile, null, null, null));
		List<String> lines = WorkerTable.lines(workers, NOW);
		assertThat(lines).hasSize(2);
		assertThat(lines.get(1))
			.isEqualTo("  a [2Jb c d e f g H  run ning  0         java.lang.Error: a [2Jb c d e f g H");
		assertThat(lines).allSatisfy((line) -> assertThat(line.codePoints())
			.noneMatch((codePoint) -> Character.isISOControl(codePoint) || codePoint == 0x202E));
	}

	@Test
	void linesTruncateALongFailureWithAnEllipsis() {
		String message = "java.lang.IllegalStateException: " + "x".repeat(200);
		List<WorkerStatus> workers = List
			.of(new WorkerStatus("orders", "STOPPED", 0, false, message, NOW.minusSeconds(61), null, null));
		String line = WorkerTable.lines(workers, NOW).get(1);
		String failure = line.substring(line.indexOf("1m 1s ago: ") + "1m 1s ago: ".length());
		assertThat(failure).hasSize(100).startsWith("java.lang.IllegalStateException: xxx").endsWith("x…");
		assertThat(message).startsWith(failure.substring(0, 99));
	}

	@Test
	void linesKeepAFailureOfTheMaximumWidth() {
		String message = "y".repeat(100);
		List<WorkerStatus> workers = List
			.of(new WorkerStatus("orders", "STOPPED", 0, false, message, null, null, null));
		assertThat(WorkerTable.lines(workers, NOW).get(1)).endsWith("  " + message);
	}

	@Test
	void linesTruncateALongFailureByDisplayWidthBetweenCodePoints() {
		String message = "😀".repeat(150);
		List<WorkerStatus> workers = List
			.of(new WorkerStatus("orders", "STOPPED", 0, false, message, null, null, null));
		String line = WorkerTable.lines(workers, NOW).get(1);
		String failure = line.substring(line.indexOf("😀"));
		assertThat(failure).isEqualTo("😀".repeat(49) + "…");
	}

	@Test
	void linesAlignColumnsByDisplayWidthOfWideCharactersEmojiAndCombiningMarks() {
		List<WorkerStatus> workers = List.of(stopped("注文処理"), stopped("cafe\u0301"), stopped("😀"), stopped("orders"));
		assertThat(WorkerTable.lines(workers, NOW)).containsExactly("  WORKER    STATE    RESTARTS  LAST FAILURE",
				"  注文処理  stopped  0         -", "  cafe\u0301      stopped  0         -",
				"  😀        stopped  0         -", "  orders    stopped  0         -");
	}

	@Test
	void linesAlignColumnsAfterAFullwidthState() {
		List<WorkerStatus> workers = List.of(new WorkerStatus("orders", "ＲＵＮ", 0, false, null, null, null, null),
				new WorkerStatus("billing", "STOPPED", 12, false, null, null, null, null));
		assertThat(WorkerTable.lines(workers, NOW)).containsExactly("  WORKER   STATE    RESTARTS  LAST FAILURE",
				"  orders   ｒｕｎ   0         -", "  billing  stopped  12        -");
	}

	private static WorkerStatus stopped(String name) {
		return new WorkerStatus(name, "STOPPED", 0, false, null, null, null, null);
	}

	@Test
	void printableReplacesLineAndParagraphSeparators() {
		assertThat(WorkerTable.printable("a\u2028b\u2029c")).isEqualTo("a b c");
	}

	@Test
	void printableKeepsUnicodeText() {
		assertThat(WorkerTable.printable("café ✓ 日本 😀")).isEqualTo("café ✓ 日本 😀");
	}

}
