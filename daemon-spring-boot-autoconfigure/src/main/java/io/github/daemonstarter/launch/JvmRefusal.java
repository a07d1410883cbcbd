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

package io.github.daemonstarter.launch;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The message with which a JVM refused to start, read from what it wrote to its standard
 * error, which goes to the daemon's output file. HotSpot ends a refusal of its options
 * with {@value #CANNOT_CREATE} after the reason ({@code Unrecognized VM option 'X'},
 * {@code Invalid maximum heap size: -Xmx1q}), and a failure to initialize, such as an
 * agent that does not load, with the reason after {@value #CANNOT_INITIALIZE}.
 * <p>
 * Reading what the JVM wrote costs nothing on a good start, unlike a trial run of
 * {@code java -version} with the same options before each one.
 *
 * @author Daemon Starter Team
 */
final class JvmRefusal {

	static final String CANNOT_CREATE = "Error: Could not create the Java Virtual Machine.";

	static final String CANNOT_INITIALIZE = "Error occurred during initialization of VM";

	private static final String FATAL = "Error: A fatal exception has occurred. Program will exit.";

	private static final int MAX_REASON_LINES = 3;

	private JvmRefusal() {
	}

	/**
	 * Return the JVM's own message from the last refusal among the given lines.
	 * @param lines the last lines of the output file
	 * @return the message on one line, or {@code null} if the lines hold no refusal
	 */
	static @Nullable String find(List<String> lines) {
		for (int i = lines.size() - 1; i >= 0; i--) {
			String line = lines.get(i).strip();
			if (line.equals(CANNOT_CREATE) || line.equals(CANNOT_INITIALIZE)) {
				List<String> reason = reasonBefore(lines, i);
				if (line.equals(CANNOT_INITIALIZE)) {
					reason.addAll(reasonAfter(lines, i));
				}
				return reason.isEmpty() ? line : join(reason);
			}
		}
		return null;
	}

	/**
	 * Describe a refusal as the reason of a failed start.
	 * @param message the JVM's message
	 * @param jvmOptions the {@code daemon.jvm-options} that the JVM got
	 * @return the reason, naming the setting and its fix when there are such options
	 */
	static String describe(String message, List<String> jvmOptions) {
		if (jvmOptions.isEmpty()) {
			return "its JVM refused to start: " + message;
		}
		return "its JVM refused daemon.jvm-options " + jvmOptions + ": " + message + "; fix daemon.jvm-options";
	}

	private static List<String> reasonBefore(List<String> lines, int marker) {
		List<String> reason = new ArrayList<>();
		for (int i = marker - 1; i >= 0 && reason.size() < MAX_REASON_LINES; i--) {
			String line = lines.get(i).strip();
			if (line.isEmpty() || isMarker(line)) {
				break;
			}
			if (isJvmMessage(line)) {
				reason.add(0, line);
			}
		}
		return reason;
	}

	private static List<String> reasonAfter(List<String> lines, int marker) {
		List<String> reason = new ArrayList<>();
		for (int i = marker + 1; i < lines.size() && reason.size() < MAX_REASON_LINES; i++) {
			String line = lines.get(i).strip();
			if (line.isEmpty() || isMarker(line)) {
				break;
			}
			if (isJvmMessage(line)) {
				reason.add(line);
			}
		}
		return reason;
	}

	private static boolean isMarker(String line) {
		return line.equals(CANNOT_CREATE) || line.equals(CANNOT_INITIALIZE) || line.equals(FATAL);
	}

	/**
	 * Return whether a line may be the JVM's: the supervisor's and the application's log
	 * lines, which may come between, start with their timestamp, and the launcher's note
	 * of {@code JAVA_TOOL_OPTIONS} is no reason.
	 * @param line the line
	 * @return whether the line may belong to the JVM's message
	 */
	private static boolean isJvmMessage(String line) {
		return !Character.isDigit(line.charAt(0)) && !line.contains("Picked up ");
	}

	private static String join(List<String> reason) {
		StringBuilder message = new StringBuilder(reason.get(0));
		for (String line : reason.subList(1, reason.size())) {
			message.append(message.toString().endsWith(".") ? " " : "; ").append(line);
		}
		return message.toString();
	}

}
