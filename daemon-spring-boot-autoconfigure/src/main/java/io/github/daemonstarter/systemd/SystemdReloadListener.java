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

package io.github.daemonstarter.systemd;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.github.daemonstarter.reload.DaemonReloadEvent;
import io.github.daemonstarter.reload.DaemonReloadedEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Tells systemd about a reload, as {@code Type=notify-reload} asks: {@code RELOADING=1}
 * with {@code MONOTONIC_USEC=} before the application's {@link DaemonReloadEvent}
 * listeners run, {@code READY=1} once the reload is over ({@link DaemonReloadedEvent}),
 * also when a listener failed, so that systemd never waits for the end of a reload that
 * has ended.
 * <p>
 * Under {@code Type=notify} with {@code ExecReload=}, and for a reload asked for without
 * systemd ({@code --daemon=reload} or {@code kill -HUP}), the same messages show the
 * reload in {@code systemctl status} and let systemd propagate it to the units that
 * depend on this one.
 *
 * @author Daemon Starter Team
 */
final class SystemdReloadListener implements ApplicationContextAware {

	private final SystemdNotifier notifier;

	private final Environment environment;

	private final LongSupplier monotonicMicros;

	private @Nullable ApplicationContext context;

	/**
	 * Create a new listener.
	 * @param notifier the notifier
	 * @param environment the environment, for the port in the status
	 * @param monotonicMicros the clock of {@code MONOTONIC_USEC=}, normally
	 * {@link #monotonicMicros()}
	 */
	SystemdReloadListener(SystemdNotifier notifier, Environment environment, LongSupplier monotonicMicros) {
		this.notifier = notifier;
		this.environment = environment;
		this.monotonicMicros = monotonicMicros;
	}

	/**
	 * Return the time of {@code CLOCK_MONOTONIC} in microseconds, the clock of
	 * {@code MONOTONIC_USEC=}: on Linux, HotSpot's {@link System#nanoTime()} reads it
	 * ({@code clock_gettime(CLOCK_MONOTONIC)} in {@code os::javaTimeNanos}), with no
	 * offset.
	 * @return the time in microseconds
	 */
	static long monotonicMicros() {
		return TimeUnit.NANOSECONDS.toMicros(System.nanoTime());
	}

	@Override
	public void setApplicationContext(ApplicationContext context) {
		this.context = context;
	}

	@EventListener
	@Order(Ordered.HIGHEST_PRECEDENCE)
	void reloading(DaemonReloadEvent event) {
		if (event.getSource() == this.context) {
			this.notifier.send(NotifyMessage.of()
				.reloading(this.monotonicMicros.getAsLong())
				.status("Reloading (reload " + event.getReload() + ")"));
		}
	}

	@EventListener
	void reloaded(DaemonReloadedEvent event) {
		if (event.getSource() == this.context) {
			StringBuilder status = new StringBuilder("Ready, ");
			status
				.append((event.getFailure() != null) ? "reload " + event.getReload() + " failed: " + event.getFailure()
						: "reloaded (reload " + event.getReload() + ")");
			String port = this.environment.getProperty("local.server.port");
			if (port != null) {
				status.append(", port ").append(port);
			}
			this.notifier.send(NotifyMessage.of().ready().status(status.toString()));
		}
	}

}
