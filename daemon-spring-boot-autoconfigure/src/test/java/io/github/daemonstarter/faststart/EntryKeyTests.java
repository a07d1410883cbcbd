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

package io.github.daemonstarter.faststart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EntryKey}, with jars built on disk.
 *
 * @author Daemon Starter Team
 */
class EntryKeyTests {

	private static final String JAVA = "/opt/jdk-17/bin/java 17.0.15+6";

	private static final List<String> OPTIONS = List.of("-Xmx256m", "-Dspring.profiles.active=prod");

	private static final long ENTRY_TIME = 1_700_000_000_000L;

	@TempDir
	Path directory;

	@Test
	void ofReturnsSixteenHexadecimalDigits() throws IOException {
		Path jar = jar("app.jar", entries("application"));
		assertThat(EntryKey.of(jar, JAVA, OPTIONS)).matches("[0-9a-f]{16}");
	}

	@Test
	void ofWhenSameJarLiesElsewhereReturnsTheSameKey() throws IOException {
		Path jar = jar("app.jar", entries("application"));
		Path elsewhere = Files.createDirectories(this.directory.resolve("releases/1.0"));
		Path copy = Files.copy(jar, elsewhere.resolve("shop.jar"));
		assertThat(EntryKey.of(copy, JAVA, OPTIONS)).isEqualTo(EntryKey.of(jar, JAVA, OPTIONS));
	}

	@Test
	void ofWhenJarRebuiltWithTheSameEntriesReturnsTheSameKey() throws IOException {
		Path jar = jar("app.jar", entries("application"));
		Path rebuilt = jar("rebuilt.jar", entries("application"));
		assertThat(EntryKey.of(rebuilt, JAVA, OPTIONS)).isEqualTo(EntryKey.of(jar, JAVA, OPTIONS));
	}

	@Test
	void ofWhenOneEntryChangedReturnsAnotherKey() throws IOException {
		Path jar = jar("app.jar", entries("application"));
		Path changed = jar("changed.jar", entries("Application"));
		assertThat(Files.size(changed)).isEqualTo(Files.size(jar));
		assertThat(EntryKey.of(changed, JAVA, OPTIONS)).isNotEqualTo(EntryKey.of(jar, JAVA, OPTIONS));
	}

	@Test
	void ofWhenAnotherJavaReturnsAnotherKey() throws IOException {
		Path jar = jar("app.jar", entries("application"));
		assertThat(EntryKey.of(jar, "/opt/jdk-17/bin/java 17.0.16+8", OPTIONS))
			.isNotEqualTo(EntryKey.of(jar, JAVA, OPTIONS));
		assertThat(EntryKey.of(jar, "/opt/jdk-21/bin/java 17.0.15+6", OPTIONS))
			.isNotEqualTo(EntryKey.of(jar, JAVA, OPTIONS));
	}

	@Test
	void ofWhenOtherOptionsReturnsAnotherKey() throws IOException {
		Path jar = jar("app.jar", entries("application"));
		String key = EntryKey.of(jar, JAVA, List.of("-Xmx256m", "-Xss1m"));
		assertThat(EntryKey.of(jar, JAVA, List.of("-Xmx512m", "-Xss1m"))).isNotEqualTo(key);
		assertThat(EntryKey.of(jar, JAVA, List.of("-Xss1m", "-Xmx256m"))).isNotEqualTo(key);
		assertThat(EntryKey.of(jar, JAVA, List.of("-Xmx256m"))).isNotEqualTo(key);
		assertThat(EntryKey.of(jar, JAVA, List.of())).isNotEqualTo(key);
	}

	@Test
	void ofKeepsOptionsApartFromEachOther() throws IOException {
		Path jar = jar("app.jar", entries("application"));
		assertThat(EntryKey.of(jar, JAVA, List.of("-Da=1", "-Db=2")))
			.isNotEqualTo(EntryKey.of(jar, JAVA, List.of("-Da=1-Db=2")));
	}

	@Test
	void ofWhenNotAZipFileHashesItWholeWithAStableKey() throws IOException {
		byte[] content = new byte[200 * 1024];
		new Random(42).nextBytes(content);
		Path file = Files.write(this.directory.resolve("app.jar"), content);
		String key = EntryKey.of(file, JAVA, OPTIONS);
		assertThat(key).matches("[0-9a-f]{16}");
		assertThat(EntryKey.of(file, JAVA, OPTIONS)).isEqualTo(key);
		content[0]++;
		Path changedAtTheStart = Files.write(this.directory.resolve("other.jar"), content);
		assertThat(EntryKey.of(changedAtTheStart, JAVA, OPTIONS)).isNotEqualTo(key);
	}

	@Test
	void ofWhenFileIsShorterThanAnEndRecordHashesItWhole() throws IOException {
		Path empty = Files.write(this.directory.resolve("empty.jar"), new byte[0]);
		Path small = Files.writeString(this.directory.resolve("small.jar"), "not a jar");
		assertThat(EntryKey.of(empty, JAVA, OPTIONS)).matches("[0-9a-f]{16}")
			.isEqualTo(EntryKey.of(empty, JAVA, OPTIONS))
			.isNotEqualTo(EntryKey.of(small, JAVA, OPTIONS));
	}

	@Test
	void ofWhenScriptPrecedesTheZipHashesItWhole() throws IOException {
		byte[] zip = Files.readAllBytes(jar("app.jar", entries("application")));
		Path withScript = prefixed("script.jar", "#!/bin/sh\nexec java -jar \"$0\" \"$@\"\n", zip);
		Path withOtherScript = prefixed("other-script.jar", "#!/bin/sh\nexec java -jar \"$0\" \"$*\"\n", zip);
		assertThat(EntryKey.of(withOtherScript, JAVA, OPTIONS)).isNotEqualTo(EntryKey.of(withScript, JAVA, OPTIONS));
	}

	private static Map<String, String> entries(String application) {
		Map<String, String> entries = new LinkedHashMap<>();
		entries.put("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\n\r\n");
		entries.put("BOOT-INF/classes/application.properties", "spring.application.name=" + application + "\n");
		entries.put("BOOT-INF/lib/library.jar", "library");
		return entries;
	}

	private Path jar(String name, Map<String, String> entries) throws IOException {
		Path jar = this.directory.resolve(name);
		try (OutputStream file = Files.newOutputStream(jar); JarOutputStream output = new JarOutputStream(file)) {
			for (Map.Entry<String, String> entry : entries.entrySet()) {
				byte[] content = entry.getValue().getBytes(StandardCharsets.UTF_8);
				CRC32 crc = new CRC32();
				crc.update(content);
				JarEntry jarEntry = new JarEntry(entry.getKey());
				jarEntry.setMethod(ZipEntry.STORED);
				jarEntry.setSize(content.length);
				jarEntry.setCrc(crc.getValue());
				jarEntry.setTime(ENTRY_TIME);
				output.putNextEntry(jarEntry);
				output.write(content);
				output.closeEntry();
			}
		}
		return jar;
	}

	private Path prefixed(String name, String script, byte[] zip) throws IOException {
		ByteArrayOutputStream content = new ByteArrayOutputStream();
		content.write(script.getBytes(StandardCharsets.UTF_8));
		content.write(zip);
		return Files.write(this.directory.resolve(name), content.toByteArray());
	}

}
