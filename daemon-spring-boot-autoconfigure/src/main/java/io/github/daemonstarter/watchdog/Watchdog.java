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
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import io.github.daemonstarter.restart.RestartPolicy;
import io.github.daemonstarter.watchdog.worker.DaemonWorker;
import io.github.daemonstarter.watchdog.worker.WorkerRegistration;
import io.github.daemonstarter.watchdog.worker.WorkerStartGate;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.log.LogMessage;
import org.springframework.util.Assert;

/**
 * Supervises the application's {@link DaemonWorker workers}: starts each on its own
 * thread when the application starts, restarts it after a failure or a hang according to
 * its {@link RestartPolicy}, gives up on it past its restart limits, and stops the
 * workers in reverse order when the application closes.
 * <p>
 * One scheduler thread handles backoff delays and heartbeat deadlines for all workers,
 * and one restarter thread starts the runs that follow a backoff delay, one at a time.
 * Both start only when first needed and have nothing to do while the workers run without
 * a heartbeat timeout, so an idle watchdog costs no CPU.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public class Watchdog implements SmartLifecycle {

	/**
	 * The lifecycle phase of the watchdog: workers start after the web server and stop
	 * before its graceful shutdown begins.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

	/**
	 * The exit status of the JVM when a critical worker gives up and
	 * {@code daemon.watchdog.on-give-up=exit}: 75 ({@code EX_TEMPFAIL}, a temporary
	 * failure that a restart may cure).
	 */
	public static final int GIVE_UP_EXIT_STATUS = 75;

	/**
	 * How long a worker that is asked to stop after the shutdown timeout has passed (a
	 * worker before it did not stop) still gets to end before it is reported as running.
	 */
	private static final Duration LATE_STOP_GRACE = Duration.ofMillis(200);

	private static final Log logger = LogFactory.getLog(Watchdog.class);

	private final Function<WorkerRegistration, @Nullable WorkerSettings> settingsResolver;

	private final Duration shutdownTimeout;

	private final Clock clock;

	private final WatchdogScheduler scheduler;

	private final WorkerEvents events;

	private final List<SupervisedWorker> workers = new ArrayList<>();

	private final Map<String, String> namesByCanonicalName = new HashMap<>();

	private volatile boolean running;

	private volatile boolean workersReleased;

	private WorkerStartGate startGate = WorkerStartGate.OPEN;

	Watchdog(WatchdogProperties properties, List<WorkerRegistration> registrations, Clock clock,
			ThreadFactory threadFactory, ApplicationEventPublisher eventPublisher,
			CriticalWorkerHandler criticalWorkerHandler) {
		WorkerSettingsResolver resolver = new WorkerSettingsResolver(properties);
		resolver.checkWorkerProperties(registrations.stream().map(WorkerRegistration::getName).toList());
		this.settingsResolver = resolver::resolve;
		this.shutdownTimeout = properties.getShutdownTimeout();
		this.clock = clock;
		this.scheduler = new WatchdogScheduler(threadFactory);
		this.events = new WorkerEvents(this, eventPublisher, criticalWorkerHandler);
		registrations.forEach(this::add);
	}

	/**
	 * Register a worker. Before the watchdog starts, the worker starts with the others;
	 * afterwards it starts at once.
	 * @param registration the worker and its settings
	 * @throws IllegalStateException if a worker with the same name (ignoring case and
	 * punctuation) is registered already
	 */
	public void register(WorkerRegistration registration) {
		Assert.notNull(registration, "'registration' must not be null");
		SupervisedWorker worker = add(registration);
		if (worker != null && this.running && this.workersReleased) {
			worker.start();
		}
	}

	/**
	 * Return the supervised workers, in start order.
	 * @return a snapshot of each worker
	 */
	public List<WorkerSnapshot> getWorkers() {
		return workers().stream().map(SupervisedWorker::snapshot).toList();
	}

	/**
	 * Return one supervised worker.
	 * @param name the worker name
	 * @return a snapshot of the worker, or {@code null} if there is no such worker
	 */
	public @Nullable WorkerSnapshot getWorker(String name) {
		SupervisedWorker worker = find(name);
		return (worker != null) ? worker.snapshot() : null;
	}

	/**
	 * Return the restart policy of one supervised worker.
	 * @param name the worker name
	 * @return the policy, or {@code null} if there is no such worker
	 */
	public @Nullable RestartPolicy getRestartPolicy(String name) {
		SupervisedWorker worker = find(name);
		return (worker != null) ? worker.getSettings().policy() : null;
	}

	private boolean control(String name, String request, Consumer<SupervisedWorker> action) {
		SupervisedWorker worker = find(name);
		if (worker == null) {
			return false;
		}
		logger.info(LogMessage.format("%s of worker '%s' requested", request, name));
		action.accept(worker);
		return true;
	}

	private @Nullable SupervisedWorker find(String name) {
		for (SupervisedWorker worker : workers()) {
			if (worker.getName().equals(name)) {
				return worker;
			}
		}
		return null;
	}

	/**
	 * Restart a worker now: ask its current run, if any, to stop and start a new run as
	 * soon as it has ended. A worker in backoff, stopped or given up starts at once. The
	 * restart counts as a restart, not as a failure, and the worker's restart limits
	 * start afresh.
	 * @param name the worker name
	 * @return {@code false} if there is no such worker
	 */
	public boolean restartWorker(String name) {
		return control(name, "Restart", SupervisedWorker::restartOnRequest);
	}

	/**
	 * Stop a worker and keep it stopped: cancel its pending restart and ask its current
	 * run, if any, to stop. Returns without waiting for the run to end.
	 * @param name the worker name
	 * @return {@code false} if there is no such worker
	 */
	public boolean stopWorker(String name) {
		return control(name, "Stop", (worker) -> {
			boolean waiting = worker.snapshot().state() == WorkerState.BACKOFF;
			if (worker.requestStop() == null && waiting) {
				this.events.publish(new WorkerStoppedEvent(this, worker.snapshot()));
			}
		});
	}

	/**
	 * Start a worker that stopped or gave up, with its restart limits reset. A worker
	 * that runs or waits for a restart is left alone.
	 * @param name the worker name
	 * @return {@code false} if there is no such worker
	 */
	public boolean startWorker(String name) {
		return control(name, "Start", SupervisedWorker::startIfEnded);
	}

	/**
	 * Set what decides when the workers start once the watchdog has started.
	 * @param startGate the gate
	 */
	void setStartGate(WorkerStartGate startGate) {
		Assert.notNull(startGate, "'startGate' must not be null");
		this.startGate = startGate;
	}

	@Override
	public void start() {
		this.scheduler.renewIfShutDown();
		this.running = true;
		this.startGate.whenOpen(this::startWorkers);
	}

	private synchronized void startWorkers() {
		if (!this.running) {
			return;
		}
		List<SupervisedWorker> workers = workers();
		this.workersReleased = true;
		workers.forEach(SupervisedWorker::start);
		if (!workers.isEmpty()) {
			logger.info(LogMessage.format("Watchdog started %d worker(s)%s", workers.size(), names(workers)));
		}
	}

	@Override
	public void stop() {
		synchronized (this) {
			this.running = false;
			this.workersReleased = false;
		}
		List<SupervisedWorker> workers = new ArrayList<>(workers());
		Collections.reverse(workers);
		// First no worker restarts any more, so that failing workers cannot hold up the
		// stop of the others; then each is stopped in turn
		workers.forEach(SupervisedWorker::preventRestart);
		long deadline = System.nanoTime() + this.shutdownTimeout.toNanos();
		long grace = Math.min(this.shutdownTimeout.toNanos(), LATE_STOP_GRACE.toNanos());
		List<String> stillRunning = new ArrayList<>();
		for (SupervisedWorker worker : workers) {
			Thread thread = worker.requestStop();
			if (thread != null && !awaitEnd(thread, Math.max(deadline, System.nanoTime() + grace))) {
				stillRunning.add(worker.getName());
				logger.warn(LogMessage.format(
						"Worker '%s' did not stop within %dms of being asked to "
								+ "(daemon.watchdog.shutdown-timeout); it is at:%s",
						worker.getName(), this.shutdownTimeout.toMillis(), StackTraces.of(thread)));
			}
		}
		this.scheduler.shutdownNow();
		if (!stillRunning.isEmpty()) {
			logger.warn(LogMessage.format("Watchdog stopped; worker(s) still running: %s",
					String.join(", ", stillRunning)));
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	private synchronized @Nullable SupervisedWorker add(WorkerRegistration registration) {
		String canonical = WorkerSettingsResolver.canonical(registration.getName());
		String registered = this.namesByCanonicalName.get(canonical);
		Assert.state(registered == null, () -> "A worker named '" + registered + "' is registered already, so '"
				+ registration.getName() + "' cannot be: worker names must differ in more than case and punctuation");
		WorkerSettings settings = this.settingsResolver.apply(registration);
		if (settings == null) {
			logger.info(LogMessage.format("Worker '%s' is disabled (daemon.watchdog.workers.%s.enabled=false)",
					registration.getName(), registration.getName()));
			return null;
		}
		SupervisedWorker worker = new SupervisedWorker(settings, this.scheduler, this.events, this.clock);
		this.workers.add(worker);
		this.namesByCanonicalName.put(canonical, worker.getName());
		return worker;
	}

	private synchronized List<SupervisedWorker> workers() {
		return List.copyOf(this.workers);
	}

	private static boolean awaitEnd(Thread thread, long deadline) {
		try {
			long remaining = deadline - System.nanoTime();
			if (remaining > 0) {
				TimeUnit.NANOSECONDS.timedJoin(thread, remaining);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return !thread.isAlive();
	}

	private static String names(List<SupervisedWorker> workers) {
		if (workers.isEmpty()) {
			return "";
		}
		if (workers.size() > 10) {
			return ": " + String.join(", ", workers.subList(0, 10).stream().map(SupervisedWorker::getName).toList())
					+ ", ...";
		}
		return ": " + String.join(", ", workers.stream().map(SupervisedWorker::getName).toList());
	}

}
