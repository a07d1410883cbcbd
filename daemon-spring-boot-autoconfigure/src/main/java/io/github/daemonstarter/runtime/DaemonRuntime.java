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

package io.github.daemonstarter.runtime;

import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.daemonstarter.DaemonException;
import io.github.daemonstarter.ExitStatus;
import io.github.daemonstarter.config.DaemonSettings;
import io.github.daemonstarter.pid.PidFile;
import io.github.daemonstarter.pid.PidFileLock;
import io.github.daemonstarter.posix.Posix;
import io.github.daemonstarter.posix.ProcessState;
import io.github.daemonstarter.reload.DaemonReloader;
import io.github.daemonstarter.reload.LogFileReopener;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.env.DefaultPropertiesPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Prepares the running daemon, in the detached child or with {@code --daemon=run}: makes
 * {@code SIGHUP} reload it, locks the PID file for the life of the JVM, writes it, and in
 * the detached child routes all logging to standard output, which is the log file, or,
 * when the configuration asks Spring Boot to roll the log file, to Spring Boot's own file
 * appender with standard output in the output file beside it.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class DaemonRuntime {

	private static final Map<Path, PidFileLock> locks = new ConcurrentHashMap<>();

	private final DaemonSettings settings;

	private final Posix posix;

	public DaemonRuntime(DaemonSettings settings, Posix posix) {
		this.settings = settings;
		this.posix = posix;
	}

	/**
	 * Prepare the daemon.
	 * @param event the event that carries the environment
	 * @param detached whether this is the detached child, whose standard output is the
	 * log file
	 * @throws io.github.daemonstarter.pid.PidFileLockedException if another instance
	 * holds the PID file lock
	 */
	public void prepare(ApplicationEnvironmentPreparedEvent event, boolean detached) {
		ConfigurableEnvironment environment = event.getEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource(DaemonSettings.PROPERTY_SOURCE_NAME, imposed(detached)));
		DefaultPropertiesPropertySource.addOrMerge(Map.of("spring.main.keep-alive", "true"),
				environment.getPropertySources());
		handleHangups(event, detached);
		lock();
		writePid(event);
	}

	/**
	 * Make {@code SIGHUP} reload the daemon rather than end it, before the PID file names
	 * this process: whoever finds the PID there can send it at once. In the foreground on
	 * a terminal it keeps its meaning, so that closing the terminal still ends the
	 * process.
	 * @param event the event that carries the application
	 * @param detached whether standard output is the log file, which a reload reopens
	 */
	private void handleHangups(ApplicationEnvironmentPreparedEvent event, boolean detached) {
		if (!detached && ProcessState.hasControllingTerminal(ProcessHandle.current().pid())) {
			return;
		}
		DaemonReloader reloader = new DaemonReloader(
				detached ? new LogFileReopener(() -> this.posix, this.settings.getOutputFile()) : null,
				detached && this.settings.isRollingLog());
		String warning = reloader.handleHangups();
		if (warning != null) {
			System.err.println(warning);
		}
		event.getSpringApplication().addListeners(reloader);
	}

	private Map<String, Object> imposed(boolean detached) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.pid.file", this.settings.getPidFile().toString());
		properties.put("spring.pid.fail-on-write-error", "true");
		if (detached && this.settings.isRollingLog()) {
			// Spring Boot's file appender writes and rolls the log file; standard output
			// is the output file beside it, which must not get every line a second time
			properties.put("logging.file.name", this.settings.getLogFile().toString());
			properties.put("logging.file.path", "");
			properties.put("logging.console.enabled", "false");
		}
		else if (detached) {
			properties.put("logging.file.name", "");
			properties.put("logging.file.path", "");
			properties.put("management.endpoint.logfile.external-file", this.settings.getLogFile().toString());
		}
		return properties;
	}

	private void lock() {
		Path path = this.settings.getPidFile();
		PidFileLock held = locks.get(path);
		if (held == null || !held.isHeld()) {
			locks.put(path, new PidFile(this.posix, path).lock());
		}
	}

	private void writePid(ApplicationEnvironmentPreparedEvent event) {
		File file = this.settings.getPidFile().toFile();
		try {
			new DaemonPidFileWriter(file).write(event);
		}
		catch (IllegalStateException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			throw new DaemonException(ExitStatus.FAILURE,
					"Cannot write PID file " + file + " (" + cause + "): set spring.pid.file to a writable path", ex);
		}
	}

	/**
	 * Release the PID file lock held for the given path, if any. For tests that run
	 * several applications in one JVM.
	 * @param path the PID file
	 */
	public static void release(Path path) {
		PidFileLock lock = locks.remove(path);
		if (lock != null) {
			lock.release();
		}
	}

}
