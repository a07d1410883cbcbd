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

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The address of systemd's notification socket, a {@code sockaddr_un} built from the
 * value of {@code NOTIFY_SOCKET}: an absolute path, or {@code @name} for a socket in the
 * abstract namespace.
 *
 * @author Daemon Starter Team
 */
final class NotifySocketAddress {

	/**
	 * {@code AF_UNIX}, the address family of the socket.
	 */
	static final short AF_UNIX = 1;

	/**
	 * Size of {@code sun_path} in {@code sockaddr_un} on Linux.
	 */
	static final int SUN_PATH_SIZE = 108;

	private static final int FAMILY_SIZE = 2;

	private final String value;

	private final byte[] sockaddr;

	private NotifySocketAddress(String value, byte[] sockaddr) {
		this.value = value;
		this.sockaddr = sockaddr;
	}

	/**
	 * Return the address that a {@code NOTIFY_SOCKET} value names.
	 * @param value the value of {@code NOTIFY_SOCKET}
	 * @return the address
	 * @throws IllegalArgumentException if the value is neither an absolute path nor an
	 * abstract {@code @name}, or is too long
	 */
	static NotifySocketAddress of(String value) {
		boolean abstractName = value.startsWith("@");
		if (!abstractName && !value.startsWith("/")) {
			throw new IllegalArgumentException(
					"NOTIFY_SOCKET must be an absolute path or an abstract @name, was '" + value + "'");
		}
		byte[] name = (abstractName ? value.substring(1) : value).getBytes(StandardCharsets.UTF_8);
		if (name.length == 0) {
			throw new IllegalArgumentException("NOTIFY_SOCKET names no socket: '" + value + "'");
		}
		// A path ends with NUL; an abstract name starts with NUL and has no trailing NUL
		int pathLength = name.length + 1;
		if (pathLength > SUN_PATH_SIZE) {
			throw new IllegalArgumentException("NOTIFY_SOCKET is longer than the " + (SUN_PATH_SIZE - 1)
					+ " bytes that a socket address holds: '" + value + "'");
		}
		ByteBuffer buffer = ByteBuffer.allocate(FAMILY_SIZE + pathLength).order(ByteOrder.nativeOrder());
		buffer.putShort(AF_UNIX);
		if (abstractName) {
			buffer.put((byte) 0);
		}
		buffer.put(name);
		return new NotifySocketAddress(value, buffer.array());
	}

	/**
	 * Return the {@code sockaddr_un} bytes, as long as the address length to pass to
	 * {@code sendto(2)}.
	 * @return the address bytes
	 */
	byte[] sockaddr() {
		return this.sockaddr.clone();
	}

	/**
	 * Return the address length to pass to {@code sendto(2)}.
	 * @return the address length
	 */
	int length() {
		return this.sockaddr.length;
	}

	@Override
	public boolean equals(Object obj) {
		return (obj instanceof NotifySocketAddress other) && Arrays.equals(this.sockaddr, other.sockaddr);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(this.sockaddr);
	}

	@Override
	public String toString() {
		return this.value;
	}

}
