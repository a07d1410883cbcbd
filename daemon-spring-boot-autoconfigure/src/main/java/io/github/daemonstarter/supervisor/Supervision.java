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

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.github.daemonstarter.ExitStatus;
import io.github.daemonstarter.restart.DurationFormat;
import io.github.daemonstarter.status.SupervisorState;
import io.github.daemonstarter.status.SupervisorStatus;
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

	Supervision(SupervisorSettings settings, SupervisorLog log, long pid) {
		this.settings = settings;
		this.log = log;
		this.pid = pid;
		this.name = settings.applicationName();
		this.files = new SupervisorFiles(settings, log);
		this.restartDecisions = new RestartDecisions(settings, log);
		this.starter = new ApplicationStarter(settings, log, pid);
		this.stopper = new ApplicationStopper(settings, log);
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
			Integer exitStatus = (process != null) ? ApplicationStarter.awaitExit(process) : null;
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
	 * Start the application: let the JVM prestarted during the backoff go on, or start
	 * one. Called with the lock held, from the main thread only.
	 * @return the process, or {@code null} if it could not be started
	 */
	private @Nullable Process start() {
		Backoff backoff = this.backoff;
		Process process = (backoff != null && backoff.next() != null) ? backoff.next()
				: this.starter.launch(this.restarts);
		this.backoff = null;
		if (process == null) {
			return null;
		}
		ApplicationStarter.allowStart(process);
		this.application = new RunningApplication(process, Instant.now());
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
		Process prestarted = (this.settings.prestart() && !delay.isZero()) ? this.starter.launch(this.restarts + 1)
				: null;
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
	 * Restart the application at once, on {@code SIGHUP} once the log file is reopened,
	 * so that the new application writes into the new file. Runs on a thread of its own.
	 */
	private void reload() {
		Process process;
		this.lock.lock();
		try {
			if (this.state.isEnding()) {
				return;
			}
			if (this.state == SupervisorState.RUNNING) {
				moveTo(SupervisorState.RESTARTING);
			}
			else if (this.state == SupervisorState.BACKOFF) {
				moveTo(SupervisorState.STARTING);
			}
			process = (this.application != null) ? this.application.process() : null;
			this.wakeUp.signalAll();
		}
		finally {
			this.lock.unlock();
		}
		if (process != null) {
			this.log.info("Received SIGHUP: restarting " + this.name + " (pid " + process.pid() + ")");
			this.stopper.terminate(process);
		}
		else {
			this.log.info("Received SIGHUP: starting " + this.name + " now");
		}
	}

	/**
	 * Stop the application and the supervisor, from the JVM's shutdown hook on
	 * {@code SIGTERM} or {@code SIGINT}.
	 */
	private void stop() {
		RunningApplication running;
		Process prestarted;
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
	}

	/**
	 * Write the status file with the current state. Called with the lock held, in the
	 * published states only.
	 */
	private void publish() {
		RunningApplication running = this.application;
		Backoff backoff = this.backoff;
		Process next = (backoff != null) ? backoff.next() : null;
		this.files.publish(new SupervisorStatus(this.pid, this.state.name(),
				(running != null) ? running.process().pid() : null, this.settings.applicationPidFile().toString(),
				(running != null) ? running.startedAt() : null, this.restarts, this.lastExit, this.lastExitAt,
				(backoff != null) ? backoff.until() : null, (next != null) ? next.pid() : null));
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
