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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

import io.github.daemonstarter.faststart.FastStartCacheTests.LayingOutExtractor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SupervisedFastStart}, with a cache on disk, the extractor of
 * {@link FastStartCacheTests} and real locks.
 *
 * @author Daemon Starter Team
 */
class SupervisedFastStartTests {

	private static final String JAVA = "/opt/jdk/bin/java";

	private static final long PID = ProcessHandle.current().pid();

	@TempDir
	Path directory;

	private Path cacheDirectory;

	private Path jar;

	private final List<String> warnings = new ArrayList<>();

	private int uid;

	@BeforeEach
	void setUp() throws IOException {
		this.uid = (Integer) Files.getAttribute(this.directory, "unix:uid");
		this.cacheDirectory = this.directory.resolve("shop-fast-start");
		this.jar = this.directory.resolve("shop.jar");
		writeJar("version 1");
	}

	@Test
	void prepareWithoutFastStartRunsTheCommandAsItIsAndNamesNoEntry() {
		SupervisedFastStart fastStart = new SupervisedFastStart((FastStartLaunch) null, null, this.warnings::add);
		SupervisedFastStart.Launch launch = fastStart.prepare(command());
		assertThat(launch.command()).isEqualTo(command());
		assertThat(environmentOf(launch)).doesNotContainKey(FastStartCache.ENTRY_VARIABLE);
	}

	@Test
	void prepareRunsTheExtractedJarAndNamesItsEntry() {
		SupervisedFastStart.Launch launch = fastStart(null).prepare(command());
		Path entry = onlyEntry();
		assertThat(launch.command()).containsExactly(JAVA, "-Xmx64m", "-jar", entry.resolve("app/shop.jar").toString(),
				"--server.port=0");
		assertThat(environmentOf(launch)).containsEntry(FastStartCache.ENTRY_VARIABLE, entry.toString());
		assertThat(this.warnings).isEmpty();
	}

	@Test
	void prepareHoldsTheEntryOfTheNextJvm() throws IOException {
		fastStart(null).prepare(command());
		assertThat(CacheEntryTests.posixLocks(onlyEntry().resolve(CacheEntry.LOCK), PID)).singleElement()
			.asString()
			.contains("READ");
	}

	@Test
	void prepareOfAReplacedJarReleasesTheEntryOfThePreviousJvm() throws Exception {
		SupervisedFastStart fastStart = fastStart(null);
		fastStart.prepare(command());
		Path first = onlyEntry();
		writeJar("version 2");
		fastStart.prepare(command());
		assertThat(CacheEntryTests.posixLocks(first.resolve(CacheEntry.LOCK), PID)).isEmpty();
		CacheEntryTests.touch(first.resolve(CacheEntry.LOCK), Instant.now().minus(Duration.ofMinutes(2)));
		assertThat(new CacheEntry(first, "", ArchiveKind.CDS).isUnused(Duration.ofMinutes(1).toMillis())).isTrue();
	}

	@Test
	void prepareOfAReplacedJarKeepsTheEntryOfTheSupervisorsOwnJvm() throws Exception {
		fastStart(null).prepare(command());
		Path own = onlyEntry();
		SupervisedFastStart fastStart = fastStart(own);
		fastStart.prepare(command());
		writeJar("version 2");
		fastStart.prepare(command());
		assertThat(CacheEntryTests.posixLocks(own.resolve(CacheEntry.LOCK), PID)).singleElement()
			.asString()
			.contains("READ");
	}

	@Test
	void prepareWhenFastStartCannotApplyWarnsOncePerReason() {
		SupervisedFastStart fastStart = fastStart(null);
		List<String> command = List.of(JAVA, "-XX:SharedArchiveFile=/tmp/a.jsa", "-jar", this.jar.toString());
		assertThat(fastStart.prepare(command).command()).isEqualTo(command);
		fastStart.prepare(command);
		assertThat(this.warnings).singleElement().asString().contains("-XX:SharedArchiveFile=/tmp/a.jsa");
	}

	private SupervisedFastStart fastStart(Path ownEntry) {
		FastStartCache cache = new FastStartCache(this.cacheDirectory, new CacheSafety(this.uid),
				new LayingOutExtractor(), JAVA + " 17.0.15+6", ArchiveKind.CDS, PathOwner.THIS_USER);
		return new SupervisedFastStart(new FastStartLaunch(cache), ownEntry, this.warnings::add);
	}

	private List<String> command() {
		return List.of(JAVA, "-Xmx64m", "-jar", this.jar.toString(), "--server.port=0");
	}

	private Path onlyEntry() {
		try (var children = Files.list(this.cacheDirectory)) {
			List<Path> entries = children.filter((child) -> !child.getFileName().toString().startsWith(".")).toList();
			assertThat(entries).hasSize(1);
			return entries.get(0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, String> environmentOf(SupervisedFastStart.Launch launch) {
		Map<String, String> environment = new HashMap<>(Map.of(FastStartCache.ENTRY_VARIABLE, "/elsewhere"));
		launch.environment().accept(environment);
		return environment;
	}

	private void writeJar(String content) throws IOException {
		Manifest manifest = new Manifest();
		manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		manifest.getMainAttributes()
			.put(Attributes.Name.MAIN_CLASS, "org.springframework.boot.loader.launch.JarLauncher");
		try (JarOutputStream output = new JarOutputStream(Files.newOutputStream(this.jar), manifest)) {
			output.putNextEntry(new ZipEntry("content.txt"));
			output.write(content.getBytes(StandardCharsets.UTF_8));
			output.closeEntry();
		}
	}

}
