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

package io.github.daemonstarter.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A process seen from outside through {@code /proc/<pid>}, the way an administrator would
 * inspect a daemon.
 *
 * @author Daemon Starter Team
 */
final class LinuxProcess {

	private final long pid;

	private final Path directory;

	private LinuxProcess(long pid) {
		this.pid = pid;
		this.directory = Path.of("/proc", Long.toString(pid));
	}

	static LinuxProcess of(long pid) {
		return new LinuxProcess(pid);
	}

	long pid() {
		return this.pid;
	}

	/**
	 * Return whether the process exists and is not a zombie.
	 * @return whether it runs
	 */
	boolean isRunning() {
		try {
			char state = statFields()[0].charAt(0);
			return state != 'Z' && state != 'X';
		}
		catch (IOException ex) {
			return false;
		}
	}

	long parentPid() throws IOException {
		return Long.parseLong(statFields()[1]);
	}

	long processGroupId() throws IOException {
		return Long.parseLong(statFields()[2]);
	}

	long sessionId() throws IOException {
		return Long.parseLong(statFields()[3]);
	}

	/**
	 * Return the controlling terminal's device number, {@code 0} for none.
	 * @return the device number
	 * @throws IOException if the process is gone
	 */
	long controllingTerminal() throws IOException {
		return Long.parseLong(statFields()[4]);
	}

	/**
	 * Return the value of a line of {@code /proc/<pid>/status}, such as {@code Umask} or
	 * {@code SigIgn}.
	 * @param key the key before the colon
	 * @return the value, stripped
	 * @throws IOException if the process is gone or has no such line
	 */
	String status(String key) throws IOException {
		String prefix = key + ":";
		return Files.readString(this.directory.resolve("status"), StandardCharsets.ISO_8859_1)
			.lines()
			.filter((line) -> line.startsWith(prefix))
			.map((line) -> line.substring(prefix.length()).strip())
			.findFirst()
			.orElseThrow(() -> new IOException("No " + key + " in status of " + this.pid));
	}

	/**
	 * Return whether the given signal is ignored, according to {@code SigIgn}.
	 * @param signal the signal number
	 * @return whether it is ignored
	 * @throws IOException if the process is gone
	 */
	boolean ignoresSignal(int signal) throws IOException {
		long mask = Long.parseUnsignedLong(status("SigIgn"), 16);
		return (mask & (1L << (signal - 1))) != 0;
	}

	/**
	 * Return the raw arguments of the process, each as the bytes the kernel holds.
	 * @return the arguments
	 * @throws IOException if the process is gone
	 */
	List<byte[]> rawCommandLine() throws IOException {
		byte[] bytes = Files.readAllBytes(this.directory.resolve("cmdline"));
		List<byte[]> arguments = new ArrayList<>();
		int start = 0;
		for (int i = 0; i < bytes.length; i++) {
			if (bytes[i] == 0) {
				arguments.add(Arrays.copyOfRange(bytes, start, i));
				start = i + 1;
			}
		}
		return arguments;
	}

	/**
	 * Return the arguments of the process, decoded as UTF-8.
	 * @return the arguments
	 * @throws IOException if the process is gone
	 */
	List<String> commandLine() throws IOException {
		return rawCommandLine().stream().map((argument) -> new String(argument, StandardCharsets.UTF_8)).toList();
	}

	/**
	 * Return the value of a variable in the environment the process started with.
	 * @param name the name of the variable
	 * @return the value or {@code null} if it is not set
	 * @throws IOException if the process is gone
	 */
	String environment(String name) throws IOException {
		String prefix = name + "=";
		return Arrays.stream(Files.readString(this.directory.resolve("environ"), StandardCharsets.UTF_8).split("\0"))
			.filter((entry) -> entry.startsWith(prefix))
			.map((entry) -> entry.substring(prefix.length()))
			.findFirst()
			.orElse(null);
	}

	Path workingDirectory() throws IOException {
		return Files.readSymbolicLink(this.directory.resolve("cwd"));
	}

	/**
	 * Return what a file descriptor points to.
	 * @param fd the file descriptor
	 * @return the target of {@code /proc/<pid>/fd/<fd>}
	 * @throws IOException if the process is gone or the descriptor is closed
	 */
	Path fileDescriptor(int fd) throws IOException {
		return Files.readSymbolicLink(this.directory.resolve("fd").resolve(Integer.toString(fd)));
	}

	/**
	 * Return the names of the threads of the process, as the kernel truncates them (15
	 * characters).
	 * @return the thread names
	 * @throws IOException if the process is gone
	 */
	List<String> threadNames() throws IOException {
		List<String> names = new ArrayList<>();
		try (DirectoryStream<Path> tasks = Files.newDirectoryStream(this.directory.resolve("task"))) {
			for (Path task : tasks) {
				try {
					names.add(Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).strip());
				}
				catch (NoSuchFileException ex) {
					// The thread ended meanwhile
				}
			}
		}
		return names;
	}

	/**
	 * Return the fields of {@code /proc/<pid>/stat} that follow the command name: state,
	 * parent, process group, session, terminal, ...
	 */
	private String[] statFields() throws IOException {
		String stat = Files.readString(this.directory.resolve("stat"), StandardCharsets.ISO_8859_1);
		return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
	}

	@Override
	public String toString() {
		return "process " + this.pid;
	}

}
