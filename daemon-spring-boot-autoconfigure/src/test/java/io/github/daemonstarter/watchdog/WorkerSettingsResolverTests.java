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
import java.util.List;
import java.util.Map;

import io.github.daemonstarter.restart.RestartMode;
import io.github.daemonstarter.restart.RestartPolicy;
import io.github.daemonstarter.watchdog.worker.DaemonWorker;
import io.github.daemonstarter.watchdog.worker.WorkerRegistration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link WorkerSettingsResolver}: defaults, then {@code daemon.watchdog.*},
 * then the registration in code, then {@code daemon.watchdog.workers.<name>.*}.
 *
 * @author Daemon Starter Team
 */
class WorkerSettingsResolverTests {

	private static final DaemonWorker WORKER = (context) -> {
	};

	private static final WorkerRegistration ORDERS = WorkerRegistration.of("ordersConsumer", WORKER);

	@Test
	void resolveWithoutSettingsUsesTheDefaults() {
		WorkerSettings settings = resolve(Map.of(), ORDERS);
		assertThat(settings.name()).isEqualTo("ordersConsumer");
		assertThat(settings.worker()).isSameAs(WORKER);
		assertThat(settings.policy()).hasToString(RestartPolicy.ofDefaults().toString());
		assertThat(settings.heartbeatTimeout()).isNull();
		assertThat(settings.critical()).isFalse();
	}

	@Test
	void resolveAppliesGlobalPropertiesOverTheDefaults() {
		WorkerSettings settings = resolve(
				Map.of("daemon.watchdog.heartbeat-timeout", "5s", "daemon.watchdog.restart.policy", "always",
						"daemon.watchdog.restart.max-restarts", "3", "daemon.watchdog.restart.initial-delay", "2s"),
				ORDERS);
		assertThat(settings.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(settings.policy().getMode()).isEqualTo(RestartMode.ALWAYS);
		assertThat(settings.policy().getMaxRestarts()).isEqualTo(3);
		assertThat(settings.policy().getInitialDelay()).isEqualTo(Duration.ofSeconds(2));
		assertThat(settings.policy().getMaxDelay()).isEqualTo(Duration.ofSeconds(30));
		assertThat(settings.policy().getWindow()).isEqualTo(Duration.ofMinutes(10));
	}

	@Test
	void resolveAppliesTheRegistrationOverGlobalProperties() {
		WorkerRegistration registration = ORDERS
			.withRestartPolicy(RestartPolicy.builder().maxRestarts(7).jitter(0).build())
			.withHeartbeatTimeout(Duration.ofSeconds(10))
			.withCritical(true);
		WorkerSettings settings = resolve(Map.of("daemon.watchdog.heartbeat-timeout", "5s",
				"daemon.watchdog.restart.max-restarts", "3", "daemon.watchdog.restart.initial-delay", "2s"),
				registration);
		assertThat(settings.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(settings.policy().getMaxRestarts()).isEqualTo(7);
		assertThat(settings.policy().getJitter()).isZero();
		assertThat(settings.policy().getInitialDelay()).as("global properties do not reach a policy set in code")
			.isEqualTo(Duration.ofSeconds(1));
		assertThat(settings.critical()).isTrue();
	}

	@Test
	void resolveKeepsGlobalHeartbeatTimeoutWhenTheRegistrationSetsOnlyAPolicy() {
		WorkerRegistration registration = ORDERS.withRestartPolicy(RestartPolicy.builder().maxRestarts(7).build());
		WorkerSettings settings = resolve(Map.of("daemon.watchdog.heartbeat-timeout", "5s"), registration);
		assertThat(settings.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void resolveAppliesWorkerPropertiesOverTheRegistration() {
		WorkerRegistration registration = ORDERS
			.withRestartPolicy(RestartPolicy.builder()
				.initialDelay(Duration.ofMillis(100))
				.maxRestarts(7)
				.restartOn(IllegalStateException.class::isInstance)
				.build())
			.withHeartbeatTimeout(Duration.ofSeconds(10))
			.withCritical(true);
		WorkerSettings settings = resolve(Map.of("daemon.watchdog.workers.ordersConsumer.critical", "false",
				"daemon.watchdog.workers.ordersConsumer.heartbeat-timeout", "2s",
				"daemon.watchdog.workers.ordersConsumer.restart.max-restarts", "1",
				"daemon.watchdog.workers.ordersConsumer.restart.policy", "always"), registration);
		assertThat(settings.critical()).isFalse();
		assertThat(settings.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(settings.policy().getMaxRestarts()).isEqualTo(1);
		assertThat(settings.policy().getMode()).isEqualTo(RestartMode.ALWAYS);
		assertThat(settings.policy().getInitialDelay()).isEqualTo(Duration.ofMillis(100));
		assertThat(settings.policy().restartsAfter(new IllegalStateException())).isTrue();
		assertThat(settings.policy().restartsAfter(new IllegalArgumentException())).isFalse();
	}

	@Test
	void resolveAppliesWorkerPropertiesOverGlobalProperties() {
		WorkerSettings settings = resolve(Map.of("daemon.watchdog.heartbeat-timeout", "5s",
				"daemon.watchdog.restart.max-restarts", "3", "daemon.watchdog.restart.initial-delay", "2s",
				"daemon.watchdog.workers.ordersConsumer.restart.max-restarts", "5",
				"daemon.watchdog.workers.ordersConsumer.critical", "true"), ORDERS);
		assertThat(settings.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(settings.policy().getMaxRestarts()).isEqualTo(5);
		assertThat(settings.policy().getInitialDelay()).isEqualTo(Duration.ofSeconds(2));
		assertThat(settings.critical()).isTrue();
	}

	@Test
	void resolveLeavesOtherWorkersAlone() {
		WorkerSettings settings = resolve(Map.of("daemon.watchdog.workers.billing.critical", "true",
				"daemon.watchdog.workers.billing.restart.max-restarts", "1"), ORDERS);
		assertThat(settings.critical()).isFalse();
		assertThat(settings.policy().getMaxRestarts()).isEqualTo(10);
	}

	@Test
	void resolveMatchesDashedKeyWithCamelCaseName() {
		WorkerSettings settings = resolve(Map.of("daemon.watchdog.workers.orders-consumer.critical", "true"), ORDERS);
		assertThat(settings.critical()).isTrue();
	}

	@Test
	void resolveMatchesLowerCaseKeyWithCamelCaseName() {
		WorkerSettings settings = resolve(Map.of("daemon.watchdog.workers.ordersconsumer.critical", "true"), ORDERS);
		assertThat(settings.critical()).isTrue();
	}

	@Test
	void resolveMatchesCamelCaseKeyWithDashedName() {
		WorkerSettings settings = resolve(Map.of("daemon.watchdog.workers.ordersConsumer.critical", "true"),
				WorkerRegistration.of("orders-consumer", WORKER));
		assertThat(settings.critical()).isTrue();
	}

	@Test
	void resolveWhenWorkerDisabledReturnsNull() {
		WorkerSettingsResolver resolver = resolver(Map.of("daemon.watchdog.workers.orders-consumer.enabled", "false"));
		assertThat(resolver.resolve(ORDERS)).isNull();
		assertThat(resolver.resolve(WorkerRegistration.of("billing", WORKER))).isNotNull();
	}

	@Test
	void resolveWhenWorkerExplicitlyEnabledReturnsSettings() {
		assertThat(resolver(Map.of("daemon.watchdog.workers.orders-consumer.enabled", "true")).resolve(ORDERS))
			.isNotNull();
	}

	@Test
	void resolveWhenGlobalDelaysContradictEachOtherThrowsExceptionNamingThePrefix() {
		WorkerSettingsResolver resolver = resolver(Map.of("daemon.watchdog.restart.initial-delay", "1m"));
		assertThatIllegalStateException().isThrownBy(() -> resolver.resolve(ORDERS))
			.withMessage("Invalid restart settings: daemon.watchdog.restart.max-delay (30s) must not be shorter than "
					+ "daemon.watchdog.restart.initial-delay (1m); fix daemon.watchdog.restart.*")
			.withCauseInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void resolveWhenWorkerDelaysContradictEachOtherThrowsExceptionNamingThePrefix() {
		WorkerSettingsResolver resolver = resolver(Map.of("daemon.watchdog.workers.orders-consumer.restart.max-delay",
				"100ms", "daemon.watchdog.workers.orders-consumer.restart.initial-delay", "200ms"));
		assertThatIllegalStateException().isThrownBy(() -> resolver.resolve(ORDERS))
			.withMessageStartingWith(
					"Invalid restart settings: daemon.watchdog.workers.orders-consumer.restart.max-delay")
			.withMessageEndingWith("max-delay (100ms) must not be shorter than "
					+ "daemon.watchdog.workers.orders-consumer.restart.initial-delay (200ms); "
					+ "fix daemon.watchdog.workers.orders-consumer.restart.*");
	}

	@Test
	void resolveWhenWorkerDelayContradictsTheRegistrationThrowsExceptionNamingThePrefix() {
		WorkerRegistration registration = ORDERS
			.withRestartPolicy(RestartPolicy.builder().maxDelay(Duration.ofSeconds(2)).build());
		WorkerSettingsResolver resolver = resolver(
				Map.of("daemon.watchdog.workers.orders-consumer.restart.initial-delay", "5s"));
		assertThatIllegalStateException().isThrownBy(() -> resolver.resolve(registration))
			.withMessageStartingWith(
					"Invalid restart settings: daemon.watchdog.workers.orders-consumer.restart.max-delay");
	}

	@Test
	void checkWorkerPropertiesWhenEveryBlockNamesAWorkerSucceeds() {
		WorkerSettingsResolver resolver = resolver(Map.of("daemon.watchdog.workers.orders-consumer.critical", "true",
				"daemon.watchdog.workers.billing.enabled", "false"));
		assertThatNoException().isThrownBy(() -> resolver.checkWorkerProperties(List.of("ordersConsumer", "billing")));
	}

	@Test
	void checkWorkerPropertiesWhenBlockNamesNoWorkerThrowsExceptionNamingTheKey() {
		WorkerSettingsResolver resolver = resolver(Map.of("daemon.watchdog.workers.nosuch.critical", "true"));
		assertThatIllegalStateException()
			.isThrownBy(() -> resolver.checkWorkerProperties(List.of("ordersConsumer", "billing")))
			.withMessage("daemon.watchdog.workers.nosuch names no worker; the workers are [billing, ordersConsumer]. "
					+ "Fix the name or remove the settings");
	}

	@Test
	void checkWorkerPropertiesWithoutWorkersThrowsExceptionNamingTheKey() {
		WorkerSettingsResolver resolver = resolver(Map.of("daemon.watchdog.workers.orders.enabled", "false"));
		assertThatIllegalStateException().isThrownBy(() -> resolver.checkWorkerProperties(List.of()))
			.withMessageStartingWith("daemon.watchdog.workers.orders names no worker");
	}

	@Test
	void canonicalIgnoresCaseAndPunctuation() {
		assertThat(WorkerSettingsResolver.canonical("ordersConsumer")).isEqualTo("ordersconsumer");
		assertThat(WorkerSettingsResolver.canonical("orders-consumer")).isEqualTo("ordersconsumer");
		assertThat(WorkerSettingsResolver.canonical("ORDERS_CONSUMER")).isEqualTo("ordersconsumer");
		assertThat(WorkerSettingsResolver.canonical("orders2")).isEqualTo("orders2");
		assertThat(WorkerSettingsResolver.canonical("orders")).isNotEqualTo("ordersconsumer");
	}

	private static WorkerSettings resolve(Map<String, String> properties, WorkerRegistration registration) {
		WorkerSettings settings = resolver(properties).resolve(registration);
		assertThat(settings).isNotNull();
		return settings;
	}

	private static WorkerSettingsResolver resolver(Map<String, String> properties) {
		return new WorkerSettingsResolver(WatchdogPropertiesTests.bind(properties));
	}

}
