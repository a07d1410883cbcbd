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

import java.io.File;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.github.daemonstarter.handshake.LaunchHandshake;
import io.github.daemonstarter.pid.PidFile;
import io.github.daemonstarter.restart.RestartPolicy;
import io.github.daemonstarter.status.StatusFile;
import io.github.daemonstarter.status.SupervisorStatus;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link DaemonSupervisor}, each running the supervisor in a JVM of its own
 * with a small shell command as the application.
 *
 * @author Daemon Starter Team
 */
@EnabledOnOs(OS.LINUX)
class DaemonSupervisorTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final String LAUNCHER_SOCKET = "/tmp/launcher-socket-for-the-first-run";

	private String launcherSocket = LAUNCHER_SOCKET;

	@TempDir
	Path directory;

	private final List<ProcessHandle> started = new ArrayList<>();

	@AfterEach
	void killEverythingStarted() throws InterruptedException {
		List<ProcessHandle> all = new ArrayList<>();
		for (ProcessHandle process : this.started) {
			process.descendants().forEach(all::add);
			all.add(process);
		}
		all.forEach(ProcessHandle::destroyForcibly);
		for (ProcessHandle process : all) {
			process.onExit().completeOnTimeout(null, 10, TimeUnit.SECONDS).join();
		}
	}

	@Test
	void crashLoopGivesUpWithinTheLimits() throws Exception {
		Path runs = this.directory.resolve("runs");
		Process supervisor = start(policy(3), Set.of(), Set.of(), "sh", "-c",
				"echo \"$BOOT_DAEMON_SUPERVISOR_RESTARTS ${BOOT_DAEMON_LAUNCHER_SOCKET:-none} "
						+ "$BOOT_DAEMON_SUPERVISOR_PID\" >> '" + runs + "'; exit 3");
		assertThat(supervisor.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(supervisor.exitValue()).isEqualTo(DaemonSupervisor.GAVE_UP_EXIT_STATUS);
		long pid = supervisor.pid();
		assertThat(Files.readAllLines(runs)).containsExactly("0 " + LAUNCHER_SOCKET + " " + pid, "1 none " + pid,
				"2 none " + pid, "3 none " + pid);
		assertThat(pidFile()).doesNotExist();
		assertThat(statusFile()).doesNotExist();
		assertThat(log()).contains("Restarting demo in ", "(restart 3, 3 of at most 3 within 1m, a failed start")
			.contains("ERROR " + pid + " --- [demo] [     supervisor] i.g.d.supervisor.DaemonSupervisor        : "
					+ "Giving up on demo: it was restarted 3 times within 1m, the most that "
					+ "daemon.supervisor.max-restarts=3 within daemon.supervisor.window=1m allow; "
					+ "its last run ended after ")
			.contains(": exit status 3. Removing PID file " + pidFile());
	}

	@Test
	void applicationEndingCleanlyIsNotRestarted() throws Exception {
		Path runs = this.directory.resolve("runs");
		Process supervisor = start(policy(3), Set.of(), Set.of(), "sh", "-c", "echo run >> '" + runs + "'; exit 0");
		assertThat(supervisor.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(supervisor.exitValue()).isZero();
		assertThat(Files.readAllLines(runs)).containsExactly("run");
		assertThat(pidFile()).doesNotExist();
		assertThat(statusFile()).doesNotExist();
		assertThat(log()).contains("ended after ", ": exit status 0", "Not restarting demo: it ended cleanly");
	}

	@Test
	void applicationEndingAsAfterSigtermIsNotRestarted() throws Exception {
		Process supervisor = start(policy(3), Set.of(), Set.of(), "sh", "-c", "exit 143");
		assertThat(supervisor.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(supervisor.exitValue()).isZero();
		assertThat(log()).contains("ended by SIGTERM (exit status 143)", "Not restarting demo: it ended cleanly");
	}

	@Test
	void applicationEndingWithNoRestartExitCodeIsNotRestartedAndSupervisorEndsWithIt() throws Exception {
		Process supervisor = start(policy(3), Set.of(), Set.of(70), "sh", "-c", "exit 70");
		assertThat(supervisor.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(supervisor.exitValue()).isEqualTo(70);
		assertThat(pidFile()).doesNotExist();
		assertThat(log()).contains("Not restarting demo: exit status 70 is in daemon.supervisor.no-restart-exit-codes");
	}

	@Test
	void applicationEndingWithRestartExitCodeIsRestartedEvenWhenClean() throws Exception {
		Path runs = this.directory.resolve("runs");
		Process supervisor = start(policy(1), Set.of(0), Set.of(), "sh", "-c", "echo run >> '" + runs + "'; exit 0");
		assertThat(supervisor.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(supervisor.exitValue()).isEqualTo(DaemonSupervisor.GAVE_UP_EXIT_STATUS);
		assertThat(Files.readAllLines(runs)).containsExactly("run", "run");
	}

	@Test
	void applicationKilledWithSigkillIsRestarted() throws Exception {
		Process supervisor = start(policy(3), Set.of(), Set.of(), "sleep", "60");
		SupervisorStatus first = awaitRunning(0);
		assertThat(first.supervisorPid()).isEqualTo(supervisor.pid());
		assertThat(first.applicationPidFile()).isEqualTo(this.directory.resolve("demo.app.pid").toString());
		assertThat(new PidFile(() -> {
			throw new IllegalStateException("no native calls");
		}, pidFile()).readPid()).isEqualTo(supervisor.pid());
		ProcessHandle.of(first.applicationPid()).ifPresent(ProcessHandle::destroyForcibly);
		SupervisorStatus second = awaitRunning(1);
		assertThat(second.applicationPid()).isNotEqualTo(first.applicationPid());
		assertThat(second.lastExit()).isEqualTo("killed by SIGKILL (exit status 137)");
		assertThat(second.lastExitAt()).isNotNull();
		assertThat(isAlive(second.applicationPid())).isTrue();
		assertThat(log()).contains(": killed by SIGKILL (exit status 137)", "Restarting demo in ",
				"Restarted demo (pid " + second.applicationPid() + ", restart 1)");
	}

	@Test
	void sigtermToSupervisorStopsApplicationAndSupervisor() throws Exception {
		Process supervisor = start(policy(3), Set.of(), Set.of(), "sleep", "60");
		SupervisorStatus running = awaitRunning(0);
		supervisor.destroy();
		assertThat(supervisor.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(supervisor.exitValue()).isEqualTo(143);
		assertThat(isAlive(running.applicationPid())).isFalse();
		assertThat(pidFile()).doesNotExist();
		assertThat(statusFile()).doesNotExist();
		assertThat(log())
			.contains("Stopping demo (pid " + running.applicationPid() + ")", ": ended by SIGTERM (exit status 143)",
					"Supervisor stopped")
			.doesNotContain("Restarting");
	}

	@Test
	void stopOfApplicationThatIgnoresSigtermKillsItAndItsDescendantsAfterStopTimeout() throws Exception {
		Path grandchild = this.directory.resolve("grandchild");
		Process supervisor = start(policy(3), Set.of(), Set.of(), "sh", "-c",
				"trap '' TERM; sleep 60 & echo $! > '" + grandchild + "'; wait");
		SupervisorStatus running = awaitRunning(0);
		await().atMost(TIMEOUT).until(() -> Files.exists(grandchild) && Files.size(grandchild) > 0);
		long grandchildPid = Long.parseLong(Files.readString(grandchild).strip());
		supervisor.destroy();
		assertThat(supervisor.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(isAlive(running.applicationPid())).isFalse();
		await().atMost(TIMEOUT).until(() -> !isAlive(grandchildPid));
		assertThat(log()).contains(" WARN " + supervisor.pid() + " --- ")
			.contains("demo (pid " + running.applicationPid()
					+ ") did not stop within 500ms: killing it and its 1 descendant process(es) with SIGKILL");
		assertThat(pidFile()).doesNotExist();
	}

	@Test
	void sighupToSupervisorRestartsApplicationAtOnce() throws Exception {
		Process supervisor = start(policy(3), Set.of(), Set.of(), "sleep", "60");
		SupervisorStatus first = awaitRunning(0);
		Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(supervisor.pid())).start();
		assertThat(kill.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		SupervisorStatus second = awaitRunning(1);
		assertThat(second.applicationPid()).isNotEqualTo(first.applicationPid());
		assertThat(isAlive(first.applicationPid())).isFalse();
		assertThat(supervisor.isAlive()).isTrue();
		assertThat(log()).contains("Received SIGHUP: restarting demo (pid " + first.applicationPid() + ")")
			.doesNotContain("Restarting demo in");
	}

	@Test
	void sighupToSupervisorInBackoffStartsApplicationWithoutWaiting() throws Exception {
		RestartPolicy slow = policy(3).mutate()
			.initialDelay(Duration.ofMinutes(2))
			.maxDelay(Duration.ofMinutes(2))
			.jitter(0)
			.build();
		Process supervisor = start(slow, Set.of(), Set.of(),
				SupervisedFixture.command("exit", this.directory.resolve("runs")).toArray(String[]::new));
		SupervisorStatus backoff = await().atMost(TIMEOUT)
			.until(this::readStatus, (status) -> status != null && "BACKOFF".equals(status.state()));
		assertThat(backoff.applicationPid()).isNull();
		assertThat(backoff.lastExit()).isEqualTo("exit status 3");
		assertThat(backoff.nextRestartAt()).isAfter(backoff.lastExitAt().plusSeconds(100));
		Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(supervisor.pid())).start();
		assertThat(kill.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		SupervisorStatus restarted = awaitRunning(1);
		assertThat(restarted.nextRestartAt()).isNull();
		assertThat(log()).contains("Restarting demo in 2m (restart 1", "Received SIGHUP: starting demo now",
				"Restarted demo (pid " + restarted.applicationPid() + ", restart 1)");
	}

	@Test
	void nextJvmIsStartedWhenBackoffBeginsAndLetStartWhenItEnds() throws Exception {
		Path runs = this.directory.resolve("runs");
		Process supervisor = start(slowPolicy(Duration.ofSeconds(3)), true, gatedApplication(runs));
		long prestartedPid = await().atMost(TIMEOUT).until(() -> bootedPid(runs, 1), Objects::nonNull);
		assertThat(Files.readAllLines(runs)).doesNotContain(prestartedPid + " started");
		// The supervisor publishes its backoff once it has started the next JVM
		SupervisorStatus backoff = await().atMost(TIMEOUT)
			.until(this::readStatus, (status) -> status != null && "BACKOFF".equals(status.state()));
		assertThat(backoff.applicationPid()).isNull();
		assertThat(backoff.nextApplicationPid()).isEqualTo(prestartedPid);
		assertThat(ProcessHandle.of(supervisor.pid()).orElseThrow().children().map(ProcessHandle::pid))
			.containsExactly(prestartedPid);
		SupervisorStatus restarted = awaitRunning(1);
		assertThat(restarted.applicationPid()).isEqualTo(prestartedPid);
		assertThat(restarted.nextApplicationPid()).isNull();
		await().atMost(TIMEOUT).until(() -> Files.readAllLines(runs).contains(prestartedPid + " started"));
		String log = log();
		assertThat(log).contains("Restarting demo in 3s (restart 1",
				"; its JVM (pid " + prestartedPid + ") boots meanwhile",
				"Restarted demo (pid " + prestartedPid + ", restart 1)");
		assertThat(log.indexOf("Restarted demo")).isGreaterThan(log.indexOf("boots meanwhile"));
	}

	@Test
	void stopDuringBackoffEndsTheNextJvmBeforeItStarts() throws Exception {
		Path runs = this.directory.resolve("runs");
		Process supervisor = start(slowPolicy(Duration.ofMinutes(2)), true, gatedApplication(runs));
		long prestartedPid = await().atMost(TIMEOUT).until(() -> bootedPid(runs, 1), Objects::nonNull);
		supervisor.destroy();
		assertThat(supervisor.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(isAlive(prestartedPid)).isFalse();
		assertThat(Files.readAllLines(runs)).doesNotContain(prestartedPid + " started");
		assertThat(pidFile()).doesNotExist();
		assertThat(log()).contains("Supervisor stopped").doesNotContain("Restarted demo");
	}

	@Test
	void withoutPrestartNextJvmIsStartedOnlyWhenBackoffEnds() throws Exception {
		Path runs = this.directory.resolve("runs");
		Process supervisor = start(slowPolicy(Duration.ofMinutes(2)), false, gatedApplication(runs));
		SupervisorStatus backoff = await().atMost(TIMEOUT)
			.until(this::readStatus, (status) -> status != null && "BACKOFF".equals(status.state()));
		assertThat(backoff.nextApplicationPid()).isNull();
		assertThat(ProcessHandle.of(supervisor.pid()).orElseThrow().children()).isEmpty();
		assertThat(log()).doesNotContain("boots meanwhile");
		Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(supervisor.pid())).start();
		assertThat(kill.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		SupervisorStatus restarted = awaitRunning(1);
		await().atMost(TIMEOUT).until(() -> Files.readAllLines(runs).contains(restarted.applicationPid() + " started"));
	}

	@Test
	void secondSupervisorOnTheSamePidFileExitsAsAlreadyRunning() throws Exception {
		Process supervisor = start(policy(3), Set.of(), Set.of(), "sleep", "60");
		awaitRunning(0);
		Process second = start(policy(3), Set.of(), Set.of(), "sleep", "60");
		assertThat(second.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(second.exitValue()).isEqualTo(DaemonSupervisor.ALREADY_RUNNING_EXIT_STATUS);
		assertThat(log())
			.contains("Not starting: pid " + supervisor.pid() + " holds the lock on PID file " + pidFile());
		assertThat(supervisor.isAlive()).isTrue();
		assertThat(pidFile()).hasContent(Long.toString(supervisor.pid()));
	}

	@Test
	void applicationReadsEndOfInputWhenSupervisorIsKilled() throws Exception {
		Path marker = this.directory.resolve("marker");
		Process supervisor = start(policy(3), Set.of(), Set.of(),
				SupervisedFixture.command("watch", marker).toArray(String[]::new));
		SupervisorStatus running = awaitRunning(0);
		supervisor.destroyForcibly();
		// The fixture creates the file, then writes its line
		await().atMost(TIMEOUT).until(() -> Files.exists(marker) && Files.size(marker) > 0);
		assertThat(marker).hasContent("eof");
		await().atMost(TIMEOUT).until(() -> !isAlive(running.applicationPid()));
	}

	@Test
	void applicationThatCannotBeStartedCountsAsFailedRun() throws Exception {
		Process supervisor = start(policy(1), Set.of(), Set.of(), this.directory.resolve("missing-app").toString());
		assertThat(supervisor.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(supervisor.exitValue()).isEqualTo(DaemonSupervisor.GAVE_UP_EXIT_STATUS);
		assertThat(log()).contains(" ERROR ", "Cannot start demo with [" + this.directory.resolve("missing-app"))
			.contains("Giving up on demo", ": could not be started. Removing PID file");
		assertThat(pidFile()).doesNotExist();
	}

	@Test
	void firstJvmThatEndsBeforeItReachesTheSupervisorIsReportedToTheLauncherOnce() throws Exception {
		try (ServerSocketChannel launcher = launcher()) {
			Process supervisor = start(policy(1), Set.of(), Set.of(), "sh", "-c", "exit 1");
			assertThat(supervisor.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			assertThat(supervisor.exitValue()).isEqualTo(DaemonSupervisor.GAVE_UP_EXIT_STATUS);
			launcher.configureBlocking(false);
			try (SocketChannel notice = launcher.accept()) {
				assertThat(notice).isNotNull();
				assertThat(new String(Channels.newInputStream(notice).readAllBytes(), StandardCharsets.UTF_8))
					.isEqualTo("FAILED its JVM exited with status 1 before it started the application\n");
			}
			assertThat(launcher.accept()).as("a second notice").isNull();
		}
	}

	@Test
	void firstJvmThatReachedTheSupervisorIsNotReportedToTheLauncher() throws Exception {
		try (ServerSocketChannel launcher = launcher()) {
			Path runs = this.directory.resolve("runs");
			start(policy(3), true, gatedApplication(runs));
			awaitRunning(1);
			launcher.configureBlocking(false);
			assertThat(launcher.accept()).isNull();
		}
	}

	@Test
	void pidFileInMissingDirectoryEndsWithNotConfiguredStatus() throws Exception {
		Path missing = this.directory.resolve("missing").resolve("demo.pid");
		Process supervisor = start(missing, List.of("sleep", "60"));
		assertThat(supervisor.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(supervisor.exitValue()).isEqualTo(6);
		assertThat(log()).contains(" ERROR ", "PID file directory " + missing.getParent() + " does not exist");
	}

	@Test
	void invalidArgumentsEndWithInvalidArgumentStatus() throws Exception {
		Process supervisor = startJava(List.of("--application-name=demo", "--", "sleep", "60"));
		assertThat(supervisor.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(supervisor.exitValue()).isEqualTo(2);
		assertThat(log()).isEqualTo("Daemon supervisor: Missing supervisor argument --pid-file=<value>\n");
	}

	private ServerSocketChannel launcher() throws IOException {
		Path socket = this.directory.resolve("launch.sock");
		ServerSocketChannel launcher = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
		launcher.bind(UnixDomainSocketAddress.of(socket));
		this.launcherSocket = socket.toString();
		return launcher;
	}

	private RestartPolicy policy(int maxRestarts) {
		return RestartPolicy.builder()
			.initialDelay(Duration.ofMillis(100))
			.maxDelay(Duration.ofSeconds(1))
			.resetAfter(Duration.ofSeconds(1))
			.maxRestarts(maxRestarts)
			.window(Duration.ofMinutes(1))
			.build();
	}

	private RestartPolicy slowPolicy(Duration delay) {
		return policy(3).mutate().initialDelay(delay).maxDelay(delay).jitter(0).build();
	}

	/**
	 * Return the command of an application that records its boot, waits for the
	 * supervisor's start byte as the real one does, records its start, and then crashes
	 * on its first run and keeps running on later runs.
	 * @param runs the file that the application records in
	 * @return the command
	 */
	private static String[] gatedApplication(Path runs) {
		return SupervisedFixture.command("gated", runs).toArray(String[]::new);
	}

	private static @Nullable Long bootedPid(Path runs, int restarts) throws IOException {
		if (!Files.exists(runs)) {
			return null;
		}
		String suffix = " booted " + restarts;
		return Files.readAllLines(runs)
			.stream()
			.filter((line) -> line.endsWith(suffix))
			.map((line) -> Long.valueOf(line.substring(0, line.length() - suffix.length())))
			.findFirst()
			.orElse(null);
	}

	private Process start(RestartPolicy policy, Set<Integer> restartExitCodes, Set<Integer> noRestartExitCodes,
			String... command) throws IOException {
		return start(new SupervisorSettings("demo", pidFile(), this.directory.resolve("demo.app.pid"),
				Duration.ofMillis(500), policy, restartExitCodes, noRestartExitCodes, true, List.of(command)));
	}

	private Process start(RestartPolicy policy, boolean prestart, String... command) throws IOException {
		return start(new SupervisorSettings("demo", pidFile(), this.directory.resolve("demo.app.pid"),
				Duration.ofMillis(500), policy, Set.of(), Set.of(), prestart, List.of(command)));
	}

	private Process start(Path pidFile, List<String> command) throws IOException {
		return start(new SupervisorSettings("demo", pidFile, this.directory.resolve("demo.app.pid"),
				Duration.ofMillis(500), policy(3), Set.of(), Set.of(), true, command));
	}

	private Process start(SupervisorSettings settings) throws IOException {
		return startJava(settings.toArguments());
	}

	private Process startJava(List<String> supervisorArguments) throws IOException {
		List<String> arguments = new ArrayList<>(List.of("env", "--default-signal=HUP",
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx32m", "-XX:+UseSerialGC",
				"-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED", "-cp",
				System.getProperty("java.class.path"), DaemonSupervisor.class.getName()));
		arguments.addAll(supervisorArguments);
		ProcessBuilder builder = new ProcessBuilder(arguments).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
			.redirectInput(new File("/dev/null"));
		builder.environment().put(LaunchHandshake.LAUNCHER_SOCKET_VARIABLE, this.launcherSocket);
		Process process = builder.start();
		this.started.add(process.toHandle());
		return process;
	}

	private SupervisorStatus awaitRunning(int restarts) {
		return await().atMost(TIMEOUT)
			.until(this::readStatus, (status) -> status != null && "RUNNING".equals(status.state())
					&& status.restarts() == restarts && status.applicationPid() != null);
	}

	private @Nullable SupervisorStatus readStatus() {
		return SupervisorStatus.fromEntries(new StatusFile(statusFile()).read());
	}

	private static boolean isAlive(@Nullable Long pid) {
		return pid != null && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
	}

	private Path pidFile() {
		return this.directory.resolve("demo.pid");
	}

	private Path statusFile() {
		return this.directory.resolve("demo.status");
	}

	private Path logFile() {
		return this.directory.resolve("demo.log");
	}

	private String log() throws IOException {
		return Files.exists(logFile()) ? Files.readString(logFile(), StandardCharsets.UTF_8) : "";
	}

}
