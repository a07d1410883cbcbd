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

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The threads of the watchdog: the factory of worker threads, one scheduler thread for
 * backoff delays and heartbeat deadlines, and one restarter thread that starts the runs
 * that follow a backoff delay, one at a time. The scheduler and restarter threads start
 * only when first needed.
 *
 * @author Daemon Starter Team
 */
final class WatchdogScheduler {

	/**
	 * Logs under the watchdog's category, as the rest of the watchdog does.
	 */
	private static final Log logger = LogFactory.getLog(Watchdog.class);

	private final ThreadFactory threadFactory;

	private volatile ScheduledThreadPoolExecutor scheduler;

	private volatile ThreadPoolExecutor restarter;

	WatchdogScheduler(ThreadFactory threadFactory) {
		this.threadFactory = threadFactory;
		this.scheduler = newScheduler();
		this.restarter = newRestarter();
	}

	/**
	 * Make the scheduler and restarter usable again after {@link #shutdownNow()}, for a
	 * watchdog that is started again after it stopped.
	 */
	void renewIfShutDown() {
		if (this.scheduler.isShutdown()) {
			this.scheduler = newScheduler();
			this.restarter = newRestarter();
		}
	}

	/**
	 * Cancel every pending task and interrupt the scheduler and restarter threads.
	 */
	void shutdownNow() {
		this.scheduler.shutdownNow();
		this.restarter.shutdownNow();
	}

	/**
	 * Create the scheduler of backoff delays and heartbeat deadlines. Its one thread is
	 * started with the first task, so an application without heartbeat timeouts and
	 * failures never gets one.
	 * @return a new scheduler
	 */
	private static ScheduledThreadPoolExecutor newScheduler() {
		ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, daemonThreads("watchdog"));
		scheduler.setRemoveOnCancelPolicy(true);
		return scheduler;
	}

	/**
	 * Create the executor that starts the runs that follow a backoff delay, one at a
	 * time. It keeps thread starts off the scheduler, and bounds how fast a storm of
	 * failing workers can restart. Its thread is started with the first restart.
	 * @return a new restarter
	 */
	private static ThreadPoolExecutor newRestarter() {
		return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
				daemonThreads("watchdog-restarter"));
	}

	private static ThreadFactory daemonThreads(String name) {
		return (runnable) -> {
			Thread thread = new Thread(runnable, name);
			thread.setDaemon(true);
			return thread;
		};
	}

	Thread newThread(Runnable runnable) {
		return this.threadFactory.newThread(runnable);
	}

	@Nullable ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
		try {
			return this.scheduler.schedule(task, delay, unit);
		}
		catch (RejectedExecutionException ex) {
			logger.debug("Watchdog is stopped; task not scheduled", ex);
			return null;
		}
	}

	/**
	 * Run a restart on the restarter thread once a delay has passed.
	 * @param restart the restart
	 * @param delay the delay
	 * @return the scheduled restart, or {@code null} if the watchdog is stopped
	 */
	@Nullable ScheduledFuture<?> scheduleRestart(Runnable restart, Duration delay) {
		return schedule(() -> {
			try {
				this.restarter.execute(restart);
			}
			catch (RejectedExecutionException ex) {
				logger.debug("Watchdog is stopped; restart not run", ex);
			}
		}, delay.toNanos(), TimeUnit.NANOSECONDS);
	}

}
