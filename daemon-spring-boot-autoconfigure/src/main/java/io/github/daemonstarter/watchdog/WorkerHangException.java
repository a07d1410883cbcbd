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

/**
 * The failure of a worker that sent no heartbeat within its heartbeat timeout.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public class WorkerHangException extends RuntimeException {

	private final Duration heartbeatTimeout;

	WorkerHangException(String worker, Duration heartbeatTimeout) {
		super("Worker '" + worker + "' sent no heartbeat within " + heartbeatTimeout.toMillis()
				+ "ms (daemon.watchdog.workers." + worker + ".heartbeat-timeout)");
		this.heartbeatTimeout = heartbeatTimeout;
	}

	/**
	 * Return the heartbeat timeout that the worker missed.
	 * @return the heartbeat timeout
	 */
	public Duration getHeartbeatTimeout() {
		return this.heartbeatTimeout;
	}

}
