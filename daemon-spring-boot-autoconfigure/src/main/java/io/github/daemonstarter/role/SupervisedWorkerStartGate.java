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

import java.time.Duration;

import io.github.daemonstarter.supervised.SupervisedApplication;
import io.github.daemonstarter.watchdog.worker.WorkerStartGate;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Holds the workers of a supervised application until the supervisor lets them start: at
 * once after a start, once the JVM that this one replaces has stopped after a reload
 * ({@code daemon.supervisor.worker-handover=sequential}).
 *
 * @author Daemon Starter Team
 */
final class SupervisedWorkerStartGate implements WorkerStartGate {

	private static final Log logger = LogFactory.getLog(SupervisedWorkerStartGate.class);

	private static final Duration LOG_EVERY = Duration.ofSeconds(30);

	private final SupervisedApplication supervised;

	SupervisedWorkerStartGate(SupervisedApplication supervised) {
		this.supervised = supervised;
	}

	@Override
	public void whenOpen(Runnable startWorkers) {
		Thread thread = new Thread(() -> {
			try {
				boolean logged = false;
				while (!this.supervised.awaitWorkers(LOG_EVERY)) {
					if (!logged) {
						logger.info("Workers wait until the JVM that this one replaces has stopped its own");
						logged = true;
					}
				}
				startWorkers.run();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "daemon-worker-start-gate");
		thread.setDaemon(true);
		thread.start();
	}

}
