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
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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
	 * Options that choose what the JVM runs, which daemon.jvm-options cannot hold.
	 */
	private static final Set<String> LAUNCH_OPTIONS = Set.of("-jar", "-cp", "-classpath", "--class-path", "-m",
			"--module");

	/**
	 * Options that the java launcher reads their value for from the next argument, which
	 * one entry of daemon.jvm-options cannot hold without it.
	 */
	private static final Set<String> SEPARATE_VALUE_OPTIONS = Set.of("-p", "--module-path", "--upgrade-module-path",
			"--add-modules", "--limit-modules", "--add-reads", "--add-exports", "--add-opens", "--patch-module",
			"--enable-native-access", "--source");

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
	 * Options of the daemon's JVM, such as -Xmx512m or -Dkey=value, each one argument
	 * (--add-opens=module/package=ALL-UNNAMED). They follow the launcher's own JVM
	 * options, so they win, and apply to the JVM that --daemon starts, to the
	 * supervisor's application JVMs and to generated units, not to the launcher.
	 */
	private List<String> jvmOptions = new ArrayList<>();

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

	/**
	 * Fast start: the extracted jar and a class data archive, kept in a cache.
	 */
	private final FastStart fastStart = new FastStart();

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

	public List<String> getJvmOptions() {
		return this.jvmOptions;
	}

	public void setJvmOptions(List<String> jvmOptions) {
		List<String> options = jvmOptions.stream().map(String::strip).toList();
		for (String option : options) {
			Assert.isTrue(
					option.startsWith("-") && !LAUNCH_OPTIONS.contains(option.split("=", 2)[0])
							&& !SEPARATE_VALUE_OPTIONS.contains(option),
					() -> "must each be one JVM option that starts with '-', with its value joined by '=' "
							+ "(--add-opens=m/p=ALL-UNNAMED; a value with a comma needs daemon.jvm-options[0]=...), "
							+ "and not -jar, -cp, -m or their long forms, which change what the JVM runs, was '"
							+ option + "'");
		}
		this.jvmOptions = new ArrayList<>(options);
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

	public FastStart getFastStart() {
		return this.fastStart;
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

	static boolean isPositive(@Nullable Duration duration) {
		return duration != null && !duration.isNegative() && !duration.isZero();
	}

	/**
	 * Settings of the process supervisor: with {@code --daemon}, a small JVM that starts
	 * the application as its child and restarts it when it ends abnormally.
	 * <p>
	 * The settings are declared in {@link SupervisorProperties}; this nested type keeps
	 * the name that callers use and that the generated configuration metadata records as
	 * the type of the {@code daemon.supervisor} group.
	 */
	public static class Supervisor extends SupervisorProperties {

	}

	/**
	 * Settings of the integration with systemd.
	 * <p>
	 * The settings are declared in {@link SystemdProperties}; this nested type keeps the
	 * name that callers use and that the generated configuration metadata records as the
	 * type of the {@code daemon.systemd} group.
	 */
	public static class Systemd extends SystemdProperties {

	}

	/**
	 * Settings of the service units that {@code --daemon=unit} prints and
	 * {@code --daemon=install} writes.
	 * <p>
	 * The settings are declared in {@link UnitProperties}; this nested type keeps the
	 * name that callers use and that the generated configuration metadata records as the
	 * type of the {@code daemon.unit} group.
	 */
	public static class Unit extends UnitProperties {

	}

	/**
	 * Settings of fast start.
	 * <p>
	 * The settings are declared in {@link FastStartProperties}; this nested type keeps
	 * the name that callers use and that the generated configuration metadata records as
	 * the type of the {@code daemon.fast-start} group.
	 */
	public static class FastStart extends FastStartProperties {

	}

}
