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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Finds the {@code daemon.*} settings of an environment that nothing binds, and describes
 * each in one line: the name as it was written, where it came from, and the nearest valid
 * key.
 * <p>
 * Spring Boot accepts unknown keys silently, so a typo such as {@code daemon.stop-timout}
 * leaves the default in force without a word. Relaxed forms of a key
 * ({@code daemon.stopTimeout}, {@code DAEMON_STOP_TIMEOUT}) and the entries of map and
 * collection keys bind and are not reported. Environment variables are shared with every
 * other program ({@code DAEMON_OPTS} of init scripts), so one is only reported when it is
 * a near miss of a key.
 * <p>
 * It costs nothing when no {@code daemon.*} setting is present: the keys are read only
 * then, and the application's other metadata only when a setting is still unknown.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class UnknownSettings {

	private static final String ROOT_NAME = "daemon";

	private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of(ROOT_NAME);

	/**
	 * The characters that may follow {@code daemon} in the name of a setting below it:
	 * {@code daemon.stop-timeout}, {@code DAEMON_STOP_TIMEOUT}, {@code daemon[user]}.
	 */
	private static final String SEPARATORS = "._[";

	private UnknownSettings() {
	}

	/**
	 * Return a line for each unknown {@code daemon.*} setting of the environment.
	 * @param environment the environment
	 * @param keys the keys of the starter, asked for only if a {@code daemon.*} setting
	 * is present
	 * @return the lines, in the order of the property sources
	 */
	public static List<String> describe(ConfigurableEnvironment environment, Supplier<SettingKeys> keys) {
		return describe(environment, keys,
				() -> ApplicationMetadata.read(Thread.currentThread().getContextClassLoader()));
	}

	/**
	 * Return a line for each unknown {@code daemon.*} setting of the environment.
	 * @param environment the environment
	 * @param keys the keys of the starter
	 * @param applicationKeys the {@code daemon.*} keys of the rest of the application
	 * @return the lines, in the order of the property sources
	 */
	static List<String> describe(ConfigurableEnvironment environment, Supplier<SettingKeys> keys,
			Supplier<SettingKeys> applicationKeys) {
		List<Setting> settings = daemonSettings(environment);
		if (settings.isEmpty()) {
			return List.of();
		}
		SettingKeys known = keys.get();
		settings.removeIf((setting) -> known.accepts(setting.name(), setting.environment()));
		if (settings.isEmpty()) {
			return List.of();
		}
		SettingKeys all = known.and(applicationKeys.get());
		Set<String> lines = new LinkedHashSet<>();
		for (Setting setting : settings) {
			if (!all.accepts(setting.name(), setting.environment())) {
				String suggestion = all.suggest(setting.name(), setting.environment());
				if (suggestion != null || !setting.environment()) {
					lines.add(setting.describe(suggestion));
				}
			}
		}
		return List.copyOf(lines);
	}

	/**
	 * Return the {@code daemon.*} settings of the environment. The names of each property
	 * source are filtered as plain strings first, and only the few left are given to
	 * Spring Boot to map to property names: mapping all of them, every system property
	 * and environment variable, cost a control command about 4 ms.
	 * @param environment the environment
	 * @return the settings, in the order of the property sources
	 */
	private static List<Setting> daemonSettings(ConfigurableEnvironment environment) {
		List<Setting> settings = new ArrayList<>();
		for (PropertySource<?> propertySource : environment.getPropertySources()) {
			if (propertySource instanceof EnumerablePropertySource<?> enumerable) {
				Map<String, Object> daemonNames = new LinkedHashMap<>();
				for (String name : enumerable.getPropertyNames()) {
					if (isBelowRoot(name)) {
						daemonNames.put(name, name);
					}
				}
				if (!daemonNames.isEmpty()) {
					collect(propertySource, daemonNames, settings);
				}
			}
		}
		return settings;
	}

	private static boolean isBelowRoot(String name) {
		int length = ROOT_NAME.length();
		return name.length() > length + 1 && name.regionMatches(true, 0, ROOT_NAME, 0, length)
				&& SEPARATORS.indexOf(name.charAt(length)) >= 0;
	}

	/**
	 * Collect the settings of the given names as Spring Boot names them, from a copy of
	 * their property source that holds only them.
	 * @param propertySource the property source
	 * @param names the names, each mapped to itself
	 * @param settings the list to add to
	 */
	private static void collect(PropertySource<?> propertySource, Map<String, Object> names, List<Setting> settings) {
		boolean variables = propertySource instanceof SystemEnvironmentPropertySource;
		PropertySource<?> copy = variables ? new SystemEnvironmentPropertySource(propertySource.getName(), names)
				: new MapPropertySource(propertySource.getName(), names);
		ConfigurationPropertySource source = ConfigurationPropertySource.from(copy);
		if (source instanceof IterableConfigurationPropertySource iterable) {
			iterable.stream().filter(ROOT::isAncestorOf).forEach((name) -> {
				ConfigurationProperty property = source.getConfigurationProperty(name);
				String written = (property != null) ? String.valueOf(property.getValue()) : name.toString();
				settings.add(new Setting(name, written, PropertySourceOrigin.get(propertySource, written),
						propertySource.getName(), variables));
			});
		}
	}

	/**
	 * A {@code daemon.*} setting.
	 *
	 * @param name its name as Spring Boot maps it
	 * @param writtenName its name as it was written
	 * @param origin where it came from
	 * @param sourceName the name of its property source
	 * @param environment whether it is an environment variable
	 */
	private record Setting(ConfigurationPropertyName name, String writtenName, Origin origin, String sourceName,
			boolean environment) {

		String describe(@Nullable String suggestion) {
			String line = "Unknown setting " + this.writtenName + " (from " + originDescription() + ") is ignored: ";
			if (suggestion == null) {
				return line + "no daemon.* setting of this version has a similar name";
			}
			return line + "did you mean "
					+ (this.environment ? variable(suggestion) + " (" + suggestion + ")" : suggestion) + "?";
		}

		/**
		 * Describe the origin as Spring Boot does, with the file and position or the
		 * environment variable; a bare property source (the command line) by its name.
		 * @return the description of the origin
		 */
		private String originDescription() {
			Origin parent = (this.origin instanceof PropertySourceOrigin propertySourceOrigin)
					? propertySourceOrigin.getOrigin() : this.origin;
			return (parent != null) ? parent.toString() : "property source \"" + this.sourceName + "\"";
		}

		private static String variable(String key) {
			return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_').replace("[", "_").replace("]", "");
		}

	}

}
