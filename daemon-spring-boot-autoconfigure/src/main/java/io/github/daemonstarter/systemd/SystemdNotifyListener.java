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

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import io.github.daemonstarter.restart.DurationFormat;
import io.github.daemonstarter.watchdog.WorkerEvent;
import io.github.daemonstarter.watchdog.WorkerFailedEvent;
import io.github.daemonstarter.watchdog.WorkerGaveUpEvent;
import io.github.daemonstarter.watchdog.WorkerRestartedEvent;
import io.github.daemonstarter.watchdog.WorkerSnapshot;
import io.github.daemonstarter.watchdog.WorkerState;
import io.github.daemonstarter.watchdog.WorkerStoppedEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.Environment;

/**
 * Tells systemd how the application is doing: {@code STATUS=Starting} when created,
 * {@code READY=1} with {@code MAINPID=} once the application is ready, status lines when
 * a worker of the watchdog fails and waits to restart, restarts, gives up or stops, and
 * {@code STOPPING=1} as soon as the application context starts closing. Starts the
 * {@link WatchdogPinger} once ready if systemd expects watchdog pings.
 *
 * @author Daemon Starter Team
 */
class SystemdNotifyListener
		implements ApplicationListener<ApplicationEvent>, ApplicationContextAware, InitializingBean, DisposableBean {

	private final SystemdNotifier notifier;

	private final Environment environment;

	private final @Nullable WatchdogPinger pinger;

	private @Nullable ApplicationContext context;

	private volatile boolean stopping;

	SystemdNotifyListener(SystemdNotifier notifier, Environment environment, @Nullable WatchdogPinger pinger) {
		this.notifier = notifier;
		this.environment = environment;
		this.pinger = pinger;
	}

	@Override
	public void setApplicationContext(ApplicationContext context) {
		this.context = context;
	}

	@Override
	public void afterPropertiesSet() {
		this.notifier.send(NotifyMessage.of().status("Starting"));
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ApplicationReadyEvent ready && ready.getApplicationContext() == this.context) {
			ready(ready);
		}
		else if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == this.context) {
			closing();
		}
		else if (event instanceof WorkerEvent workerEvent && !this.stopping) {
			String status = workerStatus(workerEvent);
			if (status != null) {
				this.notifier.send(NotifyMessage.of().status(status));
			}
		}
	}

	private void ready(ApplicationReadyEvent event) {
		StringBuilder status = new StringBuilder("Ready");
		Duration timeTaken = event.getTimeTaken();
		if (timeTaken != null) {
			status.append(String.format(Locale.ROOT, ", started in %.1fs", timeTaken.toMillis() / 1000.0));
		}
		String port = this.environment.getProperty("local.server.port");
		if (port != null) {
			status.append(", port ").append(port);
		}
		this.notifier.send(NotifyMessage.of().ready().status(status.toString()).mainPid(ProcessHandle.current().pid()));
		if (this.pinger != null && !this.stopping) {
			this.pinger.start();
		}
	}

	private void closing() {
		this.stopping = true;
		if (this.pinger != null) {
			this.pinger.stop();
		}
		this.notifier.send(NotifyMessage.of().stopping().status("Stopping"));
	}

	/**
	 * Return the status line for an event of the watchdog.
	 * @param event the event
	 * @return the status, or {@code null} if the event changes nothing worth telling
	 */
	static @Nullable String workerStatus(WorkerEvent event) {
		WorkerSnapshot worker = event.getWorker();
		if (event instanceof WorkerFailedEvent && worker.nextRestart() != null) {
			Duration delay = Duration.between(Instant.now(), worker.nextRestart());
			return "Worker '" + worker.name() + "' failed, restarting in "
					+ DurationFormat.of(delay.isNegative() ? Duration.ZERO : delay);
		}
		if (event instanceof WorkerRestartedEvent) {
			return "Worker '" + worker.name() + "' restarted (restart " + worker.restartCount() + ")";
		}
		if (event instanceof WorkerGaveUpEvent) {
			return "Worker '" + worker.name() + "' gave up"
					+ (worker.critical() ? ": critical, the application is broken" : "");
		}
		if (event instanceof WorkerStoppedEvent && worker.state() == WorkerState.STOPPED) {
			return "Worker '" + worker.name() + "' stopped";
		}
		return null;
	}

	@Override
	public void destroy() {
		if (this.pinger != null) {
			this.pinger.stop();
		}
	}

}
