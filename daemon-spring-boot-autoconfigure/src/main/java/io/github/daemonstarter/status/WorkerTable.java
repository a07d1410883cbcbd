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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.daemonstarter.DaemonConsole;
import org.jspecify.annotations.Nullable;

/**
 * Renders workers as the small table that {@code --daemon=status} shows on a terminal.
 * Names and messages are stripped of control characters, so a failure message cannot move
 * the cursor or change the terminal's colours. Columns are aligned by the width that text
 * takes on the terminal, so that names in Chinese, Japanese or Korean, or with emoji or
 * combining accents, keep the columns straight.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class WorkerTable {

	private static final int MAX_FAILURE_WIDTH = 100;

	private static final String[] HEADERS = { "WORKER", "STATE", "RESTARTS", "LAST FAILURE" };

	private WorkerTable() {
	}

	/**
	 * Return the lines of the table, headers first.
	 * @param workers the workers, in start order
	 * @param now the current time, to tell how long ago things happened
	 * @return the lines, or an empty list if there are no workers
	 */
	public static List<String> lines(List<WorkerStatus> workers, Instant now) {
		if (workers.isEmpty()) {
			return List.of();
		}
		List<String[]> rows = new ArrayList<>();
		rows.add(HEADERS);
		for (WorkerStatus worker : workers) {
			rows.add(new String[] { printable(worker.name()), state(worker, now), Integer.toString(worker.restarts()),
					failure(worker, now) });
		}
		int[] widths = new int[HEADERS.length];
		for (String[] row : rows) {
			for (int i = 0; i < row.length; i++) {
				widths[i] = Math.max(widths[i], DisplayWidth.of(row[i]));
			}
		}
		List<String> lines = new ArrayList<>();
		for (String[] row : rows) {
			StringBuilder line = new StringBuilder(" ");
			for (int i = 0; i < row.length; i++) {
				line.append(' ').append(row[i]);
				if (i < row.length - 1) {
					line.append(" ".repeat(widths[i] - DisplayWidth.of(row[i]) + 1));
				}
			}
			lines.add(line.toString().stripTrailing());
		}
		return lines;
	}

	private static String state(WorkerStatus worker, Instant now) {
		String state = printable(worker.state()).toLowerCase(Locale.ROOT);
		if (worker.runningSince() != null) {
			return state + " for " + ago(worker.runningSince(), now);
		}
		if (worker.nextRestartAt() != null) {
			Duration wait = Duration.between(now, worker.nextRestartAt());
			return state + ", restart in " + DaemonConsole.formatUptime(wait.isNegative() ? Duration.ZERO : wait);
		}
		if (worker.critical() && "FAILED".equals(worker.state())) {
			return state + " (critical)";
		}
		return state;
	}

	private static String failure(WorkerStatus worker, Instant now) {
		String failure = worker.lastFailure();
		if (failure == null) {
			return "-";
		}
		String text = DisplayWidth.truncate(printable(failure), MAX_FAILURE_WIDTH);
		return (worker.lastFailureAt() != null) ? ago(worker.lastFailureAt(), now) + " ago: " + text : text;
	}

	private static String ago(@Nullable Instant then, Instant now) {
		if (then == null) {
			return "?";
		}
		Duration elapsed = Duration.between(then, now);
		return DaemonConsole.formatUptime(elapsed.isNegative() ? Duration.ZERO : elapsed);
	}

	/**
	 * Return the text with each control character replaced by a space, so that it can be
	 * shown on a terminal safely.
	 * @param text the text
	 * @return the printable text
	 */
	public static String printable(String text) {
		StringBuilder printable = new StringBuilder(text.length());
		text.codePoints().forEach((codePoint) -> printable.appendCodePoint(isControl(codePoint) ? ' ' : codePoint));
		return printable.toString();
	}

	private static boolean isControl(int codePoint) {
		int type = Character.getType(codePoint);
		return Character.isISOControl(codePoint) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
				|| type == Character.PARAGRAPH_SEPARATOR;
	}

}
