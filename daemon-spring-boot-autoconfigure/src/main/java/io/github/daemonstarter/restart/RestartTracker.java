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
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

import org.jspecify.annotations.Nullable;

import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * Decides, run after run, how long a worker (or a supervised application) waits before
 * its next restart and when it has restarted too often, following a
 * {@link RestartPolicy}: its delays, its max-restarts within the window, and its
 * reset-after period. Pure bookkeeping on the times it is given; not threadsafe.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class RestartTracker {

	private final RestartPolicy policy;

	private final BackOff backOff;

	private BackOffExecution backOffExecution;

	private final Deque<Instant> restarts = new ArrayDeque<>();

	/**
	 * Create a new tracker for the given policy, with no restarts recorded.
	 * @param policy the restart policy
	 */
	public RestartTracker(RestartPolicy policy) {
		this.policy = policy;
		this.backOff = policy.backOff();
		this.backOffExecution = this.backOff.start();
	}

	/**
	 * Record that a run ended and wants a restart, and return the delay before it. A run
	 * that lasted at least the policy's reset-after period starts the delays again at the
	 * initial delay.
	 * @param ranFor how long the run lasted
	 * @param now when it ended
	 * @return the delay before the restart, or {@code null} if the worker restarted
	 * max-restarts times within the window already and gives up
	 */
	public @Nullable Duration nextRestart(Duration ranFor, Instant now) {
		if (ranFor.compareTo(this.policy.getResetAfter()) >= 0) {
			this.backOffExecution = this.backOff.start();
		}
		// Without a limit nothing is recorded, so that memory does not grow with the rate
		int maxRestarts = this.policy.getMaxRestarts();
		if (maxRestarts >= 0) {
			forgetRestartsBefore(now.minus(this.policy.getWindow()));
			if (this.restarts.size() >= maxRestarts) {
				return null;
			}
			this.restarts.addLast(now);
		}
		return Duration.ofMillis(Math.max(0, this.backOffExecution.nextBackOff()));
	}

	/**
	 * Return how many restarts fall within the window that ends now.
	 * @param now the end of the window
	 * @return the number of restarts
	 */
	public int restartsWithinWindow(Instant now) {
		forgetRestartsBefore(now.minus(this.policy.getWindow()));
		return this.restarts.size();
	}

	/**
	 * Forget all restarts and start the delays again at the initial delay.
	 */
	public void reset() {
		this.restarts.clear();
		this.backOffExecution = this.backOff.start();
	}

	private void forgetRestartsBefore(Instant start) {
		while (!this.restarts.isEmpty() && !this.restarts.peekFirst().isAfter(start)) {
			this.restarts.removeFirst();
		}
	}

}
