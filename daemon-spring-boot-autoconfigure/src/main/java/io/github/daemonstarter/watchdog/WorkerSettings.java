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

import java.time.Duration;

import io.github.daemonstarter.restart.RestartPolicy;
import io.github.daemonstarter.watchdog.worker.DaemonWorker;
import org.jspecify.annotations.Nullable;

/**
 * The settings a worker is supervised with, resolved from its registration and the
 * properties.
 *
 * @param name the worker name
 * @param worker the worker
 * @param policy the restart policy
 * @param heartbeatTimeout the heartbeat timeout, or {@code null} for no hang detection
 * @param critical whether the application is broken when the worker gives up
 * @author Daemon Starter Team
 */
record WorkerSettings(String name, DaemonWorker worker, RestartPolicy policy, @Nullable Duration heartbeatTimeout,
		boolean critical) {

}
