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
 * Published when a run of a worker fails: it threw an exception or hung (then the failure
 * is a {@link WorkerHangException}). A {@link WorkerGaveUpEvent} follows when the worker
 * will not be restarted.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public class WorkerFailedEvent extends WorkerEvent {

	private final Throwable failure;

	WorkerFailedEvent(Watchdog watchdog, WorkerSnapshot worker, Throwable failure) {
		super(watchdog, worker);
		this.failure = failure;
	}

	/**
	 * Return the failure.
	 * @return the exception the worker threw, or a {@link WorkerHangException}
	 */
	public Throwable getFailure() {
		return this.failure;
	}

}
