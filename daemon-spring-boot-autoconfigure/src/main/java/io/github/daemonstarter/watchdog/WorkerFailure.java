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
 * The last failure of a worker, as reported by the watchdog.
 *
 * @param type the exception class name
 * @param message the exception message, if any
 * @param time when the failure happened
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public record WorkerFailure(String type, @Nullable String message, Instant time) {

	static WorkerFailure of(Throwable failure, Instant time) {
		return new WorkerFailure(failure.getClass().getName(), failure.getMessage(), time);
	}

	@Override
	public String toString() {
		return (this.message != null) ? this.type + ": " + this.message : this.type;
	}

}
