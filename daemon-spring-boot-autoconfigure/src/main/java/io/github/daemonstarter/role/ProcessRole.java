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

package io.github.daemonstarter.role;

import java.nio.file.Path;

import io.github.daemonstarter.config.DaemonCommand;
import io.github.daemonstarter.handshake.LaunchHandshake;
import io.github.daemonstarter.posix.ProcessState;
import org.jspecify.annotations.Nullable;

/**
 * The role that a JVM plays in daemon mode, decided once from its arguments and from what
 * its parent left in its environment.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public enum ProcessRole {

	/**
	 * A plain application: no {@code --daemon} argument and no launcher or supervisor
	 * behind it. Daemon mode does nothing.
	 */
	APPLICATION,

	/**
	 * The JVM that a user or a service manager ran with a {@code --daemon} command: the
	 * launcher of a detached start, a foreground run or a control command.
	 */
	COMMAND,

	/**
	 * The detached child that a launcher started and waits for.
	 */
	DETACHED_CHILD,

	/**
	 * An application JVM that a supervisor started.
	 */
	SUPERVISED_APPLICATION;

	/**
	 * Decide the role of a JVM. A detached child keeps the command line of its launcher,
	 * so the launcher's socket decides before the command; a supervisor's applications
	 * run without a command.
	 * @param command the {@code --daemon} command of the arguments, or {@code null}
	 * @param launcherSocket the socket of the launcher that waits for this JVM, or
	 * {@code null}
	 * @param supervised whether a supervisor started this JVM
	 * @return the role
	 */
	static ProcessRole decide(@Nullable DaemonCommand command, @Nullable Path launcherSocket, boolean supervised) {
		if (launcherSocket != null) {
			return DETACHED_CHILD;
		}
		if (command != null) {
			return COMMAND;
		}
		return supervised ? SUPERVISED_APPLICATION : APPLICATION;
	}

	/**
	 * Return the launcher's socket if this JVM is a detached child: the launcher set the
	 * variable and this process leads its own session. Grandchildren that inherit the
	 * variable do not lead a session, so they never take themselves for the daemon.
	 * @return the socket or {@code null}
	 */
	static @Nullable Path launcherSocket() {
		String socket = System.getenv(LaunchHandshake.LAUNCHER_SOCKET_VARIABLE);
		if (socket == null || socket.isEmpty() || !ProcessState.isSessionLeader(ProcessHandle.current().pid())) {
			return null;
		}
		return Path.of(socket);
	}

}
