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
import java.util.Map;

import io.github.daemonstarter.config.DaemonProperties;
import io.github.daemonstarter.watchdog.WatchdogProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link SettingKeys}.
 *
 * @author Daemon Starter Team
 */
class SettingKeysTests {

	private final SettingKeys keys = SettingKeys.of("daemon", DaemonProperties.class)
		.and(SettingKeys.of("daemon.watchdog", WatchdogProperties.class));

	@Test
	void ofPropertiesClassesHasPropertiesNestedGroupsMapsAndCollections() {
		assertThat(this.keys.names())
			.contains("daemon.stop-timeout", "daemon.force", "daemon.umask", "daemon.supervisor.enabled",
					"daemon.supervisor.restart-exit-codes", "daemon.unit.format", "daemon.capabilities",
					"daemon.watchdog.restart.initial-delay", "daemon.watchdog.workers")
			.doesNotContain("daemon", "daemon.supervisor", "daemon.umask-value", "daemon.watchdog.restart");
	}

	@Test
	void ofEmptyPrefixFails() {
		assertThatIllegalArgumentException().isThrownBy(() -> SettingKeys.of("", DaemonProperties.class))
			.withMessage("'prefix' must not be empty");
	}

	@Test
	void acceptsRelaxedFormsOfAKey() {
		assertThat(accepts("daemon.stop-timeout")).isTrue();
		assertThat(accepts("daemon.stopTimeout")).isTrue();
		assertThat(accepts("daemon.stop_timeout")).isTrue();
		assertThat(accepts("daemon.STOP-TIMEOUT")).isTrue();
		assertThat(accepts("daemon.supervisor.maxRestarts")).isTrue();
	}

	@Test
	void acceptsWordsSeparatedByDotsOnlyFromEnvironmentVariables() {
		ConfigurationPropertyName variable = ConfigurationPropertyName.of("daemon.stop.timeout");
		assertThat(this.keys.accepts(variable, true)).isTrue();
		assertThat(this.keys.accepts(variable, false)).isFalse();
	}

	@Test
	void acceptsEntriesOfMapsAndCollections() {
		assertThat(accepts("daemon.watchdog.workers.ticker.restart.delay")).isTrue();
		assertThat(accepts("daemon.watchdog.workers[ordersConsumer].critical")).isTrue();
		assertThat(accepts("daemon.capabilities[0]")).isTrue();
		assertThat(this.keys.accepts(ConfigurationPropertyName.of("daemon.watchdog.workers.ticker.critical"), true))
			.isTrue();
	}

	@Test
	void doesNotAcceptTyposGroupsOrChildrenOfProperties() {
		assertThat(accepts("daemon.stop-timout")).isFalse();
		assertThat(accepts("daemon.supervisor")).isFalse();
		assertThat(accepts("daemon.stop-timeout.seconds")).isFalse();
		assertThat(accepts("daemon.watchdog.worker.ticker.critical")).isFalse();
	}

	@Test
	void suggestNamesNearestKey() {
		assertThat(suggest("daemon.stop-timout")).isEqualTo("daemon.stop-timeout");
		assertThat(suggest("daemon.stoptimeot")).isEqualTo("daemon.stop-timeout");
		assertThat(suggest("daemon.usr")).isEqualTo("daemon.user");
		assertThat(suggest("daemon.watchdog.restart.max-restart")).isEqualTo("daemon.watchdog.restart.max-restarts");
	}

	@Test
	void suggestWhenOnlySeparatorsAreWrongNamesTheKey() {
		assertThat(suggest("daemon.stop.timeout")).isEqualTo("daemon.stop-timeout");
		assertThat(suggest("daemon.unitname")).isEqualTo("daemon.unit.name");
	}

	@Test
	void suggestBelowMapKeyKeepsTheEntry() {
		assertThat(suggest("daemon.watchdog.worker.ticker.critical"))
			.isEqualTo("daemon.watchdog.workers.ticker.critical");
		assertThat(suggest("daemon.capabilitie[0]")).isEqualTo("daemon.capabilities[0]");
	}

	@Test
	void suggestWhenNothingIsNearIsNull() {
		assertThat(suggest("daemon.colour")).isNull();
		assertThat(suggest("daemon.it.marker")).isNull();
		assertThat(this.keys.suggest(ConfigurationPropertyName.of("daemon.opts"), true)).isNull();
	}

	@Test
	void suggestForEnvironmentVariableComparesWordsOnly() {
		assertThat(this.keys.suggest(ConfigurationPropertyName.of("daemon.stop.timout"), true))
			.isEqualTo("daemon.stop-timeout");
	}

	@Test
	void ofMetadataTreatsMapAndCollectionTypesAsContainers() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("daemon.shop.regions", "java.util.Map<java.lang.String,java.lang.String>");
		properties.put("daemon.shop.name", "java.lang.String");
		properties.put("daemon.shop.tags", "java.lang.String[]");
		SettingKeys metadata = SettingKeys.ofMetadata(properties);
		assertThat(metadata.accepts(ConfigurationPropertyName.of("daemon.shop.regions.eu"), false)).isTrue();
		assertThat(metadata.accepts(ConfigurationPropertyName.of("daemon.shop.tags[1]"), false)).isTrue();
		assertThat(metadata.accepts(ConfigurationPropertyName.of("daemon.shop.name.first"), false)).isFalse();
		assertThat(this.keys.and(metadata).names()).contains("daemon.shop.name", "daemon.stop-timeout");
	}

	private boolean accepts(String name) {
		return this.keys.accepts(ConfigurationPropertyName.adapt(name, '.'), false);
	}

	private String suggest(String name) {
		return this.keys.suggest(ConfigurationPropertyName.adapt(name, '.'), false);
	}

}
