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
import java.util.Map;

import io.github.daemonstarter.restart.RestartMode;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link WatchdogProperties}, bound the way Spring Boot binds them.
 *
 * @author Daemon Starter Team
 */
class WatchdogPropertiesTests {

	@Test
	void defaults() {
		WatchdogProperties properties = new WatchdogProperties();
		assertThat(properties.isEnabled()).isTrue();
		assertThat(properties.getHeartbeatTimeout()).isNull();
		assertThat(properties.getShutdownTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(properties.getOnGiveUp()).isEqualTo(GiveUpAction.MARK_BROKEN);
		assertThat(properties.getWorkers()).isEmpty();
		WatchdogProperties.Restart restart = properties.getRestart();
		assertThat(restart.getPolicy()).isNull();
		assertThat(restart.getInitialDelay()).isNull();
		assertThat(restart.getMultiplier()).isNull();
		assertThat(restart.getMaxDelay()).isNull();
		assertThat(restart.getJitter()).isNull();
		assertThat(restart.getMaxRestarts()).isNull();
		assertThat(restart.getWindow()).isNull();
		assertThat(restart.getResetAfter()).isNull();
	}

	@Test
	void bindsEveryProperty() {
		WatchdogProperties properties = bind(Map.ofEntries(Map.entry("daemon.watchdog.enabled", "false"),
				Map.entry("daemon.watchdog.heartbeat-timeout", "45s"),
				Map.entry("daemon.watchdog.shutdown-timeout", "3s"), Map.entry("daemon.watchdog.on-give-up", "exit"),
				Map.entry("daemon.watchdog.restart.policy", "always"),
				Map.entry("daemon.watchdog.restart.initial-delay", "500ms"),
				Map.entry("daemon.watchdog.restart.multiplier", "1.5"),
				Map.entry("daemon.watchdog.restart.max-delay", "1m"),
				Map.entry("daemon.watchdog.restart.jitter", "0.25"),
				Map.entry("daemon.watchdog.restart.max-restarts", "-1"),
				Map.entry("daemon.watchdog.restart.window", "1h"),
				Map.entry("daemon.watchdog.restart.reset-after", "5m")));
		assertThat(properties.isEnabled()).isFalse();
		assertThat(properties.getHeartbeatTimeout()).isEqualTo(Duration.ofSeconds(45));
		assertThat(properties.getShutdownTimeout()).isEqualTo(Duration.ofSeconds(3));
		assertThat(properties.getOnGiveUp()).isEqualTo(GiveUpAction.EXIT);
		WatchdogProperties.Restart restart = properties.getRestart();
		assertThat(restart.getPolicy()).isEqualTo(RestartMode.ALWAYS);
		assertThat(restart.getInitialDelay()).isEqualTo(Duration.ofMillis(500));
		assertThat(restart.getMultiplier()).isEqualTo(1.5);
		assertThat(restart.getMaxDelay()).isEqualTo(Duration.ofMinutes(1));
		assertThat(restart.getJitter()).isEqualTo(0.25);
		assertThat(restart.getMaxRestarts()).isEqualTo(-1);
		assertThat(restart.getWindow()).isEqualTo(Duration.ofHours(1));
		assertThat(restart.getResetAfter()).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void bindsOnGiveUpMarkBroken() {
		assertThat(bind(Map.of("daemon.watchdog.on-give-up", "mark-broken")).getOnGiveUp())
			.isEqualTo(GiveUpAction.MARK_BROKEN);
	}

	@Test
	void bindsRestartPolicyOnFailure() {
		assertThat(bind(Map.of("daemon.watchdog.restart.policy", "on-failure")).getRestart().getPolicy())
			.isEqualTo(RestartMode.ON_FAILURE);
	}

	@Test
	void bindsWorkerSettings() {
		WatchdogProperties properties = bind(Map.of("daemon.watchdog.workers.orders-consumer.enabled", "false",
				"daemon.watchdog.workers.orders-consumer.critical", "true",
				"daemon.watchdog.workers.orders-consumer.heartbeat-timeout", "20s",
				"daemon.watchdog.workers.orders-consumer.restart.policy", "never",
				"daemon.watchdog.workers.orders-consumer.restart.max-restarts", "3"));
		assertThat(properties.getWorkers()).hasSize(1);
		WatchdogProperties.Worker worker = properties.getWorkers().values().iterator().next();
		assertThat(worker.isEnabled()).isFalse();
		assertThat(worker.getCritical()).isTrue();
		assertThat(worker.getHeartbeatTimeout()).isEqualTo(Duration.ofSeconds(20));
		assertThat(worker.getRestart().getPolicy()).isEqualTo(RestartMode.NEVER);
		assertThat(worker.getRestart().getMaxRestarts()).isEqualTo(3);
		assertThat(worker.getRestart().getInitialDelay()).isNull();
	}

	@Test
	void workerDefaults() {
		WatchdogProperties.Worker worker = new WatchdogProperties.Worker();
		assertThat(worker.isEnabled()).isTrue();
		assertThat(worker.getCritical()).isNull();
		assertThat(worker.getHeartbeatTimeout()).isNull();
		assertThat(worker.getRestart().getPolicy()).isNull();
	}

	@Test
	void multiplierBelowOneFailsNamingTheKey() {
		assertBindFailure("daemon.watchdog.restart.multiplier", "0.5", "must be at least 1, was 0.5");
	}

	@Test
	void jitterAboveOneFailsNamingTheKey() {
		assertBindFailure("daemon.watchdog.restart.jitter", "2", "must be between 0 and 1, was 2.0");
	}

	@Test
	void jitterBelowZeroFailsNamingTheKey() {
		assertBindFailure("daemon.watchdog.restart.jitter", "-0.5", "must be between 0 and 1, was -0.5");
	}

	@Test
	void negativeInitialDelayFailsNamingTheKey() {
		assertBindFailure("daemon.watchdog.restart.initial-delay", "-1s", "must not be negative, was PT-1S");
	}

	@Test
	void negativeMaxDelayFailsNamingTheKey() {
		assertBindFailure("daemon.watchdog.restart.max-delay", "-1s", "must not be negative, was PT-1S");
	}

	@Test
	void negativeResetAfterFailsNamingTheKey() {
		assertBindFailure("daemon.watchdog.restart.reset-after", "-1m", "must not be negative, was PT-1M");
	}

	@Test
	void maxRestartsBelowMinusOneFailsNamingTheKey() {
		assertBindFailure("daemon.watchdog.restart.max-restarts", "-2", "must be -1 (no limit) or more, was -2");
	}

	@Test
	void zeroWindowFailsNamingTheKey() {
		assertBindFailure("daemon.watchdog.restart.window", "0s", "must be positive, was PT0S");
	}

	@Test
	void zeroHeartbeatTimeoutFailsNamingTheKey() {
		assertBindFailure("daemon.watchdog.heartbeat-timeout", "0ms", "must be positive, was PT0S");
	}

	@Test
	void negativeShutdownTimeoutFailsNamingTheKey() {
		assertBindFailure("daemon.watchdog.shutdown-timeout", "-1s", "must not be negative, was PT-1S");
	}

	@Test
	void zeroShutdownTimeoutIsAllowed() {
		assertThat(bind(Map.of("daemon.watchdog.shutdown-timeout", "0")).getShutdownTimeout()).isZero();
	}

	@Test
	void invalidWorkerValueFailsNamingTheKey() {
		assertBindFailure("daemon.watchdog.workers.orders.restart.multiplier", "0", "must be at least 1, was 0.0");
		assertBindFailure("daemon.watchdog.workers.orders.heartbeat-timeout", "-5s", "must be positive, was PT-5S");
	}

	private void assertBindFailure(String key, String value, String reason) {
		assertThatExceptionOfType(BindException.class).isThrownBy(() -> bind(Map.of(key, value)))
			.satisfies((ex) -> assertThat(ex.getProperty().getName()).hasToString(key))
			.havingRootCause()
			.isInstanceOf(IllegalArgumentException.class)
			.withMessage(reason);
	}

	static WatchdogProperties bind(Map<String, String> properties) {
		WatchdogProperties target = new WatchdogProperties();
		new Binder(new MapConfigurationPropertySource(properties)).bind("daemon.watchdog", Bindable.ofInstance(target));
		return target;
	}

}
