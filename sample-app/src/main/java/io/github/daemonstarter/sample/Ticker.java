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
 * A well-behaved worker: it sends a heartbeat every second and logs a tick every ten
 * seconds until the application stops. It starts before {@link FlakyWorker flaky} and so
 * stops after it.
 * <p>
 * {@code sample.ticker.heartbeat-interval} and {@code sample.ticker.log-interval} change
 * the intervals.
 *
 * @author Daemon Starter Team
 */
@Component("ticker")
@Order(1)
class Ticker implements DaemonWorker {

	private static final Log logger = LogFactory.getLog(Ticker.class);

	private final Duration heartbeatInterval;

	private final Duration logInterval;

	Ticker(@Value("${sample.ticker.heartbeat-interval:1s}") Duration heartbeatInterval,
			@Value("${sample.ticker.log-interval:10s}") Duration logInterval) {
		this.heartbeatInterval = heartbeatInterval;
		this.logInterval = logInterval;
	}

	@Override
	public void run(WorkerContext context) throws InterruptedException {
		logger.info(LogMessage.format("Ticker started: a heartbeat every %s, a tick every %s",
				SampleDurations.format(this.heartbeatInterval), SampleDurations.format(this.logInterval)));
		long started = System.nanoTime();
		long nextTick = started + this.logInterval.toNanos();
		int ticks = 0;
		try {
			while (!context.awaitStop(this.heartbeatInterval)) {
				context.heartbeat();
				long now = System.nanoTime();
				if (now - nextTick >= 0) {
					ticks++;
					nextTick = now + this.logInterval.toNanos();
					double seconds = (now - started) / 1e9;
					int tick = ticks;
					logger.info(LogMessage
						.of(() -> String.format(Locale.ROOT, "Tick %d: running for %.1fs", tick, seconds)));
				}
			}
		}
		finally {
			logger.info("Ticker stopping");
		}
	}

}
