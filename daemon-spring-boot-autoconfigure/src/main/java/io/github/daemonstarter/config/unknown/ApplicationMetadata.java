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

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.json.BasicJsonParser;

/**
 * The {@code daemon.*} keys that other jars of the application declare in their
 * configuration metadata: an application may bind {@code @ConfigurationProperties} of its
 * own below {@code daemon}. Read only when a setting is unknown to the starter, since
 * parsing metadata is slow in a fresh JVM, and only from files that mention
 * {@code "daemon.}.
 *
 * @author Daemon Starter Team
 */
final class ApplicationMetadata {

	static final String LOCATION = "META-INF/spring-configuration-metadata.json";

	private static final String MENTION = "\"daemon.";

	private static final Pattern LINE_BREAK = Pattern.compile("\\R\\s*");

	private ApplicationMetadata() {
	}

	/**
	 * Read the {@code daemon.*} keys of every metadata file on the class path except the
	 * starter's own. A file that cannot be read or parsed declares nothing.
	 * @param classLoader the class loader of the application
	 * @return the keys
	 */
	static SettingKeys read(@Nullable ClassLoader classLoader) {
		Map<String, @Nullable String> properties = new LinkedHashMap<>();
		String own = ownLocation();
		for (URL url : metadataFiles(classLoader)) {
			if (own != null && url.toString().startsWith(own)) {
				continue;
			}
			String content = content(url);
			if (content != null && content.contains(MENTION)) {
				properties.putAll(daemonProperties(content));
			}
		}
		return SettingKeys.ofMetadata(properties);
	}

	/**
	 * Return the {@code daemon.*} properties of a metadata document.
	 * @param content the JSON document
	 * @return the type of each property, by name
	 */
	static Map<String, @Nullable String> daemonProperties(String content) {
		Map<String, @Nullable String> properties = new LinkedHashMap<>();
		try {
			if (new BasicJsonParser().parseMap(withoutLineBreaks(content)).get("properties") instanceof List<?> list) {
				for (Object item : list) {
					if (item instanceof Map<?, ?> property && property.get("name") instanceof String name
							&& name.startsWith("daemon.")) {
						properties.put(name, (property.get("type") instanceof String type) ? type : null);
					}
				}
			}
		}
		catch (RuntimeException ex) {
			// Not metadata the processor wrote: it declares nothing
		}
		return properties;
	}

	/**
	 * Remove the line breaks and the indentation after them. {@code BasicJsonParser}
	 * (Spring Boot 4.1) takes an object that follows a line break in an array for a
	 * string, and the processor writes one object per line; JSON strings cannot hold a
	 * raw line break, so nothing inside them changes.
	 * @param content the JSON document
	 * @return the document on one line
	 */
	private static String withoutLineBreaks(String content) {
		return LINE_BREAK.matcher(content).replaceAll("");
	}

	private static List<URL> metadataFiles(@Nullable ClassLoader classLoader) {
		try {
			ClassLoader loader = (classLoader != null) ? classLoader : ApplicationMetadata.class.getClassLoader();
			return Collections.list(loader.getResources(LOCATION));
		}
		catch (IOException ex) {
			return List.of();
		}
	}

	/**
	 * Return where the starter's classes are, as the start of a resource URL: its own
	 * metadata is the starter's keys, which the starter has read from its classes.
	 * @return the location, or {@code null} if unknown
	 */
	private static @Nullable String ownLocation() {
		String resource = ApplicationMetadata.class.getName().replace('.', '/') + ".class";
		URL url = ApplicationMetadata.class.getClassLoader().getResource(resource);
		if (url == null || !url.toString().endsWith(resource)) {
			return null;
		}
		String location = url.toString();
		return location.substring(0, location.length() - resource.length());
	}

	private static @Nullable String content(URL url) {
		try (InputStream input = url.openStream()) {
			return new String(input.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return null;
		}
	}

}
