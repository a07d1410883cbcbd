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

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration tests that start the sample jar with {@code --daemon} and check from
 * outside, through {@code /proc}, that the daemon is detached.
 *
 * @author Daemon Starter Team
 */
@EnabledOnOs(OS.LINUX)
class DetachIntegrationTests {

	@RegisterExtension
	final SampleAppProcesses processes = new SampleAppProcesses();

	@Test
	void daemonLeadsItsOwnSessionWithoutTerminalAndWithRedirectedStreams() throws Exception {
		SampleAppProcesses.Result result = this.processes.java("--daemon").run();
		assertThat(result.exitCode()).isZero();
		long pid = this.processes.pid();
		assertThat(result.out()).contains("pid " + pid)
			.contains(this.processes.pidFile().toString())
			.contains(this.processes.logFile().toString());
		String[] stat = statFields(pid);
		assertThat(Long.parseLong(stat[1])).as("parent")
			.isNotEqualTo(result.exitCode())
			.isNotEqualTo(ProcessHandle.current().pid());
		assertThat(Long.parseLong(stat[2])).as("process group").isEqualTo(pid);
		assertThat(Long.parseLong(stat[3])).as("session").isEqualTo(pid);
		assertThat(Long.parseLong(stat[4])).as("controlling terminal").isZero();
		Path fd = Path.of("/proc", Long.toString(pid), "fd");
		assertThat(Files.readSymbolicLink(fd.resolve("0"))).hasToString("/dev/null");
		assertThat(Files.readSymbolicLink(fd.resolve("1"))).isEqualTo(this.processes.logFile());
		assertThat(Files.readSymbolicLink(fd.resolve("2"))).isEqualTo(this.processes.logFile());
	}

	/**
	 * Return the fields of {@code /proc/<pid>/stat} that follow the command name: state,
	 * parent, process group, session, terminal.
	 */
	static String[] statFields(long pid) throws Exception {
		String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.ISO_8859_1);
		return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
	}

}
