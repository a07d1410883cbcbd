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

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Settings of the integration with systemd, bound under {@code daemon.systemd}.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public class SystemdProperties {

	/**
	 * Whether the application talks to systemd over {@code NOTIFY_SOCKET} when systemd
	 * provides one: readiness, status, watchdog pings and stopping.
	 */
	private boolean enabled = true;

	/**
	 * Watchdog interval written as {@code WatchdogSec=} into generated units: systemd
	 * restarts the application when it sends no healthy ping within it. Not set by
	 * default.
	 */
	private @Nullable Duration watchdog;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable Duration getWatchdog() {
		return this.watchdog;
	}

	public void setWatchdog(@Nullable Duration watchdog) {
		Assert.isTrue(watchdog == null || DaemonProperties.isPositive(watchdog),
				() -> "must be a positive duration such as 30s, was " + watchdog);
		this.watchdog = watchdog;
	}

}
