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

package io.github.daemonstarter.watchdog;

import io.github.daemonstarter.DaemonExit;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.log.LogMessage;

/**
 * Acts when a critical worker gives up, as {@code daemon.watchdog.on-give-up} says: marks
 * the application broken, or closes it and ends the JVM.
 *
 * @author Daemon Starter Team
 */
class CriticalWorkerHandler {

	private static final Log logger = LogFactory.getLog(Watchdog.class);

	private final GiveUpAction action;

	private final ConfigurableApplicationContext context;

	private final DaemonExit exit;

	private volatile boolean broken;

	CriticalWorkerHandler(GiveUpAction action, ConfigurableApplicationContext context, DaemonExit exit) {
		this.action = action;
		this.context = context;
		this.exit = exit;
		context.addApplicationListener(this::stayBroken);
	}

	void gaveUp(WorkerSnapshot worker) {
		if (this.action == GiveUpAction.EXIT) {
			logger.error(LogMessage.format(
					"Critical worker '%s' gave up: closing the application and exiting with "
							+ "status %d (daemon.watchdog.on-give-up=exit)",
					worker.name(), Watchdog.GIVE_UP_EXIT_STATUS));
			Thread exitThread = new Thread(this::exit, "watchdog-exit");
			exitThread.start();
		}
		else {
			logger.error(LogMessage.format("Critical worker '%s' gave up: the application is broken "
					+ "(LivenessState.BROKEN; daemon.watchdog.on-give-up=mark-broken)", worker.name()));
			this.broken = true;
			AvailabilityChangeEvent.publish(this.context, LivenessState.BROKEN);
		}
	}

	/**
	 * Publish {@code LivenessState.BROKEN} again once the application is ready if a
	 * critical worker gave up during startup: Spring Boot publishes
	 * {@code LivenessState.CORRECT} when the application has started, after the workers
	 * started, which would hide the failure.
	 * @param event an application event
	 */
	private void stayBroken(ApplicationEvent event) {
		if (this.broken && event instanceof ApplicationReadyEvent) {
			AvailabilityChangeEvent.publish(this.context, LivenessState.BROKEN);
		}
	}

	private void exit() {
		this.exit.exit(SpringApplication.exit(this.context, () -> Watchdog.GIVE_UP_EXIT_STATUS));
	}

}
