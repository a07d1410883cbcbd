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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link FastStartCache}, with a cache on disk and an extractor that lays out
 * the jar as Spring Boot's tool does, without running it.
 *
 * @author Daemon Starter Team
 */
class FastStartCacheTests {

	private static final String JAVA = "/opt/jdk/bin/java 17.0.15+6";

	private static final List<String> OPTIONS = List.of("-Xmx64m");

	@TempDir
	Path directory;

	private Path cacheDirectory;

	private Path jar;

	private int uid;

	private final LayingOutExtractor extractor = new LayingOutExtractor();

	@BeforeEach
	void createJar() throws IOException {
		this.uid = (Integer) Files.getAttribute(this.directory, "unix:uid");
		this.cacheDirectory = this.directory.resolve("run/shop-fast-start");
		this.jar = Files.createDirectories(this.directory.resolve("dist")).resolve("shop.jar");
		try (JarOutputStream output = new JarOutputStream(Files.newOutputStream(this.jar))) {
			// An empty jar has a central directory
		}
	}

	@Test
	void prepareCreatesThePrivateCacheAndAnEntryWithItsLayoutIndexAndLock() throws Exception {
		CacheEntry entry = cache(this.extractor).prepare(this.jar, OPTIONS);
		assertThat(permissions(this.cacheDirectory)).isEqualTo("rwx------");
		assertThat(entry.getDirectory().getParent()).isEqualTo(this.cacheDirectory);
		assertThat(entry.getDirectory().getFileName().toString()).matches("[0-9a-f]{16}");
		assertThat(permissions(entry.getDirectory())).isEqualTo("rwx------");
		assertThat(entry.getJar()).isEqualTo(entry.getDirectory().resolve("app/shop.jar"))
			.hasSameTextualContentAs(this.jar);
		assertThat(entry.getDirectory().resolve("app/lib/a.jar")).hasContent("a library");
		assertThat(entry.getDirectory().resolve(CacheEntry.INDEX)).isRegularFile();
		assertThat(entry.getDirectory().resolve(CacheEntry.LOCK)).isRegularFile();
		assertThat(entry.getArchiveKind()).isEqualTo(ArchiveKind.CDS);
		assertThat(entry.check(new CacheSafety(this.uid))).isNull();
		assertThat(children()).containsExactly(entry.getDirectory().getFileName().toString());
		assertThat(this.extractor.calls).hasValue(1);
	}

	@Test
	void prepareWhenTheJarIsASymbolicLinkExtractsTheFileItPointsTo() throws Exception {
		Path link = Files.createSymbolicLink(this.directory.resolve("current.jar"), this.jar);
		CacheEntry entry = cache(this.extractor).prepare(link, OPTIONS);
		assertThat(entry.getJar()).isEqualTo(entry.getDirectory().resolve("app/shop.jar"))
			.hasSameTextualContentAs(this.jar);
		assertThat(entry.check(new CacheSafety(this.uid))).isNull();
		assertThat(cache(this.extractor).prepare(this.jar, OPTIONS).getDirectory()).isEqualTo(entry.getDirectory());
	}

	@Test
	void prepareHoldsTheEntryForAsLongAsThisJvmRuns() throws Exception {
		CacheEntry entry = cache(this.extractor).prepare(this.jar, OPTIONS);
		assertThat(CacheEntryTests.posixLocks(entry.getDirectory().resolve(CacheEntry.LOCK),
				ProcessHandle.current().pid()))
			.singleElement()
			.asString()
			.contains("READ");
	}

	@Test
	void prepareGivesWhatItCreatesToTheDaemonsUser() throws Exception {
		List<Path> owned = new CopyOnWriteArrayList<>();
		FastStartCache cache = new FastStartCache(this.cacheDirectory, new CacheSafety(this.uid), this.extractor, JAVA,
				ArchiveKind.CDS, owned::add);
		cache.prepare(this.jar, OPTIONS);
		assertThat(owned).hasSize(4);
		assertThat(owned.get(0)).isEqualTo(this.cacheDirectory);
		Path temporary = owned.get(1);
		assertThat(temporary.getParent()).isEqualTo(this.cacheDirectory);
		assertThat(temporary.getFileName().toString()).startsWith(".tmp-");
		assertThat(owned.subList(2, 4)).containsExactly(temporary.resolve(CacheEntry.INDEX),
				temporary.resolve(CacheEntry.LOCK));
	}

	@Test
	void prepareWhenEntryIsWholeReusesItWithoutExtracting() throws Exception {
		FastStartCache cache = cache(this.extractor);
		CacheEntry first = cache.prepare(this.jar, OPTIONS);
		CacheEntry second = cache(this.extractor).prepare(this.jar, OPTIONS);
		assertThat(second.getDirectory()).isEqualTo(first.getDirectory());
		assertThat(this.extractor.calls).hasValue(1);
	}

	@Test
	void prepareWithOtherOptionsMakesAnotherEntry() throws Exception {
		CacheEntry first = cache(this.extractor).prepare(this.jar, OPTIONS);
		CacheEntry other = cache(this.extractor).prepare(this.jar, List.of("-Xmx128m"));
		assertThat(other.getDirectory()).isNotEqualTo(first.getDirectory());
		assertThat(this.extractor.calls).hasValue(2);
	}

	@Test
	void prepareWhenEntryIsDamagedExtractsItAgainAndRemovesTheOldOne() throws Exception {
		CacheEntry first = cache(this.extractor).prepare(this.jar, OPTIONS);
		Files.writeString(first.getDirectory().resolve("app/lib/a.jar"), "a lib");
		CacheEntry second = cache(this.extractor).prepare(this.jar, OPTIONS);
		assertThat(second.getDirectory()).isEqualTo(first.getDirectory());
		assertThat(second.getDirectory().resolve("app/lib/a.jar")).hasContent("a library");
		assertThat(second.check(new CacheSafety(this.uid))).isNull();
		assertThat(this.extractor.calls).hasValue(2);
		assertThat(children()).containsExactly(second.getDirectory().getFileName().toString());
	}

	@Test
	void prepareWhenEntryLacksItsLockFileExtractsAgainAndHoldsTheNewOne() throws Exception {
		CacheEntry first = cache(this.extractor).prepare(this.jar, OPTIONS);
		Files.delete(first.getDirectory().resolve(CacheEntry.LOCK));
		CacheEntry second = cache(this.extractor).prepare(this.jar, OPTIONS);
		assertThat(second.check(new CacheSafety(this.uid))).isNull();
		assertThat(this.extractor.calls).hasValue(2);
		assertThat(CacheEntryTests.posixLocks(second.getDirectory().resolve(CacheEntry.LOCK),
				ProcessHandle.current().pid()))
			.singleElement()
			.asString()
			.contains("READ");
	}

	@Test
	void prepareWhenIndexIsGarbledExtractsAgain() throws Exception {
		CacheEntry first = cache(this.extractor).prepare(this.jar, OPTIONS);
		Files.writeString(first.getDirectory().resolve(CacheEntry.INDEX), "daemon-fast-start-index 1\n1O 0 shop.jar\n");
		CacheEntry second = cache(this.extractor).prepare(this.jar, OPTIONS);
		assertThat(second.check(new CacheSafety(this.uid))).isNull();
		assertThat(this.extractor.calls).hasValue(2);
	}

	@Test
	void prepareWhenEntryFileIsWritableByOthersThrowsExceptionAndKeepsTheEntry() throws Exception {
		CacheEntry first = cache(this.extractor).prepare(this.jar, OPTIONS);
		Files.setPosixFilePermissions(first.getJar(), PosixFilePermissions.fromString("rw-r--rw-"));
		assertThatExceptionOfType(FastStartUnavailable.class)
			.isThrownBy(() -> cache(this.extractor).prepare(this.jar, OPTIONS))
			.withMessage(CacheSafety.warning(first.getJar(), "is writable by its group or by others (mode 646)"));
		assertThat(first.getJar()).exists();
		assertThat(this.extractor.calls).hasValue(1);
	}

	@Test
	void prepareWhenCacheIsWritableByOthersThrowsExceptionWithTheWarning() throws Exception {
		Files.createDirectories(this.cacheDirectory);
		Files.setPosixFilePermissions(this.cacheDirectory, PosixFilePermissions.fromString("rwxrwxrwx"));
		assertThatExceptionOfType(FastStartUnavailable.class)
			.isThrownBy(() -> cache(this.extractor).prepare(this.jar, OPTIONS))
			.withMessage(CacheSafety.warning(this.cacheDirectory, "is writable by its group or by others (mode 777)"));
		assertThat(this.extractor.calls).hasValue(0);
		assertThat(children()).isEmpty();
	}

	@Test
	void prepareWhenCacheIsASymbolicLinkThrowsExceptionWithTheWarning() throws Exception {
		Path target = Files.createDirectory(this.directory.resolve("elsewhere"));
		Files.createDirectories(this.cacheDirectory.getParent());
		Files.createSymbolicLink(this.cacheDirectory, target);
		assertThatExceptionOfType(FastStartUnavailable.class)
			.isThrownBy(() -> cache(this.extractor).prepare(this.jar, OPTIONS))
			.withMessage(CacheSafety.warning(this.cacheDirectory, "is a symbolic link"));
		assertThat(this.extractor.calls).hasValue(0);
	}

	@Test
	void prepareWhenCacheIsOwnedByAnotherUserThrowsException() throws Exception {
		FastStartCache cache = new FastStartCache(this.cacheDirectory, new CacheSafety(this.uid + 1), this.extractor,
				JAVA, ArchiveKind.CDS, PathOwner.THIS_USER);
		assertThatExceptionOfType(FastStartUnavailable.class).isThrownBy(() -> cache.prepare(this.jar, OPTIONS))
			.withMessageStartingWith("Fast start cache " + this.cacheDirectory + " is owned by uid " + this.uid)
			.withMessageEndingWith("or set daemon.fast-start.directory");
	}

	@Test
	void prepareWhenAFileIsInTheWayOfTheDirectorySaysSo() throws Exception {
		Files.createDirectories(this.cacheDirectory.getParent());
		Files.writeString(this.cacheDirectory, "not a directory");
		assertThatExceptionOfType(FastStartUnavailable.class)
			.isThrownBy(() -> cache(new LayingOutExtractor()).prepare(this.jar, OPTIONS))
			.withMessageStartingWith("Fast start cache " + this.cacheDirectory + " cannot be prepared ("
					+ this.cacheDirectory + " is not a directory)");
	}

	@Test
	void prepareWhenExtractorFailsThrowsExceptionNamingTheCacheAndLeavesNothing() throws Exception {
		JarExtractor failing = new LayingOutExtractor() {

			@Override
			void extract(Path jar, Path destination) throws IOException, InterruptedException {
				super.extract(jar, destination);
				throw new IOException("No space left on device");
			}

		};
		assertThatExceptionOfType(FastStartUnavailable.class)
			.isThrownBy(() -> cache(failing).prepare(this.jar, OPTIONS))
			.withMessageStartingWith("Fast start cache " + this.cacheDirectory + " cannot be prepared")
			.withMessageContaining("No space left on device")
			.withMessageEndingWith("or set daemon.fast-start.directory")
			.withCauseInstanceOf(IOException.class);
		assertThat(children()).isEmpty();
	}

	@Test
	void prepareWhenLayoutLacksTheJarThrowsException() throws Exception {
		JarExtractor withoutJar = new JarExtractor("java", List.of()) {

			@Override
			void extract(Path jar, Path destination) throws IOException {
				Files.createDirectories(destination.resolve("lib"));
			}

		};
		assertThatExceptionOfType(FastStartUnavailable.class)
			.isThrownBy(() -> cache(withoutJar).prepare(this.jar, OPTIONS))
			.withMessageContaining("the extracted layout has no shop.jar");
		assertThat(children()).isEmpty();
	}

	@Test
	void prepareRemovesTemporaryDirectoriesOfEndedStartsAndTrash() throws Exception {
		Files.createDirectories(this.cacheDirectory);
		Path ended = Files.createDirectories(
				this.cacheDirectory.resolve(".tmp-0123456789abcdef-" + endedPid() + "-1").resolve("app/lib"));
		Path trash = Files.createDirectories(this.cacheDirectory.resolve(".trash-0123456789abcdef-5").resolve("app"));
		Path running = Files.createDirectories(
				this.cacheDirectory.resolve(".tmp-0123456789abcdef-" + ProcessHandle.current().pid() + "-1"));
		Files.writeString(ended.resolve("a.jar"), "half");
		Files.writeString(trash.resolve("shop.jar"), "old");
		CacheEntry entry = cache(this.extractor).prepare(this.jar, OPTIONS);
		assertThat(children()).containsExactlyInAnyOrder(entry.getDirectory().getFileName().toString(),
				running.getFileName().toString());
	}

	@Test
	void prepareRemovesEntriesUnusedForLongerThanAMinuteAndKeepsRecentOnes() throws Exception {
		Path old = unheldEntry("0123456789abcdef", Duration.ofMinutes(2));
		Path recent = unheldEntry("fedcba9876543210", Duration.ofSeconds(10));
		Path other = Files.createDirectories(this.cacheDirectory.resolve("notes"));
		Files.setLastModifiedTime(other, FileTime.from(Instant.now().minus(Duration.ofDays(1))));
		CacheEntry entry = cache(this.extractor).prepare(this.jar, OPTIONS);
		assertThat(children()).containsExactlyInAnyOrder(entry.getDirectory().getFileName().toString(),
				recent.getFileName().toString(), "notes");
		assertThat(old).doesNotExist();
	}

	@Test
	void prepareRemovesAnArchiveThatIsNotOneAndKeepsOneThatIs() throws Exception {
		CacheEntry entry = cache(this.extractor).prepare(this.jar, OPTIONS);
		Files.writeString(entry.getArchive(), "garbage");
		cache(this.extractor).prepare(this.jar, OPTIONS);
		assertThat(entry.getArchive()).doesNotExist();
		Files.write(entry.getArchive(), CacheEntryTests.archiveContent());
		cache(this.extractor).prepare(this.jar, OPTIONS);
		assertThat(entry.hasArchive()).isTrue();
	}

	@Test
	void prepareWhenTwoThreadsPrepareAFreshCacheBothGetTheEntry() throws Exception {
		CountDownLatch bothExtracting = new CountDownLatch(2);
		LayingOutExtractor meeting = new LayingOutExtractor() {

			@Override
			void extract(Path jar, Path destination) throws IOException, InterruptedException {
				bothExtracting.countDown();
				if (!bothExtracting.await(30, TimeUnit.SECONDS)) {
					throw new IOException("The other start did not extract at the same time");
				}
				super.extract(jar, destination);
			}

		};
		ExecutorService executor = Executors.newFixedThreadPool(2);
		try {
			Future<CacheEntry> first = executor.submit(() -> cache(meeting).prepare(this.jar, OPTIONS));
			Future<CacheEntry> second = executor.submit(() -> cache(meeting).prepare(this.jar, OPTIONS));
			CacheEntry one = first.get(60, TimeUnit.SECONDS);
			CacheEntry other = second.get(60, TimeUnit.SECONDS);
			assertThat(other.getDirectory()).isEqualTo(one.getDirectory());
			assertThat(one.check(new CacheSafety(this.uid))).isNull();
			assertThat(meeting.calls).hasValue(2);
			assertThat(children()).containsExactly(one.getDirectory().getFileName().toString());
		}
		finally {
			executor.shutdownNow();
		}
	}

	private FastStartCache cache(JarExtractor extractor) {
		return new FastStartCache(this.cacheDirectory, new CacheSafety(this.uid), extractor, JAVA, ArchiveKind.CDS,
				PathOwner.THIS_USER);
	}

	private Path unheldEntry(String name, Duration unusedFor) throws IOException {
		Path entry = Files.createDirectories(this.cacheDirectory.resolve(name).resolve("app"));
		Path lock = Files.createFile(entry.resolveSibling(CacheEntry.LOCK));
		Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minus(unusedFor)));
		return entry.getParent();
	}

	private List<String> children() throws IOException {
		try (Stream<Path> children = Files.list(this.cacheDirectory)) {
			return children.map((child) -> child.getFileName().toString()).sorted().toList();
		}
	}

	private static long endedPid() throws Exception {
		Process process = new ProcessBuilder("true").start();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		return process.pid();
	}

	private static String permissions(Path path) throws IOException {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
	}

	/**
	 * Lays out a jar as {@code -Djarmode=tools extract} does: the jar under its own name
	 * with a library beside it.
	 */
	static class LayingOutExtractor extends JarExtractor {

		final AtomicInteger calls = new AtomicInteger();

		LayingOutExtractor() {
			super("java", List.of());
		}

		@Override
		void extract(Path jar, Path destination) throws IOException, InterruptedException {
			this.calls.incrementAndGet();
			Files.createDirectories(destination.resolve("lib"));
			// As Spring Boot's tool does: named after the file that a link points to
			Files.copy(jar, destination.resolve(jar.toRealPath().getFileName()));
			Files.writeString(destination.resolve("lib/a.jar"), "a library");
		}

	}

}
