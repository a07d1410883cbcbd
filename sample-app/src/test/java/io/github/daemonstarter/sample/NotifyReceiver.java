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

package io.github.daemonstarter.sample;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * A systemd notification socket for tests: an {@code AF_UNIX} datagram socket bound to a
 * path or, for a name that starts with {@code @}, to an abstract name. It receives on its
 * own thread, with a receive timeout so that it never blocks for long, and records every
 * message with the time it arrived.
 *
 * @author Daemon Starter Team
 */
final class NotifyReceiver implements AutoCloseable {

	private static final int AF_UNIX = 1;

	private static final int SOCK_DGRAM = 2;

	private static final int SOCK_CLOEXEC = 02000000;

	private static final int SOL_SOCKET = 1;

	private static final int SO_RCVTIMEO = 20;

	private static final Duration RECEIVE_TIMEOUT = Duration.ofMillis(200);

	private static final LibC libc = LibraryLoader.create(LibC.class).load("c");

	private final String name;

	private final int fd;

	private final Consumer<String> listener;

	private final List<Message> messages = new CopyOnWriteArrayList<>();

	private final Thread thread;

	private volatile boolean closed;

	private NotifyReceiver(String name, int fd, Consumer<String> listener) {
		this.name = name;
		this.fd = fd;
		this.listener = listener;
		this.thread = new Thread(this::receive, "notify-receiver");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/**
	 * Bind a socket and start receiving.
	 * @param name an absolute path, or {@code @name} for an abstract name
	 * @param listener called on the receiving thread with each message, before it is
	 * recorded
	 * @return the receiver
	 * @throws IOException if the socket cannot be bound
	 */
	static NotifyReceiver bind(String name, Consumer<String> listener) throws IOException {
		int fd = libc.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		if (fd < 0) {
			throw new IOException("socket failed: errno " + errno());
		}
		byte[] address = sockaddr(name);
		ByteBuffer timeout = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
		timeout.putLong(0).putLong(RECEIVE_TIMEOUT.toNanos() / 1000);
		if (libc.bind(fd, address, address.length) != 0
				|| libc.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, timeout.array(), 16) != 0) {
			int errno = errno();
			libc.close(fd);
			throw new IOException("cannot bind " + name + ": errno " + errno);
		}
		return new NotifyReceiver(name, fd, listener);
	}

	private static byte[] sockaddr(String name) {
		boolean abstractName = name.startsWith("@");
		byte[] path = (abstractName ? name.substring(1) : name).getBytes(StandardCharsets.UTF_8);
		ByteBuffer address = ByteBuffer.allocate(2 + 1 + path.length).order(ByteOrder.nativeOrder());
		address.putShort((short) AF_UNIX);
		if (abstractName) {
			address.put((byte) 0);
		}
		address.put(path);
		return address.array();
	}

	private static int errno() {
		return Runtime.getRuntime(libc).getLastError();
	}

	private void receive() {
		byte[] buffer = new byte[4096];
		while (!this.closed) {
			long length = libc.recv(this.fd, buffer, buffer.length, 0);
			if (length > 0) {
				String message = new String(buffer, 0, (int) length, StandardCharsets.UTF_8);
				try {
					this.listener.accept(message);
				}
				finally {
					this.messages.add(new Message(message, System.nanoTime()));
				}
			}
		}
	}

	/**
	 * Return the messages received so far.
	 * @return the messages, oldest first
	 */
	List<Message> messages() {
		return List.copyOf(this.messages);
	}

	/**
	 * Return the texts of the messages received so far.
	 * @return the texts, oldest first
	 */
	List<String> texts() {
		return this.messages.stream().map(Message::text).toList();
	}

	/**
	 * Return the first message with the given line.
	 * @param line a line such as {@code READY=1}
	 * @return the message, or {@code null}
	 */
	Message first(String line) {
		return this.messages.stream().filter((message) -> message.hasLine(line)).findFirst().orElse(null);
	}

	@Override
	public void close() throws Exception {
		this.closed = true;
		this.thread.join(Duration.ofSeconds(10).toMillis());
		libc.close(this.fd);
		System.out.println("[notify-receiver " + this.name + "] received " + texts());
		if (!this.name.startsWith("@")) {
			Files.deleteIfExists(Path.of(this.name));
		}
	}

	/**
	 * A message that arrived.
	 *
	 * @param text the message
	 * @param nanoTime when it arrived, in {@link System#nanoTime()}
	 */
	record Message(String text, long nanoTime) {

		boolean hasLine(String line) {
			return this.text.lines().anyMatch(line::equals);
		}

		boolean hasLineStartingWith(String prefix) {
			return this.text.lines().anyMatch((line) -> line.startsWith(prefix));
		}

		String value(String key) {
			return this.text.lines()
				.filter((line) -> line.startsWith(key + "="))
				.map((line) -> line.substring(key.length() + 1))
				.findFirst()
				.orElse(null);
		}

	}

	/**
	 * The C library calls of a receiving datagram socket.
	 */
	public interface LibC {

		int socket(int domain, int type, int protocol);

		int bind(int fd, @In byte[] address, int addressLength);

		int setsockopt(int fd, int level, int option, @In byte[] value, int valueLength);

		@ssize_t
		long recv(int fd, @Out byte[] buffer, @size_t long length, int flags);

		int close(int fd);

	}

}
