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
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What the tests read from {@code /proc} to check a daemon from outside: whether a
 * process runs, who holds the {@code flock} on a file, and whether a request reached the
 * daemon.
 *
 * @author Daemon Starter Team
 */
final class ProcFileSystem {

	private static final String ESTABLISHED = "01";

	private ProcFileSystem() {
	}

	/**
	 * Return whether a process exists and has not exited; a zombie has exited.
	 * @param pid the process
	 * @return whether it runs
	 */
	static boolean isRunning(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.ISO_8859_1);
			char state = stat.charAt(stat.lastIndexOf(')') + 2);
			return state != 'Z' && state != 'X';
		}
		catch (IOException ex) {
			return false;
		}
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
	 * Return whether the given process has accepted a TCP connection on the given local
	 * port: a request to it is in flight or done, and no longer waits in the listen
	 * backlog.
	 * @param pid the process that listens
	 * @param port the port it listens on
	 * @return whether it holds an established connection on that port
	 * @throws IOException if {@code /proc} cannot be read
	 */
	static boolean hasAcceptedConnection(long pid, int port) throws IOException {
		Set<String> sockets = socketInodes(pid);
		for (String table : List.of("tcp", "tcp6")) {
			List<String> lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "net", table));
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

	private static Set<String> socketInodes(long pid) throws IOException {
		Set<String> inodes = new HashSet<>();
		try (Stream<Path> descriptors = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
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

}
