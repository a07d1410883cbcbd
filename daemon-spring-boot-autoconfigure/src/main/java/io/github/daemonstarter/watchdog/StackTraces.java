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

package io.github.daemonstarter.watchdog;

/**
 * Formats where a thread is, for log messages about workers that do not end.
 *
 * @author Daemon Starter Team
 */
final class StackTraces {

	private static final int MAX_FRAMES = 20;

	private StackTraces() {
	}

	static String of(Thread thread) {
		StackTraceElement[] frames = thread.getStackTrace();
		if (frames.length == 0) {
			return " (no stack trace available)";
		}
		StringBuilder trace = new StringBuilder();
		for (int i = 0; i < Math.min(frames.length, MAX_FRAMES); i++) {
			trace.append(System.lineSeparator()).append("\tat ").append(frames[i]);
		}
		if (frames.length > MAX_FRAMES) {
			trace.append(System.lineSeparator()).append("\t... ").append(frames.length - MAX_FRAMES).append(" more");
		}
		return trace.toString();
	}

}
