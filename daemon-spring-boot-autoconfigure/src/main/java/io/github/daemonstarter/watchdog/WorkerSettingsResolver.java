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
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.github.daemonstarter.restart.RestartPolicy;
import io.github.daemonstarter.watchdog.worker.WorkerRegistration;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.PropertyMapper;

/**
 * Resolves the settings of a worker: the properties under
 * {@code daemon.watchdog.workers.<name>} override what its registration sets in code,
 * which overrides {@code daemon.watchdog.*}, which overrides
 * {@link RestartPolicy#ofDefaults()}.
 *
 * @author Daemon Starter Team
 */
final class WorkerSettingsResolver {

	private static final String PREFIX = "daemon.watchdog";

	private final WatchdogProperties properties;

	WorkerSettingsResolver(WatchdogProperties properties) {
		this.properties = properties;
	}

	/**
	 * Resolve the settings of a worker.
	 * @param registration the registration
	 * @return the settings, or {@code null} if the worker is disabled
	 * @throws IllegalStateException if the restart settings contradict each other
	 */
	@Nullable WorkerSettings resolve(WorkerRegistration registration) {
		String name = registration.getName();
		Map.Entry<String, WatchdogProperties.Worker> entry = findWorkerProperties(name);
		WatchdogProperties.Worker worker = (entry != null) ? entry.getValue() : null;
		if (worker != null && !worker.isEnabled()) {
			return null;
		}
		RestartPolicy policy = registration.getRestartPolicy();
		if (policy == null) {
			policy = apply(RestartPolicy.ofDefaults(), this.properties.getRestart(), PREFIX + ".restart");
		}
		Duration heartbeatTimeout = registration.getHeartbeatTimeout();
		if (heartbeatTimeout == null) {
			heartbeatTimeout = this.properties.getHeartbeatTimeout();
		}
		boolean critical = Boolean.TRUE.equals(registration.getCritical());
		if (worker != null) {
			policy = apply(policy, worker.getRestart(), PREFIX + ".workers." + entry.getKey() + ".restart");
			heartbeatTimeout = (worker.getHeartbeatTimeout() != null) ? worker.getHeartbeatTimeout() : heartbeatTimeout;
			critical = (worker.getCritical() != null) ? worker.getCritical() : critical;
		}
		return new WorkerSettings(name, registration.getWorker(), policy, heartbeatTimeout, critical);
	}

	/**
	 * Check that every block under {@code daemon.watchdog.workers} names a worker.
	 * @param names the names of all registered workers
	 * @throws IllegalStateException if a block names no worker
	 */
	void checkWorkerProperties(Collection<String> names) {
		Set<String> known = names.stream().map(WorkerSettingsResolver::canonical).collect(Collectors.toSet());
		for (String key : this.properties.getWorkers().keySet()) {
			if (!known.contains(canonical(key))) {
				throw new IllegalStateException(PREFIX + ".workers." + key + " names no worker; the workers are "
						+ new TreeSet<>(names) + ". Fix the name or remove the settings");
			}
		}
	}

	/**
	 * Return the form of a worker name that property keys are matched with: Spring Boot
	 * binds map keys in lower case and without most punctuation, so a worker
	 * {@code ordersConsumer} is configured under {@code workers.ordersconsumer} or
	 * {@code workers.orders-consumer}.
	 * @param name a worker name or property key
	 * @return the canonical form
	 */
	static String canonical(String name) {
		return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
	}

	private Map.@Nullable Entry<String, WatchdogProperties.Worker> findWorkerProperties(String name) {
		String canonicalName = canonical(name);
		for (Map.Entry<String, WatchdogProperties.Worker> entry : this.properties.getWorkers().entrySet()) {
			if (canonical(entry.getKey()).equals(canonicalName)) {
				return entry;
			}
		}
		return null;
	}

	private static RestartPolicy apply(RestartPolicy policy, WatchdogProperties.Restart restart, String prefix) {
		RestartPolicy.Builder builder = policy.mutate();
		PropertyMapper map = PropertyMapper.get();
		map.from(restart.getPolicy()).to(builder::mode);
		map.from(restart.getInitialDelay()).to(builder::initialDelay);
		map.from(restart.getMultiplier()).to(builder::multiplier);
		map.from(restart.getMaxDelay()).to(builder::maxDelay);
		map.from(restart.getJitter()).to(builder::jitter);
		map.from(restart.getMaxRestarts()).to(builder::maxRestarts);
		map.from(restart.getWindow()).to(builder::window);
		map.from(restart.getResetAfter()).to(builder::resetAfter);
		try {
			return builder.build();
		}
		catch (IllegalArgumentException ex) {
			String reason = String.valueOf(ex.getMessage())
				.replace("'maxDelay'", prefix + ".max-delay")
				.replace("'initialDelay'", prefix + ".initial-delay");
			throw new IllegalStateException("Invalid restart settings: " + reason + "; fix " + prefix + ".*", ex);
		}
	}

}
