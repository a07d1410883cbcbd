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

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

import io.github.daemonstarter.watchdog.Watchdog;
import io.github.daemonstarter.watchdog.WorkerEvent;
import io.github.daemonstarter.watchdog.WorkerFailedEvent;
import io.github.daemonstarter.watchdog.WorkerRestartedEvent;
import io.github.daemonstarter.watchdog.WorkerSnapshot;
import io.github.daemonstarter.watchdog.WorkerState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.context.ApplicationListener;
import org.springframework.util.Assert;

/**
 * {@link MeterBinder} for the {@link Watchdog}. Registers:
 * <ul>
 * <li>{@value #RESTARTS}, a counter of the restarts of each worker, tagged
 * {@code worker};</li>
 * <li>{@value #FAILURES}, a counter of the failed runs of each worker (exceptions and
 * hangs), tagged {@code worker};</li>
 * <li>{@value #WORKERS}, a gauge of the number of workers in each state, tagged
 * {@code state} with the lower-case {@link WorkerState} ({@code running},
 * {@code backoff}, {@code failed}, ...).</li>
 * </ul>
 * The counters of the workers that the watchdog knows when the binder is bound start at
 * zero; those of a worker registered later appear with its first event. The counters
 * follow the {@link WorkerEvent events} of the watchdog, which reach this binder as an
 * {@link ApplicationListener} bean.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public class WatchdogMetrics implements MeterBinder, ApplicationListener<WorkerEvent> {

	/**
	 * Name of the counter of worker restarts.
	 */
	public static final String RESTARTS = "daemon.worker.restarts";

	/**
	 * Name of the counter of failed worker runs.
	 */
	public static final String FAILURES = "daemon.worker.failures";

	/**
	 * Name of the gauge of workers per state.
	 */
	public static final String WORKERS = "daemon.workers";

	private final Watchdog watchdog;

	private final Set<MeterRegistry> registries = new CopyOnWriteArraySet<>();

	/**
	 * Create a new {@link WatchdogMetrics}.
	 * @param watchdog the watchdog whose workers to measure
	 */
	public WatchdogMetrics(Watchdog watchdog) {
		Assert.notNull(watchdog, "'watchdog' must not be null");
		this.watchdog = watchdog;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (WorkerState state : WorkerState.values()) {
			Gauge.builder(WORKERS, this.watchdog, (watchdog) -> count(watchdog, state))
				.description("Supervised workers in the state")
				.tag("state", state.name().toLowerCase(Locale.ROOT))
				.register(registry);
		}
		for (WorkerSnapshot worker : this.watchdog.getWorkers()) {
			restarts(registry, worker.name());
			failures(registry, worker.name());
		}
		this.registries.add(registry);
	}

	@Override
	public void onApplicationEvent(WorkerEvent event) {
		if (event.getSource() != this.watchdog) {
			return;
		}
		String name = event.getWorker().name();
		for (MeterRegistry registry : this.registries) {
			Counter restarts = restarts(registry, name);
			Counter failures = failures(registry, name);
			if (event instanceof WorkerRestartedEvent) {
				restarts.increment();
			}
			else if (event instanceof WorkerFailedEvent) {
				failures.increment();
			}
		}
	}

	private static double count(Watchdog watchdog, WorkerState state) {
		return watchdog.getWorkers().stream().filter((worker) -> worker.state() == state).count();
	}

	private static Counter restarts(MeterRegistry registry, String worker) {
		return Counter.builder(RESTARTS)
			.description("Restarts of a supervised worker")
			.tag("worker", worker)
			.register(registry);
	}

	private static Counter failures(MeterRegistry registry, String worker) {
		return Counter.builder(FAILURES)
			.description("Failed runs of a supervised worker: exceptions and hangs")
			.tag("worker", worker)
			.register(registry);
	}

}
