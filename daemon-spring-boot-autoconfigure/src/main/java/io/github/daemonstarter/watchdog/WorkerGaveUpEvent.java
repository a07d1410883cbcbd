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

import org.jspecify.annotations.Nullable;

/**
 * Published when the watchdog gives up on a worker: it failed more often than its restart
 * limits allow, or failed with a policy that does not restart it. The worker stays
 * {@link WorkerState#FAILED}.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public class WorkerGaveUpEvent extends WorkerEvent {

	private final @Nullable Throwable lastFailure;

	WorkerGaveUpEvent(Watchdog watchdog, WorkerSnapshot worker, @Nullable Throwable lastFailure) {
		super(watchdog, worker);
		this.lastFailure = lastFailure;
	}

	/**
	 * Return the failure after which the worker gave up.
	 * @return the last failure
	 */
	public @Nullable Throwable getLastFailure() {
		return this.lastFailure;
	}

}
