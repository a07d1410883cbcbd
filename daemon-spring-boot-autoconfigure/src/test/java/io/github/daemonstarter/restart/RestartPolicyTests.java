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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link RestartPolicy}. With jitter, Spring's {@link ExponentialBackOff}
 * varies each delay by the jitter fraction of it, never below the initial delay nor above
 * the max delay.
 *
 * @author Daemon Starter Team
 */
class RestartPolicyTests {

	@Test
	void defaults() {
		RestartPolicy policy = RestartPolicy.ofDefaults();
		assertThat(policy.getMode()).isEqualTo(RestartMode.ON_FAILURE);
		assertThat(policy.getInitialDelay()).isEqualTo(Duration.ofSeconds(1));
		assertThat(policy.getMultiplier()).isEqualTo(2);
		assertThat(policy.getMaxDelay()).isEqualTo(Duration.ofSeconds(30));
		assertThat(policy.getJitter()).isEqualTo(0.1);
		assertThat(policy.getMaxRestarts()).isEqualTo(10);
		assertThat(policy.getWindow()).isEqualTo(Duration.ofMinutes(10));
		assertThat(policy.getResetAfter()).isEqualTo(Duration.ofMinutes(1));
		assertThat(policy.restartsAfter(new IllegalStateException())).isTrue();
		assertThat(policy.restartsAfter(new OutOfMemoryError())).isTrue();
		assertThat(policy.restartsAfterReturn()).isFalse();
	}

	@Test
	void builderStartsFromTheDefaults() {
		assertThat(RestartPolicy.builder().build()).hasToString(RestartPolicy.ofDefaults().toString());
	}

	@Test
	void builderSetsEverySetting() {
		RestartPolicy policy = RestartPolicy.builder()
			.mode(RestartMode.ALWAYS)
			.initialDelay(Duration.ofMillis(250))
			.multiplier(1.5)
			.maxDelay(Duration.ofSeconds(5))
			.jitter(0.5)
			.maxRestarts(-1)
			.window(Duration.ofHours(1))
			.resetAfter(Duration.ofSeconds(20))
			.build();
		assertThat(policy.getMode()).isEqualTo(RestartMode.ALWAYS);
		assertThat(policy.getInitialDelay()).isEqualTo(Duration.ofMillis(250));
		assertThat(policy.getMultiplier()).isEqualTo(1.5);
		assertThat(policy.getMaxDelay()).isEqualTo(Duration.ofSeconds(5));
		assertThat(policy.getJitter()).isEqualTo(0.5);
		assertThat(policy.getMaxRestarts()).isEqualTo(-1);
		assertThat(policy.getWindow()).isEqualTo(Duration.ofHours(1));
		assertThat(policy.getResetAfter()).isEqualTo(Duration.ofSeconds(20));
	}

	@Test
	void builderAcceptsTheBoundaryValues() {
		RestartPolicy policy = RestartPolicy.builder()
			.initialDelay(Duration.ZERO)
			.multiplier(1)
			.maxDelay(Duration.ZERO)
			.jitter(0)
			.maxRestarts(0)
			.window(Duration.ofMillis(1))
			.resetAfter(Duration.ZERO)
			.build();
		assertThat(policy.getInitialDelay()).isZero();
		assertThat(policy.getMaxDelay()).isZero();
		assertThat(policy.getMaxRestarts()).isZero();
		assertThat(RestartPolicy.builder().jitter(1).build().getJitter()).isEqualTo(1);
	}

	@Test
	void initialDelayWhenNegativeThrowsException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RestartPolicy.builder().initialDelay(Duration.ofMillis(-1)))
			.withMessage("'initialDelay' must not be negative, was PT-0.001S");
	}

	@Test
	void maxDelayWhenNegativeThrowsException() {
		assertThatIllegalArgumentException().isThrownBy(() -> RestartPolicy.builder().maxDelay(Duration.ofSeconds(-2)))
			.withMessage("'maxDelay' must not be negative, was PT-2S");
	}

	@Test
	void resetAfterWhenNegativeThrowsException() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RestartPolicy.builder().resetAfter(Duration.ofMinutes(-1)))
			.withMessage("'resetAfter' must not be negative, was PT-1M");
	}

	@Test
	void durationWhenNullThrowsException() {
		assertThatIllegalArgumentException().isThrownBy(() -> RestartPolicy.builder().initialDelay(null))
			.withMessage("'initialDelay' must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> RestartPolicy.builder().window(null))
			.withMessage("'window' must not be null");
	}

	@Test
	void multiplierWhenBelowOneThrowsException() {
		assertThatIllegalArgumentException().isThrownBy(() -> RestartPolicy.builder().multiplier(0.5))
			.withMessage("'multiplier' must be at least 1, was 0.5");
	}

	@Test
	void jitterWhenNegativeThrowsException() {
		assertThatIllegalArgumentException().isThrownBy(() -> RestartPolicy.builder().jitter(-0.1))
			.withMessage("'jitter' must be between 0 and 1, was -0.1");
	}

	@Test
	void jitterWhenAboveOneThrowsException() {
		assertThatIllegalArgumentException().isThrownBy(() -> RestartPolicy.builder().jitter(2))
			.withMessage("'jitter' must be between 0 and 1, was 2.0");
	}

	@Test
	void maxRestartsWhenBelowMinusOneThrowsException() {
		assertThatIllegalArgumentException().isThrownBy(() -> RestartPolicy.builder().maxRestarts(-2))
			.withMessage("'maxRestarts' must be -1 (no limit) or more, was -2");
	}

	@Test
	void windowWhenZeroThrowsException() {
		assertThatIllegalArgumentException().isThrownBy(() -> RestartPolicy.builder().window(Duration.ZERO))
			.withMessage("'window' must be positive, was PT0S");
	}

	@Test
	void windowWhenNegativeThrowsException() {
		assertThatIllegalArgumentException().isThrownBy(() -> RestartPolicy.builder().window(Duration.ofSeconds(-1)))
			.withMessage("'window' must be positive, was PT-1S");
	}

	@Test
	void buildWhenMaxDelayShorterThanInitialDelayThrowsException() {
		RestartPolicy.Builder builder = RestartPolicy.builder()
			.initialDelay(Duration.ofSeconds(10))
			.maxDelay(Duration.ofSeconds(5));
		assertThatIllegalArgumentException().isThrownBy(builder::build)
			.withMessage("'maxDelay' (5s) must not be shorter than 'initialDelay' (10s)");
	}

	@Test
	void buildWhenMaxDelayEqualsInitialDelaySucceeds() {
		RestartPolicy policy = RestartPolicy.builder()
			.initialDelay(Duration.ofSeconds(5))
			.maxDelay(Duration.ofSeconds(5))
			.build();
		assertThat(policy.getMaxDelay()).isEqualTo(policy.getInitialDelay());
	}

	@Test
	void mutateStartsFromThePolicyAndLeavesItUnchanged() {
		RestartPolicy original = RestartPolicy.builder()
			.mode(RestartMode.ALWAYS)
			.initialDelay(Duration.ofMillis(100))
			.maxRestarts(3)
			.restartOn(IllegalStateException.class::isInstance)
			.build();
		RestartPolicy mutated = original.mutate().maxRestarts(7).build();
		assertThat(mutated.getMode()).isEqualTo(RestartMode.ALWAYS);
		assertThat(mutated.getInitialDelay()).isEqualTo(Duration.ofMillis(100));
		assertThat(mutated.getMaxRestarts()).isEqualTo(7);
		assertThat(mutated.restartsAfter(new IllegalStateException())).isTrue();
		assertThat(mutated.restartsAfter(new IllegalArgumentException())).isFalse();
		assertThat(original.getMaxRestarts()).isEqualTo(3);
	}

	@Test
	void builderIsNotSharedWithTheBuiltPolicy() {
		RestartPolicy.Builder builder = RestartPolicy.builder().maxRestarts(1);
		RestartPolicy policy = builder.build();
		builder.maxRestarts(5);
		assertThat(policy.getMaxRestarts()).isEqualTo(1);
	}

	@Test
	void onFailureRestartsAfterFailureButNotAfterReturn() {
		RestartPolicy policy = RestartPolicy.builder().mode(RestartMode.ON_FAILURE).build();
		assertThat(policy.restartsAfter(new RuntimeException())).isTrue();
		assertThat(policy.restartsAfterReturn()).isFalse();
	}

	@Test
	void alwaysRestartsAfterFailureAndAfterReturn() {
		RestartPolicy policy = RestartPolicy.builder().mode(RestartMode.ALWAYS).build();
		assertThat(policy.restartsAfter(new RuntimeException())).isTrue();
		assertThat(policy.restartsAfterReturn()).isTrue();
	}

	@Test
	void neverRestartsNeitherAfterFailureNorAfterReturn() {
		RestartPolicy policy = RestartPolicy.builder().mode(RestartMode.NEVER).restartOn((failure) -> true).build();
		assertThat(policy.restartsAfter(new RuntimeException())).isFalse();
		assertThat(policy.restartsAfterReturn()).isFalse();
	}

	@Test
	void restartOnFiltersTheFailuresThatLeadToARestart() {
		RestartPolicy policy = RestartPolicy.builder().restartOn(UncheckedIOException.class::isInstance).build();
		assertThat(policy.restartsAfter(new UncheckedIOException(new IOException("connection reset")))).isTrue();
		assertThat(policy.restartsAfter(new IllegalStateException("bad configuration"))).isFalse();
	}

	@Test
	void restartOnReplacesThePreviousPredicate() {
		RestartPolicy policy = RestartPolicy.builder()
			.restartOn(IllegalStateException.class::isInstance)
			.restartOn(IllegalArgumentException.class::isInstance)
			.build();
		assertThat(policy.restartsAfter(new IllegalArgumentException())).isTrue();
		assertThat(policy.restartsAfter(new IllegalStateException())).isFalse();
	}

	@Test
	void restartOnWhenNullThrowsException() {
		assertThatIllegalArgumentException().isThrownBy(() -> RestartPolicy.builder().restartOn(null))
			.withMessage("'restartOn' must not be null");
	}

	@Test
	void backOffIsASpringExponentialBackOff() {
		BackOff backOff = RestartPolicy.builder()
			.initialDelay(Duration.ofMillis(500))
			.multiplier(3)
			.maxDelay(Duration.ofSeconds(20))
			.jitter(0.2)
			.build()
			.backOff();
		assertThat(backOff).isInstanceOf(ExponentialBackOff.class);
		ExponentialBackOff exponential = (ExponentialBackOff) backOff;
		assertThat(exponential.getInitialInterval()).isEqualTo(500);
		assertThat(exponential.getMultiplier()).isEqualTo(3);
		assertThat(exponential.getMaxInterval()).isEqualTo(20_000);
		assertThat(exponential.getJitter()).isEqualTo(100);
	}

	@Test
	void backOffWithoutJitterDoublesTheDelayUpToTheMaxDelay() {
		BackOffExecution execution = RestartPolicy.builder().jitter(0).build().backOff().start();
		assertThat(delays(execution, 9)).containsExactly(1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 30_000L, 30_000L,
				30_000L, 30_000L);
	}

	@Test
	void backOffHasNoAttemptLimit() {
		BackOffExecution execution = RestartPolicy.builder().jitter(0).maxRestarts(1).build().backOff().start();
		assertThat(delays(execution, 1_000)).allMatch((delay) -> delay > 0).endsWith(30_000L);
	}

	@Test
	void backOffWithMultiplierOneKeepsTheDelay() {
		BackOffExecution execution = RestartPolicy.builder()
			.initialDelay(Duration.ofMillis(300))
			.multiplier(1)
			.jitter(0)
			.build()
			.backOff()
			.start();
		assertThat(delays(execution, 4)).containsOnly(300L);
	}

	@Test
	void backOffWithZeroInitialDelayRestartsAtOnce() {
		BackOffExecution execution = RestartPolicy.builder()
			.initialDelay(Duration.ZERO)
			.maxDelay(Duration.ZERO)
			.build()
			.backOff()
			.start();
		assertThat(delays(execution, 3)).containsOnly(0L);
	}

	@Test
	void startOfBackOffBeginsTheSequenceAgain() {
		BackOff backOff = RestartPolicy.builder().jitter(0).build().backOff();
		delays(backOff.start(), 4);
		assertThat(delays(backOff.start(), 2)).containsExactly(1_000L, 2_000L);
	}

	@RepeatedTest(20)
	void backOffWithJitterVariesEachDelayWithinSpringBounds() {
		RestartPolicy policy = RestartPolicy.ofDefaults();
		List<Long> delays = delays(policy.backOff().start(), 9);
		long[] bases = { 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000, 30_000 };
		for (int i = 0; i < bases.length; i++) {
			long deviation = Math.round(bases[i] * policy.getJitter());
			long min = Math.max(bases[i] - deviation, 1_000);
			long max = Math.min(bases[i] + deviation, 30_000);
			assertThat(delays.get(i)).as("delay %d", i + 1).isBetween(min, max);
		}
	}

	@Test
	void backOffWithJitterIsNotConstant() {
		RestartPolicy policy = RestartPolicy.builder().jitter(1).multiplier(1).build();
		List<Long> delays = delays(policy.backOff().start(), 50);
		assertThat(delays).allMatch((delay) -> delay >= 1_000 && delay <= 2_000);
		assertThat(new HashSet<>(delays)).hasSizeGreaterThan(1);
	}

	@Test
	void toStringNamesTheSettings() {
		assertThat(RestartPolicy.ofDefaults()).hasToString(
				"RestartPolicy[mode=ON_FAILURE, initialDelay=PT1S, multiplier=2.0, maxDelay=PT30S, jitter=0.1, "
						+ "maxRestarts=10, window=PT10M, resetAfter=PT1M]");
	}

	private static List<Long> delays(BackOffExecution execution, int count) {
		List<Long> delays = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			delays.add(execution.nextBackOff());
		}
		return delays;
	}

}
