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
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PrivateSocket}.
 *
 * @author Daemon Starter Team
 */
class PrivateSocketTests {

	@TempDir
	Path temporaryDirectory;

	@Test
	void openBindsTheSocketInANewDirectoryOnlyThisUserCanEnter() throws IOException {
		try (PrivateSocket socket = PrivateSocket.open(this.temporaryDirectory, "boot-daemon-test-", "test.sock")) {
			assertThat(socket.getDirectory().getParent()).isEqualTo(this.temporaryDirectory);
			assertThat(socket.getDirectory().getFileName().toString()).startsWith("boot-daemon-test-");
			assertThat(socket.getPath()).isEqualTo(socket.getDirectory().resolve("test.sock"));
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getDirectory())))
				.isEqualTo("rwx------");
			try (SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX)) {
				client.connect(UnixDomainSocketAddress.of(socket.getPath()));
				try (SocketChannel accepted = socket.getServer().accept()) {
					assertThat(accepted.isConnected()).isTrue();
				}
			}
		}
	}

	@Test
	void closeRemovesTheSocketAndItsDirectory() throws IOException {
		PrivateSocket socket = PrivateSocket.open(this.temporaryDirectory, "boot-daemon-test-", "test.sock");
		socket.close();
		assertThat(socket.getServer().isOpen()).isFalse();
		assertThat(socket.getPath()).doesNotExist();
		assertThat(socket.getDirectory()).doesNotExist();
	}

	@Test
	void openWhenTheTemporaryDirectoryIsTooLongForASocketAddressUsesTmp() throws IOException {
		Path deep = Files.createDirectories(this.temporaryDirectory.resolve("x".repeat(60)).resolve("y".repeat(60)));
		try (PrivateSocket socket = PrivateSocket.open(deep, "boot-daemon-test-", "test.sock")) {
			assertThat(socket.getDirectory().getParent()).isEqualTo(Path.of("/tmp"));
			assertThat(socket.getPath()).exists();
		}
	}

	@Test
	void openWhenTheTemporaryDirectoryCannotBeUsedUsesTmp() throws IOException {
		Path missing = this.temporaryDirectory.resolve("missing");
		try (PrivateSocket socket = PrivateSocket.open(missing, "boot-daemon-test-", "test.sock")) {
			assertThat(socket.getDirectory().getParent()).isEqualTo(Path.of("/tmp"));
			assertThat(socket.getPath()).exists();
		}
	}

}
