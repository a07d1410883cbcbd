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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for {@code --daemon} in a container whose main process is the
 * launcher's parent. {@code unshare --pid --fork --mount-proc sh -c '...'} makes a new
 * PID namespace, as a container runtime does, with {@code sh} as its PID 1; a command
 * after the launcher keeps {@code sh} from exec'ing java, so {@code sh} stays the
 * launcher's parent, as a shell entrypoint is. When PID 1 of a PID namespace exits, the
 * kernel kills every process in it, as it does in a container.
 * <p>
 * Each test ends its namespace by killing its PID 1, which takes everything in it along;
 * the processes extension kills by PID whatever is left, pass or fail.
 *
 * @author Daemon Starter Team
 */
@EnabledOnOs(OS.LINUX)
class ContainerIntegrationTests {

	private static final Duration DEADLINE = Duration.ofSeconds(90);

	private static final String MARKERS_PROPERTY = "daemonstarter.container.markers";

	@RegisterExtension
	final SampleAppProcesses processes = new SampleAppProcesses();

	@BeforeEach
	void assumeNamespacesCanBeCreated() throws Exception {
		assumeThat(LinuxProcess.of(ProcessHandle.current().pid()).status("Uid")).as("running as root")
			.startsWith("0\t");
		assumeThat(canCreatePidNamespace()).as("unshare (util-linux) can create a PID namespace").isTrue();
	}

	@Test
	void daemonWhoseParentIsContainerShellRunsInForegroundUntilStopped() throws Exception {
		Path marker = Files.createFile(this.processes.directory().resolve("dockerenv"));
		SampleAppProcesses.Running container = startContainer(marker.toString(), "");
		try {
			await().atMost(DEADLINE).until(() -> {
				assertThat(container.process().isAlive()).as("container alive; stderr: %s", read(container.err()))
					.isTrue();
				return read(container.out()).contains("Started SampleApplication in");
			});
			assertThat(read(container.err())).contains("Running sample-app in the foreground: it runs in a container ("
					+ marker + ") whose main process (pid 1, sh) is its parent: detaching would end the container");
			long init = mainProcess(container);
			List<Long> children = LinuxProcess.of(init).children();
			assertThat(children).as("children of the container's main process").hasSize(1);
			long launcher = children.get(0);
			assertThat(LinuxProcess.of(launcher).commandLine()).contains("--daemon");
			assertThat(LinuxProcess.of(launcher).children()).as("children of the launcher").isEmpty();
			SampleAppClient client = new SampleAppClient(SampleAppClient.portLoggedIn(container.out()));
			assertThat(client.pid()).as("PID in the container").isEqualTo(this.processes.pid());
			ProcessHandle.of(launcher).ifPresent(ProcessHandle::destroy);
			SampleAppProcesses.Result result = container.await();
			assertThat(result.out()).contains("exit=143");
			assertThat(this.processes.pidFile()).doesNotExist();
		}
		finally {
			endContainer(container);
		}
	}

	@Test
	void daemonWhoseParentIsContainerShellDetachesWithoutContainerMarker() throws Exception {
		Path missing = this.processes.directory().resolve("no-dockerenv");
		SampleAppProcesses.Running container = startContainer(missing.toString(), "; exec tail -f /dev/null");
		try {
			await().atMost(DEADLINE).until(() -> {
				assertThat(container.process().isAlive()).as("container alive; stderr: %s", read(container.err()))
					.isTrue();
				return read(container.out()).contains("exit=");
			});
			String out = read(container.out());
			assertThat(out).contains("exit=0").contains("Started sample-app in");
			assertThat(read(container.err())).doesNotContain("foreground");
			List<Long> children = LinuxProcess.of(mainProcess(container)).children();
			assertThat(children).as("children of the container's main process").hasSize(1);
			long daemon = children.get(0);
			assertThat(LinuxProcess.of(daemon).sessionId()).as("session of the daemon").isEqualTo(daemon);
			SampleAppClient client = new SampleAppClient(SampleAppClient.portReported(out));
			assertThat(client.pid()).as("PID in the container").isEqualTo(this.processes.pid());
		}
		finally {
			endContainer(container);
		}
	}

	/**
	 * Start {@code sh -c '<java -jar sample-app.jar --daemon>; echo exit=$?<rest>'} as
	 * PID 1 of a new PID namespace. The variables that name a container are removed, so
	 * that only the marker files tell.
	 */
	private SampleAppProcesses.Running startContainer(String markers, String rest) throws Exception {
		List<String> java = this.processes.java("--daemon")
			.jvmOptions("-D" + MARKERS_PROPERTY + "=" + markers)
			.commandLine();
		String script = SampleAppProcesses.shellCommand(java) + "; echo exit=$?" + rest;
		return this.processes.program("unshare", "--pid", "--fork", "--mount-proc", "--kill-child", "sh", "-c", script)
			.withoutEnv("container")
			.withoutEnv("KUBERNETES_SERVICE_HOST")
			.start();
	}

	/**
	 * Return the PID, outside the namespace, of the namespace's PID 1: the child that
	 * {@code unshare --fork} started.
	 */
	private static long mainProcess(SampleAppProcesses.Running container) {
		LinuxProcess unshare = LinuxProcess.of(container.process().pid());
		await().atMost(DEADLINE).until(() -> unshare.firstChild() != 0);
		return unshare.firstChild();
	}

	/**
	 * End the namespace by killing its PID 1, which makes the kernel kill every process
	 * in it, and wait until {@code unshare} has exited.
	 */
	private static void endContainer(SampleAppProcesses.Running container) throws Exception {
		long init = LinuxProcess.of(container.process().pid()).firstChild();
		if (init != 0) {
			ProcessHandle.of(init).ifPresent(ProcessHandle::destroyForcibly);
		}
		container.process().destroyForcibly();
		container.process().waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS);
	}

	private static boolean canCreatePidNamespace() throws InterruptedException {
		try {
			Process probe = new ProcessBuilder("unshare", "--pid", "--fork", "--mount-proc", "true")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			return probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static String read(Path file) throws Exception {
		return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
	}

}
