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

package io.github.daemonstarter.supervisor;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

import io.github.daemonstarter.pid.PidFile;
import io.github.daemonstarter.posix.ProcFs;
import io.github.daemonstarter.restart.DurationFormat;
import io.github.daemonstarter.supervised.ApplicationChannels;
import io.github.daemonstarter.supervised.ApplicationChannels.Readiness;
import org.jspecify.annotations.Nullable;

/**
 * The steps of a reload that hands the listening socket over from the running JVM to a
 * new one, which {@link Supervision} takes in turn: check that a second JVM fits in
 * memory, wait until the new JVM is ready, then stop the old one gracefully so that its
 * requests in flight complete, and only then let the new JVM's workers start (a consumer
 * must not run twice), unless the application is configured with
 * {@code daemon.supervisor.worker-handover=overlap}.
 *
 * @author Daemon Starter Team
 */
final class ApplicationHandover {

	/**
	 * The suffix of the second application PID file, beside the first:
	 * {@code app.app.pid} and {@code app.app.next.pid} take turns.
	 */
	static final String NEXT_PID_FILE_SUFFIX = ".next.pid";

	/**
	 * How long the replaced JVM may take to say that it accepts no more connections.
	 */
	static final Duration RELEASE_TIMEOUT = Duration.ofSeconds(10);

	private static final long KIB = 1024;

	private static final long MIB = KIB * KIB;

	private final SupervisorSettings settings;

	private final SupervisorLog log;

	private final ApplicationChannels channels;

	private final ApplicationStarter starter;

	private final ApplicationStopper stopper;

	private final ProcFs procFs;

	ApplicationHandover(SupervisorSettings settings, SupervisorLog log, ApplicationChannels channels,
			ApplicationStarter starter, ApplicationStopper stopper) {
		this(settings, log, channels, starter, stopper, ProcFs.system());
	}

	ApplicationHandover(SupervisorSettings settings, SupervisorLog log, ApplicationChannels channels,
			ApplicationStarter starter, ApplicationStopper stopper, ProcFs procFs) {
		this.settings = settings;
		this.log = log;
		this.channels = channels;
		this.starter = starter;
		this.stopper = stopper;
		this.procFs = procFs;
	}

	/**
	 * Return the PID file for the JVM that replaces the one holding the given PID file:
	 * the application's PID file and one beside it take turns.
	 * @param first the application's PID file
	 * @param current the PID file of the running JVM
	 * @return the PID file for the next JVM
	 */
	static Path otherPidFile(Path first, Path current) {
		return current.equals(first) ? PidFile.sibling(first, NEXT_PID_FILE_SUFFIX) : first;
	}

	/**
	 * Return why a second JVM beside the running one does not fit in memory: the memory
	 * available is less than what the running one uses, or than its maximum heap if that
	 * is more.
	 * @param running the running JVM
	 * @return the reason, or {@code null} if it fits or the memory cannot be read
	 */
	@Nullable String refusal(Process running) {
		try {
			OptionalLong available = kibibytes(this.procFs.memoryInfo(), "MemAvailable:");
			OptionalLong resident = kibibytes(this.procFs.status(running.pid()), "VmRSS:");
			if (available.isEmpty() || resident.isEmpty()) {
				return null;
			}
			long heap = maxHeap(this.settings.command());
			long needed = Math.max(resident.getAsLong() * KIB, heap);
			long free = available.getAsLong() * KIB;
			if (free >= needed) {
				return null;
			}
			return "only " + (free / MIB) + " MB of memory is available (MemAvailable in /proc/meminfo), less than the "
					+ (needed / MIB) + " MB that a second JVM needs beside pid " + running.pid()
					+ ((heap >= resident.getAsLong() * KIB) ? " (its -Xmx)" : " (its resident memory)")
					+ "; free memory, lower -Xmx or use --daemon=restart";
		}
		catch (IOException ex) {
			return null;
		}
	}

	static OptionalLong kibibytes(String procFile, String key) {
		for (String line : procFile.split("\\n")) {
			if (line.startsWith(key)) {
				String[] fields = line.substring(key.length()).trim().split("\\s+");
				try {
					return OptionalLong.of(Long.parseLong(fields[0]));
				}
				catch (NumberFormatException ex) {
					return OptionalLong.empty();
				}
			}
		}
		return OptionalLong.empty();
	}

	/**
	 * Return the maximum heap that the command gives the JVM with {@code -Xmx}, the last
	 * one winning as in the JVM.
	 * @param command the command
	 * @return the maximum heap in bytes, or {@code 0} if it sets none
	 */
	static long maxHeap(List<String> command) {
		long heap = 0;
		for (String argument : command) {
			if (argument.startsWith("-Xmx") && argument.length() > 4) {
				long parsed = parseSize(argument.substring(4));
				if (parsed > 0) {
					heap = parsed;
				}
			}
		}
		return heap;
	}

	private static long parseSize(String size) {
		char unit = Character.toLowerCase(size.charAt(size.length() - 1));
		long multiplier = switch (unit) {
			case 'k' -> KIB;
			case 'm' -> MIB;
			case 'g' -> MIB * KIB;
			case 't' -> MIB * MIB;
			default -> 1;
		};
		String digits = Character.isDigit(unit) ? size : size.substring(0, size.length() - 1);
		try {
			return Long.parseLong(digits) * multiplier;
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	/**
	 * Let the new JVM start and wait until it is ready.
	 * @param next the new JVM
	 * @return why it is not ready, or {@code null} if it is
	 */
	@Nullable String awaitReady(Process next) {
		this.starter.allowStart(next, false);
		Readiness readiness;
		try {
			readiness = this.channels.awaitReady(next, this.settings.startupTimeout());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "the reload was interrupted";
		}
		return switch (readiness.outcome()) {
			case READY -> null;
			case FAILED -> "the new JVM (pid " + next.pid() + ") failed to start: " + readiness.detail();
			case ENDED -> "the new JVM (pid " + next.pid() + ") ended before it was ready: "
					+ ApplicationExit.describe(next.exitValue());
			case TIMED_OUT -> "the new JVM (pid " + next.pid() + ") was not ready within "
					+ DurationFormat.of(this.settings.startupTimeout()) + " (daemon.startup-timeout)";
		};
	}

	/**
	 * Stop a new JVM that failed to become ready; the old one serves on.
	 * @param next the new JVM
	 * @param failure why it failed
	 */
	void discard(Process next, String failure) {
		if (next.isAlive()) {
			this.stopper.stop(next);
		}
		this.channels.forget(next.pid());
	}

	/**
	 * Stop the JVM that the new one replaced, gracefully, then let the new JVM's workers
	 * start if they wait for it. The old JVM stops accepting connections first thing when
	 * it is told to stop: once it says so (or ends, or {@link #RELEASE_TIMEOUT} passes),
	 * every new connection goes to the new JVM, and the reload is done.
	 * @param old the replaced JVM
	 * @param next the new JVM
	 * @param took how long the new JVM took to be ready
	 * @param released what to do once the old JVM accepts no more connections
	 */
	void retire(Process old, Process next, Duration took, Runnable released) {
		this.log.info(
				this.settings.applicationName() + " (pid " + next.pid() + ") is ready after " + DurationFormat.of(took)
						+ " and serves; stopping pid " + old.pid() + " once its requests in flight complete");
		old.toHandle().destroy();
		try {
			this.channels.awaitReleased(old, RELEASE_TIMEOUT);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		released.run();
		this.stopper.stop(old);
		this.channels.forget(old.pid());
		this.starter.allowWorkers(next);
	}

}
