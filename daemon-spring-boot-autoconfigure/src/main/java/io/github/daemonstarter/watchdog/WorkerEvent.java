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

import org.springframework.context.ApplicationEvent;

/**
 * Base class of the events that the {@link Watchdog} publishes about a worker. The source
 * is the watchdog.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public abstract class WorkerEvent extends ApplicationEvent {

	private final WorkerSnapshot worker;

	WorkerEvent(Watchdog watchdog, WorkerSnapshot worker) {
		super(watchdog);
		this.worker = worker;
	}

	/**
	 * Return the worker as it was when the event happened.
	 * @return the worker
	 */
	public WorkerSnapshot getWorker() {
		return this.worker;
	}

	@Override
	public Watchdog getSource() {
		return (Watchdog) super.getSource();
	}

}
