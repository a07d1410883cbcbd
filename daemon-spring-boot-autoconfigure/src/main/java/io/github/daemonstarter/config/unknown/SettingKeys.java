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

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * The keys that settings can have: each property, and the map and collection properties
 * whose entries sit below their key ({@code daemon.watchdog.workers.<name>.critical},
 * {@code daemon.capabilities[0]}).
 * <p>
 * The keys of the starter are read from its {@code @ConfigurationProperties} classes the
 * way the binder and the configuration processor see them: a property has a getter and a
 * setter, a map or collection a getter, and a nested group a getter of a class declared
 * in the properties class. {@code ConfigurationMetadataTests} checks that they equal the
 * keys of the generated metadata, which an IDE completes. The classes are read instead of
 * the metadata because every control command does this in a fresh JVM: Spring Boot's
 * {@code BasicJsonParser} took 60 to 250 ms there for the 17 KB file, and only after its
 * line breaks were removed (see {@link ApplicationMetadata}).
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class SettingKeys {

	private static final int MAX_NESTING = 8;

	private final List<Key> keys;

	private SettingKeys(List<Key> keys) {
		this.keys = keys;
	}

	/**
	 * Return the keys of a {@code @ConfigurationProperties} class.
	 * @param prefix the prefix of its annotation, which is not read from the class:
	 * reading an annotation the first time creates its proxy class, about 2 ms of a
	 * control command
	 * @param propertiesClass the class
	 * @return the keys
	 */
	public static SettingKeys of(String prefix, Class<?> propertiesClass) {
		Assert.hasText(prefix, "'prefix' must not be empty");
		List<Key> keys = new ArrayList<>();
		collect(prefix, propertiesClass, propertiesClass, keys, 0);
		return new SettingKeys(keys);
	}

	/**
	 * Return keys from the names and types of configuration metadata properties.
	 * @param properties the fully qualified type of each property, by key
	 * @return the keys
	 */
	static SettingKeys ofMetadata(Map<String, @Nullable String> properties) {
		List<Key> keys = new ArrayList<>();
		properties.forEach((name, type) -> {
			ConfigurationPropertyName key = ConfigurationPropertyName.ofIfValid(name);
			if (key != null) {
				keys.add(new Key(key, type != null && isContainerType(type)));
			}
		});
		return new SettingKeys(keys);
	}

	/**
	 * Return these keys and the given ones.
	 * @param other the other keys
	 * @return all keys
	 */
	public SettingKeys and(SettingKeys other) {
		List<Key> all = new ArrayList<>(this.keys);
		all.addAll(other.keys);
		return new SettingKeys(all);
	}

	/**
	 * Return the keys, in the dashed form of the documentation.
	 * @return the keys, sorted
	 */
	public List<String> names() {
		return this.keys.stream().map((key) -> key.name().toString()).sorted().toList();
	}

	/**
	 * Return whether a setting of the given name is bound: it is a key in one of its
	 * relaxed forms, or an entry of a map or collection key. An environment variable
	 * separates every word with {@code _}, so {@code DAEMON_STOP_TIMEOUT} arrives as
	 * {@code daemon.stop.timeout}.
	 * @param name the name as its property source gives it
	 * @param environment whether the name comes from environment variables
	 * @return whether it is bound
	 */
	boolean accepts(ConfigurationPropertyName name, boolean environment) {
		for (Key key : this.keys) {
			if (key.matches(key.name(), name) || (environment && key.matches(key.environmentName(), name))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Return the key nearest to the given name, if one is near enough to be a typo of it.
	 * Names are compared by their letters and digits only, so a wrong separator costs
	 * nothing; below a map or collection key only the part up to that key is compared,
	 * and the rest is kept.
	 * @param name the name of an unknown setting
	 * @param environment whether the name comes from environment variables
	 * @return the suggested key in dashed form, or {@code null}
	 */
	@Nullable String suggest(ConfigurationPropertyName name, boolean environment) {
		String best = null;
		int bestDistance = Integer.MAX_VALUE;
		for (Key key : sorted()) {
			for (ConfigurationPropertyName form : environment ? List.of(key.name(), key.environmentName())
					: List.of(key.name())) {
				int elements = form.getNumberOfElements();
				boolean entry = key.container() && name.getNumberOfElements() > elements;
				String target = reduced(form);
				int distance = EditDistance.between(reduced(entry ? name.chop(elements) : name), target);
				if (distance < bestDistance && distance <= maxDistance(target)) {
					bestDistance = distance;
					best = entry ? key.name() + separated(name.subName(elements).toString()) : key.name().toString();
				}
			}
		}
		return best;
	}

	/**
	 * Return the keys in the order of their names, so that the first of two equally near
	 * keys is always the same. Sorted only here: every command checks its settings, few
	 * need a suggestion.
	 * @return the sorted keys
	 */
	private List<Key> sorted() {
		List<Key> sorted = new ArrayList<>(this.keys);
		sorted.sort(Comparator.comparing(Key::name));
		return sorted;
	}

	private static String separated(String rest) {
		return rest.startsWith("[") ? rest : "." + rest;
	}

	/**
	 * Return how many edits still make a typo rather than another name: one for a short
	 * key, up to three for a long one.
	 * @param reducedKey the key, reduced to its letters and digits
	 * @return the largest distance of a typo
	 */
	private static int maxDistance(String reducedKey) {
		return Math.max(1, Math.min(3, reducedKey.length() / 6));
	}

	private static String reduced(ConfigurationPropertyName name) {
		StringBuilder reduced = new StringBuilder();
		for (char c : name.toString().toCharArray()) {
			if (Character.isLetterOrDigit(c)) {
				reduced.append(Character.toLowerCase(c));
			}
		}
		return reduced.toString();
	}

	private static void collect(String prefix, Class<?> type, Class<?> root, List<Key> keys, int depth) {
		List<Method> methods = publicMethods(type);
		Set<String> setters = new HashSet<>();
		for (Method method : methods) {
			if (method.getName().startsWith("set") && method.getParameterCount() == 1) {
				setters.add(method.getName());
			}
		}
		for (Method getter : methods) {
			String property = propertyName(getter);
			if (property == null) {
				continue;
			}
			Class<?> returned = getter.getReturnType();
			String name = prefix + "." + DataObjectPropertyName.toDashedForm(property);
			if (Map.class.isAssignableFrom(returned) || Collection.class.isAssignableFrom(returned)
					|| returned.isArray()) {
				keys.add(new Key(ConfigurationPropertyName.of(name), true));
			}
			else if (setters.contains("set" + StringUtils.capitalize(property))) {
				keys.add(new Key(ConfigurationPropertyName.of(name), false));
			}
			else if (isNestedGroup(returned, root) && depth < MAX_NESTING) {
				collect(name, returned, root, keys, depth + 1);
			}
		}
	}

	/**
	 * Return the public instance methods of a class and its superclasses but
	 * {@code Object}, from their declared methods: {@link Class#getMethods()} copies all
	 * of {@code Object}'s methods too and cost several milliseconds for the few classes.
	 * @param type the class
	 * @return its public instance methods
	 */
	private static List<Method> publicMethods(Class<?> type) {
		List<Method> methods = new ArrayList<>();
		for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
			for (Method method : current.getDeclaredMethods()) {
				int modifiers = method.getModifiers();
				if (Modifier.isPublic(modifiers) && !Modifier.isStatic(modifiers) && !method.isBridge()) {
					methods.add(method);
				}
			}
		}
		return methods;
	}

	private static @Nullable String propertyName(Method method) {
		if (method.getParameterCount() != 0) {
			return null;
		}
		String name = method.getName();
		if (name.startsWith("get") && name.length() > 3 && method.getReturnType() != void.class) {
			return StringUtils.uncapitalize(name.substring(3));
		}
		boolean bool = method.getReturnType() == boolean.class || method.getReturnType() == Boolean.class;
		if (name.startsWith("is") && name.length() > 2 && bool) {
			return StringUtils.uncapitalize(name.substring(2));
		}
		return null;
	}

	private static boolean isNestedGroup(Class<?> type, Class<?> root) {
		Class<?> outermost = type;
		while (outermost.getEnclosingClass() != null) {
			outermost = outermost.getEnclosingClass();
		}
		return outermost == root && type != root;
	}

	private static boolean isContainerType(String type) {
		return type.startsWith("java.util.Map<") || type.startsWith("java.util.List<")
				|| type.startsWith("java.util.Set<") || type.startsWith("java.util.Collection<") || type.endsWith("[]");
	}

	/**
	 * A key.
	 *
	 * @param name the key
	 * @param container whether it is a map or collection, whose entries sit below it
	 */
	private record Key(ConfigurationPropertyName name, boolean container) {

		/**
		 * Return the key as an environment variable gives it: {@code DAEMON_STOP_TIMEOUT}
		 * is {@code daemon.stop.timeout}.
		 * @return the key with its dashes as separators
		 */
		ConfigurationPropertyName environmentName() {
			return ConfigurationPropertyName.of(this.name.toString().replace('-', '.'));
		}

		boolean matches(ConfigurationPropertyName form, ConfigurationPropertyName candidate) {
			return form.equals(candidate) || (this.container && form.isAncestorOf(candidate));
		}

	}

}
