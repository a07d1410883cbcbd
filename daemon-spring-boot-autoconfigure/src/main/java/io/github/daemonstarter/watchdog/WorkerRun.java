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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.daemonstarter.watchdog.worker.WorkerContext;
import org.jspecify.annotations.Nullable;

/**
 * One run of a worker, on one thread: the {@link WorkerContext} that the worker sees.
 * Fields without {@code volatile} or an atomic type are guarded by the lock of the
 * {@link SupervisedWorker}.
 *
 * @author Daemon Starter Team
 */
final class WorkerRun implements WorkerContext {

	private final String name;

	private final int restartCount;

	private final Clock clock;

	private final CountDownLatch stopRequest = new CountDownLatch(1);

	private final AtomicBoolean finished = new AtomicBoolean();

	private volatile long lastHeartbeat;

	private volatile boolean hung;

	private volatile @Nullable Thread thread;

	private @Nullable Instant startedAt;

	private @Nullable ScheduledFuture<?> heartbeatCheck;

	WorkerRun(String name, int restartCount, Clock clock) {
		this.name = name;
		this.restartCount = restartCount;
		this.clock = clock;
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public void heartbeat() {
		this.lastHeartbeat = this.clock.millis();
	}

	@Override
	public boolean isStopRequested() {
		return this.stopRequest.getCount() == 0;
	}

	@Override
	public boolean awaitStop(Duration timeout) throws InterruptedException {
		return this.stopRequest.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	@Override
	public int getRestartCount() {
		return this.restartCount;
	}

	long getLastHeartbeat() {
		return this.lastHeartbeat;
	}

	/**
	 * Ask the run to stop: set the flag, wake {@link #awaitStop(Duration)} and interrupt
	 * the thread.
	 */
	void requestStop() {
		this.stopRequest.countDown();
		Thread thread = this.thread;
		if (thread != null) {
			thread.interrupt();
		}
	}

	/**
	 * Mark the run as ended. Exactly one caller wins: the run's own thread when the
	 * worker returns, or the watchdog when it leaves a stuck thread behind.
	 * @return {@code true} for the first caller
	 */
	boolean finish() {
		return this.finished.compareAndSet(false, true);
	}

	boolean isFinished() {
		return this.finished.get();
	}

	void markHung() {
		this.hung = true;
	}

	boolean isHung() {
		return this.hung;
	}

	void setThread(Thread thread) {
		this.thread = thread;
	}

	@Nullable Thread getThread() {
		return this.thread;
	}

	void started(Instant startedAt) {
		this.startedAt = startedAt;
		this.lastHeartbeat = this.clock.millis();
	}

	@Nullable Instant getStartedAt() {
		return this.startedAt;
	}

	void setHeartbeatCheck(@Nullable ScheduledFuture<?> heartbeatCheck) {
		this.heartbeatCheck = heartbeatCheck;
	}

	void cancelHeartbeatCheck() {
		if (this.heartbeatCheck != null) {
			this.heartbeatCheck.cancel(false);
			this.heartbeatCheck = null;
		}
	}

}
