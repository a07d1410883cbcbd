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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link DatagramSender} that records what it is asked to send, or fails.
 *
 * @author Daemon Starter Team
 */
class RecordingDatagramSender implements DatagramSender {

	private final List<String> messages = new CopyOnWriteArrayList<>();

	private volatile boolean failing;

	@Override
	public void send(NotifySocketAddress address, byte[] message) throws IOException {
		if (this.failing) {
			throw new IOException("sendto failed: Connection refused");
		}
		this.messages.add(new String(message, StandardCharsets.UTF_8));
	}

	List<String> messages() {
		return this.messages;
	}

	void fail() {
		this.failing = true;
	}

	SystemdNotifier notifier() {
		return new SystemdNotifier("@test", () -> this);
	}

}
