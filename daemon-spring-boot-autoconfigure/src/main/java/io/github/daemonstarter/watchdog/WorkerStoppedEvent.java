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

import io.github.daemonstarter.restart.RestartMode;

/**
 * Published when a worker stops without failing: a run returned or ended on a stop
 * request, or a worker that waited for a restart was stopped. The worker's
 * {@link WorkerSnapshot#state() state} tells what follows: {@link WorkerState#BACKOFF}
 * when its restart policy restarts it after a return ({@link RestartMode#ALWAYS}),
 * {@link WorkerState#STOPPED} when it stays stopped. Together with the other
 * {@link WorkerEvent events} it marks every change of a worker's state.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public class WorkerStoppedEvent extends WorkerEvent {

	WorkerStoppedEvent(Watchdog watchdog, WorkerSnapshot worker) {
		super(watchdog, worker);
	}

}
