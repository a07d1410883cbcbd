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

package io.github.daemonstarter.watchdog.worker;

import java.time.Duration;

import io.github.daemonstarter.restart.RestartPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A worker registered in code, with settings that take the place of the
 * {@code daemon.watchdog.*} defaults. Declare it as a bean, or pass it to
 * {@link io.github.daemonstarter.watchdog.Watchdog#register(WorkerRegistration)}.
 * Properties under {@code daemon.watchdog.workers.<name>} still override what is set
 * here. Immutable.
 *
 * <pre class="code">
 * &#64;Bean
 * WorkerRegistration ordersConsumer(OrdersConsumer consumer) {
 *     return WorkerRegistration.of("orders", consumer)
 *         .withRestartPolicy(RestartPolicy.builder().maxRestarts(-1).build())
 *         .withHeartbeatTimeout(Duration.ofSeconds(30))
 *         .withCritical(true);
 * }
 * </pre>
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class WorkerRegistration {

	private final String name;

	private final DaemonWorker worker;

	private final @Nullable RestartPolicy restartPolicy;

	private final @Nullable Duration heartbeatTimeout;

	private final @Nullable Boolean critical;

	private WorkerRegistration(String name, DaemonWorker worker, @Nullable RestartPolicy restartPolicy,
			@Nullable Duration heartbeatTimeout, @Nullable Boolean critical) {
		Assert.hasText(name, "'name' must not be empty");
		Assert.isTrue(name.equals(name.strip()) && !name.contains("."),
				() -> "'name' must have no surrounding spaces and no dots, was '" + name + "'");
		Assert.notNull(worker, "'worker' must not be null");
		Assert.isTrue(heartbeatTimeout == null || heartbeatTimeout.compareTo(Duration.ZERO) > 0,
				() -> "'heartbeatTimeout' must be positive, was " + heartbeatTimeout);
		this.name = name;
		this.worker = worker;
		this.restartPolicy = restartPolicy;
		this.heartbeatTimeout = heartbeatTimeout;
		this.critical = critical;
	}

	/**
	 * Create a registration with the default settings.
	 * @param name the worker name (no dots: it is a property key)
	 * @param worker the worker
	 * @return the registration
	 */
	public static WorkerRegistration of(String name, DaemonWorker worker) {
		return new WorkerRegistration(name, worker, null, null, null);
	}

	/**
	 * Return a copy with the given restart policy, which replaces the
	 * {@code daemon.watchdog.restart.*} defaults for this worker.
	 * @param restartPolicy the restart policy
	 * @return a new registration
	 */
	public WorkerRegistration withRestartPolicy(RestartPolicy restartPolicy) {
		Assert.notNull(restartPolicy, "'restartPolicy' must not be null");
		return new WorkerRegistration(this.name, this.worker, restartPolicy, this.heartbeatTimeout, this.critical);
	}

	/**
	 * Return a copy with the given heartbeat timeout.
	 * @param heartbeatTimeout how long the worker may go without a heartbeat before it is
	 * considered hung
	 * @return a new registration
	 */
	public WorkerRegistration withHeartbeatTimeout(Duration heartbeatTimeout) {
		Assert.notNull(heartbeatTimeout, "'heartbeatTimeout' must not be null");
		return new WorkerRegistration(this.name, this.worker, this.restartPolicy, heartbeatTimeout, this.critical);
	}

	/**
	 * Return a copy that is critical or not.
	 * @param critical whether the application is broken when the worker gives up
	 * @return a new registration
	 */
	public WorkerRegistration withCritical(boolean critical) {
		return new WorkerRegistration(this.name, this.worker, this.restartPolicy, this.heartbeatTimeout, critical);
	}

	/**
	 * Return the worker name.
	 * @return the name
	 */
	public String getName() {
		return this.name;
	}

	/**
	 * Return the worker.
	 * @return the worker
	 */
	public DaemonWorker getWorker() {
		return this.worker;
	}

	/**
	 * Return the restart policy set in code.
	 * @return the restart policy or {@code null}
	 */
	public @Nullable RestartPolicy getRestartPolicy() {
		return this.restartPolicy;
	}

	/**
	 * Return the heartbeat timeout set in code.
	 * @return the heartbeat timeout or {@code null}
	 */
	public @Nullable Duration getHeartbeatTimeout() {
		return this.heartbeatTimeout;
	}

	/**
	 * Return whether the worker was marked critical in code.
	 * @return whether the worker is critical, or {@code null} if not set
	 */
	public @Nullable Boolean getCritical() {
		return this.critical;
	}

}
