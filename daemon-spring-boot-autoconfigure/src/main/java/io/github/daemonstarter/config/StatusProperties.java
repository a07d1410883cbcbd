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

package io.github.daemonstarter.config;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * Settings of {@code --daemon=status}. Like the other daemon settings, they are read
 * before the application context exists.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
@ConfigurationProperties("daemon.status")
public class StatusProperties {

	/**
	 * Lowest exit code that daemon.status.degraded-exit-code accepts: LSB reserves 150 to
	 * 199 for the application.
	 */
	public static final int MIN_DEGRADED_EXIT_CODE = 150;

	/**
	 * Highest exit code that daemon.status.degraded-exit-code accepts.
	 */
	public static final int MAX_DEGRADED_EXIT_CODE = 199;

	/**
	 * Exit code of --daemon=status for a daemon that runs but is degraded (a worker gave
	 * up, liveness is BROKEN or readiness is REFUSING_TRAFFIC), between 150 and 199, so
	 * that monitoring scripts can tell it from a healthy one. Unset, a degraded daemon
	 * exits with 0, as any running one does.
	 */
	private @Nullable Integer degradedExitCode;

	public @Nullable Integer getDegradedExitCode() {
		return this.degradedExitCode;
	}

	public void setDegradedExitCode(@Nullable Integer degradedExitCode) {
		Assert.isTrue(
				degradedExitCode == null
						|| (degradedExitCode >= MIN_DEGRADED_EXIT_CODE && degradedExitCode <= MAX_DEGRADED_EXIT_CODE),
				() -> "must be between " + MIN_DEGRADED_EXIT_CODE + " and " + MAX_DEGRADED_EXIT_CODE
						+ " (the LSB range for applications), was " + degradedExitCode);
		this.degradedExitCode = degradedExitCode;
	}

}
