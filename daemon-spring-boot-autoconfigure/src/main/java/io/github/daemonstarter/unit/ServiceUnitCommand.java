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

package io.github.daemonstarter.unit;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.github.daemonstarter.DaemonConsole;
import io.github.daemonstarter.DaemonException;
import io.github.daemonstarter.ExitStatus;
import io.github.daemonstarter.config.DaemonProperties;
import io.github.daemonstarter.config.DaemonSettings;
import io.github.daemonstarter.config.UnitFormat;
import io.github.daemonstarter.config.UnitScope;
import io.github.daemonstarter.control.DaemonControl;
import io.github.daemonstarter.launch.jvm.RelaunchCommand;
import io.github.daemonstarter.pid.PidFile;
import io.github.daemonstarter.posix.Posix;

/**
 * The {@code --daemon=unit}, {@code --daemon=install} and {@code --daemon=uninstall}
 * commands: a service unit built from how this JVM was started, printed, written into the
 * service manager's directory or removed from it.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class ServiceUnitCommand {

	private static final String UNIT_PREFIX = "--daemon.unit.";

	private static final List<String> INSTALL_PROPERTIES = List.of("--daemon.force");

	private static final List<String> UNIT_ENCODED_PROPERTIES = List.of("--daemon.user", "--daemon.group",
			"--daemon.capabilities", "--daemon.working-directory", "--daemon.jvm-options");

	private final DaemonSettings settings;

	private final Supplier<Posix> posix;

	private final DaemonConsole console;

	private final PrintStream out;

	private final Systemctl systemctl;

	private final Path currentDirectory;

	private final Path home;

	public ServiceUnitCommand(DaemonSettings settings, Supplier<Posix> posix, DaemonConsole console, PrintStream out,
			Systemctl systemctl, Path currentDirectory, Path home) {
		this.settings = settings;
		this.posix = posix;
		this.console = console;
		this.out = out;
		this.systemctl = systemctl;
		this.currentDirectory = currentDirectory;
		this.home = home;
	}

	/**
	 * Print the unit.
	 * @param relaunch how this JVM was started
	 * @return the exit status
	 */
	public int print(RelaunchCommand relaunch) {
		ServiceDefinition definition = definition(relaunch);
		String units = content(definition);
		if (definition.listenStream() != null) {
			units = header(format().fileName(definition.name())) + units + "\n"
					+ header(SystemdSocketUnit.fileName(definition.name()))
					+ new SystemdSocketUnit(definition).content();
		}
		byte[] content = units.getBytes(StandardCharsets.UTF_8);
		this.out.write(content, 0, content.length);
		this.out.flush();
		return ExitStatus.OK;
	}

	private static String header(String fileName) {
		return "# ---- " + fileName + " ----\n";
	}

	/**
	 * Write the unit, and with socket activation its socket unit, into its directory and
	 * print how to enable it.
	 * @param relaunch how this JVM was started
	 * @return the exit status
	 */
	public int install(RelaunchCommand relaunch) {
		ServiceDefinition definition = definition(relaunch);
		UnitFormat format = format();
		UnitScope scope = scope();
		String fileName = format.fileName(definition.name());
		UnitInstaller installer = installer();
		Path file = installer.getDirectory().resolve(fileName);
		boolean force = this.settings.getProperties().isForce();
		report(installer.install(fileName, content(definition), format.isExecutable(), force,
				isStandardDirectory() && scope == UnitScope.USER), file);
		List<String> commands = format.enableCommands(definition.name(), file, scope, isStandardDirectory());
		if (definition.listenStream() != null) {
			String socketFileName = SystemdSocketUnit.fileName(definition.name());
			Path socketFile = installer.getDirectory().resolve(socketFileName);
			report(installer.install(socketFileName, new SystemdSocketUnit(definition).content(), false, force, false),
					socketFile);
			commands = enableWithSocketCommands(file, socketFile, scope);
		}
		this.console.result("Enable and start it with:");
		for (String command : commands) {
			this.console.result("  " + command);
		}
		if (format == UnitFormat.SYSTEMD && scope == UnitScope.USER) {
			this.console.result("To keep it running without a login session: loginctl enable-linger");
		}
		return ExitStatus.OK;
	}

	private void report(UnitInstaller.Outcome outcome, Path file) {
		this.console.result(switch (outcome) {
			case INSTALLED -> "Installed " + file;
			case REPLACED -> "Replaced " + file;
			case UNCHANGED -> file + " is already installed and up to date";
		});
	}

	/**
	 * Return the commands that enable and start a service with its socket unit: the
	 * socket first, so that systemd listens before the application starts.
	 * @param file the service unit
	 * @param socketFile the socket unit
	 * @param scope the scope
	 * @return the commands
	 */
	private List<String> enableWithSocketCommands(Path file, Path socketFile, UnitScope scope) {
		String systemctl = (scope == UnitScope.USER) ? "systemctl --user" : "systemctl";
		boolean standard = isStandardDirectory();
		return List.of(systemctl + " daemon-reload", systemctl + " enable --now "
				+ (standard ? socketFile.getFileName() : socketFile) + " " + (standard ? file.getFileName() : file));
	}

	/**
	 * Stop the service and remove its unit, and its socket unit if it has one.
	 * @return the exit status
	 * @throws InterruptedException if interrupted while waiting for the service to stop
	 */
	public int uninstall() throws InterruptedException {
		UnitFormat format = format();
		UnitScope scope = scope();
		String name = unitName();
		String fileName = format.fileName(name);
		UnitInstaller installer = installer();
		Path file = installer.getDirectory().resolve(fileName);
		if (!installer.exists(fileName)) {
			this.console.result(name + " is not installed: there is no " + file);
			return ExitStatus.OK;
		}
		boolean underSystemd = format == UnitFormat.SYSTEMD && isStandardDirectory()
				&& this.systemctl.isSystemdRunning();
		String socketFileName = SystemdSocketUnit.fileName(name);
		boolean socket = format == UnitFormat.SYSTEMD && installer.exists(socketFileName);
		String[] disable = socket ? new String[] { "disable", "--now", socketFileName, fileName }
				: new String[] { "disable", "--now", fileName };
		int stopped = underSystemd ? systemctl(scope, disable) : stopThroughPidFile();
		if (stopped != ExitStatus.OK) {
			this.console.problem("Did not remove " + file + ": " + name + " could not be stopped");
			return stopped;
		}
		installer.remove(fileName);
		this.console.result("Removed " + file);
		if (socket) {
			installer.remove(socketFileName);
			this.console.result("Removed " + installer.getDirectory().resolve(socketFileName));
		}
		if (underSystemd) {
			return systemctl(scope, "daemon-reload");
		}
		List<String> commands = format.afterRemovalCommands(name, scope);
		if (!commands.isEmpty()) {
			this.console.result("Let the service manager forget it with:");
			commands.forEach((command) -> this.console.result("  " + command));
		}
		return ExitStatus.OK;
	}

	private int systemctl(UnitScope scope, String... arguments) throws InterruptedException {
		List<String> command = new ArrayList<>();
		if (scope == UnitScope.USER) {
			command.add("--user");
		}
		command.addAll(List.of(arguments));
		try {
			int status = this.systemctl.run(command);
			if (status != 0) {
				this.console.problem("systemctl " + String.join(" ", command) + " failed with exit status " + status);
				return ExitStatus.FAILURE;
			}
			return ExitStatus.OK;
		}
		catch (IOException ex) {
			throw new DaemonException(ExitStatus.FAILURE, "Cannot run systemctl: " + ex.getMessage(), ex);
		}
	}

	private int stopThroughPidFile() throws InterruptedException {
		DaemonControl control = new DaemonControl(this.settings.getApplicationName(),
				new PidFile(this.posix, this.settings.getPidFile()), this.settings.getLogFile(), this.console);
		return control.stop(this.settings.getStopTimeout(), this.settings.getProperties().isForce());
	}

	/**
	 * Return the content of the unit in the configured format.
	 * @param definition the service
	 * @return the content
	 */
	String content(ServiceDefinition definition) {
		return switch (format()) {
			case SYSTEMD -> new SystemdUnit(definition, this.systemctl.version()).content();
			case SYSV -> new InitScript(definition).content();
			case LAUNCHD -> new LaunchdPlist(definition).content();
		};
	}

	/**
	 * Return the service definition of this application.
	 * @param relaunch how this JVM was started
	 * @return the definition
	 */
	ServiceDefinition definition(RelaunchCommand relaunch) {
		DaemonProperties properties = this.settings.getProperties();
		DaemonProperties.Supervisor restart = properties.getSupervisor();
		UnitFormat format = format();
		if (format == UnitFormat.SYSV && scope() == UnitScope.USER) {
			throw new DaemonException(ExitStatus.NOT_CONFIGURED,
					"daemon.unit.scope=user needs daemon.unit.format=systemd or launchd: init scripts are system-wide");
		}
		List<String> controlArguments = relaunch.getApplicationArguments()
			.stream()
			.filter((argument) -> !argument.startsWith(UNIT_PREFIX) && !isAny(argument, INSTALL_PROPERTIES))
			.toList();
		List<String> runArguments = new ArrayList<>(
				controlArguments.stream().filter((argument) -> !isAny(argument, UNIT_ENCODED_PROPERTIES)).toList());
		if (properties.getWorkingDirectory() != null) {
			runArguments.add("--daemon.working-directory=" + this.settings.getWorkingDirectory());
		}
		List<String> jvmOptions = properties.getJvmOptions();
		List<String> runJava = new UnitFastStart(this.settings, this.console).java(relaunch.withJvmOptions(jvmOptions),
				runArguments);
		// With options of its own, the service's JVM runs from a fast start
		// entry made for them, which only the service holds while it runs:
		// the control commands keep the launcher's java part, from the jar
		List<String> java = jvmOptions.isEmpty() ? runJava : UnitFastStart.javaPart(relaunch);
		Path workingDirectory = (format == UnitFormat.SYSV) ? this.currentDirectory
				: this.settings.getWorkingDirectory();
		String listenStream = null;
		if (properties.getUnit().isSocket()) {
			if (format != UnitFormat.SYSTEMD) {
				throw new DaemonException(ExitStatus.NOT_CONFIGURED, "daemon.unit.socket=true needs "
						+ "daemon.unit.format=systemd: only systemd passes a listening socket; remove daemon.unit.socket");
			}
			listenStream = SystemdSocketUnit.listenStream(this.settings.getHandover());
		}
		return new ServiceDefinition(unitName(), this.settings.getApplicationName() + " (Spring Boot daemon)", scope(),
				java, runArguments, controlArguments, workingDirectory, properties.getUser(), properties.getGroup(),
				this.settings.getLogFile(), properties.getStopTimeout(), restart.getInitialDelay(),
				restart.getMultiplier(), restart.getMaxDelay(), restart.getMaxRestarts(), restart.getWindow(),
				properties.getSystemd().isEnabled(), properties.getSystemd().getWatchdog(),
				properties.getCapabilities(), listenStream, runJava);
	}

	private static boolean isAny(String argument, List<String> properties) {
		for (String property : properties) {
			if (argument.equals(property) || argument.startsWith(property + "=")
					|| argument.startsWith(property + "[")) {
				return true;
			}
		}
		return false;
	}

	private String unitName() {
		String name = this.settings.getProperties().getUnit().getName();
		return (name != null) ? name : ServiceDefinition.unitName(this.settings.getApplicationName());
	}

	private UnitInstaller installer() {
		Path directory = this.settings.getProperties().getUnit().getDirectory();
		return new UnitInstaller((directory != null) ? this.currentDirectory.resolve(directory)
				: format().defaultDirectory(scope(), this.home));
	}

	private boolean isStandardDirectory() {
		Path directory = this.settings.getProperties().getUnit().getDirectory();
		return directory == null || this.currentDirectory.resolve(directory)
			.toAbsolutePath()
			.normalize()
			.equals(format().defaultDirectory(scope(), this.home));
	}

	private UnitFormat format() {
		return this.settings.getProperties().getUnit().getFormat();
	}

	private UnitScope scope() {
		return this.settings.getProperties().getUnit().getScope();
	}

}
