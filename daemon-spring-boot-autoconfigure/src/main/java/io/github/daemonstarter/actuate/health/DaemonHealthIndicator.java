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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import io.github.daemonstarter.actuate.DaemonFiles;
import io.github.daemonstarter.pid.PidFile;
import io.github.daemonstarter.pid.PidFileStatus;
import io.github.daemonstarter.posix.Posix;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.core.env.Environment;
import org.springframework.util.Assert;

/**
 * {@link HealthIndicator} for the daemon itself: {@code UP} when this process holds the
 * lock on its PID file, the PID file names this process and the log file is writable;
 * {@code DOWN} with a {@code reason} otherwise. The details name the {@code pidFile} and
 * the {@code logFile} ({@code none} when there is none to check).
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public class DaemonHealthIndicator extends AbstractHealthIndicator {

	private final String pidFile;

	private final Supplier<@Nullable String> logFile;

	private final long pid;

	/**
	 * Create a new {@link DaemonHealthIndicator}.
	 * @param environment the environment, for {@code spring.pid.file} and the log file
	 * settings
	 */
	public DaemonHealthIndicator(Environment environment) {
		this(environment.getRequiredProperty("spring.pid.file"), () -> DaemonFiles.logFile(environment),
				ProcessHandle.current().pid());
	}

	DaemonHealthIndicator(String pidFile, Supplier<@Nullable String> logFile, long pid) {
		super("Daemon health check failed");
		Assert.hasText(pidFile, "'pidFile' must not be empty");
		this.pidFile = pidFile;
		this.logFile = logFile;
		this.pid = pid;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		String logFile = this.logFile.get();
		builder.withDetail("pidFile", this.pidFile).withDetail("logFile", (logFile != null) ? logFile : "none");
		String reason = pidFileProblem();
		if (reason == null && logFile != null && !Files.isWritable(Path.of(logFile))) {
			reason = "log file " + logFile + " is not writable";
		}
		if (reason != null) {
			builder.down().withDetail("reason", reason);
		}
		else {
			builder.up();
		}
	}

	/**
	 * Return what is wrong with the PID file.
	 * @return the reason, or {@code null} if this process locks it and it names this
	 * process
	 */
	private @Nullable String pidFileProblem() {
		PidFileStatus status = DaemonFiles.status(this.pidFile);
		if (status == null) {
			return "PID file " + this.pidFile + " cannot be inspected";
		}
		return switch (status.state()) {
			case ABSENT -> "PID file " + this.pidFile + " is missing";
			case LOCKED -> lockedProblem(status.pid());
			default -> "PID file " + this.pidFile + " is not locked by this process (" + status.detail() + ")";
		};
	}

	private @Nullable String lockedProblem(@Nullable Long holder) {
		if (!Long.valueOf(this.pid).equals(holder)) {
			return "PID file " + this.pidFile + " is locked by pid " + holder;
		}
		Long written = new PidFile(Posix::get, Path.of(this.pidFile).toAbsolutePath()).readPid();
		if (!Long.valueOf(this.pid).equals(written)) {
			return "PID file " + this.pidFile + " names pid " + written + " instead of " + this.pid;
		}
		return null;
	}

}
