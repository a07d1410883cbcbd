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

import java.io.PrintStream;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Writes the supervisor's log lines to standard output, which is the daemon's log file,
 * in Spring Boot's console format so that they sit among the application's lines: <pre>
 * 2026-11-21T21:40:00.123Z  INFO 1234 --- [sample-app] [     supervisor] i.g.d.supervisor.DaemonSupervisor        : message
 * </pre> The thread column always reads {@code supervisor} and the PID column is the
 * supervisor's, which tells its lines from the application's. No logging framework is
 * loaded: the supervisor stays small.
 *
 * @author Daemon Starter Team
 */
final class SupervisorLog {

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX",
			Locale.ROOT);

	private static final String THREAD_AND_LOGGER = String.format(Locale.ROOT, "[%15s] %-40s : ", "supervisor",
			"i.g.d.supervisor.DaemonSupervisor");

	private final PrintStream out;

	private final Clock clock;

	private final String prefix;

	SupervisorLog(PrintStream out, Clock clock, long pid, String applicationName) {
		this.out = out;
		this.clock = clock;
		this.prefix = " " + pid + " --- [" + applicationName + "] " + THREAD_AND_LOGGER;
	}

	void info(String message) {
		log("INFO", message);
	}

	void warn(String message) {
		log("WARN", message);
	}

	void error(String message) {
		log("ERROR", message);
	}

	private void log(String level, String message) {
		String line = TIMESTAMP.format(ZonedDateTime.now(this.clock)) + " " + String.format(Locale.ROOT, "%5s", level)
				+ this.prefix + message + System.lineSeparator();
		synchronized (this.out) {
			this.out.print(line);
			this.out.flush();
		}
	}

}
