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

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.github.daemonstarter.posix.ListeningSocket.BindFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ListeningSocket}: real sockets on the loopback address, opened through
 * the C library.
 *
 * @author Daemon Starter Team
 */
class ListeningSocketTests {

	private static final InetSocketAddress LOOPBACK_ANY_PORT = new InetSocketAddress("127.0.0.1", 0);

	private final Posix posix = Posix.get();

	private final List<ListeningSocket> sockets = new ArrayList<>();

	@TempDir
	Path directory;

	@AfterEach
	void closeSockets() {
		this.sockets.forEach(ListeningSocket::close);
	}

	@Test
	void openOnPortZeroListensOnAPortThatTheKernelChose() throws IOException {
		ListeningSocket socket = open(LOOPBACK_ANY_PORT);
		assertThat(socket.getPort()).isPositive();
		try (Socket client = new Socket("127.0.0.1", socket.getPort())) {
			assertThat(client.isConnected()).isTrue();
		}
	}

	@Test
	void openOnAPortThatAnotherSocketHoldsThrowsAddressInUse() throws IOException {
		try (ServerSocket holder = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
			InetSocketAddress taken = new InetSocketAddress("127.0.0.1", holder.getLocalPort());
			assertThatExceptionOfType(BindFailedException.class).isThrownBy(() -> open(taken))
				.withMessageContaining("cannot bind 127.0.0.1:" + holder.getLocalPort())
				.satisfies((ex) -> assertThat(ex.isAddressInUse()).isTrue())
				.satisfies((ex) -> assertThat(ex.isPermissionDenied()).isFalse());
		}
	}

	@Test
	void openOnAnUnresolvedHostThrowsException() {
		InetSocketAddress unresolved = InetSocketAddress.createUnresolved("no-such-host.invalid", 8080);
		assertThatExceptionOfType(BindFailedException.class).isThrownBy(() -> open(unresolved))
			.withMessage("cannot resolve host no-such-host.invalid");
	}

	@Test
	void moveToPutsTheSocketOnTheGivenDescriptor() throws IOException {
		ListeningSocket socket = open(LOOPBACK_ANY_PORT);
		int file = this.posix.openForAppend(this.directory.resolve("placeholder").toString(), 0600);
		assertThat(file).isGreaterThan(2);
		int target = this.posix.dup(file);
		this.posix.close(file);
		assertThat(target).isGreaterThan(2);
		socket.moveTo(target);
		assertThat(Files.readSymbolicLink(Path.of("/proc/self/fd/" + target))).asString().startsWith("socket:[");
		try (Socket client = new Socket("127.0.0.1", socket.getPort())) {
			assertThat(client.isConnected()).isTrue();
		}
	}

	@Test
	void encodeWritesAnIpv4AddressAsSockaddrIn() throws IOException {
		byte[] encoded = ListeningSocket.encode(InetAddress.getByName("192.168.1.20"), 8080);
		assertThat(encoded).hasSize(16);
		assertThat(ByteBuffer.wrap(encoded).order(ByteOrder.nativeOrder()).getShort(0)).isEqualTo((short) 2);
		assertThat(Arrays.copyOfRange(encoded, 2, 4)).containsExactly(0x1f, 0x90);
		assertThat(Arrays.copyOfRange(encoded, 4, 8)).containsExactly(192, 168, 1, 20);
		assertThat(Arrays.copyOfRange(encoded, 8, 16)).containsOnly(0);
	}

	@Test
	void encodeWritesAnIpv6AddressAsSockaddrIn6() throws IOException {
		InetAddress host = InetAddress.getByName("2001:db8::1");
		byte[] encoded = ListeningSocket.encode(host, 443);
		assertThat(encoded).hasSize(28);
		assertThat(ByteBuffer.wrap(encoded).order(ByteOrder.nativeOrder()).getShort(0)).isEqualTo((short) 10);
		assertThat(Arrays.copyOfRange(encoded, 2, 4)).containsExactly(0x01, 0xbb);
		assertThat(Arrays.copyOfRange(encoded, 4, 8)).containsOnly(0);
		assertThat(Arrays.copyOfRange(encoded, 8, 24)).isEqualTo(host.getAddress());
		assertThat(ByteBuffer.wrap(encoded).order(ByteOrder.nativeOrder()).getInt(24)).isZero();
	}

	@Test
	void decodePortReadsThePortThatEncodeWrites() throws IOException {
		assertThat(ListeningSocket.decodePort(ListeningSocket.encode(InetAddress.getByName("127.0.0.1"), 8080)))
			.isEqualTo(8080);
		assertThat(ListeningSocket.decodePort(ListeningSocket.encode(InetAddress.getByName("::1"), 65535)))
			.isEqualTo(65535);
	}

	private ListeningSocket open(InetSocketAddress address) {
		ListeningSocket socket = ListeningSocket.open(this.posix, address, 50);
		this.sockets.add(socket);
		return socket;
	}

}
