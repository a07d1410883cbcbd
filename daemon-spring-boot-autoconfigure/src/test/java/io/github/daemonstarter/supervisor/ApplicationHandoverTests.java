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

package io.github.daemonstarter.supervisor;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.github.daemonstarter.posix.ProcFs;
import io.github.daemonstarter.restart.RestartPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ApplicationHandover}, with a {@code /proc} laid out in a temporary
 * directory.
 *
 * @author Daemon Starter Team
 */
class ApplicationHandoverTests {

	private static final long MIB_IN_KIB = 1024;

	@TempDir
	Path proc;

	private Process running;

	@AfterEach
	void endRunningProcess() {
		if (this.running != null) {
			this.running.destroyForcibly();
		}
	}

	@Test
	void otherPidFileAlternatesBetweenTheApplicationPidFileAndTheOneBesideIt() {
		Path first = Path.of("/run/app.app.pid");
		Path next = ApplicationHandover.otherPidFile(first, first);
		assertThat(next).isEqualTo(Path.of("/run/app.app.next.pid"));
		assertThat(ApplicationHandover.otherPidFile(first, next)).isEqualTo(first);
		assertThat(ApplicationHandover.otherPidFile(first, ApplicationHandover.otherPidFile(first, next)))
			.isEqualTo(next);
	}

	@Test
	void maxHeapReadsEachUnit() {
		assertThat(ApplicationHandover.maxHeap(List.of("java", "-Xmx512m", "-jar", "app.jar")))
			.isEqualTo(512L * 1024 * 1024);
		assertThat(ApplicationHandover.maxHeap(List.of("java", "-Xmx2g"))).isEqualTo(2L * 1024 * 1024 * 1024);
		assertThat(ApplicationHandover.maxHeap(List.of("java", "-Xmx2G"))).isEqualTo(2L * 1024 * 1024 * 1024);
		assertThat(ApplicationHandover.maxHeap(List.of("java", "-Xmx1024k"))).isEqualTo(1024L * 1024);
		assertThat(ApplicationHandover.maxHeap(List.of("java", "-Xmx1048576"))).isEqualTo(1048576L);
	}

	@Test
	void maxHeapWhenSetTwiceReturnsTheLast() {
		assertThat(ApplicationHandover.maxHeap(List.of("java", "-Xmx4g", "-Xms1g", "-Xmx256m", "-jar", "app.jar")))
			.isEqualTo(256L * 1024 * 1024);
	}

	@Test
	void maxHeapWithoutXmxReturnsZero() {
		assertThat(ApplicationHandover.maxHeap(List.of("java", "-Xms1g", "-jar", "app.jar", "--Xmx=2g"))).isZero();
		assertThat(ApplicationHandover.maxHeap(List.of("java", "-Xmx", "-Xmxlots"))).isZero();
	}

	@Test
	void kibibytesReadsTheValueOfTheKey() {
		String meminfo = "MemTotal:       16303572 kB\nMemFree:          812344 kB\nMemAvailable:    9876543 kB\n"
				+ "Buffers:          401228 kB\n";
		assertThat(ApplicationHandover.kibibytes(meminfo, "MemAvailable:")).hasValue(9876543);
		assertThat(ApplicationHandover.kibibytes(meminfo, "MemTotal:")).hasValue(16303572);
	}

	@Test
	void kibibytesWhenTheKeyIsMissingOrMalformedReturnsEmpty() {
		assertThat(ApplicationHandover.kibibytes("MemTotal: 16303572 kB\n", "MemAvailable:")).isEmpty();
		assertThat(ApplicationHandover.kibibytes("MemAvailable: lots kB\n", "MemAvailable:")).isEmpty();
	}

	@Test
	void refusalWhenTheMemoryAvailableSufficesReturnsNull() throws IOException {
		Process process = startRunning();
		writeProc(process, 2000 * MIB_IN_KIB, 800 * MIB_IN_KIB);
		assertThat(handover(List.of("java", "-Xmx1g", "-jar", "app.jar")).refusal(process)).isNull();
	}

	@Test
	void refusalWhenLessIsAvailableThanTheResidentMemoryNamesTheMemoryAvailable() throws IOException {
		Process process = startRunning();
		writeProc(process, 400 * MIB_IN_KIB, 800 * MIB_IN_KIB);
		assertThat(handover(List.of("java", "-Xmx256m", "-jar", "app.jar")).refusal(process))
			.isEqualTo("only 400 MB of memory is available (MemAvailable in /proc/meminfo), less than the 800 MB that "
					+ "a second JVM needs beside pid " + process.pid()
					+ " (its resident memory); free memory, lower -Xmx or use --daemon=restart");
	}

	@Test
	void refusalWhenLessIsAvailableThanTheMaximumHeapNamesTheXmx() throws IOException {
		Process process = startRunning();
		writeProc(process, 1000 * MIB_IN_KIB, 100 * MIB_IN_KIB);
		assertThat(handover(List.of("java", "-Xmx2g", "-jar", "app.jar")).refusal(process))
			.startsWith("only 1000 MB of memory is available (MemAvailable in /proc/meminfo)")
			.contains("less than the 2048 MB that a second JVM needs beside pid " + process.pid() + " (its -Xmx)")
			.endsWith("use --daemon=restart");
	}

	@Test
	void refusalWhenTheMemoryCannotBeReadReturnsNull() throws IOException {
		Process process = startRunning();
		assertThat(handover(List.of("java", "-jar", "app.jar")).refusal(process)).isNull();
		Files.writeString(this.proc.resolve("meminfo"), "MemTotal: 16303572 kB\n");
		Files.createDirectories(this.proc.resolve(Long.toString(process.pid())));
		Files.writeString(this.proc.resolve(Long.toString(process.pid())).resolve("status"), "VmRSS: 1024 kB\n");
		assertThat(handover(List.of("java", "-jar", "app.jar")).refusal(process)).isNull();
	}

	private ApplicationHandover handover(List<String> command) {
		SupervisorSettings settings = new SupervisorSettings("demo", Path.of("/run/demo.pid"),
				Path.of("/run/demo.app.pid"), Duration.ofSeconds(60), RestartPolicy.ofDefaults(), Set.of(), Set.of(),
				true, command);
		SupervisorLog log = new SupervisorLog(new PrintStream(PrintStream.nullOutputStream()), Clock.systemUTC(), 1,
				"demo");
		return new ApplicationHandover(settings, log, null, null, new ApplicationStopper(settings, log),
				ProcFs.at(this.proc));
	}

	private Process startRunning() throws IOException {
		this.running = new ProcessBuilder("sleep", "30").start();
		return this.running;
	}

	private void writeProc(Process process, long availableKib, long residentKib) throws IOException {
		Files.writeString(this.proc.resolve("meminfo"), "MemTotal:       16303572 kB\nMemFree:          812344 kB\n"
				+ "MemAvailable:   " + availableKib + " kB\n");
		Path status = Files.createDirectories(this.proc.resolve(Long.toString(process.pid()))).resolve("status");
		Files.writeString(status, "Name:\tjava\nState:\tS (sleeping)\nVmPeak:\t 9999999 kB\nVmRSS:\t  " + residentKib
				+ " kB\nThreads:\t42\n");
	}

}
