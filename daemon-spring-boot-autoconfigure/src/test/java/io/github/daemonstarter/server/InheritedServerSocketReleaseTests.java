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

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InheritedServerSocketRelease}, with a socket of this JVM in place of
 * an inherited one.
 *
 * @author Daemon Starter Team
 */
@EnabledOnOs(OS.LINUX)
class InheritedServerSocketReleaseTests {

	@Test
	void stopTurnsTheLoggerOfTomcatsAcceptorOffBeforeItClosesTheSocket() throws Exception {
		try (ServerSocketChannel socket = ServerSocketChannel.open()) {
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			List<String> calls = new ArrayList<>();
			LoggingSystem loggingSystem = new LoggingSystem() {

				@Override
				public void beforeInitialize() {
				}

				@Override
				public void setLogLevel(@Nullable String loggerName, @Nullable LogLevel level) {
					calls.add(loggerName + " " + level + ", socket open: " + socket.isOpen());
				}

			};
			InheritedServerSocketRelease release = new InheritedServerSocketRelease(socket, List.of(), loggingSystem);
			release.start();
			release.stop();
			assertThat(calls).containsExactly("org.apache.tomcat.util.net.Acceptor OFF, socket open: true");
			assertThat(socket.isOpen()).isFalse();
			assertThat(release.isRunning()).isFalse();
		}
	}

	@Test
	void stopWithoutLoggingSystemClosesTheSocket() throws Exception {
		try (ServerSocketChannel socket = ServerSocketChannel.open()) {
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			InheritedServerSocketRelease release = new InheritedServerSocketRelease(socket, List.of(), null);
			release.start();
			release.stop();
			assertThat(socket.isOpen()).isFalse();
		}
	}

}
