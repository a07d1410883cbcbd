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
import io.github.daemonstarter.config.DaemonCommand;
import io.github.daemonstarter.posix.Posix;
import io.github.daemonstarter.server.SocketActivation;
import io.github.daemonstarter.supervised.SupervisedApplication;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Runs the {@code --daemon} commands once the environment is prepared: after
 * {@code application.properties} has been read, before logging starts, before the banner
 * and before any bean exists.
 * <p>
 * Without a {@code --daemon} argument it only takes the listening socket that systemd may
 * have passed (see {@link SocketActivation}). With one, it starts the application
 * detached ({@code --daemon}), runs it in the foreground with a locked PID file
 * ({@code --daemon=run}), or runs a control command ({@code status}, {@code stop},
 * {@code restart}, or {@code unit}, {@code install} and {@code uninstall} for service
 * managers) and ends the JVM with its exit code. In the detached child it locks and
 * writes the PID file and reports the start to the waiting launcher. The
 * {@link ProcessRole} of the JVM decides which; each role's work is a class of its own.
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
	 * standard streams.
	 */
	public DaemonApplicationListener() {
		this(DaemonExit.SYSTEM, null);
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
		DaemonCommand command;
		try {
			command = DaemonCommand.of(event.getArgs());
		}
		catch (DaemonException ex) {
			fail(ex);
			return;
		}
		Path socket = ProcessRole.launcherSocket();
		SupervisedApplication supervised = (command == null && socket == null) ? SupervisedApplication.current() : null;
		try {
			switch (ProcessRole.decide(command, socket, supervised != null)) {
				case APPLICATION -> SocketActivation.current().apply(Posix::get, this.console);
				case COMMAND -> new ControlCommand(this.exit, this.console).run(event, command);
				case DETACHED_CHILD -> new DetachedChildStart(this.exit).run(event, socket);
				case SUPERVISED_APPLICATION -> new SupervisedApplicationStart(this.exit).run(event, supervised);
			}
		}
		catch (DaemonException ex) {
			fail(ex);
		}
	}

	private void fail(DaemonException ex) {
		this.console.problem(ex.getMessage());
		this.exit.exit(ex.getExitStatus());
	}

}
