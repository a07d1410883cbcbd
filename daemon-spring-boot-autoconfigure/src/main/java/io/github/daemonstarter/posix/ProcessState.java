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

package io.github.daemonstarter.posix;

import java.io.IOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Facts about other processes, read from {@code /proc}.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class ProcessState {

	/**
	 * Index of {@code starttime}, field 22 of {@code /proc/<pid>/stat}, among the fields
	 * that follow the command name.
	 */
	private static final int STARTTIME = 19;

	/**
	 * Index of {@code session}, field 6 of {@code /proc/<pid>/stat}, among the fields
	 * that follow the command name.
	 */
	private static final int SESSION = 3;

	private ProcessState() {
	}

	/**
	 * Return whether a process exists and has not exited. A zombie (exited, not yet
	 * reaped) counts as exited.
	 * @param pid the process
	 * @return whether it runs
	 */
	public static boolean isRunning(long pid) {
		String[] fields = statFields(pid);
		if (fields.length == 0) {
			return false;
		}
		char state = fields[0].isEmpty() ? '?' : fields[0].charAt(0);
		return state != 'Z' && state != 'X' && state != 'x';
	}

	/**
	 * Return whether a process leads its own session, as {@code setsid} makes it.
	 * @param pid the process
	 * @return whether its session id is its PID
	 */
	public static boolean isSessionLeader(long pid) {
		String[] fields = statFields(pid);
		return fields.length > 3 && fields[3].equals(Long.toString(pid));
	}

	/**
	 * Return the session a process belongs to: the PID of the session's leader.
	 * @param pid the process
	 * @return its session id, or empty if it does not exist
	 */
	public static OptionalLong sessionId(long pid) {
		return numericStatField(pid, SESSION);
	}

	/**
	 * Return whether a process is detached: it leads its own session and has no
	 * controlling terminal, as a daemon relaunched with {@code setsid} does.
	 * @param pid the process
	 * @return whether its session id is its PID and its terminal is none
	 */
	public static boolean isDetached(long pid) {
		String[] fields = statFields(pid);
		return fields.length > 4 && fields[3].equals(Long.toString(pid)) && fields[4].equals("0");
	}

	/**
	 * Return whether a process has a controlling terminal.
	 * @param pid the process
	 * @return whether its terminal is not none
	 */
	public static boolean hasControllingTerminal(long pid) {
		String[] fields = statFields(pid);
		return fields.length > 4 && !fields[4].equals("0");
	}

	/**
	 * Return when a process started, in clock ticks since boot, from
	 * {@code /proc/<pid>/stat}. Of two processes, the one that started later has the
	 * greater value: a PID reused after its process died belongs to a process that
	 * started after every process still running that knew the old one.
	 * @param pid the process
	 * @return its start time, or empty if it does not exist
	 */
	public static OptionalLong startTime(long pid) {
		return numericStatField(pid, STARTTIME);
	}

	/**
	 * Return the value a variable had in the environment a process was started with, from
	 * {@code /proc/<pid>/environ}.
	 * @param pid the process
	 * @param name the variable
	 * @return its value, or empty if it was not set or cannot be read (no such process,
	 * or no access)
	 */
	public static Optional<String> environmentVariable(long pid, String name) {
		if (pid <= 0) {
			return Optional.empty();
		}
		try {
			byte[] environment = ProcFs.system().environment(pid);
			String prefix = name + "=";
			return parseCommandLine(environment, nativeCharset()).stream()
				.filter((entry) -> entry.startsWith(prefix))
				.map((entry) -> entry.substring(prefix.length()))
				.findFirst();
		}
		catch (IOException | SecurityException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Return the command line of a process from {@code /proc/<pid>/cmdline}: the program
	 * followed by its arguments, empty ones included, decoded with the charset this JVM
	 * decodes its own arguments with ({@code sun.jnu.encoding}), so that they compare
	 * equal to the arguments {@code main} received.
	 * {@link ProcessHandle.Info#arguments()} is no substitute: it stops at the first
	 * empty argument and is empty when the command line is longer than about 4 KB (a long
	 * class path).
	 * @param pid the process
	 * @return the command line, or empty if it cannot be read (no such process, no
	 * {@code /proc}, or no access)
	 */
	public static Optional<List<String>> commandLine(long pid) {
		if (pid <= 0) {
			return Optional.empty();
		}
		try {
			byte[] commandLine = ProcFs.system().commandLine(pid);
			return Optional.of(parseCommandLine(commandLine, nativeCharset()));
		}
		catch (IOException | SecurityException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Parse the content of {@code /proc/<pid>/cmdline}: arguments separated by NUL, the
	 * last one normally terminated by NUL too.
	 * @param commandLine the content
	 * @param charset the charset to decode the arguments with
	 * @return every argument, empty ones included
	 */
	static List<String> parseCommandLine(byte[] commandLine, Charset charset) {
		List<String> arguments = new ArrayList<>();
		int start = 0;
		for (int i = 0; i <= commandLine.length; i++) {
			if (i == commandLine.length || commandLine[i] == 0) {
				if (i < commandLine.length || i > start) {
					arguments.add(new String(commandLine, start, i - start, charset));
				}
				start = i + 1;
			}
		}
		return arguments;
	}

	private static Charset nativeCharset() {
		try {
			return Charset.forName(System.getProperty("sun.jnu.encoding"));
		}
		catch (RuntimeException ex) {
			return Charset.defaultCharset();
		}
	}

	/**
	 * Return a numeric field of {@code /proc/<pid>/stat}.
	 * @param pid the process
	 * @param index the index of the field among those that follow the command name
	 * @return its value, or empty if the process does not exist
	 */
	private static OptionalLong numericStatField(long pid, int index) {
		String[] fields = statFields(pid);
		try {
			return (fields.length > index) ? OptionalLong.of(Long.parseLong(fields[index])) : OptionalLong.empty();
		}
		catch (NumberFormatException ex) {
			return OptionalLong.empty();
		}
	}

	/**
	 * Return the fields of {@code /proc/<pid>/stat} that follow the command name: state,
	 * parent, process group, session, terminal and so on.
	 * @param pid the process
	 * @return the fields, or none if the process does not exist
	 */
	private static String[] statFields(long pid) {
		if (pid <= 0) {
			return new String[0];
		}
		try {
			String stat = ProcFs.system().stat(pid);
			int end = stat.lastIndexOf(')');
			return (end >= 0 && end + 2 < stat.length()) ? stat.substring(end + 2).split(" ") : new String[0];
		}
		catch (IOException ex) {
			return new String[0];
		}
	}

}
