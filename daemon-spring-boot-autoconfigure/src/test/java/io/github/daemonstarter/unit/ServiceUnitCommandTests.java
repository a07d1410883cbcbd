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

package io.github.daemonstarter.unit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import io.github.daemonstarter.DaemonConsole;
import io.github.daemonstarter.DaemonException;
import io.github.daemonstarter.ExitStatus;
import io.github.daemonstarter.config.DaemonSettings;
import io.github.daemonstarter.launch.jvm.RelaunchCommand;
import io.github.daemonstarter.posix.Posix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ServiceUnitCommand}.
 *
 * @author Daemon Starter Team
 */
class ServiceUnitCommandTests {

	private static final String JAVA = "/usr/lib/jvm/java/bin/java";

	@TempDir
	Path directory;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void definitionRunsTheJarWithoutDebuggerAndWithoutInstallArguments() {
		RelaunchCommand relaunch = relaunch("--daemon=unit", "--server.port=8080", "--daemon.unit.format=systemd",
				"--daemon.force=true", "--daemon.user=shop", "--daemon.capabilities=net_bind_service",
				"--daemon.stop-timeout=5s");
		ServiceDefinition definition = command(new MockEnvironment()).definition(relaunch);
		assertThat(definition.name()).isEqualTo("shop-eu");
		assertThat(definition.description()).isEqualTo("shop eu (Spring Boot daemon)");
		assertThat(definition.java()).containsExactly(JAVA, "-Xmx1g", "-jar", this.directory + "/shop.jar");
		assertThat(definition.runCommand()).containsExactly(JAVA, "-Xmx1g", "-jar", this.directory + "/shop.jar",
				"--daemon=run", "--server.port=8080", "--daemon.stop-timeout=5s");
		assertThat(definition.controlCommand()).containsExactly(JAVA, "-Xmx1g", "-jar", this.directory + "/shop.jar",
				"--server.port=8080", "--daemon.user=shop", "--daemon.capabilities=net_bind_service",
				"--daemon.stop-timeout=5s");
		assertThat(definition.workingDirectory()).isEqualTo(this.directory);
		assertThat(definition.logFile()).isEqualTo(this.directory.resolve("shop eu.log"));
	}

	@Test
	void definitionTakesSettingsFromTheProperties() throws Exception {
		Path work = Files.createDirectories(this.directory.resolve("work"));
		MockEnvironment environment = environment().withProperty("daemon.user", "shop")
			.withProperty("daemon.group", "staff")
			.withProperty("daemon.capabilities", "CAP_NET_BIND_SERVICE")
			.withProperty("daemon.working-directory", "work")
			.withProperty("daemon.unit.name", "eu-shop")
			.withProperty("daemon.stop-timeout", "90s")
			.withProperty("daemon.supervisor.max-restarts", "3")
			.withProperty("daemon.systemd.watchdog", "20s");
		ServiceDefinition definition = command(environment).definition(relaunch("--daemon=unit"));
		assertThat(definition.name()).isEqualTo("eu-shop");
		assertThat(definition.user()).isEqualTo("shop");
		assertThat(definition.group()).isEqualTo("staff");
		assertThat(definition.capabilities()).containsExactly("net_bind_service");
		assertThat(definition.workingDirectory()).isEqualTo(work);
		assertThat(definition.runArguments()).containsExactly("--daemon.working-directory=" + work);
		assertThat(definition.stopTimeout()).hasSeconds(90);
		assertThat(definition.maxRestarts()).isEqualTo(3);
		assertThat(definition.watchdog()).hasSeconds(20);
	}

	@Test
	void definitionOfInitScriptRunsInTheCurrentDirectoryWithTheArgumentsAsGiven() throws Exception {
		Files.createDirectories(this.directory.resolve("work"));
		MockEnvironment environment = environment().withProperty("daemon.working-directory", "work")
			.withProperty("daemon.unit.format", "sysv");
		ServiceDefinition definition = command(environment)
			.definition(relaunch("--daemon=unit", "--daemon.working-directory=work"));
		assertThat(definition.workingDirectory()).isEqualTo(this.directory);
		assertThat(definition.controlArguments()).containsExactly("--daemon.working-directory=work");
	}

	@Test
	void definitionOfUserInitScriptFails() {
		MockEnvironment environment = environment().withProperty("daemon.unit.format", "sysv")
			.withProperty("daemon.unit.scope", "user");
		assertThatExceptionOfType(DaemonException.class)
			.isThrownBy(() -> command(environment).definition(relaunch("--daemon=unit")))
			.satisfies((ex) -> assertThat(ex.getExitStatus()).isEqualTo(ExitStatus.NOT_CONFIGURED))
			.withMessageContaining("daemon.unit.scope");
	}

	@Test
	void definitionWithJvmOptionsRunsTheServiceWithThemAndTheControlCommandsWithout() {
		MockEnvironment environment = environment().withProperty("daemon.jvm-options", "-Xmx256m,-Dsample.x=y");
		ServiceDefinition definition = command(environment).definition(relaunch("--daemon=unit",
				"--daemon.jvm-options=-Xmx256m,-Dsample.x=y", "--daemon.jvm-options[2]=-Dz=1", "--server.port=8080"));
		String jar = this.directory + "/shop.jar";
		assertThat(definition.runCommand()).containsExactly(JAVA, "-Xmx1g", "-Xmx256m", "-Dsample.x=y", "-jar", jar,
				"--daemon=run", "--server.port=8080");
		assertThat(definition.reloadCommand()).containsExactly(JAVA, "-Xmx1g", "-jar", jar, "--daemon=reload",
				"--server.port=8080");
		assertThat(definition.controlCommand()).containsExactly(JAVA, "-Xmx1g", "-jar", jar,
				"--daemon.jvm-options=-Xmx256m,-Dsample.x=y", "--daemon.jvm-options[2]=-Dz=1", "--server.port=8080");
	}

	@Test
	void printWithJvmOptionsPutsThemIntoExecStartAndProgramArgumentsButNotIntoTheInitScript() {
		String options = "-Xmx256m,-Dsample.x=y";
		command(environment().withProperty("daemon.jvm-options", options)).print(relaunch("--daemon=unit"));
		assertThat(this.out.toString(StandardCharsets.UTF_8)).contains("ExecStart=" + JAVA
				+ " -Xmx1g -Xmx256m -Dsample.x=y -jar " + this.directory + "/shop.jar --daemon=run\n");
		this.out.reset();
		command(environment().withProperty("daemon.jvm-options", options).withProperty("daemon.unit.format", "launchd"))
			.print(relaunch("--daemon=unit"));
		assertThat(this.out.toString(StandardCharsets.UTF_8))
			.contains("<string>-Xmx1g</string>\n\t\t<string>-Xmx256m</string>\n\t\t<string>-Dsample.x=y</string>\n"
					+ "\t\t<string>-jar</string>");
		this.out.reset();
		command(environment().withProperty("daemon.jvm-options", options).withProperty("daemon.unit.format", "sysv"))
			.print(relaunch("--daemon=unit"));
		assertThat(this.out.toString(StandardCharsets.UTF_8)).doesNotContain("-Xmx256m", "sample.x");
	}

	@Test
	void printWritesTheUnitInUtf8() {
		int status = command(environment()).print(relaunch("--daemon=unit", "--greeting=grüß dich 100%"));
		assertThat(status).isZero();
		String unit = this.out.toString(StandardCharsets.UTF_8);
		assertThat(unit).startsWith("# Generated by --daemon=unit")
			.contains("ExecStart=" + JAVA + " -Xmx1g -jar " + this.directory
					+ "/shop.jar --daemon=run \"--greeting=grüß dich 100%%\"\n");
	}

	@Test
	void printOfEachFormatNamesTheService() {
		command(environment().withProperty("daemon.unit.format", "sysv")).print(relaunch("--daemon=unit"));
		assertThat(this.out.toString(StandardCharsets.UTF_8)).startsWith("#!/bin/bash\n")
			.contains("# Provides:          shop-eu\n");
		this.out.reset();
		command(environment().withProperty("daemon.unit.format", "launchd")).print(relaunch("--daemon=unit"));
		assertThat(this.out.toString(StandardCharsets.UTF_8)).contains("<string>shop-eu</string>");
	}

	@Test
	void installWritesTheUnitPrintsTheCommandsAndIsIdempotent() throws Exception {
		Path units = Files.createDirectories(this.directory.resolve("units"));
		MockEnvironment environment = environment().withProperty("daemon.unit.directory", units.toString());
		assertThat(command(environment).install(relaunch("--daemon=install"))).isZero();
		Path unit = units.resolve("shop-eu.service");
		assertThat(unit).content().contains("ExecStart=" + JAVA);
		assertThat(this.out.toString(StandardCharsets.UTF_8)).isEqualTo("Installed " + unit + "\n"
				+ "Enable and start it with:\n  systemctl daemon-reload\n  systemctl enable --now " + unit + "\n");
		this.out.reset();
		assertThat(command(environment).install(relaunch("--daemon=install"))).isZero();
		assertThat(this.out.toString(StandardCharsets.UTF_8))
			.startsWith(unit + " is already installed and up to date\n");
	}

	@Test
	void installWhenADifferentUnitExistsRefusesUnlessForced() throws Exception {
		Path units = Files.createDirectories(this.directory.resolve("units"));
		Path unit = Files.writeString(units.resolve("shop-eu.service"), "[Unit]\n");
		MockEnvironment environment = environment().withProperty("daemon.unit.directory", units.toString());
		assertThatExceptionOfType(DaemonException.class)
			.isThrownBy(() -> command(environment).install(relaunch("--daemon=install")))
			.satisfies((ex) -> assertThat(ex.getExitStatus()).isEqualTo(ExitStatus.FAILURE));
		assertThat(unit).hasContent("[Unit]");
		environment.withProperty("daemon.force", "true");
		assertThat(command(environment).install(relaunch("--daemon=install"))).isZero();
		assertThat(this.out.toString(StandardCharsets.UTF_8)).startsWith("Replaced " + unit + "\n");
		assertThat(unit).content().contains("ExecStart=");
	}

	@Test
	void installOfInitScriptMakesItExecutable() throws Exception {
		MockEnvironment environment = environment().withProperty("daemon.unit.format", "sysv")
			.withProperty("daemon.unit.directory", this.directory.toString());
		command(environment).install(relaunch("--daemon=install"));
		Path script = this.directory.resolve("shop-eu");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(script))).isEqualTo("rwxr-xr-x");
		assertThat(this.out.toString(StandardCharsets.UTF_8)).contains("  update-rc.d shop-eu defaults");
	}

	@Test
	void installWithoutPermissionFailsWithNoPermission() {
		MockEnvironment environment = environment().withProperty("daemon.unit.directory", "/sys");
		assertThatExceptionOfType(DaemonException.class)
			.isThrownBy(() -> command(environment).install(relaunch("--daemon=install")))
			.satisfies((ex) -> assertThat(ex.getExitStatus()).isEqualTo(ExitStatus.NO_PERMISSION))
			.withMessageContaining("sudo");
		assertThat(Path.of("/sys/shop-eu.service")).doesNotExist();
	}

	@Test
	void uninstallStopsThroughThePidFileAndRemovesTheUnit() throws Exception {
		Path units = Files.createDirectories(this.directory.resolve("units"));
		MockEnvironment environment = environment().withProperty("daemon.unit.directory", units.toString());
		command(environment).install(relaunch("--daemon=install"));
		this.out.reset();
		assertThat(command(environment).uninstall()).isZero();
		Path unit = units.resolve("shop-eu.service");
		assertThat(unit).doesNotExist();
		assertThat(this.out.toString(StandardCharsets.UTF_8)).isEqualTo("shop eu is not running\nRemoved " + unit
				+ "\nLet the service manager forget it with:\n  systemctl daemon-reload\n");
	}

	@Test
	void uninstallWhenNotInstalledSaysSo() throws Exception {
		MockEnvironment environment = environment().withProperty("daemon.unit.directory", this.directory.toString());
		assertThat(command(environment).uninstall()).isZero();
		assertThat(this.out.toString(StandardCharsets.UTF_8))
			.isEqualTo("shop-eu is not installed: there is no " + this.directory.resolve("shop-eu.service") + "\n");
	}

	@Test
	void installAndUninstallOfUserUnitUnderSystemdRunSystemctl() throws Exception {
		Path calls = this.directory.resolve("calls");
		Systemctl systemctl = fakeSystemctl(calls, "systemd 250 (250.4)");
		MockEnvironment environment = environment().withProperty("daemon.unit.scope", "user");
		assertThat(command(environment, systemctl).install(relaunch("--daemon=install"))).isZero();
		Path unit = this.directory.resolve("home/.config/systemd/user/shop-eu.service");
		assertThat(unit).content().contains("WantedBy=default.target").doesNotContain("RestartSteps");
		assertThat(this.out.toString(StandardCharsets.UTF_8))
			.contains("  systemctl --user daemon-reload\n" + "  systemctl --user enable --now shop-eu.service\n");
		assertThat(command(environment, systemctl).uninstall()).isZero();
		assertThat(unit).doesNotExist();
		assertThat(calls).content()
			.isEqualTo("--version\n--user disable --now shop-eu.service\n--user daemon-reload\n");
	}

	@Test
	void uninstallWhenSystemctlFailsKeepsTheUnit() throws Exception {
		Path calls = this.directory.resolve("calls");
		Systemctl systemctl = fakeSystemctl(calls, null);
		MockEnvironment environment = environment().withProperty("daemon.unit.scope", "user");
		command(environment, systemctl).install(relaunch("--daemon=install"));
		Path unit = this.directory.resolve("home/.config/systemd/user/shop-eu.service");
		assertThat(command(environment, systemctl).uninstall()).isEqualTo(ExitStatus.FAILURE);
		assertThat(unit).exists();
		assertThat(this.err.toString(StandardCharsets.UTF_8))
			.contains("systemctl --user disable --now shop-eu.service failed with exit status 1");
	}

	@Test
	void printWithSocketPrintsTheServiceAndItsSocketUnit() {
		MockEnvironment environment = environment().withProperty("daemon.unit.socket", "true")
			.withProperty("server.address", "127.0.0.1")
			.withProperty("server.port", "8443");
		assertThat(command(environment).print(relaunch("--daemon=unit", "--daemon.unit.socket=true"))).isZero();
		String units = this.out.toString(StandardCharsets.UTF_8);
		assertThat(units).startsWith("# ---- shop-eu.service ----\n# Generated by --daemon=unit")
			.contains("Requires=shop-eu.socket\nAfter=shop-eu.socket\n")
			.contains("\n\n# ---- shop-eu.socket ----\n# Generated by --daemon=unit")
			.contains("[Socket]\nListenStream=127.0.0.1:8443\n")
			.endsWith("WantedBy=sockets.target\n")
			.doesNotContain("daemon.unit.socket");
	}

	@Test
	void printWithSocketOnEveryAddressListensOnThePort() {
		command(environment().withProperty("daemon.unit.socket", "true")).print(relaunch("--daemon=unit"));
		assertThat(this.out.toString(StandardCharsets.UTF_8)).contains("ListenStream=8080\n");
	}

	@Test
	void definitionWithSocketOnPortZeroFailsNamingBothSettings() {
		MockEnvironment environment = environment().withProperty("daemon.unit.socket", "true")
			.withProperty("server.port", "0");
		assertThatExceptionOfType(DaemonException.class)
			.isThrownBy(() -> command(environment).definition(relaunch("--daemon=unit")))
			.satisfies((ex) -> assertThat(ex.getExitStatus()).isEqualTo(ExitStatus.NOT_CONFIGURED))
			.withMessage("server.port=0 does not go with daemon.unit.socket=true: systemd listens on a fixed port; "
					+ "set server.port to the port to serve on, or remove daemon.unit.socket");
	}

	@Test
	void definitionWithSocketForInitScriptFails() {
		MockEnvironment environment = environment().withProperty("daemon.unit.socket", "true")
			.withProperty("daemon.unit.format", "sysv");
		assertThatExceptionOfType(DaemonException.class)
			.isThrownBy(() -> command(environment).definition(relaunch("--daemon=unit")))
			.satisfies((ex) -> assertThat(ex.getExitStatus()).isEqualTo(ExitStatus.NOT_CONFIGURED))
			.withMessageContaining("daemon.unit.format=systemd");
	}

	@Test
	void definitionWithSocketWithoutWebServerFails() {
		MockEnvironment environment = environment().withProperty("daemon.unit.socket", "true")
			.withProperty("spring.main.web-application-type", "NONE");
		assertThatExceptionOfType(DaemonException.class)
			.isThrownBy(() -> command(environment).definition(relaunch("--daemon=unit")))
			.withMessageContaining("the application has no web server");
	}

	@Test
	void installAndUninstallWithSocketHandleBothUnits() throws Exception {
		Path calls = this.directory.resolve("calls");
		Systemctl systemctl = fakeSystemctl(calls, "systemd 252 (252.38)");
		MockEnvironment environment = environment().withProperty("daemon.unit.scope", "user")
			.withProperty("daemon.unit.socket", "true");
		assertThat(command(environment, systemctl).install(relaunch("--daemon=install"))).isZero();
		Path units = this.directory.resolve("home/.config/systemd/user");
		assertThat(units.resolve("shop-eu.service")).content().contains("Requires=shop-eu.socket\n");
		assertThat(units.resolve("shop-eu.socket")).content().contains("ListenStream=8080\n");
		assertThat(this.out.toString(StandardCharsets.UTF_8)).isEqualTo("Installed " + units.resolve("shop-eu.service")
				+ "\nInstalled " + units.resolve("shop-eu.socket") + "\nEnable and start it with:\n"
				+ "  systemctl --user daemon-reload\n  systemctl --user enable --now shop-eu.socket shop-eu.service\n"
				+ "To keep it running without a login session: loginctl enable-linger\n");
		this.out.reset();
		assertThat(command(environment, systemctl).uninstall()).isZero();
		assertThat(units.resolve("shop-eu.service")).doesNotExist();
		assertThat(units.resolve("shop-eu.socket")).doesNotExist();
		assertThat(this.out.toString(StandardCharsets.UTF_8)).contains("Removed " + units.resolve("shop-eu.socket"));
		assertThat(calls).content()
			.isEqualTo("--version\n--user disable --now shop-eu.socket shop-eu.service\n--user daemon-reload\n");
	}

	@Test
	void installWithSocketInAnotherDirectoryEnablesBothByPath() throws Exception {
		Path units = Files.createDirectories(this.directory.resolve("units"));
		MockEnvironment environment = environment().withProperty("daemon.unit.directory", units.toString())
			.withProperty("daemon.unit.socket", "true");
		assertThat(command(environment).install(relaunch("--daemon=install"))).isZero();
		assertThat(this.out.toString(StandardCharsets.UTF_8)).endsWith("  systemctl enable --now "
				+ units.resolve("shop-eu.socket") + " " + units.resolve("shop-eu.service") + "\n");
	}

	private Systemctl fakeSystemctl(Path calls, String version) throws Exception {
		Path runtime = Files.createDirectories(this.directory.resolve("run/systemd/system"));
		Path executable = this.directory.resolve("systemctl");
		String script = (version != null) ? "#!/bin/sh\necho \"$*\" >> '" + calls
				+ "'\n[ \"$1\" = --version ] && echo '" + version + "'\nexit 0\n"
				: "#!/bin/sh\necho \"$*\" >> '" + calls + "'\nexit 1\n";
		Files.writeString(executable, script);
		Files.setPosixFilePermissions(executable, PosixFilePermissions.fromString("rwx------"));
		return Systemctl.of(executable, runtime);
	}

	private MockEnvironment environment() {
		return new MockEnvironment().withProperty("spring.application.name", "shop eu");
	}

	private ServiceUnitCommand command(MockEnvironment environment) {
		return command(environment, Systemctl.find());
	}

	private ServiceUnitCommand command(MockEnvironment environment, Systemctl systemctl) {
		if (environment.getProperty("spring.application.name") == null) {
			environment.withProperty("spring.application.name", "shop eu");
		}
		DaemonSettings settings = DaemonSettings.resolve(environment, this.directory);
		DaemonConsole console = new DaemonConsole(new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8), false);
		return new ServiceUnitCommand(settings, Posix::get, console, new PrintStream(this.out, true), systemctl,
				this.directory, this.directory.resolve("home"));
	}

	private RelaunchCommand relaunch(String... applicationArguments) {
		List<String> arguments = new ArrayList<>(
				List.of("-Xmx1g", "-agentlib:jdwp=transport=dt_socket,server=y", "-jar", "shop.jar"));
		arguments.addAll(List.of(applicationArguments));
		return RelaunchCommand.of(JAVA, arguments, applicationArguments, this.directory);
	}

}
