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

package io.github.daemonstarter;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.github.daemonstarter.config.DaemonProperties;
import io.github.daemonstarter.config.StatusProperties;
import io.github.daemonstarter.config.unknown.SettingKeys;
import io.github.daemonstarter.role.UnknownSettingsListener;
import io.github.daemonstarter.watchdog.WatchdogProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.ConfigurationProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for the IDE metadata that the configuration processor generates from the
 * properties classes and {@code additional-spring-configuration-metadata.json}.
 *
 * @author Daemon Starter Team
 */
class ConfigurationMetadataTests {

	private final DocumentContext metadata = read();

	@Test
	void everyDaemonPropertyHasADescription() {
		List<Map<String, Object>> properties = this.metadata.read("$.properties[?(@.name =~ /daemon\\..*/)]");
		assertThat(properties).extracting((property) -> property.get("name"))
			.contains("daemon.watchdog.enabled", "daemon.watchdog.heartbeat-timeout",
					"daemon.watchdog.shutdown-timeout", "daemon.watchdog.on-give-up", "daemon.watchdog.restart.policy",
					"daemon.watchdog.workers");
		assertThat(properties).allSatisfy(
				(property) -> assertThat(property.get("description")).as("%s", property).asString().isNotBlank());
	}

	@Test
	void settingKeysOfThePropertiesClassesAreTheDaemonPropertiesOfTheMetadata() {
		List<String> names = this.metadata.read("$.properties[?(@.name =~ /daemon\\..*/)].name");
		SettingKeys keys = SettingKeys.of(prefix(DaemonProperties.class), DaemonProperties.class)
			.and(SettingKeys.of(prefix(WatchdogProperties.class), WatchdogProperties.class))
			.and(SettingKeys.of(prefix(StatusProperties.class), StatusProperties.class));
		assertThat(keys.names()).containsExactlyInAnyOrderElementsOf(names);
		assertThat(UnknownSettingsListener.starterKeys().names()).containsExactlyInAnyOrderElementsOf(names);
	}

	@Test
	void watchdogRestartPropertiesHaveTheDefaultsOfTheDefaultPolicy() {
		assertThat(defaultValue("daemon.watchdog.restart.policy")).isEqualTo("on-failure");
		assertThat(defaultValue("daemon.watchdog.restart.initial-delay")).isEqualTo("1s");
		assertThat(defaultValue("daemon.watchdog.restart.multiplier")).isEqualTo(2);
		assertThat(defaultValue("daemon.watchdog.restart.max-delay")).isEqualTo("30s");
		assertThat(defaultValue("daemon.watchdog.restart.jitter")).isEqualTo(0.1);
		assertThat(defaultValue("daemon.watchdog.restart.max-restarts")).isEqualTo(10);
		assertThat(defaultValue("daemon.watchdog.restart.window")).isEqualTo("10m");
		assertThat(defaultValue("daemon.watchdog.restart.reset-after")).isEqualTo("1m");
	}

	@Test
	void watchdogHealthIndicatorHasAnEnabledProperty() {
		assertThat(property("management.health.watchdog.enabled"))
			.contains(entry("type", "java.lang.Boolean"), entry("defaultValue", true))
			.containsKey("description");
	}

	@Test
	void daemonHealthIndicatorHasAnEnabledProperty() {
		assertThat(property("management.health.daemon.enabled"))
			.contains(entry("type", "java.lang.Boolean"), entry("defaultValue", true))
			.containsKey("description");
	}

	@Test
	void degradedExitCodeOfStatusIsDescribedAndUnsetByDefault() {
		assertThat(property("daemon.status.degraded-exit-code")).contains(entry("type", "java.lang.Integer"))
			.doesNotContainKey("defaultValue")
			.hasEntrySatisfying("description",
					(description) -> assertThat(description).asString().contains("between 150 and 199"));
	}

	@Test
	void watchdogEnumPropertiesHaveValueHints() {
		assertThat(hintValues("daemon.watchdog.on-give-up")).containsExactly("mark-broken", "exit");
		assertThat(hintValues("daemon.watchdog.restart.policy")).containsExactly("always", "on-failure", "never");
	}

	@Test
	void jvmOptionsAreAListWithExampleValues() {
		assertThat(property("daemon.jvm-options")).contains(entry("type", "java.util.List<java.lang.String>"))
			.doesNotContainKey("defaultValue")
			.hasEntrySatisfying("description", (description) -> assertThat(description).asString()
				.contains("follow the launcher's own JVM options"));
		assertThat(hintValues("daemon.jvm-options")).contains("-Xmx512m", "-XX:+ExitOnOutOfMemoryError");
	}

	private static String prefix(Class<?> propertiesClass) {
		return propertiesClass.getAnnotation(ConfigurationProperties.class).value();
	}

	private Object defaultValue(String name) {
		return property(name).get("defaultValue");
	}

	private Map<String, Object> property(String name) {
		List<Map<String, Object>> properties = this.metadata.read("$.properties[?(@.name == '" + name + "')]");
		assertThat(properties).as(name).hasSize(1);
		return properties.get(0);
	}

	private List<String> hintValues(String name) {
		return this.metadata.read("$.hints[?(@.name == '" + name + "')].values[*].value");
	}

	private static DocumentContext read() {
		try {
			Path classes = Path
				.of(WatchdogProperties.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			File file = classes.resolve("META-INF/spring-configuration-metadata.json").toFile();
			return JsonPath.parse(file);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot read the generated configuration metadata", ex);
		}
	}

}
