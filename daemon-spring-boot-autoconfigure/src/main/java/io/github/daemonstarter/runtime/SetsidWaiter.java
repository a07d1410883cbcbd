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

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import io.github.daemonstarter.posix.ProcessState;

/**
 * The waiting {@code setsid} of a start (see {@code DetachedChild}), as the detached side
 * sees it: the parent of the session's leader (the daemon, or its supervisor), running
 * {@code setsid --fork --wait} followed by the leader's own command line.
 * <p>
 * Once the application is ready, the waiter has served its purpose, and the launcher ends
 * it. A launcher killed with {@code SIGKILL} while it waited cannot, so the application
 * ends the waiter too when it reports ready. Otherwise the waiter would wait for as long
 * as the daemon runs.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class SetsidWaiter {

	private static final List<String> WAIT_OPTIONS = List.of("--fork", "--wait");

	private SetsidWaiter() {
	}

	/**
	 * End the waiter of this process's session with {@code SIGKILL}, if there is one and
	 * this process may signal it. The session's leader goes on as a child of init (or of
	 * the nearest subreaper).
	 */
	static void end() {
		find(ProcessHandle.current().pid())
			.ifPresent((waiter) -> ProcessHandle.of(waiter).ifPresent(ProcessHandle::destroyForcibly));
	}

	/**
	 * Find the waiter of the session that a process belongs to.
	 * @param pid the process
	 * @return the PID of the waiter, or empty if the session's leader has no waiting
	 * {@code setsid} as its parent
	 */
	static OptionalLong find(long pid) {
		OptionalLong leader = ProcessState.sessionId(pid);
		if (leader.isEmpty()) {
			return OptionalLong.empty();
		}
		Optional<ProcessHandle> parent = ProcessHandle.of(leader.getAsLong()).flatMap(ProcessHandle::parent);
		if (parent.isEmpty()) {
			return OptionalLong.empty();
		}
		long waiter = parent.get().pid();
		Optional<List<String>> waiterCommand = ProcessState.commandLine(waiter);
		Optional<List<String>> leaderCommand = ProcessState.commandLine(leader.getAsLong());
		if (waiterCommand.isPresent() && leaderCommand.isPresent()
				&& isWaiterCommand(waiterCommand.get(), leaderCommand.get())) {
			return OptionalLong.of(waiter);
		}
		return OptionalLong.empty();
	}

	/**
	 * Return whether a command line is that of a waiting {@code setsid} that runs the
	 * given command, possibly through a program that switches the user first.
	 * @param command the command line of the possible waiter
	 * @param leaderCommand the command line of the session's leader
	 * @return whether the command is {@code setsid --fork --wait ... <leaderCommand>}
	 */
	static boolean isWaiterCommand(List<String> command, List<String> leaderCommand) {
		int prefix = 1 + WAIT_OPTIONS.size();
		if (command.size() < prefix + leaderCommand.size() || leaderCommand.isEmpty()) {
			return false;
		}
		Path program = Path.of(command.get(0)).getFileName();
		return program != null && program.toString().equals("setsid") && command.subList(1, prefix).equals(WAIT_OPTIONS)
				&& command.subList(command.size() - leaderCommand.size(), command.size()).equals(leaderCommand);
	}

}
