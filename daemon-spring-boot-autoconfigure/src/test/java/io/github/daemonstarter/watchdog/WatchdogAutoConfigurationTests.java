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

import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import io.github.daemonstarter.watchdog.worker.DaemonWorker;
import io.github.daemonstarter.watchdog.worker.WorkerContext;
import io.github.daemonstarter.watchdog.worker.WorkerRegistration;
import org.awaitility.core.ConditionFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.AvailabilityState;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link WatchdogAutoConfiguration}.
 *
 * @author Daemon Starter Team
 */
class WatchdogAutoConfigurationTests {

	private static final Duration DEADLINE = Duration.ofSeconds(30);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WatchdogAutoConfiguration.class));

	@Test
	void watchdogIsAutoConfiguredAndStartedWithTheContext() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(Watchdog.class).hasSingleBean(WatchdogProperties.class);
			Watchdog watchdog = context.getBean(Watchdog.class);
			assertThat(watchdog.isRunning()).isTrue();
			assertThat(watchdog.getPhase()).isEqualTo(Watchdog.PHASE);
			assertThat(watchdog.getWorkers()).isEmpty();
		});
	}

	@Test
	void watchdogIsNotConfiguredWhenDisabled() {
		RecordingWorker worker = new RecordingWorker();
		this.contextRunner.withPropertyValues("daemon.watchdog.enabled=false")
			.withBean("ordersConsumer", DaemonWorker.class, () -> worker)
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(Watchdog.class)
					.doesNotHaveBean(WatchdogProperties.class);
				assertThat(worker.threads).isEmpty();
			});
	}

	@Test
	void watchdogBacksOffFromAUserDefinedWatchdog() {
		Watchdog custom = new Watchdog(new WatchdogProperties(), List.of(), Clock.systemUTC(),
				new WorkerThreadFactory(), (event) -> {
				}, new CriticalWorkerHandler(GiveUpAction.MARK_BROKEN, new GenericApplicationContext(), (status) -> {
				}));
		this.contextRunner.withBean("customWatchdog", Watchdog.class, () -> custom)
			.withBean("ordersConsumer", DaemonWorker.class, RecordingWorker::new)
			.run((context) -> {
				assertThat(context).hasSingleBean(Watchdog.class);
				assertThat(context.getBean(Watchdog.class)).isSameAs(custom);
				assertThat(custom.getWorkers()).isEmpty();
			});
	}

	@Test
	void daemonWorkerBeanIsSupervisedUnderItsBeanName() {
		RecordingWorker worker = new RecordingWorker();
		AtomicReference<Watchdog> watchdog = new AtomicReference<>();
		this.contextRunner.withBean("ordersConsumer", DaemonWorker.class, () -> worker).run((context) -> {
			watchdog.set(context.getBean(Watchdog.class));
			assertThat(watchdog.get().getWorkers()).extracting(WorkerSnapshot::name).containsExactly("ordersConsumer");
			awaiting().until(() -> worker.threads.size() == 1);
			assertThat(watchdog.get().getWorker("ordersConsumer").state()).isEqualTo(WorkerState.RUNNING);
			Thread thread = worker.threads.get(0);
			assertThat(thread.getName()).isEqualTo("ordersConsumer");
			assertThat(thread.isDaemon()).isFalse();
			assertThat(isVirtual(thread)).isFalse();
		});
		assertThat(watchdog.get().isRunning()).isFalse();
		assertThat(watchdog.get().getWorker("ordersConsumer").state()).isEqualTo(WorkerState.STOPPED);
		assertThat(worker.threads.get(0).isAlive()).isFalse();
	}

	@Test
	void daemonWorkerIsNamedByItsWorkerName() {
		RecordingWorker worker = new RecordingWorker("orders");
		this.contextRunner.withBean("ordersConsumer", DaemonWorker.class, () -> worker).run((context) -> {
			Watchdog watchdog = context.getBean(Watchdog.class);
			assertThat(watchdog.getWorkers()).extracting(WorkerSnapshot::name).containsExactly("orders");
			awaiting().until(() -> worker.threads.size() == 1);
			assertThat(worker.threads.get(0).getName()).isEqualTo("orders");
		});
	}

	@Test
	void daemonWorkerBeanNamedByItsClassNameIsNamedByItsSimpleClassName() {
		RecordingWorker worker = new RecordingWorker();
		this.contextRunner.withBean("com.example.OrdersConsumer", DaemonWorker.class, () -> worker).run((context) -> {
			Watchdog watchdog = context.getBean(Watchdog.class);
			assertThat(watchdog.getWorkers()).extracting(WorkerSnapshot::name).containsExactly("ordersConsumer");
			awaiting().until(() -> worker.threads.size() == 1);
			assertThat(worker.threads.get(0).getName()).isEqualTo("ordersConsumer");
		});
	}

	@Test
	void workerRegistrationBeanIsSupervised() {
		RecordingWorker worker = new RecordingWorker();
		this.contextRunner
			.withBean("ordersRegistration", WorkerRegistration.class,
					() -> WorkerRegistration.of("orders", worker).withCritical(true))
			.run((context) -> {
				Watchdog watchdog = context.getBean(Watchdog.class);
				assertThat(watchdog.getWorkers()).extracting(WorkerSnapshot::name).containsExactly("orders");
				assertThat(watchdog.getWorker("orders").critical()).isTrue();
				awaiting().until(() -> worker.threads.size() == 1);
			});
	}

	@Test
	void daemonWorkerBeanWrappedByARegistrationBeanIsSupervisedOnce() {
		this.contextRunner.withUserConfiguration(WrappedWorkerConfiguration.class).run((context) -> {
			Watchdog watchdog = context.getBean(Watchdog.class);
			assertThat(watchdog.getWorkers()).extracting(WorkerSnapshot::name).containsExactly("orders");
			RecordingWorker worker = context.getBean(RecordingWorker.class);
			awaiting().until(() -> worker.threads.size() == 1);
			assertThat(watchdog.getWorker("orders").critical()).isTrue();
		});
	}

	@Test
	void workerEventsArePublishedToTheContext() {
		this.contextRunner.withBean("ordersConsumer", DaemonWorker.class, RecordingWorker::new)
			.withBean(WorkerEventRecorder.class)
			.run((context) -> {
				WorkerEventRecorder recorder = context.getBean(WorkerEventRecorder.class);
				awaiting().until(() -> !recorder.events.isEmpty());
				assertThat(recorder.events).singleElement()
					.isInstanceOfSatisfying(WorkerStartedEvent.class, (event) -> {
						assertThat(event.getSource()).isSameAs(context.getBean(Watchdog.class));
						assertThat(event.getWorker().name()).isEqualTo("ordersConsumer");
					});
			});
	}

	@Test
	void globalRestartPropertiesReachTheWorkers() {
		this.contextRunner
			.withPropertyValues("daemon.watchdog.restart.initial-delay=1m", "daemon.watchdog.restart.max-delay=1m",
					"daemon.watchdog.restart.jitter=0")
			.withBean("ordersConsumer", DaemonWorker.class, FailingWorker::new)
			.run((context) -> {
				Watchdog watchdog = context.getBean(Watchdog.class);
				awaiting().until(() -> watchdog.getWorker("ordersConsumer").state() == WorkerState.BACKOFF);
				assertThat(delayBeforeRestart(watchdog.getWorker("ordersConsumer"))).isEqualTo(Duration.ofMinutes(1));
			});
	}

	@Test
	void workerPropertiesReachTheWorker() {
		this.contextRunner
			.withPropertyValues("daemon.watchdog.restart.initial-delay=1m", "daemon.watchdog.restart.max-delay=1m",
					"daemon.watchdog.restart.jitter=0",
					"daemon.watchdog.workers.orders-consumer.restart.initial-delay=2m",
					"daemon.watchdog.workers.orders-consumer.restart.max-delay=2m")
			.withBean("ordersConsumer", DaemonWorker.class, FailingWorker::new)
			.withBean("billing", DaemonWorker.class, FailingWorker::new)
			.run((context) -> {
				Watchdog watchdog = context.getBean(Watchdog.class);
				awaiting().until(() -> watchdog.getWorkers()
					.stream()
					.allMatch((worker) -> worker.state() == WorkerState.BACKOFF));
				assertThat(delayBeforeRestart(watchdog.getWorker("ordersConsumer"))).isEqualTo(Duration.ofMinutes(2));
				assertThat(delayBeforeRestart(watchdog.getWorker("billing"))).isEqualTo(Duration.ofMinutes(1));
			});
	}

	@Test
	void criticalWorkerThatGivesUpMarksTheApplicationBroken() {
		FailingWorker worker = new FailingWorker();
		this.contextRunner.withConfiguration(AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class))
			.withPropertyValues("daemon.watchdog.workers.orders-consumer.critical=true",
					"daemon.watchdog.workers.orders-consumer.restart.policy=never")
			.withBean("ordersConsumer", DaemonWorker.class, () -> worker)
			.withBean(AvailabilityRecorder.class)
			.run((context) -> {
				AvailabilityRecorder recorder = context.getBean(AvailabilityRecorder.class);
				awaiting().until(() -> recorder.states.contains(LivenessState.BROKEN));
				assertThat(context.getBean(ApplicationAvailability.class).getLivenessState())
					.isEqualTo(LivenessState.BROKEN);
				WorkerSnapshot snapshot = context.getBean(Watchdog.class).getWorker("ordersConsumer");
				assertThat(snapshot.state()).isEqualTo(WorkerState.FAILED);
				assertThat(snapshot.critical()).isTrue();
				assertThat(snapshot.restartCount()).isZero();
			});
	}

	@Test
	void workerThatIsNotCriticalGivesUpWithoutMarkingTheApplicationBroken() {
		FailingWorker worker = new FailingWorker();
		this.contextRunner.withPropertyValues("daemon.watchdog.restart.policy=never")
			.withBean("ordersConsumer", DaemonWorker.class, () -> worker)
			.withBean(AvailabilityRecorder.class)
			.run((context) -> {
				Watchdog watchdog = context.getBean(Watchdog.class);
				awaiting().until(() -> watchdog.getWorker("ordersConsumer").state() == WorkerState.FAILED
						&& worker.threads.size() == 1 && !worker.threads.get(0).isAlive());
				assertThat(context.getBean(AvailabilityRecorder.class).states).isEmpty();
			});
	}

	@Test
	void disabledWorkerIsNotSupervised() {
		RecordingWorker worker = new RecordingWorker();
		this.contextRunner.withPropertyValues("daemon.watchdog.workers.orders-consumer.enabled=false")
			.withBean("ordersConsumer", DaemonWorker.class, () -> worker)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(Watchdog.class).getWorkers()).isEmpty();
			});
		assertThat(worker.threads).isEmpty();
	}

	@Test
	void multiplierBelowOneFailsStartupNamingTheKey() {
		assertBindFailure("daemon.watchdog.restart.multiplier=0.5", "daemon.watchdog.restart.multiplier",
				"must be at least 1, was 0.5");
	}

	@Test
	void jitterAboveOneFailsStartupNamingTheKey() {
		assertBindFailure("daemon.watchdog.restart.jitter=2", "daemon.watchdog.restart.jitter",
				"must be between 0 and 1, was 2.0");
	}

	@Test
	void negativeInitialDelayFailsStartupNamingTheKey() {
		assertBindFailure("daemon.watchdog.restart.initial-delay=-1s", "daemon.watchdog.restart.initial-delay",
				"must not be negative, was PT-1S");
	}

	@Test
	void invalidWorkerValueFailsStartupNamingTheKey() {
		assertBindFailure("daemon.watchdog.workers.orders-consumer.heartbeat-timeout=0s",
				"daemon.watchdog.workers.orders-consumer.heartbeat-timeout", "must be positive, was PT0S");
	}

	@Test
	void initialDelayLongerThanMaxDelayFailsStartupNamingThePrefix() {
		assertStartupFailure("daemon.watchdog.restart.initial-delay=1m",
				"Invalid restart settings: daemon.watchdog.restart.max-delay (30s) must not be shorter than daemon.watchdog.restart.initial-delay (1m); fix daemon.watchdog.restart.*");
	}

	@Test
	void workerPropertiesNamingNoWorkerFailStartupNamingTheKey() {
		assertStartupFailure("daemon.watchdog.workers.nosuch.critical=true",
				"daemon.watchdog.workers.nosuch names no worker; the workers are [ordersConsumer]. "
						+ "Fix the name or remove the settings");
	}

	@Test
	void workersWhoseNamesDifferOnlyInCaseAndPunctuationFailStartup() {
		this.contextRunner.withBean("ordersConsumer", DaemonWorker.class, RecordingWorker::new)
			.withBean("orders-consumer", DaemonWorker.class, RecordingWorker::new)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("worker names must differ in more than case and punctuation"));
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void workersRunOnVirtualThreadsWhenVirtualThreadsAreEnabled() {
		RecordingWorker worker = new RecordingWorker();
		this.contextRunner.withPropertyValues("spring.threads.virtual.enabled=true")
			.withBean("ordersConsumer", DaemonWorker.class, () -> worker)
			.run((context) -> {
				awaiting().until(() -> worker.threads.size() == 1);
				Thread thread = worker.threads.get(0);
				assertThat(isVirtual(thread)).isTrue();
				assertThat(thread.getName()).isEqualTo("ordersConsumer");
			});
		assertThat(worker.threads.get(0).isAlive()).isFalse();
	}

	private void assertBindFailure(String property, String key, String reason) {
		this.contextRunner.withPropertyValues(property)
			.withBean("ordersConsumer", DaemonWorker.class, RecordingWorker::new)
			.run((context) -> {
				assertThat(context).hasFailed();
				Throwable failure = context.getStartupFailure();
				assertThat(failure).rootCause().hasMessage(reason);
				BindException bindException = findCause(failure, BindException.class);
				assertThat(bindException.getProperty()).isNotNull();
				assertThat(bindException.getProperty().getName()).hasToString(key);
			});
	}

	private void assertStartupFailure(String property, String message) {
		this.contextRunner.withPropertyValues(property)
			.withBean("ordersConsumer", DaemonWorker.class, RecordingWorker::new)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining(IllegalStateException.class.getName() + ": " + message));
	}

	private static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (type.isInstance(candidate)) {
				return type.cast(candidate);
			}
		}
		throw new AssertionError("No " + type.getName() + " in the causes of " + failure);
	}

	private static ConditionFactory awaiting() {
		return await().atMost(DEADLINE).pollInterval(Duration.ofMillis(10));
	}

	private static boolean isVirtual(Thread thread) throws Exception {
		if (JRE.currentVersionNumber() < 21) {
			return false;
		}
		Method isVirtual = Thread.class.getMethod("isVirtual");
		return (boolean) isVirtual.invoke(thread);
	}

	private static Duration delayBeforeRestart(@Nullable WorkerSnapshot snapshot) {
		assertThat(snapshot).isNotNull();
		return Duration.between(snapshot.lastFailure().time(), snapshot.nextRestart());
	}

	static class RecordingWorker implements DaemonWorker {

		private final @Nullable String name;

		final List<Thread> threads = new CopyOnWriteArrayList<>();

		RecordingWorker() {
			this(null);
		}

		RecordingWorker(@Nullable String name) {
			this.name = name;
		}

		@Override
		public void run(WorkerContext context) throws InterruptedException {
			this.threads.add(Thread.currentThread());
			context.awaitStop(DEADLINE);
		}

		@Override
		public @Nullable String getWorkerName() {
			return this.name;
		}

	}

	static class FailingWorker implements DaemonWorker {

		final List<Thread> threads = new CopyOnWriteArrayList<>();

		@Override
		public void run(WorkerContext context) {
			this.threads.add(Thread.currentThread());
			throw new IllegalStateException("failure " + context.getRestartCount());
		}

	}

	static class WorkerEventRecorder implements ApplicationListener<WorkerEvent> {

		final List<WorkerEvent> events = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(WorkerEvent event) {
			this.events.add(event);
		}

	}

	static class AvailabilityRecorder implements ApplicationListener<AvailabilityChangeEvent<?>> {

		final List<AvailabilityState> states = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(AvailabilityChangeEvent<?> event) {
			this.states.add(event.getState());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class WrappedWorkerConfiguration {

		@Bean
		RecordingWorker ordersWorker() {
			return new RecordingWorker();
		}

		@Bean
		WorkerRegistration orders(RecordingWorker ordersWorker) {
			return WorkerRegistration.of("orders", ordersWorker).withCritical(true);
		}

	}

}
