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

package io.github.daemonstarter.faststart;

/**
 * Thrown when fast start cannot be used for a start, which then goes on from the
 * application's jar: the message is the one warning line that says why and what to do.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public class FastStartUnavailable extends Exception {

	/**
	 * Create a new instance.
	 * @param message the warning line
	 */
	public FastStartUnavailable(String message) {
		super(message);
	}

	/**
	 * Create a new instance.
	 * @param message the warning line
	 * @param cause the cause
	 */
	public FastStartUnavailable(String message, Throwable cause) {
		super(message, cause);
	}

}
