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

import io.github.daemonstarter.posix.Posix;

/**
 * Sends datagrams to a UNIX socket through the C library ({@link Posix}): the JDK cannot
 * send {@code AF_UNIX} datagrams. Each datagram uses its own socket, as
 * {@code sd_notify(3)} does.
 *
 * @author Daemon Starter Team
 */
final class NativeDatagramSender implements DatagramSender {

	private static final int AF_UNIX = 1;

	private static final int SOCK_DGRAM = 2;

	private final Posix posix;

	NativeDatagramSender() {
		this.posix = Posix.get();
	}

	@Override
	public void send(NotifySocketAddress address, byte[] message) throws IOException {
		int fd = this.posix.socket(AF_UNIX, SOCK_DGRAM);
		if (fd < 0) {
			throw failure("socket", this.posix.errno());
		}
		try {
			if (this.posix.sendto(fd, message, address.sockaddr()) < 0) {
				throw failure("sendto", this.posix.errno());
			}
		}
		finally {
			this.posix.close(fd);
		}
	}

	private IOException failure(String call, int errno) {
		return new IOException(call + " failed: " + this.posix.strerror(errno));
	}

}
