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
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * A process seen from outside through {@code /proc}, the way an administrator would
 * inspect a daemon: whether it runs, its session and terminal, its command line,
 * environment and file descriptors, whether a request reached it, and who holds the
 * {@code flock} on a file.
 *
 * @author Daemon Starter Team
 */
final class LinuxProcess {

	private static final String ESTABLISHED = "01";

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
	 * Return the PIDs that {@code /proc/locks} lists as holding an exclusive
	 * {@code flock} on the given file, matched by inode number.
	 * @param file the file
	 * @return the PIDs
	 * @throws IOException if the file or {@code /proc/locks} cannot be read
	 */
	static List<Long> exclusiveFlockHolders(Path file) throws IOException {
		long inode = ((Number) Files.getAttribute(file, "unix:ino", LinkOption.NOFOLLOW_LINKS)).longValue();
		List<Long> holders = new ArrayList<>();
		for (String line : Files.readAllLines(Path.of("/proc/locks"), StandardCharsets.ISO_8859_1)) {
			String[] fields = line.trim().split("\\s+");
			if (fields.length >= 6 && "FLOCK".equals(fields[1]) && "WRITE".equals(fields[3])
					&& fields[5].endsWith(":" + inode)) {
				holders.add(Long.valueOf(fields[4]));
			}
		}
		return holders;
	}

	/**
	 * Return whether the process exists and has not exited; a zombie has exited.
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

	/**
	 * Wait until the process has exited.
	 * @param deadline how long to wait at most
	 */
	void awaitExit(Duration deadline) {
		await().alias(this + " exited").atMost(deadline).until(() -> !isRunning());
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
		String environ = new String(Files.readAllBytes(this.directory.resolve("environ")), StandardCharsets.UTF_8);
		return Arrays.stream(environ.split("\0"))
			.filter((entry) -> entry.startsWith(prefix))
			.map((entry) -> entry.substring(prefix.length()))
			.findFirst()
			.orElse(null);
	}

	Path workingDirectory() throws IOException {
		return Files.readSymbolicLink(this.directory.resolve("cwd"));
	}

	/**
	 * Return the PIDs of the process's children.
	 * @return the PIDs, empty if it has none or is gone
	 */
	List<Long> children() {
		return ProcessHandle.of(this.pid).stream().flatMap(ProcessHandle::children).map(ProcessHandle::pid).toList();
	}

	/**
	 * Return the first child of the process, such as the daemon that a waiting
	 * {@code setsid} forked.
	 * @return its PID, or 0 while there is none
	 */
	long firstChild() {
		return children().stream().findFirst().orElse(0L);
	}

	/**
	 * Return the launcher's waiting {@code setsid --fork --wait} among the children of
	 * this process, a launcher. Before it, the launcher runs {@code setsid --version}, a
	 * child too.
	 * @return the PID of the waiter, or 0 while there is none
	 */
	long waiter() {
		return children().stream().filter((child) -> {
			try {
				return LinuxProcess.of(child).commandLine().contains("--wait");
			}
			catch (IOException ex) {
				return false;
			}
		}).findFirst().orElse(0L);
	}

	/**
	 * Return whether the process has a file mapped into its memory, as a JVM maps the
	 * class data sharing archive that it uses.
	 * @param file the file
	 * @return whether {@code /proc/<pid>/maps} lists it
	 * @throws IOException if the process is gone
	 */
	boolean mapsFile(Path file) throws IOException {
		String suffix = " " + file;
		return Files.readAllLines(this.directory.resolve("maps"), StandardCharsets.UTF_8)
			.stream()
			.anyMatch((line) -> line.endsWith(suffix));
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
	 * Return whether the process has accepted a TCP connection on the given local port: a
	 * request to it is in flight or done, and no longer waits in the listen backlog.
	 * @param port the port it listens on
	 * @return whether it holds an established connection on that port
	 * @throws IOException if {@code /proc} cannot be read
	 */
	boolean hasAcceptedConnection(int port) throws IOException {
		Set<String> sockets = socketInodes();
		for (String table : List.of("tcp", "tcp6")) {
			List<String> lines = Files.readAllLines(this.directory.resolve("net").resolve(table));
			for (String line : lines.subList(1, lines.size())) {
				String[] fields = line.trim().split("\\s+");
				String local = fields[1];
				int localPort = Integer.parseInt(local.substring(local.indexOf(':') + 1), 16);
				if (localPort == port && ESTABLISHED.equals(fields[3]) && sockets.contains(fields[9])) {
					return true;
				}
			}
		}
		return false;
	}

	private Set<String> socketInodes() throws IOException {
		Set<String> inodes = new HashSet<>();
		try (Stream<Path> descriptors = Files.list(this.directory.resolve("fd"))) {
			for (Path descriptor : descriptors.toList()) {
				try {
					String target = Files.readSymbolicLink(descriptor).toString();
					if (target.startsWith("socket:[")) {
						inodes.add(target.substring("socket:[".length(), target.length() - 1));
					}
				}
				catch (IOException ex) {
					// Closed meanwhile
				}
			}
		}
		return inodes;
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
