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

package io.github.daemonstarter.runtime;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.daemonstarter.handshake.LaunchMessage;
import org.jspecify.annotations.Nullable;

/**
 * The detached child's end of the startup handshake: reports progress, readiness or
 * failure to the launcher that waits for it.
 * <p>
 * Reporting never fails the application: once the launcher has gone (it was interrupted,
 * or its terminal closed), messages are dropped.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class LaunchReporter {

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(2);

	private @Nullable SocketChannel channel;

	private final boolean launched;

	private LaunchReporter(@Nullable SocketChannel channel, boolean launched) {
		this.channel = channel;
		this.launched = launched;
	}

	/**
	 * Connect to the launcher's socket.
	 * @param socketPath the launcher's socket
	 * @return the reporter, which drops its messages if the launcher cannot be reached
	 */
	public static LaunchReporter connect(@Nullable Path socketPath) {
		if (socketPath == null) {
			return new LaunchReporter(null, false);
		}
		try {
			SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
			try {
				channel.connect(UnixDomainSocketAddress.of(socketPath));
				return new LaunchReporter(channel, true);
			}
			catch (IOException ex) {
				channel.close();
				return new LaunchReporter(null, true);
			}
		}
		catch (IOException ex) {
			return new LaunchReporter(null, true);
		}
	}

	/**
	 * Report a startup phase.
	 * @param description what the application is doing
	 */
	public void phase(String description) {
		send(new LaunchMessage(LaunchMessage.Type.PHASE, description), false);
	}

	/**
	 * Report that the application is ready and stop reporting. The start's waiting
	 * {@code setsid}, if any, has then served its purpose and is ended, even when the
	 * launcher that would end it is gone.
	 * @param where where the application listens, or an empty string
	 */
	public void ready(String where) {
		send(new LaunchMessage(LaunchMessage.Type.READY, where), true);
		if (this.launched) {
			SetsidWaiter.end();
		}
	}

	/**
	 * Report that the application failed to start and stop reporting.
	 * @param reason why it failed
	 */
	public void failed(String reason) {
		send(new LaunchMessage(LaunchMessage.Type.FAILED, reason), true);
	}

	/**
	 * Report that another instance holds the PID file lock and stop reporting.
	 * @param pid the PID of the other instance or {@code null} if unknown
	 */
	public void locked(@Nullable Long pid) {
		send(new LaunchMessage(LaunchMessage.Type.LOCKED, (pid != null) ? pid.toString() : ""), true);
	}

	/**
	 * Report that daemon mode refused to start and stop reporting.
	 * @param exitStatus the exit status for the launcher
	 * @param message the one-line message that names the problem and its fix
	 */
	public void refused(int exitStatus, String message) {
		send(new LaunchMessage(LaunchMessage.Type.REFUSED, exitStatus + " " + message), true);
	}

	private synchronized void send(LaunchMessage message, boolean last) {
		SocketChannel channel = this.channel;
		if (channel == null) {
			return;
		}
		try {
			message.writeTo(channel);
		}
		catch (IOException ex) {
			last = true;
		}
		if (last) {
			awaitLauncherRead(channel);
			close(channel);
		}
	}

	/**
	 * Wait until the launcher has read everything and closed its end, so that this
	 * process's exit, which may follow at once, never reaches the launcher before the
	 * last message: under load, the launcher's reader thread may not even have accepted
	 * the connection by then. Gives up after {@link #READ_TIMEOUT}, for a launcher that
	 * is gone.
	 * @param channel the channel to the launcher
	 */
	private static void awaitLauncherRead(SocketChannel channel) {
		try {
			channel.shutdownOutput();
			channel.configureBlocking(false);
			try (Selector selector = Selector.open()) {
				channel.register(selector, SelectionKey.OP_READ);
				ByteBuffer buffer = ByteBuffer.allocate(64);
				long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
				long remaining = READ_TIMEOUT.toMillis();
				while (remaining > 0) {
					selector.select(remaining);
					buffer.clear();
					if (channel.read(buffer) < 0) {
						return;
					}
					remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
				}
			}
		}
		catch (IOException ex) {
			// The launcher is gone: nobody waits for the message.
		}
	}

	private void close(SocketChannel channel) {
		this.channel = null;
		try {
			channel.close();
		}
		catch (IOException ex) {
			// Nothing to do: the launcher is gone.
		}
	}

}
