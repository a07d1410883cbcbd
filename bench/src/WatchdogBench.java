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

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.daemonstarter.restart.RestartMode;
import io.github.daemonstarter.restart.RestartPolicy;
import io.github.daemonstarter.watchdog.Watchdog;
import io.github.daemonstarter.watchdog.WatchdogAutoConfiguration;
import io.github.daemonstarter.watchdog.WorkerFailedEvent;
import io.github.daemonstarter.watchdog.WorkerHangException;
import io.github.daemonstarter.watchdog.worker.DaemonWorker;
import io.github.daemonstarter.watchdog.worker.WorkerContext;
import io.github.daemonstarter.watchdog.worker.WorkerRegistration;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The watchdog benchmark program that {@code bench/watchdog.sh} compiles and runs, one
 * JVM per scenario: {@code java WatchdogBench <scenario>}. Not a test.
 * <p>
 * Every scenario that uses the watchdog starts it through the public route: a
 * {@link SpringApplication} (no web server) with {@link WatchdogAutoConfiguration}, and
 * workers registered with {@link Watchdog#register(WorkerRegistration)}. The application
 * logs as Spring Boot does by default (Logback, console pattern, INFO); the console goes
 * to {@code -Dbench.log} (default {@code /dev/null}) so that formatting and writing the
 * log lines is part of the cost, and this program's own report goes to the original
 * standard output. Machine-readable figures are the lines that start with
 * {@code RESULT}.
 *
 * @author Daemon Starter Team
 */
public final class WatchdogBench {

	private static final PrintStream report = System.out;

	private WatchdogBench() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length != 1) {
			System.err.println("usage: WatchdogBench restart-watchdog|restart-watchdog-nolog|restart-threads"
					+ "|idle-watchdog|idle-threads|idle-watchdog-heartbeat|idle-threads-heartbeat|storm");
			System.exit(2);
		}
		PrintStream log = new PrintStream(new FileOutputStream(System.getProperty("bench.log", "/dev/null"), true),
				true);
		System.setOut(log);
		System.setErr(log);
		switch (args[0]) {
			case "restart-watchdog" -> restartWatchdog(true);
			case "restart-watchdog-nolog" -> restartWatchdog(false);
			case "restart-threads" -> restartThreads();
			case "idle-watchdog" -> idle(true, false);
			case "idle-watchdog-heartbeat" -> idle(true, true);
			case "idle-threads" -> idle(false, false);
			case "idle-threads-heartbeat" -> idle(false, true);
			case "storm" -> storm();
			default -> {
				report.println("unknown scenario " + args[0]);
				System.exit(2);
			}
		}
		report.flush();
		// Worker threads left behind must not keep the JVM alive.
		System.exit(0);
	}

	// --- scenario 1: restart latency -------------------------------------------------

	/**
	 * Restart latency with zero backoff: from just before {@code throw} in one run to the
	 * entry of {@code run()} of the next run, over {@code bench.restarts} restarts after
	 * {@code bench.warmup} discarded ones.
	 */
	private static void restartWatchdog(boolean logging) throws Exception {
		Map<String, Object> properties = new HashMap<>();
		if (!logging) {
			properties.put("logging.level.io.github.daemonstarter.watchdog", "off");
		}
		ConfigurableApplicationContext context = startApplication(properties);
		try {
			RestartBody body = new RestartBody();
			RestartPolicy policy = RestartPolicy.builder()
				.initialDelay(Duration.ZERO)
				.maxRestarts(-1)
				.build();
			long start = System.nanoTime();
			context.getBean(Watchdog.class)
				.register(WorkerRegistration.of("restarter", (WorkerContext worker) -> body.run(worker::awaitStop))
					.withRestartPolicy(policy));
			awaitOrFail(body.done, Duration.ofMinutes(5), "the restarts");
			reportRestarts(body, System.nanoTime() - start);
		}
		finally {
			context.close();
		}
	}

	/**
	 * The baseline of the restart latency: a thread that, when the body throws, starts a
	 * new thread running the same body.
	 */
	private static void restartThreads() throws Exception {
		RestartBody body = new RestartBody();
		CountDownLatch stop = new CountDownLatch(1);
		long start = System.nanoTime();
		superviseWithThreads(body, stop);
		awaitOrFail(body.done, Duration.ofMinutes(5), "the restarts");
		reportRestarts(body, System.nanoTime() - start);
		stop.countDown();
	}

	private static void superviseWithThreads(RestartBody body, CountDownLatch stop) {
		Thread thread = new Thread(() -> {
			try {
				body.run((timeout) -> stop.await(timeout.toNanos(), TimeUnit.NANOSECONDS));
			}
			catch (Throwable ex) {
				superviseWithThreads(body, stop);
			}
		}, "restarter");
		thread.start();
	}

	private static void reportRestarts(RestartBody body, long elapsedNanos) {
		long[] samples = body.samples.clone();
		Arrays.sort(samples);
		report.printf(Locale.ROOT, "restarts: %d measured after %d warm-up, %.0f ms in all%n", samples.length,
				RestartBody.WARMUP, elapsedNanos / 1e6);
		report.printf(Locale.ROOT, "  failure -> next run(): p50 %.1f us, p90 %.1f us, p99 %.1f us, max %.1f us%n",
				percentile(samples, 50) / 1e3, percentile(samples, 90) / 1e3, percentile(samples, 99) / 1e3,
				samples[samples.length - 1] / 1e3);
		result("restart_p50_us", percentile(samples, 50) / 1e3);
		result("restart_p99_us", percentile(samples, 99) / 1e3);
		result("restart_max_us", samples[samples.length - 1] / 1e3);
	}

	/** How a run waits for its stop in either supervisor. */
	@FunctionalInterface
	interface StopAwaiter {

		boolean awaitStop(Duration timeout) throws InterruptedException;

	}

	/**
	 * The body that fails at once, run by the watchdog or by the plain threads. One run
	 * at a time; the next run starts after the previous one threw, so the plain fields
	 * are published by {@link Thread#start()}.
	 */
	static final class RestartBody {

		static final int WARMUP = Integer.getInteger("bench.warmup", 200);

		static final int RESTARTS = Integer.getInteger("bench.restarts", 1000);

		final long[] samples = new long[RESTARTS];

		final CountDownLatch done = new CountDownLatch(1);

		private int runs;

		private long thrownAt;

		void run(StopAwaiter stop) throws InterruptedException {
			long entered = System.nanoTime();
			int run = this.runs++;
			if (run > WARMUP) {
				this.samples[run - WARMUP - 1] = entered - this.thrownAt;
			}
			if (run >= WARMUP + RESTARTS) {
				this.done.countDown();
				stop.awaitStop(Duration.ofDays(1));
				return;
			}
			IllegalStateException failure = new IllegalStateException("Failure " + run);
			this.thrownAt = System.nanoTime();
			throw failure;
		}

	}

	// --- scenario 2: idle workers ------------------------------------------------------

	/**
	 * {@code bench.workers} workers blocked in {@code awaitStop}, either supervised by the
	 * watchdog or on plain threads, with or without heartbeats. Both sides run the same
	 * Spring application (the watchdog side registers its workers in it), so the heap and
	 * thread figures differ only by the workers and their supervision.
	 */
	private static void idle(boolean watchdog, boolean heartbeat) throws Exception {
		int count = Integer.getInteger("bench.workers", 10_000);
		long duration = Long.getLong("bench.duration", 60);
		Duration heartbeatTimeout = Duration.ofSeconds(Long.getLong("bench.heartbeat-timeout", 30));
		Duration heartbeatInterval = Duration.ofSeconds(Long.getLong("bench.heartbeat-interval", 10));
		ConfigurableApplicationContext context = startApplication(Map.of());
		// One stop latch per plain thread, as the watchdog has one per run: thousands of
		// timed waiters on a single latch would cost the baseline more CPU than its threads.
		List<CountDownLatch> plainStops = new ArrayList<>();
		List<Thread> plain = new ArrayList<>();
		try {
			long heapBefore = heapAfterGc();
			int threadsBefore = threads().getThreadCount();
			CountDownLatch started = new CountDownLatch(count);
			long start = System.nanoTime();
			if (watchdog) {
				Watchdog dog = context.getBean(Watchdog.class);
				for (int i = 0; i < count; i++) {
					IdleBody body = new IdleBody(heartbeat, heartbeatInterval, started);
					WorkerRegistration registration = WorkerRegistration.of("idle-" + i, (WorkerContext worker) -> body
						.run(worker::heartbeat, worker::awaitStop));
					if (heartbeat) {
						registration = registration.withHeartbeatTimeout(heartbeatTimeout);
					}
					dog.register(registration);
				}
			}
			else {
				for (int i = 0; i < count; i++) {
					IdleBody body = new IdleBody(heartbeat, heartbeatInterval, started);
					PlainHeartbeat beat = new PlainHeartbeat();
					CountDownLatch stop = new CountDownLatch(1);
					plainStops.add(stop);
					Thread thread = new Thread(() -> {
						try {
							body.run(beat::heartbeat,
									(timeout) -> stop.await(timeout.toNanos(), TimeUnit.NANOSECONDS));
						}
						catch (InterruptedException ex) {
							// stopping
						}
					}, "idle-" + i);
					plain.add(thread);
					thread.start();
				}
			}
			awaitOrFail(started, Duration.ofMinutes(10), "the workers to start");
			long startedNanos = System.nanoTime() - start;
			report.printf(Locale.ROOT, "%d %s started in %.0f ms (%s)%n", count,
					watchdog ? "workers registered and" : "plain threads", startedNanos / 1e6,
					heartbeat ? "heartbeat every " + heartbeatInterval.toSeconds() + "s"
							+ (watchdog ? ", heartbeat timeout " + heartbeatTimeout.toSeconds() + "s" : "")
							: "no heartbeat");
			result("start_ms", startedNanos / 1e6);
			// With heartbeats, the first deadline checks come one timeout after the start:
			// settle for that long so that the figures are those of the steady state.
			long settle = heartbeat ? heartbeatTimeout.toMillis() : 2000;
			report.printf(Locale.ROOT, "settling for %.0f s%n", settle / 1e3);
			Thread.sleep(settle);
			long heapAfter = heapAfterGc();
			int threadsAfter = threads().getThreadCount();
			report.printf(Locale.ROOT, "heap used after GC: %.1f MB before the workers, %.1f MB with them: "
					+ "%.0f bytes per worker%n", heapBefore / 1e6, heapAfter / 1e6,
					(double) (heapAfter - heapBefore) / count);
			report.printf("live threads: %d before, %d with the workers (%+d)%n", threadsBefore, threadsAfter,
					threadsAfter - threadsBefore);
			result("heap_mb", heapAfter / 1e6);
			result("heap_per_worker_bytes", (double) (heapAfter - heapBefore) / count);
			result("threads", threadsAfter);
			result("rss_mb", rssKilobytes() / 1e3);
			Map<Long, Long> threadCpu0 = threadCpuNanos();
			long processCpu0 = processCpuNanos();
			long t0 = System.nanoTime();
			Thread.sleep(duration * 1000);
			long elapsed = System.nanoTime() - t0;
			long processCpu = processCpuNanos() - processCpu0;
			Map<String, Long> byKind = cpuByKind(threadCpu0, threadCpuNanos());
			long workersCpu = byKind.getOrDefault("workers", 0L);
			long schedulerCpu = byKind.getOrDefault("watchdog", 0L);
			long otherCpu = byKind.getOrDefault("other", 0L);
			long jvmCpu = processCpu - workersCpu - schedulerCpu - otherCpu;
			report.printf(Locale.ROOT, "over %.1f s: process CPU %.0f ms = %.3f%% of one core%n", elapsed / 1e9,
					processCpu / 1e6, 100.0 * processCpu / elapsed);
			report.printf(Locale.ROOT, "  of which: worker threads %.3f%%, 'watchdog' thread %.4f%%, other Java "
					+ "threads %.3f%%, JVM's own threads (GC, JIT, VM) %.3f%%%n", 100.0 * workersCpu / elapsed,
					100.0 * schedulerCpu / elapsed, 100.0 * otherCpu / elapsed, 100.0 * jvmCpu / elapsed);
			result("process_cpu_pct", 100.0 * processCpu / elapsed);
			result("workers_cpu_pct", 100.0 * workersCpu / elapsed);
			result("jvm_cpu_pct", 100.0 * jvmCpu / elapsed);
			if (watchdog) {
				if (!byKind.containsKey("watchdog")) {
					report.println("  the 'watchdog' scheduler thread never started: it had nothing to do");
				}
				result("scheduler_cpu_pct", 100.0 * schedulerCpu / elapsed);
			}
		}
		finally {
			long stopStart = System.nanoTime();
			plainStops.forEach(CountDownLatch::countDown);
			context.close();
			for (Thread thread : plain) {
				thread.join(10_000);
			}
			report.printf(Locale.ROOT, "stopped the %s in %.0f ms%n", watchdog ? "watchdog" : "threads",
					(System.nanoTime() - stopStart) / 1e6);
			result("stop_ms", (System.nanoTime() - stopStart) / 1e6);
		}
	}

	/** How a run sends a heartbeat in either supervisor. */
	@FunctionalInterface
	interface Heartbeat {

		void heartbeat();

	}

	/** The heartbeat of a plain thread: the same single volatile write. */
	static final class PlainHeartbeat {

		private volatile long lastHeartbeat;

		void heartbeat() {
			this.lastHeartbeat = System.nanoTime() / 1_000_000;
		}

	}

	/**
	 * An idle body: blocked until stopped, or waking every heartbeat interval (from a
	 * random first offset, so that the wake-ups are spread) to send a heartbeat.
	 */
	static final class IdleBody {

		private final boolean heartbeat;

		private final Duration interval;

		private final CountDownLatch started;

		IdleBody(boolean heartbeat, Duration interval, CountDownLatch started) {
			this.heartbeat = heartbeat;
			this.interval = interval;
			this.started = started;
		}

		void run(Heartbeat beat, StopAwaiter stop) throws InterruptedException {
			this.started.countDown();
			if (!this.heartbeat) {
				while (!stop.awaitStop(Duration.ofHours(1))) {
					// still idle
				}
				return;
			}
			beat.heartbeat();
			Duration next = Duration.ofMillis(ThreadLocalRandom.current().nextLong(this.interval.toMillis()) + 1);
			while (!stop.awaitStop(next)) {
				beat.heartbeat();
				next = this.interval;
			}
		}

	}

	// --- scenario 3: storm ---------------------------------------------------------------

	/**
	 * Hang-detection lateness of a healthy canary worker, first with the canary alone,
	 * then while {@code bench.storm-workers} workers fail continuously.
	 */
	private static void storm() throws Exception {
		int stormWorkers = Integer.getInteger("bench.storm-workers", 1000);
		long stormDelay = Long.getLong("bench.storm-delay-ms", 10);
		double stormJitter = Double.parseDouble(System.getProperty("bench.storm-jitter", "0.5"));
		double stormMultiplier = Double.parseDouble(System.getProperty("bench.storm-multiplier", "1"));
		int trials = Integer.getInteger("bench.trials", 20);
		int warmup = Integer.getInteger("bench.trial-warmup", 3);
		long timeout = Long.getLong("bench.canary-timeout-ms", 200);
		boolean profile = Boolean.getBoolean("bench.profile");
		Canary canary = new Canary(timeout, warmup + trials, warmup);
		Map<String, Object> properties = new HashMap<>();
		ConfigurableApplicationContext context = startApplication(properties, canary);
		try {
			Watchdog watchdog = context.getBean(Watchdog.class);
			canary.allow(warmup + trials);
			watchdog.register(WorkerRegistration.of("canary", canary)
				.withHeartbeatTimeout(Duration.ofMillis(timeout))
				.withRestartPolicy(RestartPolicy.builder()
					.mode(RestartMode.ALWAYS)
					.initialDelay(Duration.ZERO)
					.maxRestarts(-1)
					.build()));
			awaitOrFail(canary.quietDone, Duration.ofMinutes(5), "the quiet trials");
			report.printf(Locale.ROOT, "canary: heartbeat timeout %d ms, heartbeats every %d ms, %d trials "
					+ "(+%d warm-up) alone, then %d under the storm%n", timeout, Canary.HEARTBEAT_MILLIS, trials,
					warmup, trials);
			canary.report("quiet", canary.quietEvent, canary.quietWake);

			RestartPolicy stormPolicy = RestartPolicy.builder()
				.initialDelay(Duration.ofMillis(stormDelay))
				.multiplier(stormMultiplier)
				.maxDelay(Duration.ofMillis(Math.max(stormDelay, 30_000)))
				.jitter(stormJitter)
				.maxRestarts(-1)
				.build();
			AtomicLong stormRuns = new AtomicLong();
			long registerStart = System.nanoTime();
			for (int i = 0; i < stormWorkers; i++) {
				watchdog.register(WorkerRegistration.of("storm-" + i, (WorkerContext worker) -> {
					stormRuns.incrementAndGet();
					throw new IllegalStateException("Storm failure");
				}).withRestartPolicy(stormPolicy));
			}
			report.printf(Locale.ROOT, "storm: %d workers that throw at once, restart policy %s%n", stormWorkers,
					stormPolicy);
			report.printf(Locale.ROOT, "  registered in %.0f ms; ramping up for 2 s%n",
					(System.nanoTime() - registerStart) / 1e6);
			Thread.sleep(2000);
			long schedulerId = threadId("watchdog");
			long runs0 = stormRuns.get();
			long processCpu0 = processCpuNanos();
			long schedulerCpu0 = threads().getThreadCpuTime(schedulerId);
			long t0 = System.nanoTime();
			SchedulerProfiler profiler = profile ? new SchedulerProfiler(schedulerId) : null;
			canary.allow(2 * (warmup + trials));
			awaitOrFail(canary.stormDone, Duration.ofMinutes(10), "the storm trials");
			long elapsed = System.nanoTime() - t0;
			if (profiler != null) {
				profiler.stop();
			}
			long runs = stormRuns.get() - runs0;
			long processCpu = processCpuNanos() - processCpu0;
			long schedulerCpu = threads().getThreadCpuTime(schedulerId) - schedulerCpu0;
			int liveThreads = threads().getThreadCount();
			canary.report("storm", canary.stormEvent, canary.stormWake);
			report.printf(Locale.ROOT, "  during the storm trials (%.1f s): %.0f storm restarts/s, "
					+ "process CPU %.0f%% of one core, 'watchdog' scheduler thread CPU %.1f%% of one core, "
					+ "%d live threads, %d premature hang(s) of the canary%n", elapsed / 1e9, runs / (elapsed / 1e9),
					100.0 * processCpu / elapsed, 100.0 * schedulerCpu / elapsed, liveThreads,
					canary.premature.get());
			result("storm_restarts_per_s", runs / (elapsed / 1e9));
			result("storm_process_cpu_pct", 100.0 * processCpu / elapsed);
			result("storm_scheduler_cpu_pct", 100.0 * schedulerCpu / elapsed);
			result("storm_premature", canary.premature.get());
			result("storm_missed", canary.missed.get());
			if (profiler != null) {
				profiler.report();
			}
		}
		finally {
			long stopStart = System.nanoTime();
			context.close();
			report.printf(Locale.ROOT, "stopped the watchdog in %.0f ms%n", (System.nanoTime() - stopStart) / 1e6);
		}
	}

	/**
	 * The healthy worker whose hang detection is timed. Each run is one trial: it sends
	 * heartbeats for one to two heartbeat timeouts, then stops sending them and waits; the
	 * watchdog should find it hung one heartbeat timeout after the last heartbeat. The
	 * {@link WorkerFailedEvent} that follows ends the trial and the worker restarts at
	 * once for the next one.
	 */
	static final class Canary implements DaemonWorker, ApplicationListener<WorkerFailedEvent> {

		static final long HEARTBEAT_MILLIS = 20;

		final CountDownLatch quietDone = new CountDownLatch(1);

		final CountDownLatch stormDone = new CountDownLatch(1);

		final AtomicInteger premature = new AtomicInteger();

		final AtomicInteger missed = new AtomicInteger();

		final List<Long> quietEvent = new ArrayList<>();

		final List<Long> quietWake = new ArrayList<>();

		final List<Long> stormEvent = new ArrayList<>();

		final List<Long> stormWake = new ArrayList<>();

		private final long timeoutNanos;

		private final int trialsPerPhase;

		private final int warmup;

		private final AtomicInteger trial = new AtomicInteger();

		private volatile int allowed;

		private volatile int currentTrial = -1;

		/** When the last heartbeat of the current trial plus the timeout falls; 0 while beating. */
		private volatile long deadline;

		Canary(long timeoutMillis, int trialsPerPhase, int warmup) {
			this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
			this.trialsPerPhase = trialsPerPhase;
			this.warmup = warmup;
		}

		void allow(int trials) {
			this.allowed = trials;
		}

		@Override
		public void run(WorkerContext context) throws Exception {
			this.deadline = 0;
			this.currentTrial = -1;
			// Beat until the next trial is allowed.
			while (this.trial.get() >= this.allowed) {
				context.heartbeat();
				if (context.awaitStop(Duration.ofMillis(HEARTBEAT_MILLIS))) {
					return;
				}
			}
			int trial = this.trial.getAndIncrement();
			this.currentTrial = trial;
			long beatUntil = System.nanoTime() + this.timeoutNanos
					+ ThreadLocalRandom.current().nextLong(this.timeoutNanos);
			while (System.nanoTime() < beatUntil) {
				context.heartbeat();
				if (context.awaitStop(Duration.ofMillis(HEARTBEAT_MILLIS))) {
					return;
				}
			}
			context.heartbeat();
			this.deadline = System.nanoTime() + this.timeoutNanos;
			boolean stopped;
			try {
				stopped = context.awaitStop(Duration.ofNanos(10 * this.timeoutNanos));
			}
			catch (InterruptedException ex) {
				// The watchdog counts the stop request down, then interrupts.
				stopped = true;
			}
			long woken = System.nanoTime();
			if (!stopped) {
				this.missed.incrementAndGet();
				trialEnded(trial);
				return;
			}
			record(trial, woken, true);
		}

		@Override
		public void onApplicationEvent(WorkerFailedEvent event) {
			if (!"canary".equals(event.getWorker().name())) {
				return;
			}
			long now = System.nanoTime();
			if (!(event.getFailure() instanceof WorkerHangException)) {
				return;
			}
			int trial = this.currentTrial;
			if (this.deadline == 0) {
				// Found hung while it was still sending heartbeats.
				this.premature.incrementAndGet();
			}
			else {
				record(trial, now, false);
			}
			trialEnded(trial);
		}

		private void trialEnded(int trial) {
			if (trial == this.trialsPerPhase - 1) {
				this.quietDone.countDown();
			}
			else if (trial == 2 * this.trialsPerPhase - 1) {
				this.stormDone.countDown();
			}
		}

		private synchronized void record(int trial, long at, boolean wake) {
			int inPhase = trial % this.trialsPerPhase;
			if (inPhase < this.warmup) {
				return;
			}
			boolean quiet = trial < this.trialsPerPhase;
			List<Long> samples = quiet ? (wake ? this.quietWake : this.quietEvent)
					: (wake ? this.stormWake : this.stormEvent);
			samples.add(at - this.deadline);
		}

		synchronized void report(String phase, List<Long> event, List<Long> wake) {
			long[] events = sorted(event);
			long[] wakes = sorted(wake);
			report.printf(Locale.ROOT,
					"  %-5s hang detected late by (ms): event p50 %.2f, p99 %.2f, max %.2f; "
							+ "canary woken p50 %.2f, p99 %.2f, max %.2f  (%d trials)%n",
					phase, percentile(events, 50) / 1e6, percentile(events, 99) / 1e6, max(events) / 1e6,
					percentile(wakes, 50) / 1e6, percentile(wakes, 99) / 1e6, max(wakes) / 1e6, events.length);
			result(phase + "_late_p50_ms", percentile(events, 50) / 1e6);
			result(phase + "_late_p99_ms", percentile(events, 99) / 1e6);
			result(phase + "_late_max_ms", max(events) / 1e6);
			result(phase + "_wake_p50_ms", percentile(wakes, 50) / 1e6);
			result(phase + "_wake_p99_ms", percentile(wakes, 99) / 1e6);
			result(phase + "_wake_max_ms", max(wakes) / 1e6);
		}

	}

	/**
	 * Optional ({@code -Dbench.profile=true}): samples the stack of the scheduler thread
	 * every 5 ms and counts what it was doing, to see where its time goes. Sampling takes
	 * a safepoint, so it disturbs what it measures a little.
	 */
	static final class SchedulerProfiler {

		private final Map<String, Integer> counts = new LinkedHashMap<>();

		private final Thread sampler;

		private volatile boolean running = true;

		private int samples;

		SchedulerProfiler(long threadId) {
			this.sampler = new Thread(() -> {
				while (this.running) {
					ThreadInfo info = threads().getThreadInfo(threadId, 64);
					if (info != null) {
						synchronized (this) {
							this.samples++;
							this.counts.merge(classify(info), 1, Integer::sum);
						}
					}
					try {
						Thread.sleep(5);
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			}, "bench-profiler");
			this.sampler.setDaemon(true);
			this.sampler.start();
		}

		private static String classify(ThreadInfo info) {
			StackTraceElement[] stack = info.getStackTrace();
			String frames = Arrays.toString(stack);
			if (frames.contains("DelayedWorkQueue.take")) {
				return "idle (waiting for the next due task)";
			}
			if (frames.contains("ch.qos.logback") || frames.contains("org.apache.commons.logging")
					|| frames.contains("org.slf4j")) {
				return "logging" + ((info.getThreadState() == Thread.State.BLOCKED
						|| info.getThreadState() == Thread.State.WAITING) ? " (waiting for a lock)" : "");
			}
			if (frames.contains("java.lang.Thread.start")) {
				return "starting a worker thread (Thread.start)";
			}
			if (frames.contains("restartNow")) {
				return "restartNow, other" + (info.getThreadState() == Thread.State.BLOCKED ? " (blocked)" : "");
			}
			if (frames.contains("checkHeartbeat")) {
				return "checkHeartbeat";
			}
			if (frames.contains("DelayedWorkQueue") || frames.contains("ScheduledThreadPoolExecutor")) {
				return "scheduler queue (offer/poll/remove)";
			}
			return "other: " + ((stack.length > 0) ? stack[0] : "?");
		}

		void stop() throws InterruptedException {
			this.running = false;
			this.sampler.join();
		}

		synchronized void report() {
			report.printf("  'watchdog' scheduler thread, %d stack samples during the storm trials:%n", this.samples);
			this.counts.entrySet()
				.stream()
				.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
				.limit(12)
				.forEach((entry) -> report.printf(Locale.ROOT, "    %5.1f%%  %s%n",
						100.0 * entry.getValue() / this.samples, entry.getKey()));
		}

	}

	// --- helpers -------------------------------------------------------------------------

	private static ConfigurableApplicationContext startApplication(Map<String, Object> properties,
			ApplicationListener<?>... listeners) {
		SpringApplication application = new SpringApplication(WatchdogAutoConfiguration.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setBannerMode(Banner.Mode.OFF);
		application.setLogStartupInfo(false);
		Map<String, Object> defaults = new HashMap<>();
		defaults.put("spring.application.name", "watchdog-bench");
		defaults.put("spring.output.ansi.enabled", "never");
		if (Boolean.getBoolean("bench.virtual")) {
			defaults.put("spring.threads.virtual.enabled", "true");
		}
		defaults.putAll(properties);
		application.setDefaultProperties(defaults);
		application.addListeners(listeners);
		return application.run();
	}

	private static void awaitOrFail(CountDownLatch latch, Duration timeout, String what) throws InterruptedException {
		if (!latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			report.println("error: timed out after " + timeout + " waiting for " + what);
			report.flush();
			System.exit(1);
		}
	}

	private static ThreadMXBean threads() {
		return ManagementFactory.getThreadMXBean();
	}

	private static long threadId(String name) {
		ThreadMXBean threads = threads();
		for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
			if (info != null && name.equals(info.getThreadName())) {
				return info.getThreadId();
			}
		}
		return -1;
	}

	/** CPU time of every live thread by id. */
	private static Map<Long, Long> threadCpuNanos() {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) threads();
		long[] ids = threads.getAllThreadIds();
		long[] cpu = threads.getThreadCpuTime(ids);
		Map<Long, Long> byId = new HashMap<>();
		for (int i = 0; i < ids.length; i++) {
			if (cpu[i] >= 0) {
				byId.put(ids[i], cpu[i]);
			}
		}
		return byId;
	}

	/**
	 * CPU time between two snapshots summed by kind of thread: the workers (named
	 * {@code idle-N}), the scheduler ({@code watchdog}) and the other Java threads. A
	 * thread that ended in between is not counted.
	 */
	private static Map<String, Long> cpuByKind(Map<Long, Long> before, Map<Long, Long> after) {
		long[] ids = after.keySet().stream().mapToLong(Long::longValue).toArray();
		ThreadInfo[] infos = threads().getThreadInfo(ids);
		Map<String, Long> byKind = new HashMap<>();
		for (int i = 0; i < ids.length; i++) {
			if (infos[i] == null) {
				continue;
			}
			String name = infos[i].getThreadName();
			String kind = name.startsWith("idle-") ? "workers" : "watchdog".equals(name) ? "watchdog" : "other";
			byKind.merge(kind, after.get(ids[i]) - before.getOrDefault(ids[i], 0L), Long::sum);
		}
		return byKind;
	}

	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	private static long heapAfterGc() throws InterruptedException {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(100);
		}
		return memory.getHeapMemoryUsage().getUsed();
	}

	private static long rssKilobytes() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			// not on Linux
		}
		return -1;
	}

	private static long[] sorted(List<Long> values) {
		return values.stream().mapToLong(Long::longValue).sorted().toArray();
	}

	/** Nearest-rank percentile of sorted values; NaN when there are none. */
	private static double percentile(long[] sorted, double percent) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
	}

	private static double max(long[] sorted) {
		return (sorted.length == 0) ? Double.NaN : sorted[sorted.length - 1];
	}

	private static void result(String key, double value) {
		report.printf(Locale.ROOT, "RESULT %s %.4f%n", key, value);
	}

}
