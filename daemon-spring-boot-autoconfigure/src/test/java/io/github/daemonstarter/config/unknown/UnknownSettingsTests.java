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

package io.github.daemonstarter.config.unknown;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.github.daemonstarter.config.DaemonProperties;
import io.github.daemonstarter.watchdog.WatchdogProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.origin.OriginTrackedValue;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.boot.support.SystemEnvironmentPropertySourceEnvironmentPostProcessor;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UnknownSettings}.
 *
 * @author Daemon Starter Team
 */
class UnknownSettingsTests {

	private final StandardEnvironment environment = new StandardEnvironment();

	private final Map<String, Object> variables = new LinkedHashMap<>();

	private final AtomicInteger keysRead = new AtomicInteger();

	private final AtomicInteger applicationKeysRead = new AtomicInteger();

	private SettingKeys applicationKeys = SettingKeys.ofMetadata(Map.of());

	@BeforeEach
	void replaceSystemSources() {
		MutablePropertySources sources = this.environment.getPropertySources();
		sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		sources.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
				new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						this.variables));
		new SystemEnvironmentPropertySourceEnvironmentPostProcessor().postProcessEnvironment(this.environment,
				new SpringApplication());
	}

	@Test
	void describeTypoOnCommandLineNamesItsSourceAndTheKey() {
		commandLine("--daemon=status", "--daemon.stop-timout=5s");
		assertThat(describe()).containsExactly("Unknown setting daemon.stop-timout (from property source "
				+ "\"commandLineArgs\") is ignored: did you mean daemon.stop-timeout?");
	}

	@Test
	void describeTypoInFileNamesFileAndPosition() {
		Map<String, Object> properties = Map.of("daemon.watchdog.restart.max-restart",
				OriginTrackedValue.of("3", new TextResourceOrigin(new ClassPathResource("application.properties"),
						new TextResourceOrigin.Location(2, 36))));
		this.environment.getPropertySources()
			.addLast(new OriginTrackedMapPropertySource("Config resource 'application.properties'", properties));
		assertThat(describe()).containsExactly("Unknown setting daemon.watchdog.restart.max-restart (from class "
				+ "path resource [application.properties] - 3:37) is ignored: did you mean "
				+ "daemon.watchdog.restart.max-restarts?");
	}

	@Test
	void describeTypoInEnvironmentVariableSuggestsTheVariable() {
		this.variables.put("DAEMON_STOP_TIMOUT", "5s");
		assertThat(describe()).containsExactly("Unknown setting DAEMON_STOP_TIMOUT (from System Environment Property "
				+ "\"DAEMON_STOP_TIMOUT\") is ignored: did you mean DAEMON_STOP_TIMEOUT (daemon.stop-timeout)?");
	}

	@Test
	void describeUnknownSettingWithoutNearKeySaysSo() {
		commandLine("--daemon.colour=red");
		assertThat(describe()).containsExactly("Unknown setting daemon.colour (from property source "
				+ "\"commandLineArgs\") is ignored: no daemon.* setting of this version has a similar name");
	}

	@Test
	void describeIgnoresEnvironmentVariablesThatAreNoNearMiss() {
		this.variables.put("DAEMON_OPTS", "-Xmx1g");
		this.variables.put("DAEMON_IT_MARKER", "x");
		assertThat(describe()).isEmpty();
	}

	@Test
	void describeAcceptsRelaxedFormsMapEntriesAndTheCommand() {
		commandLine("--daemon=run", "--daemon.stopTimeout=5s", "--daemon.watchdog.workers.ticker.restart.delay=1s",
				"--daemon.capabilities[0]=net_bind_service", "--daemonstarter.container.markers=/.dockerenv");
		this.variables.put("DAEMON_STARTUP_TIMEOUT", "5s");
		this.variables.put("DAEMON_SUPERVISOR_MAXRESTARTS", "5");
		this.variables.put("DAEMON_WATCHDOG_WORKERS_TICKER_CRITICAL", "true");
		assertThat(describe()).isEmpty();
		assertThat(this.applicationKeysRead).hasValue(0);
	}

	@Test
	void describeWithoutDaemonSettingsReadsNoKeys() {
		commandLine("--daemon=status", "--server.port=0");
		assertThat(describe()).isEmpty();
		assertThat(this.keysRead).hasValue(0);
	}

	@Test
	void describeAcceptsKeysThatTheApplicationDeclares() {
		commandLine("--daemon.shop.region=eu", "--daemon.shop.regio=eu");
		this.applicationKeys = SettingKeys.ofMetadata(Map.of("daemon.shop.region", "java.lang.String"));
		assertThat(describe()).containsExactly("Unknown setting daemon.shop.regio (from property source "
				+ "\"commandLineArgs\") is ignored: did you mean daemon.shop.region?");
		assertThat(this.applicationKeysRead).hasValue(1);
	}

	@Test
	void applicationMetadataDaemonPropertiesAreReadFromTheProcessorsFormat() {
		String json = """
				{
				  "groups": [
				    {
				      "name": "daemon.shop",
				      "type": "com.example.ShopProperties"
				    }
				  ],
				  "properties": [
				    {
				      "name": "daemon.shop.region",
				      "type": "java.lang.String",
				      "description": "Region."
				    },
				    {
				      "name": "daemon.shop.limits",
				      "type": "java.util.Map<java.lang.String,java.lang.Integer>"
				    },
				    {
				      "name": "server.port",
				      "type": "java.lang.Integer"
				    },
				    {
				      "name": "daemon.shop.legacy"
				    }
				  ],
				  "hints": [
				    {
				      "name": "daemon.shop.region",
				      "values": [
				        {
				          "value": "eu"
				        }
				      ]
				    }
				  ]
				}
				""";
		assertThat(ApplicationMetadata.daemonProperties(json)).containsOnlyKeys("daemon.shop.region",
				"daemon.shop.limits", "daemon.shop.legacy");
		assertThat(ApplicationMetadata.daemonProperties("not json")).isEmpty();
	}

	@Test
	void applicationMetadataLeavesOutTheStartersOwn() {
		assertThat(ApplicationMetadata.read(getClass().getClassLoader()).names()).isEmpty();
	}

	private void commandLine(String... args) {
		this.environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
	}

	private List<String> describe() {
		return UnknownSettings.describe(this.environment,
				counting(this.keysRead,
						() -> SettingKeys.of("daemon", DaemonProperties.class)
							.and(SettingKeys.of("daemon.watchdog", WatchdogProperties.class))),
				counting(this.applicationKeysRead, () -> this.applicationKeys));
	}

	private static Supplier<SettingKeys> counting(AtomicInteger count, Supplier<SettingKeys> keys) {
		return () -> {
			count.incrementAndGet();
			return keys.get();
		};
	}

}
