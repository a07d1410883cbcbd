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

package io.github.daemonstarter.role;

import java.util.List;
import java.util.function.Function;

import io.github.daemonstarter.DaemonConsole;
import io.github.daemonstarter.DaemonException;
import io.github.daemonstarter.config.DaemonCommand;
import io.github.daemonstarter.config.DaemonProperties;
import io.github.daemonstarter.config.DaemonSettings;
import io.github.daemonstarter.config.StatusProperties;
import io.github.daemonstarter.config.unknown.SettingKeys;
import io.github.daemonstarter.config.unknown.UnknownSettings;
import io.github.daemonstarter.watchdog.WatchdogProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Warns of {@code daemon.*} settings that nothing binds (a typo such as
 * {@code daemon.stop-timout}, or a setting of another version), one line each with where
 * it came from and the nearest valid key, and lets the application start anyway.
 * <p>
 * A {@code --daemon} command prints the lines on standard error, before its own output,
 * since logging has not started yet. The daemon that a launcher or a supervisor started
 * has no {@code --daemon} argument: it logs them as warnings once logging is initialized,
 * so that they are in its log file. Without daemon mode it does nothing, as the rest of
 * the starter.
 * <p>
 * Registered in {@code META-INF/spring.factories}.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public class UnknownSettingsListener implements SmartApplicationListener {

	/**
	 * The order of this listener: just before {@link DaemonApplicationListener}, which
	 * may end the JVM when its command is done.
	 */
	public static final int ORDER = DaemonApplicationListener.ORDER - 1;

	private static final Log logger = LogFactory.getLog(UnknownSettingsListener.class);

	private final DaemonConsole console;

	private final Log log;

	private final Function<ConfigurableEnvironment, List<String>> unknownSettings;

	private boolean printed;

	/**
	 * Create a new listener that prints on standard error and logs through commons
	 * logging.
	 */
	public UnknownSettingsListener() {
		this(new DaemonConsole(System.out, System.err, false), logger,
				(environment) -> UnknownSettings.describe(environment, UnknownSettingsListener::starterKeys));
	}

	UnknownSettingsListener(DaemonConsole console, Log log,
			Function<ConfigurableEnvironment, List<String>> unknownSettings) {
		this.console = console;
		this.log = log;
		this.unknownSettings = unknownSettings;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
		return ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(eventType)
				|| ApplicationPreparedEvent.class.isAssignableFrom(eventType);
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ApplicationEnvironmentPreparedEvent prepared && command(prepared.getArgs()) != null) {
			this.printed = true;
			this.unknownSettings.apply(prepared.getEnvironment()).forEach(this.console::problem);
		}
		else if (event instanceof ApplicationPreparedEvent prepared && !this.printed) {
			ConfigurableEnvironment environment = prepared.getApplicationContext().getEnvironment();
			if (environment.getPropertySources().contains(DaemonSettings.PROPERTY_SOURCE_NAME)) {
				this.unknownSettings.apply(environment).forEach(this.log::warn);
			}
		}
	}

	/**
	 * Return the keys of the starter's {@code @ConfigurationProperties} classes. The
	 * prefixes are those of their annotations, written out (see
	 * {@link SettingKeys#of(String, Class)}).
	 * @return the keys
	 */
	public static SettingKeys starterKeys() {
		return SettingKeys.of("daemon", DaemonProperties.class)
			.and(SettingKeys.of("daemon.watchdog", WatchdogProperties.class))
			.and(SettingKeys.of("daemon.status", StatusProperties.class));
	}

	/**
	 * Return the command of the arguments; an invalid one is for
	 * {@link DaemonApplicationListener} to report, alone.
	 * @param args the application arguments
	 * @return the command or {@code null}
	 */
	private static @Nullable DaemonCommand command(String[] args) {
		try {
			return DaemonCommand.of(args);
		}
		catch (DaemonException ex) {
			return null;
		}
	}

}
