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
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * How a process supervisor reloads its application, and how its reloads went, as it
 * publishes them in its {@link StatusFile}.
 *
 * @param mode how a reload is done: {@link #HANDOVER}, {@link #RESTART} or
 * {@link #REFUSED}
 * @param detail why a reload is a restart or refused, or {@code null}
 * @param count how many reloads replaced the application
 * @param lastAt when the last reload ended, if one has
 * @param lastResult what the last reload did, such as {@code pid 12 replaced by pid 34},
 * or why it failed
 * @param lastFailed whether the last reload failed
 * @param retiringPid the PID of the application JVM that a reload replaced and that is
 * stopping, while it finishes its requests in flight
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public record SupervisorReload(String mode, @Nullable String detail, int count, @Nullable Instant lastAt,
		@Nullable String lastResult, boolean lastFailed, @Nullable Long retiringPid) {

	/**
	 * The mode of a supervisor that starts a new JVM on the same listening socket and
	 * stops the old one once the new one is ready.
	 */
	public static final String HANDOVER = "handover";

	/**
	 * The mode of a supervisor that stops the application and starts it again.
	 */
	public static final String RESTART = "restart";

	/**
	 * The mode of a supervisor that refuses to reload.
	 */
	public static final String REFUSED = "refused";

	/**
	 * What a supervisor of an earlier version publishes: reloads restart.
	 */
	public static final SupervisorReload UNKNOWN = new SupervisorReload(RESTART, null, 0, null, null, false, null);

	private static final String PREFIX = "supervisor.reload.";

	/**
	 * Return whether a reload hands the listening socket over.
	 * @return whether the mode is {@link #HANDOVER}
	 */
	public boolean handsOver() {
		return HANDOVER.equals(this.mode);
	}

	/**
	 * Return whether reloads are refused.
	 * @return whether the mode is {@link #REFUSED}
	 */
	public boolean isRefused() {
		return REFUSED.equals(this.mode);
	}

	void putTo(Map<String, String> entries) {
		entries.put(PREFIX + "mode", this.mode);
		StatusEntries.putIfNotNull(entries, PREFIX + "detail", this.detail);
		entries.put(PREFIX + "count", Integer.toString(this.count));
		StatusEntries.putIfNotNull(entries, PREFIX + "last-at", this.lastAt);
		StatusEntries.putIfNotNull(entries, PREFIX + "last-result", this.lastResult);
		if (this.lastAt != null) {
			entries.put(PREFIX + "last-failed", Boolean.toString(this.lastFailed));
		}
		StatusEntries.putIfNotNull(entries, PREFIX + "retiring-pid", this.retiringPid);
	}

	static SupervisorReload fromEntries(Map<String, String> entries) {
		String mode = entries.get(PREFIX + "mode");
		if (mode == null) {
			return UNKNOWN;
		}
		return new SupervisorReload(mode, entries.get(PREFIX + "detail"),
				StatusEntries.getInt(entries, PREFIX + "count", 0),
				StatusEntries.getInstant(entries, PREFIX + "last-at"), entries.get(PREFIX + "last-result"),
				Boolean.parseBoolean(entries.get(PREFIX + "last-failed")),
				StatusEntries.getLong(entries, PREFIX + "retiring-pid"));
	}

}
