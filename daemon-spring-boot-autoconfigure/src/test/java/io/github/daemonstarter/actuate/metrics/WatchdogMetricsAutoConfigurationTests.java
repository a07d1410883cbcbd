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

package io.github.daemonstarter.actuate.metrics;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.daemonstarter.restart.RestartPolicy;
import io.github.daemonstarter.watchdog.Watchdog;
import io.github.daemonstarter.watchdog.WatchdogAutoConfiguration;
import io.github.daemonstarter.watchdog.worker.DaemonWorker;
import io.github.daemonstarter.watchdog.worker.WorkerContext;
import io.github.daemonstarter.watchdog.worker.WorkerRegistration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.awaitility.Awaitility;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link WatchdogMetricsAutoConfiguration}, with Spring Boot's own metrics
 * auto-configuration binding the meters to a {@link SimpleMeterRegistry}, as in an
 * application with the actuator.
 *
 * @author Daemon Starter Team
 */
class WatchdogMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WatchdogAutoConfiguration.class,
				WatchdogMetricsAutoConfiguration.class, MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
		.withPropertyValues("management.metrics.use-global-registry=false");

	@Test
	void runBindsMetersOfEveryWorker() {
		this.contextRunner.withBean(WorkerRegistration.class, () -> WorkerRegistration.of("steady", new Worker(0)))
			.run((context) -> {
				assertThat(context).hasSingleBean(WatchdogMetrics.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(restarts(registry, "steady")).isZero();
				assertThat(failures(registry, "steady")).isZero();
				awaitAsserted(() -> assertThat(workers(registry, "running")).isEqualTo(1));
				assertThat(workers(registry, "failed")).isZero();
			});
	}

	@Test
	void countersFollowFailuresAndRestartsOfAFailingWorker() {
		WorkerRegistration flaky = WorkerRegistration.of("flaky", new Worker(3))
			.withRestartPolicy(RestartPolicy.builder().initialDelay(Duration.ofMillis(10)).multiplier(1).build());
		this.contextRunner.withBean(WorkerRegistration.class, () -> flaky).run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			awaitAsserted(() -> {
				assertThat(restarts(registry, "flaky")).isEqualTo(3);
				assertThat(workers(registry, "running")).isEqualTo(1);
			});
			assertThat(failures(registry, "flaky")).isEqualTo(3);
		});
	}

	@Test
	void gaugeCountsAWorkerThatGaveUpAsFailed() {
		WorkerRegistration doomed = WorkerRegistration.of("doomed", new Worker(Integer.MAX_VALUE))
			.withRestartPolicy(RestartPolicy.builder().maxRestarts(0).build());
		this.contextRunner.withBean(WorkerRegistration.class, () -> doomed).run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			awaitAsserted(() -> assertThat(workers(registry, "failed")).isEqualTo(1));
			assertThat(failures(registry, "doomed")).isEqualTo(1);
			assertThat(restarts(registry, "doomed")).isZero();
			assertThat(workers(registry, "running")).isZero();
		});
	}

	@Test
	void countersOfAWorkerRegisteredLaterAppearWhenItStarts() {
		this.contextRunner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.find("daemon.worker.restarts").counters()).isEmpty();
			context.getBean(Watchdog.class).register(WorkerRegistration.of("late", new Worker(0)));
			awaitAsserted(() -> assertThat(workers(registry, "running")).isEqualTo(1));
			assertThat(restarts(registry, "late")).isZero();
			assertThat(failures(registry, "late")).isZero();
		});
	}

	@Test
	void runWhenWatchdogIsDisabledDoesNotCreateMetrics() {
		this.contextRunner.withPropertyValues("daemon.watchdog.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(WatchdogMetrics.class);
			assertThat(context.getBean(MeterRegistry.class).find("daemon.workers").gauges()).isEmpty();
		});
	}

	@Test
	void runWithoutMicrometerDoesNotCreateMetrics() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(Watchdog.class)
				.doesNotHaveBean("watchdogMetrics"));
	}

	@Test
	void runWhenUserDefinesWatchdogMetricsBacksOff() {
		WatchdogMetrics custom = new WatchdogMetrics(mock(Watchdog.class));
		this.contextRunner.withBean("customWatchdogMetrics", WatchdogMetrics.class, () -> custom)
			.run((context) -> assertThat(context).getBean(WatchdogMetrics.class).isSameAs(custom));
	}

	private static void awaitAsserted(ThrowingRunnable assertion) {
		Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(assertion);
	}

	private static double restarts(MeterRegistry registry, String worker) {
		return registry.get("daemon.worker.restarts").tag("worker", worker).counter().count();
	}

	private static double failures(MeterRegistry registry, String worker) {
		return registry.get("daemon.worker.failures").tag("worker", worker).counter().count();
	}

	private static double workers(MeterRegistry registry, String state) {
		return registry.get("daemon.workers").tag("state", state).gauge().value();
	}

	/**
	 * Fails its first runs, then runs until it is asked to stop.
	 */
	static class Worker implements DaemonWorker {

		private final AtomicInteger runs = new AtomicInteger();

		private final int failingRuns;

		Worker(int failingRuns) {
			this.failingRuns = failingRuns;
		}

		@Override
		public void run(WorkerContext context) throws InterruptedException {
			if (this.runs.incrementAndGet() <= this.failingRuns) {
				throw new IllegalStateException("Run " + this.runs.get() + " failed");
			}
			while (!context.awaitStop(Duration.ofSeconds(1))) {
				context.heartbeat();
			}
		}

	}

}
