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

package io.github.daemonstarter.launch;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.daemonstarter.DaemonConsole;
import io.github.daemonstarter.handshake.LaunchMessage;
import org.jspecify.annotations.Nullable;

/**
 * Waits for a detached child to become ready, fail, or run out of time, and shows the
 * startup progress on a terminal meanwhile.
 * <p>
 * The wait is driven by events: a message on the {@link LaunchChannel} or the exit of the
 * child process completes it, and the timeout bounds it. Only the progress line is
 * redrawn on a timer, and only on a terminal.
 *
 * @author Daemon Starter Team
 */
final class StartupWatch {

	private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(2);

	private static final long PROGRESS_INTERVAL_MILLIS = 100;

	private final String applicationName;

	private final DetachedChild child;

	private final DaemonConsole console;

	private final CompletableFuture<StartupOutcome> outcome = new CompletableFuture<>();

	private volatile String phase = "starting the JVM";

	private volatile @Nullable String failure;

	private final boolean supervisor;

	/**
	 * Create a new instance.
	 * @param applicationName the name of the application
	 * @param child the detached child
	 * @param console where to show progress
	 * @param supervisor whether the child is a process supervisor, which must be stopped
	 * when the application fails to start, since it would start it again
	 */
	StartupWatch(String applicationName, DetachedChild child, DaemonConsole console, boolean supervisor) {
		this.applicationName = applicationName;
		this.child = child;
		this.console = console;
		this.supervisor = supervisor;
	}

	/**
	 * Wait for the outcome of the start.
	 * @param channel the channel the child reports on
	 * @param timeout the startup timeout
	 * @return the outcome
	 * @throws InterruptedException if the current thread is interrupted
	 */
	StartupOutcome await(LaunchChannel channel, Duration timeout) throws InterruptedException {
		long startedAt = System.nanoTime();
		channel.receive(this::onMessage);
		this.child.onExit().thenRun(() -> onExit(channel));
		ScheduledExecutorService progress = startProgress(startedAt);
		try {
			return this.outcome.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			return StartupOutcome.timedOut();
		}
		catch (ExecutionException ex) {
			return StartupOutcome.exited(String.valueOf(ex.getCause()), -1);
		}
		finally {
			if (progress != null) {
				progress.shutdownNow();
			}
			this.console.clearProgress();
		}
	}

	private void onMessage(LaunchMessage message) {
		switch (message.type()) {
			case PHASE -> this.phase = message.text();
			case READY -> this.outcome.complete(StartupOutcome.ready(message.text()));
			case LOCKED -> this.outcome.complete(StartupOutcome.alreadyRunning(message.text()));
			case REFUSED -> this.outcome.complete(StartupOutcome.refused(message.text()));
			case FAILED -> {
				this.failure = message.text();
				this.phase = "failed, stopping";
				if (this.supervisor) {
					this.child.terminate();
				}
			}
		}
	}

	private void onExit(LaunchChannel channel) {
		try {
			channel.awaitDrained(DRAIN_TIMEOUT);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (this.child.daemonEnded()) {
			this.outcome.complete(StartupOutcome.exited(this.failure, this.child.exitValue()));
		}
	}

	private @Nullable ScheduledExecutorService startProgress(long startedAt) {
		if (!this.console.isInteractive()) {
			return null;
		}
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "daemon-startup-progress");
			thread.setDaemon(true);
			return thread;
		});
		executor.scheduleAtFixedRate(() -> showProgress(startedAt), 0, PROGRESS_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
		return executor;
	}

	private void showProgress(long startedAt) {
		if (!this.outcome.isDone()) {
			Duration elapsed = Duration.ofNanos(System.nanoTime() - startedAt);
			this.console.progress("Starting " + this.applicationName + this.child.pidInParentheses() + " "
					+ DaemonConsole.formatElapsed(elapsed) + ": " + this.phase);
		}
	}

}
