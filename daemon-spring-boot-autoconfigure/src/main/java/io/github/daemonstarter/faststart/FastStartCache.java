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
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.github.daemonstarter.FileProblem;
import io.github.daemonstarter.launch.user.DaemonUser;
import org.jspecify.annotations.Nullable;

/**
 * The fast start cache of an application: one entry per jar content, java runtime and JVM
 * options, each holding the extracted jar and, once trained, its class data archive.
 * <p>
 * An entry is extracted under a temporary name and renamed into place, so a start that
 * crashes or fills the disk half-way leaves no entry behind, and two starts that prepare
 * the same entry at once both succeed: the first rename wins and the other start uses its
 * entry. An entry that is found damaged is put aside and extracted again; an entry or a
 * cache that is unsafe to run is not used at all.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class FastStartCache {

	/**
	 * The environment variable that tells a JVM which entry it runs from.
	 */
	public static final String ENTRY_VARIABLE = "BOOT_DAEMON_FAST_START";

	/**
	 * How long an entry that no JVM holds must have been unused before a start of another
	 * entry removes it: a JVM that is about to take its lock has been prepared just now.
	 */
	static final Duration UNUSED_BEFORE_REMOVAL = Duration.ofMinutes(1);

	private static final Pattern ENTRY_NAME = Pattern.compile("[0-9a-f]{16}");

	private static final Pattern TEMPORARY_NAME = Pattern.compile("\\.tmp-[0-9a-f]{16}-(\\d+)-\\d+");

	private static final String TRASH_PREFIX = ".trash-";

	private final Path directory;

	private final CacheSafety safety;

	private final JarExtractor extractor;

	private final String javaIdentity;

	private final ArchiveKind archiveKind;

	private final PathOwner owner;

	/**
	 * Create the cache in a directory for a daemon that runs as the user of this process.
	 * @param directory the directory of the cache
	 * @param java the java binary that runs the daemon
	 */
	public FastStartCache(Path directory, String java) {
		this(directory, java, null, List.of());
	}

	/**
	 * Create the cache in a directory for a daemon that runs as the given user: it must
	 * own the cache, and the jar is extracted as that user.
	 * @param directory the directory of the cache
	 * @param java the java binary that runs the daemon
	 * @param user the daemon's user, or {@code null} for the user of this process
	 * @param userSwitch the arguments that run a command as the daemon's user, or an
	 * empty list
	 */
	public FastStartCache(Path directory, String java, @Nullable DaemonUser user, List<String> userSwitch) {
		this(directory, new CacheSafety((user != null) ? user.getUid() : DaemonUser.Credentials.current().uid()),
				new JarExtractor(java, userSwitch), javaIdentity(java) + " " + Runtime.version(), ArchiveKind.current(),
				(user != null) ? user::own : PathOwner.THIS_USER);
	}

	FastStartCache(Path directory, CacheSafety safety, JarExtractor extractor, String javaIdentity,
			ArchiveKind archiveKind, PathOwner owner) {
		this.directory = directory.toAbsolutePath().normalize();
		this.safety = safety;
		this.extractor = extractor;
		this.javaIdentity = javaIdentity;
		this.archiveKind = archiveKind;
		this.owner = owner;
	}

	public Path getDirectory() {
		return this.directory;
	}

	/**
	 * Prepare the entry of a jar: check the one there is, or extract the jar into a new
	 * one, then remove what earlier starts left behind.
	 * @param jar the executable jar
	 * @param jvmOptions the options of the JVM that will run it
	 * @return the entry, whole and safe to run, and held by this JVM
	 * @throws FastStartUnavailable if the cache cannot be used, with the warning line
	 * @throws InterruptedException if interrupted while the jar is extracted
	 */
	public CacheEntry prepare(Path jar, List<String> jvmOptions) throws FastStartUnavailable, InterruptedException {
		String name;
		Path source;
		try {
			if (CacheSafety.createPrivateDirectory(this.directory)) {
				this.owner.own(this.directory);
			}
			String unsafe = this.safety.problem(this.directory);
			if (unsafe != null) {
				throw new FastStartUnavailable(CacheSafety.warning(this.directory, unsafe));
			}
			// Spring Boot's tool names the extracted jar after the file that a symbolic
			// link to the jar (current.jar -> app-1.2.jar) points to
			source = jar.toRealPath();
			name = EntryKey.of(source, this.javaIdentity + " " + source.getFileName(), jvmOptions);
		}
		catch (IOException ex) {
			throw unavailable(ex);
		}
		removeLeftovers();
		CacheEntry entry = new CacheEntry(this.directory.resolve(name), source.getFileName().toString(),
				this.archiveKind);
		try {
			if (!usable(entry)) {
				extract(source, entry, name);
			}
			if (Files.exists(entry.getArchive(), LinkOption.NOFOLLOW_LINKS) && !entry.hasArchive()) {
				Files.delete(entry.getArchive());
			}
		}
		catch (IOException ex) {
			throw unavailable(ex);
		}
		entry.holdWhileRunning();
		removeUnusedEntries(name);
		return entry;
	}

	private boolean usable(CacheEntry entry) throws IOException, FastStartUnavailable {
		if (!Files.exists(entry.getDirectory(), LinkOption.NOFOLLOW_LINKS)) {
			return false;
		}
		CacheEntry.Problem problem = entry.check(this.safety);
		if (problem == null) {
			return true;
		}
		if (problem.unsafe()) {
			throw new FastStartUnavailable(CacheSafety.warning(problem.path(), problem.problem()));
		}
		// Damaged: put aside, so that a JVM that still runs from it keeps its files
		moveToTrash(entry.getDirectory());
		return false;
	}

	private void extract(Path jar, CacheEntry entry, String name)
			throws IOException, InterruptedException, FastStartUnavailable {
		Path temporary = this.directory
			.resolve(".tmp-" + name + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
		CacheSafety.createPrivateDirectory(temporary);
		this.owner.own(temporary);
		try {
			this.extractor.extract(jar, temporary.resolve(CacheEntry.LAYOUT));
			CacheEntry prepared = new CacheEntry(temporary, entry.getJar().getFileName().toString(), this.archiveKind);
			if (!Files.isRegularFile(prepared.getJar())) {
				throw new IOException("the extracted layout has no " + prepared.getJar().getFileName());
			}
			prepared.writeIndex();
			this.owner.own(temporary.resolve(CacheEntry.INDEX));
			this.owner.own(temporary.resolve(CacheEntry.LOCK));
			try {
				Files.move(temporary, entry.getDirectory(), StandardCopyOption.ATOMIC_MOVE);
			}
			catch (FileSystemException ex) {
				// Another start renamed its entry into place first
				if (!usable(entry)) {
					throw ex;
				}
			}
		}
		finally {
			deleteRecursively(temporary);
		}
	}

	/**
	 * Remove the temporary directories of starts that ended before they renamed them, and
	 * the entries put aside.
	 */
	private void removeLeftovers() {
		try (DirectoryStream<Path> children = Files.newDirectoryStream(this.directory)) {
			for (Path child : children) {
				String name = child.getFileName().toString();
				Matcher temporary = TEMPORARY_NAME.matcher(name);
				if (name.startsWith(TRASH_PREFIX)
						|| (temporary.matches() && ProcessHandle.of(Long.parseLong(temporary.group(1))).isEmpty())) {
					deleteRecursively(child);
				}
			}
		}
		catch (IOException ex) {
			// A leftover costs disk space only
		}
	}

	/**
	 * Remove the entries of other jars, java runtimes or options that no JVM runs from.
	 * @param kept the name of the entry to keep
	 */
	private void removeUnusedEntries(String kept) {
		try (DirectoryStream<Path> children = Files.newDirectoryStream(this.directory)) {
			for (Path child : children) {
				String name = child.getFileName().toString();
				if (!name.equals(kept) && ENTRY_NAME.matcher(name).matches()
						&& new CacheEntry(child, "", this.archiveKind).isUnused(UNUSED_BEFORE_REMOVAL.toMillis())) {
					moveToTrash(child);
				}
			}
		}
		catch (IOException ex) {
			// An old entry costs disk space only
		}
		removeLeftovers();
	}

	private void moveToTrash(Path entry) throws IOException {
		Path trash = this.directory.resolve(TRASH_PREFIX + entry.getFileName() + "-" + System.nanoTime());
		Files.move(entry, trash, StandardCopyOption.ATOMIC_MOVE);
	}

	private static void deleteRecursively(Path path) {
		if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(path)) {
			paths.sorted(Comparator.reverseOrder()).forEach((each) -> {
				try {
					Files.deleteIfExists(each);
				}
				catch (IOException ex) {
					// Left for the next start's cleanup
				}
			});
		}
		catch (IOException ex) {
			// Left for the next start's cleanup
		}
	}

	private FastStartUnavailable unavailable(IOException ex) {
		return new FastStartUnavailable(
				"Fast start cache " + this.directory + " cannot be prepared (" + FileProblem.describe(ex)
						+ "), so the application starts from its jar: free disk space or fix the directory, "
						+ "or set daemon.fast-start.directory",
				ex);
	}

	private static String javaIdentity(String java) {
		try {
			return Path.of(java).toRealPath().toString();
		}
		catch (IOException ex) {
			return java;
		}
	}

	/**
	 * Return the entry that this JVM runs from, as its environment names it.
	 * @return the entry, or {@code null} if this JVM does not run from one
	 */
	public static @Nullable Path entryOfThisJvm() {
		String entry = System.getenv(ENTRY_VARIABLE);
		return (entry != null && !entry.isBlank()) ? Path.of(entry) : null;
	}

}
