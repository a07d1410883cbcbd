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
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration tests for the cache of fast start itself: damaged, missing, shared by
 * concurrent starts, refused, and replaced with the jar. They run the daemon from the
 * extracted jar and need no archive.
 *
 * @author Daemon Starter Team
 * @see FastStartIntegrationTests
 */
@EnabledOnOs(OS.LINUX)
class FastStartCacheIntegrationTests {

	/**
	 * For the tests of the cache itself, which need no archive: their daemons train none,
	 * which would take a whole run of the application from the CPU the tests share.
	 */
	private static final String NO_TRAINING = "--daemon.fast-start.training=never";

	@RegisterExtension
	final SampleAppProcesses processes = new SampleAppProcesses();

	@Test
	void damagedCacheIsRebuiltAndTheStartSucceeds() throws Exception {
		Path cache = this.processes.directory().resolve("cache");
		String directory = "--daemon.fast-start.directory=" + cache;
		assertThat(startWithoutTraining(directory).exitCode()).isZero();
		assertThat(this.processes.java("--daemon=stop").run().exitCode()).isZero();
		Path entry = FastStartIntegrationTests.onlyEntry(cache);
		Path library = firstLibrary(entry);
		byte[] content = Files.readAllBytes(library);
		Files.write(library, Arrays.copyOf(content, content.length / 2));
		Files.write(entry.resolve(FastStartIntegrationTests.ARCHIVE), new byte[64 * 1024]);
		Path halfExtracted = Files
			.createDirectories(cache.resolve(".tmp-" + entry.getFileName() + "-" + Integer.MAX_VALUE + "-1/app"));
		SampleAppProcesses.Result start = startWithoutTraining(directory);
		assertThat(start.exitCode()).as(start.err()).isZero();
		assertThat(new SampleAppClient(start.port()).health()).isEqualTo("UP");
		assertThat(Files.readAllBytes(library)).isEqualTo(content);
		assertThat(halfExtracted.getParent()).doesNotExist();
		assertThat(LinuxProcess.of(this.processes.pid()).commandLine())
			.noneMatch((argument) -> argument.startsWith(FastStartIntegrationTests.ARCHIVE_OPTION));
		assertThat(this.processes.java("--daemon=stop").run().exitCode()).isZero();
	}

	@Test
	void jarBehindASymbolicLinkRunsFromTheExtractedFileThatItPointsTo() throws Exception {
		Path release = Files.copy(this.processes.jar(), this.processes.directory().resolve("sample-app-1.0.jar"));
		Path current = Files.createSymbolicLink(this.processes.directory().resolve("current.jar"), release);
		SampleAppProcesses.Result start = this.processes
			.javaJar(current.toString(), "--daemon", FastStartIntegrationTests.ENABLED, NO_TRAINING)
			.run();
		assertThat(start.exitCode()).as(start.err()).isZero();
		assertThat(start.err()).doesNotContain("Fast start");
		Path entry = FastStartIntegrationTests.onlyEntry(this.processes.directory().resolve("sample-app-fast-start"));
		assertThat(LinuxProcess.of(this.processes.pid()).commandLine()).containsSubsequence("-jar",
				entry.resolve("app").resolve("sample-app-1.0.jar").toString());
		assertThat(this.processes.javaJar(current.toString(), "--daemon=stop").run().exitCode()).isZero();
	}

	@Test
	void fullDiskStartsFromTheJarWithOneWarningThatNamesTheCauseAndLeavesNothing() throws Exception {
		Path full = Files.createDirectory(this.processes.directory().resolve("full"));
		// 8 MB: a third of what the sample's extracted jar needs
		Assumptions.assumeTrue(
				command("mount", "-t", "tmpfs", "-o", "size=8m,mode=0700", "tmpfs", full.toString()) == 0,
				"mounting a small file system needs root");
		try {
			Path cache = full.resolve("cache");
			SampleAppProcesses.Result start = startWithoutTraining("--daemon.fast-start.directory=" + cache);
			assertThat(start.exitCode()).as(start.err()).isZero();
			assertThat(start.err().lines()).singleElement()
				.asString()
				.startsWith("Fast start cache " + cache + " cannot be prepared (extracting ")
				.contains("No space left on device")
				.endsWith("or set daemon.fast-start.directory");
			assertThat(LinuxProcess.of(this.processes.pid()).commandLine()).containsSubsequence("-jar",
					this.processes.jar().toString());
			assertThat(new SampleAppClient(start.port()).health()).isEqualTo("UP");
			assertThat(cache).as("what the failed extraction left").isEmptyDirectory();
			assertThat(this.processes.java("--daemon=stop").run().exitCode()).isZero();
		}
		finally {
			command("umount", "--lazy", full.toString());
		}
	}

	@Test
	void missingCacheIsMadeAgain() throws Exception {
		Path cache = this.processes.directory().resolve("cache");
		String directory = "--daemon.fast-start.directory=" + cache;
		assertThat(startWithoutTraining(directory).exitCode()).isZero();
		assertThat(this.processes.java("--daemon=stop").run().exitCode()).isZero();
		SampleAppProcesses.deleteRecursively(cache);
		SampleAppProcesses.Result start = startWithoutTraining(directory);
		assertThat(start.exitCode()).as(start.err()).isZero();
		assertThat(LinuxProcess.of(this.processes.pid()).commandLine()).containsSubsequence("-jar",
				FastStartIntegrationTests.onlyEntry(cache).resolve("app").resolve("sample-app.jar").toString());
		assertThat(this.processes.java("--daemon=stop").run().exitCode()).isZero();
	}

	@Test
	void concurrentStartsOnAFreshCacheWithoutTrainingBothSucceedAndNothingTrains() throws Exception {
		Path cache = this.processes.directory().resolve("cache");
		String directory = "--daemon.fast-start.directory=" + cache;
		SampleAppProcesses.Running one = this.processes
			.java("--daemon", FastStartIntegrationTests.ENABLED, directory, NO_TRAINING, "--spring.pid.file=one.pid",
					"--logging.file.name=one.log")
			.start();
		SampleAppProcesses.Running two = this.processes
			.java("--daemon", FastStartIntegrationTests.ENABLED, directory, NO_TRAINING, "--spring.pid.file=two.pid",
					"--logging.file.name=two.log")
			.start();
		SampleAppProcesses.Result first = one.await();
		SampleAppProcesses.Result second = two.await();
		assertThat(first.exitCode()).as(first.err()).isZero();
		assertThat(second.exitCode()).as(second.err()).isZero();
		Path entry = FastStartIntegrationTests.onlyEntry(cache);
		String jar = entry.resolve("app").resolve("sample-app.jar").toString();
		for (String pidFile : List.of("one.pid", "two.pid")) {
			long pid = Long.parseLong(Files.readString(this.processes.directory().resolve(pidFile)).strip());
			assertThat(LinuxProcess.of(pid).commandLine()).containsSubsequence("-jar", jar);
			assertThat(this.processes.java("--daemon=status", "--spring.pid.file=" + pidFile).run().out())
				.contains("fast start: archive not used, none trained (daemon.fast-start.training=never)");
			assertThat(this.processes.java("--daemon=stop", "--spring.pid.file=" + pidFile).run().exitCode()).isZero();
		}
		SampleAppProcesses.Result unit = this.processes
			.java("--daemon=unit", FastStartIntegrationTests.ENABLED, directory, NO_TRAINING)
			.run();
		assertThat(unit.exitCode()).as(unit.err()).isZero();
		assertThat(unit.unitSetting("ExecStart")).contains(" -jar " + jar + " --daemon=run ")
			.doesNotContain(FastStartIntegrationTests.ARCHIVE_OPTION);
		assertThat(entry.resolve("training.log")).doesNotExist();
		assertThat(entry.resolve(FastStartIntegrationTests.ARCHIVE)).doesNotExist();
		try (DirectoryStream<Path> children = Files.newDirectoryStream(cache, ".tmp-*")) {
			assertThat(children).isEmpty();
		}
	}

	@Test
	void cacheWritableByOthersIsNotUsed() throws Exception {
		Path cache = Files.createDirectory(this.processes.directory().resolve("cache"));
		Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxrwx"));
		SampleAppProcesses.Result start = this.processes
			.java("--daemon", FastStartIntegrationTests.ENABLED, "--daemon.fast-start.directory=" + cache)
			.run();
		assertThat(start.exitCode()).as(start.err()).isZero();
		assertThat(start.err().lines()).singleElement()
			.asString()
			.startsWith("Fast start cache " + cache + " is writable by its group or by others (mode 777)")
			.contains("chmod go-w")
			.contains("daemon.fast-start.directory");
		assertThat(LinuxProcess.of(this.processes.pid()).commandLine()).containsSubsequence("-jar",
				this.processes.jar().toString());
		assertThat(cache).isEmptyDirectory();
		assertThat(this.processes.java("--daemon=stop").run().exitCode()).isZero();
	}

	@Test
	void changedJarGetsANewEntryAndTheOldOneIsRemoved() throws Exception {
		Path jar = this.processes.directory().resolve("app.jar");
		Files.copy(this.processes.jar(), jar);
		Path cache = this.processes.directory().resolve("cache");
		String directory = "--daemon.fast-start.directory=" + cache;
		assertThat(this.processes
			.javaJar(jar.toString(), "--daemon", FastStartIntegrationTests.ENABLED, directory, NO_TRAINING)
			.run()
			.exitCode()).isZero();
		assertThat(this.processes.javaJar(jar.toString(), "--daemon=stop").run().exitCode()).isZero();
		Path old = FastStartIntegrationTests.onlyEntry(cache);
		// Unused for longer than a start may take to hold its entry
		Files.setLastModifiedTime(old.resolve("lock"), FileTime.from(Instant.now().minus(Duration.ofMinutes(2))));
		Path upgrade = this.processes.directory().resolve("app-2.jar");
		SampleJars.withExtraProperties(jar, upgrade, "info.sample=version-2\n");
		Files.move(upgrade, jar, StandardCopyOption.REPLACE_EXISTING);
		SampleAppProcesses.Result start = this.processes
			.javaJar(jar.toString(), "--daemon", FastStartIntegrationTests.ENABLED, directory, NO_TRAINING)
			.run();
		assertThat(start.exitCode()).as(start.err()).isZero();
		Path entry = FastStartIntegrationTests.onlyEntry(cache);
		assertThat(entry).isNotEqualTo(old);
		assertThat(old).doesNotExist();
		assertThat(LinuxProcess.of(this.processes.pid()).commandLine()).containsSubsequence("-jar",
				entry.resolve("app").resolve("app.jar").toString());
		assertThat(this.processes.javaJar(jar.toString(), "--daemon=stop").run().exitCode()).isZero();
	}

	@Test
	void reloadAfterTheJarWasReplacedRunsTheNewJarFromItsOwnEntry() throws Exception {
		Path jar = this.processes.directory().resolve("app.jar");
		Files.copy(this.processes.jar(), jar);
		Path cache = this.processes.directory().resolve("cache");
		String directory = "--daemon.fast-start.directory=" + cache;
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		SampleAppProcesses.Result start = this.processes
			.javaJar(jar.toString(), "--daemon", FastStartIntegrationTests.ENABLED, directory, NO_TRAINING,
					"--daemon.supervisor.enabled=true", "--server.port=" + port)
			.run();
		assertThat(start.exitCode()).as(start.err()).isZero();
		Path old = FastStartIntegrationTests.onlyEntry(cache);
		Path upgrade = this.processes.directory().resolve("app-2.jar");
		SampleJars.withExtraProperties(jar, upgrade, "management.info.env.enabled=true\ninfo.sample=version-2\n");
		Files.move(upgrade, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		SampleAppProcesses.Result reload = this.processes.javaJar(jar.toString(), "--daemon=reload").run();
		assertThat(reload.exitCode()).as(reload.err()).isZero();
		assertThat(new SampleAppClient(port).get("/actuator/info").body()).contains("version-2");
		Path entry = LinuxProcess.of(this.processes.supervisedApplicationPid())
			.commandLine()
			.stream()
			.filter((argument) -> argument.endsWith("/app/app.jar"))
			.map(Path::of)
			.findFirst()
			.orElseThrow()
			.getParent()
			.getParent();
		assertThat(entry.getParent()).isEqualTo(cache);
		assertThat(entry).isNotEqualTo(old);
		// The supervisor still runs from the old entry, which it keeps
		assertThat(old).isDirectory();
		assertThat(this.processes.javaJar(jar.toString(), "--daemon=stop").run().exitCode()).isZero();
	}

	private SampleAppProcesses.Result startWithoutTraining(String directory) throws Exception {
		return this.processes.java("--daemon", FastStartIntegrationTests.ENABLED, directory, NO_TRAINING).run();
	}

	private static int command(String... command) throws IOException, InterruptedException {
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start()
			.waitFor();
	}

	private static Path firstLibrary(Path entry) throws IOException {
		try (DirectoryStream<Path> libraries = Files.newDirectoryStream(entry.resolve("app").resolve("lib"),
				"spring-core-*.jar")) {
			return libraries.iterator().next();
		}
	}

}
