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
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.daemonstarter.restart.RestartMode;
import io.github.daemonstarter.restart.RestartPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * Settings of the watchdog and of each supervised worker.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
@ConfigurationProperties("daemon.watchdog")
public class WatchdogProperties {

	/**
	 * Whether to supervise the application's workers.
	 */
	private boolean enabled = true;

	/**
	 * How long a worker may go without a heartbeat before it is considered hung and is
	 * interrupted. Unset, hangs are not detected.
	 */
	private @Nullable Duration heartbeatTimeout;

	/**
	 * How long the workers together get to end after they were asked to stop when the
	 * application closes. Workers still running then are reported by name.
	 */
	private Duration shutdownTimeout = Duration.ofSeconds(10);

	/**
	 * What happens when a critical worker gives up: mark the application broken (its
	 * liveness state), or close it and exit with status 75.
	 */
	private GiveUpAction onGiveUp = GiveUpAction.MARK_BROKEN;

	/**
	 * Restart settings of every worker.
	 */
	private final Restart restart = new Restart();

	/**
	 * Settings of single workers, by worker name. They override the settings above.
	 */
	private final Map<String, Worker> workers = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable Duration getHeartbeatTimeout() {
		return this.heartbeatTimeout;
	}

	public void setHeartbeatTimeout(@Nullable Duration heartbeatTimeout) {
		this.heartbeatTimeout = positive(heartbeatTimeout);
	}

	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		Assert.isTrue(!shutdownTimeout.isNegative(), () -> "must not be negative, was " + shutdownTimeout);
		this.shutdownTimeout = shutdownTimeout;
	}

	public GiveUpAction getOnGiveUp() {
		return this.onGiveUp;
	}

	public void setOnGiveUp(GiveUpAction onGiveUp) {
		this.onGiveUp = onGiveUp;
	}

	public Restart getRestart() {
		return this.restart;
	}

	public Map<String, Worker> getWorkers() {
		return this.workers;
	}

	private static @Nullable Duration positive(@Nullable Duration duration) {
		Assert.isTrue(duration == null || duration.compareTo(Duration.ZERO) > 0,
				() -> "must be positive, was " + duration);
		return duration;
	}

	private static @Nullable Duration notNegative(@Nullable Duration duration) {
		Assert.isTrue(duration == null || !duration.isNegative(), () -> "must not be negative, was " + duration);
		return duration;
	}

	/**
	 * Restart settings. Unset values fall back to the level above: a worker's settings to
	 * {@code daemon.watchdog.restart}, and those to {@link RestartPolicy#ofDefaults()}.
	 */
	public static class Restart {

		/**
		 * When a worker is restarted: always (also after a normal return), on-failure
		 * (after an exception or a hang) or never.
		 */
		private @Nullable RestartMode policy;

		/**
		 * Delay before the first restart.
		 */
		private @Nullable Duration initialDelay;

		/**
		 * Factor by which each further delay grows; at least 1.
		 */
		private @Nullable Double multiplier;

		/**
		 * Longest delay between restarts.
		 */
		private @Nullable Duration maxDelay;

		/**
		 * Fraction of each delay varied at random, between 0 and 1.
		 */
		private @Nullable Double jitter;

		/**
		 * Restarts allowed within the window before the worker gives up; -1 for no limit.
		 */
		private @Nullable Integer maxRestarts;

		/**
		 * Sliding window in which restarts are counted.
		 */
		private @Nullable Duration window;

		/**
		 * How long a run must last for the delays to start again at the initial delay.
		 */
		private @Nullable Duration resetAfter;

		public @Nullable RestartMode getPolicy() {
			return this.policy;
		}

		public void setPolicy(@Nullable RestartMode policy) {
			this.policy = policy;
		}

		public @Nullable Duration getInitialDelay() {
			return this.initialDelay;
		}

		public void setInitialDelay(@Nullable Duration initialDelay) {
			this.initialDelay = notNegative(initialDelay);
		}

		public @Nullable Double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(@Nullable Double multiplier) {
			Assert.isTrue(multiplier == null || multiplier >= 1, () -> "must be at least 1, was " + multiplier);
			this.multiplier = multiplier;
		}

		public @Nullable Duration getMaxDelay() {
			return this.maxDelay;
		}

		public void setMaxDelay(@Nullable Duration maxDelay) {
			this.maxDelay = notNegative(maxDelay);
		}

		public @Nullable Double getJitter() {
			return this.jitter;
		}

		public void setJitter(@Nullable Double jitter) {
			Assert.isTrue(jitter == null || (jitter >= 0 && jitter <= 1),
					() -> "must be between 0 and 1, was " + jitter);
			this.jitter = jitter;
		}

		public @Nullable Integer getMaxRestarts() {
			return this.maxRestarts;
		}

		public void setMaxRestarts(@Nullable Integer maxRestarts) {
			Assert.isTrue(maxRestarts == null || maxRestarts >= -1,
					() -> "must be -1 (no limit) or more, was " + maxRestarts);
			this.maxRestarts = maxRestarts;
		}

		public @Nullable Duration getWindow() {
			return this.window;
		}

		public void setWindow(@Nullable Duration window) {
			this.window = positive(window);
		}

		public @Nullable Duration getResetAfter() {
			return this.resetAfter;
		}

		public void setResetAfter(@Nullable Duration resetAfter) {
			this.resetAfter = notNegative(resetAfter);
		}

	}

	/**
	 * Settings of one worker.
	 */
	public static class Worker {

		/**
		 * Whether to run the worker.
		 */
		private boolean enabled = true;

		/**
		 * Whether the application is broken when the worker gives up (see
		 * daemon.watchdog.on-give-up).
		 */
		private @Nullable Boolean critical;

		/**
		 * How long the worker may go without a heartbeat before it is considered hung.
		 */
		private @Nullable Duration heartbeatTimeout;

		/**
		 * Restart settings of the worker.
		 */
		private final Restart restart = new Restart();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable Boolean getCritical() {
			return this.critical;
		}

		public void setCritical(@Nullable Boolean critical) {
			this.critical = critical;
		}

		public @Nullable Duration getHeartbeatTimeout() {
			return this.heartbeatTimeout;
		}

		public void setHeartbeatTimeout(@Nullable Duration heartbeatTimeout) {
			this.heartbeatTimeout = positive(heartbeatTimeout);
		}

		public Restart getRestart() {
			return this.restart;
		}

	}

}
