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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import io.github.daemonstarter.config.FastStartTraining;
import io.github.daemonstarter.launch.jvm.RelaunchCommand;
import io.github.daemonstarter.posix.ProcessState;
import io.github.daemonstarter.status.StatusPublisher;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Reports the fast start of a JVM that runs from a cache entry, and completes the entry:
 * once the application is ready, it says whether the JVM mapped the entry's class data
 * archive (as {@code /proc/self/maps} shows it, the kernel's record of what the JVM
 * mapped), publishes that in the status file for {@code --daemon=status}, and starts the
 * training of the archive in the background when there is none yet, unless
 * {@code daemon.fast-start.training} leaves it to the unit commands or to nobody. An
 * archive that the JVM was given but did not map was refused by it (made by another JDK
 * build or damaged): it is removed and trained again.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public class FastStartReporter implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

	static final String SECTION = "fast-start";

	private static final Log logger = LogFactory.getLog(FastStartReporter.class);

	private final CacheEntry entry;

	private final FastStartTraining trainingMode;

	private final @Nullable StatusPublisher statusPublisher;

	private volatile @Nullable ArchiveTraining training;

	private volatile boolean archiveUsed;

	/**
	 * Create a reporter for the entry that this JVM runs from, and hold the entry.
	 * @param entry the entry
	 * @param trainingMode when the archive is trained
	 * @param statusPublisher where to publish the state, or {@code null}
	 */
	public FastStartReporter(CacheEntry entry, FastStartTraining trainingMode,
			@Nullable StatusPublisher statusPublisher) {
		this.entry = entry;
		this.trainingMode = trainingMode;
		this.statusPublisher = statusPublisher;
		entry.holdWhileRunning();
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		Path archive = this.entry.getArchive();
		boolean given = givenArchive(archive);
		this.archiveUsed = given && isMapped(archive);
		if (given && !this.archiveUsed) {
			logger.warn("This JVM did not use the class data archive " + archive + " (the JVM refused it); it is "
					+ (this.trainingMode.trainsOnStart() ? "made again" : "removed"));
			deleteQuietly(archive);
		}
		if (this.entry.hasArchive()) {
			publish("none");
		}
		else if (!this.trainingMode.trainsOnStart()) {
			// The status says which setting keeps this JVM from training, or that the
			// training that the setting leaves to the unit commands failed
			boolean installFailed = this.trainingMode == FastStartTraining.INSTALL
					&& ArchiveTraining.hasFailed(this.entry);
			publish(installFailed ? "failed" : this.trainingMode.settingValue());
		}
		else {
			publish("none");
			startTraining(event.getArgs());
		}
	}

	private boolean givenArchive(Path archive) {
		return ProcessState.commandLine(ProcessHandle.current().pid())
			.orElse(List.of())
			.contains(this.entry.getArchiveKind().useOption(archive));
	}

	/**
	 * Return whether this JVM maps the given file.
	 * @param file the file
	 * @return whether {@code /proc/self/maps} names it
	 */
	static boolean isMapped(Path file) {
		String name = " " + file;
		try (Stream<String> lines = Files.lines(Path.of("/proc/self/maps"))) {
			return lines.anyMatch((line) -> line.endsWith(name));
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
	}

	private void startTraining(String[] args) {
		RelaunchCommand command;
		try {
			command = RelaunchCommand.ofCurrentProcess(args);
		}
		catch (RuntimeException ex) {
			logger.warn("Cannot train the class data archive: " + ex.getMessage());
			return;
		}
		ArchiveTraining training = ArchiveTraining.of(this.entry, command, command.getApplicationArguments());
		if (training.hasFailed()) {
			publish("failed");
			return;
		}
		this.training = training;
		Thread thread = new Thread(() -> train(training), "fast-start-training");
		thread.setDaemon(true);
		thread.start();
	}

	private void train(ArchiveTraining training) {
		publish("running");
		try {
			if (training.train()) {
				logger.info("Trained the class data archive " + this.entry.getArchive() + " for the next start");
				publish("done");
			}
			else {
				publish("none");
			}
		}
		catch (IOException ex) {
			logger.warn("Cannot train the class data archive " + this.entry.getArchive() + ": " + ex.getMessage()
					+ "; the next starts run without it");
			publish("failed");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.training = null;
		}
	}

	private void publish(String training) {
		if (this.statusPublisher != null) {
			this.statusPublisher.publish(SECTION, entries(training));
		}
	}

	private Map<String, String> entries(String training) {
		Map<String, String> entries = new LinkedHashMap<>();
		entries.put("fast-start.entry", this.entry.getDirectory().toString());
		entries.put("fast-start.archive", this.entry.getArchive().toString());
		entries.put("fast-start.archive-used", Boolean.toString(this.archiveUsed));
		entries.put("fast-start.training", training);
		return entries;
	}

	/**
	 * Describe the fast start of this JVM, for the actuator endpoint.
	 * @return the description
	 */
	public Description describe() {
		ArchiveTraining running = this.training;
		return new Description(this.entry.getDirectory().toString(), this.entry.getJar().toString(),
				this.entry.getArchive().toString(), this.entry.getArchiveKind().name().toLowerCase(Locale.ROOT),
				this.archiveUsed, running != null, this.trainingMode.settingValue());
	}

	public boolean isArchiveUsed() {
		return this.archiveUsed;
	}

	@Override
	public void destroy() {
		ArchiveTraining running = this.training;
		if (running != null) {
			running.stop();
		}
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			// The next start finds it refused again
		}
	}

	/**
	 * The fast start of a JVM.
	 *
	 * @param entry the cache entry that the JVM runs from
	 * @param jar the extracted jar that it runs
	 * @param archive the class data archive of the entry
	 * @param archiveKind {@code cds} or {@code aot}
	 * @param archiveUsed whether the JVM mapped the archive
	 * @param training whether the JVM trains the archive now
	 * @param trainingMode when the archive is trained
	 * ({@code daemon.fast-start.training})
	 */
	public record Description(String entry, String jar, String archive, String archiveKind, boolean archiveUsed,
			boolean training, String trainingMode) {

	}

}
