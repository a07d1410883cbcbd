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

package io.github.daemonstarter.pid;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Facts about other processes, read from {@code /proc}.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class ProcessState {

	private ProcessState() {
	}

	/**
	 * Return whether a process exists and has not exited. A zombie (exited, not yet
	 * reaped) counts as exited.
	 * @param pid the process
	 * @return whether it runs
	 */
	public static boolean isRunning(long pid) {
		if (pid <= 0) {
			return false;
		}
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.ISO_8859_1);
			int end = stat.lastIndexOf(')');
			char state = (end >= 0 && end + 2 < stat.length()) ? stat.charAt(end + 2) : '?';
			return state != 'Z' && state != 'X' && state != 'x';
		}
		catch (IOException ex) {
			return false;
		}
	}

}
