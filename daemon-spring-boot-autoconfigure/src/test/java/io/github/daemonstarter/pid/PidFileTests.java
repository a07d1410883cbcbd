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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.daemonstarter.DaemonException;
import io.github.daemonstarter.ExitStatus;
import io.github.daemonstarter.pid.PidFileStatus.State;
import io.github.daemonstarter.posix.Posix;
import io.github.daemonstarter.posix.ProcFs;
import io.github.daemonstarter.posix.ProcessState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link PidFile}, with real files and real {@code flock(2)} locks.
 *
 * @author Daemon Starter Team
 */
class PidFileTests {

	private static final long PID = ProcessHandle.current().pid();

	@TempDir
	Path directory;

	private Path path;

	private PidFile pidFile;

	private PidFileLock lock;

	@BeforeEach
	void createPidFile() {
		this.path = this.directory.resolve("app.pid");
		this.pidFile = new PidFile(Posix.get(), this.path);
	}

	@AfterEach
	void releaseLock() {
		if (this.lock != null) {
			this.lock.release();
		}
	}

	@Test
	void createWhenPathIsRelativeThrowsException() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PidFile(Posix.get(), Path.of("app.pid")))
			.withMessageContaining("'path' must be absolute");
	}

	@Test
	void lockCreatesFileWithoutGroupOrOthersWrite() throws IOException {
		this.lock = this.pidFile.lock();
		assertThat(this.lock.isHeld()).isTrue();
		assertThat(this.lock.getPath()).isEqualTo(this.path);
		assertThat(this.path).isRegularFile();
		String permissions = permissions(this.path);
		assertThat(permissions).startsWith("rw-");
		assertThat(permissions.charAt(4)).isEqualTo('-');
		assertThat(permissions.charAt(7)).isEqualTo('-');
		assertThat(permissions.charAt(2)).isEqualTo('-');
	}

	@Test
	void lockHoldsFlockVisibleInProcLocks() throws IOException {
		this.lock = this.pidFile.lock();
		assertThat(procLocksFor(this.path)).singleElement()
			.asString()
			.contains("FLOCK")
			.contains("WRITE")
			.contains(" " + PID + " ");
	}

	@Test
	void lockWhenLockedThrowsExceptionWithHolderPidPromptly() throws IOException {
		this.lock = this.pidFile.lock();
		Files.writeString(this.path, Long.toString(PID));
		long start = System.nanoTime();
		assertThatExceptionOfType(PidFileLockedException.class)
			.isThrownBy(() -> new PidFile(Posix.get(), this.path).lock())
			.satisfies((ex) -> assertThat(ex.getPid()).isEqualTo(PID))
			.withMessageContaining(this.path.toString())
			.withMessageContaining("pid " + PID);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
	}

	@Test
	void lockWhenHolderIsNotNamedInFileWaitsForItsRelease() throws IOException {
		PidFileLock removing = this.pidFile.lock();
		Files.writeString(this.path, "4321");
		CompletableFuture.runAsync(removing::release, CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
		this.lock = new PidFile(Posix.get(), this.path).lock();
		assertThat(this.lock.isHeld()).isTrue();
		assertThat(removing.isHeld()).isFalse();
	}

	@Test
	void lockWhenHolderUnknownWaitsThenNamesPidInFile() throws IOException {
		this.lock = this.pidFile.lock();
		Files.writeString(this.path, "4321");
		PidFile blind = new PidFile(Posix::get, this.path,
				new LockHolders(ProcFs.at(this.directory.resolve("no-locks"))));
		long start = System.nanoTime();
		assertThatExceptionOfType(PidFileLockedException.class).isThrownBy(blind::lock)
			.satisfies((ex) -> assertThat(ex.getPid()).isEqualTo(4321L));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(2))
			.isLessThan(Duration.ofSeconds(10));
	}

	@Test
	void readPidWhenFileIsLargerThanAPidFileReturnsNull() throws IOException {
		Files.writeString(this.path, "4321\n" + " ".repeat(1 << 20) + "garbage");
		assertThat(this.pidFile.readPid()).isNull();
	}

	@Test
	void readPidWhenPathIsSymbolicLinkToEndlessFileReturnsNull() throws IOException {
		Files.createSymbolicLink(this.path, Path.of("/dev/zero"));
		assertThat(this.pidFile.readPid()).isNull();
	}

	@Test
	void readPidWhenPidIsFollowedByNewlineReturnsPid() throws IOException {
		Files.writeString(this.path, "4321\n");
		assertThat(this.pidFile.readPid()).isEqualTo(4321L);
	}

	@Test
	void lockAfterReleaseSucceeds() {
		this.pidFile.lock().release();
		this.lock = this.pidFile.lock();
		assertThat(this.pidFile.status().state()).isEqualTo(State.LOCKED);
	}

	@Test
	void releaseIsIdempotent() {
		PidFileLock lock = this.pidFile.lock();
		lock.release();
		lock.release();
		assertThat(lock.isHeld()).isFalse();
		assertThat(this.pidFile.status().state()).isEqualTo(State.STALE);
	}

	@Test
	void lockKeepsContentOfStaleFile() throws IOException {
		Files.writeString(this.path, "4321");
		this.lock = this.pidFile.lock();
		assertThat(this.pidFile.readPid()).isEqualTo(4321L);
	}

	@Test
	void lockSurvivesOtherDescriptorsOfTheFileBeingClosed() throws IOException {
		this.lock = this.pidFile.lock();
		Files.writeString(this.path, Long.toString(PID));
		assertThat(Files.readString(this.path)).isEqualTo(Long.toString(PID));
		assertThat(this.pidFile.status()).isEqualTo(new PidFileStatus(State.LOCKED, PID, "pid " + PID));
	}

	@Test
	void lockWhenFileIsWorldWritableTightensIt() throws IOException {
		Files.writeString(this.path, "");
		Files.setPosixFilePermissions(this.path, PosixFilePermissions.fromString("rw-rw-rw-"));
		this.lock = this.pidFile.lock();
		assertThat(permissions(this.path)).isEqualTo("rw-r--r--");
	}

	@Test
	void lockWhenFileBelongsToAnotherUserReplacesIt() throws IOException {
		assumeThat(Posix.get().geteuid()).as("only root can give a file away").isZero();
		Files.writeString(this.path, "4321");
		Files.setAttribute(this.path, "unix:uid", 65534, LinkOption.NOFOLLOW_LINKS);
		this.lock = this.pidFile.lock();
		assertThat(Files.getAttribute(this.path, "unix:uid")).isEqualTo(0);
		assertThat(this.path).isEmptyFile();
		assertThat(this.pidFile.status().state()).isEqualTo(State.LOCKED);
	}

	@Test
	void lockWhenPathIsSymbolicLinkThrowsExceptionAndLeavesTargetAlone() throws IOException {
		Path target = this.directory.resolve("target.txt");
		Files.writeString(target, "precious");
		Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-rw-rw-"));
		Files.createSymbolicLink(this.path, target);
		assertThatExceptionOfType(DaemonException.class).isThrownBy(this.pidFile::lock)
			.satisfies((ex) -> assertThat(ex.getExitStatus()).isEqualTo(ExitStatus.NOT_CONFIGURED))
			.withMessageContaining(this.path.toString())
			.withMessageContaining("symbolic link");
		assertThat(target).hasContent("precious");
		assertThat(permissions(target)).isEqualTo("rw-rw-rw-");
		assertThat(procLocksFor(target)).isEmpty();
	}

	@Test
	void lockWhenPathIsDanglingSymbolicLinkThrowsExceptionAndCreatesNothing() throws IOException {
		Path target = this.directory.resolve("elsewhere.pid");
		Files.createSymbolicLink(this.path, target);
		assertThatExceptionOfType(DaemonException.class).isThrownBy(this.pidFile::lock)
			.withMessageContaining("symbolic link");
		assertThat(target).doesNotExist();
	}

	@Test
	void lockWhenDirectoryIsMissingThrowsException() {
		PidFile pidFile = new PidFile(Posix.get(), this.directory.resolve("missing/app.pid"));
		assertThatExceptionOfType(DaemonException.class).isThrownBy(pidFile::lock)
			.satisfies((ex) -> assertThat(ex.getExitStatus()).isEqualTo(ExitStatus.NOT_CONFIGURED))
			.withMessageContaining("PID file directory " + this.directory.resolve("missing") + " does not exist");
	}

	@Test
	void lockWhenPathIsDirectoryThrowsException() throws IOException {
		Files.createDirectory(this.path);
		assertThatExceptionOfType(DaemonException.class).isThrownBy(this.pidFile::lock)
			.satisfies((ex) -> assertThat(ex.getExitStatus()).isNotZero())
			.withMessageContaining(this.path.toString());
	}

	@Test
	void statusWhenAbsent() {
		PidFileStatus status = this.pidFile.status();
		assertThat(status.state()).isEqualTo(State.ABSENT);
		assertThat(status.pid()).isNull();
		assertThat(status.detail()).contains(this.path.toString());
	}

	@Test
	void statusWhenLockedBeforePidIsWrittenNamesHolder() {
		this.lock = this.pidFile.lock();
		assertThat(this.pidFile.status()).isEqualTo(new PidFileStatus(State.LOCKED, PID, "pid " + PID));
	}

	@Test
	void statusWhenLockedPrefersHolderOverFileContent() throws IOException {
		this.lock = this.pidFile.lock();
		Files.writeString(this.path, "4321");
		assertThat(this.pidFile.status().pid()).isEqualTo(PID);
	}

	@Test
	void statusWhenLockedAndHolderUnknownNamesPidInFile() throws IOException {
		this.lock = this.pidFile.lock();
		PidFile blind = new PidFile(Posix::get, this.path,
				new LockHolders(ProcFs.at(this.directory.resolve("no-locks"))));
		assertThat(blind.status()).isEqualTo(new PidFileStatus(State.LOCKED, null, "starting, PID not yet written"));
		Files.writeString(this.path, "4321");
		assertThat(blind.status()).isEqualTo(new PidFileStatus(State.LOCKED, 4321L, "pid 4321"));
	}

	@Test
	void statusWhenFileHoldsGarbageIsStale() throws IOException {
		Files.writeString(this.path, "not a pid");
		PidFileStatus status = this.pidFile.status();
		assertThat(status.state()).isEqualTo(State.STALE);
		assertThat(status.pid()).isNull();
		assertThat(status.detail()).contains("does not hold a PID");
	}

	@Test
	void statusWhenFileIsEmptyIsStale() throws IOException {
		Files.createFile(this.path);
		assertThat(this.pidFile.status().state()).isEqualTo(State.STALE);
	}

	@Test
	void statusWhenProcessIsGoneIsStale() throws Exception {
		long pid = goneProcess();
		Files.writeString(this.path, Long.toString(pid));
		PidFileStatus status = this.pidFile.status();
		assertThat(status.state()).isEqualTo(State.STALE);
		assertThat(status.pid()).isEqualTo(pid);
		assertThat(status.detail()).contains("pid " + pid + ", which is gone");
	}

	@Test
	void statusWhenPidBelongsToUnrelatedParentProcessIsStale() throws IOException {
		long parent = ProcessHandle.current().parent().orElseThrow().pid();
		Files.writeString(this.path, parent + "\n");
		PidFileStatus status = this.pidFile.status();
		assertThat(status.state()).isEqualTo(State.STALE);
		assertThat(status.pid()).isEqualTo(parent);
		assertThat(status.detail()).contains("unrelated process");
	}

	@Test
	void statusWhenPidBelongsToUnrelatedRunningProcessIsStale() throws IOException {
		Process sleep = new ProcessBuilder("sleep", "300").start();
		try {
			Files.writeString(this.path, Long.toString(sleep.pid()));
			PidFileStatus status = this.pidFile.status();
			assertThat(status.state()).isEqualTo(State.STALE);
			assertThat(status.pid()).isEqualTo(sleep.pid());
			assertThat(status.detail()).contains("unrelated process");
		}
		finally {
			sleep.destroyForcibly();
		}
	}

	@Test
	void statusWhenPathIsSymbolicLinkIsUnknownAndDoesNotFollowIt() throws IOException {
		Path target = this.directory.resolve("target.pid");
		Files.writeString(target, Long.toString(PID));
		Files.createSymbolicLink(this.path, target);
		PidFileStatus status = this.pidFile.status();
		assertThat(status.state()).isEqualTo(State.UNKNOWN);
		assertThat(status.pid()).isNull();
		assertThat(status.detail()).contains("cannot read PID file " + this.path);
	}

	@Test
	void statusWhenPathIsFifoIsUnknownWithoutBlocking() throws Exception {
		mkfifo(this.path);
		PidFileStatus status = CompletableFuture.supplyAsync(this.pidFile::status).get(10, TimeUnit.SECONDS);
		assertThat(status.state()).isEqualTo(State.UNKNOWN);
		assertThat(status.detail()).isEqualTo("PID file " + this.path + " is not a regular file");
	}

	@Test
	void lockWhenPathIsFifoThrowsException() throws Exception {
		mkfifo(this.path);
		assertThatExceptionOfType(DaemonException.class).isThrownBy(this.pidFile::lock)
			.satisfies((ex) -> assertThat(ex.getExitStatus()).isEqualTo(ExitStatus.NOT_CONFIGURED))
			.withMessageContaining("not a regular file");
	}

	@Test
	void statusDoesNotDisturbTheLock() {
		this.lock = this.pidFile.lock();
		for (int i = 0; i < 3; i++) {
			assertThat(this.pidFile.status().state()).isEqualTo(State.LOCKED);
		}
		assertThat(procLocksFor(this.path)).hasSize(1);
	}

	@Test
	void deleteIfStaleWhenStaleDeletesFile() throws IOException {
		Files.writeString(this.path, "4321");
		assertThat(this.pidFile.deleteIfStale()).isTrue();
		assertThat(this.path).doesNotExist();
	}

	@Test
	void deleteIfStaleWhenLockedKeepsFile() {
		this.lock = this.pidFile.lock();
		long start = System.nanoTime();
		assertThat(this.pidFile.deleteIfStale()).isFalse();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
		assertThat(this.path).exists();
		assertThat(this.pidFile.status().state()).isEqualTo(State.LOCKED);
	}

	@Test
	void deleteIfStaleWhenAbsentReturnsFalse() {
		assertThat(this.pidFile.deleteIfStale()).isFalse();
	}

	@Test
	void deleteIfStaleWhenSymbolicLinkKeepsLinkAndTarget() throws IOException {
		Path target = this.directory.resolve("target.pid");
		Files.writeString(target, "4321");
		Files.createSymbolicLink(this.path, target);
		assertThat(this.pidFile.deleteIfStale()).isFalse();
		assertThat(this.path).isSymbolicLink();
		assertThat(target).hasContent("4321");
	}

	@Test
	void deleteIfStaleWhenPathIsFifoKeepsItWithoutBlocking() throws Exception {
		mkfifo(this.path);
		assertThat(CompletableFuture.supplyAsync(this.pidFile::deleteIfStale).get(10, TimeUnit.SECONDS)).isFalse();
		assertThat(this.path).exists();
	}

	@Test
	void awaitUnlockedWhenAbsentReturnsTrueAtOnce() throws InterruptedException {
		assertThat(this.pidFile.awaitUnlocked(Duration.ofSeconds(10))).isTrue();
	}

	@Test
	void awaitUnlockedWhenStaleReturnsTrueAtOnce() throws Exception {
		Files.writeString(this.path, "4321");
		long start = System.nanoTime();
		assertThat(this.pidFile.awaitUnlocked(Duration.ofSeconds(10))).isTrue();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
	}

	@Test
	void awaitUnlockedReturnsTruePromptlyAfterRelease() throws Exception {
		this.lock = this.pidFile.lock();
		CompletableFuture<Boolean> unlocked = awaitUnlockedAsync(Duration.ofSeconds(30));
		await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> !unlocked.isDone());
		long releasedAt = System.nanoTime();
		this.lock.release();
		assertThat(unlocked.get(5, TimeUnit.SECONDS)).isTrue();
		assertThat(Duration.ofNanos(System.nanoTime() - releasedAt)).isLessThan(Duration.ofSeconds(1));
	}

	@Test
	void awaitUnlockedWhenStillLockedReturnsFalseAfterTimeout() throws InterruptedException {
		this.lock = this.pidFile.lock();
		long start = System.nanoTime();
		assertThat(this.pidFile.awaitUnlocked(Duration.ofMillis(300))).isFalse();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300))
			.isLessThan(Duration.ofSeconds(5));
		assertThat(this.pidFile.status().state()).isEqualTo(State.LOCKED);
	}

	@Test
	void awaitUnlockedDropsItsSharedLockBeforeReturning() throws Exception {
		for (int i = 0; i < 20; i++) {
			PidFileLock lock = this.pidFile.lock();
			CompletableFuture<Boolean> unlocked = awaitUnlockedAsync(Duration.ofSeconds(30));
			lock.release();
			assertThat(unlocked.get(5, TimeUnit.SECONDS)).isTrue();
			assertThat(procLocksFor(this.path)).as("attempt %d", i).isEmpty();
		}
	}

	@Test
	void deleteIfStaleWhenSharedLockIsHeldForAMomentDeletesFile() throws IOException {
		Files.writeString(this.path, "4321");
		Posix posix = Posix.get();
		int fd = posix.openNoFollow(this.path.toString(), false, 0);
		assertThat(posix.flock(fd, Posix.LOCK_SH)).isZero();
		CompletableFuture.runAsync(() -> posix.close(fd),
				CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));
		assertThat(this.pidFile.deleteIfStale()).isTrue();
		assertThat(this.path).doesNotExist();
	}

	@Test
	void readPidReadsFile() throws IOException {
		Files.writeString(this.path, "1234\n");
		assertThat(this.pidFile.readPid()).isEqualTo(1234L);
	}

	@Test
	void readPidWhenAbsentReturnsNull() {
		assertThat(this.pidFile.readPid()).isNull();
	}

	@Test
	void readPidWhenNotAsciiReturnsNull() throws IOException {
		Files.writeString(this.path, "١٢٣", StandardCharsets.UTF_8);
		assertThat(this.pidFile.readPid()).isNull();
	}

	private CompletableFuture<Boolean> awaitUnlockedAsync(Duration timeout) {
		return CompletableFuture.supplyAsync(() -> {
			try {
				return this.pidFile.awaitUnlocked(timeout);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		});
	}

	private static void mkfifo(Path path) throws Exception {
		Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).start();
		assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(mkfifo.exitValue()).isZero();
	}

	private static long goneProcess() throws Exception {
		Process process = new ProcessBuilder("true").start();
		process.waitFor(10, TimeUnit.SECONDS);
		await().atMost(Duration.ofSeconds(10)).until(() -> !ProcessState.isRunning(process.pid()));
		return process.pid();
	}

	private static String permissions(Path path) throws IOException {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
	}

	static List<String> procLocksFor(Path path) {
		try {
			long inode = ((Number) Files.getAttribute(path, "unix:ino")).longValue();
			return Files.readAllLines(Path.of("/proc/locks"))
				.stream()
				.filter((line) -> line.contains(":" + inode + " "))
				.filter((line) -> !line.contains("->"))
				.toList();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
