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

package io.github.daemonstarter.server;

import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.daemonstarter.posix.Posix;
import io.github.daemonstarter.posix.ProcFs;
import org.jspecify.annotations.Nullable;

/**
 * The listening socket that this JVM inherited on its standard input to serve on. A
 * process supervisor hands one over by putting it on the standard input of each
 * application JVM that it starts, and names itself in {@value #SUPERVISOR_VARIABLE}; only
 * a JVM whose parent is that supervisor takes the socket, not a process that the
 * application starts in turn.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class InheritedServerSocket {

	/**
	 * Environment variable that holds the PID of the process that handed a listening
	 * socket over on standard input.
	 */
	public static final String SUPERVISOR_VARIABLE = "BOOT_DAEMON_SERVER_SOCKET_FROM";

	private static final Path DEV_NULL = Path.of("/dev/null");

	private static volatile boolean activated;

	private static boolean looked;

	private static int devNull = -1;

	private static @Nullable ServerSocketChannel channel;

	private static final List<Runnable> closeListeners = new CopyOnWriteArrayList<>();

	private InheritedServerSocket() {
	}

	/**
	 * Return whether this JVM was handed a listening socket to serve on.
	 * @return whether {@link #get()} returns a socket
	 */
	public static boolean isHandedOver() {
		return get() != null;
	}

	/**
	 * Return the listening socket that this JVM was handed over, if any.
	 * @return the socket, or {@code null}
	 */
	public static @Nullable ServerSocketChannel get() {
		if (!activated && !handedOverByParent()) {
			return null;
		}
		ServerSocketChannel socket = look();
		return (socket != null && socket.isOpen()) ? socket : null;
	}

	/**
	 * Look at the inherited channel once, noting the descriptor of {@code /dev/null} that
	 * the JDK opens as it does.
	 * @return the inherited listening socket, or {@code null}
	 */
	private static synchronized @Nullable ServerSocketChannel look() {
		if (looked) {
			return channel;
		}
		looked = true;
		List<Integer> before = openDescriptors();
		try {
			Channel inherited = System.inheritedChannel();
			channel = (inherited instanceof ServerSocketChannel serverSocket) ? serverSocket : null;
		}
		catch (IOException ex) {
			channel = null;
		}
		List<Integer> opened = new ArrayList<>(openDescriptors());
		opened.removeAll(before);
		List<Integer> devNulls = opened.stream().filter(InheritedServerSocket::isDevNull).toList();
		devNull = (devNulls.size() == 1) ? devNulls.get(0) : -1;
		return channel;
	}

	/**
	 * Close this JVM's descriptor of the inherited socket, which stays open in every
	 * other process that holds it, keeping standard output and error where they are.
	 * @param socket the inherited socket
	 * @throws IOException if it cannot be closed
	 */
	static void close(ServerSocketChannel socket) throws IOException {
		closeKeepingOutput(socket);
		closeListeners.forEach(Runnable::run);
	}

	/**
	 * Run the given action once this JVM has closed its descriptor of the socket, such as
	 * telling a supervisor that this JVM accepts no more connections.
	 * @param listener the action
	 */
	public static void whenClosed(Runnable listener) {
		closeListeners.add(listener);
	}

	private static synchronized void closeKeepingOutput(ServerSocketChannel socket) throws IOException {
		Posix posix = Posix.get();
		if (devNull >= 0 && posix.dup2(1, devNull) == devNull) {
			// The JDK now points 0, 1 and 2 at standard output
			socket.close();
			return;
		}
		int output = posix.dup(1);
		int error = posix.dup(2);
		try {
			socket.close();
		}
		finally {
			restore(posix, output, 1);
			restore(posix, error, 2);
		}
	}

	private static void restore(Posix posix, int saved, int target) {
		if (saved >= 0) {
			posix.dup2(saved, target);
			posix.close(saved);
		}
	}

	private static List<Integer> openDescriptors() {
		try {
			return ProcFs.system().selfFileDescriptors();
		}
		catch (IOException ex) {
			return List.of();
		}
	}

	private static boolean isDevNull(int fd) {
		try {
			return ProcFs.system().selfFileDescriptorTarget(fd).equals(DEV_NULL);
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Mark the socket on standard input as handed over to this JVM, as systemd's socket
	 * activation does once it is put there.
	 */
	static void activate() {
		activated = true;
	}

	private static boolean handedOverByParent() {
		String from = System.getenv(SUPERVISOR_VARIABLE);
		if (from == null || from.isBlank()) {
			return false;
		}
		Long parent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(null);
		return parent != null && from.strip().equals(parent.toString());
	}

}
