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

package io.github.daemonstarter.supervisor;

import java.nio.file.Path;
import java.time.Instant;

/**
 * The application that a {@link Supervision} runs: its process, when it started and the
 * PID file it holds.
 *
 * @param process the application's process
 * @param startedAt when the application was let start
 * @param pidFile the application's PID file: one of two, so that the JVM that a reload
 * starts does not wait for the one it replaces
 * @author Daemon Starter Team
 */
record RunningApplication(Process process, Instant startedAt, Path pidFile) {

}
