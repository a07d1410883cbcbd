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

package io.github.daemonstarter.supervisor;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.github.daemonstarter.handover.HandoverPlan;
import io.github.daemonstarter.status.SupervisorReload;
import io.github.daemonstarter.status.SupervisorState;
import io.github.daemonstarter.status.SupervisorStatus;
import io.github.daemonstarter.supervised.ApplicationChannels;
import org.jspecify.annotations.Nullable;

/**
 * The state of one supervision, which the main loop of {@link Supervision} and the
 * {@link SupervisionRequests} that signals bring share. Its fields are guarded by
 * {@link #lock}: every read and write holds it, and so do the methods here. The main
 * thread waits out a backoff, and the end of a reload, on {@link #wakeUp}.
 *
 * @author Daemon Starter Team
 */
final class SupervisionState {

	final ReentrantLock lock = new ReentrantLock();

	final Condition wakeUp = this.lock.newCondition();

	SupervisorState state = SupervisorState.STARTING;

	@Nullable RunningApplication application;

	@Nullable Backoff backoff;

	int restarts;

	@Nullable String lastExit;

	@Nullable Instant lastExitAt;

	@Nullable Process reloading;

	@Nullable Process retiring;

	int reloads;

	@Nullable Instant lastReloadAt;

	@Nullable String lastReloadResult;

	boolean lastReloadFailed;

	private final SupervisorSettings settings;

	private final SupervisorLog log;

	private final long pid;

	private final String name;

	private final SupervisorFiles files;

	private final ApplicationChannels channels;

	private final HandoverPlan handover;

	SupervisionState(SupervisorSettings settings, SupervisorLog log, long pid, ApplicationChannels channels,
			HandoverPlan handover) {
		this.settings = settings;
		this.log = log;
		this.pid = pid;
		this.name = settings.applicationName();
		this.files = new SupervisorFiles(settings, log);
		this.channels = channels;
		this.handover = handover;
	}

	/**
	 * Record how a reload ended and publish it. Called with the lock held.
	 * @param result what the reload did, or why it failed
	 * @param failed whether it failed
	 */
	void reloadEnded(String result, boolean failed) {
		this.lastReloadAt = Instant.now();
		this.lastReloadResult = result;
		this.lastReloadFailed = failed;
		if (failed) {
			this.log.warn("Reload of " + this.name + " failed: " + result);
		}
		publish();
	}

	/**
	 * Remove the supervisor's files; nothing is written after. Called with the lock held.
	 */
	void finish() {
		moveTo(SupervisorState.ENDED);
		this.files.delete();
		this.channels.close();
	}

	/**
	 * Write the status file with the current state. Called with the lock held, in the
	 * published states only.
	 */
	void publish() {
		RunningApplication running = this.application;
		Backoff backoff = this.backoff;
		Process next = (backoff != null) ? backoff.next() : this.reloading;
		Path pidFile = (running != null) ? running.pidFile() : this.settings.applicationPidFile();
		SupervisorReload reload = new SupervisorReload(reloadMode(), this.handover.unavailable(), this.reloads,
				this.lastReloadAt, this.lastReloadResult, this.lastReloadFailed,
				(this.retiring != null) ? this.retiring.pid() : null);
		this.files.publish(new SupervisorStatus(this.pid, this.state.name(),
				(running != null) ? running.process().pid() : null, pidFile.toString(),
				(running != null) ? running.startedAt() : null, this.restarts, this.lastExit, this.lastExitAt,
				(backoff != null) ? backoff.until() : null, (next != null) ? next.pid() : null, reload));
	}

	private String reloadMode() {
		if (this.handover.handsOver()) {
			return SupervisorReload.HANDOVER;
		}
		return this.handover.refusesReload() ? SupervisorReload.REFUSED : SupervisorReload.RESTART;
	}

	/**
	 * Move to the next state. Called with the lock held.
	 * @param next the next state
	 * @throws IllegalStateException if the supervisor does not go from its state to the
	 * next
	 */
	void moveTo(SupervisorState next) {
		if (!this.state.canBecome(next)) {
			throw new IllegalStateException("Supervisor cannot go from " + this.state + " to " + next);
		}
		this.state = next;
	}

}
