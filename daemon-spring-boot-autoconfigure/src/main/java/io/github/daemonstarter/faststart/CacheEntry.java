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
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import org.jspecify.annotations.Nullable;

/**
 * One entry of the fast start cache: the jar extracted by Spring Boot's tool under
 * {@code app/}, the index of its files with their sizes and CRCs, and the class data
 * archive once a training run made it. An entry only ever appears whole: it is prepared
 * under a temporary name and renamed into place.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class CacheEntry {

	static final String LAYOUT = "app";

	static final String INDEX = "files";

	static final String LOCK = "lock";

	private static final String INDEX_HEADER = "daemon-fast-start-index 1";

	private static final int[] ARCHIVE_MAGICS = { 0xf00baba2, 0xf00baba8 };

	private final Path directory;

	private final String jarName;

	private final ArchiveKind archiveKind;

	/**
	 * Create an entry.
	 * @param directory the entry's directory
	 * @param jarName the file name of the application's jar
	 * @param archiveKind the kind of archive of the java runtime that runs it
	 */
	public CacheEntry(Path directory, String jarName, ArchiveKind archiveKind) {
		this.directory = directory;
		this.jarName = jarName;
		this.archiveKind = archiveKind;
	}

	/**
	 * Return the entry that a JVM started from an extracted jar runs from.
	 * @param directory the entry's directory
	 * @return the entry, whose jar is the only one of its layout
	 * @throws IOException if the layout cannot be listed
	 */
	public static CacheEntry at(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory.resolve(LAYOUT))) {
			String jar = files.map((file) -> file.getFileName().toString())
				.filter((name) -> name.endsWith(".jar"))
				.findFirst()
				.orElseThrow(() -> new NoSuchFileException(directory.resolve(LAYOUT) + "/*.jar"));
			return new CacheEntry(directory, jar, ArchiveKind.current());
		}
	}

	public Path getDirectory() {
		return this.directory;
	}

	/**
	 * Return the extracted jar, which the JVM runs with {@code -jar}.
	 * @return the jar
	 */
	public Path getJar() {
		return this.directory.resolve(LAYOUT).resolve(this.jarName);
	}

	/**
	 * Return the class data archive, which may not exist yet.
	 * @return the archive
	 */
	public Path getArchive() {
		return this.directory.resolve(this.archiveKind.fileName());
	}

	public ArchiveKind getArchiveKind() {
		return this.archiveKind;
	}

	/**
	 * Return whether the archive exists and starts as a class data archive does. The JVM
	 * checks the rest and ignores an archive that does not match (sharing is never
	 * required), but a file that is not one at all is better removed and made again.
	 * @return whether the archive looks usable
	 */
	public boolean hasArchive() {
		Path archive = getArchive();
		try (FileChannel channel = FileChannel.open(archive, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
			ByteBuffer header = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder());
			if (channel.size() < 4096 || channel.read(header, 0) != 4) {
				return false;
			}
			int magic = header.getInt(0);
			for (int expected : ARCHIVE_MAGICS) {
				if (magic == expected) {
					return true;
				}
			}
			return false;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Write the index of the layout in an entry that is being prepared, after taking the
	 * write permission of group and others from everything in it.
	 * @throws IOException if the layout cannot be read or the index written
	 */
	void writeIndex() throws IOException {
		List<String> lines = new ArrayList<>(List.of(INDEX_HEADER));
		Path layout = this.directory.resolve(LAYOUT);
		try (Stream<Path> paths = Files.walk(layout)) {
			for (Path path : (Iterable<Path>) paths::iterator) {
				CacheSafety.removeGroupAndOthersWrite(path);
				if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
					lines.add(Files.size(path) + " " + Long.toHexString(crc(path)) + " " + layout.relativize(path));
				}
			}
		}
		Files.write(this.directory.resolve(INDEX), lines, StandardCharsets.UTF_8);
		Files.createFile(this.directory.resolve(LOCK));
	}

	/**
	 * Check the entry: that it is safe to run, that every file of its index is there with
	 * its size and CRC, and that it has its lock file.
	 * @param safety the rule for the owner and permissions of the cache
	 * @return {@code null} if the entry is whole and safe, otherwise a problem
	 * @throws IOException if the entry cannot be read
	 */
	@Nullable Problem check(CacheSafety safety) throws IOException {
		String unsafe = safety.problem(this.directory);
		if (unsafe != null) {
			return new Problem(this.directory, unsafe, true);
		}
		Path index = this.directory.resolve(INDEX);
		List<String> lines;
		try {
			lines = Files.readAllLines(index, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return new Problem(index, "cannot be read", false);
		}
		if (lines.isEmpty() || !INDEX_HEADER.equals(lines.get(0))) {
			return new Problem(index, "is not an index of the layout", false);
		}
		Path layout = this.directory.resolve(LAYOUT);
		Set<Path> directories = new LinkedHashSet<>(List.of(layout));
		for (String line : lines.subList(1, lines.size())) {
			String[] fields = line.split(" ", 3);
			if (fields.length != 3) {
				return new Problem(index, "is damaged", false);
			}
			long size;
			Path file;
			try {
				size = Long.parseLong(fields[0]);
				file = layout.resolve(fields[2]).normalize();
			}
			catch (NumberFormatException | InvalidPathException ex) {
				return new Problem(index, "is damaged", false);
			}
			if (!file.startsWith(layout)) {
				return new Problem(index, "names a file outside the layout", false);
			}
			Problem problem = checkFile(safety, file, size, fields[1]);
			if (problem != null) {
				return problem;
			}
			directories.add(file.getParent());
		}
		Path lock = this.directory.resolve(LOCK);
		if (!Files.isRegularFile(lock, LinkOption.NOFOLLOW_LINKS)) {
			// No JVM could hold the entry, so a cleanup could remove it from under one
			return new Problem(lock, "is missing", false);
		}
		List<Path> others = new ArrayList<>(directories);
		others.addAll(List.of(index, getArchive()));
		for (Path path : others) {
			if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
				String problem = safety.problem(path);
				if (problem != null) {
					return new Problem(path, problem, true);
				}
			}
		}
		return null;
	}

	private @Nullable Problem checkFile(CacheSafety safety, Path file, long size, String crc) throws IOException {
		if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
			return new Problem(file, "is missing", false);
		}
		String unsafe = safety.problem(file);
		if (unsafe != null) {
			return new Problem(file, unsafe, true);
		}
		if (Files.size(file) != size || !Long.toHexString(crc(file)).equals(crc)) {
			return new Problem(file, "is damaged (its size or CRC changed)", false);
		}
		return null;
	}

	private static long crc(Path file) throws IOException {
		CRC32 crc = new CRC32();
		try (InputStream input = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
			byte[] buffer = new byte[64 * 1024];
			int read;
			while ((read = input.read(buffer)) > 0) {
				crc.update(buffer, 0, read);
			}
		}
		return crc.getValue();
	}

	/**
	 * Hold a shared lock on the entry for as long as this JVM runs, so that no cleanup
	 * removes the entry from under it, and mark it used now.
	 */
	public void holdWhileRunning() {
		EntryLocks.hold(this.directory);
	}

	/**
	 * Release this JVM's lock on the entry, once a JVM that runs from it holds its own.
	 */
	void release() {
		EntryLocks.release(this.directory);
	}

	/**
	 * Return whether no JVM holds the entry and it was not used within the given time.
	 * @param unusedForMillis how long the entry must have been unused
	 * @return whether it may be removed
	 */
	boolean isUnused(long unusedForMillis) {
		return EntryLocks.isUnused(this.directory, unusedForMillis);
	}

	/**
	 * What is wrong with an entry.
	 *
	 * @param path the path at fault
	 * @param problem what is wrong with it
	 * @param unsafe whether the entry is unsafe to run, rather than damaged
	 */
	record Problem(Path path, String problem, boolean unsafe) {

	}

}
