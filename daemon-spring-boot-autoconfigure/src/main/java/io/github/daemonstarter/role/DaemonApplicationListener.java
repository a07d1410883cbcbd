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

import java.nio.file.Path;

import io.github.daemonstarter.DaemonConsole;
import io.github.daemonstarter.DaemonException;
import io.github.daemonstarter.DaemonExit;
import io.github.daemonstarter.ExitStatus;
import io.github.daemonstarter.config.DaemonCommand;
import io.github.daemonstarter.handshake.LaunchHandshake;
import io.github.daemonstarter.posix.Posix;
import io.github.daemonstarter.posix.ProcessState;
import io.github.daemonstarter.supervisor.SupervisedApplication;
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
				new SupervisedApplicationStart(this.exit).run(event, supervised);
			}
			else if (socket != null) {
				new DetachedChildStart(this.exit).run(event, socket);
			}
			else {
				new ControlCommand(this.exit, this.console).run(event, command);
			}
		}
		catch (DaemonException ex) {
			fail(ex);
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

	private void fail(DaemonException ex) {
		this.console.problem(ex.getMessage());
		this.exit.exit(ex.getExitStatus());
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
