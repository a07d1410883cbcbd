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

/**
 * The API that a worker is written against: {@link DaemonWorker} for the work,
 * {@link WorkerContext} for what the watchdog gives each run and
 * {@link WorkerRegistration} for a worker's settings in code. It knows nothing of how the
 * watchdog supervises workers, so that the supervision can change without touching it.
 */
@NullMarked
package io.github.daemonstarter.watchdog.worker;

import org.jspecify.annotations.NullMarked;
