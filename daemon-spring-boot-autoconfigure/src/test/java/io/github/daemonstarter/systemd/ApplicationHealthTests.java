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

package io.github.daemonstarter.systemd;

import java.util.List;

import io.github.daemonstarter.watchdog.Watchdog;
import io.github.daemonstarter.watchdog.WorkerSnapshot;
import io.github.daemonstarter.watchdog.WorkerState;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link ApplicationHealth}.
 *
 * @author Daemon Starter Team
 */
class ApplicationHealthTests {

	private final ApplicationAvailabilityBean availability = new ApplicationAvailabilityBean();

	private final Watchdog watchdog = mock(Watchdog.class);

	@Test
	void getWithoutAvailabilityOrWatchdogIsHealthy() {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		ApplicationHealth health = new ApplicationHealth(beans.getBeanProvider(ApplicationAvailability.class),
				beans.getBeanProvider(Watchdog.class));
		assertThat(health.get()).isNull();
	}

	@Test
	void getWhenLivenessIsCorrectAndWorkersRunIsHealthy() {
		live(LivenessState.CORRECT);
		given(this.watchdog.getWorkers()).willReturn(
				List.of(worker("ticker", WorkerState.RUNNING, true), worker("flaky", WorkerState.FAILED, false)));
		assertThat(health().get()).isNull();
	}

	@Test
	void getWhenLivenessIsBrokenIsUnhealthy() {
		live(LivenessState.BROKEN);
		assertThat(health().get()).isEqualTo("the application is broken (LivenessState.BROKEN)");
	}

	@Test
	void getWhenCriticalWorkerGaveUpIsUnhealthy() {
		live(LivenessState.CORRECT);
		given(this.watchdog.getWorkers()).willReturn(List.of(worker("flaky", WorkerState.FAILED, true)));
		assertThat(health().get()).isEqualTo("critical worker 'flaky' has given up");
	}

	private void live(LivenessState state) {
		this.availability.onApplicationEvent(new AvailabilityChangeEvent<>(this, state));
	}

	private ApplicationHealth health() {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("availability", this.availability);
		beans.addBean("watchdog", this.watchdog);
		ObjectProvider<ApplicationAvailability> availability = beans.getBeanProvider(ApplicationAvailability.class);
		return new ApplicationHealth(availability, beans.getBeanProvider(Watchdog.class));
	}

	private static WorkerSnapshot worker(String name, WorkerState state, boolean critical) {
		return new WorkerSnapshot(name, state, critical, 0, null, null, null);
	}

}
