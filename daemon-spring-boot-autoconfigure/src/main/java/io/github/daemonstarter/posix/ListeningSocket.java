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

package io.github.daemonstarter.posix;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A TCP socket that listens on an address, opened through the C library so that it can be
 * put on a chosen file descriptor: a process supervisor puts it on its standard input,
 * which every application JVM that it starts inherits and finds with
 * {@link System#inheritedChannel()}. The kernel keeps one accept queue for the socket,
 * however many processes hold it.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class ListeningSocket {

	private static final int AF_INET = 2;

	private static final int AF_INET6 = 10;

	private static final int SOCK_STREAM = 1;

	private static final int SOL_SOCKET = 1;

	private static final int SO_REUSEADDR = 2;

	private static final int SOCKADDR_IN_SIZE = 16;

	private static final int SOCKADDR_IN6_SIZE = 28;

	private final Posix posix;

	private int fd;

	private final int port;

	private ListeningSocket(Posix posix, int fd, int port) {
		this.posix = posix;
		this.fd = fd;
		this.port = port;
	}

	/**
	 * Open a socket that listens on the given address. Like the JDK's server sockets, it
	 * may bind an address that closed connections still hold in {@code TIME_WAIT}.
	 * @param posix the native layer
	 * @param address the address, whose port may be {@code 0} for any free port
	 * @param backlog how many connections the kernel queues until one is accepted
	 * @return the socket, with close-on-exec set
	 * @throws BindFailedException if the socket cannot be opened, bound or made to listen
	 */
	public static ListeningSocket open(Posix posix, InetSocketAddress address, int backlog) {
		InetAddress host = address.getAddress();
		if (host == null) {
			throw new BindFailedException(0, "cannot resolve host " + address.getHostString());
		}
		LibC libc = posix.libc();
		boolean inet6 = host instanceof Inet6Address;
		int fd = posix.socket(inet6 ? AF_INET6 : AF_INET, SOCK_STREAM);
		if (fd < 0) {
			throw failure(posix, "cannot create a socket");
		}
		try {
			if (libc.setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, 1) != 0) {
				throw failure(posix, "cannot set SO_REUSEADDR");
			}
			if (libc.bind(fd, encode(host, address.getPort())) != 0) {
				throw failure(posix, "cannot bind " + describe(host, address.getPort()));
			}
			if (libc.listen(fd, backlog) != 0) {
				throw failure(posix, "cannot listen on " + describe(host, address.getPort()));
			}
			byte[] bound = new byte[SOCKADDR_IN6_SIZE];
			int[] length = { bound.length };
			if (libc.getsockname(fd, bound, length) != 0) {
				throw failure(posix, "cannot read the bound address");
			}
			return new ListeningSocket(posix, fd, decodePort(bound));
		}
		catch (BindFailedException ex) {
			posix.close(fd);
			throw ex;
		}
	}

	private static BindFailedException failure(Posix posix, String action) {
		int errno = posix.errno();
		return new BindFailedException(errno, action + ": " + posix.strerror(errno));
	}

	/**
	 * Encode an address as the C library's {@code sockaddr_in} or {@code sockaddr_in6}.
	 * @param host the host
	 * @param port the port
	 * @return the encoded address
	 */
	static byte[] encode(InetAddress host, int port) {
		boolean inet6 = host instanceof Inet6Address;
		ByteBuffer buffer = ByteBuffer.allocate(inet6 ? SOCKADDR_IN6_SIZE : SOCKADDR_IN_SIZE);
		buffer.order(ByteOrder.nativeOrder()).putShort((short) (inet6 ? AF_INET6 : AF_INET));
		buffer.order(ByteOrder.BIG_ENDIAN).putShort((short) port);
		if (host instanceof Inet4Address) {
			buffer.put(host.getAddress());
		}
		else {
			buffer.putInt(0);
			buffer.put(host.getAddress());
			buffer.order(ByteOrder.nativeOrder()).putInt(((Inet6Address) host).getScopeId());
		}
		return buffer.array();
	}

	static int decodePort(byte[] address) {
		return ByteBuffer.wrap(address, 2, 2).order(ByteOrder.BIG_ENDIAN).getShort() & 0xffff;
	}

	private static String describe(InetAddress host, int port) {
		String name = (host instanceof Inet6Address) ? "[" + host.getHostAddress() + "]" : host.getHostAddress();
		return name + ":" + port;
	}

	/**
	 * Return the port that the socket listens on, the one the kernel chose if it was
	 * asked for port {@code 0}.
	 * @return the port
	 */
	public int getPort() {
		return this.port;
	}

	/**
	 * Put the socket on the given file descriptor, where a child process inherits it, and
	 * close the descriptor it had: {@code 0} makes it the standard input that
	 * {@link System#inheritedChannel()} finds.
	 * @param target the file descriptor
	 * @throws BindFailedException if the descriptor cannot be replaced
	 */
	public void moveTo(int target) {
		if (this.fd == target) {
			return;
		}
		if (this.posix.dup2(this.fd, target) != target) {
			throw failure(this.posix, "cannot put the listening socket on file descriptor " + target);
		}
		this.posix.close(this.fd);
		this.fd = target;
	}

	/**
	 * Close the socket in this process, as a test does with a socket that it opened;
	 * processes that inherited it keep their copy.
	 */
	void close() {
		if (this.fd >= 0) {
			this.posix.close(this.fd);
			this.fd = -1;
		}
	}

	/**
	 * Why a socket could not be opened.
	 */
	public static final class BindFailedException extends RuntimeException {

		private final int errno;

		BindFailedException(int errno, String message) {
			super(message);
			this.errno = errno;
		}

		/**
		 * Return whether another socket holds the address.
		 * @return whether the error is {@code EADDRINUSE}
		 */
		public boolean isAddressInUse() {
			return Posix.isAddressInUse(this.errno);
		}

		/**
		 * Return whether the port needs privileges that this process lacks.
		 * @return whether the error is {@code EACCES}
		 */
		public boolean isPermissionDenied() {
			return Posix.isPermissionDenied(this.errno);
		}

	}

}
