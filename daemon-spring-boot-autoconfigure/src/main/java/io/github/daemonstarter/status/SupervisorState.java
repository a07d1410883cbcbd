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

import java.util.EnumSet;
import java.util.Set;

/**
 * The states that a process supervisor goes through, and the transitions between them.
 * The supervisor publishes three of them in its {@link StatusFile}, by {@link #name()},
 * which is the status file's format: {@link #RUNNING}, {@link #BACKOFF} and
 * {@link #STOPPING}. The others pass without a write: the status file goes on showing the
 * state before.
 * <p>
 * The transitions:
 * <ul>
 * <li>{@code STARTING} to {@code RUNNING}, or, when the application cannot be started, to
 * {@code BACKOFF} or {@code ENDED};</li>
 * <li>{@code RUNNING} to {@code BACKOFF} when the application ended and restarts, to
 * {@code ENDED} when it does not, or to {@code RESTARTING} on {@code SIGHUP};</li>
 * <li>{@code BACKOFF} and {@code RESTARTING} to {@code STARTING};</li>
 * <li>any state but {@code ENDED} to {@code STOPPING} on {@code SIGTERM}, and
 * {@code STOPPING} only to {@code ENDED}.</li>
 * </ul>
 * A supervisor that gives up removes its status file as it ends, as it does after any
 * end, so giving up is {@link #ENDED} and never published.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public enum SupervisorState {

	/**
	 * An application is about to start: before the first run, and after a backoff or a
	 * restart asked for by {@code SIGHUP}. Not published.
	 */
	STARTING,

	/**
	 * The application runs. Published with its PID.
	 */
	RUNNING,

	/**
	 * The application runs but {@code SIGHUP} asked for a restart: it has been told to
	 * stop, and its end starts the next one at once, without counting it against the
	 * limits. Not published.
	 */
	RESTARTING,

	/**
	 * The application runs and {@code SIGHUP} asked for a reload: a new JVM starts on the
	 * same listening socket, and replaces the running one once it is ready. Published
	 * with both PIDs.
	 */
	RELOADING,

	/**
	 * The application ended and the supervisor waits out the delay before it restarts it,
	 * while the next JVM may boot. Published with when the restart is due.
	 */
	BACKOFF,

	/**
	 * A stop was asked for ({@code SIGTERM} or {@code SIGINT}): the supervisor stops the
	 * application, if one runs, and then itself. Published when an application runs.
	 */
	STOPPING,

	/**
	 * The supervisor has removed its files and ends: after a stop, after an application
	 * end that is not restarted, or when the limits allow no more restarts. Not
	 * published: nothing is written after.
	 */
	ENDED;

	/**
	 * Return whether the supervisor may go from this state to the given one.
	 * @param next the next state
	 * @return whether the transition is one the supervisor makes
	 */
	public boolean canBecome(SupervisorState next) {
		return successors().contains(next);
	}

	/**
	 * Return whether the supervisor is ending in this state: it starts no application any
	 * more.
	 * @return whether the state is {@link #STOPPING} or {@link #ENDED}
	 */
	public boolean isEnding() {
		return this == STOPPING || this == ENDED;
	}

	private Set<SupervisorState> successors() {
		return switch (this) {
			case STARTING -> EnumSet.of(RUNNING, BACKOFF, STOPPING, ENDED);
			case RUNNING -> EnumSet.of(RESTARTING, RELOADING, BACKOFF, STOPPING, ENDED);
			case RELOADING -> EnumSet.of(RUNNING, STOPPING);
			case RESTARTING, BACKOFF -> EnumSet.of(STARTING, STOPPING);
			case STOPPING -> EnumSet.of(ENDED);
			case ENDED -> EnumSet.noneOf(SupervisorState.class);
		};
	}

}
