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

import io.github.daemonstarter.ExitStatus;
import io.github.daemonstarter.handover.HandoverPlan;
import io.github.daemonstarter.handshake.LauncherNotice;
import io.github.daemonstarter.restart.DurationFormat;
import io.github.daemonstarter.status.SupervisorState;
import io.github.daemonstarter.supervised.ApplicationChannels;
import org.jspecify.annotations.Nullable;

/**
 * One supervision of the application, as {@link DaemonSupervisor} describes it: the loop
 * that starts the application, waits for its end and decides what follows. The
 * {@code SIGHUP} and {@code SIGTERM} that other threads bring into it are
 * {@link SupervisionRequests}; both share a {@link SupervisionState} under its lock, and
 * the main thread waits out a backoff on its condition, which a signal cuts short.
 *
 * @author Daemon Starter Team
 */
final class Supervision {

	private final SupervisorSettings settings;

	private final SupervisorLog log;

	private final long pid;

	private final String name;

	private final RestartDecisions restartDecisions;

	private final ApplicationStarter starter;

	private final ApplicationChannels channels;

	private final SupervisionState shared;

	private final SupervisionRequests requests;

	private final LauncherNotice launcherNotice = new LauncherNotice();

	Supervision(SupervisorSettings settings, SupervisorLog log, long pid, ApplicationChannels channels,
			HandoverPlan handover) {
		this.settings = settings;
		this.log = log;
		this.pid = pid;
		this.name = settings.applicationName();
		this.restartDecisions = new RestartDecisions(settings, log);
		this.channels = channels;
		this.starter = new ApplicationStarter(settings, log, pid, channels, handover.handsOver());
		ApplicationStopper stopper = new ApplicationStopper(settings, log);
		this.shared = new SupervisionState(settings, log, pid, channels, handover);
		this.requests = new SupervisionRequests(settings, log, this.shared, this.starter, stopper,
				new ApplicationHandover(settings, log, channels, this.starter, stopper), handover);
	}

	/**
	 * Supervise the application until it ends without a restart, the supervisor gives up
	 * or a stop is asked for.
	 * @return the exit status for the supervisor, or {@code null} after a stop, which the
	 * shutdown hook completes
	 */
	@Nullable Integer run() {
		new SupervisorSignals(this.settings, this.log).install(this.requests::reload, this.requests::stop);
		this.log.info("Supervisor started (pid " + this.pid + ", PID file " + this.settings.pidFile() + ")");
		while (true) {
			Process process;
			long startedNanos = System.nanoTime();
			this.shared.lock.lock();
			try {
				if (this.shared.state.isEnding()) {
					return null;
				}
				process = start();
			}
			finally {
				this.shared.lock.unlock();
			}
			Integer exitStatus = null;
			while (process != null) {
				exitStatus = ApplicationStarter.awaitExit(process);
				if (this.shared.restarts == 0 && !this.channels.hasConnected(process.pid())) {
					this.launcherNotice.endedBeforeStart(exitStatus);
				}
				Process successor = successor(process);
				if (successor == null) {
					break;
				}
				process = successor;
				startedNanos = System.nanoTime();
			}
			Duration ranFor = Duration.ofNanos(System.nanoTime() - startedNanos);
			this.shared.lock.lock();
			try {
				Integer result = ended(process, exitStatus, ranFor);
				if (result != null || this.shared.state.isEnding()) {
					return result;
				}
			}
			finally {
				this.shared.lock.unlock();
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
		this.shared.lock.lock();
		try {
			while (this.shared.state == SupervisorState.RELOADING) {
				this.shared.wakeUp.awaitUninterruptibly();
			}
			RunningApplication running = this.shared.application;
			this.channels.forget(ended.pid());
			return (running != null && running.process() != ended) ? running.process() : null;
		}
		finally {
			this.shared.lock.unlock();
		}
	}

	/**
	 * Start the application: let the JVM prestarted during the backoff go on, or start
	 * one. Called with the lock held, from the main thread only.
	 * @return the process, or {@code null} if it could not be started
	 */
	private @Nullable Process start() {
		Backoff backoff = this.shared.backoff;
		Path pidFile = this.settings.applicationPidFile();
		Process process = (backoff != null && backoff.next() != null) ? backoff.next()
				: this.starter.launch(this.shared.restarts, pidFile);
		this.shared.backoff = null;
		if (process == null) {
			return null;
		}
		this.starter.allowStart(process, true);
		this.shared.application = new RunningApplication(process, Instant.now(), pidFile);
		this.shared.moveTo(SupervisorState.RUNNING);
		this.shared.publish();
		this.log.info(((this.shared.restarts > 0) ? "Restarted " : "Started ") + this.name + " (pid " + process.pid()
				+ ((this.shared.restarts > 0) ? ", restart " + this.shared.restarts : "") + ")");
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
		this.shared.application = null;
		if (this.shared.state.isEnding()) {
			return null;
		}
		String description = (exitStatus != null) ? ApplicationExit.describe(exitStatus) : "could not be started";
		this.shared.lastExit = description;
		this.shared.lastExitAt = Instant.now();
		if (process != null) {
			this.log.info(this.name + " (pid " + process.pid() + ") ended after " + DurationFormat.of(ranFor) + ": "
					+ description);
		}
		if (this.shared.state == SupervisorState.RESTARTING) {
			this.shared.moveTo(SupervisorState.STARTING);
			this.shared.restarts++;
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
				? this.starter.launch(this.shared.restarts + 1, this.settings.applicationPidFile()) : null;
		this.shared.backoff = new Backoff(until, prestarted);
		this.shared.moveTo(SupervisorState.BACKOFF);
		this.shared.publish();
		this.restartDecisions.logRestarting(delay, this.shared.restarts + 1, ranFor, prestarted);
		awaitBackoff(delay);
		if (this.shared.state.isEnding()) {
			return null;
		}
		if (this.shared.state == SupervisorState.BACKOFF) {
			this.shared.moveTo(SupervisorState.STARTING);
		}
		this.shared.restarts++;
		return null;
	}

	private void awaitBackoff(Duration delay) {
		long remaining = delay.toNanos();
		while (remaining > 0 && this.shared.state == SupervisorState.BACKOFF) {
			try {
				remaining = this.shared.wakeUp.awaitNanos(remaining);
			}
			catch (InterruptedException ex) {
				// Nobody interrupts the main thread; wait on
			}
		}
	}

	private int endWithoutRestart(int exitStatus) {
		this.restartDecisions.logNotRestarting(exitStatus);
		this.shared.finish();
		return ApplicationExit.isClean(exitStatus) ? ExitStatus.OK : exitStatus;
	}

	private int giveUp(String description, Duration ranFor) {
		this.restartDecisions.logGivingUp(description, ranFor);
		this.shared.finish();
		return DaemonSupervisor.GAVE_UP_EXIT_STATUS;
	}

}
