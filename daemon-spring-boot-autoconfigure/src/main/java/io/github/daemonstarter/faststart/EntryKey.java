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

package io.github.daemonstarter.faststart;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The name of a cache entry: a digest of the jar's content, of the java runtime and of
 * the JVM options, so that a new jar, another java or other options get an entry of their
 * own, and the same ones find theirs again wherever the jar lies.
 * <p>
 * The jar's content is identified by its central directory, which names every entry with
 * its size and CRC: a jar rebuilt with one class changed has another directory, and
 * reading it costs a few milliseconds where hashing the whole jar would cost a read of
 * every byte. A jar whose directory cannot be found (not a zip file, or a ZIP64 one) is
 * hashed whole.
 *
 * @author Daemon Starter Team
 */
final class EntryKey {

	private static final int END_SIGNATURE = 0x06054b50;

	private static final int END_LENGTH = 22;

	private static final int MAX_COMMENT = 0xffff;

	private static final int KEY_CHARACTERS = 16;

	private EntryKey() {
	}

	/**
	 * Return the name of the entry for a jar run by a java runtime with JVM options.
	 * @param jar the jar
	 * @param java the identity of the java runtime, such as its home and version
	 * @param jvmOptions the JVM options
	 * @return the name: 16 hexadecimal digits
	 * @throws IOException if the jar cannot be read
	 */
	static String of(Path jar, String java, List<String> jvmOptions) throws IOException {
		MessageDigest digest = sha256();
		digestContent(jar, digest);
		digest.update((byte) 0);
		digest.update(java.getBytes(StandardCharsets.UTF_8));
		for (String option : jvmOptions) {
			digest.update((byte) 0);
			digest.update(option.getBytes(StandardCharsets.UTF_8));
		}
		return HexFormat.of().formatHex(digest.digest()).substring(0, KEY_CHARACTERS);
	}

	private static void digestContent(Path jar, MessageDigest digest) throws IOException {
		try (FileChannel channel = FileChannel.open(jar, StandardOpenOption.READ)) {
			ByteBuffer directory = centralDirectory(channel);
			if (directory != null) {
				digest.update(directory);
				return;
			}
		}
		try (InputStream input = Files.newInputStream(jar)) {
			byte[] buffer = new byte[64 * 1024];
			int read;
			while ((read = input.read(buffer)) > 0) {
				digest.update(buffer, 0, read);
			}
		}
	}

	// The central directory and its end record, or null if the file has no end record
	// that points at a directory just before it
	private static @Nullable ByteBuffer centralDirectory(FileChannel channel) throws IOException {
		long size = channel.size();
		int tailLength = (int) Math.min(size, END_LENGTH + MAX_COMMENT);
		ByteBuffer tail = ByteBuffer.allocate(tailLength).order(ByteOrder.LITTLE_ENDIAN);
		channel.read(tail, size - tailLength);
		for (int end = tailLength - END_LENGTH; end >= 0; end--) {
			if (tail.getInt(end) == END_SIGNATURE) {
				long directorySize = Integer.toUnsignedLong(tail.getInt(end + 12));
				long directoryOffset = Integer.toUnsignedLong(tail.getInt(end + 16));
				long endOffset = size - tailLength + end;
				if (directoryOffset + directorySize != endOffset || directorySize > Integer.MAX_VALUE) {
					return null;
				}
				ByteBuffer directory = ByteBuffer.allocate((int) (directorySize + END_LENGTH));
				channel.read(directory, directoryOffset);
				return directory.flip();
			}
		}
		return null;
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

}
