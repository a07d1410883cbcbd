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

package io.github.daemonstarter.actuate.metrics;

import java.lang.management.ManagementFactory;
import java.lang.management.RuntimeMXBean;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * {@link MeterBinder} for the daemon: {@code daemon.uptime}, how long the JVM has been
 * running, whether or not the watchdog is enabled.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public class DaemonMetrics implements MeterBinder {

	private final RuntimeMXBean runtime;

	/**
	 * Create a new {@link DaemonMetrics} for this JVM.
	 */
	public DaemonMetrics() {
		this(ManagementFactory.getRuntimeMXBean());
	}

	DaemonMetrics(RuntimeMXBean runtime) {
		this.runtime = runtime;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		TimeGauge.builder("daemon.uptime", this.runtime, TimeUnit.MILLISECONDS, RuntimeMXBean::getUptime)
			.description("Time since the daemon's JVM started")
			.register(registry);
	}

}
