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

package io.github.daemonstarter.handshake;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link LauncherNotice}.
 *
 * @author Daemon Starter Team
 */
class LauncherNoticeTests {

	@TempDir
	Path directory;

	@Test
	void endedBeforeStartSendsOneFailedLineOnce() throws IOException {
		Path socket = this.directory.resolve("launch.sock");
		try (ServerSocketChannel launcher = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
			launcher.bind(UnixDomainSocketAddress.of(socket));
			LauncherNotice notice = new LauncherNotice(socket);
			notice.endedBeforeStart(1);
			notice.endedBeforeStart(1);
			launcher.configureBlocking(false);
			try (SocketChannel received = launcher.accept()) {
				assertThat(new String(Channels.newInputStream(received).readAllBytes(), StandardCharsets.UTF_8))
					.isEqualTo("FAILED its JVM exited with status 1 before it started the application\n");
			}
			assertThat(launcher.accept()).isNull();
		}
	}

	@Test
	void endedBeforeStartWithoutLauncherDoesNothing() {
		assertThatNoException().isThrownBy(() -> new LauncherNotice(null).endedBeforeStart(1));
		assertThatNoException()
			.isThrownBy(() -> new LauncherNotice(this.directory.resolve("gone.sock")).endedBeforeStart(1));
	}

}
