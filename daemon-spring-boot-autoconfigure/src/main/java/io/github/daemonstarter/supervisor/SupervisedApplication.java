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
import java.io.InputStream;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.daemonstarter.posix.ProcessState;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.log.LogMessage;

/**
 * The application as a process supervisor runs it: the supervisor's PID and how often it
 * has restarted the application, as the supervisor passes them in the environment.
 * <p>
 * The supervisor keeps a pipe open on the application's standard input. It writes one
 * byte to it when the application may start: at once, or when its backoff ends if it
 * booted the JVM while the backoff ran ({@link #awaitStart()}). It writes nothing else.
 * When the supervisor dies, however it dies, the kernel closes the pipe and the
 * application reads end-of-file: {@link #watchSupervisor(Runnable)} turns that into a
 * graceful shutdown, so that an application never lives on unsupervised. Nothing polls.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class SupervisedApplication {

	/**
	 * Environment variable that holds the supervisor's PID.
	 */
	public static final String SUPERVISOR_PID_VARIABLE = "BOOT_DAEMON_SUPERVISOR_PID";

	/**
	 * Environment variable that holds how often the supervisor has restarted the
	 * application before this run.
	 */
	public static final String RESTARTS_VARIABLE = "BOOT_DAEMON_SUPERVISOR_RESTARTS";

	/**
	 * The byte that the supervisor writes to the application's standard input to let it
	 * start.
	 */
	public static final int START = 'S';

	private static final Log logger = LogFactory.getLog(SupervisedApplication.class);

	private static final AtomicBoolean startAllowed = new AtomicBoolean();

	private final long supervisorPid;

	private final int restarts;

	SupervisedApplication(long supervisorPid, int restarts) {
		this.supervisorPid = supervisorPid;
		this.restarts = restarts;
	}

	/**
	 * Return the supervision of this process, if a supervisor started it: the variable
	 * names a PID and that process is this one's parent. A process that merely inherits
	 * the variable from a supervised application is not supervised.
	 * @return the supervision, or {@code null} if no supervisor runs this process
	 */
	public static @Nullable SupervisedApplication current() {
		Long supervisorPid = parse(System.getenv(SUPERVISOR_PID_VARIABLE));
		Long parentPid = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(null);
		if (supervisorPid == null || !supervisorPid.equals(parentPid)) {
			return null;
		}
		Long restarts = parse(System.getenv(RESTARTS_VARIABLE));
		return new SupervisedApplication(supervisorPid,
				(restarts != null && restarts <= Integer.MAX_VALUE) ? restarts.intValue() : 0);
	}

	/**
	 * Return the PID of the supervisor that started this process, if that supervisor is
	 * gone and the kernel gave this process to another parent. A supervisor killed while
	 * its application boots leaves such an orphan, which {@link #current()} does not
	 * recognise and which must not run unsupervised. A process whose parent was started
	 * by the same supervisor is that application's child, not an orphan.
	 * @return the PID of the lost supervisor, or {@code null}
	 */
	public static @Nullable Long lostSupervisor() {
		Long supervisorPid = parse(System.getenv(SUPERVISOR_PID_VARIABLE));
		if (supervisorPid == null) {
			return null;
		}
		ProcessHandle self = ProcessHandle.current();
		Long parentPid = self.parent().map(ProcessHandle::pid).orElse(null);
		if (supervisorPid.equals(parentPid) || runsSince(supervisorPid, self.pid())) {
			return null;
		}
		boolean parentSupervised = parentPid != null
				&& ProcessState.environmentVariable(parentPid, SUPERVISOR_PID_VARIABLE)
					.map(supervisorPid.toString()::equals)
					.orElse(false);
		return parentSupervised ? null : supervisorPid;
	}

	/**
	 * Return whether a process runs that started no later than this one: the PID of a
	 * process that died since may have been given to a younger one.
	 * @param pid the process
	 * @param self this process
	 * @return whether it runs and is not younger than this process
	 */
	private static boolean runsSince(long pid, long self) {
		OptionalLong started = ProcessState.startTime(pid);
		OptionalLong selfStarted = ProcessState.startTime(self);
		return ProcessState.isRunning(pid) && started.isPresent() && selfStarted.isPresent()
				&& started.getAsLong() <= selfStarted.getAsLong();
	}

	private static @Nullable Long parse(@Nullable String value) {
		if (value == null) {
			return null;
		}
		try {
			long number = Long.parseLong(value.trim());
			return (number > 0) ? number : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/**
	 * Return the supervisor's PID.
	 * @return the PID
	 */
	public long getSupervisorPid() {
		return this.supervisorPid;
	}

	/**
	 * Return how often the supervisor restarted the application before this run.
	 * @return the number of restarts
	 */
	public int getRestarts() {
		return this.restarts;
	}

	/**
	 * Wait until the supervisor lets the application start by writing to standard input.
	 * Only the first call in a JVM waits; later calls return at once.
	 * @return {@code true} to start, or {@code false} if the supervisor closed standard
	 * input first, by dying
	 */
	public boolean awaitStart() {
		return !startAllowed.compareAndSet(false, true) || awaitStart(System.in);
	}

	static boolean awaitStart(InputStream input) {
		try {
			return input.read() >= 0;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Watch the supervisor on a daemon thread that reads standard input until the
	 * supervisor closes it by dying, then runs the given action.
	 * @param onLoss what to do once the supervisor is gone
	 * @return the watching thread
	 */
	public Thread watchSupervisor(Runnable onLoss) {
		return watchSupervisor(System.in, onLoss);
	}

	Thread watchSupervisor(InputStream input, Runnable onLoss) {
		Thread thread = new Thread(() -> {
			awaitEndOfInput(input);
			logger.warn(LogMessage.format(
					"The supervisor (pid %d) is gone; shutting down rather than running " + "unsupervised",
					this.supervisorPid));
			onLoss.run();
		}, "daemon-supervisor-watch");
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	private static void awaitEndOfInput(InputStream input) {
		byte[] buffer = new byte[256];
		try {
			while (input.read(buffer) >= 0) {
				// The supervisor never writes: anything read is ignored
			}
		}
		catch (IOException ex) {
			// A broken pipe ends the watch as the end of input does
		}
	}

}
