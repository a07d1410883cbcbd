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

import java.util.ArrayList;
import java.util.List;

/**
 * A message to systemd: newline-separated {@code KEY=VALUE} lines, as
 * {@code sd_notify(3)} describes.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class NotifyMessage {

	/**
	 * The longest status text sent; longer text is cut.
	 */
	static final int MAX_STATUS_LENGTH = 200;

	private final List<String> lines;

	private NotifyMessage(List<String> lines) {
		this.lines = lines;
	}

	/**
	 * Return an empty message.
	 * @return the message
	 */
	public static NotifyMessage of() {
		return new NotifyMessage(List.of());
	}

	/**
	 * Return a message that tells systemd that the application is ready: {@code READY=1}.
	 * @return a new message with the line added
	 */
	public NotifyMessage ready() {
		return with("READY=1");
	}

	/**
	 * Return a message that tells systemd that the application begins to reload:
	 * {@code RELOADING=1} and {@code MONOTONIC_USEC=}. {@code Type=notify-reload} needs
	 * both in the same message: systemd takes the reload for the one it asked for only if
	 * the time is not before it sent the signal. A {@link #ready()} message must follow
	 * when the reload is done.
	 * @param monotonicMicros the time of {@code CLOCK_MONOTONIC} in microseconds
	 * @return a new message with the lines added
	 */
	public NotifyMessage reloading(long monotonicMicros) {
		return with("RELOADING=1").with("MONOTONIC_USEC=" + monotonicMicros);
	}

	/**
	 * Return a message that tells systemd that the application is stopping:
	 * {@code STOPPING=1}.
	 * @return a new message with the line added
	 */
	public NotifyMessage stopping() {
		return with("STOPPING=1");
	}

	/**
	 * Return a message that keeps systemd's watchdog from firing: {@code WATCHDOG=1}.
	 * @return a new message with the line added
	 */
	public NotifyMessage watchdog() {
		return with("WATCHDOG=1");
	}

	/**
	 * Return a message that names the main process of the service: {@code MAINPID=}.
	 * @param pid the process id
	 * @return a new message with the line added
	 */
	public NotifyMessage mainPid(long pid) {
		return with("MAINPID=" + pid);
	}

	/**
	 * Return a message that sets the status text that {@code systemctl status} shows:
	 * {@code STATUS=}. Line breaks and other control characters become spaces, and text
	 * longer than 200 characters is cut.
	 * @param status the status text
	 * @return a new message with the line added
	 */
	public NotifyMessage status(String status) {
		String text = status.replaceAll("\\p{Cntrl}+", " ").strip();
		if (text.length() > MAX_STATUS_LENGTH) {
			text = text.substring(0, MAX_STATUS_LENGTH - 3) + "...";
		}
		return with("STATUS=" + text);
	}

	private NotifyMessage with(String line) {
		List<String> lines = new ArrayList<>(this.lines);
		lines.add(line);
		return new NotifyMessage(List.copyOf(lines));
	}

	@Override
	public String toString() {
		return String.join("\n", this.lines);
	}

}
