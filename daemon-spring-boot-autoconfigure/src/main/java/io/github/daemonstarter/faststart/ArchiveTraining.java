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

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.FileLockInterruptionException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.github.daemonstarter.launch.jvm.RelaunchCommand;
import io.github.daemonstarter.posix.Executables;
import org.jspecify.annotations.Nullable;

/**
 * Trains the class data archive of a cache entry, as Spring Boot documents it: a run of
 * the application from the extracted jar with the same java, options and arguments, which
 * ends once its context is refreshed ({@code spring.context.exit=onRefresh}) and leaves
 * the archive behind. It runs once the daemon is ready, in the background and at the
 * lowest CPU priority, so that the first start costs no more than the extraction; the
 * next start uses the archive.
 * <p>
 * The training run is a plain run of the application: no {@code --daemon} argument and
 * none of the daemon's environment, so it writes no PID file and binds no port (the web
 * server starts after the refresh). The archive is written under a temporary name and
 * renamed into place once the run succeeded; one training runs per entry at a time.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class ArchiveTraining {

	static final String LOG = "training.log";

	static final String FAILED = "training-failed";

	private static final String TRAINING_LOCK = "training.lock";

	private static final String OUTPUT_PREFIX = "training-";

	private static final List<String> ENVIRONMENT_PREFIXES = List.of("BOOT_DAEMON_", "LISTEN_", "NOTIFY_SOCKET",
			"WATCHDOG_");

	private final CacheEntry entry;

	private final List<String> java;

	private final List<String> applicationArguments;

	private final List<String> commandPrefix;

	private final PathOwner owner;

	private final Consumer<Map<String, String>> userEnvironment;

	private final TrainingProcess process = new TrainingProcess();

	/**
	 * Create a training.
	 * @param entry the entry whose archive to make
	 * @param java the java binary and its options, without those of class data archives
	 * @param applicationArguments the arguments of the application, without
	 * {@code --daemon}
	 */
	public ArchiveTraining(CacheEntry entry, List<String> java, List<String> applicationArguments) {
		this(entry, java, applicationArguments, List.of(), PathOwner.THIS_USER, (environment) -> {
		});
	}

	private ArchiveTraining(CacheEntry entry, List<String> java, List<String> applicationArguments,
			List<String> commandPrefix, PathOwner owner, Consumer<Map<String, String>> userEnvironment) {
		this.entry = entry;
		this.java = List.copyOf(java);
		this.applicationArguments = List.copyOf(applicationArguments);
		this.commandPrefix = List.copyOf(commandPrefix);
		this.owner = owner;
		this.userEnvironment = userEnvironment;
	}

	/**
	 * Create the training of an entry for a command that starts the application: the same
	 * java and options, without those that choose a class data archive, run by this java
	 * runtime.
	 * @param entry the entry whose archive to make
	 * @param command the command that starts the application
	 * @param applicationArguments the arguments of the application, without
	 * {@code --daemon}
	 * @return the training
	 */
	public static ArchiveTraining of(CacheEntry entry, RelaunchCommand command, List<String> applicationArguments) {
		List<String> java = new ArrayList<>(List.of(command.getJavaCommand()));
		command.getJvmOptions().stream().filter((option) -> !ArchiveKind.isArchiveOption(option)).forEach(java::add);
		return new ArchiveTraining(entry, java, applicationArguments);
	}

	/**
	 * Return this training run as the daemon's user, for a process that prepares the
	 * cache of a daemon that runs as another user: the run writes the archive as that
	 * user, and what this process writes in the entry is given to it.
	 * @param commandPrefix the arguments that run a command as the daemon's user
	 * @param owner gives what this process creates to the daemon's user
	 * @param userEnvironment sets the variables that name the user ({@code HOME},
	 * {@code USER}), which the command prefix leaves as they were
	 * @return the training
	 */
	public ArchiveTraining asUser(List<String> commandPrefix, PathOwner owner,
			Consumer<Map<String, String>> userEnvironment) {
		return new ArchiveTraining(this.entry, this.java, this.applicationArguments, commandPrefix, owner,
				userEnvironment);
	}

	/**
	 * Return whether an earlier training of the entry failed: it is not tried again for
	 * the same jar, java and options.
	 * @return whether a training failed
	 */
	public boolean hasFailed() {
		return hasFailed(this.entry);
	}

	/**
	 * Return whether an earlier training of an entry failed, whoever ran it: a start, or
	 * a unit command that prepares the entry.
	 * @param entry the entry
	 * @return whether a training failed
	 */
	static boolean hasFailed(CacheEntry entry) {
		return Files.exists(entry.getDirectory().resolve(FAILED));
	}

	/**
	 * Train the archive, unless another JVM trains it already. Blocks until the training
	 * ends.
	 * @return whether this JVM trained the archive
	 * @throws IOException if the training failed, with the reason
	 * @throws InterruptedException if interrupted, or {@link #stop() stopped}; the
	 * training run is then stopped, and it does not count as a failure
	 */
	public boolean train() throws IOException, InterruptedException {
		return train(null);
	}

	/**
	 * Train the archive, or wait for the training that another JVM runs and train only if
	 * that one left no archive: for a command that must end with the archive in place,
	 * such as one that writes a service unit while the daemon trains in the background.
	 * @param waiting called once, before this JVM waits for another JVM's training
	 * @return whether this JVM trained the archive
	 * @throws IOException if the training failed, with the reason
	 * @throws InterruptedException if interrupted, or {@link #stop() stopped}; the
	 * training run is then stopped, and it does not count as a failure
	 */
	public boolean awaitOrTrain(Runnable waiting) throws IOException, InterruptedException {
		return train(waiting);
	}

	private boolean train(@Nullable Runnable waiting) throws IOException, InterruptedException {
		Path directory = this.entry.getDirectory();
		try (FileChannel channel = FileChannel.open(directory.resolve(TRAINING_LOCK), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE)) {
			this.owner.own(directory.resolve(TRAINING_LOCK));
			FileLock lock = channel.tryLock();
			if (lock == null && waiting != null) {
				waiting.run();
				lock = awaitLock(channel);
			}
			if (lock == null || this.entry.hasArchive()) {
				return false;
			}
			removeOutputsOfEarlierTrainings(directory);
			Path output = directory
				.resolve(OUTPUT_PREFIX + ProcessHandle.current().pid() + "-" + this.entry.getArchiveKind().fileName());
			try {
				for (List<String> run : this.entry.getArchiveKind().trainingRuns(output)) {
					run(run);
				}
				if (!Files.isRegularFile(output) || Files.size(output) == 0) {
					throw new IOException("the training run left no archive");
				}
				CacheSafety.removeGroupAndOthersWrite(output);
				Files.move(output, this.entry.getArchive(), StandardCopyOption.ATOMIC_MOVE,
						StandardCopyOption.REPLACE_EXISTING);
				// A unit command trains again after a failure: the failure is over
				Files.deleteIfExists(directory.resolve(FAILED));
				return true;
			}
			catch (IOException ex) {
				Files.writeString(directory.resolve(FAILED), ex.getMessage() + System.lineSeparator(),
						StandardCharsets.UTF_8);
				this.owner.own(directory.resolve(FAILED));
				throw ex;
			}
			finally {
				Files.deleteIfExists(output);
				Files.deleteIfExists(Path.of(output + ".conf"));
			}
		}
	}

	private static void removeOutputsOfEarlierTrainings(Path directory) {
		// Left by trainings that were killed: none runs while this JVM holds the lock
		try (DirectoryStream<Path> outputs = Files.newDirectoryStream(directory, OUTPUT_PREFIX + "[0-9]*")) {
			for (Path output : outputs) {
				deleteQuietly(output);
			}
		}
		catch (IOException ex) {
			// They cost disk space only
		}
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			// It costs disk space only
		}
	}

	private static FileLock awaitLock(FileChannel channel) throws IOException, InterruptedException {
		try {
			return channel.lock();
		}
		catch (FileLockInterruptionException ex) {
			// The interrupt closed the channel; the exception carries it on
			Thread.interrupted();
			throw new InterruptedException("interrupted while waiting for another training");
		}
	}

	private void run(List<String> trainingOptions) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		Executables.lookup("nice").ifPresent((nice) -> command.addAll(List.of(nice.toString(), "-n", "19")));
		command.addAll(this.commandPrefix);
		// After the switch of user, which would clear it
		command.addAll(TrainingProcess.parentDeathSignal());
		command.addAll(this.java);
		command.addAll(trainingOptions);
		command.addAll(List.of("-jar", this.entry.getJar().toString()));
		command.addAll(this.applicationArguments);
		Path log = this.entry.getDirectory().resolve(LOG);
		if (!Files.exists(log)) {
			Files.createFile(log);
			this.owner.own(log);
		}
		ProcessBuilder builder = new ProcessBuilder(command)
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		Map<String, String> environment = builder.environment();
		environment.keySet().removeIf((name) -> ENVIRONMENT_PREFIXES.stream().anyMatch(name::startsWith));
		this.userEnvironment.accept(environment);
		this.process.run(builder, log);
	}

	/**
	 * Stop a training run that is under way, and any that would start, as the JVM that
	 * trains stops. A stopped training is not recorded as failed: the next start of the
	 * entry trains again.
	 */
	public void stop() {
		this.process.stop();
	}

}
