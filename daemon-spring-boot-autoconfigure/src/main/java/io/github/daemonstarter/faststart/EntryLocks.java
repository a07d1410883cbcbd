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
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The locks on cache entries: a JVM that runs from an entry, or is about to start one
 * that does, holds a shared {@code fcntl} lock on the entry's lock file, and a cleanup
 * removes only an entry on which it can take an exclusive lock.
 *
 * @author Daemon Starter Team
 */
final class EntryLocks {

	/**
	 * The locks that this JVM holds, by entry directory. Closing any channel of a locked
	 * file would release the lock of the whole process, so no other channel of a held
	 * entry's lock is ever opened.
	 */
	private static final Map<Path, Held> heldLocks = new HashMap<>();

	private EntryLocks() {
	}

	/**
	 * Hold a shared lock on an entry for as long as this JVM runs, and mark it used now.
	 * @param directory the entry's directory
	 */
	static void hold(Path directory) {
		Path lock = directory.resolve(CacheEntry.LOCK);
		try {
			Object file = fileKey(lock);
			synchronized (heldLocks) {
				Held held = heldLocks.get(directory);
				if (held != null && Objects.equals(held.file(), file)) {
					return;
				}
				if (held != null) {
					// The entry was put aside and made again under the same name: the
					// lock held is that of the old one
					release(directory);
				}
			}
			// Before the lock: setting the time opens and closes the file, which would
			// release this process's lock on it
			Files.setLastModifiedTime(lock, FileTime.fromMillis(System.currentTimeMillis()));
			FileChannel channel = FileChannel.open(lock, StandardOpenOption.READ, StandardOpenOption.WRITE);
			try {
				channel.lock(0, Long.MAX_VALUE, true);
			}
			catch (OverlappingFileLockException ex) {
				// This JVM holds it already
			}
			synchronized (heldLocks) {
				heldLocks.put(directory, new Held(channel, file));
			}
		}
		catch (IOException ex) {
			// Without the lock a cleanup may remove the entry once it looks unused; the
			// JVM keeps its open files
		}
	}

	/**
	 * Release the lock that this JVM holds on an entry, if any, so that a cleanup may
	 * remove the entry once no other JVM holds it.
	 * @param directory the entry's directory
	 */
	static void release(Path directory) {
		Held held;
		synchronized (heldLocks) {
			held = heldLocks.remove(directory);
		}
		if (held != null) {
			try {
				held.channel().close();
			}
			catch (IOException ex) {
				// Closed all the same: the lock goes with the descriptor
			}
		}
	}

	/**
	 * Return whether no JVM holds an entry and it was not used within the given time.
	 * @param directory the entry's directory
	 * @param unusedForMillis how long the entry must have been unused
	 * @return whether it may be removed
	 */
	static boolean isUnused(Path directory, long unusedForMillis) {
		synchronized (heldLocks) {
			if (heldLocks.containsKey(directory)) {
				return false;
			}
		}
		Path lock = directory.resolve(CacheEntry.LOCK);
		try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
			if (System.currentTimeMillis() - Files.getLastModifiedTime(lock).toMillis() < unusedForMillis) {
				return false;
			}
			FileLock exclusive = channel.tryLock();
			return exclusive != null;
		}
		catch (NoSuchFileException ex) {
			// No JVM can hold an entry without its lock file: it is unused once its
			// directory is older than the time, as its lock file would be
			return isOlderThan(directory, unusedForMillis);
		}
		catch (IOException | OverlappingFileLockException ex) {
			return false;
		}
	}

	private static boolean isOlderThan(Path directory, long millis) {
		try {
			return System.currentTimeMillis()
					- Files.getLastModifiedTime(directory, LinkOption.NOFOLLOW_LINKS).toMillis() >= millis;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static @Nullable Object fileKey(Path lock) throws IOException {
		return Files.readAttributes(lock, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
	}

	/**
	 * A lock that this JVM holds.
	 *
	 * @param channel the channel that holds the lock
	 * @param file the identity of the lock file, or {@code null} if the file system has
	 * none
	 */
	private record Held(FileChannel channel, @Nullable Object file) {

	}

}
