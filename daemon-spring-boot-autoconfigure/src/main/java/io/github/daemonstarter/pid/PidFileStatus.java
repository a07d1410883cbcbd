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

import org.jspecify.annotations.Nullable;

/**
 * What a PID file says about the daemon it belongs to.
 *
 * @param state the state of the PID file
 * @param pid the PID of the daemon that holds the lock or, when stale, the PID that the
 * file names; {@code null} when unknown
 * @param detail a human description of why the state is what it is
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public record PidFileStatus(State state, @Nullable Long pid, String detail) {

	/**
	 * The state of a PID file.
	 */
	public enum State {

		/**
		 * No PID file exists.
		 */
		ABSENT,

		/**
		 * The PID file is locked: its daemon runs.
		 */
		LOCKED,

		/**
		 * The PID file exists but nothing holds its lock: its daemon is gone.
		 */
		STALE,

		/**
		 * The PID file cannot be inspected, for example for lack of permission.
		 */
		UNKNOWN

	}

}
