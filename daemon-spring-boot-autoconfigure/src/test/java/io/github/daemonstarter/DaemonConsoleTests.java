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

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DaemonConsole}.
 *
 * @author Daemon Starter Team
 */
class DaemonConsoleTests {

	private static final String CLEAR_LINE = "\r\033[K";

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void resultGoesToStandardOutput() {
		DaemonConsole console = console(false);
		console.result("app is running");
		assertThat(out()).isEqualTo("app is running" + System.lineSeparator());
		assertThat(err()).isEmpty();
	}

	@Test
	void problemGoesToStandardError() {
		DaemonConsole console = console(false);
		console.problem("app failed to start");
		assertThat(err()).isEqualTo("app failed to start" + System.lineSeparator());
		assertThat(out()).isEmpty();
	}

	@Test
	void progressWhenNotInteractiveShowsNothing() {
		DaemonConsole console = console(false);
		console.progress("Starting app");
		console.result("Started app");
		assertThat(console.isInteractive()).isFalse();
		assertThat(err()).isEmpty();
		assertThat(out()).isEqualTo("Started app" + System.lineSeparator());
	}

	@Test
	void progressWhenInteractiveReplacesTheLine() {
		DaemonConsole console = console(true);
		console.progress("Starting app 0.1s");
		console.progress("Starting app 0.2s");
		assertThat(console.isInteractive()).isTrue();
		assertThat(err()).isEqualTo(CLEAR_LINE + "Starting app 0.1s" + CLEAR_LINE + "Starting app 0.2s");
		assertThat(out()).isEmpty();
	}

	@Test
	void resultWhenProgressShownClearsProgressFirst() {
		DaemonConsole console = console(true);
		console.progress("Starting app");
		console.result("Started app");
		assertThat(err()).isEqualTo(CLEAR_LINE + "Starting app" + CLEAR_LINE);
		assertThat(out()).isEqualTo("Started app" + System.lineSeparator());
	}

	@Test
	void problemWhenProgressShownClearsProgressFirst() {
		DaemonConsole console = console(true);
		console.progress("Starting app");
		console.problem("app failed to start");
		assertThat(err())
			.isEqualTo(CLEAR_LINE + "Starting app" + CLEAR_LINE + "app failed to start" + System.lineSeparator());
	}

	@Test
	void clearProgressWhenNoneShownPrintsNothing() {
		DaemonConsole console = console(true);
		console.clearProgress();
		console.result("done");
		assertThat(err()).isEmpty();
	}

	@Test
	void clearProgressClearsOnlyOnce() {
		DaemonConsole console = console(true);
		console.progress("Stopping app");
		console.clearProgress();
		console.clearProgress();
		console.problem("still running");
		assertThat(err())
			.isEqualTo(CLEAR_LINE + "Stopping app" + CLEAR_LINE + "still running" + System.lineSeparator());
	}

	@Test
	void progressWhenLongerThanOneHundredCharactersIsShortened() {
		DaemonConsole console = console(true);
		console.progress("x".repeat(150));
		assertThat(err()).isEqualTo(CLEAR_LINE + "x".repeat(99) + "…");
	}

	@Test
	void progressOfOneHundredCharactersIsShownWhole() {
		DaemonConsole console = console(true);
		console.progress("x".repeat(100));
		assertThat(err()).isEqualTo(CLEAR_LINE + "x".repeat(100));
	}

	private DaemonConsole console(boolean interactive) {
		return new DaemonConsole(new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8), interactive);
	}

	@Test
	void formatElapsedBelowAMinuteRoundsToTenthsAsFormatWould() {
		for (long millis = 0; millis < 60_000; millis++) {
			assertThat(DaemonConsole.formatElapsed(Duration.ofMillis(millis)))
				.isEqualTo(String.format(Locale.ROOT, "%.1fs", millis / 1000.0));
		}
	}

	@Test
	void formatElapsedOfANegativeDurationIsZero() {
		assertThat(DaemonConsole.formatElapsed(Duration.ofMillis(-5))).isEqualTo("0.0s");
	}

	private String out() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	private String err() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

}
