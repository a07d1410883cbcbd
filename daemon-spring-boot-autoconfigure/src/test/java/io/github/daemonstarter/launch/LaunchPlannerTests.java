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

package io.github.daemonstarter.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.daemonstarter.DaemonException;
import io.github.daemonstarter.ExitStatus;
import io.github.daemonstarter.config.DaemonSettings;
import io.github.daemonstarter.launch.jvm.RelaunchCommand;
import io.github.daemonstarter.launch.user.DaemonUser;
import io.github.daemonstarter.launch.user.OneUserAccounts;
import io.github.daemonstarter.posix.Executables;
import io.github.daemonstarter.supervisor.DaemonSupervisor;
import io.github.daemonstarter.supervisor.SupervisorSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link LaunchPlanner}, with the JVM's command line, the process status and
 * the machine given as seams: nothing is started.
 *
 * @author Daemon Starter Team
 */
class LaunchPlannerTests {

	private static final String JAVA = "/opt/java/bin/java";

	private static final String SETPRIV = "/usr/sbin/setpriv";

	private static final String NO_SIGNAL_IGNORED = "Name:\tjava\nSigIgn:\t0000000000000000\nSigCgt:\t0000000000004000\n";

	@TempDir
	Path directory;

	private final MockEnvironment environment = new MockEnvironment();

	private final FakeHost host = new FakeHost();

	private String processStatus = NO_SIGNAL_IGNORED;

	private Path jar;

	@BeforeEach
	void prepare() throws IOException {
		Files.createDirectories(this.directory.resolve("run"));
		this.jar = Files.createFile(this.directory.resolve("shop.jar"));
		this.environment.withProperty("spring.application.name", "shop")
			.withProperty("spring.pid.file", this.directory.resolve("run/shop.pid").toString());
	}

	@Test
	void planWithoutUserRelaunchesThroughWaitingSetsidAsThisUser() {
		LaunchPlan plan = plan();
		assertThat(plan.user()).isNull();
		assertThat(plan.waiter()).isTrue();
		assertThat(plan.command()).startsWith(Executables.find("setsid", "util-linux"), "--fork", "--wait")
			.endsWith(JAVA, "-Xmx64m", "-jar", this.jar.toString(), "--server.port=0")
			.doesNotContain("--default-signal=HUP", SETPRIV);
		assertThat(this.host.asked).isEmpty();
	}

	@Test
	void planWhenSetsidCannotWaitRunsTheDaemonAsTheLaunchersChild() {
		this.host.setsidCanWait = false;
		LaunchPlan plan = plan();
		assertThat(plan.waiter()).isFalse();
		assertThat(plan.command()).doesNotContain("--fork", "--wait")
			.endsWith(JAVA, "-Xmx64m", "-jar", this.jar.toString(), "--server.port=0");
	}

	@Test
	void planWithIgnoredSignalsRestoresTheirDefaultInTheDaemon() {
		this.processStatus = "Name:\tjava\nSigIgn:\t0000000000000003\nSigCgt:\t0000000000004000\n";
		assertThat(plan().command()).contains("--default-signal=HUP,INT");
	}

	@Test
	void planWithUserSwitchesToItThroughSetpriv() {
		this.environment.withProperty("daemon.user", "app");
		LaunchPlan plan = plan();
		DaemonUser user = plan.user();
		assertThat(user).isNotNull();
		assertThat(user.getName()).isEqualTo("app");
		assertThat(plan.command()).containsSubsequence(SETPRIV, "--reuid=1000", "--regid=1000", "--init-groups", "--",
				JAVA, "-jar", this.jar.toString());
		Path pidDirectory = this.directory.resolve("run");
		assertThat(this.host.asked).containsExactly("-w " + pidDirectory, "-x " + pidDirectory, "-x " + this.directory,
				"-x " + JAVA, "-r " + this.jar);
	}

	@Test
	void planWithUserWhenSetprivIsMissingThrowsNotInstalled() {
		this.environment.withProperty("daemon.user", "app");
		this.host.commands.remove("setpriv");
		assertThatExceptionOfType(DaemonException.class).isThrownBy(this::plan)
			.withMessageContaining("command, which daemon mode needs: install util-linux, "
					+ "or run the application under systemd with User=app")
			.extracting(DaemonException::getExitStatus)
			.isEqualTo(ExitStatus.NOT_INSTALLED);
	}

	@Test
	void planWithUserWhoCannotWriteThePidFileDirectoryThrowsNoPermission() {
		this.environment.withProperty("daemon.user", "app");
		this.host.denied.add("-w " + this.directory.resolve("run"));
		assertThatExceptionOfType(DaemonException.class).isThrownBy(this::plan)
			.withMessage("PID file directory " + this.directory.resolve("run")
					+ " is not writable by daemon.user=app (uid 1000, gid 1000): chown the directory to the user "
					+ "or set spring.pid.file to a path in a directory the user can write")
			.extracting(DaemonException::getExitStatus)
			.isEqualTo(ExitStatus.NO_PERMISSION);
	}

	@Test
	void planWithUserAsNonRootThrowsNoPermission() {
		this.environment.withProperty("daemon.user", "app");
		this.host.credentials = new DaemonUser.Credentials(1001, 1001);
		assertThatExceptionOfType(DaemonException.class).isThrownBy(this::plan)
			.withMessageStartingWith("Running as daemon.user=app needs root")
			.extracting(DaemonException::getExitStatus)
			.isEqualTo(ExitStatus.NO_PERMISSION);
	}

	@Test
	void planWithSupervisorRelaunchesTheSupervisorWithTheApplicationsCommand() {
		this.environment.withProperty("daemon.supervisor.enabled", "true");
		List<String> command = plan().command();
		assertThat(command).contains("--fork", "--wait");
		int mainClass = command.indexOf(DaemonSupervisor.class.getName());
		assertThat(mainClass).isPositive();
		SupervisorSettings supervisor = SupervisorSettings
			.fromArguments(command.subList(mainClass + 1, command.size()).toArray(String[]::new));
		assertThat(supervisor.applicationName()).isEqualTo("shop");
		assertThat(supervisor.pidFile()).isEqualTo(this.directory.resolve("run/shop.pid"));
		assertThat(supervisor.applicationPidFile())
			.isEqualTo(DaemonSettings.applicationPidFile(this.directory.resolve("run/shop.pid")));
		assertThat(supervisor.command()).containsExactly(JAVA, "-Xmx64m", "-jar", this.jar.toString(),
				"--server.port=0");
	}

	@Test
	void planWithJvmOptionsPutsThemAfterTheLaunchersOptionsBeforeTheJar() {
		this.environment.withProperty("daemon.jvm-options", "-Xmx256m,-Dsample.x=y");
		assertThat(plan().command()).endsWith(JAVA, "-Xmx64m", "-Xmx256m", "-Dsample.x=y", "-jar", this.jar.toString(),
				"--server.port=0");
	}

	@Test
	void planWithSupervisorAndJvmOptionsGivesThemToTheApplicationOnly() {
		this.environment.withProperty("daemon.supervisor.enabled", "true")
			.withProperty("daemon.jvm-options", "-Xmx256m,-Dsample.x=y");
		List<String> command = plan().command();
		int mainClass = command.indexOf(DaemonSupervisor.class.getName());
		assertThat(command.subList(0, mainClass)).contains("-Xmx32m").doesNotContain("-Xmx256m", "-Dsample.x=y");
		SupervisorSettings supervisor = SupervisorSettings
			.fromArguments(command.subList(mainClass + 1, command.size()).toArray(String[]::new));
		assertThat(supervisor.command()).containsExactly(JAVA, "-Xmx64m", "-Xmx256m", "-Dsample.x=y", "-jar",
				this.jar.toString(), "--server.port=0");
	}

	@Test
	void planWithSupervisorWhenMaxDelayIsBelowInitialDelayThrowsNotConfigured() {
		this.environment.withProperty("daemon.supervisor.enabled", "true")
			.withProperty("daemon.supervisor.initial-delay", "10s")
			.withProperty("daemon.supervisor.max-delay", "1s");
		assertThatExceptionOfType(DaemonException.class).isThrownBy(this::plan)
			.withMessageStartingWith("Invalid daemon.supervisor settings: ")
			.withMessageContaining("daemon.supervisor.max-delay")
			.extracting(DaemonException::getExitStatus)
			.isEqualTo(ExitStatus.NOT_CONFIGURED);
	}

	@Test
	void planWhenPidFileDirectoryIsMissingThrowsNotConfigured() {
		this.environment.withProperty("spring.pid.file", this.directory.resolve("missing/shop.pid").toString());
		assertThatExceptionOfType(DaemonException.class).isThrownBy(this::plan)
			.withMessage("PID file directory " + this.directory.resolve("missing")
					+ " does not exist: create it or set spring.pid.file to a path in an existing directory")
			.extracting(DaemonException::getExitStatus)
			.isEqualTo(ExitStatus.NOT_CONFIGURED);
	}

	@Test
	void planWithCapabilitiesWithoutUserThrowsNotConfigured() {
		this.environment.withProperty("daemon.capabilities", "net_bind_service");
		assertThatExceptionOfType(DaemonException.class).isThrownBy(this::plan)
			.withMessageStartingWith("daemon.capabilities=net_bind_service is set without daemon.user")
			.extracting(DaemonException::getExitStatus)
			.isEqualTo(ExitStatus.NOT_CONFIGURED);
	}

	private LaunchPlan plan() {
		DaemonSettings settings = DaemonSettings.resolve(this.environment, this.directory);
		LaunchPlanner planner = new LaunchPlanner(settings, (args) -> RelaunchCommand.of(JAVA,
				List.of("-Xmx64m", "-jar", this.jar.toString(), "--daemon", "--server.port=0"), args, this.directory),
				() -> this.processStatus, this.host);
		try {
			return planner.plan(new String[] { "--daemon", "--server.port=0" });
		}
		catch (InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A machine as root with one account, {@code app}, where {@code setpriv} is installed
	 * and every access check passes unless it is denied.
	 */
	static final class FakeHost implements LaunchHost {

		final Map<String, String> commands = new HashMap<>(Map.of("setpriv", SETPRIV));

		final Set<String> denied = new HashSet<>();

		final List<String> asked = new ArrayList<>();

		DaemonUser.Credentials credentials = new DaemonUser.Credentials(0, 0);

		boolean setsidCanWait = true;

		@Override
		public DaemonUser.Accounts accounts() {
			return new OneUserAccounts("app", 1000, 1000, "/home/app");
		}

		@Override
		public DaemonUser.Credentials credentials() {
			return this.credentials;
		}

		@Override
		public String find(String name, String packageName) {
			String path = this.commands.get(name);
			// A command that is not installed fails as the real lookup does
			return (path != null) ? path : Executables.find(name + "-not-installed", packageName);
		}

		@Override
		public boolean setsidCanWait() {
			return this.setsidCanWait;
		}

		@Override
		public boolean can(DaemonUser user, String setpriv, String test, Path path) {
			assertThat(setpriv).isEqualTo(SETPRIV);
			String check = test + " " + path;
			this.asked.add(check);
			return !this.denied.contains(check);
		}

	}

}
