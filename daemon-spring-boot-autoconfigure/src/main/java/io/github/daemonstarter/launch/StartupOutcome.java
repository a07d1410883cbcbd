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

import org.jspecify.annotations.Nullable;

/**
 * How the start of a detached child ended, as seen by the launcher.
 *
 * @param kind what happened
 * @param detail where the application listens ({@link Kind#READY}), the PID of the
 * running instance ({@link Kind#ALREADY_RUNNING}) or the reason of a failure
 * @param exitStatus the child's exit status if it exited, or the status to exit with when
 * daemon mode refused to start
 * @author Daemon Starter Team
 */
record StartupOutcome(Kind kind, String detail, @Nullable Integer exitStatus) {

	static StartupOutcome ready(String where) {
		return new StartupOutcome(Kind.READY, where, null);
	}

	static StartupOutcome alreadyRunning(String pid) {
		return new StartupOutcome(Kind.ALREADY_RUNNING, pid, null);
	}

	static StartupOutcome exited(@Nullable String reason, int exitStatus) {
		return new StartupOutcome(Kind.EXITED, (reason != null) ? reason : "", exitStatus);
	}

	static StartupOutcome refused(String statusAndMessage) {
		int space = statusAndMessage.indexOf(' ');
		try {
			int status = Integer.parseInt(statusAndMessage.substring(0, Math.max(space, 0)));
			return new StartupOutcome(Kind.REFUSED, statusAndMessage.substring(space + 1), status);
		}
		catch (NumberFormatException ex) {
			return new StartupOutcome(Kind.REFUSED, statusAndMessage, 1);
		}
	}

	static StartupOutcome timedOut() {
		return new StartupOutcome(Kind.TIMED_OUT, "", null);
	}

	/**
	 * What happened to the child.
	 */
	enum Kind {

		/**
		 * The application is ready.
		 */
		READY,

		/**
		 * Another instance held the PID file lock, so the child stopped at once.
		 */
		ALREADY_RUNNING,

		/**
		 * The child exited before it was ready.
		 */
		EXITED,

		/**
		 * Daemon mode refused to start in the child, for a reason the user must fix.
		 */
		REFUSED,

		/**
		 * The application was not ready within the startup timeout.
		 */
		TIMED_OUT

	}

}
