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

package io.github.daemonstarter.systemd;

import java.time.Duration;

import io.github.daemonstarter.watchdog.Watchdog;
import io.github.daemonstarter.watchdog.WatchdogAutoConfiguration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the systemd notify protocol, when systemd provides a
 * {@code NOTIFY_SOCKET} and {@code daemon.systemd.enabled} is not {@code false}:
 * readiness, status, reload, watchdog pings and stopping.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
@AutoConfiguration(after = WatchdogAutoConfiguration.class)
@ConditionalOnSystemd
@ConditionalOnBooleanProperty(name = "daemon.systemd.enabled", matchIfMissing = true)
@ConditionalOnClass(name = "com.kenai.jffi.Invoker")
public final class SystemdAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SystemdNotifier systemdNotifier(Environment environment) {
		return new SystemdNotifier(environment.getRequiredProperty(OnSystemdCondition.NOTIFY_SOCKET));
	}

	@Bean
	SystemdNotifyListener systemdNotifyListener(SystemdNotifier notifier, Environment environment,
			ObjectProvider<ApplicationAvailability> availability, ObjectProvider<Watchdog> watchdog) {
		Duration interval = WatchdogPinger.interval(environment.getProperty("WATCHDOG_USEC"),
				environment.getProperty("WATCHDOG_PID"), ProcessHandle.current().pid());
		WatchdogPinger pinger = (interval != null)
				? new WatchdogPinger(notifier, interval, new ApplicationHealth(availability, watchdog)) : null;
		return new SystemdNotifyListener(notifier, environment, pinger);
	}

	@Bean
	SystemdReloadListener systemdReloadListener(SystemdNotifier notifier, Environment environment) {
		return new SystemdReloadListener(notifier, environment, SystemdReloadListener::monotonicMicros);
	}

}
