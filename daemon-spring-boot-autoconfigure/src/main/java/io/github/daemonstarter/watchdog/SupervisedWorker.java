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

package io.github.daemonstarter.watchdog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.github.daemonstarter.restart.RestartPolicy;
import io.github.daemonstarter.restart.RestartTracker;
import org.jspecify.annotations.Nullable;

/**
 * One worker under supervision: its state machine from start through runs, failures,
 * backoff and restarts to stop or give-up. Each run gets a new thread. The watchdog's
 * scheduler times backoff delays and checks heartbeat deadlines; its restarter thread
 * starts the runs that follow a delay; events and logging happen on the worker's own
 * threads.
 *
 * @author Daemon Starter Team
 */
final class SupervisedWorker {

	private static final long FULL_FAILURE_LOG_INTERVAL = Duration.ofMinutes(10).toMillis();

	private final WorkerSettings settings;

	private final WatchdogScheduler scheduler;

	private final WorkerEvents events;

	private final Clock clock;

	private final RestartTracker tracker;

	private WorkerState state = WorkerState.STOPPED;

	private @Nullable WorkerRun run;

	private int restartCount;

	private @Nullable Instant nextRestart;

	private @Nullable WorkerFailure lastFailure;

	private @Nullable ScheduledFuture<?> pendingRestart;

	private @Nullable String lastFailureSignature;

	private long lastFullFailureLog;

	private boolean stopping;

	private boolean restartRequested;

	SupervisedWorker(WorkerSettings settings, WatchdogScheduler scheduler, WorkerEvents events, Clock clock) {
		this.settings = settings;
		this.scheduler = scheduler;
		this.events = events;
		this.clock = clock;
		this.tracker = new RestartTracker(settings.policy());
	}

	String getName() {
		return this.settings.name();
	}

	WorkerSettings getSettings() {
		return this.settings;
	}

	/**
	 * Start the worker, or start it again after the watchdog was stopped: a worker that
	 * stopped or gave up starts afresh, with its restart limits reset.
	 */
	synchronized void start() {
		if (this.run != null && !this.run.isFinished()) {
			return;
		}
		if (this.run != null) {
			this.tracker.reset();
		}
		this.stopping = false;
		launch();
	}

	/**
	 * Restart the worker on request: end the current run, if any, and start a new one as
	 * soon as it has ended, with its restart limits reset. A worker in backoff, stopped
	 * or given up starts at once.
	 */
	void restartOnRequest() {
		WorkerRun running;
		synchronized (this) {
			cancelPendingRestart();
			running = (this.run != null && !this.run.isFinished()) ? this.run : null;
			if (running == null) {
				this.stopping = false;
				this.tracker.reset();
				restart();
				return;
			}
			this.stopping = true;
			this.restartRequested = true;
		}
		running.requestStop();
	}

	/**
	 * Start the worker on request if it stopped or gave up, with its restart limits
	 * reset.
	 */
	synchronized void startIfEnded() {
		if (this.state == WorkerState.STOPPED || this.state == WorkerState.FAILED) {
			start();
		}
	}

	synchronized WorkerSnapshot snapshot() {
		WorkerRun run = this.run;
		Instant runningSince = (this.state == WorkerState.RUNNING && run != null) ? run.getStartedAt() : null;
		return new WorkerSnapshot(getName(), this.state, this.settings.critical(), this.restartCount, runningSince,
				this.nextRestart, this.lastFailure);
	}

	/**
	 * Prevent any further run of the worker: cancel a pending restart and leave the
	 * current run, if any, alone.
	 */
	synchronized void preventRestart() {
		this.stopping = true;
		this.restartRequested = false;
		cancelPendingRestart();
		if (this.state == WorkerState.BACKOFF || this.state == WorkerState.STARTING) {
			this.state = WorkerState.STOPPED;
			this.nextRestart = null;
		}
	}

	/**
	 * Ask the worker to stop for good: prevent any further run and ask the current run to
	 * end.
	 * @return the thread of the current run, to be awaited, or {@code null} if no run is
	 * in progress
	 */
	@Nullable Thread requestStop() {
		preventRestart();
		WorkerRun run;
		synchronized (this) {
			run = this.run;
		}
		if (run == null || run.isFinished()) {
			return null;
		}
		run.requestStop();
		return run.getThread();
	}

	/**
	 * Return whether a failure repeats the one before it: the same exception type thrown
	 * from the same place, within ten minutes of the last failure logged in full. The
	 * watchdog logs such a failure without its stack trace, so that a worker failing in a
	 * loop does not flood the log.
	 * @param failure the failure
	 * @return {@code true} if the failure repeats the last one logged in full
	 */
	synchronized boolean repeatsLastFailure(Throwable failure) {
		StackTraceElement[] frames = failure.getStackTrace();
		String signature = failure.getClass().getName() + ((frames.length > 0) ? " at " + frames[0] : "");
		long now = this.clock.millis();
		if (signature.equals(this.lastFailureSignature) && now - this.lastFullFailureLog < FULL_FAILURE_LOG_INTERVAL) {
			return true;
		}
		this.lastFailureSignature = signature;
		this.lastFullFailureLog = now;
		return false;
	}

	private void launch() {
		WorkerRun run = new WorkerRun(getName(), this.restartCount, this.clock);
		this.run = run;
		this.state = WorkerState.STARTING;
		this.nextRestart = null;
		Thread thread = this.scheduler.newThread(() -> execute(run));
		thread.setName(getName());
		run.setThread(thread);
		thread.start();
	}

	private void execute(WorkerRun run) {
		synchronized (this) {
			if (this.stopping) {
				run.finish();
				restartIfRequested();
				return;
			}
			this.state = WorkerState.RUNNING;
			run.started(this.clock.instant());
			Duration heartbeatTimeout = this.settings.heartbeatTimeout();
			if (heartbeatTimeout != null) {
				scheduleHeartbeatCheck(run, heartbeatTimeout.toMillis());
			}
		}
		this.events.workerStarted(this, run.getRestartCount() > 0);
		Throwable failure = null;
		try {
			this.settings.worker().run(run);
		}
		catch (Throwable ex) {
			failure = ex;
		}
		if (run.finish()) {
			ended(run, failure);
		}
		else {
			this.events.abandonedRunEnded(this, failure);
		}
	}

	private void ended(WorkerRun run, @Nullable Throwable thrown) {
		Throwable failure;
		Duration delay = null;
		boolean givesUp;
		boolean stoppedOnRequest;
		synchronized (this) {
			run.cancelHeartbeatCheck();
			stoppedOnRequest = this.stopping;
			if (stoppedOnRequest) {
				this.state = WorkerState.STOPPED;
				failure = null;
				givesUp = false;
			}
			else {
				Instant now = this.clock.instant();
				failure = run.isHung() ? hangFailure(thrown) : thrown;
				if (failure != null) {
					this.lastFailure = WorkerFailure.of(failure, now);
				}
				RestartPolicy policy = this.settings.policy();
				boolean wantsRestart = (failure != null) ? policy.restartsAfter(failure) : policy.restartsAfterReturn();
				if (wantsRestart) {
					Instant startedAt = (run.getStartedAt() != null) ? run.getStartedAt() : now;
					delay = this.tracker.nextRestart(Duration.between(startedAt, now), now);
				}
				givesUp = delay == null && (failure != null || wantsRestart);
				this.state = (delay != null) ? WorkerState.BACKOFF
						: (givesUp ? WorkerState.FAILED : WorkerState.STOPPED);
				this.nextRestart = (delay != null) ? now.plus(delay) : null;
			}
		}
		if (stoppedOnRequest) {
			// Events are published outside the lock, so that a listener may look at any
			// worker without risking a deadlock with another worker's thread
			this.events.workerStopped(this, thrown, run.isStopRequested());
			synchronized (this) {
				restartIfRequested();
			}
			return;
		}
		this.events.workerEnded(this, failure, delay);
		if (givesUp) {
			this.events.workerGaveUp(this, failure);
		}
		else if (delay != null) {
			scheduleRestart(delay);
		}
	}

	private Throwable hangFailure(@Nullable Throwable thrown) {
		Duration heartbeatTimeout = this.settings.heartbeatTimeout();
		WorkerHangException hang = new WorkerHangException(getName(),
				(heartbeatTimeout != null) ? heartbeatTimeout : Duration.ZERO);
		if (thrown != null) {
			hang.addSuppressed(thrown);
		}
		return hang;
	}

	/**
	 * Restart the worker after the backoff delay: at once on this thread when there is no
	 * delay, otherwise through the watchdog, whose scheduler times the delay and whose
	 * restarter thread then starts the new run. Thread starts never happen on the
	 * scheduler thread, so that a storm of restarts cannot hold up heartbeat checks.
	 * @param delay the backoff delay
	 */
	private synchronized void scheduleRestart(Duration delay) {
		if (this.stopping || this.state != WorkerState.BACKOFF) {
			return;
		}
		if (delay.isZero()) {
			restart();
		}
		else {
			this.pendingRestart = this.scheduler.scheduleRestart(this::restartIfDue, delay);
		}
	}

	/**
	 * Start the next run if the worker still waits for it. Called on the watchdog's
	 * restarter thread when the backoff delay has passed.
	 */
	private synchronized void restartIfDue() {
		this.pendingRestart = null;
		if (!this.stopping && this.state == WorkerState.BACKOFF) {
			restart();
		}
	}

	private void restartIfRequested() {
		if (this.restartRequested) {
			this.restartRequested = false;
			if (this.run != null && !this.run.isFinished()) {
				// Started on request meanwhile
				return;
			}
			this.stopping = false;
			this.tracker.reset();
			restart();
		}
	}

	private void restart() {
		this.restartCount++;
		launch();
	}

	private void cancelPendingRestart() {
		if (this.pendingRestart != null) {
			this.pendingRestart.cancel(false);
			this.pendingRestart = null;
		}
	}

	/**
	 * Schedule the next heartbeat check of a run. Checks are rounded up to a grid of a
	 * hundredth of the heartbeat timeout (1ms to 1s), so that the checks of many workers
	 * fall due together and the scheduler wakes up once for all of them.
	 * @param run the run to check
	 * @param delayMillis the time until its heartbeat deadline
	 */
	private void scheduleHeartbeatCheck(WorkerRun run, long delayMillis) {
		Duration heartbeatTimeout = this.settings.heartbeatTimeout();
		long grid = (heartbeatTimeout != null)
				? Math.min(Math.max(heartbeatTimeout.toNanos() / 100, 1_000_000L), 1_000_000_000L) : 1_000_000L;
		long now = System.nanoTime();
		long due = now + Math.max(delayMillis, 1) * 1_000_000L;
		long aligned = due + Math.floorMod(-due, grid);
		run.setHeartbeatCheck(this.scheduler.schedule(() -> checkHeartbeat(run), aligned - now, TimeUnit.NANOSECONDS));
	}

	/**
	 * Check the heartbeat deadline of a run, on the scheduler thread: reschedule the
	 * check for the new deadline when the worker sent a heartbeat since, otherwise
	 * declare the run hung, interrupt it and give it one more timeout to end.
	 * @param run the run to check
	 */
	private void checkHeartbeat(WorkerRun run) {
		Duration heartbeatTimeout = this.settings.heartbeatTimeout();
		if (heartbeatTimeout == null) {
			return;
		}
		long timeout = heartbeatTimeout.toMillis();
		long silentFor;
		synchronized (this) {
			if (this.run != run || run.isFinished() || this.stopping) {
				return;
			}
			silentFor = this.clock.millis() - run.getLastHeartbeat();
			if (silentFor < timeout) {
				scheduleHeartbeatCheck(run, timeout - silentFor);
				return;
			}
			run.markHung();
		}
		this.events.workerHung(this, Duration.ofMillis(silentFor));
		run.requestStop();
		this.scheduler.schedule(() -> abandonIfStuck(run), timeout, TimeUnit.MILLISECONDS);
	}

	/**
	 * Leave a hung run's thread behind if it did not end after it was interrupted, and
	 * handle the end of the run on a new thread, so that the worker restarts on a new
	 * thread per its policy.
	 * @param run the hung run
	 */
	private void abandonIfStuck(WorkerRun run) {
		if (run.finish()) {
			Thread thread = run.getThread();
			this.events.workerAbandoned(this, thread);
			Thread handler = this.scheduler.newThread(() -> ended(run, null));
			handler.setName(getName());
			handler.start();
		}
	}

}
