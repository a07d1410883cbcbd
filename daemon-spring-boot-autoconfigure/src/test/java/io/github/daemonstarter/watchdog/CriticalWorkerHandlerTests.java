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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.daemonstarter.DaemonExit;
import io.github.daemonstarter.restart.RestartMode;
import io.github.daemonstarter.restart.RestartPolicy;
import io.github.daemonstarter.watchdog.worker.WorkerRegistration;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link CriticalWorkerHandler}.
 *
 * @author Daemon Starter Team
 */
@ExtendWith(OutputCaptureExtension.class)
class CriticalWorkerHandlerTests {

	private static final Duration DEADLINE = Duration.ofSeconds(30);

	private static final WorkerSnapshot ORDERS = new WorkerSnapshot("orders", WorkerState.FAILED, true, 3, null, null,
			null);

	private final List<Integer> exits = new CopyOnWriteArrayList<>();

	private final List<String> exitThreads = new CopyOnWriteArrayList<>();

	private final DaemonExit exit = (status) -> {
		this.exitThreads.add(Thread.currentThread().getName());
		this.exits.add(status);
	};

	@Test
	void gaveUpWithMarkBrokenMarksTheApplicationBroken(CapturedOutput output) {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			context.registerBean(ApplicationAvailabilityBean.class);
			context.refresh();
			new CriticalWorkerHandler(GiveUpAction.MARK_BROKEN, context, this.exit).gaveUp(ORDERS);
			assertThat(context.getBean(ApplicationAvailability.class).getLivenessState())
				.isEqualTo(LivenessState.BROKEN);
			assertThat(context.isActive()).isTrue();
			assertThat(this.exits).isEmpty();
			assertThat(output).contains("Critical worker 'orders' gave up: the application is broken "
					+ "(LivenessState.BROKEN; daemon.watchdog.on-give-up=mark-broken)");
		}
	}

	@Test
	void gaveUpWithExitClosesTheContextAndExitsWithStatus75(CapturedOutput output) {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			context.refresh();
			new CriticalWorkerHandler(GiveUpAction.EXIT, context, this.exit).gaveUp(ORDERS);
			awaiting().until(() -> !this.exits.isEmpty());
			assertThat(this.exits).containsExactly(Watchdog.GIVE_UP_EXIT_STATUS).containsExactly(75);
			assertThat(this.exitThreads).containsExactly("watchdog-exit");
			assertThat(context.isActive()).isFalse();
			assertThat(output).contains("Critical worker 'orders' gave up: closing the application and exiting "
					+ "with status 75 (daemon.watchdog.on-give-up=exit)");
		}
	}

	@Test
	void criticalWorkerThatGivesUpWithExitClosesTheContextThatRunsTheWatchdog() {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			WorkerRegistration registration = WorkerRegistration.of("orders", (workerContext) -> {
				throw new IllegalStateException("broken");
			}).withRestartPolicy(RestartPolicy.builder().mode(RestartMode.NEVER).build()).withCritical(true);
			Watchdog watchdog = new Watchdog(new WatchdogProperties(), List.of(registration), Clock.systemUTC(),
					new WorkerThreadFactory(), context,
					new CriticalWorkerHandler(GiveUpAction.EXIT, context, this.exit));
			context.registerBean(Watchdog.class, () -> watchdog);
			context.refresh();
			awaiting().until(() -> !this.exits.isEmpty());
			assertThat(this.exits).containsExactly(75);
			assertThat(context.isActive()).isFalse();
			assertThat(watchdog.isRunning()).isFalse();
			assertThat(watchdog.getWorker("orders").state()).isEqualTo(WorkerState.FAILED);
		}
	}

	private static ConditionFactory awaiting() {
		return await().atMost(DEADLINE).pollInterval(Duration.ofMillis(10));
	}

}
