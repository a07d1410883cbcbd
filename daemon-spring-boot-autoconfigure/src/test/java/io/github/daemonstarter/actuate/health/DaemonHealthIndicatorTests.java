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

package io.github.daemonstarter.actuate.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.daemonstarter.pid.PidFile;
import io.github.daemonstarter.pid.PidFileLock;
import io.github.daemonstarter.posix.Posix;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DaemonHealthIndicator}.
 *
 * @author Daemon Starter Team
 */
@EnabledOnOs(OS.LINUX)
class DaemonHealthIndicatorTests {

	private static final long PID = ProcessHandle.current().pid();

	@TempDir
	Path directory;

	private @Nullable PidFileLock lock;

	@AfterEach
	void releaseLock() {
		if (this.lock != null) {
			this.lock.release();
		}
	}

	@Test
	void healthWhenPidFileIsLockedByThisProcessAndLogFileIsWritableIsUp() throws IOException {
		Path pidFile = lockedPidFile(PID);
		Path logFile = Files.createFile(this.directory.resolve("app.log"));
		Health health = health(pidFile, logFile.toString());
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("pidFile", pidFile.toString())
			.containsEntry("logFile", logFile.toString())
			.doesNotContainKey("reason");
	}

	@Test
	void healthWhenThereIsNoLogFileIsUpWithLogFileNone() throws IOException {
		Health health = health(lockedPidFile(PID), null);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("logFile", "none");
	}

	@Test
	void healthWhenPidFileIsMissingIsDown() {
		Path pidFile = this.directory.resolve("app.pid");
		Health health = health(pidFile, null);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("reason", "PID file " + pidFile + " is missing")
			.containsEntry("pidFile", pidFile.toString());
	}

	@Test
	void healthWhenPidFileNamesAnotherProcessIsDown() throws IOException {
		Path pidFile = lockedPidFile(PID + 1);
		Health health = health(pidFile, null);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("reason",
				"PID file " + pidFile + " names pid " + (PID + 1) + " instead of " + PID);
	}

	@Test
	void healthWhenPidFileIsNotLockedIsDown() throws IOException {
		Path pidFile = Files.writeString(this.directory.resolve("app.pid"), PID + "\n");
		Health health = health(pidFile, null);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat((String) health.getDetails().get("reason"))
			.startsWith("PID file " + pidFile + " is not locked by this process");
	}

	@Test
	void healthWhenLogFileIsNotWritableIsDown() throws IOException {
		Path pidFile = lockedPidFile(PID);
		String logFile = this.directory.resolve("missing").resolve("app.log").toString();
		Health health = health(pidFile, logFile);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("reason", "log file " + logFile + " is not writable")
			.containsEntry("logFile", logFile);
	}

	private Path lockedPidFile(long pid) throws IOException {
		Path pidFile = this.directory.resolve("app.pid");
		this.lock = new PidFile(Posix.get(), pidFile).lock();
		Files.writeString(pidFile, pid + "\n");
		return pidFile;
	}

	private Health health(Path pidFile, @Nullable String logFile) {
		Health health = new DaemonHealthIndicator(pidFile.toString(), () -> logFile, PID).health(true);
		assertThat(health).isNotNull();
		return health;
	}

}
