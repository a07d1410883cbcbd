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

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import io.github.daemonstarter.restart.RestartMode;
import io.github.daemonstarter.restart.RestartPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Settings of daemon mode. They are read before the application context exists, from the
 * same sources as any other property: command line, environment and
 * {@code application.properties}.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
@ConfigurationProperties("daemon")
public class DaemonProperties {

	/**
	 * How long the launcher waits for the application to be ready before it stops it and
	 * reports a failed start.
	 */
	private Duration startupTimeout = Duration.ofSeconds(60);

	/**
	 * How long stop waits for the daemon to shut down gracefully after SIGTERM.
	 */
	private Duration stopTimeout = Duration.ofSeconds(60);

	/**
	 * Whether stop kills the daemon with SIGKILL when it is still running after the stop
	 * timeout.
	 */
	private boolean force;

	/**
	 * Working directory of the daemon. Relative PID and log file paths resolve against
	 * it. Defaults to the directory the launcher runs in.
	 */
	private @Nullable Path workingDirectory;

	/**
	 * File mode creation mask of the daemon, in octal (for example 027; quote it in YAML,
	 * which reads an unquoted 027 as the number 23). Defaults to the launcher's mask.
	 */
	private @Nullable String umask;

	/**
	 * User the daemon runs as when it is started as root. Its supplementary groups apply,
	 * not root's.
	 */
	private @Nullable String user;

	/**
	 * Group the daemon runs as when it is started as root. Defaults to the primary group
	 * of {@code daemon.user}.
	 */
	private @Nullable String group;

	/**
	 * Capabilities that the daemon keeps when it switches from root to daemon.user, such
	 * as net_bind_service to bind ports below 1024. Under systemd, use
	 * AmbientCapabilities= instead.
	 */
	private Set<String> capabilities = new LinkedHashSet<>();

	/**
	 * The process supervisor, which restarts the application's JVM when it dies.
	 */
	private final Supervisor supervisor = new Supervisor();

	/**
	 * Integration with systemd.
	 */
	private final Systemd systemd = new Systemd();

	/**
	 * Service units that {@code --daemon=unit} prints and {@code --daemon=install}
	 * writes.
	 */
	private final Unit unit = new Unit();

	public Duration getStartupTimeout() {
		return this.startupTimeout;
	}

	public void setStartupTimeout(Duration startupTimeout) {
		Assert.isTrue(isPositive(startupTimeout), () -> "must be positive, was " + startupTimeout);
		this.startupTimeout = startupTimeout;
	}

	public Duration getStopTimeout() {
		return this.stopTimeout;
	}

	public void setStopTimeout(Duration stopTimeout) {
		Assert.isTrue(isPositive(stopTimeout), () -> "must be positive, was " + stopTimeout);
		this.stopTimeout = stopTimeout;
	}

	public boolean isForce() {
		return this.force;
	}

	public void setForce(boolean force) {
		this.force = force;
	}

	public @Nullable Path getWorkingDirectory() {
		return this.workingDirectory;
	}

	public void setWorkingDirectory(@Nullable Path workingDirectory) {
		this.workingDirectory = workingDirectory;
	}

	public @Nullable String getUmask() {
		return this.umask;
	}

	public void setUmask(@Nullable String umask) {
		String value = StringUtils.hasText(umask) ? umask.strip() : null;
		if (value != null) {
			parseUmask(value);
		}
		this.umask = value;
	}

	public @Nullable String getUser() {
		return this.user;
	}

	public void setUser(@Nullable String user) {
		this.user = accountName(user);
	}

	public @Nullable String getGroup() {
		return this.group;
	}

	public void setGroup(@Nullable String group) {
		this.group = accountName(group);
	}

	public Set<String> getCapabilities() {
		return this.capabilities;
	}

	public void setCapabilities(Set<String> capabilities) {
		Set<String> names = new LinkedHashSet<>();
		for (String capability : capabilities) {
			names.add(capabilityName(capability));
		}
		this.capabilities = names;
	}

	private static String capabilityName(String capability) {
		String name = capability.strip().toLowerCase(Locale.ROOT).replaceFirst("^cap_", "");
		Assert.isTrue(name.matches("[a-z_]+"),
				() -> "must be capability names such as net_bind_service, was '" + capability + "'");
		return name;
	}

	public Supervisor getSupervisor() {
		return this.supervisor;
	}

	public Systemd getSystemd() {
		return this.systemd;
	}

	public Unit getUnit() {
		return this.unit;
	}

	private static @Nullable String accountName(@Nullable String name) {
		String value = StringUtils.hasText(name) ? name.strip() : null;
		Assert.isTrue(value == null || value.matches("[^\\s:/]+"),
				() -> "must be a user or group name (or number) without spaces, ':' or '/', was '" + name + "'");
		return value;
	}

	/**
	 * Return the umask as a number.
	 * @return the umask or {@code null} if not set
	 */
	public @Nullable Integer umaskValue() {
		return (this.umask != null) ? parseUmask(this.umask) : null;
	}

	private static int parseUmask(String umask) {
		String value = umask.strip();
		Assert.isTrue(value.matches("[0-7]{1,4}") && Integer.parseInt(value, 8) <= 0777,
				() -> "must be an octal mask between 000 and 777, was '" + umask + "'");
		return Integer.parseInt(value, 8);
	}

	private static boolean isPositive(@Nullable Duration duration) {
		return duration != null && !duration.isNegative() && !duration.isZero();
	}

	/**
	 * Settings of the process supervisor: with {@code --daemon}, a small JVM that starts
	 * the application as its child and restarts it when it ends abnormally.
	 */
	public static class Supervisor {

		/**
		 * Whether {@code --daemon} starts a supervisor that restarts the application's
		 * JVM when it crashes, is killed or exits with a failure status.
		 */
		private boolean enabled;

		/**
		 * How long a run of the application must last to count as a successful start. A
		 * shorter run counts as a failed start, so the delay before the next restart
		 * grows; a longer one starts the backoff afresh.
		 */
		private Duration minUptime = Duration.ofSeconds(10);

		/**
		 * The most restarts within the window; past it the supervisor gives up, removes
		 * its PID file and exits. -1 for no limit.
		 */
		private int maxRestarts = 5;

		/**
		 * The sliding window in which restarts are counted.
		 */
		private Duration window = Duration.ofMinutes(10);

		/**
		 * The delay before the first restart after a failed start.
		 */
		private Duration initialDelay = Duration.ofSeconds(1);

		/**
		 * The factor by which the delay grows after each failed start.
		 */
		private double multiplier = 2;

		/**
		 * The longest delay between restarts.
		 */
		private Duration maxDelay = Duration.ofMinutes(1);

		/**
		 * The random fraction (0 to 1) added to or taken from each delay, so that daemons
		 * that fail together do not restart in lockstep.
		 */
		private double jitter = 0.1;

		/**
		 * Exit statuses after which the application is restarted even though they count
		 * as clean, such as 143 (SIGTERM) or 0.
		 */
		private Set<Integer> restartExitCodes = new LinkedHashSet<>();

		/**
		 * Exit statuses after which the application is never restarted, such as a status
		 * that means a bad configuration. Wins over restart-exit-codes.
		 */
		private Set<Integer> noRestartExitCodes = new LinkedHashSet<>();

		/**
		 * Whether the next JVM is booted while the backoff runs and held before the
		 * application starts, so that a restart costs less than a cold start. Code that
		 * the main method runs before SpringApplication does then runs during the
		 * backoff.
		 */
		private boolean prestart = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getMinUptime() {
			return this.minUptime;
		}

		public void setMinUptime(Duration minUptime) {
			Assert.isTrue(minUptime != null && !minUptime.isNegative(), () -> "must not be negative, was " + minUptime);
			this.minUptime = minUptime;
		}

		public int getMaxRestarts() {
			return this.maxRestarts;
		}

		public void setMaxRestarts(int maxRestarts) {
			Assert.isTrue(maxRestarts >= -1, () -> "must be -1 (no limit) or more, was " + maxRestarts);
			this.maxRestarts = maxRestarts;
		}

		public Duration getWindow() {
			return this.window;
		}

		public void setWindow(Duration window) {
			Assert.isTrue(isPositive(window), () -> "must be positive, was " + window);
			this.window = window;
		}

		public Duration getInitialDelay() {
			return this.initialDelay;
		}

		public void setInitialDelay(Duration initialDelay) {
			Assert.isTrue(initialDelay != null && !initialDelay.isNegative(),
					() -> "must not be negative, was " + initialDelay);
			this.initialDelay = initialDelay;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			Assert.isTrue(multiplier >= 1, () -> "must be at least 1, was " + multiplier);
			this.multiplier = multiplier;
		}

		public Duration getMaxDelay() {
			return this.maxDelay;
		}

		public void setMaxDelay(Duration maxDelay) {
			Assert.isTrue(maxDelay != null && !maxDelay.isNegative(), () -> "must not be negative, was " + maxDelay);
			this.maxDelay = maxDelay;
		}

		public double getJitter() {
			return this.jitter;
		}

		public void setJitter(double jitter) {
			Assert.isTrue(jitter >= 0 && jitter <= 1, () -> "must be between 0 and 1, was " + jitter);
			this.jitter = jitter;
		}

		public Set<Integer> getRestartExitCodes() {
			return this.restartExitCodes;
		}

		public void setRestartExitCodes(Set<Integer> restartExitCodes) {
			this.restartExitCodes = exitCodes(restartExitCodes);
		}

		public Set<Integer> getNoRestartExitCodes() {
			return this.noRestartExitCodes;
		}

		public void setNoRestartExitCodes(Set<Integer> noRestartExitCodes) {
			this.noRestartExitCodes = exitCodes(noRestartExitCodes);
		}

		public boolean isPrestart() {
			return this.prestart;
		}

		public void setPrestart(boolean prestart) {
			this.prestart = prestart;
		}

		private static Set<Integer> exitCodes(Set<Integer> codes) {
			for (Integer code : codes) {
				Assert.isTrue(code != null && code >= 0 && code <= 255,
						() -> "must hold exit statuses between 0 and 255, held " + code);
			}
			return new LinkedHashSet<>(codes);
		}

		/**
		 * Return the restart policy of the supervisor: its backoff and limits, with
		 * {@link #getMinUptime() min-uptime} as the run that resets the backoff.
		 * @return the restart policy
		 */
		public RestartPolicy policy() {
			return RestartPolicy.builder()
				.mode(RestartMode.ON_FAILURE)
				.initialDelay(this.initialDelay)
				.multiplier(this.multiplier)
				.maxDelay(this.maxDelay)
				.jitter(this.jitter)
				.maxRestarts(this.maxRestarts)
				.window(this.window)
				.resetAfter(this.minUptime)
				.build();
		}

	}

	/**
	 * Settings of the integration with systemd.
	 */
	public static class Systemd {

		/**
		 * Whether the application talks to systemd over {@code NOTIFY_SOCKET} when
		 * systemd provides one: readiness, status, watchdog pings and stopping.
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
			Assert.isTrue(watchdog == null || isPositive(watchdog),
					() -> "must be a positive duration such as 30s, was " + watchdog);
			this.watchdog = watchdog;
		}

	}

	/**
	 * Settings of the service units that {@code --daemon=unit} prints and
	 * {@code --daemon=install} writes.
	 */
	public static class Unit {

		/**
		 * Service manager the unit is for: systemd (a service unit), sysv (an LSB init
		 * script) or launchd (a property list).
		 */
		private UnitFormat format = UnitFormat.SYSTEMD;

		/**
		 * Whether the unit is a system unit or a systemd user unit (run by the user's
		 * service manager, installed under {@code ~/.config/systemd/user}).
		 */
		private UnitScope scope = UnitScope.SYSTEM;

		/**
		 * Name of the unit, without a suffix such as {@code .service}. Defaults to
		 * {@code spring.application.name} with the characters that unit names do not
		 * allow replaced.
		 */
		private @Nullable String name;

		/**
		 * Directory that {@code --daemon=install} writes the unit into and
		 * {@code --daemon=uninstall} removes it from. Defaults to the directory of the
		 * format and scope, such as {@code /etc/systemd/system}.
		 */
		private @Nullable Path directory;

		public UnitFormat getFormat() {
			return this.format;
		}

		public void setFormat(UnitFormat format) {
			Assert.notNull(format, "must be systemd, sysv or launchd");
			this.format = format;
		}

		public UnitScope getScope() {
			return this.scope;
		}

		public void setScope(UnitScope scope) {
			Assert.notNull(scope, "must be system or user");
			this.scope = scope;
		}

		public @Nullable String getName() {
			return this.name;
		}

		public void setName(@Nullable String name) {
			String value = StringUtils.hasText(name) ? name.strip() : null;
			if (value != null && value.endsWith(".service")) {
				value = value.substring(0, value.length() - ".service".length());
			}
			String checked = value;
			Assert.isTrue(
					checked == null || (checked.matches("[A-Za-z0-9:_.-]{1,200}") && !checked.startsWith(".")
							&& !checked.startsWith("-")),
					() -> "must be a unit name of letters, digits and ':_.-' (not starting with '.' or '-'), was '"
							+ name + "'");
			this.name = checked;
		}

		public @Nullable Path getDirectory() {
			return this.directory;
		}

		public void setDirectory(@Nullable Path directory) {
			this.directory = directory;
		}

	}

}
