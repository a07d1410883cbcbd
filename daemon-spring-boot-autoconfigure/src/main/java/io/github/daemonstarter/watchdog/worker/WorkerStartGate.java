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

package io.github.daemonstarter.watchdog.worker;

/**
 * Decides when the watchdog's workers start once the application context has started. A
 * process supervisor that replaces one application JVM with another holds the new JVM's
 * workers until the old JVM's workers have stopped, so that a consumer never runs twice.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
@FunctionalInterface
public interface WorkerStartGate {

	/**
	 * A gate that starts the workers at once.
	 */
	WorkerStartGate OPEN = Runnable::run;

	/**
	 * Run the given action, which starts the workers, once they may start: at once, or
	 * later on another thread.
	 * @param startWorkers the action that starts the workers
	 */
	void whenOpen(Runnable startWorkers);

}
