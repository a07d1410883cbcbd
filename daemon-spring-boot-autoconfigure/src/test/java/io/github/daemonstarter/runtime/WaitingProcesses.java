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
import java.util.ArrayList;
import java.util.List;

import io.github.daemonstarter.posix.Executables;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts programs through a waiting {@code setsid} ({@code setsid --fork --wait}) for a
 * test, and after the test ends every process it started or was told of, by its PID.
 *
 * @author Daemon Starter Team
 */
public final class WaitingProcesses implements AfterEachCallback {

	private final List<Long> started = new ArrayList<>();

	/**
	 * Start a program through a waiting {@code setsid}.
	 * @param command the program and its arguments
	 * @return the waiter, whose child runs the program
	 * @throws IOException if the waiter cannot be started
	 */
	public Process startWaiter(String... command) throws IOException {
		List<String> line = new ArrayList<>(List.of(Executables.find("setsid", "util-linux"), "--fork", "--wait"));
		line.addAll(List.of(command));
		Process waiter = new ProcessBuilder(line).start();
		track(waiter.pid());
		return waiter;
	}

	/**
	 * End a process after the test, such as one that is no child of the test's JVM.
	 * @param pid the process
	 */
	public void track(long pid) {
		this.started.add(pid);
	}

	@Override
	public void afterEach(ExtensionContext context) {
		for (long pid : this.started) {
			ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
		}
	}

}
