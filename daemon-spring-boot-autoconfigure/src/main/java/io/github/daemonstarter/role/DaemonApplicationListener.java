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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import io.github.daemonstarter.DaemonConsole;
import io.github.daemonstarter.DaemonException;
import io.github.daemonstarter.DaemonExit;
import io.github.daemonstarter.ExitStatus;
import io.github.daemonstarter.config.DaemonCommand;
import io.github.daemonstarter.config.DaemonProperties;
import io.github.daemonstarter.config.DaemonSettings;
import io.github.daemonstarter.container.ContainerMainProcess;
import io.github.daemonstarter.control.DaemonControl;
import io.github.daemonstarter.control.DaemonReload;
import io.github.daemonstarter.handshake.LaunchHandshake;
import io.github.daemonstarter.launch.DaemonLauncher;
import io.github.daemonstarter.launch.jvm.RelaunchCommand;
import io.github.daemonstarter.launch.user.DaemonUser;
import io.github.daemonstarter.pid.PidFile;
import io.github.daemonstarter.pid.PidFileLockedException;
import io.github.daemonstarter.posix.Posix;
import io.github.daemonstarter.posix.ProcessState;
import io.github.daemonstarter.runtime.DaemonRuntime;
import io.github.daemonstarter.runtime.LaunchReporter;
import io.github.daemonstarter.runtime.StartupReporter;
import io.github.daemonstarter.supervisor.SupervisedApplication;
import io.github.daemonstarter.unit.ServiceUnitCommand;
import io.github.daemonstarter.unit.Systemctl;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Runs the {@code --daemon} commands once the environment is prepared: after
 * {@code application.properties} has been read, before logging starts, before the banner
 * and before any bean exists.
 * <p>
 * Without a {@code --daemon} argument it does nothing at all. With one, it starts the
 * application detached ({@code --daemon}), runs it in the foreground with a locked PID
 * file ({@code --daemon=run}), or runs a control command ({@code status}, {@code stop},
 * {@code restart}, or {@code unit}, {@code install} and {@code uninstall} for service
 * managers) and ends the JVM with its exit code. In the detached child it locks and
 * writes the PID file and reports the start to the waiting launcher.
 * <p>
 * Registered in {@code META-INF/spring.factories}.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public class DaemonApplicationListener implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

	/**
	 * The order of this listener: after the environment post-processors that read the
	 * configuration, before logging is initialized.
	 */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 15;

	private static final String[] SERVICE_MANAGER_VARIABLES = { "NOTIFY_SOCKET", "INVOCATION_ID" };

	private final DaemonExit exit;

	private final DaemonConsole console;

	/**
	 * Create a new listener that exits through {@link System#exit(int)} and talks on the
	 * standard streams. In an application that a supervisor runs, it waits until the
	 * supervisor lets the application start: a supervisor boots the next JVM while its
	 * backoff runs, and this is the point where that JVM is held. If that supervisor is
	 * gone by then, it exits.
	 */
	public DaemonApplicationListener() {
		this(DaemonExit.SYSTEM, null);
		SupervisedApplication supervised = SupervisedApplication.current();
		if (supervised != null || detachedChildSocket() != null) {
			preloadNativeLayer();
		}
		Long lostSupervisorPid = awaitSupervisor(supervised);
		if (lostSupervisorPid != null) {
			this.console.problem("The supervisor (pid " + lostSupervisorPid
					+ ") is gone before it let the application start; exiting rather than running unsupervised");
			this.exit.exit(ExitStatus.FAILURE);
		}
	}

	DaemonApplicationListener(DaemonExit exit, @Nullable DaemonConsole console) {
		this.exit = exit;
		this.console = (console != null) ? console : new DaemonConsole(System.out, System.err, false);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		Path socket = detachedChildSocket();
		DaemonCommand command;
		try {
			command = DaemonCommand.of(event.getArgs());
		}
		catch (DaemonException ex) {
			fail(ex);
			return;
		}
		SupervisedApplication supervised = (command == null && socket == null) ? SupervisedApplication.current() : null;
		if (command == null && socket == null && supervised == null) {
			return;
		}
		try {
			if (supervised != null) {
				runSupervised(event, supervised);
			}
			else if (socket != null) {
				runDetached(event, socket);
			}
			else {
				run(event, command);
			}
		}
		catch (DaemonException ex) {
			fail(ex);
		}
	}

	private void run(ApplicationEnvironmentPreparedEvent event, DaemonCommand command) {
		Supplier<Posix> posix = Posix::get;
		DaemonSettings settings = DaemonSettings.resolve(event.getEnvironment(), Path.of("").toAbsolutePath());
		DaemonConsole console = consoleFor();
		switch (command) {
			case START -> start(event, settings, posix, console);
			case RUN -> runInForeground(event, settings, posix.get());
			case STATUS -> this.exit
				.exit(control(settings, posix, console).printStatus(settings.getStatus().getDegradedExitCode()));
			case STOP -> this.exit.exit(stop(settings, posix, console));
			case RESTART -> {
				if (foregroundReason() == null) {
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
		String foregroundReason = foregroundReason();
		if (foregroundReason != null) {
			console.problem("Running " + settings.getApplicationName() + " in the foreground: " + foregroundReason);
			runInForeground(event, settings, posix.get());
			return;
		}
		this.exit.exit(new DaemonLauncher(settings, posix, console).start(event.getArgs()));
	}

	private void runInForeground(ApplicationEnvironmentPreparedEvent event, DaemonSettings settings, Posix posix) {
		checkForegroundUser(settings);
		applyUmask(settings, posix);
		Path current = Path.of("").toAbsolutePath();
		if (!settings.getWorkingDirectory().equals(current)) {
			this.console.problem("Note: daemon.working-directory " + settings.getWorkingDirectory()
					+ " applies to detached starts only; this process runs in " + current);
		}
		try {
			new DaemonRuntime(settings, posix).prepare(event, false);
		}
		catch (PidFileLockedException ex) {
			throw new DaemonException(ExitStatus.FAILURE,
					settings.getApplicationName() + " is already running (pid " + ex.getPid() + ")");
		}
	}

	private static void checkForegroundUser(DaemonSettings settings) {
		DaemonProperties properties = settings.getProperties();
		if (properties.getUser() != null) {
			DaemonUser.checkForeground(properties.getUser(), properties.getGroup(), DaemonUser.Accounts.system(),
					DaemonUser.Credentials.current());
		}
	}

	private void runDetached(ApplicationEnvironmentPreparedEvent event, Path socket) {
		LaunchReporter reporter = LaunchReporter.connect(socket);
		try {
			Posix posix = Posix.get();
			DaemonSettings settings = DaemonSettings.resolveDetached(event.getEnvironment(),
					Path.of("").toAbsolutePath());
			new DaemonRuntime(settings, posix).prepare(event, true);
			event.getSpringApplication().addListeners(new StartupReporter(reporter));
		}
		catch (PidFileLockedException ex) {
			reporter.locked(ex.getPid());
			this.exit.exit(ExitStatus.OK);
		}
		catch (DaemonException ex) {
			reporter.refused(ex.getExitStatus(), ex.getMessage());
			throw ex;
		}
	}

	/**
	 * Prepare the application that a supervisor runs: it holds its own PID file beside
	 * the supervisor's, reports to the launcher on its first run only, and shuts down
	 * gracefully when the supervisor dies.
	 * @param event the event that carries the environment
	 * @param supervised the supervision
	 */
	private void runSupervised(ApplicationEnvironmentPreparedEvent event, SupervisedApplication supervised) {
		String socket = System.getenv(LaunchHandshake.LAUNCHER_SOCKET_VARIABLE);
		LaunchReporter reporter = LaunchReporter
			.connect((socket != null && !socket.isEmpty()) ? Path.of(socket) : null);
		try {
			DaemonSettings settings = DaemonSettings
				.resolveDetached(event.getEnvironment(), Path.of("").toAbsolutePath())
				.supervised();
			new DaemonRuntime(settings, Posix.get()).prepare(event, true);
			event.getSpringApplication()
				.addListeners(new StartupReporter(reporter, "application pid " + ProcessHandle.current().pid()));
			supervised.watchSupervisor(() -> this.exit.exit(ExitStatus.FAILURE));
		}
		catch (PidFileLockedException ex) {
			reporter.refused(ExitStatus.FAILURE, "the application's PID file is locked by pid " + ex.getPid()
					+ ", an application that its supervisor left behind: stop it first");
			this.exit.exit(ExitStatus.FAILURE);
		}
		catch (DaemonException ex) {
			reporter.refused(ex.getExitStatus(), ex.getMessage());
			throw ex;
		}
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
					console)
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

	private void applyUmask(DaemonSettings settings, Posix posix) {
		Integer umask = settings.getProperties().umaskValue();
		if (umask != null) {
			posix.umask(umask);
		}
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
			String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
			return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
		}
		catch (IOException | UnsupportedOperationException ex) {
			return false;
		}
	}

	/**
	 * Start loading the native layer on a background thread, so that it overlaps with the
	 * preparation of the environment in the detached child, which needs it to lock the
	 * PID file. Failures surface when the layer is used.
	 */
	private static void preloadNativeLayer() {
		Thread thread = new Thread(() -> {
			try {
				Posix.get();
			}
			catch (RuntimeException ex) {
				// Reported by the first real use
			}
		}, "daemon-native-preload");
		thread.setDaemon(true);
		thread.start();
	}

	/**
	 * Wait until the supervisor that runs this process lets the application start.
	 * @param supervised the supervision, or {@code null} if no supervisor runs this
	 * process
	 * @return the PID of the supervisor if it is gone: it died before it let the
	 * application start, or before this process could recognise it
	 */
	private static @Nullable Long awaitSupervisor(@Nullable SupervisedApplication supervised) {
		if (supervised == null) {
			return SupervisedApplication.lostSupervisor();
		}
		return supervised.awaitStart() ? null : supervised.getSupervisorPid();
	}

	private boolean isStandardConsole() {
		return this.exit == DaemonExit.SYSTEM;
	}

	private void fail(DaemonException ex) {
		this.console.problem(ex.getMessage());
		this.exit.exit(ex.getExitStatus());
	}

	/**
	 * Return why {@code --daemon} should run in the foreground instead of detaching.
	 * @return the reason or {@code null} to detach
	 */
	static @Nullable String foregroundReason() {
		for (String variable : SERVICE_MANAGER_VARIABLES) {
			String value = System.getenv(variable);
			if (value != null && !value.isEmpty()) {
				return "it was started by a service manager (" + variable
						+ " is set), which supervises it; use --daemon=run in the service definition";
			}
		}
		if (ProcessHandle.current().pid() == 1) {
			return "it is PID 1 (a container's main process), which must not exit";
		}
		return ContainerMainProcess.current().foregroundReason();
	}

	/**
	 * Return the launcher's socket if this JVM is a detached child: the launcher set the
	 * variable and this process leads its own session. Grandchildren that inherit the
	 * variable do not lead a session, so they never take themselves for the daemon.
	 * @return the socket or {@code null}
	 */
	private static @Nullable Path detachedChildSocket() {
		String socket = System.getenv(LaunchHandshake.LAUNCHER_SOCKET_VARIABLE);
		if (socket == null || socket.isEmpty() || !ProcessState.isSessionLeader(ProcessHandle.current().pid())) {
			return null;
		}
		return Path.of(socket);
	}

}
