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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import io.github.daemonstarter.faststart.FastStartCacheTests.LayingOutExtractor;
import io.github.daemonstarter.launch.jvm.RelaunchCommand;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FastStartLaunch}, with a cache on disk and the extractor of
 * {@link FastStartCacheTests}.
 *
 * @author Daemon Starter Team
 */
class FastStartLaunchTests {

	private static final String JAVA = "/opt/jdk/bin/java";

	private static final String BOOT_LAUNCHER = "org.springframework.boot.loader.launch.JarLauncher";

	private static final List<String> APPLICATION_ARGUMENTS = List.of("two words", "", "it's \"quoted\" $HOME",
			"ünïcødé ✓", "line\nbreak", "--server.port=0");

	@TempDir
	Path directory;

	private Path cacheDirectory;

	private final LayingOutExtractor extractor = new LayingOutExtractor();

	private int uid;

	@BeforeEach
	void setUp() throws IOException {
		this.uid = (Integer) Files.getAttribute(this.directory, "unix:uid");
		this.cacheDirectory = this.directory.resolve("shop-fast-start");
	}

	@Test
	void prepareWhenBootJarRunsTheExtractedJarWithTheSameOptionsAndArguments() throws Exception {
		Path jar = jar("shop.jar", BOOT_LAUNCHER);
		RelaunchCommand command = command(List.of("-Xmx64m", "-Dgreeting=a = b", "-jar", jar.toString()));
		FastStartLaunch.Prepared prepared = launch(ArchiveKind.CDS).prepare(command);
		CacheEntry entry = prepared.entry();
		assertThat(entry).isNotNull();
		assertThat(prepared.warning()).isNull();
		assertThat(prepared.command().getJar()).isEqualTo(entry.getDirectory().resolve("app/shop.jar"));
		List<String> expected = new ArrayList<>(
				List.of(JAVA, "-Xmx64m", "-Dgreeting=a = b", "-jar", entry.getJar().toString()));
		expected.addAll(APPLICATION_ARGUMENTS);
		assertThat(prepared.command().javaCommand()).containsExactlyElementsOf(expected);
		assertThat(prepared.command().getApplicationArguments()).containsExactlyElementsOf(APPLICATION_ARGUMENTS);
	}

	@Test
	void prepareWhenEntryHasAnArchiveUsesItJustBeforeTheJar() throws Exception {
		Path jar = jar("shop.jar", BOOT_LAUNCHER);
		RelaunchCommand command = command(List.of("-Xmx64m", "-Dgreeting=a = b", "-jar", jar.toString()));
		CacheEntry entry = launch(ArchiveKind.CDS).prepare(command).entry();
		Files.write(entry.getArchive(), CacheEntryTests.archiveContent());
		FastStartLaunch.Prepared prepared = launch(ArchiveKind.CDS).prepare(command);
		List<String> expected = new ArrayList<>(List.of(JAVA, "-Xmx64m", "-Dgreeting=a = b",
				"-XX:SharedArchiveFile=" + entry.getDirectory().resolve("archive.jsa"), "-jar",
				entry.getJar().toString()));
		expected.addAll(APPLICATION_ARGUMENTS);
		assertThat(prepared.command().javaCommand()).containsExactlyElementsOf(expected);
		assertThat(this.extractor.calls).hasValue(1);
	}

	@Test
	void prepareWhenAotEntryHasAnArchiveUsesTheAotCache() throws Exception {
		Path jar = jar("shop.jar", BOOT_LAUNCHER);
		RelaunchCommand command = command(List.of("-jar", jar.toString()));
		CacheEntry entry = launch(ArchiveKind.AOT).prepare(command).entry();
		Files.write(entry.getArchive(), CacheEntryTests.archiveContent());
		FastStartLaunch.Prepared prepared = launch(ArchiveKind.AOT).prepare(command);
		assertThat(prepared.command().getJvmOptions())
			.containsExactly("-XX:AOTCache=" + entry.getDirectory().resolve("archive.aot"));
	}

	@Test
	void prepareWhenArchiveIsNotOneLeavesItOut() throws Exception {
		Path jar = jar("shop.jar", BOOT_LAUNCHER);
		RelaunchCommand command = command(List.of("-Xmx64m", "-jar", jar.toString()));
		CacheEntry entry = launch(ArchiveKind.CDS).prepare(command).entry();
		Files.writeString(entry.getArchive(), "garbage");
		FastStartLaunch.Prepared prepared = launch(ArchiveKind.CDS).prepare(command);
		assertThat(prepared.command().getJvmOptions()).containsExactly("-Xmx64m");
	}

	@Test
	void prepareWhenAlreadyRunFromTheCacheKeepsTheCommandAndNamesItsEntry() throws Exception {
		Path jar = jar("shop.jar", BOOT_LAUNCHER);
		FastStartLaunch.Prepared first = launch(ArchiveKind.CDS).prepare(command(List.of("-jar", jar.toString())));
		RelaunchCommand fromCache = first.command();
		FastStartLaunch.Prepared again = launch(ArchiveKind.CDS).prepare(fromCache);
		assertThat(again.command()).isSameAs(fromCache);
		assertThat(again.entry()).isNotNull();
		assertThat(again.entry().getDirectory()).isEqualTo(first.entry().getDirectory());
		assertThat(again.warning()).isNull();
		assertThat(this.extractor.calls).hasValue(1);
	}

	@Test
	void prepareWhenNotRunWithJarLeavesTheCommandWithAWarning() throws Exception {
		RelaunchCommand command = command(List.of("-cp", "classes", "com.example.Shop"));
		FastStartLaunch.Prepared prepared = launch(ArchiveKind.CDS).prepare(command);
		assertUnchanged(prepared, command);
		assertThat(prepared.warning()).contains("java -jar").contains("remove daemon.fast-start.enabled");
	}

	@Test
	void prepareWhenJarIsNotBootsLeavesTheCommandWithAWarning() throws Exception {
		RelaunchCommand command = command(List.of("-jar", jar("shop.jar", "com.example.Shop").toString()));
		FastStartLaunch.Prepared prepared = launch(ArchiveKind.CDS).prepare(command);
		assertUnchanged(prepared, command);
		assertThat(prepared.warning()).contains("Spring Boot executable jar");
	}

	@Test
	void prepareWhenJarIsNoJarLeavesTheCommandWithAWarning() throws Exception {
		Path notAJar = Files.writeString(this.directory.resolve("shop.jar"), "not a jar");
		RelaunchCommand command = command(List.of("-jar", notAJar.toString()));
		FastStartLaunch.Prepared prepared = launch(ArchiveKind.CDS).prepare(command);
		assertUnchanged(prepared, command);
		assertThat(prepared.warning()).contains("Spring Boot executable jar");
	}

	@ParameterizedTest
	@ValueSource(strings = { "-XX:SharedArchiveFile=/opt/shop/shop.jsa", "-XX:AOTCache=/opt/shop/shop.aot",
			"-XX:ArchiveClassesAtExit=/tmp/shop.jsa", "-Xshare:off" })
	void prepareWhenOptionsChooseAnArchiveLeavesTheCommandWithAWarningNamingTheOption(String option) throws Exception {
		RelaunchCommand command = command(
				List.of("-Xmx64m", option, "-jar", jar("shop.jar", BOOT_LAUNCHER).toString()));
		FastStartLaunch.Prepared prepared = launch(ArchiveKind.CDS).prepare(command);
		assertUnchanged(prepared, command);
		assertThat(prepared.warning()).contains("leaves the JVM option " + option + " alone");
	}

	@Test
	void prepareWhenCacheIsUnsafeLeavesTheCommandWithTheWarningLine() throws Exception {
		Files.createDirectories(this.cacheDirectory);
		Files.setPosixFilePermissions(this.cacheDirectory, PosixFilePermissions.fromString("rwxrwxrwx"));
		RelaunchCommand command = command(List.of("-jar", jar("shop.jar", BOOT_LAUNCHER).toString()));
		FastStartLaunch.Prepared prepared = launch(ArchiveKind.CDS).prepare(command);
		assertUnchanged(prepared, command);
		assertThat(prepared.warning())
			.isEqualTo(CacheSafety.warning(this.cacheDirectory, "is writable by its group or by others (mode 777)"));
	}

	@Test
	void applyToNamesTheEntryInTheEnvironment() throws Exception {
		Path jar = jar("shop.jar", BOOT_LAUNCHER);
		FastStartLaunch.Prepared prepared = launch(ArchiveKind.CDS).prepare(command(List.of("-jar", jar.toString())));
		Map<String, String> environment = new HashMap<>(
				Map.of(FastStartCache.ENTRY_VARIABLE, "/old/entry", "HOME", "/home/shop"));
		prepared.applyTo(environment);
		assertThat(environment).containsEntry(FastStartCache.ENTRY_VARIABLE, prepared.entry().getDirectory().toString())
			.containsEntry("HOME", "/home/shop");
	}

	@Test
	void applyToWhenUnchangedRemovesTheEntryFromTheEnvironment() throws Exception {
		FastStartLaunch.Prepared prepared = launch(ArchiveKind.CDS)
			.prepare(command(List.of("-cp", "classes", "com.example.Shop")));
		Map<String, String> environment = new HashMap<>(
				Map.of(FastStartCache.ENTRY_VARIABLE, "/old/entry", "HOME", "/home/shop"));
		prepared.applyTo(environment);
		assertThat(environment).doesNotContainKey(FastStartCache.ENTRY_VARIABLE).containsEntry("HOME", "/home/shop");
	}

	private void assertUnchanged(FastStartLaunch.Prepared prepared, RelaunchCommand command) {
		assertThat(prepared.command()).isSameAs(command);
		assertThat(prepared.entry()).isNull();
		assertThat(prepared.warning()).isNotNull();
		assertThat(this.extractor.calls).hasValue(0);
	}

	private FastStartLaunch launch(ArchiveKind kind) {
		return new FastStartLaunch(new FastStartCache(this.cacheDirectory, new CacheSafety(this.uid), this.extractor,
				"/opt/jdk/bin/java 17.0.15+6", kind, PathOwner.THIS_USER));
	}

	private RelaunchCommand command(List<String> jvmPart) {
		List<String> arguments = new ArrayList<>(jvmPart);
		arguments.add("--daemon");
		arguments.addAll(APPLICATION_ARGUMENTS);
		List<String> applicationArgs = new ArrayList<>(List.of("--daemon"));
		applicationArgs.addAll(APPLICATION_ARGUMENTS);
		return RelaunchCommand.of(JAVA, arguments, applicationArgs.toArray(String[]::new), this.directory);
	}

	private Path jar(String name, String mainClass) throws IOException {
		Path jar = this.directory.resolve(name);
		Manifest manifest = new Manifest();
		manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
		try (JarOutputStream output = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
			// A manifest is all it takes
		}
		return jar;
	}

}
