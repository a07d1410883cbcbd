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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.github.daemonstarter.DaemonException;
import io.github.daemonstarter.ExitStatus;
import io.github.daemonstarter.handover.HandoverPlan;
import io.github.daemonstarter.pid.PidFile;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.system.SystemProperties;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Daemon settings resolved against the environment: where the daemon runs, its PID file
 * and its log file, all as absolute paths.
 * <p>
 * The launcher, the detached child and the control commands resolve them the same way, so
 * {@code status} and {@code stop} find the daemon that {@code --daemon} started with the
 * same jar and configuration.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class DaemonSettings {

	/**
	 * Name of the property source that carries the settings daemon mode imposes.
	 */
	public static final String PROPERTY_SOURCE_NAME = "daemon";

	private static final String APPLICATION_PID_SUFFIX = ".app.pid";

	private static final String PREFIX = "daemon";

	private static final String DEFAULT_APPLICATION_NAME = "application";

	private static final List<String> ROLLING_POLICIES = List.of("logging.logback.rollingpolicy",
			"logging.log4j2.rollingpolicy");

	private static final String LOG_SUFFIX = ".log";

	private static final String OUTPUT_SUFFIX = ".out";

	private final String applicationName;

	private final DaemonProperties properties;

	private final StatusProperties status;

	private final Path workingDirectory;

	private final Path pidFile;

	private final Path logFile;

	private final @Nullable Path outputFile;

	private final HandoverPlan handover;

	private DaemonSettings(String applicationName, DaemonProperties properties, StatusProperties status,
			Path workingDirectory, Path pidFile, Path logFile, @Nullable Path outputFile, HandoverPlan handover) {
		this.applicationName = applicationName;
		this.properties = properties;
		this.status = status;
		this.workingDirectory = workingDirectory;
		this.pidFile = pidFile;
		this.logFile = logFile;
		this.outputFile = outputFile;
		this.handover = handover;
	}

	/**
	 * Resolve the settings from the given environment.
	 * @param environment the environment of the application
	 * @param currentDirectory the current directory of this process
	 * @return the settings
	 * @throws DaemonException if a setting is invalid
	 */
	public static DaemonSettings resolve(Environment environment, Path currentDirectory) {
		DaemonProperties properties = bind(environment, PREFIX, DaemonProperties.class, DaemonProperties::new);
		return create(environment, properties, resolveWorkingDirectory(properties, currentDirectory));
	}

	/**
	 * Resolve the settings in the detached child, which the launcher started in the
	 * resolved working directory: a relative {@code daemon.working-directory} was
	 * resolved against the launcher's directory and must not be resolved again.
	 * @param environment the environment of the application
	 * @param workingDirectory the current directory of the child
	 * @return the settings
	 * @throws DaemonException if a setting is invalid
	 */
	public static DaemonSettings resolveDetached(Environment environment, Path workingDirectory) {
		return create(environment, bind(environment, PREFIX, DaemonProperties.class, DaemonProperties::new),
				workingDirectory.toAbsolutePath().normalize());
	}

	/**
	 * Return the settings of the application that a supervisor runs: the same, except
	 * that the application holds its own PID file beside the supervisor's.
	 * @return the settings of the supervised application
	 * @see #applicationPidFile(Path)
	 */
	public DaemonSettings supervised() {
		return supervised(applicationPidFile(this.pidFile));
	}

	/**
	 * Return the settings of the application that a supervisor runs, holding the given
	 * PID file.
	 * @param applicationPidFile the PID file that the supervisor gave the application
	 * @return the settings of the supervised application
	 */
	public DaemonSettings supervised(Path applicationPidFile) {
		return new DaemonSettings(this.applicationName, this.properties, this.status, this.workingDirectory,
				applicationPidFile, this.logFile, this.outputFile, this.handover);
	}

	private static DaemonSettings create(Environment environment, DaemonProperties properties, Path workingDirectory) {
		String name = environment.getProperty("spring.application.name");
		String applicationName = StringUtils.hasText(name) ? name.strip() : DEFAULT_APPLICATION_NAME;
		Path pidFile = workingDirectory.resolve(pidFileName(environment, applicationName)).normalize();
		Path logFile = workingDirectory.resolve(logFileName(environment, applicationName)).normalize();
		StatusProperties status = bind(environment, PREFIX + ".status", StatusProperties.class, StatusProperties::new);
		Path outputFile = usesRollingLog(environment) ? outputFileBeside(logFile) : null;
		HandoverPlan handover = HandoverPlan.of(environment, ClassUtils.getDefaultClassLoader());
		return new DaemonSettings(applicationName, properties, status, workingDirectory, pidFile, logFile, outputFile,
				handover);
	}

	/**
	 * Return whether the configuration asks Spring Boot's logging system to roll the log
	 * file itself, with any {@code logging.logback.rollingpolicy.*} or
	 * {@code logging.log4j2.rollingpolicy.*} setting.
	 * @param environment the environment of the application
	 * @return whether the log file is rolled by the logging system
	 */
	private static boolean usesRollingLog(Environment environment) {
		Binder binder = Binder.get(environment);
		Bindable<Map<String, Object>> anything = Bindable.mapOf(String.class, Object.class);
		return ROLLING_POLICIES.stream().anyMatch((prefix) -> binder.bind(prefix, anything).isBound());
	}

	private static Path outputFileBeside(Path logFile) {
		String name = logFile.getFileName().toString();
		String base = name.endsWith(LOG_SUFFIX) ? name.substring(0, name.length() - LOG_SUFFIX.length()) : name;
		return logFile.resolveSibling(base + OUTPUT_SUFFIX);
	}

	private static <T> T bind(Environment environment, String prefix, Class<T> type, Supplier<T> defaults) {
		try {
			return binderWithoutCommand(environment).bind(prefix, Bindable.of(type)).orElseGet(defaults);
		}
		catch (BindException ex) {
			throw new DaemonException(ExitStatus.NOT_CONFIGURED, FailureReason.describe(ex), ex);
		}
	}

	/**
	 * Return a binder that does not see the {@code daemon} property itself, which
	 * {@code --daemon=<command>} sets and which is no value for the {@code daemon.*}
	 * group.
	 * @param environment the environment to bind from
	 * @return a binder over the environment without the {@code daemon} property
	 */
	private static Binder binderWithoutCommand(Environment environment) {
		ConfigurationPropertyName command = ConfigurationPropertyName.of(PREFIX);
		List<ConfigurationPropertySource> sources = new ArrayList<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			sources.add(source.filter((name) -> !name.equals(command)));
		}
		return new Binder(sources, new PropertySourcesPlaceholdersResolver(environment));
	}

	private static Path resolveWorkingDirectory(DaemonProperties properties, Path currentDirectory) {
		Path configured = properties.getWorkingDirectory();
		if (configured == null) {
			return currentDirectory.toAbsolutePath().normalize();
		}
		Path directory = currentDirectory.resolve(configured).toAbsolutePath().normalize();
		if (!Files.isDirectory(directory)) {
			throw new DaemonException(ExitStatus.NOT_CONFIGURED, "daemon.working-directory " + directory
					+ " is not an existing directory: create it or change daemon.working-directory");
		}
		return directory;
	}

	private static String pidFileName(Environment environment, String applicationName) {
		String configured = firstText(environment.getProperty("spring.pid.file"),
				environment.getProperty("spring.pidfile"), SystemProperties.get("PIDFILE", "pidfile"));
		return (configured != null) ? configured : applicationName + ".pid";
	}

	private static String logFileName(Environment environment, String applicationName) {
		String name = environment.getProperty("logging.file.name");
		if (StringUtils.hasLength(name)) {
			return name;
		}
		String path = environment.getProperty("logging.file.path");
		if (StringUtils.hasLength(path)) {
			return Path.of(path).resolve("spring.log").toString();
		}
		return applicationName + ".log";
	}

	private static @Nullable String firstText(@Nullable String... candidates) {
		for (String candidate : candidates) {
			if (StringUtils.hasText(candidate)) {
				return candidate.strip();
			}
		}
		return null;
	}

	/**
	 * Return the name of the application, from {@code spring.application.name}.
	 * @return the application name
	 */
	public String getApplicationName() {
		return this.applicationName;
	}

	/**
	 * Return the bound {@code daemon.*} properties.
	 * @return the properties
	 */
	public DaemonProperties getProperties() {
		return this.properties;
	}

	/**
	 * Return the bound {@code daemon.status.*} properties, the settings of
	 * {@code --daemon=status}.
	 * @return the status properties
	 */
	public StatusProperties getStatus() {
		return this.status;
	}

	/**
	 * Return the absolute working directory of the daemon.
	 * @return the working directory
	 */
	public Path getWorkingDirectory() {
		return this.workingDirectory;
	}

	/**
	 * Return the absolute path of the PID file.
	 * @return the PID file
	 */
	public Path getPidFile() {
		return this.pidFile;
	}

	/**
	 * Return the absolute directory of the fast start cache:
	 * {@code daemon.fast-start.directory}, resolved against the working directory, or
	 * {@code <application name>-fast-start} beside the PID file.
	 * @return the directory
	 */
	public Path getFastStartDirectory() {
		Path configured = this.properties.getFastStart().getDirectory();
		return (configured != null) ? this.workingDirectory.resolve(configured).normalize()
				: this.pidFile.resolveSibling(this.applicationName + "-fast-start");
	}

	/**
	 * Return the absolute path of the log file that receives everything the daemon
	 * writes.
	 * @return the log file
	 */
	public Path getLogFile() {
		return this.logFile;
	}

	/**
	 * Return whether Spring Boot's logging system writes and rolls the log file itself,
	 * because a {@code logging.*.rollingpolicy.*} setting asks for it. Standard output
	 * and error then go to the {@link #getOutputFile() output file} instead.
	 * @return whether the log file is rolled by the logging system
	 */
	public boolean isRollingLog() {
		return this.outputFile != null;
	}

	/**
	 * Return the absolute path of the file that the daemon's standard output and error
	 * append to: the log file, or, when {@link #isRollingLog() the logging system rolls
	 * it}, a file beside it ({@code my-app.out} beside {@code my-app.log}) that receives
	 * what is written before logging starts, the JVM's own messages and thread dumps.
	 * @return the output file
	 */
	public Path getOutputFile() {
		return (this.outputFile != null) ? this.outputFile : this.logFile;
	}

	/**
	 * Return the startup timeout.
	 * @return the startup timeout
	 */
	public Duration getStartupTimeout() {
		return this.properties.getStartupTimeout();
	}

	/**
	 * Return the stop timeout.
	 * @return the stop timeout
	 */
	public Duration getStopTimeout() {
		return this.properties.getStopTimeout();
	}

	/**
	 * Return whether a process supervisor hands the web server's listening socket over to
	 * the application JVMs it starts.
	 * @return the handover plan
	 */
	public HandoverPlan getHandover() {
		return this.handover;
	}

	/**
	 * Return whether a process supervisor runs the application
	 * ({@code daemon.supervisor.enabled}).
	 * @return whether the application is supervised
	 */
	public boolean isSupervised() {
		return this.properties.getSupervisor().isEnabled();
	}

	/**
	 * Return the PID file of an application that a supervisor runs: the supervisor holds
	 * the daemon's PID file {@code app.pid}, the application its own {@code app.app.pid}.
	 * @param pidFile the daemon's PID file
	 * @return the application's PID file beside it
	 */
	public static Path applicationPidFile(Path pidFile) {
		return PidFile.sibling(pidFile, APPLICATION_PID_SUFFIX);
	}

}
