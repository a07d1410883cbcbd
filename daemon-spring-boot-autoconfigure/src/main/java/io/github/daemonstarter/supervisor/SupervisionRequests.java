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
import java.time.Duration;
import java.time.Instant;

import io.github.daemonstarter.handover.HandoverPlan;
import io.github.daemonstarter.status.SupervisorState;
import org.jspecify.annotations.Nullable;

/**
 * What the signals to a {@link Supervision} ask for, on threads of their own: a reload on
 * {@code SIGHUP}, which hands the listening socket over to a new JVM or restarts the
 * application, and a stop on {@code SIGTERM} or {@code SIGINT}. They change the
 * {@link SupervisionState} that they share with the main loop under its lock, and wait
 * for processes without it.
 *
 * @author Daemon Starter Team
 */
final class SupervisionRequests {

	private final SupervisorSettings settings;

	private final SupervisorLog log;

	private final String name;

	private final SupervisionState shared;

	private final ApplicationStarter starter;

	private final ApplicationStopper stopper;

	private final ApplicationHandover handoverSteps;

	private final HandoverPlan handover;

	SupervisionRequests(SupervisorSettings settings, SupervisorLog log, SupervisionState shared,
			ApplicationStarter starter, ApplicationStopper stopper, ApplicationHandover handoverSteps,
			HandoverPlan handover) {
		this.settings = settings;
		this.log = log;
		this.name = settings.applicationName();
		this.shared = shared;
		this.starter = starter;
		this.stopper = stopper;
		this.handoverSteps = handoverSteps;
		this.handover = handover;
	}

	/**
	 * Reload the application on {@code SIGHUP} once the log file is reopened, so that the
	 * new application writes into the new file: hand the listening socket over to a new
	 * JVM if the supervisor holds one, otherwise restart. Runs on a thread of its own.
	 */
	void reload() {
		if (this.handover.handsOver()) {
			handOver();
			return;
		}
		if (this.handover.refusesReload()) {
			this.log.warn("Received SIGHUP: not reloading " + this.name + ": " + this.handover.unavailable());
			return;
		}
		restart();
	}

	/**
	 * Start a new JVM on the listening socket and stop the running one once the new one
	 * is ready; if the new one fails, stop it and keep the running one.
	 */
	private void handOver() {
		RunningApplication old;
		Process next;
		Path pidFile;
		this.shared.lock.lock();
		try {
			if (this.shared.state.isEnding()) {
				return;
			}
			if (this.shared.state == SupervisorState.RELOADING) {
				this.log.warn("Received SIGHUP: a reload of " + this.name + " runs already; this one is ignored");
				return;
			}
			if (this.shared.state != SupervisorState.RUNNING || this.shared.application == null) {
				restartLocked();
				return;
			}
			old = this.shared.application;
			String refusal = this.handoverSteps.refusal(old.process());
			if (refusal != null) {
				this.shared.reloadEnded("reload refused: " + refusal, true);
				return;
			}
			pidFile = ApplicationHandover.otherPidFile(this.settings.applicationPidFile(), old.pidFile());
			next = this.starter.launch(this.shared.restarts, pidFile);
			if (next == null) {
				this.shared.reloadEnded("the new JVM could not be started", true);
				return;
			}
			this.shared.reloading = next;
			this.shared.moveTo(SupervisorState.RELOADING);
			this.shared.publish();
		}
		finally {
			this.shared.lock.unlock();
		}
		long startedNanos = System.nanoTime();
		this.log.info("Received SIGHUP: reloading " + this.name + " (pid " + old.process().pid() + ") by starting pid "
				+ next.pid() + " on the same listening socket");
		String failure = this.handoverSteps.awaitReady(next);
		if (failure != null) {
			// Gone before the failure is published, so that a reload that failed leaves
			// the running JVM alone
			this.handoverSteps.discard(next, failure);
		}
		this.shared.lock.lock();
		try {
			this.shared.reloading = null;
			if (this.shared.state.isEnding()) {
				this.shared.wakeUp.signalAll();
				return;
			}
			this.shared.moveTo(SupervisorState.RUNNING);
			if (failure != null) {
				this.shared.reloadEnded(failure + "; pid " + old.process().pid() + " serves on", true);
			}
			else {
				this.shared.application = new RunningApplication(next, Instant.now(), pidFile);
				this.shared.retiring = old.process();
				this.shared.reloads++;
				this.shared.publish();
			}
			this.shared.wakeUp.signalAll();
		}
		finally {
			this.shared.lock.unlock();
		}
		if (failure != null) {
			return;
		}
		this.handoverSteps.retire(old.process(), next, Duration.ofNanos(System.nanoTime() - startedNanos),
				() -> released(old.process(), next));
		this.shared.lock.lock();
		try {
			this.shared.retiring = null;
			if (!this.shared.state.isEnding()) {
				this.shared.publish();
			}
		}
		finally {
			this.shared.lock.unlock();
		}
	}

	/**
	 * Publish that the reload is done, once the replaced JVM accepts no more connections.
	 * @param old the replaced JVM
	 * @param next the JVM that replaced it
	 */
	private void released(Process old, Process next) {
		this.shared.lock.lock();
		try {
			if (!this.shared.state.isEnding()) {
				this.shared.reloadEnded("application pid " + old.pid() + " replaced by " + next.pid(), false);
			}
		}
		finally {
			this.shared.lock.unlock();
		}
	}

	/**
	 * Restart the application at once: stop it, and let its end start the next one.
	 */
	private void restart() {
		Process process;
		this.shared.lock.lock();
		try {
			if (this.shared.state.isEnding()) {
				return;
			}
			process = restartLocked();
		}
		finally {
			this.shared.lock.unlock();
		}
		if (process != null) {
			this.stopper.terminate(process);
		}
	}

	/**
	 * Ask for a restart at once. Called with the lock held.
	 * @return the application to stop, without the lock, or {@code null}
	 */
	private @Nullable Process restartLocked() {
		if (this.shared.state == SupervisorState.RUNNING) {
			this.shared.moveTo(SupervisorState.RESTARTING);
		}
		else if (this.shared.state == SupervisorState.BACKOFF) {
			this.shared.moveTo(SupervisorState.STARTING);
		}
		Process process = (this.shared.application != null) ? this.shared.application.process() : null;
		this.shared.wakeUp.signalAll();
		if (process != null) {
			this.log.info("Received SIGHUP: restarting " + this.name + " (pid " + process.pid() + ")");
		}
		else {
			this.log.info("Received SIGHUP: starting " + this.name + " now");
		}
		return process;
	}

	/**
	 * Stop the application and the supervisor, from the JVM's shutdown hook on
	 * {@code SIGTERM} or {@code SIGINT}.
	 */
	void stop() {
		RunningApplication running;
		Process prestarted;
		Process reloaded;
		Process retired;
		this.shared.lock.lock();
		try {
			if (this.shared.state.isEnding()) {
				return;
			}
			this.shared.moveTo(SupervisorState.STOPPING);
			this.shared.wakeUp.signalAll();
			running = this.shared.application;
			prestarted = (this.shared.backoff != null) ? this.shared.backoff.next() : null;
			this.shared.backoff = null;
			reloaded = this.shared.reloading;
			retired = this.shared.retiring;
			if (running != null) {
				this.shared.publish();
			}
		}
		finally {
			this.shared.lock.unlock();
		}
		if (prestarted != null) {
			// Held before the application starts, it has nothing to shut down
			this.stopper.terminate(prestarted);
		}
		if (reloaded != null) {
			this.stopper.stop(reloaded);
		}
		if (retired != null) {
			this.stopper.stop(retired);
		}
		if (running != null) {
			this.stopper.stop(running.process());
		}
		this.shared.lock.lock();
		try {
			this.shared.finish();
		}
		finally {
			this.shared.lock.unlock();
		}
		this.log.info("Supervisor stopped");
	}

}
