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

/**
 * The state of a supervised worker.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public enum WorkerState {

	/**
	 * A thread was started for the worker; it has not entered its run yet.
	 */
	STARTING,

	/**
	 * The worker is running.
	 */
	RUNNING,

	/**
	 * The worker's last run ended and it waits for its next restart.
	 */
	BACKOFF,

	/**
	 * The worker ended normally, or was stopped with the application.
	 */
	STOPPED,

	/**
	 * The worker failed and will not be restarted: it gave up.
	 */
	FAILED

}
