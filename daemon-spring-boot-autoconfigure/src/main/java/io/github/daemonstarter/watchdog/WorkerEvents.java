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

import io.github.daemonstarter.restart.DurationFormat;
import io.github.daemonstarter.restart.RestartPolicy;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.log.LogMessage;

/**
 * Tells what happens to the watchdog's workers: logs each start, failure, stop and give
 * up, publishes it as a {@link WorkerEvent} with the {@link Watchdog} as its source, and
 * hands a critical worker that gives up to the {@link CriticalWorkerHandler}.
 *
 * @author Daemon Starter Team
 */
final class WorkerEvents {

	/**
	 * Logs under the watchdog's category, where users look for what their workers do.
	 */
	private static final Log logger = LogFactory.getLog(Watchdog.class);

	private final Watchdog watchdog;

	private final ApplicationEventPublisher eventPublisher;

	private final CriticalWorkerHandler criticalWorkerHandler;

	WorkerEvents(Watchdog watchdog, ApplicationEventPublisher eventPublisher,
			CriticalWorkerHandler criticalWorkerHandler) {
		this.watchdog = watchdog;
		this.eventPublisher = eventPublisher;
		this.criticalWorkerHandler = criticalWorkerHandler;
	}

	void workerStarted(SupervisedWorker worker, boolean restart) {
		WorkerSnapshot snapshot = worker.snapshot();
		if (restart) {
			logger.info(
					LogMessage.format("Worker '%s' restarted (restart %d)", snapshot.name(), snapshot.restartCount()));
			publish(new WorkerRestartedEvent(this.watchdog, snapshot));
		}
		else {
			logger.debug(LogMessage.format("Worker '%s' started", snapshot.name()));
			publish(new WorkerStartedEvent(this.watchdog, snapshot));
		}
	}

	void workerEnded(SupervisedWorker worker, @Nullable Throwable failure, @Nullable Duration delay) {
		WorkerSnapshot snapshot = worker.snapshot();
		String next = (delay != null) ? "restarting in " + DurationFormat.of(delay) : "not restarting";
		if (failure != null) {
			if (worker.repeatsLastFailure(failure)) {
				logger.warn(LogMessage.format(
						"Worker '%s' failed; %s. The same failure as before, so without its " + "stack trace: %s",
						snapshot.name(), next, failure));
			}
			else {
				logger.warn(LogMessage.format("Worker '%s' failed; %s", snapshot.name(), next), failure);
			}
			publish(new WorkerFailedEvent(this.watchdog, snapshot, failure));
		}
		else if (delay != null) {
			logger.info(LogMessage.format("Worker '%s' returned; %s (restart policy always)", snapshot.name(), next));
			publish(new WorkerStoppedEvent(this.watchdog, snapshot));
		}
		else if (snapshot.state() == WorkerState.STOPPED) {
			logger.info(LogMessage.format("Worker '%s' completed", snapshot.name()));
			publish(new WorkerStoppedEvent(this.watchdog, snapshot));
		}
	}

	void workerGaveUp(SupervisedWorker worker, @Nullable Throwable failure) {
		WorkerSnapshot snapshot = worker.snapshot();
		RestartPolicy policy = worker.getSettings().policy();
		String reason;
		if (failure != null && !policy.restartsAfter(failure)) {
			reason = "its restart policy does not restart it after this failure";
		}
		else if (policy.getMaxRestarts() == 0) {
			reason = "it may not restart (max-restarts is 0)";
		}
		else {
			reason = "it restarted " + policy.getMaxRestarts() + " times within "
					+ DurationFormat.of(policy.getWindow()) + ", its limit (max-restarts within window)";
		}
		logger.error(LogMessage.format("Worker '%s' gave up: %s. Last failure: %s", snapshot.name(), reason,
				(failure != null) ? failure : "none, it returned"), failure);
		publish(new WorkerGaveUpEvent(this.watchdog, snapshot, failure));
		if (snapshot.critical()) {
			this.criticalWorkerHandler.gaveUp(snapshot);
		}
	}

	void workerStopped(SupervisedWorker worker, @Nullable Throwable thrown, boolean askedToStop) {
		if (thrown != null && !askedToStop) {
			logger.warn(LogMessage.format("Worker '%s' failed while the application was closing; not restarting",
					worker.getName()), thrown);
		}
		else if (thrown != null && !(thrown instanceof InterruptedException)) {
			logger.debug(LogMessage.format("Worker '%s' stopped with an exception", worker.getName()), thrown);
		}
		publish(new WorkerStoppedEvent(this.watchdog, worker.snapshot()));
	}

	void workerHung(SupervisedWorker worker, Duration silentFor) {
		logger.warn(LogMessage.format("Worker '%s' sent no heartbeat for %s; interrupting it", worker.getName(),
				DurationFormat.of(silentFor)));
	}

	void workerAbandoned(SupervisedWorker worker, @Nullable Thread thread) {
		logger.warn(LogMessage.format("Worker '%s' did not end within its heartbeat timeout after it was "
				+ "interrupted; its thread is left behind and it restarts on a new one. The old thread is at:%s",
				worker.getName(), (thread != null) ? StackTraces.of(thread) : " (unknown)"));
	}

	void abandonedRunEnded(SupervisedWorker worker, @Nullable Throwable failure) {
		logger.info(LogMessage.format("The thread of worker '%s' that was left behind ended at last%s",
				worker.getName(), (failure != null) ? ": " + failure : ""));
	}

	void publish(ApplicationEvent event) {
		try {
			this.eventPublisher.publishEvent(event);
		}
		catch (RuntimeException ex) {
			logger.error(LogMessage.format("A listener failed to handle %s", event.getClass().getSimpleName()), ex);
		}
	}

}
