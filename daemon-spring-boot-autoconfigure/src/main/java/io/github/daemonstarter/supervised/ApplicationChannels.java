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

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.github.daemonstarter.posix.PrivateSocket;
import org.jspecify.annotations.Nullable;

/**
 * The supervisor's side of the channels to its application JVMs: a UNIX socket in a
 * directory that only the supervisor's user can enter, to which each JVM connects as it
 * boots (see {@link SupervisedApplication}). The supervisor sends a JVM
 * {@link SupervisedApplication#START} when its application may start and
 * {@link SupervisedApplication#WORKERS} when its workers may; the JVM reports when it is
 * ready or failed. The kernel closes the supervisor's end when the supervisor dies,
 * however it dies, which the JVM reads as the end of its supervision.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class ApplicationChannels implements Closeable {

	private final PrivateSocket socket;

	private final Map<Long, Peer> peers = new HashMap<>();

	private ApplicationChannels(PrivateSocket socket) {
		this.socket = socket;
	}

	/**
	 * Open the channels' socket in a new private directory and accept connections on a
	 * daemon thread.
	 * @return the channels
	 * @throws IOException if the socket cannot be created
	 */
	public static ApplicationChannels open() throws IOException {
		ApplicationChannels channels = new ApplicationChannels(
				PrivateSocket.open("boot-daemon-supervisor-", "supervisor.sock"));
		Thread acceptor = new Thread(channels::accept, "supervisor-channels");
		acceptor.setDaemon(true);
		acceptor.start();
		return channels;
	}

	/**
	 * Return the path of the socket that the application JVMs connect to.
	 * @return the socket path
	 */
	public Path getSocketPath() {
		return this.socket.getPath();
	}

	/**
	 * Send a signal to an application JVM, at once if it is connected, or as soon as it
	 * connects.
	 * @param pid the JVM's PID
	 * @param signal {@link SupervisedApplication#START} or
	 * {@link SupervisedApplication#WORKERS}
	 */
	public synchronized void send(long pid, int signal) {
		Peer peer = this.peers.computeIfAbsent(pid, (key) -> new Peer());
		peer.pending.append((char) signal);
		flush(peer);
	}

	/**
	 * Wait until an application JVM reports that it is ready or failed, it ends, or the
	 * timeout passes.
	 * @param process the JVM
	 * @param timeout how long to wait
	 * @return how its start ended
	 * @throws InterruptedException if interrupted while waiting
	 */
	public Readiness awaitReady(Process process, Duration timeout) throws InterruptedException {
		process.onExit().thenRun(this::wakeUp);
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this) {
			Peer peer = this.peers.computeIfAbsent(process.pid(), (key) -> new Peer());
			while (true) {
				if (peer.failure != null) {
					return Readiness.failed(peer.failure);
				}
				if (peer.ready != null) {
					return Readiness.ready(peer.ready);
				}
				if (!process.isAlive()) {
					return Readiness.ended();
				}
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					return Readiness.timedOut();
				}
				wait(Math.max(1, remaining / 1_000_000));
			}
		}
	}

	/**
	 * Wait until an application JVM reports that it accepts no more connections on the
	 * shared listening socket, it ends, or the timeout passes.
	 * @param process the JVM
	 * @param timeout how long to wait
	 * @return whether it reported or ended
	 * @throws InterruptedException if interrupted while waiting
	 */
	public boolean awaitReleased(Process process, Duration timeout) throws InterruptedException {
		process.onExit().thenRun(this::wakeUp);
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this) {
			Peer peer = this.peers.computeIfAbsent(process.pid(), (key) -> new Peer());
			while (!peer.released && process.isAlive()) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					return false;
				}
				wait(Math.max(1, remaining / 1_000_000));
			}
			return true;
		}
	}

	/**
	 * Return whether an application JVM connected and said who it is. One that never did
	 * ended before it ran the application's code, as a JVM does that refuses its options.
	 * @param pid the JVM's PID
	 * @return whether it connected
	 */
	public synchronized boolean hasConnected(long pid) {
		Peer peer = this.peers.get(pid);
		return peer != null && peer.channel != null;
	}

	/**
	 * Forget an application JVM that ended, closing its channel.
	 * @param pid the JVM's PID
	 */
	public synchronized void forget(long pid) {
		Peer peer = this.peers.remove(pid);
		if (peer != null && peer.channel != null) {
			closeQuietly(peer.channel);
		}
	}

	private synchronized void wakeUp() {
		notifyAll();
	}

	private void accept() {
		while (this.socket.getServer().isOpen()) {
			try {
				SocketChannel channel = this.socket.getServer().accept();
				Thread reader = new Thread(() -> read(channel), "supervisor-channel");
				reader.setDaemon(true);
				reader.start();
			}
			catch (IOException ex) {
				// Closed as the supervisor ends
				return;
			}
		}
	}

	private void read(SocketChannel channel) {
		Long pid = null;
		try (BufferedReader reader = new BufferedReader(Channels.newReader(channel, StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				pid = received(pid, channel, line);
			}
		}
		catch (IOException ex) {
			// The JVM ended or the supervisor forgot it
		}
		finally {
			closeQuietly(channel);
		}
	}

	private synchronized @Nullable Long received(@Nullable Long pid, SocketChannel channel, String line) {
		int space = line.indexOf(' ');
		String word = (space < 0) ? line : line.substring(0, space);
		String detail = (space < 0) ? "" : line.substring(space + 1);
		if (pid == null) {
			Long hello = SupervisedApplication.HELLO.equals(word) ? parsePid(detail) : null;
			if (hello == null) {
				closeQuietly(channel);
				return null;
			}
			Peer peer = this.peers.computeIfAbsent(hello, (key) -> new Peer());
			peer.channel = channel;
			flush(peer);
			return hello;
		}
		Peer peer = this.peers.get(pid);
		if (peer != null) {
			if (SupervisedApplication.READY.equals(word)) {
				peer.ready = detail;
			}
			else if (SupervisedApplication.FAILED.equals(word)) {
				peer.failure = detail;
			}
			else if (SupervisedApplication.RELEASED.equals(word)) {
				peer.released = true;
			}
			notifyAll();
		}
		return pid;
	}

	private static @Nullable Long parsePid(String value) {
		try {
			return Long.parseLong(value.strip());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static void flush(Peer peer) {
		if (peer.channel == null || peer.pending.isEmpty()) {
			return;
		}
		try {
			ByteBuffer bytes = StandardCharsets.US_ASCII.encode(peer.pending.toString());
			while (bytes.hasRemaining()) {
				peer.channel.write(bytes);
			}
		}
		catch (IOException ex) {
			// It has ended: its exit tells why
		}
		peer.pending.setLength(0);
	}

	private static void closeQuietly(SocketChannel channel) {
		try {
			channel.close();
		}
		catch (IOException ex) {
			// Nothing left to release
		}
	}

	/**
	 * Close the socket and remove its directory.
	 */
	@Override
	public synchronized void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// A directory left in the temporary directory is harmless
		}
	}

	/**
	 * What the supervisor knows of an application JVM.
	 */
	private static final class Peer {

		private @Nullable SocketChannel channel;

		private final StringBuilder pending = new StringBuilder();

		private @Nullable String ready;

		private @Nullable String failure;

		private boolean released;

	}

	/**
	 * How the start of an application JVM ended.
	 *
	 * @param outcome how it ended
	 * @param detail what the JVM reported: where it serves, or why it failed
	 */
	public record Readiness(Outcome outcome, String detail) {

		static Readiness ready(String detail) {
			return new Readiness(Outcome.READY, detail);
		}

		static Readiness failed(String reason) {
			return new Readiness(Outcome.FAILED, reason);
		}

		static Readiness ended() {
			return new Readiness(Outcome.ENDED, "");
		}

		static Readiness timedOut() {
			return new Readiness(Outcome.TIMED_OUT, "");
		}

	}

	/**
	 * How the start of an application JVM ended.
	 */
	public enum Outcome {

		/**
		 * It reported that it is ready.
		 */
		READY,

		/**
		 * It reported that its application failed to start.
		 */
		FAILED,

		/**
		 * Its process ended before it reported.
		 */
		ENDED,

		/**
		 * It did not report in time.
		 */
		TIMED_OUT

	}

}
