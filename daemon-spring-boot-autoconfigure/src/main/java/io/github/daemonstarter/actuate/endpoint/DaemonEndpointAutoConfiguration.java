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

package io.github.daemonstarter.actuate.endpoint;

import java.util.ArrayList;
import java.util.List;

import io.github.daemonstarter.faststart.FastStartReporter;
import io.github.daemonstarter.watchdog.Watchdog;
import io.github.daemonstarter.watchdog.WatchdogAutoConfiguration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.Sanitizer;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the {@link DaemonEndpoint}. Expose it with
 * {@code management.endpoints.web.exposure.include=daemon} (or over JMX with
 * {@code management.endpoints.jmx.exposure.include=daemon}); its write operation needs
 * {@code management.endpoint.daemon.access=unrestricted}. Its properties are bound only
 * when it is available. Option values on the command line are shown as
 * {@code management.endpoint.daemon.show-values} says and pass through the
 * {@link SanitizingFunction} beans; values of likely sensitive keys stay masked.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
@AutoConfiguration(after = WatchdogAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
public final class DaemonEndpointAutoConfiguration {

	/**
	 * The endpoint, its web extension and its properties, bound only when the endpoint is
	 * available. A nested class, not conditions on the outer class: the condition classes
	 * are in spring-boot-actuator-autoconfigure and must not be loaded before
	 * {@code @ConditionalOnClass} has found actuator.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnAvailableEndpoint(DaemonEndpoint.class)
	@EnableConfigurationProperties(DaemonEndpointProperties.class)
	static class DaemonEndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		DaemonEndpoint daemonEndpoint(Environment environment, ObjectProvider<Watchdog> watchdog,
				ObjectProvider<SanitizingFunction> sanitizingFunctions, DaemonEndpointProperties properties,
				ObjectProvider<FastStartReporter> fastStart) {
			List<SanitizingFunction> functions = new ArrayList<>();
			functions.add(SanitizingFunction.sanitizeValue().ifLikelySensitive());
			sanitizingFunctions.orderedStream().forEach(functions::add);
			DaemonEndpoint endpoint = new DaemonEndpoint(environment, watchdog.getIfAvailable(),
					new Sanitizer(functions), properties.getShowValues(), properties.getRoles());
			fastStart.ifAvailable(endpoint::setFastStart);
			return endpoint;
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(DaemonEndpoint.class)
		@ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
		DaemonEndpointWebExtension daemonEndpointWebExtension(DaemonEndpoint daemonEndpoint) {
			return new DaemonEndpointWebExtension(daemonEndpoint);
		}

	}

}
