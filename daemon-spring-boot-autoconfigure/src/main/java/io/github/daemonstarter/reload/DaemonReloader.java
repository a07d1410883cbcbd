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

package io.github.daemonstarter.reload;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import io.github.daemonstarter.status.ReloadStatus;
import io.github.daemonstarter.status.StatusPublisher;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.log.LogMessage;

/**
 * Reloads the running daemon on {@code SIGHUP}, instead of the JVM's default of shutting
 * down: reopens its log file (see {@link LogFileReopener}), then publishes a
 * {@link DaemonReloadEvent} in the application context and, once its listeners have run
 * or one failed, a {@link DaemonReloadedEvent}, and publishes the outcome as a
 * {@link ReloadStatus}, which {@code --daemon=reload} waits for.
 * <p>
 * Safe at any moment. Reloads run one after another, each signal its own. A signal that
 * arrives while the application is still starting is remembered, and the reload runs once
 * it is ready: its listeners may not exist before. A signal during shutdown only reopens
 * the log file, so that the last lines land in the new one.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class DaemonReloader implements ApplicationListener<ApplicationEvent> {

	private static final Log logger = LogFactory.getLog(DaemonReloader.class);

	private final @Nullable LogFileReopener reopener;

	private final boolean reopenLoggingFiles;

	private final ReentrantLock reloadLock = new ReentrantLock();

	private final Object stateMonitor = new Object();

	private @Nullable ConfigurableApplicationContext context;

	private volatile @Nullable Consumer<ReloadStatus> status;

	private boolean pending;

	private boolean closing;

	private int reloads;

	/**
	 * Create a new instance.
	 * @param reopener what reopens the log file, or {@code null} if standard output is
	 * not ours to reopen (in the foreground it belongs to the terminal or the service
	 * manager)
	 */
	public DaemonReloader(@Nullable LogFileReopener reopener) {
		this(reopener, false);
	}

	/**
	 * Create a new instance.
	 * @param reopener what reopens the file of standard output, or {@code null} if it is
	 * not ours to reopen (in the foreground it belongs to the terminal or the service
	 * manager)
	 * @param reopenLoggingFiles whether the logging system writes files of its own that a
	 * reload reopens too (Logback's file appenders)
	 */
	public DaemonReloader(@Nullable LogFileReopener reopener, boolean reopenLoggingFiles) {
		this.reopener = reopener;
		this.reopenLoggingFiles = reopenLoggingFiles;
	}

	/**
	 * Handle {@code SIGHUP} from now on.
	 * @return a warning for the log if {@code SIGHUP} cannot be handled, or {@code null}
	 */
	public @Nullable String handleHangups() {
		try {
			if (!HangupSignal.handle(this::requestReload)) {
				return "SIGHUP was ignored when the JVM started (nohup?), so the daemon cannot reload on it; "
						+ "start it with SIGHUP at its default disposition";
			}
			return null;
		}
		catch (IllegalArgumentException ex) {
			return "Cannot handle SIGHUP (" + ex.getMessage() + "), so the daemon cannot reload on it; remove -Xrs";
		}
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ApplicationReadyEvent ready) {
			ready(ready.getApplicationContext());
		}
		else if (event instanceof ContextClosedEvent closed) {
			synchronized (this.stateMonitor) {
				// A child context, such as the management server's, may close on its own
				this.closing |= this.context == null || closed.getApplicationContext() == this.context;
			}
		}
	}

	/**
	 * Publish the outcome of each reload through the given consumer. Without one, the
	 * outcome goes to the application's {@link StatusPublisher}, if it has one.
	 * @param status the consumer of the reload status
	 */
	public void publishStatusTo(Consumer<ReloadStatus> status) {
		this.status = status;
	}

	private void ready(ConfigurableApplicationContext context) {
		boolean pending;
		synchronized (this.stateMonitor) {
			this.context = context;
			pending = this.pending;
			this.pending = false;
		}
		if (this.status == null) {
			context.getBeanProvider(StatusPublisher.class)
				.ifAvailable((publisher) -> this.status = (status) -> publisher.publish(ReloadStatus.SECTION,
						status.toEntries()));
		}
		if (!pending) {
			publishStatus(new ReloadStatus(0, null, null));
		}
		else {
			Thread thread = new Thread(this::reload, "daemon-reload");
			thread.setDaemon(true);
			thread.start();
		}
	}

	/**
	 * Reload now, or once the application is ready if it is still starting.
	 */
	void requestReload() {
		synchronized (this.stateMonitor) {
			if (this.context == null && !this.closing) {
				this.pending = true;
				return;
			}
		}
		reload();
	}

	private void reload() {
		this.reloadLock.lock();
		try {
			long startedAt = System.nanoTime();
			int number = this.reloads + 1;
			String failure = reopenLogFile();
			ConfigurableApplicationContext context = runningContext();
			if (context != null) {
				failure = publishEvent(context, number, failure);
				publishReloaded(context, number, failure);
			}
			this.reloads = number;
			publishStatus(new ReloadStatus(number, Instant.now(), failure));
			String elapsed = Duration.ofNanos(System.nanoTime() - startedAt).toMillis() + " ms";
			if (failure == null) {
				logger.info(LogMessage.format("Reload %d done in %s", number, elapsed));
			}
			else {
				logger.error(LogMessage.format("Reload %d failed in %s: %s", number, elapsed, failure));
			}
		}
		finally {
			this.reloadLock.unlock();
		}
	}

	private void publishStatus(ReloadStatus reloadStatus) {
		Consumer<ReloadStatus> status = this.status;
		if (status != null) {
			status.accept(reloadStatus);
		}
	}

	private @Nullable String reopenLogFile() {
		if (this.reopener == null) {
			return null;
		}
		try {
			boolean replaced = this.reopener.reopen();
			logger.info(LogMessage.format("Reopened log file %s%s", this.reopener.getLogFile(),
					replaced ? " (a new file: the previous one was moved or removed)" : " (the same file)"));
			if (this.reopenLoggingFiles) {
				LogbackFileAppenders.reopen()
					.forEach((file) -> logger.info(LogMessage.format("Reopened log file %s", file)));
			}
			return null;
		}
		catch (RuntimeException ex) {
			return ex.getMessage() + "; logging goes on into the previous file";
		}
	}

	private @Nullable ConfigurableApplicationContext runningContext() {
		synchronized (this.stateMonitor) {
			return (this.closing || this.context == null || !this.context.isActive()) ? null : this.context;
		}
	}

	private void publishReloaded(ConfigurableApplicationContext context, int number, @Nullable String failure) {
		try {
			context.publishEvent(new DaemonReloadedEvent(context, number, failure));
		}
		catch (RuntimeException ex) {
			logger.error("A DaemonReloadedEvent listener failed", ex);
		}
	}

	private @Nullable String publishEvent(ConfigurableApplicationContext context, int number,
			@Nullable String failure) {
		try {
			context.publishEvent(new DaemonReloadEvent(context, number,
					(this.reopener != null && failure == null) ? this.reopener.getLogFile() : null));
			return failure;
		}
		catch (RuntimeException ex) {
			logger.error("A DaemonReloadEvent listener failed", ex);
			String reason = "a DaemonReloadEvent listener failed: " + ex;
			return (failure != null) ? failure + "; " + reason : reason;
		}
	}

}
