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

package io.github.daemonstarter.restart;

import java.time.Duration;
import java.util.function.Predicate;

import org.springframework.util.Assert;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * When and how quickly a worker is restarted, and when the watchdog gives up on it.
 * Immutable and threadsafe; create one with {@link #builder()} or start from
 * {@link #ofDefaults()}.
 * <p>
 * The delay before a restart grows exponentially from the initial delay by the multiplier
 * up to the max delay, each delay varied at random by the jitter (a fraction of the
 * delay, either way). With the defaults the delays are 1s, 2s, 4s, 8s, 16s, then 30s for
 * every further restart, each up to 10% shorter or longer but never below 1s nor above
 * 30s. The delays come from Spring Framework's {@link ExponentialBackOff}. A run that
 * lasts at least the reset-after period starts the sequence again at the initial delay.
 * <p>
 * A worker that would restart more than max-restarts times within the window gives up: it
 * stays {@code FAILED}. With the defaults that is the 11th failure within 10 minutes.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class RestartPolicy {

	private static final RestartPolicy DEFAULTS = new Builder().build();

	private final RestartMode mode;

	private final Duration initialDelay;

	private final double multiplier;

	private final Duration maxDelay;

	private final double jitter;

	private final int maxRestarts;

	private final Duration window;

	private final Duration resetAfter;

	private final Predicate<Throwable> restartOn;

	private RestartPolicy(Builder builder) {
		this.mode = builder.mode;
		this.initialDelay = builder.initialDelay;
		this.multiplier = builder.multiplier;
		this.maxDelay = builder.maxDelay;
		this.jitter = builder.jitter;
		this.maxRestarts = builder.maxRestarts;
		this.window = builder.window;
		this.resetAfter = builder.resetAfter;
		this.restartOn = builder.restartOn;
	}

	/**
	 * Return the default policy: {@link RestartMode#ON_FAILURE}, initial delay 1s,
	 * multiplier 2, max delay 30s, jitter 0.1, at most 10 restarts within 10 minutes,
	 * backoff reset after 1 minute of healthy running, restart on any failure.
	 * @return the default policy
	 */
	public static RestartPolicy ofDefaults() {
		return DEFAULTS;
	}

	/**
	 * Return a builder that starts from the {@link #ofDefaults() defaults}.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return a builder that starts from the settings of this policy.
	 * @return a new builder
	 */
	public Builder mutate() {
		return new Builder(this);
	}

	/**
	 * Return when the worker is restarted.
	 * @return the restart mode
	 */
	public RestartMode getMode() {
		return this.mode;
	}

	/**
	 * Return the delay before the first restart.
	 * @return the initial delay
	 */
	public Duration getInitialDelay() {
		return this.initialDelay;
	}

	/**
	 * Return the factor by which each delay grows.
	 * @return the multiplier
	 */
	public double getMultiplier() {
		return this.multiplier;
	}

	/**
	 * Return the longest delay.
	 * @return the max delay
	 */
	public Duration getMaxDelay() {
		return this.maxDelay;
	}

	/**
	 * Return the fraction of each delay that is varied at random.
	 * @return the jitter, between 0 and 1
	 */
	public double getJitter() {
		return this.jitter;
	}

	/**
	 * Return how many restarts are allowed within the {@link #getWindow() window}.
	 * @return the max restarts, or -1 for no limit
	 */
	public int getMaxRestarts() {
		return this.maxRestarts;
	}

	/**
	 * Return the sliding window in which restarts are counted.
	 * @return the window
	 */
	public Duration getWindow() {
		return this.window;
	}

	/**
	 * Return how long a run must last for the delays to start again at the initial delay.
	 * @return the reset-after period
	 */
	public Duration getResetAfter() {
		return this.resetAfter;
	}

	/**
	 * Return whether a failure with the given exception leads to a restart.
	 * @param failure the failure
	 * @return {@code true} if the mode and the filter allow a restart
	 */
	public boolean restartsAfter(Throwable failure) {
		return this.mode != RestartMode.NEVER && this.restartOn.test(failure);
	}

	/**
	 * Return whether a normal return of the worker leads to a restart.
	 * @return {@code true} for {@link RestartMode#ALWAYS}
	 */
	public boolean restartsAfterReturn() {
		return this.mode == RestartMode.ALWAYS;
	}

	/**
	 * Return the delays of this policy as a Spring {@link BackOff}: an
	 * {@link ExponentialBackOff} without an attempt limit (the window limits restarts).
	 * @return a new back-off
	 */
	public BackOff backOff() {
		ExponentialBackOff backOff = new ExponentialBackOff(this.initialDelay.toMillis(), this.multiplier);
		backOff.setMaxInterval(this.maxDelay.toMillis());
		backOff.setJitter(Math.round(this.jitter * this.initialDelay.toMillis()));
		return backOff;
	}

	@Override
	public String toString() {
		return "RestartPolicy[mode=" + this.mode + ", initialDelay=" + this.initialDelay + ", multiplier="
				+ this.multiplier + ", maxDelay=" + this.maxDelay + ", jitter=" + this.jitter + ", maxRestarts="
				+ this.maxRestarts + ", window=" + this.window + ", resetAfter=" + this.resetAfter + "]";
	}

	/**
	 * Mutable and not threadsafe builder of a {@link RestartPolicy}. Every method
	 * validates its argument at once.
	 */
	public static final class Builder {

		private RestartMode mode = RestartMode.ON_FAILURE;

		private Duration initialDelay = Duration.ofSeconds(1);

		private double multiplier = 2;

		private Duration maxDelay = Duration.ofSeconds(30);

		private double jitter = 0.1;

		private int maxRestarts = 10;

		private Duration window = Duration.ofMinutes(10);

		private Duration resetAfter = Duration.ofMinutes(1);

		private Predicate<Throwable> restartOn = (failure) -> true;

		private Builder() {
		}

		private Builder(RestartPolicy policy) {
			this.mode = policy.mode;
			this.initialDelay = policy.initialDelay;
			this.multiplier = policy.multiplier;
			this.maxDelay = policy.maxDelay;
			this.jitter = policy.jitter;
			this.maxRestarts = policy.maxRestarts;
			this.window = policy.window;
			this.resetAfter = policy.resetAfter;
			this.restartOn = policy.restartOn;
		}

		/**
		 * Set when the worker is restarted. Default {@link RestartMode#ON_FAILURE}.
		 * @param mode the restart mode
		 * @return this builder
		 */
		public Builder mode(RestartMode mode) {
			Assert.notNull(mode, "'mode' must not be null");
			this.mode = mode;
			return this;
		}

		/**
		 * Set the delay before the first restart. Default 1s; zero restarts at once.
		 * @param initialDelay the initial delay, zero or positive
		 * @return this builder
		 * @throws IllegalArgumentException if the delay is negative
		 */
		public Builder initialDelay(Duration initialDelay) {
			this.initialDelay = notNegative("initialDelay", initialDelay);
			return this;
		}

		/**
		 * Set the factor by which each delay grows. Default 2; 1 keeps the delay fixed.
		 * @param multiplier the multiplier, at least 1
		 * @return this builder
		 * @throws IllegalArgumentException if the multiplier is below 1
		 */
		public Builder multiplier(double multiplier) {
			Assert.isTrue(multiplier >= 1, () -> "'multiplier' must be at least 1, was " + multiplier);
			this.multiplier = multiplier;
			return this;
		}

		/**
		 * Set the longest delay. Default 30s. It must not be shorter than the initial
		 * delay, which {@link #build()} checks.
		 * @param maxDelay the max delay, zero or positive
		 * @return this builder
		 * @throws IllegalArgumentException if the delay is negative
		 */
		public Builder maxDelay(Duration maxDelay) {
			this.maxDelay = notNegative("maxDelay", maxDelay);
			return this;
		}

		/**
		 * Set the fraction of each delay that is varied at random. Default 0.1; 0 makes
		 * the delays exact.
		 * @param jitter the jitter, between 0 and 1
		 * @return this builder
		 * @throws IllegalArgumentException if the jitter is outside 0..1
		 */
		public Builder jitter(double jitter) {
			Assert.isTrue(jitter >= 0 && jitter <= 1, () -> "'jitter' must be between 0 and 1, was " + jitter);
			this.jitter = jitter;
			return this;
		}

		/**
		 * Set how many restarts are allowed within the window before the worker gives up.
		 * Default 10; -1 means no limit, 0 gives up at the first failure.
		 * @param maxRestarts the max restarts, -1 or more
		 * @return this builder
		 * @throws IllegalArgumentException if the value is below -1
		 */
		public Builder maxRestarts(int maxRestarts) {
			Assert.isTrue(maxRestarts >= -1, () -> "'maxRestarts' must be -1 (no limit) or more, was " + maxRestarts);
			this.maxRestarts = maxRestarts;
			return this;
		}

		/**
		 * Set the sliding window in which restarts are counted. Default 10 minutes.
		 * @param window the window, positive
		 * @return this builder
		 * @throws IllegalArgumentException if the window is zero or negative
		 */
		public Builder window(Duration window) {
			Assert.notNull(window, "'window' must not be null");
			Assert.isTrue(window.compareTo(Duration.ZERO) > 0, () -> "'window' must be positive, was " + window);
			this.window = window;
			return this;
		}

		/**
		 * Set how long a run must last for the delays to start again at the initial
		 * delay. Default 1 minute.
		 * @param resetAfter the reset-after period, zero or positive
		 * @return this builder
		 * @throws IllegalArgumentException if the period is negative
		 */
		public Builder resetAfter(Duration resetAfter) {
			this.resetAfter = notNegative("resetAfter", resetAfter);
			return this;
		}

		/**
		 * Restart only after failures that match the predicate; any other failure makes
		 * the worker give up at once. Replaces any previously configured predicate.
		 * Default: every failure.
		 * @param restartOn the predicate
		 * @return this builder
		 */
		public Builder restartOn(Predicate<Throwable> restartOn) {
			Assert.notNull(restartOn, "'restartOn' must not be null");
			this.restartOn = restartOn;
			return this;
		}

		/**
		 * Build the policy.
		 * @return the policy
		 * @throws IllegalArgumentException if the max delay is shorter than the initial
		 * delay
		 */
		public RestartPolicy build() {
			Assert.isTrue(this.maxDelay.compareTo(this.initialDelay) >= 0,
					() -> "'maxDelay' (" + DurationFormat.of(this.maxDelay)
							+ ") must not be shorter than 'initialDelay' (" + DurationFormat.of(this.initialDelay)
							+ ")");
			return new RestartPolicy(this);
		}

		private static Duration notNegative(String name, Duration duration) {
			Assert.notNull(duration, () -> "'" + name + "' must not be null");
			Assert.isTrue(!duration.isNegative(), () -> "'" + name + "' must not be negative, was " + duration);
			return duration;
		}

	}

}
