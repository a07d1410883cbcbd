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

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What a supervised worker looks like at one moment.
 *
 * @param name the worker name
 * @param state the state
 * @param critical whether the application is broken when the worker gives up
 * @param restartCount how many times the worker has been restarted
 * @param runningSince when the current run started, if the worker is running
 * @param nextRestart when the worker will be restarted, if it is in
 * {@link WorkerState#BACKOFF}
 * @param lastFailure the last failure, if any
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public record WorkerSnapshot(String name, WorkerState state, boolean critical, int restartCount,
		@Nullable Instant runningSince, @Nullable Instant nextRestart, @Nullable WorkerFailure lastFailure) {

}
