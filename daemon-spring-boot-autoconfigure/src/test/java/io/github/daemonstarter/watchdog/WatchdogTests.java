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

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.github.daemonstarter.restart.RestartMode;
import io.github.daemonstarter.restart.RestartPolicy;
import io.github.daemonstarter.watchdog.worker.DaemonWorker;
import io.github.daemonstarter.watchdog.worker.WorkerContext;
import io.github.daemonstarter.watchdog.worker.WorkerRegistration;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.awaitility.core.ConditionFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link Watchdog}, with real worker threads and delays of a few milliseconds.
 *
 * @author Daemon Starter Team
 */
@ExtendWith(OutputCaptureExtension.class)
class WatchdogTests {

	private static final Duration DEADLINE = Duration.ofSeconds(30);

	private final WatchdogProperties properties = new WatchdogProperties();

	private final List<Object> events = new CopyOnWriteArrayList<>();

	private final List<WorkerSnapshot> criticalGaveUp = new CopyOnWriteArrayList<>();

	private final List<Thread> threads = new CopyOnWriteArrayList<>();

	private final List<String> records = new CopyOnWriteArrayList<>();

	private final AtomicInteger ignoredInterrupts = new AtomicInteger();

	private final CountDownLatch release = new CountDownLatch(1);

	private final List<Watchdog> watchdogs = new ArrayList<>();

	@AfterEach
	void stopWatchdogsAndReleaseWorkers() {
		this.release.countDown();
		this.watchdogs.forEach(Watchdog::stop);
		awaiting().until(() -> this.threads.stream().noneMatch(Thread::isAlive));
	}

	@Test
	void startRunsEachWorkerOnAThreadNamedAfterIt() {
		Watchdog watchdog = watchdog(WorkerRegistration.of("orders", this::recordThreadAndAwaitStop),
				WorkerRegistration.of("billing", this::recordThreadAndAwaitStop));
		assertThat(watchdog.getWorkers()).extracting(WorkerSnapshot::state)
			.containsExactly(WorkerState.STOPPED, WorkerState.STOPPED);
		watchdog.start();
		assertThat(watchdog.isRunning()).isTrue();
		awaitState(watchdog, "orders", WorkerState.RUNNING);
		awaitState(watchdog, "billing", WorkerState.RUNNING);
		awaiting().until(() -> this.threads.size() == 2);
		assertThat(this.threads).extracting(Thread::getName).containsExactlyInAnyOrder("orders", "billing");
		assertThat(this.threads).noneMatch(Thread::isDaemon);
		assertThat(watchdog.getWorkers()).extracting(WorkerSnapshot::name).containsExactly("orders", "billing");
		WorkerSnapshot orders = watchdog.getWorker("orders");
		assertThat(orders.runningSince()).isNotNull();
		assertThat(orders.nextRestart()).isNull();
		assertThat(orders.lastFailure()).isNull();
		assertThat(orders.restartCount()).isZero();
		assertThat(orders.critical()).isFalse();
		assertThat(this.events).filteredOn(WorkerStartedEvent.class::isInstance).hasSize(2);
	}

	@Test
	void startWithAClosedStartGateStartsNoWorkerUntilTheGateRunsTheAction() {
		AtomicReference<Runnable> held = new AtomicReference<>();
		Watchdog watchdog = watchdog(WorkerRegistration.of("orders", this::recordThreadAndAwaitStop));
		watchdog.setStartGate(held::set);
		watchdog.start();
		assertThat(watchdog.isRunning()).isTrue();
		assertThat(held.get()).isNotNull();
		assertThat(watchdog.getWorker("orders").state()).isEqualTo(WorkerState.STOPPED);
		assertThat(this.events).noneMatch(WorkerStartedEvent.class::isInstance);
		held.get().run();
		awaitState(watchdog, "orders", WorkerState.RUNNING);
		assertThat(this.threads).extracting(Thread::getName).containsExactly("orders");
	}

	@Test
	void registerWhileTheStartGateIsClosedStartsTheWorkerOnlyOnceTheGateRunsTheAction() {
		AtomicReference<Runnable> held = new AtomicReference<>();
		Watchdog watchdog = watchdog();
		watchdog.setStartGate(held::set);
		watchdog.start();
		watchdog.register(WorkerRegistration.of("billing", this::recordThreadAndAwaitStop));
		assertThat(watchdog.getWorker("billing").state()).isEqualTo(WorkerState.STOPPED);
		held.get().run();
		awaitState(watchdog, "billing", WorkerState.RUNNING);
	}

	@Test
	void stopBeforeTheStartGateRunsTheActionMeansTheActionStartsNoWorker() {
		AtomicReference<Runnable> held = new AtomicReference<>();
		Watchdog watchdog = watchdog(WorkerRegistration.of("orders", this::recordThreadAndAwaitStop));
		watchdog.setStartGate(held::set);
		watchdog.start();
		watchdog.stop();
		held.get().run();
		assertThat(watchdog.isRunning()).isFalse();
		assertThat(watchdog.getWorker("orders").state()).isEqualTo(WorkerState.STOPPED);
		assertThat(this.events).noneMatch(WorkerStartedEvent.class::isInstance);
		assertThat(this.threads).isEmpty();
	}

	@Test
	void setStartGateWithNullThrowsException() {
		Watchdog watchdog = watchdog();
		assertThatIllegalArgumentException().isThrownBy(() -> watchdog.setStartGate(null))
			.withMessage("'startGate' must not be null");
	}

	@Test
	void getWorkerWhenUnknownReturnsNull() {
		assertThat(watchdog(WorkerRegistration.of("orders", this::recordThreadAndAwaitStop)).getWorker("billing"))
			.isNull();
	}

	@Test
	void getRestartPolicyReturnsPolicyOfWorker() {
		RestartPolicy policy = RestartPolicy.builder().maxRestarts(3).build();
		Watchdog watchdog = watchdog(
				WorkerRegistration.of("orders", this::recordThreadAndAwaitStop).withRestartPolicy(policy));
		assertThat(watchdog.getRestartPolicy("orders").getMaxRestarts()).isEqualTo(3);
	}

	@Test
	void getRestartPolicyWhenUnknownReturnsNull() {
		assertThat(
				watchdog(WorkerRegistration.of("orders", this::recordThreadAndAwaitStop)).getRestartPolicy("billing"))
			.isNull();
	}

	@Test
	void failingWorkerIsRestartedWithGrowingDelays() {
		DaemonWorker worker = (context) -> {
			this.threads.add(Thread.currentThread());
			this.records.add(context.getName() + " run " + context.getRestartCount());
			if (context.getRestartCount() < 4) {
				throw new IllegalStateException("failure " + context.getRestartCount());
			}
			context.awaitStop(DEADLINE);
		};
		Watchdog watchdog = watchdog(WorkerRegistration.of("flaky", worker).withRestartPolicy(fastPolicy().build()));
		watchdog.start();
		awaiting().until(() -> this.records.size() == 5);
		assertThat(isRunningAfterRestarts(watchdog.getWorker("flaky"), 4)).isTrue();
		assertThat(this.records).containsExactly("flaky run 0", "flaky run 1", "flaky run 2", "flaky run 3",
				"flaky run 4");
		assertThat(this.events).extracting((event) -> event.getClass().getSimpleName())
			.containsExactly("WorkerStartedEvent", "WorkerFailedEvent", "WorkerRestartedEvent", "WorkerFailedEvent",
					"WorkerRestartedEvent", "WorkerFailedEvent", "WorkerRestartedEvent", "WorkerFailedEvent",
					"WorkerRestartedEvent");
		List<WorkerFailedEvent> failures = events(WorkerFailedEvent.class);
		assertThat(failures).extracting(WorkerFailedEvent::getFailure)
			.extracting(Throwable::getMessage)
			.containsExactly("failure 0", "failure 1", "failure 2", "failure 3");
		assertThat(failures).extracting(WorkerEvent::getWorker).allSatisfy((snapshot) -> {
			assertThat(snapshot.state()).isEqualTo(WorkerState.BACKOFF);
			assertThat(snapshot.runningSince()).isNull();
		});
		assertThat(failures).extracting((event) -> delayBeforeRestart(event.getWorker()))
			.containsExactly(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(40),
					Duration.ofMillis(40));
		assertThat(failures).extracting((event) -> event.getWorker().restartCount()).containsExactly(0, 1, 2, 3);
		assertThat(events(WorkerRestartedEvent.class)).extracting(WorkerEvent::getWorker).satisfies((snapshots) -> {
			assertThat(snapshots).extracting(WorkerSnapshot::restartCount).containsExactly(1, 2, 3, 4);
			assertThat(snapshots).extracting(WorkerSnapshot::state).containsOnly(WorkerState.RUNNING);
		});
		assertThat(this.events).allSatisfy((event) -> assertThat(((WorkerEvent) event).getSource()).isSameAs(watchdog));
		assertThat(this.threads).hasSize(5).doesNotHaveDuplicates();
		assertThat(this.threads).extracting(Thread::getName).containsOnly("flaky");
		WorkerSnapshot snapshot = watchdog.getWorker("flaky");
		assertThat(snapshot.lastFailure().type()).isEqualTo(IllegalStateException.class.getName());
		assertThat(snapshot.lastFailure().message()).isEqualTo("failure 3");
		assertThat(snapshot.lastFailure()).hasToString("java.lang.IllegalStateException: failure 3");
		assertThat(snapshot.nextRestart()).isNull();
	}

	@Test
	void repeatedFailureIsLoggedWithoutItsStackTraceAgain(CapturedOutput output) {
		Watchdog watchdog = watchdog(
				WorkerRegistration.of("flaky", this::fail).withRestartPolicy(fastPolicy().maxRestarts(2).build()));
		watchdog.start();
		awaitState(watchdog, "flaky", WorkerState.FAILED);
		// The state changes before the failure is logged
		awaiting().untilAsserted(() -> assertThat(output).contains("Worker 'flaky' failed; not restarting."));
		assertThat(output).contains("Worker 'flaky' failed; restarting in 10ms" + System.lineSeparator()
				+ "java.lang.IllegalStateException: failure 0");
		assertThat(output).contains("Worker 'flaky' failed; restarting in 20ms. The same failure as before, so "
				+ "without its stack trace: java.lang.IllegalStateException: failure 1");
		assertThat(output).contains("Worker 'flaky' failed; not restarting. The same failure as before, so "
				+ "without its stack trace: java.lang.IllegalStateException: failure 2");
		assertThat(output.toString().split("at io.github.daemonstarter.watchdog.WatchdogTests.fail\\(", -1))
			.as("stack traces through the worker")
			.hasSize(3);
	}

	@Test
	void restartWorkerEndsTheRunningRunAndStartsANewOneWithoutAFailure() {
		Watchdog watchdog = watchdog(WorkerRegistration.of("steady", this::recordThreadAndAwaitStop));
		watchdog.start();
		awaitState(watchdog, "steady", WorkerState.RUNNING);
		assertThat(watchdog.restartWorker("steady")).isTrue();
		awaiting().until(() -> isRunningAfterRestarts(watchdog.getWorker("steady"), 1));
		assertThat(this.threads).hasSize(2).doesNotHaveDuplicates();
		assertThat(this.threads.get(0).isAlive()).isFalse();
		assertThat(events(WorkerFailedEvent.class)).isEmpty();
		assertThat(events(WorkerRestartedEvent.class)).hasSize(1);
		assertThat(watchdog.getWorker("steady").lastFailure()).isNull();
	}

	@Test
	void restartWorkerStartsAWorkerThatGaveUpAtOnce() {
		AtomicInteger runs = new AtomicInteger();
		Watchdog watchdog = watchdog(WorkerRegistration.of("once", (context) -> {
			if (runs.incrementAndGet() == 1) {
				fail(context);
			}
			recordThreadAndAwaitStop(context);
		}).withRestartPolicy(fastPolicy().maxRestarts(0).build()));
		watchdog.start();
		awaitState(watchdog, "once", WorkerState.FAILED);
		assertThat(watchdog.restartWorker("once")).isTrue();
		awaiting().until(() -> isRunningAfterRestarts(watchdog.getWorker("once"), 1));
		assertThat(runs).hasValue(2);
	}

	@Test
	void stopWorkerKeepsAnAlwaysRestartedWorkerStoppedUntilStartWorker() {
		Watchdog watchdog = watchdog(WorkerRegistration.of("always", this::recordThreadAndAwaitStop)
			.withRestartPolicy(fastPolicy().mode(RestartMode.ALWAYS).build()));
		watchdog.start();
		awaitState(watchdog, "always", WorkerState.RUNNING);
		assertThat(watchdog.stopWorker("always")).isTrue();
		awaitState(watchdog, "always", WorkerState.STOPPED);
		awaiting().during(Duration.ofMillis(200))
			.until(() -> watchdog.getWorker("always").state() == WorkerState.STOPPED && this.threads.size() == 1);
		assertThat(watchdog.startWorker("always")).isTrue();
		awaitState(watchdog, "always", WorkerState.RUNNING);
		assertThat(this.threads).hasSize(2);
		assertThat(watchdog.startWorker("always")).as("start of a running worker").isTrue();
		assertThat(this.threads).hasSize(2);
	}

	@Test
	void controlOfAnUnknownWorkerReturnsFalse() {
		Watchdog watchdog = watchdog(WorkerRegistration.of("known", this::recordThreadAndAwaitStop));
		watchdog.start();
		assertThat(watchdog.restartWorker("unknown")).isFalse();
		assertThat(watchdog.stopWorker("unknown")).isFalse();
		assertThat(watchdog.startWorker("unknown")).isFalse();
		assertThat(watchdog.getWorker("unknown")).isNull();
	}

	@Test
	void failedWorkerWaitsInBackoffUntilItsNextRestart(CapturedOutput output) {
		Watchdog watchdog = watchdog(WorkerRegistration.of("flaky", this::fail)
			.withRestartPolicy(
					fastPolicy().initialDelay(Duration.ofMinutes(1)).maxDelay(Duration.ofMinutes(1)).build()));
		watchdog.start();
		awaitState(watchdog, "flaky", WorkerState.BACKOFF);
		awaiting().untilAsserted(() -> assertThat(output).contains("Worker 'flaky' failed; restarting in 1m"));
		WorkerSnapshot snapshot = watchdog.getWorker("flaky");
		assertThat(snapshot.restartCount()).isZero();
		assertThat(snapshot.runningSince()).isNull();
		assertThat(delayBeforeRestart(snapshot)).isEqualTo(Duration.ofMinutes(1));
	}

	@Test
	void stopDuringBackoffCancelsTheRestart() {
		Watchdog watchdog = watchdog(WorkerRegistration.of("flaky", this::fail)
			.withRestartPolicy(
					fastPolicy().initialDelay(Duration.ofMillis(500)).maxDelay(Duration.ofMinutes(1)).build()));
		watchdog.start();
		awaitState(watchdog, "flaky", WorkerState.BACKOFF);
		watchdog.stop();
		assertThat(watchdog.isRunning()).isFalse();
		WorkerSnapshot snapshot = watchdog.getWorker("flaky");
		assertThat(snapshot.state()).isEqualTo(WorkerState.STOPPED);
		assertThat(snapshot.nextRestart()).isNull();
		awaiting().during(Duration.ofMillis(700))
			.until(() -> this.threads.size() == 1 && watchdog.getWorker("flaky").restartCount() == 0);
		assertThat(this.events).noneMatch(WorkerRestartedEvent.class::isInstance);
	}

	@Test
	void workerGivesUpAfterMaxRestartsWithinTheWindow(CapturedOutput output) {
		Watchdog watchdog = watchdog(WorkerRegistration.of("doomed", this::fail)
			.withRestartPolicy(fastPolicy().maxRestarts(2).build())
			.withCritical(true));
		watchdog.start();
		awaiting().until(() -> this.criticalGaveUp.size() == 1);
		WorkerSnapshot snapshot = watchdog.getWorker("doomed");
		assertThat(snapshot.restartCount()).isEqualTo(2);
		assertThat(snapshot.nextRestart()).isNull();
		assertThat(snapshot.lastFailure().message()).isEqualTo("failure 2");
		assertThat(this.threads).hasSize(3);
		assertThat(events(WorkerFailedEvent.class)).hasSize(3)
			.last()
			.satisfies((event) -> assertThat(event.getWorker().state()).isEqualTo(WorkerState.FAILED));
		assertThat(events(WorkerGaveUpEvent.class)).singleElement().satisfies((event) -> {
			assertThat(event.getLastFailure()).hasMessage("failure 2");
			assertThat(event.getWorker().state()).isEqualTo(WorkerState.FAILED);
			assertThat(event.getSource()).isSameAs(watchdog);
		});
		assertThat(this.criticalGaveUp).singleElement().satisfies((worker) -> {
			assertThat(worker.name()).isEqualTo("doomed");
			assertThat(worker.critical()).isTrue();
			assertThat(worker.state()).isEqualTo(WorkerState.FAILED);
		});
		assertThat(output).contains("Worker 'doomed' gave up: it restarted 2 times within 10m, its limit "
				+ "(max-restarts within window). Last failure: " + "java.lang.IllegalStateException: failure 2");
	}

	@Test
	void workerThatIsNotCriticalGivesUpWithoutTheCriticalWorkerHandler() {
		Watchdog watchdog = watchdog(
				WorkerRegistration.of("doomed", this::fail).withRestartPolicy(fastPolicy().maxRestarts(0).build()));
		watchdog.start();
		awaitGaveUp();
		awaiting().until(() -> !this.threads.get(0).isAlive());
		assertThat(watchdog.getWorker("doomed").state()).isEqualTo(WorkerState.FAILED);
		assertThat(events(WorkerGaveUpEvent.class)).hasSize(1);
		assertThat(this.criticalGaveUp).isEmpty();
	}

	@Test
	void workerWithNeverPolicyFailsAtTheFirstFailure(CapturedOutput output) {
		Watchdog watchdog = watchdog(WorkerRegistration.of("once", this::fail)
			.withRestartPolicy(fastPolicy().mode(RestartMode.NEVER).build())
			.withCritical(true));
		watchdog.start();
		awaiting().until(() -> this.criticalGaveUp.size() == 1);
		assertThat(watchdog.getWorker("once").state()).isEqualTo(WorkerState.FAILED);
		assertThat(watchdog.getWorker("once").restartCount()).isZero();
		assertThat(this.threads).hasSize(1);
		assertThat(events(WorkerFailedEvent.class)).hasSize(1);
		assertThat(events(WorkerGaveUpEvent.class)).hasSize(1);
		assertThat(output).contains("Worker 'once' failed; not restarting")
			.contains("Worker 'once' gave up: its restart policy does not restart it after this failure. "
					+ "Last failure: java.lang.IllegalStateException: failure 0");
	}

	@Test
	void workerWithFailureThatRestartOnRejectsGivesUpAtOnce() {
		Watchdog watchdog = watchdog(WorkerRegistration.of("picky", this::fail)
			.withRestartPolicy(fastPolicy().restartOn(IllegalArgumentException.class::isInstance).build()));
		watchdog.start();
		awaitGaveUp();
		assertThat(watchdog.getWorker("picky").state()).isEqualTo(WorkerState.FAILED);
		assertThat(watchdog.getWorker("picky").restartCount()).isZero();
		assertThat(events(WorkerGaveUpEvent.class)).singleElement()
			.satisfies((event) -> assertThat(event.getLastFailure()).isInstanceOf(IllegalStateException.class));
	}

	@Test
	void workerWithOnFailurePolicyThatReturnsIsStoppedWithoutRestart(CapturedOutput output) {
		Watchdog watchdog = watchdog(
				WorkerRegistration.of("once", this::recordThread).withRestartPolicy(fastPolicy().build()));
		watchdog.start();
		awaitState(watchdog, "once", WorkerState.STOPPED);
		awaiting().untilAsserted(() -> assertThat(output).contains("Worker 'once' completed"));
		WorkerSnapshot snapshot = watchdog.getWorker("once");
		assertThat(snapshot.restartCount()).isZero();
		assertThat(snapshot.lastFailure()).isNull();
		assertThat(snapshot.runningSince()).isNull();
		assertThat(this.threads).hasSize(1);
		awaiting().until(() -> this.events.size() == 2);
		assertThat(this.events).first().isInstanceOf(WorkerStartedEvent.class);
		assertThat(this.events).last().isInstanceOfSatisfying(WorkerStoppedEvent.class, (event) -> {
			assertThat(event.getSource()).isSameAs(watchdog);
			assertThat(event.getWorker().name()).isEqualTo("once");
			assertThat(event.getWorker().state()).isEqualTo(WorkerState.STOPPED);
			assertThat(event.getWorker().nextRestart()).isNull();
		});
	}

	@Test
	void workerWithAlwaysPolicyThatReturnsPublishesStoppedEventInBackoff() {
		Watchdog watchdog = watchdog(WorkerRegistration.of("repeat", this::recordThread)
			.withRestartPolicy(fastPolicy().mode(RestartMode.ALWAYS)
				.initialDelay(Duration.ofMinutes(1))
				.maxDelay(Duration.ofMinutes(1))
				.build()));
		watchdog.start();
		awaitState(watchdog, "repeat", WorkerState.BACKOFF);
		awaiting().until(() -> !events(WorkerStoppedEvent.class).isEmpty());
		assertThat(this.events).extracting((event) -> event.getClass().getSimpleName())
			.containsExactly("WorkerStartedEvent", "WorkerStoppedEvent");
		WorkerSnapshot snapshot = events(WorkerStoppedEvent.class).get(0).getWorker();
		assertThat(snapshot.state()).isEqualTo(WorkerState.BACKOFF);
		assertThat(snapshot.nextRestart()).isNotNull();
		assertThat(snapshot.lastFailure()).isNull();
		assertThat(snapshot.restartCount()).isZero();
	}

	@Test
	void stopWorkerWhileItRunsPublishesStoppedEvent() {
		Watchdog watchdog = watchdog(WorkerRegistration.of("steady", this::recordThreadAndAwaitStop));
		watchdog.start();
		awaitState(watchdog, "steady", WorkerState.RUNNING);
		assertThat(events(WorkerStoppedEvent.class)).isEmpty();
		assertThat(watchdog.stopWorker("steady")).isTrue();
		awaiting().until(() -> !events(WorkerStoppedEvent.class).isEmpty());
		awaiting().until(() -> !this.threads.get(0).isAlive());
		assertThat(events(WorkerStoppedEvent.class)).singleElement().satisfies((event) -> {
			assertThat(event.getSource()).isSameAs(watchdog);
			assertThat(event.getWorker().state()).isEqualTo(WorkerState.STOPPED);
			assertThat(event.getWorker().runningSince()).isNull();
		});
		assertThat(this.events).noneMatch(WorkerFailedEvent.class::isInstance);
	}

	@Test
	void stopWorkerWhileItWaitsInBackoffPublishesOneStoppedEvent() {
		Watchdog watchdog = watchdog(WorkerRegistration.of("flaky", this::fail)
			.withRestartPolicy(
					fastPolicy().initialDelay(Duration.ofMinutes(1)).maxDelay(Duration.ofMinutes(1)).build()));
		watchdog.start();
		awaitState(watchdog, "flaky", WorkerState.BACKOFF);
		awaiting().until(() -> !events(WorkerFailedEvent.class).isEmpty() && !this.threads.get(0).isAlive());
		assertThat(watchdog.stopWorker("flaky")).isTrue();
		assertThat(events(WorkerStoppedEvent.class)).singleElement().satisfies((event) -> {
			assertThat(event.getSource()).isSameAs(watchdog);
			assertThat(event.getWorker().state()).isEqualTo(WorkerState.STOPPED);
			assertThat(event.getWorker().nextRestart()).isNull();
			assertThat(event.getWorker().lastFailure().message()).isEqualTo("failure 0");
		});
		assertThat(watchdog.getWorker("flaky").state()).isEqualTo(WorkerState.STOPPED);
		assertThat(watchdog.stopWorker("flaky")).as("stop of a stopped worker").isTrue();
		assertThat(events(WorkerStoppedEvent.class)).hasSize(1);
		assertThat(this.events).extracting((event) -> event.getClass().getSimpleName())
			.containsExactly("WorkerStartedEvent", "WorkerFailedEvent", "WorkerStoppedEvent");
	}

	@Test
	void listenerThatLooksAtAllWorkersWhenTwoFailAtOnceDoesNotDeadlock() {
		CyclicBarrier failTogether = new CyclicBarrier(2);
		DaemonWorker worker = (context) -> {
			recordThread(context);
			failTogether.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
			throw new IllegalStateException("failure of " + context.getName());
		};
		List<Object> seen = lookAtAllWorkersTogether(WorkerFailedEvent.class, (watchdog) -> {
		}, WorkerRegistration.of("first", worker).withRestartPolicy(slowPolicy()),
				WorkerRegistration.of("second", worker).withRestartPolicy(slowPolicy()));
		assertThat(seen).hasSize(2)
			.allSatisfy((workers) -> assertThat(workers).asInstanceOf(InstanceOfAssertFactories.LIST).hasSize(2));
	}

	@Test
	void listenerThatLooksAtAllWorkersWhenTwoStopAtOnceDoesNotDeadlock() {
		List<Object> seen = lookAtAllWorkersTogether(WorkerStoppedEvent.class, (watchdog) -> {
			awaitState(watchdog, "first", WorkerState.RUNNING);
			awaitState(watchdog, "second", WorkerState.RUNNING);
			watchdog.stopWorker("first");
			watchdog.stopWorker("second");
		}, WorkerRegistration.of("first", this::recordThreadAndAwaitStop),
				WorkerRegistration.of("second", this::recordThreadAndAwaitStop));
		assertThat(seen).hasSize(2)
			.allSatisfy((workers) -> assertThat(workers).asInstanceOf(InstanceOfAssertFactories.LIST).hasSize(2));
	}

	@Test
	void workerWithAlwaysPolicyIsRestartedAfterItReturns(CapturedOutput output) {
		DaemonWorker worker = (context) -> {
			recordThread(context);
			if (context.getRestartCount() > 0) {
				context.awaitStop(DEADLINE);
			}
		};
		Watchdog watchdog = watchdog(WorkerRegistration.of("repeat", worker)
			.withRestartPolicy(fastPolicy().mode(RestartMode.ALWAYS).build()));
		watchdog.start();
		awaiting().until(() -> this.threads.size() == 2);
		assertThat(isRunningAfterRestarts(watchdog.getWorker("repeat"), 1)).isTrue();
		assertThat(this.threads).hasSize(2).doesNotHaveDuplicates();
		assertThat(this.events).noneMatch(WorkerFailedEvent.class::isInstance);
		assertThat(events(WorkerRestartedEvent.class)).hasSize(1);
		assertThat(watchdog.getWorker("repeat").lastFailure()).isNull();
		assertThat(output).contains("Worker 'repeat' returned; restarting in 10ms (restart policy always)");
	}

	@Test
	void workerWithAlwaysPolicyThatKeepsReturningGivesUp(CapturedOutput output) {
		Watchdog watchdog = watchdog(WorkerRegistration.of("repeat", this::recordThread)
			.withRestartPolicy(fastPolicy().mode(RestartMode.ALWAYS).maxRestarts(2).build()));
		watchdog.start();
		awaitGaveUp();
		assertThat(watchdog.getWorker("repeat").state()).isEqualTo(WorkerState.FAILED);
		assertThat(watchdog.getWorker("repeat").restartCount()).isEqualTo(2);
		assertThat(this.threads).hasSize(3);
		assertThat(events(WorkerGaveUpEvent.class)).singleElement()
			.satisfies((event) -> assertThat(event.getLastFailure()).isNull());
		assertThat(output).contains("Worker 'repeat' gave up: it restarted 2 times within 10m")
			.contains("Last failure: none, it returned");
	}

	@Test
	void workerWithZeroInitialDelayIsRestartedAtOnce() {
		DaemonWorker worker = (context) -> {
			recordThread(context);
			if (context.getRestartCount() < 2) {
				throw new IllegalStateException("failure " + context.getRestartCount());
			}
		};
		Watchdog watchdog = watchdog(WorkerRegistration.of("eager", worker)
			.withRestartPolicy(fastPolicy().initialDelay(Duration.ZERO).maxDelay(Duration.ZERO).build()));
		watchdog.start();
		awaiting().until(() -> this.threads.size() == 3);
		awaitState(watchdog, "eager", WorkerState.STOPPED);
		assertThat(watchdog.getWorker("eager").restartCount()).isEqualTo(2);
		assertThat(events(WorkerFailedEvent.class)).extracting((event) -> delayBeforeRestart(event.getWorker()))
			.containsOnly(Duration.ZERO);
	}

	@Test
	void workerWithoutHeartbeatIsInterruptedAndRestarted(CapturedOutput output) {
		DaemonWorker worker = (context) -> {
			recordThread(context);
			if (context.getRestartCount() == 0) {
				context.heartbeat();
				try {
					new CountDownLatch(1).await();
				}
				catch (InterruptedException ex) {
					this.records.add("interrupted, stop requested: " + context.isStopRequested());
					throw ex;
				}
			}
		};
		Watchdog watchdog = watchdog(WorkerRegistration.of("silent", worker)
			.withRestartPolicy(fastPolicy().build())
			.withHeartbeatTimeout(Duration.ofMillis(200)));
		watchdog.start();
		awaiting().until(() -> this.threads.size() == 2);
		awaitState(watchdog, "silent", WorkerState.STOPPED);
		assertThat(this.records).containsExactly("interrupted, stop requested: true");
		assertThat(watchdog.getWorker("silent").restartCount()).isEqualTo(1);
		assertThat(watchdog.getWorker("silent").lastFailure().type()).isEqualTo(WorkerHangException.class.getName());
		assertThat(events(WorkerFailedEvent.class)).singleElement()
			.extracting(WorkerFailedEvent::getFailure)
			.isInstanceOfSatisfying(WorkerHangException.class, (hang) -> {
				assertThat(hang).hasMessage(
						"Worker 'silent' sent no heartbeat within 200ms (daemon.watchdog.workers.silent.heartbeat-timeout)");
				assertThat(hang.getHeartbeatTimeout()).isEqualTo(Duration.ofMillis(200));
				assertThat(hang.getSuppressed()).singleElement().isInstanceOf(InterruptedException.class);
			});
		assertThat(this.threads).doesNotHaveDuplicates().extracting(Thread::getName).containsOnly("silent");
		assertThat(output).contains("Worker 'silent' sent no heartbeat for ").contains("; interrupting it");
	}

	@Test
	void workerThatSendsHeartbeatsIsNotInterrupted() {
		DaemonWorker worker = (context) -> {
			recordThread(context);
			long end = System.nanoTime() + Duration.ofMillis(1200).toNanos();
			while (System.nanoTime() < end && !context.awaitStop(Duration.ofMillis(10))) {
				context.heartbeat();
			}
		};
		Watchdog watchdog = watchdog(WorkerRegistration.of("busy", worker)
			.withRestartPolicy(fastPolicy().build())
			.withHeartbeatTimeout(Duration.ofMillis(400)));
		watchdog.start();
		awaiting().until(() -> this.threads.size() == 1);
		awaitState(watchdog, "busy", WorkerState.STOPPED);
		assertThat(watchdog.getWorker("busy").lastFailure()).isNull();
		assertThat(watchdog.getWorker("busy").restartCount()).isZero();
	}

	@Test
	void workerThatIgnoresTheInterruptIsLeftBehindAndRestartsOnANewThread(CapturedOutput output) {
		DaemonWorker worker = (context) -> {
			recordThread(context);
			if (context.getRestartCount() == 0) {
				context.heartbeat();
				awaitReleaseIgnoringInterrupts();
			}
		};
		Watchdog watchdog = watchdog(WorkerRegistration.of("stubborn", worker)
			.withRestartPolicy(fastPolicy().build())
			.withHeartbeatTimeout(Duration.ofMillis(200)));
		watchdog.start();
		awaiting().until(() -> this.threads.size() == 2);
		awaitState(watchdog, "stubborn", WorkerState.STOPPED);
		Thread leftBehind = this.threads.get(0);
		assertThat(leftBehind.isAlive()).isTrue();
		assertThat(this.ignoredInterrupts).hasPositiveValue();
		assertThat(this.threads.get(1)).isNotSameAs(leftBehind);
		assertThat(this.threads).extracting(Thread::getName).containsOnly("stubborn");
		assertThat(watchdog.getWorker("stubborn").restartCount()).isEqualTo(1);
		assertThat(events(WorkerFailedEvent.class)).singleElement()
			.extracting(WorkerFailedEvent::getFailure)
			.isInstanceOfSatisfying(WorkerHangException.class, (hang) -> assertThat(hang.getSuppressed()).isEmpty());
		assertThat(output).contains("Worker 'stubborn' did not end within its heartbeat timeout after it was "
				+ "interrupted; its thread is left behind and it restarts on a new one");
		this.release.countDown();
		awaiting().until(() -> !leftBehind.isAlive());
		awaiting().untilAsserted(() -> assertThat(output)
			.contains("The thread of worker 'stubborn' that was left behind ended at last"));
		assertThat(watchdog.getWorker("stubborn").state()).isEqualTo(WorkerState.STOPPED);
		assertThat(watchdog.getWorker("stubborn").restartCount()).isEqualTo(1);
	}

	@Test
	void stopInterruptsTheWorkersInReverseOrder(CapturedOutput output) {
		DaemonWorker worker = (context) -> {
			recordThread(context);
			try {
				new CountDownLatch(1).await();
			}
			catch (InterruptedException ex) {
				this.records.add(context.getName());
			}
		};
		Watchdog watchdog = watchdog(WorkerRegistration.of("first", worker), WorkerRegistration.of("second", worker),
				WorkerRegistration.of("third", worker));
		watchdog.start();
		awaiting().until(
				() -> watchdog.getWorkers().stream().allMatch((snapshot) -> snapshot.state() == WorkerState.RUNNING));
		long started = System.nanoTime();
		watchdog.stop();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(this.properties.getShutdownTimeout());
		assertThat(this.records).containsExactly("third", "second", "first");
		assertThat(this.threads).noneMatch(Thread::isAlive);
		assertThat(watchdog.isRunning()).isFalse();
		assertThat(watchdog.getWorkers()).extracting(WorkerSnapshot::state).containsOnly(WorkerState.STOPPED);
		assertThat(this.events).noneMatch(WorkerFailedEvent.class::isInstance);
		assertThat(output).doesNotContain("did not stop");
	}

	@Test
	void stopAsksTheWorkersToStop() {
		DaemonWorker worker = (context) -> {
			recordThread(context);
			while (!Thread.currentThread().isInterrupted()) {
				Thread.onSpinWait();
			}
			this.records.add("interrupted, stop requested: " + context.isStopRequested());
		};
		Watchdog watchdog = watchdog(WorkerRegistration.of("polling", worker));
		watchdog.start();
		awaitState(watchdog, "polling", WorkerState.RUNNING);
		watchdog.stop();
		assertThat(this.records).containsExactly("interrupted, stop requested: true");
		assertThat(watchdog.getWorker("polling").state()).isEqualTo(WorkerState.STOPPED);
	}

	@Test
	void stopReportsAWorkerThatIgnoresTheStopAndReturnsAfterTheShutdownTimeout(CapturedOutput output) {
		this.properties.setShutdownTimeout(Duration.ofMillis(500));
		DaemonWorker stubborn = (context) -> {
			recordThread(context);
			awaitReleaseIgnoringInterrupts();
		};
		Watchdog watchdog = watchdog(WorkerRegistration.of("stubborn", stubborn),
				WorkerRegistration.of("polite", this::recordThreadAndAwaitStop));
		watchdog.start();
		awaiting().until(() -> this.threads.size() == 2);
		long started = System.nanoTime();
		watchdog.stop();
		Duration stoppedIn = Duration.ofNanos(System.nanoTime() - started);
		assertThat(stoppedIn).isBetween(Duration.ofMillis(450), Duration.ofSeconds(5));
		assertThat(output)
			.contains("Worker 'stubborn' did not stop within 500ms of being asked to "
					+ "(daemon.watchdog.shutdown-timeout); it is at:")
			.contains("awaitReleaseIgnoringInterrupts")
			.contains("Watchdog stopped; worker(s) still running: stubborn")
			.doesNotContain("Worker 'polite' did not stop");
		assertThat(this.ignoredInterrupts).hasPositiveValue();
		assertThat(watchdog.getWorker("polite").state()).isEqualTo(WorkerState.STOPPED);
		this.release.countDown();
		awaiting().until(() -> this.threads.stream().noneMatch(Thread::isAlive));
		assertThat(watchdog.getWorker("stubborn").state()).isEqualTo(WorkerState.STOPPED);
		assertThat(watchdog.getWorker("stubborn").restartCount()).isZero();
	}

	@Test
	void stopAfterTheShutdownTimeoutPassedStillStopsAndReportsTheRemainingWorkers(CapturedOutput output) {
		this.properties.setShutdownTimeout(Duration.ofMillis(300));
		DaemonWorker stubborn = (context) -> {
			recordThread(context);
			awaitReleaseIgnoringInterrupts();
		};
		Watchdog watchdog = watchdog(WorkerRegistration.of("polite", this::recordThreadAndAwaitStop),
				WorkerRegistration.of("late", stubborn), WorkerRegistration.of("stubborn", stubborn));
		watchdog.start();
		awaiting().until(() -> this.threads.size() == 3);
		long started = System.nanoTime();
		watchdog.stop();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(450),
				Duration.ofSeconds(5));
		assertThat(output).contains("Worker 'stubborn' did not stop within 300ms")
			.contains("Worker 'late' did not stop within 300ms")
			.contains("Watchdog stopped; worker(s) still running: stubborn, late")
			.doesNotContain("Worker 'polite' did not stop");
		assertThat(watchdog.getWorker("polite").state()).isEqualTo(WorkerState.STOPPED);
	}

	@Test
	void registerBeforeStartStartsTheWorkerWithTheOthers() {
		Watchdog watchdog = watchdog(WorkerRegistration.of("orders", this::recordThreadAndAwaitStop));
		watchdog.register(WorkerRegistration.of("billing", this::recordThreadAndAwaitStop));
		assertThat(watchdog.getWorker("billing").state()).isEqualTo(WorkerState.STOPPED);
		assertThat(this.threads).isEmpty();
		watchdog.start();
		awaitState(watchdog, "billing", WorkerState.RUNNING);
		assertThat(watchdog.getWorkers()).extracting(WorkerSnapshot::name).containsExactly("orders", "billing");
	}

	@Test
	void registerAfterStartStartsTheWorkerAtOnce() {
		Watchdog watchdog = watchdog();
		watchdog.start();
		assertThat(watchdog.getWorkers()).isEmpty();
		watchdog.register(WorkerRegistration.of("late", this::recordThreadAndAwaitStop));
		awaitState(watchdog, "late", WorkerState.RUNNING);
		awaiting().until(() -> this.threads.size() == 1);
		assertThat(this.threads.get(0).getName()).isEqualTo("late");
		watchdog.stop();
		assertThat(watchdog.getWorker("late").state()).isEqualTo(WorkerState.STOPPED);
	}

	@Test
	void registerAfterStopDoesNotStartTheWorker() {
		Watchdog watchdog = watchdog();
		watchdog.start();
		watchdog.stop();
		watchdog.register(WorkerRegistration.of("late", this::recordThreadAndAwaitStop));
		assertThat(watchdog.getWorker("late").state()).isEqualTo(WorkerState.STOPPED);
		assertThat(this.threads).isEmpty();
	}

	@Test
	void registerWhenNameDiffersOnlyInCaseAndPunctuationThrowsException() {
		Watchdog watchdog = watchdog(WorkerRegistration.of("ordersConsumer", this::recordThreadAndAwaitStop));
		assertThatIllegalStateException()
			.isThrownBy(() -> watchdog.register(WorkerRegistration.of("orders-consumer", this::recordThread)))
			.withMessage("A worker named 'ordersConsumer' is registered already, so 'orders-consumer' cannot be: "
					+ "worker names must differ in more than case and punctuation");
		assertThatIllegalStateException()
			.isThrownBy(() -> watchdog.register(WorkerRegistration.of("ordersConsumer", this::recordThread)));
		assertThat(watchdog.getWorkers()).hasSize(1);
	}

	@Test
	void createWhenTwoRegistrationsHaveTheSameNameThrowsException() {
		assertThatIllegalStateException()
			.isThrownBy(() -> watchdog(WorkerRegistration.of("orders", this::recordThread),
					WorkerRegistration.of("ORDERS", this::recordThread)))
			.withMessageContaining("A worker named 'orders' is registered already, so 'ORDERS' cannot be");
	}

	@Test
	void createWhenWorkerPropertiesNameNoWorkerThrowsException() {
		this.properties.getWorkers().put("nosuch", new WatchdogProperties.Worker());
		assertThatIllegalStateException()
			.isThrownBy(() -> watchdog(WorkerRegistration.of("orders", this::recordThread)))
			.withMessage("daemon.watchdog.workers.nosuch names no worker; the workers are [orders]. "
					+ "Fix the name or remove the settings");
	}

	@Test
	void disabledWorkerIsNotSupervised(CapturedOutput output) {
		WatchdogProperties.Worker disabled = new WatchdogProperties.Worker();
		disabled.setEnabled(false);
		this.properties.getWorkers().put("billing", disabled);
		Watchdog watchdog = watchdog(WorkerRegistration.of("orders", this::recordThreadAndAwaitStop),
				WorkerRegistration.of("billing", this::recordThreadAndAwaitStop));
		watchdog.start();
		awaitState(watchdog, "orders", WorkerState.RUNNING);
		assertThat(watchdog.getWorker("billing")).isNull();
		assertThat(watchdog.getWorkers()).extracting(WorkerSnapshot::name).containsExactly("orders");
		awaiting().until(() -> this.threads.size() == 1);
		assertThat(this.threads.get(0).getName()).isEqualTo("orders");
		assertThat(output).contains("Worker 'billing' is disabled (daemon.watchdog.workers.billing.enabled=false)");
	}

	@Test
	void workerSettingsFromPropertiesApply() {
		WatchdogProperties.Worker settings = new WatchdogProperties.Worker();
		settings.setCritical(true);
		settings.getRestart().setPolicy(RestartMode.NEVER);
		this.properties.getWorkers().put("orders-consumer", settings);
		Watchdog watchdog = watchdog(
				WorkerRegistration.of("ordersConsumer", this::fail).withRestartPolicy(fastPolicy().build()));
		watchdog.start();
		awaiting().until(() -> this.criticalGaveUp.size() == 1);
		assertThat(watchdog.getWorker("ordersConsumer").state()).isEqualTo(WorkerState.FAILED);
		assertThat(watchdog.getWorker("ordersConsumer").critical()).isTrue();
		assertThat(watchdog.getWorker("ordersConsumer").restartCount()).isZero();
	}

	@Test
	void listenerThatThrowsDoesNotBreakSupervision(CapturedOutput output) {
		DaemonWorker worker = (context) -> {
			recordThread(context);
			if (context.getRestartCount() == 0) {
				throw new IllegalStateException("failure 0");
			}
			context.awaitStop(DEADLINE);
		};
		Watchdog watchdog = watchdog((event) -> {
			this.events.add(event);
			throw new IllegalStateException("listener failed");
		}, WorkerRegistration.of("flaky", worker).withRestartPolicy(fastPolicy().build()));
		watchdog.start();
		awaiting().until(() -> this.threads.size() == 2);
		assertThat(isRunningAfterRestarts(watchdog.getWorker("flaky"), 1)).isTrue();
		assertThat(this.events).extracting((event) -> event.getClass().getSimpleName())
			.containsExactly("WorkerStartedEvent", "WorkerFailedEvent", "WorkerRestartedEvent");
		assertThat(output).contains("A listener failed to handle WorkerStartedEvent")
			.contains("A listener failed to handle WorkerFailedEvent")
			.contains("A listener failed to handle WorkerRestartedEvent")
			.contains("java.lang.IllegalStateException: listener failed");
	}

	@Test
	void phaseStartsWorkersAfterTheWebServerAndStopsThemBeforeItsGracefulShutdown() {
		Watchdog watchdog = watchdog();
		assertThat(watchdog.getPhase()).isEqualTo(Watchdog.PHASE)
			.isLessThan(SmartLifecycle.DEFAULT_PHASE)
			.isGreaterThan(SmartLifecycle.DEFAULT_PHASE - 1024);
		assertThat(watchdog.isAutoStartup()).isTrue();
		assertThat(watchdog.isRunning()).isFalse();
	}

	private Watchdog watchdog(WorkerRegistration... registrations) {
		return watchdog(this.events::add, registrations);
	}

	private Watchdog watchdog(ApplicationEventPublisher publisher, WorkerRegistration... registrations) {
		CriticalWorkerHandler criticalWorkerHandler = new CriticalWorkerHandler(GiveUpAction.EXIT,
				new GenericApplicationContext(), (status) -> {
					throw new AssertionError("Exit with " + status);
				}) {

			@Override
			void gaveUp(WorkerSnapshot worker) {
				WatchdogTests.this.criticalGaveUp.add(worker);
			}

		};
		Watchdog watchdog = new Watchdog(this.properties, List.of(registrations), Clock.systemUTC(),
				new WorkerThreadFactory(), publisher, criticalWorkerHandler);
		this.watchdogs.add(watchdog);
		return watchdog;
	}

	private List<Object> lookAtAllWorkersTogether(Class<? extends WorkerEvent> type, Consumer<Watchdog> action,
			WorkerRegistration... registrations) {
		CountDownLatch together = new CountDownLatch(2);
		List<Object> seen = new CopyOnWriteArrayList<>();
		AtomicReference<Watchdog> watchdog = new AtomicReference<>();
		watchdog.set(watchdog((event) -> {
			this.events.add(event);
			if (type.isInstance(event)) {
				together.countDown();
				seen.add(awaitIgnoringInterrupts(together) ? watchdog.get().getWorkers()
						: "the event of the other worker did not arrive");
			}
		}, registrations));
		this.watchdogs.remove(watchdog.get());
		watchdog.get().start();
		action.accept(watchdog.get());
		awaiting().until(() -> seen.size() == 2);
		watchdog.get().stop();
		return seen;
	}

	private static boolean awaitIgnoringInterrupts(CountDownLatch latch) {
		long deadline = System.nanoTime() + DEADLINE.toNanos();
		boolean interrupted = false;
		try {
			while (true) {
				try {
					return latch.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private static RestartPolicy slowPolicy() {
		return fastPolicy().initialDelay(Duration.ofMinutes(1)).maxDelay(Duration.ofMinutes(1)).build();
	}

	private static RestartPolicy.Builder fastPolicy() {
		return RestartPolicy.builder()
			.initialDelay(Duration.ofMillis(10))
			.maxDelay(Duration.ofMillis(40))
			.jitter(0)
			.maxRestarts(-1);
	}

	private void recordThread(WorkerContext context) {
		this.threads.add(Thread.currentThread());
	}

	private void recordThreadAndAwaitStop(WorkerContext context) throws InterruptedException {
		recordThread(context);
		context.awaitStop(DEADLINE);
	}

	private void fail(WorkerContext context) {
		recordThread(context);
		throw new IllegalStateException("failure " + context.getRestartCount());
	}

	private void awaitReleaseIgnoringInterrupts() {
		while (this.release.getCount() > 0) {
			try {
				this.release.await();
			}
			catch (InterruptedException ex) {
				this.ignoredInterrupts.incrementAndGet();
			}
		}
	}

	private static ConditionFactory awaiting() {
		return await().atMost(DEADLINE).pollInterval(Duration.ofMillis(10));
	}

	private void awaitGaveUp() {
		awaiting().until(() -> !events(WorkerGaveUpEvent.class).isEmpty());
	}

	private static void awaitState(Watchdog watchdog, String name, WorkerState state) {
		awaiting().until(() -> watchdog.getWorker(name).state() == state);
	}

	private static boolean isRunningAfterRestarts(@Nullable WorkerSnapshot snapshot, int restarts) {
		return snapshot != null && snapshot.state() == WorkerState.RUNNING && snapshot.restartCount() == restarts;
	}

	private static Duration delayBeforeRestart(WorkerSnapshot snapshot) {
		return Duration.between(snapshot.lastFailure().time(), snapshot.nextRestart());
	}

	private <E> List<E> events(Class<E> type) {
		return this.events.stream().filter(type::isInstance).map(type::cast).toList();
	}

}
