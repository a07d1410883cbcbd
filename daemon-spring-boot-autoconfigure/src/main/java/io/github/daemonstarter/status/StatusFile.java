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
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import io.github.daemonstarter.pid.PidFile;
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
 * regular file and at most {@link #MAX_SIZE} bytes of it.
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

	/**
	 * Create a new instance.
	 * @param path the path of the status file
	 */
	public StatusFile(Path path) {
		Assert.notNull(path, "'path' must not be null");
		this.path = path;
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
		if (!Files.isRegularFile(this.path, LinkOption.NOFOLLOW_LINKS)) {
			return Collections.emptyMap();
		}
		try (SeekableByteChannel channel = Files.newByteChannel(this.path, StandardOpenOption.READ,
				LinkOption.NOFOLLOW_LINKS)) {
			if (channel.size() > MAX_SIZE) {
				return Collections.emptyMap();
			}
			ByteBuffer buffer = ByteBuffer.allocate((int) channel.size());
			while (buffer.hasRemaining() && channel.read(buffer) > 0) {
				// read on
			}
			return parse(new String(buffer.array(), 0, buffer.position(), StandardCharsets.ISO_8859_1));
		}
		catch (IOException | IllegalArgumentException ex) {
			return Collections.emptyMap();
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
