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

}
