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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.log.LogMessage;
import org.springframework.util.Assert;

/**
 * The one writer of a daemon's {@link StatusFile}, into which several parts of the
 * application publish their state as sections: the workers of the watchdog, the
 * application's availability, a reload. Each {@link #publish publish} replaces the
 * entries of one section and rewrites the whole file, so that {@code --daemon=status}
 * reads all of them at once, without the actuator web port.
 * <p>
 * The file starts with the {@code pid} of this process, which tells a reader that the
 * process that holds the PID file wrote it; the sections follow in the order they were
 * first published. Sections own distinct keys: a key that two sections publish holds the
 * value of the later section. Publications that arrive while the file is written are
 * coalesced into the next write, so a storm of changes costs one write at a time, never
 * one write per change. The file is deleted when the application closes.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public class StatusPublisher implements DisposableBean {

	private static final Log logger = LogFactory.getLog(StatusPublisher.class);

	private static final String PID = "pid";

	private final StatusFile statusFile;

	private final long pid;

	private final Map<String, Map<String, String>> sections = new LinkedHashMap<>();

	private final AtomicBoolean changed = new AtomicBoolean();

	private final Object writeMonitor = new Object();

	private boolean closed;

	private boolean failed;

	/**
	 * Create a new instance that publishes the state of this process.
	 * @param statusFile the status file to write
	 */
	public StatusPublisher(StatusFile statusFile) {
		Assert.notNull(statusFile, "'statusFile' must not be null");
		this.statusFile = statusFile;
		this.pid = ProcessHandle.current().pid();
	}

	/**
	 * Return the entries of a status file if the given process wrote them: a file that an
	 * earlier process left behind tells nothing about the one that runs now.
	 * @param entries the entries of a status file
	 * @param pid the process id of the process that should have written them
	 * @return the entries, or none if another process wrote them
	 */
	public static Map<String, String> writtenBy(Map<String, String> entries, @Nullable Long pid) {
		return (pid != null && pid.equals(StatusEntries.getLong(entries, PID))) ? entries : Map.of();
	}

	/**
	 * Return the status file that this publisher writes.
	 * @return the status file
	 */
	public StatusFile getStatusFile() {
		return this.statusFile;
	}

	/**
	 * Replace the entries of a section and rewrite the status file with every section.
	 * Returns once the file holds the entries, or once a write that is already under way
	 * on another thread is bound to include them. A file that cannot be written is
	 * reported once in the log, never to the caller.
	 * @param section the name of the section, such as {@code workers}
	 * @param entries the entries of the section, in the order to write them
	 */
	public void publish(String section, Map<String, String> entries) {
		Assert.hasText(section, "'section' must not be empty");
		Assert.notNull(entries, "'entries' must not be null");
		synchronized (this.sections) {
			this.sections.put(section, new LinkedHashMap<>(entries));
		}
		if (this.changed.getAndSet(true)) {
			// A write is pending that will take this section once it starts
			return;
		}
		synchronized (this.writeMonitor) {
			// Every publication before this point is in the entries merged below
			this.changed.set(false);
			if (!this.closed) {
				write(merged());
			}
		}
	}

	private Map<String, String> merged() {
		Map<String, String> entries = new LinkedHashMap<>();
		entries.put(PID, Long.toString(this.pid));
		synchronized (this.sections) {
			this.sections.values().forEach(entries::putAll);
		}
		// A section cannot pass itself off as another process
		entries.put(PID, Long.toString(this.pid));
		return entries;
	}

	private void write(Map<String, String> entries) {
		try {
			this.statusFile.write(entries);
			this.failed = false;
		}
		catch (UncheckedIOException ex) {
			if (!this.failed) {
				this.failed = true;
				logger.warn(LogMessage.format("Cannot write the status file for --daemon=status: %s",
						ex.getCause().getMessage()));
			}
		}
	}

	/**
	 * Stop publishing and delete the status file.
	 */
	@Override
	public void destroy() {
		synchronized (this.writeMonitor) {
			this.closed = true;
			this.statusFile.delete();
		}
	}

}
