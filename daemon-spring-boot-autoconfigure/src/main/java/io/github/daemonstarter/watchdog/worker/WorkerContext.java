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

import java.time.Duration;

/**
 * What a {@link DaemonWorker} sees of its watchdog during one run.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public interface WorkerContext {

	/**
	 * Return the name of the worker.
	 * @return the worker name
	 */
	String getName();

	/**
	 * Report that the worker is alive. A worker with a heartbeat timeout that does not
	 * call this within the timeout is considered hung: it is interrupted and restarted
	 * according to its policy. The call is a single memory write.
	 */
	void heartbeat();

	/**
	 * Return whether the watchdog asked this run to stop, because the application is
	 * closing or the run was declared hung. The thread is interrupted at the same time.
	 * @return {@code true} once a stop was requested
	 */
	boolean isStopRequested();

	/**
	 * Wait until a stop is requested or the timeout passes, whichever comes first: an
	 * interruptible replacement for {@link Thread#sleep(long)} in a worker's loop.
	 * @param timeout how long to wait at most
	 * @return {@code true} if a stop was requested, {@code false} if the timeout passed
	 * @throws InterruptedException if the thread was interrupted while waiting
	 */
	boolean awaitStop(Duration timeout) throws InterruptedException;

	/**
	 * Return how many times the worker has been restarted before this run.
	 * @return the restart count
	 */
	int getRestartCount();

}
