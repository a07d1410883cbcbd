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
import io.github.daemonstarter.ExitStatus;
import io.github.daemonstarter.config.DaemonProperties;
import io.github.daemonstarter.config.DaemonSettings;
import io.github.daemonstarter.container.ContainerMainProcess;
import io.github.daemonstarter.launch.user.DaemonUser;
import io.github.daemonstarter.pid.PidFileLockedException;
import io.github.daemonstarter.posix.Posix;
import io.github.daemonstarter.runtime.DaemonRuntime;
import io.github.daemonstarter.server.SocketActivation;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;

/**
 * The foreground run: {@code --daemon=run}, and {@code --daemon} where detaching would be
 * wrong. The application runs in this JVM with a locked PID file, serving on the socket
 * that systemd passed if it was started by socket activation.
 *
 * @author Daemon Starter Team
 */
final class ForegroundRun {

	private static final String[] SERVICE_MANAGER_VARIABLES = { "NOTIFY_SOCKET", "INVOCATION_ID" };

	private final DaemonConsole console;

	ForegroundRun(DaemonConsole console) {
		this.console = console;
	}

	void run(ApplicationEnvironmentPreparedEvent event, DaemonSettings settings, Posix posix) {
		checkForegroundUser(settings);
		SocketActivation.current().apply(() -> posix, this.console);
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

	private void applyUmask(DaemonSettings settings, Posix posix) {
		Integer umask = settings.getProperties().umaskValue();
		if (umask != null) {
			posix.umask(umask);
		}
	}

	/**
	 * Return why {@code --daemon} should run in the foreground instead of detaching.
	 * @return the reason or {@code null} to detach
	 */
	static @Nullable String reason() {
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

}
