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

package io.github.daemonstarter;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Where daemon commands talk to the user: results on standard output, problems on
 * standard error, and a progress line on standard error when it is a terminal.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class DaemonConsole {

	private static final int MAX_PROGRESS_WIDTH = 100;

	private final PrintStream out;

	private final PrintStream err;

	private final boolean interactive;

	private boolean progressShown;

	/**
	 * Create a new console.
	 * @param out receives results
	 * @param err receives problems and progress
	 * @param interactive whether {@code err} is a terminal that can show a progress line
	 */
	public DaemonConsole(PrintStream out, PrintStream err, boolean interactive) {
		this.out = out;
		this.err = err;
		this.interactive = interactive;
	}

	/**
	 * Print a result line.
	 * @param line the line
	 */
	public synchronized void result(String line) {
		clearProgress();
		this.out.println(line);
		this.out.flush();
	}

	/**
	 * Print a problem line.
	 * @param line the line
	 */
	public synchronized void problem(String line) {
		clearProgress();
		this.err.println(line);
		this.err.flush();
	}

	/**
	 * Show a progress line, replacing the previous one, if standard error is a terminal.
	 * @param line the line
	 */
	public synchronized void progress(String line) {
		if (this.interactive) {
			String shown = (line.length() > MAX_PROGRESS_WIDTH) ? line.substring(0, MAX_PROGRESS_WIDTH - 1) + "…"
					: line;
			this.err.print("\r\033[K" + shown);
			this.err.flush();
			this.progressShown = true;
		}
	}

	/**
	 * Remove the progress line, if one is shown.
	 */
	public synchronized void clearProgress() {
		if (this.progressShown) {
			this.err.print("\r\033[K");
			this.err.flush();
			this.progressShown = false;
		}
	}

	/**
	 * Return whether progress is shown.
	 * @return whether standard error is a terminal
	 */
	public boolean isInteractive() {
		return this.interactive;
	}

	/**
	 * Format a time taken for the user, with tenths below a minute: {@code 3.5s},
	 * {@code 1m 15s}, {@code 2h 5m}.
	 * @param duration the time taken
	 * @return the formatted duration
	 */
	public static String formatElapsed(Duration duration) {
		long millis = Math.max(0, duration.toMillis());
		if (millis < 60_000) {
			// Rounded half up, as "%.1f" would, without a Formatter: in the cold JVM of
			// --daemon=stop, its first floating-point format loaded the locale providers,
			// 12 ms after the daemon had exited
			long tenths = (millis + 50) / 100;
			return (tenths / 10) + "." + (tenths % 10) + "s";
		}
		return formatUptime(duration);
	}

	/**
	 * Format how long something has been running, in whole units: {@code 59s},
	 * {@code 1m 1s}, {@code 1h 1m}, {@code 2d 1h}.
	 * @param duration how long it has been running
	 * @return the formatted duration
	 */
	public static String formatUptime(Duration duration) {
		long seconds = Math.max(0, duration.toSeconds());
		if (seconds < 60) {
			return seconds + "s";
		}
		if (seconds < 3600) {
			return (seconds / 60) + "m " + (seconds % 60) + "s";
		}
		if (seconds < 86400) {
			return (seconds / 3600) + "h " + ((seconds % 3600) / 60) + "m";
		}
		return (seconds / 86400) + "d " + ((seconds % 86400) / 3600) + "h";
	}

}
