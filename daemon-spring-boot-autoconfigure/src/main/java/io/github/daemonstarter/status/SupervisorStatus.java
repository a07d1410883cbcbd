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
 * The state of a process supervisor and of the application it runs, as the supervisor
 * publishes it in its {@link StatusFile}.
 *
 * @param supervisorPid the supervisor's process id
 * @param state the name of the supervisor's {@link SupervisorState}: {@code RUNNING}
 * while the application runs, {@code BACKOFF} while it waits to restart it, or
 * {@code STOPPING}; a string, so that a state this version does not know still reads
 * @param applicationPid the application's process id, if it runs
 * @param applicationPidFile the application's own PID file
 * @param applicationStartedAt when the current application process started, if it runs
 * @param restarts how many times the supervisor has restarted the application
 * @param lastExit how the application last ended, such as {@code exit status 70}, if it
 * has ended before
 * @param lastExitAt when the application last ended, if it has ended before
 * @param nextRestartAt when the application restarts, in backoff
 * @param nextApplicationPid the process id of the JVM that boots for the next run while
 * the backoff runs, or that a reload starts, if there is one
 * @param reload how the supervisor reloads and how its reloads went
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public record SupervisorStatus(long supervisorPid, String state, @Nullable Long applicationPid,
		String applicationPidFile, @Nullable Instant applicationStartedAt, int restarts, @Nullable String lastExit,
		@Nullable Instant lastExitAt, @Nullable Instant nextRestartAt, @Nullable Long nextApplicationPid,
		SupervisorReload reload) {

	private static final String PREFIX = "supervisor.";

	/**
	 * Create a status with no reload information, as an earlier version publishes it.
	 * @param supervisorPid the supervisor's process id
	 * @param state the name of the supervisor's state
	 * @param applicationPid the application's process id, if it runs
	 * @param applicationPidFile the application's own PID file
	 * @param applicationStartedAt when the current application process started
	 * @param restarts how many times the supervisor has restarted the application
	 * @param lastExit how the application last ended
	 * @param lastExitAt when the application last ended
	 * @param nextRestartAt when the application restarts, in backoff
	 * @param nextApplicationPid the process id of the JVM that boots for the next run
	 */
	public SupervisorStatus(long supervisorPid, String state, @Nullable Long applicationPid, String applicationPidFile,
			@Nullable Instant applicationStartedAt, int restarts, @Nullable String lastExit,
			@Nullable Instant lastExitAt, @Nullable Instant nextRestartAt, @Nullable Long nextApplicationPid) {
		this(supervisorPid, state, applicationPid, applicationPidFile, applicationStartedAt, restarts, lastExit,
				lastExitAt, nextRestartAt, nextApplicationPid, SupervisorReload.UNKNOWN);
	}

	/**
	 * Return the entries that describe this status in a status file.
	 * @return the entries
	 */
	public Map<String, String> toEntries() {
		Map<String, String> entries = new LinkedHashMap<>();
		entries.put(PREFIX + "pid", Long.toString(this.supervisorPid));
		entries.put(PREFIX + "state", this.state);
		StatusEntries.putIfNotNull(entries, PREFIX + "application-pid", this.applicationPid);
		entries.put(PREFIX + "application-pid-file", this.applicationPidFile);
		StatusEntries.putIfNotNull(entries, PREFIX + "application-started-at", this.applicationStartedAt);
		entries.put(PREFIX + "restarts", Integer.toString(this.restarts));
		StatusEntries.putIfNotNull(entries, PREFIX + "last-exit", this.lastExit);
		StatusEntries.putIfNotNull(entries, PREFIX + "last-exit-at", this.lastExitAt);
		StatusEntries.putIfNotNull(entries, PREFIX + "next-restart-at", this.nextRestartAt);
		StatusEntries.putIfNotNull(entries, PREFIX + "next-application-pid", this.nextApplicationPid);
		this.reload.putTo(entries);
		return entries;
	}

	/**
	 * Return whether the supervisor published the given state.
	 * @param state the state
	 * @return whether {@link #state()} is its name
	 */
	public boolean isIn(SupervisorState state) {
		return state.name().equals(this.state);
	}

	/**
	 * Return the supervisor status described by the entries of a status file.
	 * @param entries the entries of a status file
	 * @return the status, or {@code null} if the entries describe no supervisor
	 */
	public static @Nullable SupervisorStatus fromEntries(Map<String, String> entries) {
		Long pid = StatusEntries.getLong(entries, PREFIX + "pid");
		String state = entries.get(PREFIX + "state");
		String applicationPidFile = entries.get(PREFIX + "application-pid-file");
		if (pid == null || state == null || applicationPidFile == null) {
			return null;
		}
		return new SupervisorStatus(pid, state, StatusEntries.getLong(entries, PREFIX + "application-pid"),
				applicationPidFile, StatusEntries.getInstant(entries, PREFIX + "application-started-at"),
				StatusEntries.getInt(entries, PREFIX + "restarts", 0), entries.get(PREFIX + "last-exit"),
				StatusEntries.getInstant(entries, PREFIX + "last-exit-at"),
				StatusEntries.getInstant(entries, PREFIX + "next-restart-at"),
				StatusEntries.getLong(entries, PREFIX + "next-application-pid"), SupervisorReload.fromEntries(entries));
	}

}
