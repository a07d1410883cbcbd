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
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.github.daemonstarter.ExitStatus;
import io.github.daemonstarter.handover.HandoverPlan;
import io.github.daemonstarter.restart.DurationFormat;
import io.github.daemonstarter.status.SupervisorReload;
import io.github.daemonstarter.status.SupervisorState;
import io.github.daemonstarter.status.SupervisorStatus;
import io.github.daemonstarter.supervised.ApplicationChannels;
import org.jspecify.annotations.Nullable;

/**
 * One supervision of the application, as {@link DaemonSupervisor} describes it: the loop
 * that starts the application, waits for its end and decides what follows, and the
 * {@code SIGHUP} and {@code SIGTERM} that other threads bring into it. Its fields are
 * guarded by one lock, and the main thread waits out a backoff on its condition, which a
 * signal cuts short.
 *
 * @author Daemon Starter Team
 */
final class Supervision {

	private final SupervisorSettings settings;

	private final SupervisorLog log;

	private final long pid;

	private final String name;

	private final SupervisorFiles files;

	private final RestartDecisions restartDecisions;

	private final ApplicationStarter starter;

	private final ApplicationStopper stopper;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition wakeUp = this.lock.newCondition();

	private SupervisorState state = SupervisorState.STARTING;

	private @Nullable RunningApplication application;

	private @Nullable Backoff backoff;

	private int restarts;

	private @Nullable String lastExit;

	private @Nullable Instant lastExitAt;

	private final ApplicationChannels channels;

	private final HandoverPlan handover;

	private final ApplicationHandover handoverSteps;

	private @Nullable Process reloading;

	private @Nullable Process retiring;

	private int reloads;

	private @Nullable Instant lastReloadAt;

	private @Nullable String lastReloadResult;

	private boolean lastReloadFailed;

	Supervision(SupervisorSettings settings, SupervisorLog log, long pid, ApplicationChannels channels,
			HandoverPlan handover) {
		this.settings = settings;
		this.log = log;
		this.pid = pid;
		this.name = settings.applicationName();
		this.files = new SupervisorFiles(settings, log);
		this.restartDecisions = new RestartDecisions(settings, log);
		this.channels = channels;
		this.handover = handover;
		this.starter = new ApplicationStarter(settings, log, pid, channels, handover.handsOver());
		this.stopper = new ApplicationStopper(settings, log);
		this.handoverSteps = new ApplicationHandover(settings, log, channels, this.starter, this.stopper);
	}

	/**
	 * Supervise the application until it ends without a restart, the supervisor gives up
	 * or a stop is asked for.
	 * @return the exit status for the supervisor, or {@code null} after a stop, which the
	 * shutdown hook completes
	 */
	@Nullable Integer run() {
		new SupervisorSignals(this.settings, this.log).install(this::reload, this::stop);
		this.log.info("Supervisor started (pid " + this.pid + ", PID file " + this.settings.pidFile() + ")");
		while (true) {
			Process process;
			long startedNanos = System.nanoTime();
			this.lock.lock();
			try {
				if (this.state.isEnding()) {
					return null;
				}
				process = start();
			}
			finally {
				this.lock.unlock();
			}
			Integer exitStatus = null;
			while (process != null) {
				exitStatus = ApplicationStarter.awaitExit(process);
				Process successor = successor(process);
				if (successor == null) {
					break;
				}
				process = successor;
				startedNanos = System.nanoTime();
			}
			Duration ranFor = Duration.ofNanos(System.nanoTime() - startedNanos);
			this.lock.lock();
			try {
				Integer result = ended(process, exitStatus, ranFor);
				if (result != null || this.state.isEnding()) {
					return result;
				}
			}
			finally {
				this.lock.unlock();
			}
		}
	}

	/**
	 * Return the JVM that a reload put in place of the one that ended, waiting for a
	 * reload that runs to end first.
	 * @param ended the JVM that ended
	 * @return its successor, or {@code null} if it had none
	 */
	private @Nullable Process successor(Process ended) {
		this.lock.lock();
		try {
			while (this.state == SupervisorState.RELOADING) {
				this.wakeUp.awaitUninterruptibly();
			}
			RunningApplication running = this.application;
			this.channels.forget(ended.pid());
			return (running != null && running.process() != ended) ? running.process() : null;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Start the application: let the JVM prestarted during the backoff go on, or start
	 * one. Called with the lock held, from the main thread only.
	 * @return the process, or {@code null} if it could not be started
	 */
	private @Nullable Process start() {
		Backoff backoff = this.backoff;
		Path pidFile = this.settings.applicationPidFile();
		Process process = (backoff != null && backoff.next() != null) ? backoff.next()
				: this.starter.launch(this.restarts, pidFile);
		this.backoff = null;
		if (process == null) {
			return null;
		}
		this.starter.allowStart(process, true);
		this.application = new RunningApplication(process, Instant.now(), pidFile);
		moveTo(SupervisorState.RUNNING);
		publish();
		this.log.info(((this.restarts > 0) ? "Restarted " : "Started ") + this.name + " (pid " + process.pid()
				+ ((this.restarts > 0) ? ", restart " + this.restarts : "") + ")");
		return process;
	}

	/**
	 * Decide what follows the end of a run and wait out the backoff. Called with the lock
	 * held.
	 * @param process the process that ended, or {@code null} if it could not be started
	 * @param exitStatus its exit status, or {@code null} if it could not be started
	 * @param ranFor how long it ran
	 * @return the supervisor's exit status, or {@code null} to start the application
	 * again (or to end after a stop)
	 */
	private @Nullable Integer ended(@Nullable Process process, @Nullable Integer exitStatus, Duration ranFor) {
		this.application = null;
		if (this.state.isEnding()) {
			return null;
		}
		String description = (exitStatus != null) ? ApplicationExit.describe(exitStatus) : "could not be started";
		this.lastExit = description;
		this.lastExitAt = Instant.now();
		if (process != null) {
			this.log.info(this.name + " (pid " + process.pid() + ") ended after " + DurationFormat.of(ranFor) + ": "
					+ description);
		}
		if (this.state == SupervisorState.RESTARTING) {
			moveTo(SupervisorState.STARTING);
			this.restarts++;
			return null;
		}
		if (exitStatus != null && !this.settings.restartsAfter(exitStatus)) {
			return endWithoutRestart(exitStatus);
		}
		Duration delay = this.restartDecisions.nextRestart(ranFor);
		if (delay == null) {
			return giveUp(description, ranFor);
		}
		Instant until = Instant.now().plus(delay);
		Process prestarted = (this.settings.prestart() && !delay.isZero())
				? this.starter.launch(this.restarts + 1, this.settings.applicationPidFile()) : null;
		this.backoff = new Backoff(until, prestarted);
		moveTo(SupervisorState.BACKOFF);
		publish();
		this.restartDecisions.logRestarting(delay, this.restarts + 1, ranFor, prestarted);
		awaitBackoff(delay);
		if (this.state.isEnding()) {
			return null;
		}
		if (this.state == SupervisorState.BACKOFF) {
			moveTo(SupervisorState.STARTING);
		}
		this.restarts++;
		return null;
	}

	private void awaitBackoff(Duration delay) {
		long remaining = delay.toNanos();
		while (remaining > 0 && this.state == SupervisorState.BACKOFF) {
			try {
				remaining = this.wakeUp.awaitNanos(remaining);
			}
			catch (InterruptedException ex) {
				// Nobody interrupts the main thread; wait on
			}
		}
	}

	private int endWithoutRestart(int exitStatus) {
		this.restartDecisions.logNotRestarting(exitStatus);
		finish();
		return ApplicationExit.isClean(exitStatus) ? ExitStatus.OK : exitStatus;
	}

	private int giveUp(String description, Duration ranFor) {
		this.restartDecisions.logGivingUp(description, ranFor);
		finish();
		return DaemonSupervisor.GAVE_UP_EXIT_STATUS;
	}

	/**
	 * Reload the application on {@code SIGHUP} once the log file is reopened, so that the
	 * new application writes into the new file: hand the listening socket over to a new
	 * JVM if the supervisor holds one, otherwise restart. Runs on a thread of its own.
	 */
	private void reload() {
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
		this.lock.lock();
		try {
			if (this.state.isEnding()) {
				return;
			}
			if (this.state == SupervisorState.RELOADING) {
				this.log.warn("Received SIGHUP: a reload of " + this.name + " runs already; this one is ignored");
				return;
			}
			if (this.state != SupervisorState.RUNNING || this.application == null) {
				restartLocked();
				return;
			}
			old = this.application;
			String refusal = this.handoverSteps.refusal(old.process());
			if (refusal != null) {
				reloadEnded("reload refused: " + refusal, true);
				return;
			}
			pidFile = ApplicationHandover.otherPidFile(this.settings.applicationPidFile(), old.pidFile());
			next = this.starter.launch(this.restarts, pidFile);
			if (next == null) {
				reloadEnded("the new JVM could not be started", true);
				return;
			}
			this.reloading = next;
			moveTo(SupervisorState.RELOADING);
			publish();
		}
		finally {
			this.lock.unlock();
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
		this.lock.lock();
		try {
			this.reloading = null;
			if (this.state.isEnding()) {
				this.wakeUp.signalAll();
				return;
			}
			moveTo(SupervisorState.RUNNING);
			if (failure != null) {
				reloadEnded(failure + "; pid " + old.process().pid() + " serves on", true);
			}
			else {
				this.application = new RunningApplication(next, Instant.now(), pidFile);
				this.retiring = old.process();
				this.reloads++;
				publish();
			}
			this.wakeUp.signalAll();
		}
		finally {
			this.lock.unlock();
		}
		if (failure != null) {
			return;
		}
		this.handoverSteps.retire(old.process(), next, Duration.ofNanos(System.nanoTime() - startedNanos),
				() -> released(old.process(), next));
		this.lock.lock();
		try {
			this.retiring = null;
			if (!this.state.isEnding()) {
				publish();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Publish that the reload is done, once the replaced JVM accepts no more connections.
	 * @param old the replaced JVM
	 * @param next the JVM that replaced it
	 */
	private void released(Process old, Process next) {
		this.lock.lock();
		try {
			if (!this.state.isEnding()) {
				reloadEnded("application pid " + old.pid() + " replaced by " + next.pid(), false);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Record how a reload ended and publish it. Called with the lock held.
	 * @param result what the reload did, or why it failed
	 * @param failed whether it failed
	 */
	private void reloadEnded(String result, boolean failed) {
		this.lastReloadAt = Instant.now();
		this.lastReloadResult = result;
		this.lastReloadFailed = failed;
		if (failed) {
			this.log.warn("Reload of " + this.name + " failed: " + result);
		}
		publish();
	}

	/**
	 * Restart the application at once: stop it, and let its end start the next one.
	 */
	private void restart() {
		Process process;
		this.lock.lock();
		try {
			if (this.state.isEnding()) {
				return;
			}
			process = restartLocked();
		}
		finally {
			this.lock.unlock();
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
		if (this.state == SupervisorState.RUNNING) {
			moveTo(SupervisorState.RESTARTING);
		}
		else if (this.state == SupervisorState.BACKOFF) {
			moveTo(SupervisorState.STARTING);
		}
		Process process = (this.application != null) ? this.application.process() : null;
		this.wakeUp.signalAll();
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
	private void stop() {
		RunningApplication running;
		Process prestarted;
		Process reloaded;
		Process retired;
		this.lock.lock();
		try {
			if (this.state.isEnding()) {
				return;
			}
			moveTo(SupervisorState.STOPPING);
			this.wakeUp.signalAll();
			running = this.application;
			prestarted = (this.backoff != null) ? this.backoff.next() : null;
			this.backoff = null;
			reloaded = this.reloading;
			retired = this.retiring;
			if (running != null) {
				publish();
			}
		}
		finally {
			this.lock.unlock();
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
		this.lock.lock();
		try {
			finish();
		}
		finally {
			this.lock.unlock();
		}
		this.log.info("Supervisor stopped");
	}

	/**
	 * Remove the supervisor's files; nothing is written after. Called with the lock held.
	 */
	private void finish() {
		moveTo(SupervisorState.ENDED);
		this.files.delete();
		this.channels.close();
	}

	/**
	 * Write the status file with the current state. Called with the lock held, in the
	 * published states only.
	 */
	private void publish() {
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
	private void moveTo(SupervisorState next) {
		if (!this.state.canBecome(next)) {
			throw new IllegalStateException("Supervisor cannot go from " + this.state + " to " + next);
		}
		this.state = next;
	}

}
