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
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A message from the detached child to its launcher, sent as one line of text.
 *
 * @param type the type of message
 * @param text the text of the message, a single line
 * @author Daemon Starter Team
 */
public record LaunchMessage(Type type, String text) {

	/**
	 * Create a message, folding the text onto one line.
	 * @param type the type of message
	 * @param text the text
	 */
	public LaunchMessage {
		text = text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
	}

	/**
	 * Return this message as a line of the protocol, without the line separator.
	 * @return the line
	 */
	public String toLine() {
		return this.type.name() + (this.text.isEmpty() ? "" : " " + this.text);
	}

	/**
	 * Write this message to the launcher as a line of the protocol, in UTF-8.
	 * @param channel the channel to the launcher
	 * @throws IOException if the line cannot be written
	 */
	public void writeTo(WritableByteChannel channel) throws IOException {
		ByteBuffer line = ByteBuffer.wrap((toLine() + "\n").getBytes(StandardCharsets.UTF_8));
		while (line.hasRemaining()) {
			channel.write(line);
		}
	}

	/**
	 * Parse a line of the protocol.
	 * @param line the line
	 * @return the message or {@code null} if the line is not a message
	 */
	public static @Nullable LaunchMessage parse(String line) {
		int space = line.indexOf(' ');
		String type = (space >= 0) ? line.substring(0, space) : line;
		String text = (space >= 0) ? line.substring(space + 1) : "";
		try {
			return new LaunchMessage(Type.valueOf(type.toUpperCase(Locale.ROOT)), text);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * The types of messages.
	 */
	public enum Type {

		/**
		 * The child reached a startup phase; the text describes it.
		 */
		PHASE,

		/**
		 * The application is ready; the text says where it listens, if anywhere.
		 */
		READY,

		/**
		 * The application failed to start; the text is the reason.
		 */
		FAILED,

		/**
		 * Another instance holds the PID file lock; the text is its PID, if known.
		 */
		LOCKED,

		/**
		 * Daemon mode refused to start, for a reason the user must fix (a setting, the
		 * native layer); the text is the exit status, a space and the one-line message.
		 */
		REFUSED

	}

}
