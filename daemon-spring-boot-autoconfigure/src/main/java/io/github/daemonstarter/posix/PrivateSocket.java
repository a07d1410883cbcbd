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

import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A listening UNIX domain socket in a new directory that only this user can enter: the
 * directory's mode, not the socket's, keeps other users from connecting.
 * <p>
 * The directory is made in {@code java.io.tmpdir} when a socket path there fits in a
 * socket address (about 100 bytes) and the directory can be created there, else in
 * {@code /tmp}.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class PrivateSocket implements Closeable {

	private static final int MAX_SOCKET_PATH = 100;

	private final Path directory;

	private final Path path;

	private final ServerSocketChannel server;

	private PrivateSocket(Path directory, Path path, ServerSocketChannel server) {
		this.directory = directory;
		this.path = path;
		this.server = server;
	}

	/**
	 * Bind a socket in a new private directory.
	 * @param directoryPrefix the start of the directory's name, such as
	 * {@code boot-daemon-}
	 * @param socketName the name of the socket in that directory
	 * @return the bound socket
	 * @throws IOException if the directory or the socket cannot be created
	 */
	public static PrivateSocket open(String directoryPrefix, String socketName) throws IOException {
		return open(Path.of(System.getProperty("java.io.tmpdir")), directoryPrefix, socketName);
	}

	static PrivateSocket open(Path temporaryDirectory, String directoryPrefix, String socketName) throws IOException {
		Path directory = createPrivateDirectory(temporaryDirectory, directoryPrefix);
		Path socketPath = directory.resolve(socketName);
		ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
		try {
			server.bind(UnixDomainSocketAddress.of(socketPath));
		}
		catch (IOException ex) {
			server.close();
			Files.deleteIfExists(directory);
			throw ex;
		}
		return new PrivateSocket(directory, socketPath, server);
	}

	private static Path createPrivateDirectory(Path tmp, String prefix) throws IOException {
		if (tmp.toAbsolutePath().toString().length() <= MAX_SOCKET_PATH - 40) {
			try {
				return createDirectory(tmp, prefix);
			}
			catch (IOException | UnsupportedOperationException ex) {
				// An unusable java.io.tmpdir: fall back to /tmp
			}
		}
		return createDirectory(Path.of("/tmp"), prefix);
	}

	private static Path createDirectory(Path parent, String prefix) throws IOException {
		return Files.createTempDirectory(parent, prefix,
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
	}

	/**
	 * Return the private directory that holds the socket.
	 * @return the directory
	 */
	public Path getDirectory() {
		return this.directory;
	}

	/**
	 * Return the path that peers connect to.
	 * @return the socket path
	 */
	public Path getPath() {
		return this.path;
	}

	/**
	 * Return the listening channel, to accept connections on.
	 * @return the channel
	 */
	public ServerSocketChannel getServer() {
		return this.server;
	}

	/**
	 * Close the socket and remove it and its directory.
	 * @throws IOException if the socket or the directory cannot be removed
	 */
	@Override
	public void close() throws IOException {
		try {
			this.server.close();
		}
		finally {
			Files.deleteIfExists(this.path);
			Files.deleteIfExists(this.directory);
		}
	}

}
