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

import java.util.concurrent.ThreadFactory;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.log.LogMessage;

/**
 * Creates the platform threads of workers: non-daemon threads, so that an application
 * made only of workers keeps running, with an uncaught exception handler that logs.
 *
 * @author Daemon Starter Team
 */
final class WorkerThreadFactory implements ThreadFactory {

	private static final Log logger = LogFactory.getLog(Watchdog.class);

	@Override
	public Thread newThread(Runnable runnable) {
		Thread thread = new Thread(runnable);
		thread.setDaemon(false);
		thread.setUncaughtExceptionHandler((failed, ex) -> logger
			.error(LogMessage.format("Uncaught exception in worker thread '%s'", failed.getName()), ex));
		return thread;
	}

}
