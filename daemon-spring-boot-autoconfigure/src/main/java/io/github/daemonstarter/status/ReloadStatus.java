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
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * How often a daemon has reloaded and how its last reload went, as it publishes it in its
 * {@link StatusFile} so that {@code --daemon=reload} can tell when its reload is done.
 *
 * @param count how many reloads have completed since the application started
 * @param lastAt when the last reload completed, if any did
 * @param lastFailure why the last reload failed, or {@code null} if it succeeded
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public record ReloadStatus(int count, @Nullable Instant lastAt, @Nullable String lastFailure) {

	/**
	 * Name of the section of the status file that holds the reloads.
	 */
	public static final String SECTION = "reload";

	private static final String PREFIX = SECTION + ".";

	/**
	 * Return the entries that describe this status in a status file.
	 * @return the entries
	 */
	public Map<String, String> toEntries() {
		Map<String, String> entries = new LinkedHashMap<>();
		entries.put(PREFIX + "count", Integer.toString(this.count));
		StatusEntries.putIfNotNull(entries, PREFIX + "last-at", this.lastAt);
		StatusEntries.putIfNotNull(entries, PREFIX + "last-failure", this.lastFailure);
		return entries;
	}

	/**
	 * Return whether the entries of a status file announce that their daemon reloads on
	 * {@code SIGHUP}, which it does once it is ready.
	 * @param entries the entries of a status file
	 * @return whether they hold a reload count
	 */
	public static boolean isAnnounced(Map<String, String> entries) {
		return StatusEntries.getLong(entries, PREFIX + "count") != null;
	}

	/**
	 * Return the reload status described by the entries of a status file.
	 * @param entries the entries of a status file
	 * @return the status, with a count of {@code 0} if the entries describe no reload
	 */
	public static ReloadStatus fromEntries(Map<String, String> entries) {
		return new ReloadStatus(StatusEntries.getInt(entries, PREFIX + "count", 0),
				StatusEntries.getInstant(entries, PREFIX + "last-at"), entries.get(PREFIX + "last-failure"));
	}

}
