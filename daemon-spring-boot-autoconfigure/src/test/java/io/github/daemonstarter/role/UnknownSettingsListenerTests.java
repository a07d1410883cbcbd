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

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.daemonstarter.DaemonConsole;
import io.github.daemonstarter.config.DaemonProperties;
import io.github.daemonstarter.config.DaemonSettings;
import io.github.daemonstarter.config.StatusProperties;
import io.github.daemonstarter.config.unknown.SettingKeys;
import io.github.daemonstarter.config.unknown.UnknownSettings;
import io.github.daemonstarter.watchdog.WatchdogProperties;
import org.apache.commons.logging.Log;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link UnknownSettingsListener}.
 *
 * @author Daemon Starter Team
 */
class UnknownSettingsListenerTests {

	private static final String TYPO_LINE = "Unknown setting daemon.stop-timout (from property source "
			+ "\"commandLineArgs\") is ignored: did you mean daemon.stop-timeout?";

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private final Log log = mock(Log.class);

	private final AtomicInteger described = new AtomicInteger();

	private final UnknownSettingsListener listener = new UnknownSettingsListener(
			new DaemonConsole(System.out, new PrintStream(this.err, true, StandardCharsets.UTF_8), false), this.log,
			(environment) -> {
				this.described.incrementAndGet();
				return UnknownSettings.describe(environment, UnknownSettingsListener::starterKeys);
			});

	@Test
	void orderIsJustBeforeTheDaemonCommandRuns() {
		assertThat(this.listener.getOrder()).isEqualTo(DaemonApplicationListener.ORDER - 1);
	}

	@Test
	void starterKeysUseThePrefixesOfThePropertiesClasses() {
		SettingKeys annotated = SettingKeys.of(prefix(DaemonProperties.class), DaemonProperties.class)
			.and(SettingKeys.of(prefix(WatchdogProperties.class), WatchdogProperties.class))
			.and(SettingKeys.of(prefix(StatusProperties.class), StatusProperties.class));
		assertThat(UnknownSettingsListener.starterKeys().names()).isEqualTo(annotated.names());
	}

	@Test
	void supportsTheEventsWhenCommandsRunAndWhenLoggingIsReady() {
		assertThat(this.listener.supportsEventType(ApplicationEnvironmentPreparedEvent.class)).isTrue();
		assertThat(this.listener.supportsEventType(ApplicationPreparedEvent.class)).isTrue();
		assertThat(this.listener.supportsEventType(ApplicationStartedEvent.class)).isFalse();
	}

	@Test
	void daemonCommandPrintsUnknownSettingOnStandardError() {
		environmentPrepared("--daemon=status", "--daemon.stop-timout=5s", "--daemon.stopTimeout=5s");
		assertThat(this.err.toString(StandardCharsets.UTF_8)).isEqualTo(TYPO_LINE + "\n");
	}

	@Test
	void withoutDaemonArgumentDoesNothing() {
		environmentPrepared("--daemon.stop-timout=5s");
		assertThat(this.err.toString(StandardCharsets.UTF_8)).isEmpty();
		assertThat(this.described).hasValue(0);
	}

	@Test
	void invalidDaemonCommandLeavesTheReportToTheCommand() {
		environmentPrepared("--daemon=bogus", "--daemon.stop-timout=5s");
		assertThat(this.err.toString(StandardCharsets.UTF_8)).isEmpty();
	}

	@Test
	void daemonLogsUnknownSettingAsWarningOnceLoggingIsReady() {
		applicationPrepared(daemonEnvironment("--daemon.stop-timout=5s"));
		then(this.log).should().warn(TYPO_LINE);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).isEmpty();
	}

	@Test
	void applicationOutsideDaemonModeLogsNothing() {
		ConfigurableEnvironment environment = environment("--daemon.stop-timout=5s");
		applicationPrepared(environment);
		then(this.log).shouldHaveNoInteractions();
		assertThat(this.described).hasValue(0);
	}

	@Test
	void commandThatRunsTheDaemonInForegroundReportsOnce() {
		ConfigurableEnvironment environment = daemonEnvironment("--daemon=run", "--daemon.stop-timout=5s");
		this.listener.onApplicationEvent(new ApplicationEnvironmentPreparedEvent(new DefaultBootstrapContext(),
				new SpringApplication(), new String[] { "--daemon=run", "--daemon.stop-timout=5s" }, environment));
		applicationPrepared(environment);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).isEqualTo(TYPO_LINE + "\n");
		then(this.log).shouldHaveNoInteractions();
	}

	private static String prefix(Class<?> propertiesClass) {
		return propertiesClass.getAnnotation(ConfigurationProperties.class).value();
	}

	private void environmentPrepared(String... args) {
		this.listener.onApplicationEvent(new ApplicationEnvironmentPreparedEvent(new DefaultBootstrapContext(),
				new SpringApplication(), args, environment(args)));
	}

	private void applicationPrepared(ConfigurableEnvironment environment) {
		GenericApplicationContext context = new GenericApplicationContext();
		context.setEnvironment(environment);
		this.listener.onApplicationEvent(new ApplicationPreparedEvent(new SpringApplication(), new String[0], context));
	}

	private static ConfigurableEnvironment daemonEnvironment(String... args) {
		ConfigurableEnvironment environment = environment(args);
		environment.getPropertySources()
			.addFirst(new MapPropertySource(DaemonSettings.PROPERTY_SOURCE_NAME, Map.of("spring.pid.file", "x.pid")));
		return environment;
	}

	private static ConfigurableEnvironment environment(String... args) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
		return environment;
	}

}
