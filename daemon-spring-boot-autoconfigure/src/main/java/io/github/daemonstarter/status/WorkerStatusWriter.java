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

package io.github.daemonstarter.status;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.daemonstarter.watchdog.Watchdog;
import io.github.daemonstarter.watchdog.WorkerEvent;
import io.github.daemonstarter.watchdog.WorkerFailure;
import io.github.daemonstarter.watchdog.WorkerSnapshot;

import org.springframework.context.ApplicationListener;

/**
 * Publishes the workers of the {@link Watchdog} as the {@value #SECTION} section of the
 * daemon's status file whenever one of them changes state, so that
 * {@code --daemon=status} can show them without the actuator web port.
 * <p>
 * Changes that happen while the workers are published are coalesced into the next
 * publication, whose snapshot of the workers is taken after them: a storm of restarts
 * costs one snapshot and one write at a time, and an older snapshot never replaces a
 * newer one.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public class WorkerStatusWriter implements ApplicationListener<WorkerEvent> {

	/**
	 * The name of the section of the status file that holds the workers.
	 */
	public static final String SECTION = "workers";

	private final Watchdog watchdog;

	private final StatusPublisher publisher;

	private final AtomicBoolean changed = new AtomicBoolean();

	private final Object publishMonitor = new Object();

	/**
	 * Create a new instance.
	 * @param watchdog the watchdog whose workers to publish
	 * @param publisher the publisher of the status file
	 */
	public WorkerStatusWriter(Watchdog watchdog, StatusPublisher publisher) {
		this.watchdog = watchdog;
		this.publisher = publisher;
	}

	@Override
	public void onApplicationEvent(WorkerEvent event) {
		if (event.getSource() != this.watchdog || this.changed.getAndSet(true)) {
			return;
		}
		synchronized (this.publishMonitor) {
			// Every change before this point is in the snapshots taken below
			this.changed.set(false);
			publish(this.watchdog.getWorkers());
		}
	}

	private void publish(List<WorkerSnapshot> workers) {
		this.publisher.publish(SECTION,
				WorkerStatus.toEntries(workers.stream().map(WorkerStatusWriter::toStatus).toList()));
	}

	private static WorkerStatus toStatus(WorkerSnapshot worker) {
		WorkerFailure failure = worker.lastFailure();
		return new WorkerStatus(worker.name(), worker.state().name(), worker.restartCount(), worker.critical(),
				(failure != null) ? failure.toString() : null, (failure != null) ? failure.time() : null,
				worker.nextRestart(), worker.runningSince());
	}

}
