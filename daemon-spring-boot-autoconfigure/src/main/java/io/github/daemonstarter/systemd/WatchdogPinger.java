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

package io.github.daemonstarter.systemd;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.log.LogMessage;

/**
 * Sends {@code WATCHDOG=1} to systemd at half the interval that {@code WATCHDOG_USEC}
 * gives, on one daemon thread, while the application is healthy. Without pings, systemd's
 * {@code WatchdogSec=} restarts the service.
 *
 * @author Daemon Starter Team
 */
class WatchdogPinger {

	static final String THREAD_NAME = "systemd-watchdog";

	private static final Log logger = LogFactory.getLog(WatchdogPinger.class);

	private final SystemdNotifier notifier;

	private final Duration interval;

	private final Supplier<@Nullable String> unhealthyReason;

	private @Nullable ScheduledExecutorService executor;

	private volatile @Nullable String skipping;

	/**
	 * Create a new pinger.
	 * @param notifier the notifier that sends the pings
	 * @param interval the time between two pings
	 * @param unhealthyReason why the application is not healthy now, or {@code null} when
	 * it is
	 */
	WatchdogPinger(SystemdNotifier notifier, Duration interval, Supplier<@Nullable String> unhealthyReason) {
		this.notifier = notifier;
		this.interval = interval;
		this.unhealthyReason = unhealthyReason;
	}

	/**
	 * Return the time between two pings for the watchdog that systemd set up for this
	 * process: half of {@code WATCHDOG_USEC}, provided {@code WATCHDOG_PID} is unset or
	 * names this process.
	 * @param watchdogUsec the value of {@code WATCHDOG_USEC}
	 * @param watchdogPid the value of {@code WATCHDOG_PID}
	 * @param pid the process id of this process
	 * @return the interval, or {@code null} if systemd expects no pings from this process
	 */
	static @Nullable Duration interval(@Nullable String watchdogUsec, @Nullable String watchdogPid, long pid) {
		if (watchdogUsec == null || watchdogUsec.isBlank()) {
			return null;
		}
		if (watchdogPid != null && !watchdogPid.isBlank() && !watchdogPid.strip().equals(Long.toString(pid))) {
			return null;
		}
		try {
			long usec = Long.parseLong(watchdogUsec.strip());
			return (usec > 0) ? Duration.ofNanos(usec * 1000 / 2) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	Duration getInterval() {
		return this.interval;
	}

	/**
	 * Start pinging on the {@value #THREAD_NAME} thread, the first ping right away.
	 */
	synchronized void start() {
		if (this.executor != null) {
			return;
		}
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, THREAD_NAME);
			thread.setDaemon(true);
			return thread;
		});
		executor.scheduleAtFixedRate(this::ping, 0, this.interval.toNanos(), TimeUnit.NANOSECONDS);
		this.executor = executor;
		logger.debug(LogMessage.format("Sending watchdog pings to systemd every %s", this.interval));
	}

	/**
	 * Stop pinging.
	 */
	synchronized void stop() {
		if (this.executor != null) {
			this.executor.shutdownNow();
			this.executor = null;
		}
	}

	/**
	 * Send one ping if the application is healthy.
	 * @return whether a ping was sent
	 */
	boolean ping() {
		try {
			String reason = this.unhealthyReason.get();
			if (reason != null) {
				if (this.skipping == null) {
					logger.warn(LogMessage.format("Not sending watchdog pings to systemd while %s; "
							+ "systemd restarts the service when its WatchdogSec= passes without one", reason));
				}
				this.skipping = reason;
				return false;
			}
			if (this.skipping != null) {
				logger.info("Sending watchdog pings to systemd again: the application is healthy");
				this.skipping = null;
			}
			return this.notifier.send(NotifyMessage.of().watchdog());
		}
		catch (RuntimeException ex) {
			// Never let an exception cancel the periodic task
			logger.debug("Watchdog ping to systemd failed", ex);
			return false;
		}
	}

}
