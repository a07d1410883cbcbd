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

import io.github.daemonstarter.ExitStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration tests for {@code daemon.*} settings that nothing binds: each command warns
 * with one line that names the setting, where it came from and the nearest valid key, and
 * carries on as it would without the setting.
 *
 * @author Daemon Starter Team
 */
@EnabledOnOs(OS.LINUX)
class UnknownSettingIntegrationTests {

	private static final String COMMAND_LINE_TYPO = "Unknown setting daemon.stop-timout (from property source "
			+ "\"commandLineArgs\") is ignored: did you mean daemon.stop-timeout?";

	@RegisterExtension
	final SampleAppProcesses processes = new SampleAppProcesses();

	@Test
	void statusWithMistypedSettingsWarnsOfEachAndExitsAsStatusDoes() throws Exception {
		SampleAppProcesses.Result status = this.processes
			.java("--daemon=status", "--daemon.stop-timout=5s", "--daemon.stopTimeout=5s",
					"--daemon.watchdog.workers.ticker.critical=false")
			.env("DAEMON_STOP_TIMOUT", "5s")
			.env("DAEMON_STARTUP_TIMEOUT", "30s")
			.env("DAEMON_OPTS", "-Xmx1g")
			.run();
		assertThat(status.exitCode()).isEqualTo(ExitStatus.NOT_RUNNING);
		assertThat(status.out()).isEqualTo("sample-app is not running\n");
		assertThat(status.err()).isEqualTo(COMMAND_LINE_TYPO + "\n"
				+ "Unknown setting DAEMON_STOP_TIMOUT (from System Environment Property \"DAEMON_STOP_TIMOUT\") "
				+ "is ignored: did you mean DAEMON_STOP_TIMEOUT (daemon.stop-timeout)?\n");
	}

	@Test
	void startWithMistypedSettingWarnsOnceAndTheDaemonLogsIt() throws Exception {
		SampleAppProcesses.Result start = this.processes.java("--daemon", "--daemon.stop-timout=5s").run();
		assertThat(start.exitCode()).isZero();
		assertThat(start.out()).contains("Started sample-app in");
		assertThat(start.err()).isEqualTo(COMMAND_LINE_TYPO + "\n");
		String log = Files.readString(this.processes.logFile(), StandardCharsets.UTF_8);
		assertThat(log.lines().filter((line) -> line.contains(COMMAND_LINE_TYPO))).singleElement()
			.satisfies((line) -> assertThat(line).contains(" WARN ").contains("UnknownSettingsListener"));
		SampleAppProcesses.Result stop = this.processes.java("--daemon=stop").run();
		assertThat(stop.exitCode()).isZero();
		assertThat(stop.err()).isEmpty();
	}

}
