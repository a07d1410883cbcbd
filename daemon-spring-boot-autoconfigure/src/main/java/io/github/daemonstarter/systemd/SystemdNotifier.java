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

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.log.LogMessage;
import org.springframework.util.function.SingletonSupplier;

/**
 * Sends {@link NotifyMessage messages} to systemd over the socket that
 * {@code NOTIFY_SOCKET} names. Sending never fails the application: the first failure is
 * logged as a warning, later ones at debug level.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public class SystemdNotifier {

	private static final Log logger = LogFactory.getLog(SystemdNotifier.class);

	private final String notifySocket;

	private final @Nullable NotifySocketAddress address;

	private final @Nullable String invalidAddress;

	private final Supplier<DatagramSender> sender;

	private final AtomicBoolean warned = new AtomicBoolean();

	/**
	 * Create a notifier that sends to the given socket.
	 * @param notifySocket the value of {@code NOTIFY_SOCKET}: an absolute path or an
	 * abstract {@code @name}
	 */
	public SystemdNotifier(String notifySocket) {
		this(notifySocket, NativeDatagramSender::new);
	}

	SystemdNotifier(String notifySocket, Supplier<DatagramSender> sender) {
		this.notifySocket = notifySocket;
		NotifySocketAddress address = null;
		String invalidAddress = null;
		try {
			address = NotifySocketAddress.of(notifySocket);
		}
		catch (IllegalArgumentException ex) {
			invalidAddress = ex.getMessage();
		}
		this.address = address;
		this.invalidAddress = invalidAddress;
		this.sender = SingletonSupplier.of(sender);
	}

	/**
	 * Send a message.
	 * @param message the message
	 * @return whether it was sent
	 */
	public boolean send(NotifyMessage message) {
		try {
			if (this.address == null) {
				throw new IllegalArgumentException(this.invalidAddress);
			}
			this.sender.get().send(this.address, message.toString().getBytes(StandardCharsets.UTF_8));
			if (logger.isTraceEnabled()) {
				logger.trace(LogMessage.format("Sent to systemd: %s", message.toString().replace('\n', ' ')));
			}
			return true;
		}
		catch (Exception | LinkageError ex) {
			failed(message, ex);
			return false;
		}
	}

	private void failed(NotifyMessage message, Throwable ex) {
		if (this.warned.compareAndSet(false, true)) {
			logger.warn(LogMessage
				.format("Could not notify systemd over NOTIFY_SOCKET=%s (%s); the application carries on. "
						+ "Later failures are logged at debug level", this.notifySocket, ex.getMessage()));
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(LogMessage.format("Could not send '%s' to systemd over NOTIFY_SOCKET=%s",
					message.toString().replace('\n', ' '), this.notifySocket), ex);
		}
	}

	@Override
	public String toString() {
		return "SystemdNotifier[" + this.notifySocket + "]";
	}

}
