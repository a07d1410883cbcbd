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

import java.util.function.Supplier;

import io.github.daemonstarter.DaemonConsole;
import io.github.daemonstarter.DaemonExit;
import io.github.daemonstarter.ExitStatus;
import io.github.daemonstarter.posix.Posix;
import io.github.daemonstarter.supervised.SupervisedApplication;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Holds an application that a supervisor runs at the start of
 * {@link org.springframework.boot.SpringApplication#run(String...)} until the supervisor
 * lets it go on: a supervisor boots the next JVM while its backoff runs, and this is the
 * point where that JVM waits. If its supervisor is gone by then, the JVM exits rather
 * than run unsupervised. In a daemon's JVM it also starts loading the native layer, so
 * that it overlaps with the preparation of the environment.
 * <p>
 * Registered in {@code META-INF/spring.factories}. Without a supervisor or a launcher
 * behind the JVM it does nothing.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public class SupervisorStartGate implements ApplicationListener<ApplicationStartingEvent>, Ordered {

	private final DaemonExit exit;

	private final DaemonConsole console;

	private final Supplier<@Nullable Long> lostSupervisor;

	/**
	 * Create a new gate that exits through {@link System#exit(int)}, reports on standard
	 * error and waits for the supervisor of this JVM, if it has one.
	 */
	public SupervisorStartGate() {
		this(DaemonExit.SYSTEM, new DaemonConsole(System.out, System.err, false), SupervisorStartGate::awaitSupervisor);
	}

	SupervisorStartGate(DaemonExit exit, DaemonConsole console, Supplier<@Nullable Long> lostSupervisor) {
		this.exit = exit;
		this.console = console;
		this.lostSupervisor = lostSupervisor;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public void onApplicationEvent(ApplicationStartingEvent event) {
		Long lostSupervisorPid = this.lostSupervisor.get();
		if (lostSupervisorPid != null) {
			this.console.problem("The supervisor (pid " + lostSupervisorPid
					+ ") is gone before it let the application start; exiting rather than running unsupervised");
			this.exit.exit(ExitStatus.FAILURE);
		}
	}

	/**
	 * Wait until the supervisor that runs this process lets the application start.
	 * @return the PID of the supervisor if it is gone: it died before it let the
	 * application start, or before this process could recognise it
	 */
	private static @Nullable Long awaitSupervisor() {
		SupervisedApplication supervised = SupervisedApplication.current();
		if (supervised != null || ProcessRole.launcherSocket() != null) {
			preloadNativeLayer();
		}
		if (supervised == null) {
			return SupervisedApplication.lostSupervisor();
		}
		return supervised.awaitStart() ? null : supervised.getSupervisorPid();
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

}
