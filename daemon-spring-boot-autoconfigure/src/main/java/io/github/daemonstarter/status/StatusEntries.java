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

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Reads and writes typed values in the entries of a {@link StatusFile}. A malformed value
 * reads as absent.
 *
 * @author Daemon Starter Team
 */
final class StatusEntries {

	private StatusEntries() {
	}

	static void putIfNotNull(Map<String, String> entries, String key, @Nullable Object value) {
		if (value != null) {
			entries.put(key, value.toString());
		}
	}

	static int getInt(Map<String, String> entries, String key, int defaultValue) {
		Long value = getLong(entries, key);
		return (value != null && value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) ? value.intValue()
				: defaultValue;
	}

	static @Nullable Long getLong(Map<String, String> entries, String key) {
		String value = entries.get(key);
		if (value == null) {
			return null;
		}
		try {
			return Long.valueOf(value.trim());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	static @Nullable Instant getInstant(Map<String, String> entries, String key) {
		String value = entries.get(key);
		if (value == null) {
			return null;
		}
		try {
			return Instant.parse(value.trim());
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
