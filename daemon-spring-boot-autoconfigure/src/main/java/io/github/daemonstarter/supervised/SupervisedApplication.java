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

package io.github.daemonstarter.supervised;

import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
 * As it boots, the JVM connects to the supervisor's UNIX socket, named in
 * {@value #SOCKET_VARIABLE}, and says {@code HELLO} with its PID. The supervisor writes
 * one byte when the application may start: at once, or when its backoff ends if it booted
 * the JVM while the backoff ran ({@link #awaitStart()}); and another when the
 * application's workers may start, which during a reload is once the JVM that it replaces
 * has stopped ({@link #awaitWorkers(Duration)}). The JVM reports when it is ready or
 * failed ({@link #reportReady(String)}). When the supervisor dies, however it dies, the
 * kernel closes its end of the connection and the application reads end-of-file:
 * {@link #watchSupervisor(Runnable)} turns that into a graceful shutdown, so that an
 * application never lives on unsupervised. Nothing polls. The standard input is left to
 * the listening socket that the supervisor may hand over (see
 * {@code InheritedServerSocket}).
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
	 * Environment variable that holds the PID file that the application holds: one of
	 * two, so that the JVM that a reload starts does not wait for the one it replaces.
	 */
	public static final String PID_FILE_VARIABLE = "BOOT_DAEMON_APPLICATION_PID_FILE";

	/**
	 * Environment variable that holds the supervisor's status file.
	 */
	public static final String STATUS_FILE_VARIABLE = "BOOT_DAEMON_SUPERVISOR_STATUS_FILE";

	/**
	 * Environment variable that holds the path of the supervisor's UNIX socket.
	 */
	public static final String SOCKET_VARIABLE = "BOOT_DAEMON_SUPERVISOR_SOCKET";

	/**
	 * The byte that the supervisor writes to let the application start.
	 */
	public static final int START = 'S';

	/**
	 * The byte that the supervisor writes to let the application's workers start.
	 */
	public static final int WORKERS = 'W';

	static final String HELLO = "HELLO";

	static final String READY = "READY";

	static final String FAILED = "FAILED";

	static final String RELEASED = "RELEASED";

	private static final Log logger = LogFactory.getLog(SupervisedApplication.class);

	private static final AtomicBoolean startAllowed = new AtomicBoolean();

	private static final CountDownLatch workersAllowed = new CountDownLatch(1);

	private static volatile @Nullable SocketChannel channel;

	private static volatile InputStream input = InputStream.nullInputStream();

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
	 * Return the PID file that the supervisor gave this JVM to hold.
	 * @return the PID file, or {@code null} if the supervisor named none
	 */
	public @Nullable Path getPidFile() {
		String pidFile = System.getenv(PID_FILE_VARIABLE);
		return (pidFile != null && !pidFile.isBlank()) ? Path.of(pidFile) : null;
	}

	/**
	 * Return the supervisor's status file, in which it publishes its state and reloads.
	 * @return the status file, or {@code null} if the supervisor named none
	 */
	public @Nullable Path getSupervisorStatusFile() {
		String statusFile = System.getenv(STATUS_FILE_VARIABLE);
		return (statusFile != null && !statusFile.isBlank()) ? Path.of(statusFile) : null;
	}

	/**
	 * Return how often the supervisor restarted the application before this run.
	 * @return the number of restarts
	 */
	public int getRestarts() {
		return this.restarts;
	}

	/**
	 * Connect to the supervisor and wait until it lets the application start. Only the
	 * first call in a JVM waits; later calls return at once.
	 * @return {@code true} to start, or {@code false} if the supervisor cannot be reached
	 * or closed the connection first, by dying
	 */
	public boolean awaitStart() {
		if (!startAllowed.compareAndSet(false, true)) {
			return true;
		}
		String socket = System.getenv(SOCKET_VARIABLE);
		if (socket == null || socket.isBlank()) {
			return false;
		}
		try {
			SocketChannel connected = SocketChannel.open(StandardProtocolFamily.UNIX);
			connected.connect(UnixDomainSocketAddress.of(socket));
			channel = connected;
			input = Channels.newInputStream(connected);
			send(HELLO + " " + ProcessHandle.current().pid());
		}
		catch (IOException ex) {
			return false;
		}
		return awaitStart(input);
	}

	static boolean awaitStart(InputStream input) {
		try {
			int signal;
			while ((signal = input.read()) >= 0) {
				if (signal == START) {
					return true;
				}
				received(signal);
			}
			return false;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static void received(int signal) {
		if (signal == WORKERS) {
			workersAllowed.countDown();
		}
	}

	/**
	 * Wait until the supervisor lets the application's workers start: at once after a
	 * start, once the JVM that this one replaces has stopped after a reload.
	 * @param timeout how long to wait at most
	 * @return whether the workers may start; {@code false} after the timeout
	 * @throws InterruptedException if interrupted while waiting
	 */
	public boolean awaitWorkers(Duration timeout) throws InterruptedException {
		return workersAllowed.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	/**
	 * Tell the supervisor that the application is ready.
	 * @param detail where it serves, such as {@code port 8080}
	 */
	public void reportReady(String detail) {
		send(READY + " " + oneLine(detail));
	}

	/**
	 * Tell the supervisor that the application failed to start.
	 * @param reason why
	 */
	public void reportFailed(String reason) {
		send(FAILED + " " + oneLine(reason));
	}

	/**
	 * Tell the supervisor that this JVM accepts no more connections on the listening
	 * socket that it shares, as it stops.
	 */
	public void reportReleased() {
		send(RELEASED);
	}

	private static String oneLine(String text) {
		return text.replace('\n', ' ').replace('\r', ' ');
	}

	private static synchronized void send(String line) {
		SocketChannel connected = channel;
		if (connected == null) {
			return;
		}
		try {
			ByteBuffer bytes = StandardCharsets.UTF_8.encode(line + "\n");
			while (bytes.hasRemaining()) {
				connected.write(bytes);
			}
		}
		catch (IOException ex) {
			// The supervisor is gone: the watch of the supervisor ends the application
		}
	}

	/**
	 * Watch the supervisor on a daemon thread that reads the connection to it until the
	 * supervisor closes it by dying, then runs the given action.
	 * @param onLoss what to do once the supervisor is gone
	 * @return the watching thread
	 */
	public Thread watchSupervisor(Runnable onLoss) {
		return watchSupervisor(input, onLoss);
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
		try {
			int signal;
			while ((signal = input.read()) >= 0) {
				received(signal);
			}
		}
		catch (IOException ex) {
			// A broken pipe ends the watch as the end of input does
		}
	}

}
