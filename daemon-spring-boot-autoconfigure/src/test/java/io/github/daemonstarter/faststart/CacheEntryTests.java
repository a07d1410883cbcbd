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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

import io.github.daemonstarter.faststart.CacheEntry.Problem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Tests for {@link CacheEntry}, with an entry laid out on disk and real locks. The time
 * of the lock file is set by {@code touch} in another process: setting it in this JVM
 * opens and closes the file, which releases the locks that this process holds on it.
 *
 * @author Daemon Starter Team
 */
class CacheEntryTests {

	private static final long ONE_MINUTE = Duration.ofMinutes(1).toMillis();

	@TempDir
	Path directory;

	private Path entryDirectory;

	private CacheEntry entry;

	private CacheSafety safety;

	private int uid;

	@BeforeEach
	void layOutEntry() throws IOException {
		this.uid = (Integer) Files.getAttribute(this.directory, "unix:uid");
		this.safety = new CacheSafety(this.uid);
		this.entryDirectory = this.directory.resolve("0123456789abcdef");
		Files.createDirectories(layout().resolve("lib"));
		Files.writeString(layout().resolve("app.jar"), "the application's classes");
		Files.writeString(layout().resolve("lib/a.jar"), "a library");
		this.entry = new CacheEntry(this.entryDirectory, "app.jar", ArchiveKind.CDS);
	}

	@Test
	void pathsAreInTheEntryDirectory() {
		assertThat(this.entry.getDirectory()).isEqualTo(this.entryDirectory);
		assertThat(this.entry.getJar()).isEqualTo(this.entryDirectory.resolve("app/app.jar"));
		assertThat(this.entry.getArchive()).isEqualTo(this.entryDirectory.resolve("archive.jsa"));
		assertThat(new CacheEntry(this.entryDirectory, "app.jar", ArchiveKind.AOT).getArchive())
			.isEqualTo(this.entryDirectory.resolve("archive.aot"));
	}

	@Test
	void checkAfterWriteIndexReturnsNull() throws IOException {
		this.entry.writeIndex();
		assertThat(this.entry.check(this.safety)).isNull();
	}

	@Test
	void writeIndexListsEveryFileOfTheLayoutAndCreatesTheLock() throws IOException {
		this.entry.writeIndex();
		List<String> index = Files.readAllLines(this.entryDirectory.resolve(CacheEntry.INDEX));
		assertThat(index).hasSize(3);
		assertThat(index.get(0)).isEqualTo("daemon-fast-start-index 1");
		assertThat(index.subList(1, 3)).containsExactlyInAnyOrder("25 " + crc("the application's classes") + " app.jar",
				"9 " + crc("a library") + " lib/a.jar");
		assertThat(this.entryDirectory.resolve(CacheEntry.LOCK)).isEmptyFile();
	}

	@Test
	void writeIndexTakesTheWriteOfGroupAndOthersFromTheLayout() throws IOException {
		Files.setPosixFilePermissions(layout().resolve("lib"), PosixFilePermissions.fromString("rwxrwxrwx"));
		Files.setPosixFilePermissions(layout().resolve("app.jar"), PosixFilePermissions.fromString("rw-rw-rw-"));
		this.entry.writeIndex();
		assertThat(permissions(layout().resolve("lib"))).isEqualTo("rwxr-xr-x");
		assertThat(permissions(layout().resolve("app.jar"))).isEqualTo("rw-r--r--");
		assertThat(this.entry.check(this.safety)).isNull();
	}

	@Test
	void checkWhenFileTruncatedReturnsDamage() throws IOException {
		this.entry.writeIndex();
		Files.writeString(layout().resolve("lib/a.jar"), "a lib");
		assertDamaged(layout().resolve("lib/a.jar"), "is damaged (its size or CRC changed)");
	}

	@Test
	void checkWhenOneByteChangedKeepingTheSizeReturnsDamage() throws IOException {
		this.entry.writeIndex();
		Files.writeString(layout().resolve("app.jar"), "the application's clasSes");
		assertDamaged(layout().resolve("app.jar"), "is damaged (its size or CRC changed)");
	}

	@Test
	void checkWhenFileDeletedReturnsMissing() throws IOException {
		this.entry.writeIndex();
		Files.delete(layout().resolve("lib/a.jar"));
		assertDamaged(layout().resolve("lib/a.jar"), "is missing");
	}

	@Test
	void checkWhenFileReplacedByASymbolicLinkReturnsMissing() throws IOException {
		this.entry.writeIndex();
		Path same = Files.writeString(this.directory.resolve("a.jar"), "a library");
		Files.delete(layout().resolve("lib/a.jar"));
		Files.createSymbolicLink(layout().resolve("lib/a.jar"), same);
		assertDamaged(layout().resolve("lib/a.jar"), "is missing");
	}

	@Test
	void checkWhenLockFileMissingReturnsMissing() throws IOException {
		this.entry.writeIndex();
		Files.delete(lock());
		assertDamaged(lock(), "is missing");
	}

	@Test
	void checkWhenIndexMissingReturnsProblem() throws IOException {
		assertDamaged(index(), "cannot be read");
	}

	@Test
	void checkWhenIndexIsGarbageReturnsProblem() throws IOException {
		this.entry.writeIndex();
		Files.write(index(), new byte[] { 0x50, 0x4b, 0x03, 0x04, 0, 0, 0x7f, '\n', 'x' });
		assertDamaged(index(), "is not an index of the layout");
	}

	@Test
	void checkWhenIndexIsEmptyReturnsProblem() throws IOException {
		this.entry.writeIndex();
		Files.write(index(), new byte[0]);
		assertDamaged(index(), "is not an index of the layout");
	}

	@Test
	void checkWhenIndexLineLacksAFieldReturnsProblem() throws IOException {
		this.entry.writeIndex();
		Files.writeString(index(), "daemon-fast-start-index 1\n25 " + crc("the application's classes") + "\n");
		assertDamaged(index(), "is damaged");
	}

	@Test
	void checkWhenIndexSizeIsNotANumberReturnsProblem() throws IOException {
		this.entry.writeIndex();
		Files.writeString(index(), "daemon-fast-start-index 1\n2x " + crc("the application's classes") + " app.jar\n");
		assertDamaged(index(), "is damaged");
	}

	@Test
	void checkWhenIndexNamesAnInvalidPathReturnsProblem() throws IOException {
		this.entry.writeIndex();
		Files.writeString(index(),
				"daemon-fast-start-index 1\n25 " + crc("the application's classes") + " app\u0000.jar\n");
		assertDamaged(index(), "is damaged");
	}

	@Test
	void checkWhenIndexNamesAFileOutsideTheLayoutReturnsProblem() throws IOException {
		this.entry.writeIndex();
		Files.writeString(this.entryDirectory.resolve("x"), "outside");
		Files.writeString(index(), "daemon-fast-start-index 1\n7 " + crc("outside") + " ../x\n");
		assertDamaged(index(), "names a file outside the layout");
	}

	@Test
	void checkWhenIndexNamesAnAbsoluteFileReturnsProblem() throws IOException {
		this.entry.writeIndex();
		Path outside = Files.writeString(this.directory.resolve("outside.jar"), "outside");
		Files.writeString(index(), "daemon-fast-start-index 1\n7 " + crc("outside") + " " + outside + "\n");
		assertDamaged(index(), "names a file outside the layout");
	}

	@Test
	void checkWhenLayoutFileWritableByOthersReturnsUnsafeProblem() throws IOException {
		this.entry.writeIndex();
		Files.setPosixFilePermissions(layout().resolve("lib/a.jar"), PosixFilePermissions.fromString("rw-r--rw-"));
		assertUnsafe(layout().resolve("lib/a.jar"), "is writable by its group or by others (mode 646)");
	}

	@Test
	void checkWhenLayoutDirectoryWritableByOthersReturnsUnsafeProblem() throws IOException {
		this.entry.writeIndex();
		Files.setPosixFilePermissions(layout().resolve("lib"), PosixFilePermissions.fromString("rwxr-xrwx"));
		assertUnsafe(layout().resolve("lib"), "is writable by its group or by others (mode 757)");
	}

	@Test
	void checkWhenEntryDirectoryWritableByGroupReturnsUnsafeProblem() throws IOException {
		this.entry.writeIndex();
		Files.setPosixFilePermissions(this.entryDirectory, PosixFilePermissions.fromString("rwxrwx---"));
		assertUnsafe(this.entryDirectory, "is writable by its group or by others (mode 770)");
	}

	@Test
	void checkWhenIndexWritableByOthersReturnsUnsafeProblem() throws IOException {
		this.entry.writeIndex();
		Files.setPosixFilePermissions(index(), PosixFilePermissions.fromString("rw-rw-rw-"));
		assertUnsafe(index(), "is writable by its group or by others (mode 666)");
	}

	@Test
	void checkWhenArchiveWritableByOthersReturnsUnsafeProblem() throws IOException {
		this.entry.writeIndex();
		archive(ArchiveKind.CDS, 0xf00baba2, 4096, ByteOrder.nativeOrder());
		Files.setPosixFilePermissions(this.entry.getArchive(), PosixFilePermissions.fromString("rw-r--rw-"));
		assertUnsafe(this.entry.getArchive(), "is writable by its group or by others (mode 646)");
	}

	@Test
	void checkWhenOwnedByAnotherUserReturnsUnsafeProblem() throws IOException {
		this.entry.writeIndex();
		Problem problem = this.entry.check(new CacheSafety(this.uid + 1));
		assertThat(problem).isNotNull();
		assertThat(problem.path()).isEqualTo(this.entryDirectory);
		assertThat(problem.problem()).startsWith("is owned by uid " + this.uid);
		assertThat(problem.unsafe()).isTrue();
	}

	@Test
	void hasArchiveWhenMissingReturnsFalse() {
		assertThat(this.entry.hasArchive()).isFalse();
	}

	@ParameterizedTest
	@ValueSource(ints = { 0xf00baba2, 0xf00baba8 })
	void hasArchiveWhenArchiveStartsWithTheMagicReturnsTrue(int magic) throws IOException {
		archive(ArchiveKind.CDS, magic, 4096, ByteOrder.nativeOrder());
		assertThat(this.entry.hasArchive()).isTrue();
	}

	@Test
	void hasArchiveOfAnAotEntryReadsTheAotCache() throws IOException {
		CacheEntry aot = new CacheEntry(this.entryDirectory, "app.jar", ArchiveKind.AOT);
		archive(ArchiveKind.CDS, 0xf00baba2, 8192, ByteOrder.nativeOrder());
		assertThat(aot.hasArchive()).isFalse();
		archive(ArchiveKind.AOT, 0xf00baba2, 8192, ByteOrder.nativeOrder());
		assertThat(aot.hasArchive()).isTrue();
	}

	@Test
	void hasArchiveWhenSmallerThan4096BytesReturnsFalse() throws IOException {
		archive(ArchiveKind.CDS, 0xf00baba2, 4095, ByteOrder.nativeOrder());
		assertThat(this.entry.hasArchive()).isFalse();
	}

	@Test
	void hasArchiveWhenGarbageReturnsFalse() throws IOException {
		archive(ArchiveKind.CDS, 0x504b0304, 65536, ByteOrder.nativeOrder());
		assertThat(this.entry.hasArchive()).isFalse();
	}

	@Test
	void hasArchiveWhenMagicInTheOtherByteOrderReturnsFalse() throws IOException {
		ByteOrder other = (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) ? ByteOrder.BIG_ENDIAN
				: ByteOrder.LITTLE_ENDIAN;
		archive(ArchiveKind.CDS, 0xf00baba2, 4096, other);
		assertThat(this.entry.hasArchive()).isFalse();
	}

	@Test
	void hasArchiveWhenSymbolicLinkToAnArchiveReturnsFalse() throws IOException {
		Path elsewhere = this.directory.resolve("elsewhere.jsa");
		Files.move(archive(ArchiveKind.CDS, 0xf00baba2, 4096, ByteOrder.nativeOrder()), elsewhere);
		Files.createSymbolicLink(this.entry.getArchive(), elsewhere);
		assertThat(this.entry.hasArchive()).isFalse();
	}

	@Test
	void isUnusedWhenNotUsedForLongerAndNotHeldReturnsTrue() throws Exception {
		this.entry.writeIndex();
		lastUsed(Duration.ofMinutes(2));
		assertThat(this.entry.isUnused(ONE_MINUTE)).isTrue();
	}

	@Test
	void isUnusedWhenUsedWithinTheTimeReturnsFalse() throws Exception {
		this.entry.writeIndex();
		lastUsed(Duration.ofSeconds(30));
		assertThat(this.entry.isUnused(ONE_MINUTE)).isFalse();
	}

	@Test
	void isUnusedWhenNoLockFileAndChangedWithinTheTimeReturnsFalse() {
		assertThat(this.entry.isUnused(ONE_MINUTE)).isFalse();
	}

	@Test
	void isUnusedWhenNoLockFileAndUnchangedForLongerReturnsTrue() throws Exception {
		touch(this.entryDirectory, Instant.now().minus(Duration.ofMinutes(2)));
		assertThat(this.entry.isUnused(ONE_MINUTE)).isTrue();
	}

	@Test
	void holdWhileRunningWhenTheEntryWasMadeAgainUnderItsNameHoldsTheNewOne() throws Exception {
		this.entry.writeIndex();
		this.entry.holdWhileRunning();
		Path aside = Files.move(this.entryDirectory, this.directory.resolve(".trash-entry"));
		layOutEntry();
		this.entry.writeIndex();
		this.entry.holdWhileRunning();
		assertThat(locksOf(ProcessHandle.current().pid())).singleElement().asString().contains("READ");
		assertThat(posixLocks(aside.resolve(CacheEntry.LOCK), ProcessHandle.current().pid())).isEmpty();
	}

	@Test
	void releaseLetsACleanupRemoveTheEntry() throws Exception {
		this.entry.writeIndex();
		this.entry.holdWhileRunning();
		this.entry.release();
		assertThat(locksOf(ProcessHandle.current().pid())).isEmpty();
		lastUsed(Duration.ofMinutes(2));
		assertThat(this.entry.isUnused(ONE_MINUTE)).isTrue();
	}

	@Test
	void releaseWhenNotHeldDoesNothing() throws IOException {
		this.entry.writeIndex();
		this.entry.release();
		assertThat(locksOf(ProcessHandle.current().pid())).isEmpty();
	}

	@Test
	void holdWhileRunningMarksTheEntryUsedNow() throws Exception {
		this.entry.writeIndex();
		lastUsed(Duration.ofMinutes(2));
		Instant before = Instant.now().minusSeconds(1);
		this.entry.holdWhileRunning();
		assertThat(Files.getLastModifiedTime(lock()).toInstant()).isAfter(before);
	}

	@Test
	void holdWhileRunningHoldsASharedLockOnce() throws Exception {
		this.entry.writeIndex();
		this.entry.holdWhileRunning();
		this.entry.holdWhileRunning();
		new CacheEntry(this.entryDirectory, "other.jar", ArchiveKind.CDS).holdWhileRunning();
		assertThat(locksOf(ProcessHandle.current().pid())).singleElement().asString().contains("READ");
	}

	@Test
	void isUnusedWhenHeldByThisJvmReturnsFalseAndKeepsTheLock() throws Exception {
		this.entry.writeIndex();
		this.entry.holdWhileRunning();
		lastUsed(Duration.ofMinutes(2));
		assertThat(this.entry.isUnused(ONE_MINUTE)).isFalse();
		assertThat(new CacheEntry(this.entryDirectory, "", ArchiveKind.CDS).isUnused(0)).isFalse();
		assertThat(locksOf(ProcessHandle.current().pid())).singleElement().asString().contains("READ");
	}

	@Test
	void isUnusedWhenHeldByAnotherProcessReturnsFalseUntilItEnds() throws Exception {
		this.entry.writeIndex();
		Path log = this.directory.resolve("holder.log");
		Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
				HoldEntry.class.getName(), this.entryDirectory.toString())
			.redirectError(log.toFile())
			.start();
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
			assertThat(output.readLine()).as(() -> read(log)).isEqualTo("held");
			assertThat(locksOf(holder.pid())).singleElement().asString().contains("READ");
			lastUsed(Duration.ofMinutes(2));
			assertThat(this.entry.isUnused(ONE_MINUTE)).isFalse();
			holder.getOutputStream().close();
			assertThat(holder.waitFor(60, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			holder.destroyForcibly();
		}
		assertThat(this.entry.isUnused(ONE_MINUTE)).isTrue();
	}

	@Test
	void atFindsTheJarOfTheLayout() throws IOException {
		Files.delete(layout().resolve("lib/a.jar"));
		Files.writeString(layout().resolve("application.properties"), "");
		CacheEntry found = CacheEntry.at(this.entryDirectory);
		assertThat(found.getJar()).isEqualTo(layout().resolve("app.jar"));
		assertThat(found.getArchiveKind()).isEqualTo(ArchiveKind.current());
	}

	@Test
	void atWhenNoLayoutThrowsException() {
		assertThatIOException().isThrownBy(() -> CacheEntry.at(this.directory.resolve("missing")));
	}

	private void assertDamaged(Path path, String expected) throws IOException {
		Problem problem = this.entry.check(this.safety);
		assertThat(problem).isEqualTo(new Problem(path, expected, false));
	}

	private void assertUnsafe(Path path, String expected) throws IOException {
		Problem problem = this.entry.check(this.safety);
		assertThat(problem).isEqualTo(new Problem(path, expected, true));
	}

	private Path archive(ArchiveKind kind, int magic, int size, ByteOrder order) throws IOException {
		ByteBuffer content = ByteBuffer.allocate(size).order(order).putInt(0, magic);
		return Files.write(this.entryDirectory.resolve(kind.fileName()), content.array());
	}

	private void lastUsed(Duration ago) throws IOException, InterruptedException {
		touch(lock(), Instant.now().minus(ago));
	}

	/**
	 * Return the content of the smallest file that {@link CacheEntry#hasArchive()} takes
	 * for a class data archive: 4 KiB that start with the magic number of a CDS archive.
	 * @return the content
	 */
	static byte[] archiveContent() {
		return ByteBuffer.allocate(4096).order(ByteOrder.nativeOrder()).putInt(0, 0xf00baba2).array();
	}

	static void touch(Path file, Instant time) throws IOException, InterruptedException {
		Process touch = new ProcessBuilder("touch", "-m", "-d", "@" + time.getEpochSecond(), file.toString())
			.redirectErrorStream(true)
			.start();
		assertThat(touch.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(touch.exitValue()).as(() -> new String(readOutput(touch), StandardCharsets.UTF_8)).isZero();
	}

	private static byte[] readOutput(Process process) {
		try {
			return process.getInputStream().readAllBytes();
		}
		catch (IOException ex) {
			return ex.toString().getBytes(StandardCharsets.UTF_8);
		}
	}

	private List<String> locksOf(long pid) throws IOException {
		return posixLocks(lock(), pid);
	}

	static List<String> posixLocks(Path file, long pid) throws IOException {
		long inode = ((Number) Files.getAttribute(file, "unix:ino")).longValue();
		return Files.readAllLines(Path.of("/proc/locks"))
			.stream()
			.filter((line) -> line.contains(":" + inode + " ") && !line.contains("->"))
			.filter((line) -> line.contains(" POSIX ") && line.contains(" " + pid + " "))
			.toList();
	}

	private Path layout() {
		return this.entryDirectory.resolve(CacheEntry.LAYOUT);
	}

	private Path index() {
		return this.entryDirectory.resolve(CacheEntry.INDEX);
	}

	private Path lock() {
		return this.entryDirectory.resolve(CacheEntry.LOCK);
	}

	private static String permissions(Path path) throws IOException {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
	}

	private static String crc(String content) {
		CRC32 crc = new CRC32();
		crc.update(content.getBytes(StandardCharsets.UTF_8));
		return Long.toHexString(crc.getValue());
	}

	private static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return ex.toString();
		}
	}

	/**
	 * Holds the entry named by its argument in a JVM of its own, says {@code held}, and
	 * keeps it until its input ends.
	 */
	public static final class HoldEntry {

		private HoldEntry() {
		}

		public static void main(String[] args) throws IOException {
			new CacheEntry(Path.of(args[0]), "app.jar", ArchiveKind.CDS).holdWhileRunning();
			System.out.println("held");
			System.out.flush();
			while (System.in.read() != -1) {
				// Until the test closes the input
			}
		}

	}

}
