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

package io.github.daemonstarter.actuate.health;

import io.github.daemonstarter.config.ConditionalOnDaemonMode;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the {@link DaemonHealthIndicator}, registered as the
 * {@code daemon} health contributor when the application runs as a daemon, that is when
 * {@code spring.pid.file} is set.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
@AutoConfiguration(before = HealthContributorAutoConfiguration.class)
@ConditionalOnClass(AbstractHealthIndicator.class)
@ConditionalOnDaemonMode
public final class DaemonHealthContributorAutoConfiguration {

	// On the method, not the class: its condition class is in spring-boot-health and must
	// not be loaded before @ConditionalOnClass has found that jar
	@Bean
	@ConditionalOnEnabledHealthIndicator("daemon")
	@ConditionalOnMissingBean(name = "daemonHealthIndicator")
	DaemonHealthIndicator daemonHealthIndicator(Environment environment) {
		return new DaemonHealthIndicator(environment);
	}

}
