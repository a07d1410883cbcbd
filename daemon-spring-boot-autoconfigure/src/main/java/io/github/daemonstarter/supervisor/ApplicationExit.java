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

package io.github.daemonstarter.supervisor;

import org.jspecify.annotations.Nullable;

/**
 * Classifies and describes how the supervised application ended, from its exit status. A
 * process killed by signal {@code n} has the exit status {@code 128+n}, as in a shell.
 *
 * @author Daemon Starter Team
 */
final class ApplicationExit {

	/**
	 * The exit status of a JVM that shut down after {@code SIGINT}.
	 */
	static final int AFTER_SIGINT = 130;

	/**
	 * The exit status of a JVM that shut down after {@code SIGTERM}.
	 */
	static final int AFTER_SIGTERM = 143;

	private static final int AFTER_SIGHUP = 129;

	private static final int SIGNAL_BASE = 128;

	private static final @Nullable String[] SIGNAL_NAMES = { null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP",
			"SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM",
			"SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
			"SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS" };

	private ApplicationExit() {
	}

	/**
	 * Return whether the exit status is a clean end that is not restarted by default:
	 * {@code 0}, or {@code 130} and {@code 143}, with which a JVM ends after
	 * {@code SIGINT} and {@code SIGTERM} (systemd's {@code SuccessExitStatus=143} for
	 * Java services).
	 * @param exitStatus the exit status
	 * @return whether it is a clean end
	 */
	static boolean isClean(int exitStatus) {
		return exitStatus == 0 || exitStatus == AFTER_SIGINT || exitStatus == AFTER_SIGTERM;
	}

	/**
	 * Describe the exit status in words: {@code exit status 70}, or
	 * {@code killed by SIGKILL (exit status 137)} for {@code 128+n} with {@code n} a
	 * known signal. {@code SIGHUP}, {@code SIGINT} and {@code SIGTERM} read
	 * {@code ended by}, since a JVM shuts down gracefully on them before it exits with
	 * that status.
	 * @param exitStatus the exit status
	 * @return the description
	 */
	static String describe(int exitStatus) {
		String signal = signalName(exitStatus - SIGNAL_BASE);
		if (signal == null) {
			return "exit status " + exitStatus;
		}
		boolean graceful = exitStatus == AFTER_SIGHUP || exitStatus == AFTER_SIGINT || exitStatus == AFTER_SIGTERM;
		return (graceful ? "ended by " : "killed by ") + signal + " (exit status " + exitStatus + ")";
	}

	private static @Nullable String signalName(int signal) {
		return (signal > 0 && signal < SIGNAL_NAMES.length) ? SIGNAL_NAMES[signal] : null;
	}

}
