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

package io.github.daemonstarter.systemd;

import java.io.IOException;

import jnr.constants.platform.Errno;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * Sends datagrams to a UNIX socket through a small jnr-ffi binding of the C library: the
 * JDK cannot send {@code AF_UNIX} datagrams. Each datagram uses its own socket, as
 * {@code sd_notify(3)} does.
 *
 * @author Daemon Starter Team
 */
final class NativeDatagramSender implements DatagramSender {

	private static final int AF_UNIX = 1;

	private static final int SOCK_DGRAM = 2;

	private static final int SOCK_CLOEXEC = 02000000;

	private final LibC libc;

	private final Runtime runtime;

	NativeDatagramSender() {
		this.libc = LibraryLoader.create(LibC.class).load("c");
		this.runtime = Runtime.getRuntime(this.libc);
	}

	@Override
	public void send(NotifySocketAddress address, byte[] message) throws IOException {
		int fd = this.libc.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		if (fd < 0) {
			throw failure("socket", this.runtime.getLastError());
		}
		try {
			long sent = this.libc.sendto(fd, message, message.length, 0, address.sockaddr(), address.length());
			if (sent < 0) {
				throw failure("sendto", this.runtime.getLastError());
			}
		}
		finally {
			this.libc.close(fd);
		}
	}

	private static IOException failure(String call, int errno) {
		Errno error = Errno.valueOf(errno);
		return new IOException(call + " failed: " + ((error != null) ? error.description() : "errno " + errno));
	}

	/**
	 * The C library calls that send a datagram.
	 */
	public interface LibC {

		int socket(int domain, int type, int protocol);

		@ssize_t
		long sendto(int fd, @In byte[] buffer, @size_t long length, int flags, @In byte[] address, int addressLength);

		int close(int fd);

	}

}
