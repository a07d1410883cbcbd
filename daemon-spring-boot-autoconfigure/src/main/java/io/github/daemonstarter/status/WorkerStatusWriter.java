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

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.daemonstarter.watchdog.Watchdog;
import io.github.daemonstarter.watchdog.WorkerEvent;
import io.github.daemonstarter.watchdog.WorkerFailure;
import io.github.daemonstarter.watchdog.WorkerSnapshot;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationListener;
import org.springframework.core.log.LogMessage;

/**
 * Publishes the workers of the {@link Watchdog} in the daemon's {@link StatusFile}
 * whenever one of them changes state, so that {@code --daemon=status} can show them
 * without the actuator web port. The file is deleted when the application closes.
 * <p>
 * Changes that happen while the file is written are coalesced into the next write, so a
 * storm of restarts costs one write at a time, never one write per worker per change.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public class WorkerStatusWriter implements ApplicationListener<WorkerEvent>, DisposableBean {

	private static final Log logger = LogFactory.getLog(WorkerStatusWriter.class);

	private final Watchdog watchdog;

	private final StatusFile statusFile;

	private final long pid;

	private final AtomicBoolean changed = new AtomicBoolean();

	private final Object writeMonitor = new Object();

	private boolean closed;

	private boolean failed;

	/**
	 * Create a new instance.
	 * @param watchdog the watchdog whose workers to publish
	 * @param statusFile the status file to write
	 */
	public WorkerStatusWriter(Watchdog watchdog, StatusFile statusFile) {
		this.watchdog = watchdog;
		this.statusFile = statusFile;
		this.pid = ProcessHandle.current().pid();
	}

	@Override
	public void onApplicationEvent(WorkerEvent event) {
		if (event.getSource() != this.watchdog || this.changed.getAndSet(true)) {
			return;
		}
		synchronized (this.writeMonitor) {
			// Every change before this point is in the snapshots taken below
			this.changed.set(false);
			if (!this.closed) {
				write(this.watchdog.getWorkers());
			}
		}
	}

	private void write(List<WorkerSnapshot> workers) {
		Map<String, String> entries = WorkerStatus.toEntries(this.pid,
				workers.stream().map(WorkerStatusWriter::toStatus).toList());
		try {
			this.statusFile.write(entries);
			this.failed = false;
		}
		catch (UncheckedIOException ex) {
			if (!this.failed) {
				this.failed = true;
				logger.warn(LogMessage.format("Cannot publish the workers for --daemon=status: %s",
						ex.getCause().getMessage()));
			}
		}
	}

	private static WorkerStatus toStatus(WorkerSnapshot worker) {
		WorkerFailure failure = worker.lastFailure();
		return new WorkerStatus(worker.name(), worker.state().name(), worker.restartCount(), worker.critical(),
				(failure != null) ? failure.toString() : null, (failure != null) ? failure.time() : null,
				worker.nextRestart(), worker.runningSince());
	}

	@Override
	public void destroy() {
		synchronized (this.writeMonitor) {
			this.closed = true;
			this.statusFile.delete();
		}
	}

}
