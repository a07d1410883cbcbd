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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import io.github.daemonstarter.launch.jvm.RelaunchCommand;
import org.jspecify.annotations.Nullable;

/**
 * The fast start of each application JVM that a supervisor starts: the cache entry of the
 * application's jar is prepared again for every JVM, so that a JVM restarted after a
 * crash runs from the entry with its archive, and a reload after the jar was replaced on
 * disk extracts the new jar.
 * <p>
 * The supervisor holds the entry that its own JVM runs from, and the entry it prepared
 * last until it prepares another: an application JVM holds the entry it runs from itself,
 * so only the time until it starts needs covering.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class SupervisedFastStart {

	private final @Nullable FastStartLaunch launch;

	private final Consumer<String> warnings;

	private final @Nullable Path ownEntry;

	private @Nullable String lastWarning;

	private @Nullable CacheEntry lastPrepared;

	/**
	 * Create the fast start of a supervisor's application JVMs.
	 * @param directory the fast start cache, or {@code null} without fast start
	 * @param java the java binary of the application JVMs
	 * @param warnings receives why fast start does not apply, once per reason
	 */
	public SupervisedFastStart(@Nullable Path directory, String java, Consumer<String> warnings) {
		this((directory != null) ? new FastStartLaunch(new FastStartCache(directory, java)) : null, holdOwnEntry(),
				warnings);
	}

	SupervisedFastStart(@Nullable FastStartLaunch launch, @Nullable Path ownEntry, Consumer<String> warnings) {
		this.launch = launch;
		this.ownEntry = ownEntry;
		this.warnings = warnings;
	}

	/**
	 * Hold the entry that the supervisor's own JVM runs from, if any, so that no cleanup
	 * removes it while the supervisor may still load classes from it, even once its
	 * applications run from a newer entry.
	 * @return the entry of the supervisor's own JVM, or {@code null}
	 */
	private static @Nullable Path holdOwnEntry() {
		Path own = FastStartCache.entryOfThisJvm();
		if (own != null) {
			try {
				CacheEntry.at(own).holdWhileRunning();
			}
			catch (IOException ex) {
				// Gone already: the supervisor runs on from the files it opened
			}
		}
		return own;
	}

	/**
	 * Prepare the command of the next application JVM.
	 * @param command the application's command, from its jar
	 * @return the command to run and its environment
	 */
	public Launch prepare(List<String> command) {
		if (this.launch == null) {
			return new Launch(command, (environment) -> environment.remove(FastStartCache.ENTRY_VARIABLE));
		}
		RelaunchCommand relaunch = RelaunchCommand.of(command.get(0), command.subList(1, command.size()), new String[0],
				Path.of("").toAbsolutePath());
		FastStartLaunch.Prepared prepared;
		try {
			prepared = this.launch.prepare(relaunch);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Launch(command, (environment) -> environment.remove(FastStartCache.ENTRY_VARIABLE));
		}
		String warning = prepared.warning();
		if (warning != null && !Objects.equals(warning, this.lastWarning)) {
			this.warnings.accept(warning);
		}
		this.lastWarning = warning;
		releaseLastPrepared(prepared.entry());
		return new Launch(prepared.command().javaCommand(), prepared::applyTo);
	}

	/**
	 * Release the entry prepared for the previous application JVM when the next one runs
	 * from another, so that a supervisor whose jar is replaced again and again does not
	 * keep every entry: the previous JVM, if it still runs, holds its entry itself.
	 * @param prepared the entry of the next JVM, or {@code null}
	 */
	private void releaseLastPrepared(@Nullable CacheEntry prepared) {
		CacheEntry last = this.lastPrepared;
		if (last != null && (prepared == null || !last.getDirectory().equals(prepared.getDirectory()))
				&& !last.getDirectory().equals(this.ownEntry)) {
			last.release();
		}
		this.lastPrepared = prepared;
	}

	/**
	 * The command of an application JVM.
	 *
	 * @param command the command
	 * @param environment sets the JVM's environment
	 */
	public record Launch(List<String> command, Consumer<Map<String, String>> environment) {

	}

}
