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

package io.github.daemonstarter.role;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;

import io.github.daemonstarter.DaemonConsole;
import io.github.daemonstarter.DaemonExit;
import io.github.daemonstarter.ExitStatus;
import io.github.daemonstarter.config.DaemonCommand;
import io.github.daemonstarter.config.DaemonSettings;
import io.github.daemonstarter.control.DaemonControl;
import io.github.daemonstarter.control.DaemonReload;
import io.github.daemonstarter.launch.DaemonLauncher;
import io.github.daemonstarter.launch.jvm.RelaunchCommand;
import io.github.daemonstarter.pid.PidFile;
import io.github.daemonstarter.posix.Posix;
import io.github.daemonstarter.posix.ProcFs;
import io.github.daemonstarter.unit.ServiceUnitCommand;
import io.github.daemonstarter.unit.Systemctl;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;

/**
 * The JVM that runs a {@code --daemon} command: it starts the application detached
 * ({@code --daemon}) or in the foreground ({@code --daemon=run}), or runs a control
 * command ({@code status}, {@code stop}, {@code restart}, {@code reload}, or
 * {@code unit}, {@code install} and {@code uninstall} for service managers) and ends the
 * JVM with its exit code.
 *
 * @author Daemon Starter Team
 */
final class ControlCommand {

	private final DaemonExit exit;

	private final DaemonConsole console;

	ControlCommand(DaemonExit exit, DaemonConsole console) {
		this.exit = exit;
		this.console = console;
	}

	void run(ApplicationEnvironmentPreparedEvent event, DaemonCommand command) {
		Supplier<Posix> posix = Posix::get;
		DaemonSettings settings = DaemonSettings.resolve(event.getEnvironment(), Path.of("").toAbsolutePath());
		DaemonConsole console = consoleFor();
		switch (command) {
			case START -> start(event, settings, posix, console);
			case RUN -> new ForegroundRun(this.console).run(event, settings, posix.get());
			case STATUS -> this.exit
				.exit(control(settings, posix, console).printStatus(settings.getStatus().getDegradedExitCode()));
			case STOP -> this.exit.exit(stop(settings, posix, console));
			case RESTART -> {
				if (ForegroundRun.reason() == null) {
					// A start bound to fail must not cost the running daemon
					new DaemonLauncher(settings, posix, console).check(event.getArgs());
				}
				int stopped = stop(settings, posix, console);
				if (stopped != ExitStatus.OK) {
					this.exit.exit(stopped);
					return;
				}
				start(event, settings, posix, console);
			}
			case RELOAD -> this.exit.exit(reload(settings, posix, console));
			case UNIT -> this.exit.exit(serviceUnit(settings, posix, console).print(relaunch(event)));
			case INSTALL -> this.exit.exit(serviceUnit(settings, posix, console).install(relaunch(event)));
			case UNINSTALL -> this.exit.exit(uninstall(serviceUnit(settings, posix, console)));
		}
	}

	private ServiceUnitCommand serviceUnit(DaemonSettings settings, Supplier<Posix> posix, DaemonConsole console) {
		return new ServiceUnitCommand(settings, posix, console, System.out, Systemctl.find(),
				Path.of("").toAbsolutePath(), Path.of(System.getProperty("user.home")));
	}

	private static RelaunchCommand relaunch(ApplicationEnvironmentPreparedEvent event) {
		return RelaunchCommand.ofCurrentProcess(event.getArgs());
	}

	private int uninstall(ServiceUnitCommand command) {
		try {
			return command.uninstall();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return ExitStatus.FAILURE;
		}
	}

	private void start(ApplicationEnvironmentPreparedEvent event, DaemonSettings settings, Supplier<Posix> posix,
			DaemonConsole console) {
		String foregroundReason = ForegroundRun.reason();
		if (foregroundReason != null) {
			console.problem("Running " + settings.getApplicationName() + " in the foreground: " + foregroundReason);
			new ForegroundRun(this.console).run(event, settings, posix.get());
			return;
		}
		this.exit.exit(new DaemonLauncher(settings, posix, console).start(event.getArgs()));
	}

	private int stop(DaemonSettings settings, Supplier<Posix> posix, DaemonConsole console) {
		try {
			return control(settings, posix, console).stop(settings.getStopTimeout(),
					settings.getProperties().isForce());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return ExitStatus.FAILURE;
		}
	}

	private int reload(DaemonSettings settings, Supplier<Posix> posix, DaemonConsole console) {
		try {
			return new DaemonReload(settings.getApplicationName(), new PidFile(posix, settings.getPidFile()), posix,
					console, settings.getLogFile())
				.reload(settings.getProperties().getStartupTimeout());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return ExitStatus.FAILURE;
		}
	}

	private DaemonControl control(DaemonSettings settings, Supplier<Posix> posix, DaemonConsole console) {
		return new DaemonControl(settings.getApplicationName(), new PidFile(posix, settings.getPidFile()),
				settings.getLogFile(), console);
	}

	private DaemonConsole consoleFor() {
		if (this.console.isInteractive() || !isStandardConsole()) {
			return this.console;
		}
		return new DaemonConsole(System.out, System.err, isStandardErrorTerminal());
	}

	/**
	 * Return whether standard error is a terminal, from the target of
	 * {@code /proc/self/fd/2}, without loading the native layer.
	 * @return whether standard error is a terminal
	 */
	static boolean isStandardErrorTerminal() {
		try {
			String target = ProcFs.system().selfFileDescriptorTarget(2).toString();
			return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
		}
		catch (IOException | UnsupportedOperationException ex) {
			return false;
		}
	}

	private boolean isStandardConsole() {
		return this.exit == DaemonExit.SYSTEM;
	}

}
