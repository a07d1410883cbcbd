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
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * Tells the launcher, which waits for the first start, that the process supervisor's
 * first application JVM ended before it reached the supervisor. Such a JVM never ran the
 * application's code, so it could not report its failure itself: it refused its options,
 * or could not load the application. The next JVM would end the same way, so the
 * launcher, which terminates the supervisor when the start fails, is told at once instead
 * of after every restart that the limits allow.
 * <p>
 * A JVM that reached the supervisor reports for itself, and later JVMs have no launcher
 * waiting for them: the notice is sent once at most.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class LauncherNotice {

	private @Nullable Path launcherSocket;

	/**
	 * Create a notice to the launcher named in this process's environment.
	 */
	public LauncherNotice() {
		this(socket(System.getenv(LaunchHandshake.LAUNCHER_SOCKET_VARIABLE)));
	}

	/**
	 * Create a notice to a launcher.
	 * @param launcherSocket the launcher's socket, or {@code null} if no launcher waits
	 */
	public LauncherNotice(@Nullable Path launcherSocket) {
		this.launcherSocket = launcherSocket;
	}

	private static @Nullable Path socket(@Nullable String value) {
		return (value != null && !value.isBlank()) ? Path.of(value) : null;
	}

	/**
	 * Tell the launcher that the first application JVM ended before it reached the
	 * supervisor, unless it was told before. The launcher shows the JVM's own message
	 * from the log file.
	 * @param exitStatus the JVM's exit status
	 */
	public void endedBeforeStart(int exitStatus) {
		Path socket = this.launcherSocket;
		this.launcherSocket = null;
		if (socket == null) {
			return;
		}
		LaunchMessage message = new LaunchMessage(LaunchMessage.Type.FAILED,
				"its JVM exited with status " + exitStatus + " before it started the application");
		try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
			channel.connect(UnixDomainSocketAddress.of(socket));
			message.writeTo(channel);
		}
		catch (IOException ex) {
			// The launcher is gone or was never there: the restarts go on as for any
			// failure
		}
	}

}
