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

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.github.daemonstarter.handshake.LaunchMessage;
import io.github.daemonstarter.posix.PrivateSocket;

/**
 * The launcher's end of the startup handshake: a UNIX domain socket in a private
 * directory, on which the detached child reports its progress, its readiness or its
 * failure.
 * <p>
 * Nothing polls: a thread blocks in {@code accept} and {@code read}, and every message is
 * handed to the consumer as it arrives.
 *
 * @author Daemon Starter Team
 */
final class LaunchChannel implements Closeable {

	private final PrivateSocket socket;

	private final CountDownLatch disconnected = new CountDownLatch(1);

	private volatile boolean connected;

	private LaunchChannel(PrivateSocket socket) {
		this.socket = socket;
	}

	/**
	 * Open a channel in a new directory that only this user can enter.
	 * @return the channel
	 * @throws IOException if the socket cannot be created
	 */
	static LaunchChannel open() throws IOException {
		return new LaunchChannel(PrivateSocket.open("boot-daemon-", "launch.sock"));
	}

	/**
	 * Give the channel's directory and socket to the user the child runs as, so that a
	 * child that switched user can connect.
	 * @param owner what changes the owner of a path
	 * @throws IOException if an owner cannot be changed
	 */
	void grantTo(Owner owner) throws IOException {
		owner.own(this.socket.getDirectory());
		owner.own(this.socket.getPath());
	}

	/**
	 * Return the path of the socket that the child connects to.
	 * @return the socket path
	 */
	Path getSocketPath() {
		return this.socket.getPath();
	}

	/**
	 * Start receiving messages on a new daemon thread.
	 * @param consumer receives each message as it arrives
	 */
	void receive(Consumer<LaunchMessage> consumer) {
		Thread thread = new Thread(() -> acceptAndRead(consumer), "daemon-launch-channel");
		thread.setDaemon(true);
		thread.start();
	}

	private void acceptAndRead(Consumer<LaunchMessage> consumer) {
		try (SocketChannel channel = this.socket.getServer().accept()) {
			this.connected = true;
			BufferedReader reader = new BufferedReader(
					Channels.newReader(channel, StandardCharsets.UTF_8.newDecoder(), -1));
			String line;
			while ((line = reader.readLine()) != null) {
				LaunchMessage message = LaunchMessage.parse(line);
				if (message != null) {
					consumer.accept(message);
				}
			}
		}
		catch (IOException ex) {
			// The channel was closed or the child went away; its exit tells the rest.
		}
		finally {
			this.disconnected.countDown();
		}
	}

	/**
	 * Wait until a connected child has closed its end, so that every message it sent has
	 * been received. Returns at once if no child ever connected.
	 * @param timeout how long to wait at most
	 * @throws InterruptedException if the current thread is interrupted
	 */
	void awaitDrained(Duration timeout) throws InterruptedException {
		if (this.connected) {
			this.disconnected.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	/**
	 * Changes the owner of a path.
	 */
	@FunctionalInterface
	interface Owner {

		/**
		 * Change the owner of a path.
		 * @param path the path
		 * @throws IOException if the owner cannot be changed
		 */
		void own(Path path) throws IOException;

	}

}
