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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.util.Assert;

/**
 * The few files of the Linux {@code /proc} file system that daemon mode reads: the
 * {@code stat}, {@code cmdline} and {@code environ} of a process, the {@code status},
 * open file descriptors and TCP sockets of this process, and the table of file locks. It
 * is the one place that reads {@code /proc}, so that a reader knows where the platform is
 * touched; the callers decide what a missing file means, so every read throws rather than
 * guesses.
 * <p>
 * Text files are decoded as ISO-8859-1, which maps every byte to a character, so that a
 * file that is not valid UTF-8 still reads.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class ProcFs {

	private static final ProcFs SYSTEM = new ProcFs(Path.of("/proc"));

	private final Path root;

	private ProcFs(Path root) {
		this.root = root;
	}

	/**
	 * Return the {@code /proc} of this machine.
	 * @return the file system mounted at {@code /proc}
	 */
	public static ProcFs system() {
		return SYSTEM;
	}

	/**
	 * Return a {@code /proc} mounted elsewhere, or a directory laid out like it in tests.
	 * @param root the directory that stands for {@code /proc}
	 * @return the file system rooted there
	 */
	public static ProcFs at(Path root) {
		Assert.notNull(root, "'root' must not be null");
		return new ProcFs(root);
	}

	/**
	 * Return the lines of {@code /proc/locks}: the file locks held on this machine.
	 * @return the lines
	 * @throws IOException if the file cannot be read
	 */
	public List<String> locks() throws IOException {
		return Files.readAllLines(this.root.resolve("locks"), StandardCharsets.ISO_8859_1);
	}

	/**
	 * Return the content of {@code /proc/<pid>/stat}.
	 * @param pid the process
	 * @return the content
	 * @throws IOException if the file cannot be read, for example because the process
	 * does not exist
	 */
	public String stat(long pid) throws IOException {
		return Files.readString(processFile(pid, "stat"), StandardCharsets.ISO_8859_1);
	}

	/**
	 * Return the raw content of {@code /proc/<pid>/cmdline}: the arguments, each ended by
	 * NUL.
	 * @param pid the process
	 * @return the content
	 * @throws IOException if the file cannot be read
	 */
	public byte[] commandLine(long pid) throws IOException {
		return Files.readAllBytes(processFile(pid, "cmdline"));
	}

	/**
	 * Return the raw content of {@code /proc/<pid>/environ}: the {@code name=value}
	 * entries of the environment the process was started with, each ended by NUL.
	 * @param pid the process
	 * @return the content
	 * @throws IOException if the file cannot be read (no such process, or no access)
	 */
	public byte[] environment(long pid) throws IOException {
		return Files.readAllBytes(processFile(pid, "environ"));
	}

	/**
	 * Return the content of {@code /proc/self/status}: the name, state and credentials of
	 * this process.
	 * @return the content
	 * @throws IOException if the file cannot be read
	 */
	public String selfStatus() throws IOException {
		return Files.readString(this.root.resolve("self").resolve("status"), StandardCharsets.ISO_8859_1);
	}

	/**
	 * Return the content of {@code /proc/<pid>/status}: among others the resident memory
	 * of a process ({@code VmRSS}).
	 * @param pid the process id
	 * @return the content
	 * @throws IOException if the file cannot be read
	 */
	public String status(long pid) throws IOException {
		return Files.readString(processFile(pid, "status"), StandardCharsets.ISO_8859_1);
	}

	/**
	 * Return the content of {@code /proc/meminfo}: among others the memory available for
	 * new processes without swapping ({@code MemAvailable}).
	 * @return the content
	 * @throws IOException if the file cannot be read
	 */
	public String memoryInfo() throws IOException {
		return Files.readString(this.root.resolve("meminfo"), StandardCharsets.ISO_8859_1);
	}

	/**
	 * Return the file descriptors that this process has open, from {@code /proc/self/fd}.
	 * @return the file descriptors, in ascending order
	 * @throws IOException if the directory cannot be read
	 */
	public List<Integer> selfFileDescriptors() throws IOException {
		try (Stream<Path> entries = Files.list(this.root.resolve("self").resolve("fd"))) {
			return entries.map((entry) -> entry.getFileName().toString())
				.filter((name) -> !name.isEmpty() && name.chars().allMatch(Character::isDigit))
				.map(Integer::valueOf)
				.sorted()
				.toList();
		}
	}

	/**
	 * Return the path of {@code /proc/self/fd/<fd>}. Opening it opens the very file that
	 * the descriptor is open on, whatever its path now leads to.
	 * @param fd the file descriptor of this process
	 * @return the path
	 */
	public Path selfFileDescriptor(int fd) {
		return this.root.resolve("self").resolve("fd").resolve(Integer.toString(fd));
	}

	/**
	 * Return what a file descriptor of this process is open on: the target of the link
	 * {@code /proc/self/fd/<fd>}.
	 * @param fd the file descriptor of this process
	 * @return the target, such as the absolute path of a file or {@code pipe:[1234]}
	 * @throws IOException if the link cannot be read
	 */
	public Path selfFileDescriptorTarget(int fd) throws IOException {
		return Files.readSymbolicLink(selfFileDescriptor(fd));
	}

	/**
	 * Return the lines of {@code /proc/self/net/tcp} and {@code /proc/self/net/tcp6}: the
	 * TCP sockets of this process's network namespace, each with its state and the inode
	 * that {@code /proc/self/fd} links name as {@code socket:[inode]}.
	 * @return the lines of both tables, without their headers; a missing {@code tcp6}
	 * (IPv6 disabled) adds none
	 * @throws IOException if {@code tcp} cannot be read
	 */
	public List<String> selfTcpSockets() throws IOException {
		Path net = this.root.resolve("self").resolve("net");
		List<String> sockets = new ArrayList<>(
				withoutHeader(Files.readAllLines(net.resolve("tcp"), StandardCharsets.ISO_8859_1)));
		Path tcp6 = net.resolve("tcp6");
		if (Files.exists(tcp6)) {
			sockets.addAll(withoutHeader(Files.readAllLines(tcp6, StandardCharsets.ISO_8859_1)));
		}
		return sockets;
	}

	private static List<String> withoutHeader(List<String> lines) {
		return lines.isEmpty() ? lines : lines.subList(1, lines.size());
	}

	private Path processFile(long pid, String name) {
		return this.root.resolve(Long.toString(pid)).resolve(name);
	}

}
