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

package io.github.daemonstarter.supervisor;

import java.io.IOException;
import java.time.Clock;

import io.github.daemonstarter.ExitStatus;
import io.github.daemonstarter.handover.HandoverPlan;
import io.github.daemonstarter.handshake.LauncherNotice;
import io.github.daemonstarter.status.StatusFile;
import io.github.daemonstarter.supervised.ApplicationChannels;
import io.github.daemonstarter.supervised.SupervisedApplication;

/**
 * The process supervisor: a small JVM, without a Spring context, that runs the daemon's
 * application as its child and restarts it when it ends abnormally. Started by the
 * launcher with {@link SupervisorSettings#toArguments()} as its arguments.
 * <p>
 * The supervisor locks the daemon's PID file and writes its own PID into it, then starts
 * the application with standard output and error inherited (the log file) and standard
 * input a pipe that it never closes. The application waits until it reads one byte from
 * the pipe before it starts (see {@link SupervisedApplication#awaitStart()}), and the
 * supervisor writes nothing else: when the supervisor dies, even by {@code SIGKILL}, the
 * application reads end-of-file and can shut down. The application sees the supervisor
 * through the environment variables
 * {@value SupervisedApplication#SUPERVISOR_PID_VARIABLE} and
 * {@value SupervisedApplication#RESTARTS_VARIABLE}.
 * <p>
 * While the application runs the supervisor blocks on its exit; nothing polls. When it
 * ends:
 * <ul>
 * <li>after a stop that was asked for ({@code SIGTERM} or {@code SIGINT} to the
 * supervisor) it is never restarted;</li>
 * <li>exit statuses {@code 0}, {@code 130} and {@code 143} (a JVM that shut down after
 * {@code SIGINT} or {@code SIGTERM} from someone else) are clean: the supervisor removes
 * its files and exits with status {@code 0};</li>
 * <li>any other exit status restarts it, including {@code 128+n} for a process killed by
 * signal {@code n};</li>
 * <li>{@link SupervisorSettings#restartExitCodes()} forces a restart, and
 * {@link SupervisorSettings#noRestartExitCodes()} prevents one, in which case the
 * supervisor exits with the application's exit status.</li>
 * </ul>
 * Restarts follow the {@link SupervisorSettings#policy() policy}: a delay that grows with
 * each run shorter than the min-uptime, and at most max-restarts within the window, past
 * which the supervisor gives up, removes its PID file and status file and exits with
 * {@link #GAVE_UP_EXIT_STATUS}. Unless {@link SupervisorSettings#prestart()} is off, the
 * supervisor starts the next JVM as soon as the backoff begins and lets it start the
 * application when the backoff ends, so that the JVM's boot and Spring Boot's bootstrap
 * overlap with the backoff. If that JVM ends before, the restart finds it ended and
 * counts as a failed start.
 * <p>
 * The launcher waits for the first start. When the first JVM ends before it reached the
 * supervisor, it could not report why (it refused its JVM options, for one), so the
 * supervisor tells the launcher, which ends the start instead of waiting out the restarts
 * (see {@link LauncherNotice}).
 * <p>
 * Signals to the supervisor: {@code SIGTERM} and {@code SIGINT} stop the application
 * gracefully ({@code SIGTERM}, then after the stop timeout {@code SIGKILL} to it and its
 * descendants) and then the supervisor, which exits as a JVM does after such a signal;
 * {@code SIGHUP} restarts the application at once, a restart that the limits do not
 * count.
 * <p>
 * The supervisor publishes its state and the application's in a {@link StatusFile} beside
 * its PID file, for {@code --daemon=status}.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class DaemonSupervisor {

	/**
	 * Exit status of a supervisor that found the PID file locked by another process.
	 */
	public static final int ALREADY_RUNNING_EXIT_STATUS = 10;

	/**
	 * Exit status of a supervisor that gave up restarting the application.
	 */
	public static final int GAVE_UP_EXIT_STATUS = 1;

	private DaemonSupervisor() {
	}

	/**
	 * Run the supervisor.
	 * @param args the arguments from {@link SupervisorSettings#toArguments()}
	 */
	public static void main(String[] args) {
		SupervisorSettings settings;
		try {
			settings = SupervisorSettings.fromArguments(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println("Daemon supervisor: " + ex.getMessage());
			System.exit(ExitStatus.INVALID_ARGUMENT);
			return;
		}
		long pid = ProcessHandle.current().pid();
		SupervisorLog log = new SupervisorLog(System.out, Clock.systemDefaultZone(), pid, settings.applicationName());
		int lockStatus = SupervisorFiles.lockPidFile(settings.pidFile(), log);
		if (lockStatus != ExitStatus.OK) {
			System.exit(lockStatus);
			return;
		}
		HandoverPlan handover = settings.handover();
		if (handover.handsOver()) {
			Integer bindStatus = ServerSocketHandover.open(handover, log);
			if (bindStatus != null) {
				System.exit(bindStatus);
				return;
			}
		}
		else {
			log.info("Reloads " + (handover.refusesReload() ? "are refused" : "restart " + settings.applicationName())
					+ " rather than hand the listening socket over: " + handover.unavailable());
		}
		ApplicationChannels channels;
		try {
			channels = ApplicationChannels.open();
		}
		catch (IOException ex) {
			log.error("Cannot open the socket through which the application reports to its supervisor (" + ex + ")");
			System.exit(ExitStatus.FAILURE);
			return;
		}
		Integer exitStatus = new Supervision(settings, log, pid, channels, handover).run();
		if (exitStatus != null) {
			System.exit(exitStatus);
		}
	}

}
