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

import io.github.daemonstarter.config.ConditionalOnDaemonMode;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for {@link DaemonMetrics}, independent of the watchdog, in daemon
 * mode only: any other application has Micrometer's {@code process.uptime}.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
@AutoConfiguration
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnDaemonMode
public final class DaemonMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DaemonMetrics daemonMetrics() {
		return new DaemonMetrics();
	}

}
