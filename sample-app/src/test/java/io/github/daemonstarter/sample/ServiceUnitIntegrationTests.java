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
import java.util.List;

import io.github.daemonstarter.ExitStatus;
import io.github.daemonstarter.unit.Systemctl;
import io.github.daemonstarter.unit.SystemdUnit;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Integration tests for {@code --daemon=unit}, {@code --daemon=install} and
 * {@code --daemon=uninstall} with the real sample jar: the generated init script starts,
 * reports and stops the daemon, the generated systemd unit passes
 * {@code systemd-analyze verify}, and units install into a directory and uninstall again.
 *
 * @author Daemon Starter Team
 */
@EnabledOnOs(OS.LINUX)
class ServiceUnitIntegrationTests {

	private static final Path SYSTEMD_ANALYZE = Path.of("/usr/bin/systemd-analyze");

	@RegisterExtension
	final SampleAppProcesses processes = new SampleAppProcesses();

	@Test
	void initScriptStartsReportsReloadsAndStopsTheDaemon() throws Exception {
		SampleAppProcesses.Result unit = this.processes.java("--daemon=unit", "--daemon.unit.format=sysv").run();
		assertThat(unit.exitCode()).as(unit.err()).isZero();
		Path script = this.processes.directory().resolve("sample-app-init");
		Files.writeString(script, unit.out(), StandardCharsets.UTF_8);
		assertThat(this.processes.program("bash", "-n", script.toString()).run().exitCode()).isZero();
		SampleAppProcesses.Result start = this.processes.program("bash", script.toString(), "start").run();
		assertThat(start.exitCode()).as(start.err()).isZero();
		assertThat(start.out()).startsWith("Started sample-app in ");
		long pid = this.processes.pid();
		assertThat(LinuxProcess.of(pid).isRunning()).isTrue();
		SampleAppProcesses.Result running = this.processes.program("bash", script.toString(), "status").run();
		assertThat(running.exitCode()).isEqualTo(ExitStatus.OK);
		assertThat(running.out()).startsWith("sample-app is running (pid " + pid + ",");
		SampleAppProcesses.Result reload = this.processes.program("bash", script.toString(), "reload").run();
		assertThat(reload.exitCode()).as(reload.err()).isZero();
		assertThat(reload.out()).startsWith("Reloaded sample-app (pid " + pid + ", reload 1) in ");
		SampleAppProcesses.Result forceReload = this.processes.program("bash", script.toString(), "force-reload").run();
		assertThat(forceReload.exitCode()).as(forceReload.err()).isZero();
		assertThat(forceReload.out()).startsWith("Reloaded sample-app (pid " + pid + ", reload 2) in ");
		assertThat(this.processes.pid()).isEqualTo(pid);
		SampleAppProcesses.Result stop = this.processes.program("bash", script.toString(), "stop").run();
		assertThat(stop.exitCode()).as(stop.err()).isZero();
		assertThat(LinuxProcess.of(pid).isRunning()).isFalse();
		SampleAppProcesses.Result reloadStopped = this.processes.program("bash", script.toString(), "reload").run();
		assertThat(reloadStopped.exitCode()).isEqualTo(ExitStatus.PROGRAM_NOT_RUNNING);
		SampleAppProcesses.Result stopped = this.processes.program("bash", script.toString(), "status").run();
		assertThat(stopped.exitCode()).isEqualTo(ExitStatus.NOT_RUNNING);
		assertThat(stopped.out()).isEqualTo("sample-app is not running\n");
	}

	@Test
	void systemdUnitRunsTheJarAndPassesSystemdAnalyzeVerify() throws Exception {
		SampleAppProcesses.Result unit = this.processes
			.java("--daemon=unit", "--greeting=hello world 100% $HOME", "--daemon.stop-timeout=90s")
			.run();
		assertThat(unit.exitCode()).as(unit.err()).isZero();
		String arguments = " \"--greeting=hello world 100%% $$HOME\" --daemon.stop-timeout=90s --server.port=0\n";
		assertThat(unit.out()).contains(" -jar " + this.processes.jar() + " --daemon=run" + arguments)
			.contains("WorkingDirectory=" + this.processes.directory() + "\n")
			.contains("TimeoutStopSec=90s\n");
		Integer systemd = Systemctl.find().version();
		if (systemd != null && systemd >= SystemdUnit.NOTIFY_RELOAD_VERSION) {
			assertThat(unit.out()).contains("Type=notify-reload\n").doesNotContain("ExecReload=");
		}
		else {
			assertThat(unit.out()).contains("Type=notify\n");
			assertThat(unit.out().lines().filter((line) -> line.startsWith("ExecReload=")))
				.singleElement(InstanceOfAssertFactories.STRING)
				.endsWith(" -jar " + this.processes.jar() + " --daemon=reload" + arguments.stripTrailing());
		}
		assumeThat(Files.isExecutable(SYSTEMD_ANALYZE)).as("systemd-analyze is not installed").isTrue();
		Path file = this.processes.directory().resolve("sample-app.service");
		Files.writeString(file, unit.out(), StandardCharsets.UTF_8);
		SampleAppProcesses.Result verify = this.processes.program(SYSTEMD_ANALYZE.toString(), "verify", file.toString())
			.run();
		assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
		assertThat(problems(verify)).isEmpty();
	}

	@Test
	void systemdUnitWithSocketWritesBothUnitsThatPassSystemdAnalyzeVerify() throws Exception {
		SampleAppProcesses.Result unit = this.processes
			.java("--daemon=unit", "--daemon.unit.socket=true", "--server.address=127.0.0.1", "--server.port=8089")
			.run();
		assertThat(unit.exitCode()).as(unit.err()).isZero();
		String separator = "\n# ---- sample-app.socket ----\n";
		assertThat(unit.out()).startsWith("# ---- sample-app.service ----\n").contains(separator);
		String service = unit.out().substring(0, unit.out().indexOf(separator));
		String socket = unit.out().substring(unit.out().indexOf(separator) + separator.length());
		assertThat(service).contains("Requires=sample-app.socket\nAfter=sample-app.socket\n")
			.doesNotContain("daemon.unit.socket");
		assertThat(socket).contains("[Socket]\nListenStream=127.0.0.1:8089\n").contains("WantedBy=sockets.target\n");
		assumeThat(Files.isExecutable(SYSTEMD_ANALYZE)).as("systemd-analyze is not installed").isTrue();
		Path serviceFile = Files.writeString(this.processes.directory().resolve("sample-app.service"), service);
		Path socketFile = Files.writeString(this.processes.directory().resolve("sample-app.socket"), socket);
		SampleAppProcesses.Result verify = this.processes
			.program(SYSTEMD_ANALYZE.toString(), "verify", socketFile.toString(), serviceFile.toString())
			.run();
		assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
		assertThat(problems(verify)).isEmpty();
	}

	@Test
	void systemdUnitWithSocketOnPortZeroFailsNamingBothSettings() throws Exception {
		SampleAppProcesses.Result unit = this.processes.java("--daemon=unit", "--daemon.unit.socket=true").run();
		assertThat(unit.exitCode()).isEqualTo(ExitStatus.NOT_CONFIGURED);
		assertThat(unit.err()).contains("server.port=0", "daemon.unit.socket=true").containsOnlyOnce("\n");
		assertThat(unit.out()).isEmpty();
	}

	private static List<String> problems(SampleAppProcesses.Result verify) {
		return (verify.out() + verify.err()).lines()
			.filter((line) -> !line.contains("Unknown key 'RestartSteps'")
					&& !line.contains("Unknown key 'RestartMaxDelaySec'"))
			.toList();
	}

	@Test
	void installWritesTheUnitOnceAndUninstallRemovesIt() throws Exception {
		Path units = Files.createDirectories(this.processes.directory().resolve("units"));
		String directory = "--daemon.unit.directory=" + units;
		Path unit = units.resolve("sample-app.service");
		SampleAppProcesses.Result install = this.processes.java("--daemon=install", directory).run();
		assertThat(install.exitCode()).as(install.err()).isZero();
		assertThat(install.out()).isEqualTo("Installed " + unit + "\nEnable and start it with:\n"
				+ "  systemctl daemon-reload\n  systemctl enable --now " + unit + "\n");
		assertThat(unit).content().contains("ExecStart=").doesNotContain("daemon.unit.directory");
		SampleAppProcesses.Result again = this.processes.java("--daemon=install", directory).run();
		assertThat(again.exitCode()).isZero();
		assertThat(again.out()).startsWith(unit + " is already installed and up to date\n");
		SampleAppProcesses.Result uninstall = this.processes.java("--daemon=uninstall", directory).run();
		assertThat(uninstall.exitCode()).as(uninstall.err()).isZero();
		assertThat(uninstall.out()).contains("Removed " + unit + "\n");
		assertThat(unit).doesNotExist();
		SampleAppProcesses.Result none = this.processes.java("--daemon=uninstall", directory).run();
		assertThat(none.exitCode()).isZero();
		assertThat(none.out()).isEqualTo("sample-app is not installed: there is no " + unit + "\n");
	}

	@Test
	void installWithoutPermissionSuggestsSudo() throws Exception {
		// /sys refuses new files with EACCES even to root
		SampleAppProcesses.Result install = this.processes.java("--daemon=install", "--daemon.unit.directory=/sys")
			.run();
		assertThat(install.exitCode()).isEqualTo(ExitStatus.NO_PERMISSION);
		assertThat(install.err()).contains("sudo").containsOnlyOnce("\n");
		assertThat(install.out()).isEmpty();
		assertThat(Path.of("/sys/sample-app.service")).doesNotExist();
	}

}
