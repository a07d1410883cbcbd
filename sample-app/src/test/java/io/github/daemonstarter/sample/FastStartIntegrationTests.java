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

package io.github.daemonstarter.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for fast start ({@code daemon.fast-start.enabled=true}): the daemon
 * runs from the jar that Spring Boot's tool extracted into the cache, with the class data
 * archive that a training run made after the first start. Whether the JVM used the
 * archive is read from the kernel's record of what it mapped ({@code /proc/<pid>/maps})
 * and from what the JVM itself reports in its status file, never from timing.
 * <p>
 * The tests that need a trained archive share one cache, trained once: an archive is
 * bound to the path of the jar it was trained with, so it cannot be copied.
 *
 * @author Daemon Starter Team
 */
@EnabledOnOs(OS.LINUX)
class FastStartIntegrationTests {

	private static final Duration DEADLINE = Duration.ofSeconds(90);

	private static final Path SHARED_CACHE = Path.of("target", "it", "FastStartIntegrationTests-cache")
		.toAbsolutePath();

	private static final boolean AOT = Runtime.version().feature() >= 24;

	static final String ARCHIVE = AOT ? "archive.aot" : "archive.jsa";

	static final String ARCHIVE_OPTION = AOT ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=";

	private static final Pattern ENTRY_NAME = Pattern.compile("[0-9a-f]{16}");

	static final String ENABLED = "--daemon.fast-start.enabled=true";

	@RegisterExtension
	final SampleAppProcesses processes = new SampleAppProcesses();

	@BeforeAll
	static void removeSharedCache() throws IOException {
		SampleAppProcesses.deleteRecursively(SHARED_CACHE);
	}

	@Test
	void warmStartRunsFromTheExtractedJarAndUsesTheArchive() throws Exception {
		Path entry = trainSharedCache();
		SampleAppProcesses.Result start = this.processes.java("--daemon", ENABLED, sharedCache(), "--sample.x=a b")
			.run();
		assertThat(start.exitCode()).as(start.err()).isZero();
		assertThat(start.err()).isEmpty();
		long pid = this.processes.pid();
		LinuxProcess daemon = LinuxProcess.of(pid);
		assertThat(daemon.commandLine()).contains(ARCHIVE_OPTION + entry.resolve(ARCHIVE))
			.containsSubsequence("-jar", entry.resolve("app").resolve("sample-app.jar").toString());
		assertThat(daemon.mapsFile(entry.resolve(ARCHIVE))).as("the daemon maps %s", entry.resolve(ARCHIVE)).isTrue();
		assertThat(start.out()).contains("PID file " + this.processes.pidFile())
			.contains("log file " + this.processes.logFile());
		SampleAppClient client = new SampleAppClient(start.port());
		assertThat(client.args()).containsExactly(ENABLED, sharedCache(), "--sample.x=a b", "--server.port=0");
		String endpoint = client.get("/actuator/daemon").body();
		assertThat(JsonPath.<Boolean>read(endpoint, "$.fastStart.archiveUsed")).isTrue();
		assertThat(JsonPath.<String>read(endpoint, "$.fastStart.archiveKind")).isEqualTo(AOT ? "aot" : "cds");
		assertThat(JsonPath.<String>read(endpoint, "$.fastStart.entry")).isEqualTo(entry.toString());
		assertThat(JsonPath.<String>read(endpoint, "$.fastStart.trainingMode")).isEqualTo("background");
		SampleAppProcesses.Result status = this.processes.java("--daemon=status").run();
		assertThat(status.out()).startsWith("sample-app is running (pid " + pid)
			.contains("fast start: archive used")
			.contains("log file " + this.processes.logFile());
		SampleAppProcesses.Result stop = this.processes.java("--daemon=stop").run();
		assertThat(stop.exitCode()).isZero();
		assertThat(daemon.isRunning()).isFalse();
	}

	@Test
	void supervisorRestartsTheApplicationFromTheCacheWithTheArchive() throws Exception {
		Path entry = trainSharedCache();
		SampleAppProcesses.Result start = this.processes
			.java("--daemon", ENABLED, sharedCache(), "--daemon.supervisor.enabled=true",
					"--daemon.supervisor.initial-delay=0s")
			.run();
		assertThat(start.exitCode()).as(start.err()).isZero();
		long supervisor = this.processes.pid();
		assertThat(LinuxProcess.of(supervisor).commandLine()).containsSubsequence("-cp",
				entry.resolve("app").resolve("sample-app.jar").toString());
		long first = this.processes.supervisedApplicationPid();
		ProcessHandle.of(first).ifPresent(ProcessHandle::destroyForcibly);
		await().atMost(DEADLINE).until(() -> {
			long next = this.processes.supervisedApplicationPid();
			return next != first && next > 0 && statusOf(next).contains("fast-start.archive-used=true");
		});
		LinuxProcess restarted = LinuxProcess.of(this.processes.supervisedApplicationPid());
		assertThat(restarted.parentPid()).isEqualTo(supervisor);
		assertThat(restarted.mapsFile(entry.resolve(ARCHIVE))).isTrue();
		assertThat(this.processes.java("--daemon=status").run().out()).contains("fast start: archive used");
		assertThat(this.processes.java("--daemon=stop").run().exitCode()).isZero();
	}

	@Test
	void coldStartExtractsAndTrainsWithoutTheArchiveAndAUnitWrittenMeanwhileWaitsForIt() throws Exception {
		SampleAppProcesses.Result start = this.processes.java("--daemon", ENABLED).run();
		assertThat(start.exitCode()).as(start.err()).isZero();
		Path cache = this.processes.directory().resolve("sample-app-fast-start");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache))).isEqualTo("rwx------");
		Path entry = onlyEntry(cache);
		LinuxProcess daemon = LinuxProcess.of(this.processes.pid());
		assertThat(daemon.commandLine()).noneMatch((argument) -> argument.startsWith(ARCHIVE_OPTION))
			.containsSubsequence("-jar", entry.resolve("app").resolve("sample-app.jar").toString());
		// Installing the service right after the first start: the unit needs the archive
		await().atMost(DEADLINE).until(() -> status().contains("fast-start.training=running"));
		SampleAppProcesses.Result unit = this.processes.java("--daemon=unit", ENABLED).run();
		assertThat(unit.exitCode()).as(unit.err()).isZero();
		assertThat(entry.resolve(ARCHIVE)).isNotEmptyFile();
		assertThat(unit.unitSetting("ExecStart")).contains(" " + ARCHIVE_OPTION + entry.resolve(ARCHIVE) + " ");
		await().atMost(DEADLINE).until(() -> status().contains("fast-start.training=done"));
		assertThat(this.processes.java("--daemon=status").run().out())
			.contains("fast start: archive not used, one trained for the next start");
		assertThat(this.processes.java("--daemon=stop").run().exitCode()).isZero();
	}

	@Test
	void trainingEndsWithTheDaemonStoppedOrKilledAndTheNextStartTrainsAgain() throws Exception {
		String directory = "--daemon.fast-start.directory=" + this.processes.directory().resolve("cache");
		assertThat(this.processes.java("--daemon", ENABLED, directory).run().exitCode()).isZero();
		Path entry = onlyEntry(this.processes.directory().resolve("cache"));
		// The training JVM runs the application: stopped once it logs its start
		await().atMost(DEADLINE)
			.until(() -> Files.exists(entry.resolve("training.log"))
					&& Files.readString(entry.resolve("training.log")).contains("Starting SampleApplication"));
		assertThat(this.processes.java("--daemon=stop").run().exitCode()).isZero();
		assertThat(entry.resolve("training-failed")).doesNotExist();
		// A training recorded as failed would not run again
		assertThat(this.processes.java("--daemon", ENABLED, directory).run().exitCode()).isZero();
		long pid = this.processes.pid();
		// The daemon runs from the entry too
		await().atMost(DEADLINE).until(() -> processesThatName(entry).size() > 1);
		assertThat(processesThatName(entry)).contains(pid);
		// The training lasts seconds more: an orphan would still run
		killAndAwaitNoProcessThatNames(pid, entry);
	}

	@Test
	void stopWhileTheAotCacheIsAssembledEndsTheAssemblingJvmAndLeavesNothing() throws Exception {
		Assumptions.assumeTrue(AOT, "only an AOT cache is assembled by a JVM of its own");
		String directory = "--daemon.fast-start.directory=" + this.processes.directory().resolve("cache");
		assertThat(this.processes.java("--daemon", ENABLED, directory).run().exitCode()).isZero();
		long pid = this.processes.pid();
		Path entry = onlyEntry(this.processes.directory().resolve("cache"));
		await().atMost(DEADLINE)
			.pollInterval(Duration.ofMillis(20))
			.until(() -> !processesThatName(entry, "-XX:AOTMode=create").isEmpty());
		ProcessHandle daemon = ProcessHandle.of(pid).orElseThrow();
		daemon.destroy();
		daemon.onExit().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
		assertThat(processesThatName(entry)).isEmpty();
		// What the stopped training wrote is removed by the next one, if not before
		assertThat(this.processes.java("--daemon", ENABLED, directory).run().exitCode()).isZero();
		await().atMost(DEADLINE).until(() -> filesOfTraining(entry, pid).isEmpty());
		assertThat(this.processes.java("--daemon=stop").run().exitCode()).isZero();
	}

	@Test
	void killedDaemonWhileTheAotCacheIsAssembledLeavesNoJvm() throws Exception {
		Assumptions.assumeTrue(AOT, "only an AOT cache is assembled by a JVM of its own");
		String directory = "--daemon.fast-start.directory=" + this.processes.directory().resolve("cache");
		assertThat(this.processes.java("--daemon", ENABLED, directory).run().exitCode()).isZero();
		Path entry = onlyEntry(this.processes.directory().resolve("cache"));
		await().atMost(DEADLINE)
			.pollInterval(Duration.ofMillis(20))
			.until(() -> !processesThatName(entry, "-XX:AOTMode=create").isEmpty());
		// The assembly lasts seconds more: an orphan would still run
		killAndAwaitNoProcessThatNames(this.processes.pid(), entry);
	}

	/**
	 * Kill a daemon with {@code SIGKILL}, which it cannot pass on, and wait up to two
	 * seconds until no process names the path: the kernel ends what the daemon started.
	 * What still runs after the wait is killed too, so that no test leaves an orphan.
	 */
	private static void killAndAwaitNoProcessThatNames(long pid, Path path) throws Exception {
		try {
			ProcessHandle daemon = ProcessHandle.of(pid).orElseThrow();
			daemon.destroyForcibly();
			daemon.onExit().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
			await().atMost(Duration.ofSeconds(2)).until(() -> processesThatName(path).isEmpty());
		}
		finally {
			processesThatName(path)
				.forEach((orphan) -> ProcessHandle.of(orphan).ifPresent(ProcessHandle::destroyForcibly));
		}
	}

	private static List<String> filesOfTraining(Path entry, long pid) throws IOException {
		try (Stream<Path> files = Files.list(entry)) {
			return files.map((file) -> file.getFileName().toString())
				.filter((name) -> name.startsWith("training-" + pid + "-"))
				.toList();
		}
	}

	@Test
	void unitRunsTheExtractedJarWithTheArchivePreparedWhenItIsWrittenAsTrainingInstallLeavesItToTheUnit()
			throws Exception {
		Path cache = this.processes.directory().resolve("cache");
		String directory = "--daemon.fast-start.directory=" + cache;
		String install = "--daemon.fast-start.training=install";
		SampleAppProcesses.Result start = this.processes.java("--daemon", ENABLED, directory, install).run();
		assertThat(start.exitCode()).as(start.err()).isZero();
		Path entry = onlyEntry(cache);
		assertThat(this.processes.java("--daemon=status").run().out()).contains(
				"fast start: archive not used, none trained until --daemon=install (daemon.fast-start.training=install)");
		assertThat(entry.resolve("training.log")).doesNotExist();
		assertThat(this.processes.java("--daemon=stop").run().exitCode()).isZero();
		// As a training at --daemon=install that failed leaves it
		Files.writeString(entry.resolve("training-failed"), "the training run exited with status 1");
		assertThat(this.processes.java("--daemon", ENABLED, directory, install).run().exitCode()).isZero();
		assertThat(this.processes.java("--daemon=status").run().out())
			.contains("fast start: archive not used, its training failed (see " + entry + "/training.log)");
		assertThat(this.processes.java("--daemon=stop").run().exitCode()).isZero();
		// The unit command trains again
		SampleAppProcesses.Result unit = this.processes.java("--daemon=unit", ENABLED, directory, install).run();
		assertThat(unit.exitCode()).as(unit.err()).isZero();
		assertThat(onlyEntry(cache)).isEqualTo(entry);
		assertThat(entry.resolve(ARCHIVE)).isNotEmptyFile();
		assertThat(entry.resolve("training-failed")).doesNotExist();
		String execStart = unit.unitSetting("ExecStart");
		assertThat(execStart).contains(" BOOT_DAEMON_FAST_START=" + entry + " ")
			.contains(" " + ARCHIVE_OPTION + entry.resolve(ARCHIVE) + " ")
			.contains(" -jar " + entry.resolve("app").resolve("sample-app.jar") + " --daemon=run ");
		// What systemd runs: no argument of this unit needs quoting
		SampleAppProcesses.Running service = this.processes.program(execStart.split(" ")).start();
		await().atMost(DEADLINE).until(() -> status().contains("fast-start.archive-used=true"));
		LinuxProcess application = LinuxProcess.of(service.process().pid());
		assertThat(application.commandLine().get(0)).endsWith("/java");
		assertThat(application.mapsFile(entry.resolve(ARCHIVE))).isTrue();
		assertThat(this.processes.java("--daemon=stop").run().exitCode()).isZero();
		// Ended by SIGTERM, which the unit counts as a success (SuccessExitStatus=143)
		assertThat(service.await().exitCode()).isEqualTo(143);
	}

	@Test
	void unitOnATerminalSaysThatItTrainsTheArchive() throws Exception {
		Path cache = this.processes.directory().resolve("cache");
		SampleAppProcesses.Result unit = this.processes
			.java("--daemon=unit", ENABLED, "--daemon.fast-start.directory=" + cache)
			.onTerminal()
			.run();
		assertThat(unit.exitCode()).as(unit.out()).isZero();
		assertThat(unit.out()).contains("Fast start: preparing the cache ")
			.contains("Fast start: training the class data archive (one run of the application)…")
			.contains("ExecStart=");
		assertThat(onlyEntry(cache).resolve(ARCHIVE)).isNotEmptyFile();
	}

	/**
	 * Start and stop the daemon on the shared cache until its archive is trained.
	 * @return the entry
	 */
	private Path trainSharedCache() throws Exception {
		SampleAppProcesses.Result start = this.processes.java("--daemon", ENABLED, sharedCache()).run();
		assertThat(start.exitCode()).as(start.err()).isZero();
		Path entry = onlyEntry(SHARED_CACHE);
		await().atMost(DEADLINE).until(() -> Files.exists(entry.resolve(ARCHIVE)));
		assertThat(this.processes.java("--daemon=stop").run().exitCode()).isZero();
		return entry;
	}

	private static String sharedCache() {
		return "--daemon.fast-start.directory=" + SHARED_CACHE;
	}

	/**
	 * Return the only entry of a cache, failing unless there is exactly one.
	 * @param cache the cache directory
	 * @return the entry
	 * @throws IOException if the cache cannot be listed
	 */
	static Path onlyEntry(Path cache) throws IOException {
		List<Path> entries = new ArrayList<>();
		try (DirectoryStream<Path> children = Files.newDirectoryStream(cache)) {
			children.forEach((child) -> {
				if (ENTRY_NAME.matcher(child.getFileName().toString()).matches()) {
					entries.add(child);
				}
			});
		}
		assertThat(entries).as("entries of %s", cache).hasSize(1);
		return entries.get(0);
	}

	/**
	 * Return the processes whose command line or environment names a path, as a JVM that
	 * JDK 25 starts to assemble an AOT cache names it in {@code JAVA_TOOL_OPTIONS}.
	 */
	private static List<Long> processesThatName(Path path) {
		return processesThatName(path, "");
	}

	/**
	 * Return the processes whose command line or environment names a path and holds an
	 * option, such as {@code -XX:AOTMode=create}.
	 */
	private static List<Long> processesThatName(Path path, String option) {
		return ProcessHandle.allProcesses()
			.filter((process) -> names(process.pid(), "cmdline", path, option)
					|| names(process.pid(), "environ", path, option))
			.map(ProcessHandle::pid)
			.toList();
	}

	private static boolean names(long pid, String file, Path path, String option) {
		try {
			byte[] content = Files.readAllBytes(Path.of("/proc", Long.toString(pid), file));
			String text = new String(content, StandardCharsets.UTF_8);
			return text.contains(path.toString()) && text.contains(option);
		}
		catch (IOException ex) {
			return false;
		}
	}

	private String status() throws IOException {
		Path file = this.processes.directory().resolve("sample-app.status");
		return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
	}

	private String statusOf(long applicationPid) {
		try {
			String status = Files.readString(this.processes.directory().resolve("sample-app.app.status"),
					StandardCharsets.UTF_8);
			return status.contains("pid=" + applicationPid) ? status : "";
		}
		catch (IOException ex) {
			return "";
		}
	}

}
