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

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RestartTracker}, driven by explicit instants.
 *
 * @author Daemon Starter Team
 */
class RestartTrackerTests {

	private static final Duration SHORT_RUN = Duration.ofSeconds(1);

	private final Instant start = Instant.parse("2026-01-01T00:00:00Z");

	@Test
	void nextRestartGrowsTheDelayUpToTheMaxDelay() {
		RestartTracker tracker = new RestartTracker(policy().maxRestarts(-1).build());
		assertThat(tracker.nextRestart(SHORT_RUN, at(1))).isEqualTo(Duration.ofSeconds(1));
		assertThat(tracker.nextRestart(SHORT_RUN, at(3))).isEqualTo(Duration.ofSeconds(2));
		assertThat(tracker.nextRestart(SHORT_RUN, at(6))).isEqualTo(Duration.ofSeconds(4));
		assertThat(tracker.nextRestart(SHORT_RUN, at(11))).isEqualTo(Duration.ofSeconds(8));
		assertThat(tracker.nextRestart(SHORT_RUN, at(20))).isEqualTo(Duration.ofSeconds(16));
		assertThat(tracker.nextRestart(SHORT_RUN, at(37))).isEqualTo(Duration.ofSeconds(30));
		assertThat(tracker.nextRestart(SHORT_RUN, at(68))).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void nextRestartWhenMaxRestartsReachedWithinWindowGivesUp() {
		RestartTracker tracker = new RestartTracker(policy().maxRestarts(3).window(Duration.ofMinutes(10)).build());
		assertThat(tracker.nextRestart(SHORT_RUN, at(1))).isNotNull();
		assertThat(tracker.nextRestart(SHORT_RUN, at(2))).isNotNull();
		assertThat(tracker.nextRestart(SHORT_RUN, at(3))).isNotNull();
		assertThat(tracker.restartsWithinWindow(at(3))).isEqualTo(3);
		assertThat(tracker.nextRestart(SHORT_RUN, at(4))).isNull();
		assertThat(tracker.nextRestart(SHORT_RUN, at(5))).isNull();
		assertThat(tracker.restartsWithinWindow(at(5))).isEqualTo(3);
	}

	@Test
	void nextRestartForgetsRestartsOlderThanTheWindow() {
		RestartTracker tracker = new RestartTracker(policy().maxRestarts(2).window(Duration.ofSeconds(60)).build());
		assertThat(tracker.nextRestart(SHORT_RUN, at(0))).isNotNull();
		assertThat(tracker.nextRestart(SHORT_RUN, at(30))).isNotNull();
		assertThat(tracker.nextRestart(SHORT_RUN, at(59))).isNull();
		assertThat(tracker.restartsWithinWindow(at(60))).isEqualTo(1);
		assertThat(tracker.nextRestart(SHORT_RUN, at(60))).isNotNull();
		assertThat(tracker.nextRestart(SHORT_RUN, at(61))).isNull();
		assertThat(tracker.restartsWithinWindow(at(200))).isZero();
		assertThat(tracker.nextRestart(SHORT_RUN, at(200))).isNotNull();
	}

	@Test
	void nextRestartAfterRunLongerThanResetAfterStartsAgainAtTheInitialDelay() {
		RestartTracker tracker = new RestartTracker(
				policy().maxRestarts(-1).resetAfter(Duration.ofMinutes(1)).window(Duration.ofHours(1)).build());
		assertThat(tracker.nextRestart(SHORT_RUN, at(1))).isEqualTo(Duration.ofSeconds(1));
		assertThat(tracker.nextRestart(SHORT_RUN, at(3))).isEqualTo(Duration.ofSeconds(2));
		assertThat(tracker.nextRestart(SHORT_RUN, at(6))).isEqualTo(Duration.ofSeconds(4));
		assertThat(tracker.nextRestart(Duration.ofSeconds(59), at(70))).isEqualTo(Duration.ofSeconds(8));
		assertThat(tracker.nextRestart(Duration.ofMinutes(1), at(200))).isEqualTo(Duration.ofSeconds(1));
		assertThat(tracker.nextRestart(SHORT_RUN, at(202))).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void nextRestartAfterLongRunStillCountsEarlierRestartsWithinTheWindow() {
		RestartTracker tracker = new RestartTracker(
				policy().maxRestarts(2).resetAfter(Duration.ofSeconds(10)).window(Duration.ofHours(1)).build());
		assertThat(tracker.nextRestart(SHORT_RUN, at(1))).isNotNull();
		assertThat(tracker.nextRestart(Duration.ofMinutes(5), at(400))).isEqualTo(Duration.ofSeconds(1));
		assertThat(tracker.nextRestart(Duration.ofMinutes(5), at(800))).isNull();
	}

	@Test
	void nextRestartWithUnlimitedRestartsNeverGivesUp() {
		RestartTracker tracker = new RestartTracker(policy().maxRestarts(-1).build());
		for (int i = 0; i < 1_000; i++) {
			assertThat(tracker.nextRestart(SHORT_RUN, at(i))).as("restart %d", i + 1).isNotNull();
		}
		assertThat(tracker.restartsWithinWindow(at(999))).as("restarts recorded without a limit").isZero();
	}

	@Test
	void nextRestartWithZeroMaxRestartsGivesUpAtOnce() {
		RestartTracker tracker = new RestartTracker(policy().maxRestarts(0).build());
		assertThat(tracker.nextRestart(SHORT_RUN, at(1))).isNull();
		assertThat(tracker.restartsWithinWindow(at(1))).isZero();
	}

	@Test
	void nextRestartWithDefaultPolicyGivesUpAtTheEleventhFailureWithinTenMinutes() {
		RestartTracker tracker = new RestartTracker(RestartPolicy.ofDefaults());
		for (int i = 0; i < 10; i++) {
			assertThat(tracker.nextRestart(SHORT_RUN, at(i * 50))).as("restart %d", i + 1).isNotNull();
		}
		assertThat(tracker.nextRestart(SHORT_RUN, at(599))).isNull();
	}

	@Test
	void nextRestartWithZeroInitialDelayRestartsAtOnce() {
		RestartTracker tracker = new RestartTracker(
				policy().initialDelay(Duration.ZERO).maxDelay(Duration.ZERO).maxRestarts(-1).build());
		assertThat(tracker.nextRestart(SHORT_RUN, at(1))).isZero();
		assertThat(tracker.nextRestart(SHORT_RUN, at(2))).isZero();
	}

	@Test
	void resetForgetsRestartsAndStartsAgainAtTheInitialDelay() {
		RestartTracker tracker = new RestartTracker(policy().maxRestarts(2).build());
		tracker.nextRestart(SHORT_RUN, at(1));
		tracker.nextRestart(SHORT_RUN, at(2));
		tracker.reset();
		assertThat(tracker.restartsWithinWindow(at(3))).isZero();
		assertThat(tracker.nextRestart(SHORT_RUN, at(3))).isEqualTo(Duration.ofSeconds(1));
	}

	private RestartPolicy.Builder policy() {
		return RestartPolicy.builder().jitter(0);
	}

	private Instant at(int seconds) {
		return this.start.plusSeconds(seconds);
	}

}
