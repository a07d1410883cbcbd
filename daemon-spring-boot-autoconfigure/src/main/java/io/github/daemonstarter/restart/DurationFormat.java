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

package io.github.daemonstarter.restart;

import java.time.Duration;
import java.util.Locale;

/**
 * Formats a duration the way users write it in properties: {@code 250ms}, {@code 2s},
 * {@code 1.5s}, {@code 10m}.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class DurationFormat {

	private DurationFormat() {
	}

	/**
	 * Format a duration.
	 * @param duration the duration
	 * @return the formatted duration
	 */
	public static String of(Duration duration) {
		long millis = duration.toMillis();
		if (millis < 1000) {
			return millis + "ms";
		}
		if (millis % 60_000 == 0) {
			return (millis / 60_000) + "m";
		}
		if (millis % 1000 == 0) {
			return (millis / 1000) + "s";
		}
		return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
	}

}
