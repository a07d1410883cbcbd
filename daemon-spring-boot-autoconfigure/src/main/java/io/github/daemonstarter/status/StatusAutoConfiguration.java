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

package io.github.daemonstarter.status;

import java.nio.file.Path;

import io.github.daemonstarter.config.ConditionalOnDaemonMode;
import io.github.daemonstarter.watchdog.Watchdog;
import io.github.daemonstarter.watchdog.WatchdogAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the status file beside the PID file, in daemon mode only: a
 * {@link StatusPublisher} that writes it, the {@link AvailabilityStatusWriter} that
 * publishes liveness and readiness in it and, with the watchdog, the
 * {@link WorkerStatusWriter} that publishes the workers.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
@AutoConfiguration(after = WatchdogAutoConfiguration.class)
@ConditionalOnDaemonMode
@ConditionalOnProperty("spring.pid.file")
public final class StatusAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	StatusPublisher statusPublisher(Environment environment) {
		Path pidFile = Path.of(environment.getRequiredProperty("spring.pid.file")).toAbsolutePath();
		return new StatusPublisher(StatusFile.besidePidFile(pidFile));
	}

	@Bean
	@ConditionalOnMissingBean
	AvailabilityStatusWriter availabilityStatusWriter(StatusPublisher statusPublisher) {
		return new AvailabilityStatusWriter(statusPublisher);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(Watchdog.class)
	static class WorkerStatusConfiguration {

		@Bean
		@ConditionalOnMissingBean
		WorkerStatusWriter workerStatusWriter(Watchdog watchdog, StatusPublisher statusPublisher) {
			return new WorkerStatusWriter(watchdog, statusPublisher);
		}

	}

}
