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

package io.github.daemonstarter.pid;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

import io.github.daemonstarter.posix.Posix.FileIdentity;
import org.jspecify.annotations.Nullable;

/**
 * What can be told about a PID file through its path alone, without opening it with a
 * native call: the PID it holds, the file it currently names and which process holds an
 * exclusive lock on that file. A symbolic link is never followed.
 *
 * @author Daemon Starter Team
 */
final class PidFilePath {

	private static final long MAX_PID = 1L << 22;

	private static final int MAX_PID_FILE_BYTES = 64;

	private final Path path;

	private final LockHolders lockHolders;

	PidFilePath(Path path, LockHolders lockHolders) {
		this.path = path;
		this.lockHolders = lockHolders;
	}

	/**
	 * Read the PID that the file holds.
	 * @return the PID or {@code null} if the file is missing, unreadable, not a regular
	 * file (a symbolic link is not followed) or does not hold a valid PID
	 */
	@Nullable Long readPid() {
		if (!Files.isRegularFile(this.path, LinkOption.NOFOLLOW_LINKS)) {
			return null;
		}
		try (SeekableByteChannel channel = Files.newByteChannel(this.path, StandardOpenOption.READ,
				LinkOption.NOFOLLOW_LINKS)) {
			ByteBuffer content = ByteBuffer.allocate(MAX_PID_FILE_BYTES + 1);
			while (content.hasRemaining() && channel.read(content) > 0) {
				// Read no more than a PID file can sensibly hold, plus one byte to tell
			}
			if (content.position() > MAX_PID_FILE_BYTES) {
				return null;
			}
			return parsePid(new String(content.array(), 0, content.position(), StandardCharsets.US_ASCII));
		}
		catch (IOException ex) {
			return null;
		}
	}

	static @Nullable Long parsePid(String content) {
		String trimmed = content.strip();
		if (trimmed.isEmpty() || trimmed.length() > 10 || !trimmed.chars().allMatch(Character::isDigit)) {
			return null;
		}
		long pid = Long.parseLong(trimmed);
		return (pid > 0 && pid <= MAX_PID) ? pid : null;
	}

	/**
	 * Return the process that holds an exclusive lock on the PID file according to
	 * {@code /proc/locks}, without any native call.
	 * @return the PID or {@code null} if {@code /proc/locks} shows no such lock
	 */
	@Nullable Long exclusiveHolder() {
		try {
			long[] deviceAndInode = deviceAndInode();
			return this.lockHolders.exclusiveHolder(deviceAndInode[0], deviceAndInode[1]);
		}
		catch (IOException | UnsupportedOperationException | IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * Return the process that holds an exclusive lock on an open file according to
	 * {@code /proc/locks}.
	 * @param identity the identity of the open file
	 * @return the PID or {@code null} if {@code /proc/locks} shows no such lock
	 */
	@Nullable Long exclusiveHolder(FileIdentity identity) {
		return this.lockHolders.exclusiveHolder(identity.device(), identity.inode());
	}

	/**
	 * Return whether the PID file path still names the given open file, and not a file
	 * created in its place after it was removed.
	 * @param identity the identity of the open file
	 * @return whether the path names it; {@code true} when that cannot be told
	 */
	boolean isStillAt(FileIdentity identity) {
		try {
			long[] deviceAndInode = deviceAndInode();
			return deviceAndInode[0] == identity.device() && deviceAndInode[1] == identity.inode();
		}
		catch (NoSuchFileException ex) {
			return false;
		}
		catch (IOException | UnsupportedOperationException ex) {
			return true;
		}
	}

	/**
	 * Return the device and inode number of the PID file path, without following a link.
	 * @return the device and the inode number
	 * @throws IOException if the path cannot be examined
	 */
	private long[] deviceAndInode() throws IOException {
		Map<String, Object> attributes = Files.readAttributes(this.path, "unix:dev,ino", LinkOption.NOFOLLOW_LINKS);
		return new long[] { ((Number) attributes.get("dev")).longValue(),
				((Number) attributes.get("ino")).longValue() };
	}

}
