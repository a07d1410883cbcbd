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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import io.github.daemonstarter.launch.jvm.RelaunchCommand;
import org.jspecify.annotations.Nullable;

/**
 * Turns the command that starts the application into its fast start: the same java,
 * options and arguments, run from the jar extracted in the cache, with the class data
 * archive once there is one. The command is left as it is, with a warning, when fast
 * start cannot apply: a command that does not run an executable jar with {@code -jar}, a
 * command whose options already choose an archive, or a cache that cannot be used.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class FastStartLaunch {

	private static final String BOOT_LAUNCHER_PACKAGE = "org.springframework.boot.loader.";

	private final FastStartCache cache;

	/**
	 * Create a new instance.
	 * @param cache the cache
	 */
	public FastStartLaunch(FastStartCache cache) {
		this.cache = cache;
	}

	/**
	 * Prepare the fast start of a command.
	 * @param command the command that starts the application from its jar
	 * @return the fast start, or the command as it is with a warning
	 * @throws InterruptedException if interrupted while the jar is extracted
	 */
	public Prepared prepare(RelaunchCommand command) throws InterruptedException {
		Path jar = command.getJar();
		if (jar != null && jar.startsWith(this.cache.getDirectory())) {
			// Already runs from the cache, as a service unit or init script with fast
			// start does
			Path entry = jar.getParent().getParent();
			try {
				return new Prepared(command, CacheEntry.at(entry), null);
			}
			catch (IOException ex) {
				return Prepared.unchanged(command, null);
			}
		}
		if (jar == null || !isExecutableJar(jar)) {
			return Prepared.unchanged(command,
					"daemon.fast-start.enabled=true needs the application started with "
							+ "java -jar and its Spring Boot executable jar, so it starts as it was: start it so, "
							+ "or remove daemon.fast-start.enabled");
		}
		for (String option : command.getJvmOptions()) {
			if (ArchiveKind.isArchiveOption(option)) {
				return Prepared.unchanged(command,
						"daemon.fast-start.enabled=true leaves the JVM option " + option
								+ " alone, so the application starts from its jar: remove the option to let fast start "
								+ "choose the archive, or remove daemon.fast-start.enabled");
			}
		}
		CacheEntry entry;
		try {
			entry = this.cache.prepare(jar, command.getJvmOptions());
		}
		catch (FastStartUnavailable ex) {
			return Prepared.unchanged(command, ex.getMessage());
		}
		return new Prepared(runFrom(entry, command), entry, null);
	}

	/**
	 * Return a command that runs from an entry: its extracted jar, with its class data
	 * archive if it has one.
	 * @param entry the entry
	 * @param command the command that starts the application from its jar, with no option
	 * that chooses an archive
	 * @return the command that runs from the entry
	 */
	public static RelaunchCommand runFrom(CacheEntry entry, RelaunchCommand command) {
		List<String> options = new ArrayList<>();
		if (entry.hasArchive()) {
			options.add(entry.getArchiveKind().useOption(entry.getArchive()));
		}
		return command.withJar(entry.getJar(), options);
	}

	private static boolean isExecutableJar(Path jar) {
		try (JarFile file = new JarFile(jar.toFile())) {
			Manifest manifest = file.getManifest();
			String main = (manifest != null) ? manifest.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS) : null;
			return main != null && main.startsWith(BOOT_LAUNCHER_PACKAGE);
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * A prepared start.
	 *
	 * @param command the command to run
	 * @param entry the cache entry it runs from, or {@code null} if fast start does not
	 * apply
	 * @param warning why fast start does not apply, or {@code null}
	 */
	public record Prepared(RelaunchCommand command, @Nullable CacheEntry entry, @Nullable String warning) {

		static Prepared unchanged(RelaunchCommand command, @Nullable String warning) {
			return new Prepared(command, null, warning);
		}

		/**
		 * Set the environment of the JVM that runs the command: it names the entry, or
		 * nothing when the JVM runs from its jar.
		 * @param environment the environment of the JVM
		 */
		public void applyTo(Map<String, String> environment) {
			if (this.entry != null) {
				environment.put(FastStartCache.ENTRY_VARIABLE, this.entry.getDirectory().toString());
			}
			else {
				environment.remove(FastStartCache.ENTRY_VARIABLE);
			}
		}

	}

}
