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

package io.github.daemonstarter.control;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The lines that a log file gains from now on, to show the last of them when a reload
 * fails: what the new JVM logged before it ended.
 *
 * @author Daemon Starter Team
 */
final class LogTail {

	private static final int LINES = 10;

	private static final int MAX_BYTES = 256 * 1024;

	private final @Nullable Path logFile;

	private final long offset;

	private LogTail(@Nullable Path logFile, long offset) {
		this.logFile = logFile;
		this.offset = offset;
	}

	/**
	 * Remember where the log file ends now.
	 * @param logFile the log file, or {@code null}
	 * @return the tail
	 */
	static LogTail from(@Nullable Path logFile) {
		long size = 0;
		if (logFile != null) {
			try {
				size = Files.size(logFile);
			}
			catch (IOException ex) {
				// No log file yet: everything written to it is new
			}
		}
		return new LogTail(logFile, size);
	}

	/**
	 * Return the last lines that the log file gained, leaving out those of a process.
	 * @param pid the process whose lines are left out, such as the JVM that serves on, or
	 * {@code null}
	 * @return at most ten lines
	 */
	List<String> linesNotFrom(@Nullable Long pid) {
		if (this.logFile == null) {
			return List.of();
		}
		String marker = (pid != null) ? " " + pid + " --- " : null;
		Deque<String> last = new ArrayDeque<>();
		try (InputStream input = Files.newInputStream(this.logFile)) {
			long size = Files.size(this.logFile);
			long start = (size < this.offset) ? 0 : Math.max(this.offset, size - MAX_BYTES);
			input.skipNBytes(start);
			String text = new String(input.readNBytes(MAX_BYTES), StandardCharsets.UTF_8);
			for (String line : text.split("\\R")) {
				if (!line.isBlank() && (marker == null || !line.contains(marker))) {
					last.addLast(line);
					if (last.size() > LINES) {
						last.removeFirst();
					}
				}
			}
		}
		catch (IOException ex) {
			return List.of();
		}
		return List.copyOf(last);
	}

}
