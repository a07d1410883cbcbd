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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The state of one worker of the watchdog, as a daemon publishes it in its
 * {@link StatusFile}.
 *
 * @param name the worker name
 * @param state the worker state, such as {@code RUNNING} or {@code BACKOFF}
 * @param restarts how many times the worker has been restarted
 * @param critical whether the application is broken when the worker gives up
 * @param lastFailure the last failure ({@code type: message}), if any
 * @param lastFailureAt when the last failure happened, if any
 * @param nextRestartAt when the worker restarts, if it is in backoff
 * @param runningSince when the current run started, if it runs
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public record WorkerStatus(String name, String state, int restarts, boolean critical, @Nullable String lastFailure,
		@Nullable Instant lastFailureAt, @Nullable Instant nextRestartAt, @Nullable Instant runningSince) {

	private static final String PID = "pid";

	private static final String COUNT = "workers";

	private static final String PREFIX = "worker.";

	/**
	 * Return the entries that describe the given workers in a status file.
	 * @param pid the process id of the application that runs the workers
	 * @param workers the workers, in start order
	 * @return the entries
	 */
	public static Map<String, String> toEntries(long pid, List<WorkerStatus> workers) {
		Map<String, String> entries = new LinkedHashMap<>();
		entries.put(PID, Long.toString(pid));
		entries.putAll(toEntries(workers));
		return entries;
	}

	/**
	 * Return the entries that describe the given workers in the {@code workers} section
	 * of a status file, which a {@link StatusPublisher} completes with the process id.
	 * @param workers the workers, in start order
	 * @return the entries
	 */
	public static Map<String, String> toEntries(List<WorkerStatus> workers) {
		Map<String, String> entries = new LinkedHashMap<>();
		entries.put(COUNT, Integer.toString(workers.size()));
		for (int i = 0; i < workers.size(); i++) {
			workers.get(i).putEntries(entries, PREFIX + i + ".");
		}
		return entries;
	}

	private void putEntries(Map<String, String> entries, String prefix) {
		entries.put(prefix + "name", this.name);
		entries.put(prefix + "state", this.state);
		entries.put(prefix + "restarts", Integer.toString(this.restarts));
		entries.put(prefix + "critical", Boolean.toString(this.critical));
		StatusEntries.putIfNotNull(entries, prefix + "last-failure", this.lastFailure);
		StatusEntries.putIfNotNull(entries, prefix + "last-failure-at", this.lastFailureAt);
		StatusEntries.putIfNotNull(entries, prefix + "next-restart-at", this.nextRestartAt);
		StatusEntries.putIfNotNull(entries, prefix + "running-since", this.runningSince);
	}

	/**
	 * Return the process id of the application whose workers the entries of a status file
	 * describe.
	 * @param entries the entries of a status file
	 * @return the process id, or {@code null} if the entries name none
	 */
	public static @Nullable Long pid(Map<String, String> entries) {
		return StatusEntries.getLong(entries, PID);
	}

	/**
	 * Return the workers described by the entries of a status file. Entries that are
	 * missing or malformed end the list, so a damaged file gives fewer workers, never an
	 * error.
	 * @param entries the entries of a status file
	 * @return the workers, in start order
	 */
	public static List<WorkerStatus> fromEntries(Map<String, String> entries) {
		List<WorkerStatus> workers = new ArrayList<>();
		int count = StatusEntries.getInt(entries, COUNT, 0);
		for (int i = 0; i < Math.min(count, 10_000); i++) {
			WorkerStatus worker = fromEntries(entries, PREFIX + i + ".");
			if (worker == null) {
				break;
			}
			workers.add(worker);
		}
		return workers;
	}

	private static @Nullable WorkerStatus fromEntries(Map<String, String> entries, String prefix) {
		String name = entries.get(prefix + "name");
		String state = entries.get(prefix + "state");
		if (name == null || state == null) {
			return null;
		}
		return new WorkerStatus(name, state, StatusEntries.getInt(entries, prefix + "restarts", 0),
				Boolean.parseBoolean(entries.get(prefix + "critical")), entries.get(prefix + "last-failure"),
				StatusEntries.getInstant(entries, prefix + "last-failure-at"),
				StatusEntries.getInstant(entries, prefix + "next-restart-at"),
				StatusEntries.getInstant(entries, prefix + "running-since"));
	}

}
