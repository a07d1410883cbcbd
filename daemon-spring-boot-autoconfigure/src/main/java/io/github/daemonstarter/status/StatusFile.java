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

package io.github.daemonstarter.status;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

import io.github.daemonstarter.DaemonException;
import io.github.daemonstarter.pid.PidFile;
import io.github.daemonstarter.posix.Posix;
import io.github.daemonstarter.posix.ProcFs;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A small file beside a PID file in which a running process publishes its state, so that
 * {@code --daemon=status} can show it without reaching the process: the workers of the
 * watchdog, or the application that a supervisor runs. The PID file {@code app.pid} has
 * the status file {@code app.status}.
 * <p>
 * The file holds properties. It is replaced atomically (written to a temporary file in
 * the same directory, then renamed over it), so a reader never sees half of it. It is
 * readable by its owner and group only, since failure messages may tell more than a
 * stranger should know. It is never read through a symbolic link, only when it is a
 * regular file and at most {@link #MAX_SIZE} bytes of it, and never opened in a way that
 * a FIFO in its place could block.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class StatusFile {

	/**
	 * The most bytes read from a status file.
	 */
	public static final int MAX_SIZE = 256 * 1024;

	private static final String STATUS_SUFFIX = ".status";

	private final Path path;

	private final Supplier<@Nullable Posix> nativeLayer;

	/**
	 * Create a new instance.
	 * @param path the path of the status file
	 */
	public StatusFile(Path path) {
		this(path, StatusFile::loadNativeLayer);
	}

	/**
	 * Create a new instance that reads through the given native layer.
	 * @param path the path of the status file
	 * @param nativeLayer supplies the native layer, or {@code null} where there is none
	 */
	StatusFile(Path path, Supplier<@Nullable Posix> nativeLayer) {
		Assert.notNull(path, "'path' must not be null");
		this.path = path;
		this.nativeLayer = nativeLayer;
	}

	/**
	 * Return the status file that belongs to a PID file: {@code app.pid} has
	 * {@code app.status} and {@code app} has {@code app.status}.
	 * @param pidFile the PID file
	 * @return the status file beside it
	 */
	public static StatusFile besidePidFile(Path pidFile) {
		return new StatusFile(PidFile.sibling(pidFile, STATUS_SUFFIX));
	}

	/**
	 * Return the path of the status file.
	 * @return the path
	 */
	public Path getPath() {
		return this.path;
	}

	/**
	 * Replace the content of the status file atomically.
	 * @param entries the entries to write, in the order to write them
	 * @throws UncheckedIOException if the file cannot be written
	 */
	public void write(Map<String, String> entries) {
		Path directory = this.path.toAbsolutePath().getParent();
		@Nullable Path temporary = null;
		try {
			temporary = Files.createTempFile(directory, "." + this.path.getFileName(), ".tmp",
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----")));
			Files.writeString(temporary, format(entries), StandardCharsets.ISO_8859_1);
			move(temporary);
			temporary = null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write status file " + this.path, ex);
		}
		finally {
			deleteQuietly(temporary);
		}
	}

	private void move(Path temporary) throws IOException {
		try {
			Files.move(temporary, this.path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(temporary, this.path, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	/**
	 * Read the status file.
	 * @return its entries in file order, or an empty map if it is absent, not a regular
	 * file, a symbolic link, larger than {@link #MAX_SIZE}, or cannot be read
	 */
	public Map<String, String> read() {
		try {
			byte[] content = readContent();
			return (content != null) ? parse(new String(content, StandardCharsets.ISO_8859_1)) : Collections.emptyMap();
		}
		catch (IOException | UncheckedIOException | IllegalArgumentException ex) {
			return Collections.emptyMap();
		}
	}

	/**
	 * Read the content of the file, if it is a regular file. Through the native layer it
	 * is opened without blocking and without following a symbolic link, then checked
	 * through its descriptor: a FIFO that someone swaps in at the path can then never
	 * block the reader, as it can between a check of the path and a plain open.
	 * @return the content, or {@code null} if the file is absent, not a regular file or
	 * too large
	 * @throws IOException if the file cannot be read
	 */
	private byte @Nullable [] readContent() throws IOException {
		Posix posix = this.nativeLayer.get();
		if (posix == null) {
			return Files.isRegularFile(this.path, LinkOption.NOFOLLOW_LINKS)
					? readAtMostMaxSize(this.path, LinkOption.NOFOLLOW_LINKS) : null;
		}
		int fd = posix.openNoFollow(this.path.toString(), false, 0);
		if (fd < 0) {
			return null;
		}
		try {
			// For a regular file, /proc/self/fd/N opens the very file that fd is open on,
			// whatever the path now leads to
			return posix.fstat(fd).isRegularFile() ? readAtMostMaxSize(ProcFs.system().selfFileDescriptor(fd)) : null;
		}
		finally {
			posix.close(fd);
		}
	}

	private static byte @Nullable [] readAtMostMaxSize(Path file, OpenOption... options) throws IOException {
		try (SeekableByteChannel channel = Files.newByteChannel(file, options)) {
			if (channel.size() > MAX_SIZE) {
				return null;
			}
			ByteBuffer buffer = ByteBuffer.allocate((int) channel.size());
			while (buffer.hasRemaining() && channel.read(buffer) > 0) {
				// read on
			}
			return Arrays.copyOf(buffer.array(), buffer.position());
		}
	}

	/**
	 * Return the native layer, or {@code null} where it cannot be loaded.
	 * @return the native layer or {@code null}
	 */
	private static @Nullable Posix loadNativeLayer() {
		try {
			return Posix.get();
		}
		catch (DaemonException | LinkageError ex) {
			return null;
		}
	}

	/**
	 * Delete the status file, if it exists.
	 */
	public void delete() {
		deleteQuietly(this.path);
	}

	private static String format(Map<String, String> entries) throws IOException {
		StringBuilder text = new StringBuilder();
		for (Map.Entry<String, String> entry : entries.entrySet()) {
			Properties line = new Properties();
			line.setProperty(entry.getKey(), entry.getValue());
			// Stored to a stream, unlike to a writer, characters beyond Latin-1 are
			// escaped, so that the ISO-8859-1 file can hold them
			ByteArrayOutputStream stored = new ByteArrayOutputStream();
			line.store(stored, null);
			stored.toString(StandardCharsets.ISO_8859_1)
				.lines()
				.filter((row) -> !row.startsWith("#"))
				.forEach((row) -> text.append(row).append('\n'));
		}
		return text.toString();
	}

	private static Map<String, String> parse(String text) throws IOException {
		Map<String, String> entries = new LinkedHashMap<>();
		Properties properties = new Properties() {

			@Override
			public synchronized Object put(Object key, Object value) {
				entries.put((String) key, (String) value);
				return super.put(key, value);
			}

		};
		properties.load(new StringReader(text));
		return entries;
	}

	private static void deleteQuietly(@Nullable Path path) {
		if (path != null) {
			try {
				Files.deleteIfExists(path);
			}
			catch (IOException ex) {
				// Nothing left to do: a stale status file is never trusted on its own
			}
		}
	}

}
