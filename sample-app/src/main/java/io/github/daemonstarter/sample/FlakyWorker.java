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

package io.github.daemonstarter.sample;

import java.time.Duration;
import java.util.Locale;

import io.github.daemonstarter.watchdog.worker.DaemonWorker;
import io.github.daemonstarter.watchdog.worker.WorkerContext;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.core.log.LogMessage;
import org.springframework.stereotype.Component;

/**
 * A worker that fails on purpose, to show what the watchdog does about it: it sends
 * heartbeats while healthy and, {@code sample.flaky.fail-after} (30s) into each run,
 * fails the way {@code sample.flaky.failure} says:
 * <ul>
 * <li>{@code exception} (the default): it throws an exception, and the watchdog restarts
 * it after a backoff delay;</li>
 * <li>{@code hang}: it blocks without heartbeats, as a call that never returns would, but
 * ends when interrupted; the watchdog detects the hang after the worker's heartbeat
 * timeout and restarts it;</li>
 * <li>{@code crash}: it halts the JVM with exit status {@value #CRASH_STATUS}, skipping
 * shutdown hooks, as a native crash would.</li>
 * <li>{@code exit}: it ends the application normally with exit status 0, as an
 * application that has finished its job does; a process supervisor does not restart
 * it.</li>
 * </ul>
 * {@code sample.flaky.heartbeat-interval} (1s) sets how often it sends a heartbeat while
 * healthy.
 *
 * @author Daemon Starter Team
 */
@Component("flaky")
@Order(2)
class FlakyWorker implements DaemonWorker {

	/**
	 * Exit status of the JVM when {@code sample.flaky.failure=crash}.
	 */
	static final int CRASH_STATUS = 70;

	private static final Log logger = LogFactory.getLog(FlakyWorker.class);

	private final Duration failAfter;

	private final Failure failure;

	private final Duration heartbeatInterval;

	FlakyWorker(@Value("${sample.flaky.fail-after:30s}") Duration failAfter,
			@Value("${sample.flaky.failure:exception}") Failure failure,
			@Value("${sample.flaky.heartbeat-interval:1s}") Duration heartbeatInterval) {
		this.failAfter = failAfter;
		this.failure = failure;
		this.heartbeatInterval = heartbeatInterval;
	}

	@Override
	public void run(WorkerContext context) throws Exception {
		int run = context.getRestartCount() + 1;
		logger.info(LogMessage.format("Flaky worker run %d starting, failing in %s with %s", run,
				SampleDurations.format(this.failAfter), this.failure));
		try {
			if (workUntilFailure(context)) {
				fail(run);
			}
		}
		finally {
			if (context.isStopRequested()) {
				logger.info(LogMessage.format("Flaky worker stopping (run %d)", run));
			}
		}
	}

	/**
	 * Send heartbeats until it is time to fail.
	 * @param context the context of the run
	 * @return {@code true} if it is time to fail, {@code false} if a stop was requested
	 * @throws InterruptedException if interrupted while waiting
	 */
	private boolean workUntilFailure(WorkerContext context) throws InterruptedException {
		long failAt = System.nanoTime() + this.failAfter.toNanos();
		while (true) {
			context.heartbeat();
			long remaining = failAt - System.nanoTime();
			if (remaining <= 0) {
				return true;
			}
			if (context.awaitStop(Duration.ofNanos(Math.min(remaining, this.heartbeatInterval.toNanos())))) {
				return false;
			}
		}
	}

	private void fail(int run) throws InterruptedException {
		switch (this.failure) {
			case EXCEPTION -> throw new IllegalStateException(
					"Simulated failure of flaky worker run " + run + " (sample.flaky.failure=exception)");
			case HANG -> {
				logger.info(LogMessage.format("Flaky worker run %d hangs: it blocks without heartbeats "
						+ "until interrupted (sample.flaky.failure=hang)", run));
				Thread.sleep(Long.MAX_VALUE);
			}
			case CRASH -> {
				logger.info(LogMessage.format(
						"Flaky worker run %d halts the JVM with status %d " + "(sample.flaky.failure=crash)", run,
						CRASH_STATUS));
				Runtime.getRuntime().halt(CRASH_STATUS);
			}
			case EXIT -> {
				logger.info(LogMessage
					.format("Flaky worker run %d ends the application with status 0 (sample.flaky.failure=exit)", run));
				// On another thread: the application's shutdown waits for this worker to
				// end
				Thread exit = new Thread(() -> System.exit(0), "flaky-exit");
				exit.start();
			}
		}
	}

	/**
	 * How the worker fails.
	 */
	enum Failure {

		/**
		 * Throw an exception.
		 */
		EXCEPTION,

		/**
		 * Block without heartbeats until interrupted.
		 */
		HANG,

		/**
		 * Halt the JVM.
		 */
		CRASH,

		/**
		 * End the application with exit status 0.
		 */
		EXIT;

		@Override
		public String toString() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
