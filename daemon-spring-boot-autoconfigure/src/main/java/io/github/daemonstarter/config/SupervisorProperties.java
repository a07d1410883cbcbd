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

package io.github.daemonstarter.config;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

import io.github.daemonstarter.restart.RestartMode;
import io.github.daemonstarter.restart.RestartPolicy;

import org.springframework.util.Assert;

/**
 * Settings of the process supervisor, bound under {@code daemon.supervisor}: with
 * {@code --daemon}, a small JVM that starts the application as its child and restarts it
 * when it ends abnormally.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public class SupervisorProperties {

	/**
	 * Whether {@code --daemon} starts a supervisor that restarts the application's JVM
	 * when it crashes, is killed or exits with a failure status.
	 */
	private boolean enabled;

	/**
	 * How long a run of the application must last to count as a successful start. A
	 * shorter run counts as a failed start, so the delay before the next restart grows; a
	 * longer one starts the backoff afresh.
	 */
	private Duration minUptime = Duration.ofSeconds(10);

	/**
	 * The most restarts within the window; past it the supervisor gives up, removes its
	 * PID file and exits. -1 for no limit.
	 */
	private int maxRestarts = 5;

	/**
	 * The sliding window in which restarts are counted.
	 */
	private Duration window = Duration.ofMinutes(10);

	/**
	 * The delay before the first restart after a failed start.
	 */
	private Duration initialDelay = Duration.ofSeconds(1);

	/**
	 * The factor by which the delay grows after each failed start.
	 */
	private double multiplier = 2;

	/**
	 * The longest delay between restarts.
	 */
	private Duration maxDelay = Duration.ofMinutes(1);

	/**
	 * The random fraction (0 to 1) added to or taken from each delay, so that daemons
	 * that fail together do not restart in lockstep.
	 */
	private double jitter = 0.1;

	/**
	 * Exit statuses after which the application is restarted even though they count as
	 * clean, such as 143 (SIGTERM) or 0.
	 */
	private Set<Integer> restartExitCodes = new LinkedHashSet<>();

	/**
	 * Exit statuses after which the application is never restarted, such as a status that
	 * means a bad configuration. Wins over restart-exit-codes.
	 */
	private Set<Integer> noRestartExitCodes = new LinkedHashSet<>();

	/**
	 * Whether the next JVM is booted while the backoff runs and held before the
	 * application starts, so that a restart costs less than a cold start. Code that the
	 * main method runs before SpringApplication does then runs during the backoff.
	 */
	private boolean prestart = true;

	/**
	 * When the workers of the JVM that a reload starts begin: 'sequential' once the
	 * workers of the JVM it replaces have stopped, so that a consumer never runs twice;
	 * 'overlap' as soon as the new JVM has started.
	 */
	private WorkerHandover workerHandover = WorkerHandover.SEQUENTIAL;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getMinUptime() {
		return this.minUptime;
	}

	public void setMinUptime(Duration minUptime) {
		Assert.isTrue(minUptime != null && !minUptime.isNegative(), () -> "must not be negative, was " + minUptime);
		this.minUptime = minUptime;
	}

	public int getMaxRestarts() {
		return this.maxRestarts;
	}

	public void setMaxRestarts(int maxRestarts) {
		Assert.isTrue(maxRestarts >= -1, () -> "must be -1 (no limit) or more, was " + maxRestarts);
		this.maxRestarts = maxRestarts;
	}

	public Duration getWindow() {
		return this.window;
	}

	public void setWindow(Duration window) {
		Assert.isTrue(DaemonProperties.isPositive(window), () -> "must be positive, was " + window);
		this.window = window;
	}

	public Duration getInitialDelay() {
		return this.initialDelay;
	}

	public void setInitialDelay(Duration initialDelay) {
		Assert.isTrue(initialDelay != null && !initialDelay.isNegative(),
				() -> "must not be negative, was " + initialDelay);
		this.initialDelay = initialDelay;
	}

	public double getMultiplier() {
		return this.multiplier;
	}

	public void setMultiplier(double multiplier) {
		Assert.isTrue(multiplier >= 1, () -> "must be at least 1, was " + multiplier);
		this.multiplier = multiplier;
	}

	public Duration getMaxDelay() {
		return this.maxDelay;
	}

	public void setMaxDelay(Duration maxDelay) {
		Assert.isTrue(maxDelay != null && !maxDelay.isNegative(), () -> "must not be negative, was " + maxDelay);
		this.maxDelay = maxDelay;
	}

	public double getJitter() {
		return this.jitter;
	}

	public void setJitter(double jitter) {
		Assert.isTrue(jitter >= 0 && jitter <= 1, () -> "must be between 0 and 1, was " + jitter);
		this.jitter = jitter;
	}

	public Set<Integer> getRestartExitCodes() {
		return this.restartExitCodes;
	}

	public void setRestartExitCodes(Set<Integer> restartExitCodes) {
		this.restartExitCodes = exitCodes(restartExitCodes);
	}

	public Set<Integer> getNoRestartExitCodes() {
		return this.noRestartExitCodes;
	}

	public void setNoRestartExitCodes(Set<Integer> noRestartExitCodes) {
		this.noRestartExitCodes = exitCodes(noRestartExitCodes);
	}

	public boolean isPrestart() {
		return this.prestart;
	}

	public void setPrestart(boolean prestart) {
		this.prestart = prestart;
	}

	public WorkerHandover getWorkerHandover() {
		return this.workerHandover;
	}

	public void setWorkerHandover(WorkerHandover workerHandover) {
		this.workerHandover = workerHandover;
	}

	/**
	 * When the workers of a JVM that a reload starts begin.
	 */
	public enum WorkerHandover {

		/**
		 * Once the workers of the JVM that it replaces have stopped.
		 */
		SEQUENTIAL,

		/**
		 * As soon as the new JVM has started, beside the old JVM's workers.
		 */
		OVERLAP

	}

	private static Set<Integer> exitCodes(Set<Integer> codes) {
		for (Integer code : codes) {
			Assert.isTrue(code != null && code >= 0 && code <= 255,
					() -> "must hold exit statuses between 0 and 255, held " + code);
		}
		return new LinkedHashSet<>(codes);
	}

	/**
	 * Return the restart policy of the supervisor: its backoff and limits, with
	 * {@link #getMinUptime() min-uptime} as the run that resets the backoff.
	 * @return the restart policy
	 */
	public RestartPolicy policy() {
		return RestartPolicy.builder()
			.mode(RestartMode.ON_FAILURE)
			.initialDelay(this.initialDelay)
			.multiplier(this.multiplier)
			.maxDelay(this.maxDelay)
			.jitter(this.jitter)
			.maxRestarts(this.maxRestarts)
			.window(this.window)
			.resetAfter(this.minUptime)
			.build();
	}

}
