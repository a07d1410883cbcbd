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

package io.github.daemonstarter.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ContainerMainProcess}.
 *
 * @author Daemon Starter Team
 */
class ContainerMainProcessTests {

	@TempDir
	Path directory;

	private final Map<String, String> environment = new HashMap<>();

	private Path dockerenv;

	@BeforeEach
	void createMarker() throws IOException {
		this.dockerenv = Files.createFile(this.directory.resolve(".dockerenv"));
	}

	@Test
	void foregroundReasonWhenTiniIsParentInDockerNamesMarkerAndMainProcess() {
		assertThat(reason(1, "/sbin/tini", "--", "java", "-jar", "app.jar", "--daemon"))
			.isEqualTo("it runs in a container (" + this.dockerenv
					+ ") whose main process (pid 1, tini) is its parent: detaching would end the container");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/sbin/docker-init", "/usr/bin/dumb-init", "/tini-static", "/usr/libexec/catatonit" })
	void foregroundReasonWhenContainerInitIsParentIsGiven(String init) {
		assertThat(reason(1, init, "--", "java"))
			.contains("(pid 1, " + init.substring(init.lastIndexOf('/') + 1) + ")");
	}

	@Test
	void foregroundReasonWhenShellEntrypointRunsCommandNamesShell() {
		assertThat(reason(1, "/bin/sh", "-c", "java -jar app.jar --daemon; echo done"))
			.isEqualTo("it runs in a container (" + this.dockerenv
					+ ") whose main process (pid 1, sh) is its parent: detaching would end the container");
	}

	@Test
	void foregroundReasonWhenEntrypointScriptRunsIsGiven() {
		assertThat(reason(1, "/bin/bash", "/docker-entrypoint.sh", "start")).contains("(pid 1, bash)");
	}

	@Test
	void foregroundReasonWhenInteractiveShellIsParentIsNull() {
		assertThat(reason(1, "bash")).isNull();
		assertThat(reason(1, "-bash")).isNull();
		assertThat(reason(1, "/bin/sh", "-i")).isNull();
		assertThat(reason(1, "/bin/bash", "--login", "-o", "vi")).isNull();
	}

	@Test
	void foregroundReasonWhenParentIsNotMainProcessIsNull() {
		assertThat(reason(42, "/sbin/tini", "--", "sh")).isNull();
		assertThat(reason(-1, "/sbin/tini", "--", "sh")).isNull();
	}

	@Test
	void foregroundReasonWhenMainProcessStaysIsNull() {
		assertThat(reason(1, "/sbin/init")).isNull();
		assertThat(reason(1, "/usr/lib/systemd/systemd", "--system")).isNull();
		assertThat(reason(1, "/process_api", "--firecracker-init", "--addr", "0.0.0.0:2024")).isNull();
	}

	@Test
	void foregroundReasonWhenMainCommandLineCannotBeReadIsNull() {
		assertThat(reason(1)).isNull();
	}

	@Test
	void foregroundReasonOutsideContainerIsNull() throws IOException {
		Files.delete(this.dockerenv);
		assertThat(reason(1, "/sbin/tini", "--", "java")).isNull();
	}

	@Test
	void foregroundReasonWhenContainerVariableIsSetNamesIt() throws IOException {
		Files.delete(this.dockerenv);
		this.environment.put("container", "podman");
		assertThat(reason(1, "/usr/libexec/catatonit", "--", "java"))
			.startsWith("it runs in a container " + "(container=podman) whose main process (pid 1, catatonit)");
	}

	@Test
	void foregroundReasonInKubernetesNamesItsVariable() throws IOException {
		Files.delete(this.dockerenv);
		this.environment.put("KUBERNETES_SERVICE_HOST", "10.96.0.1");
		assertThat(reason(1, "sh", "-c", "java -jar app.jar --daemon"))
			.startsWith("it runs in a container " + "(KUBERNETES_SERVICE_HOST is set) whose main process (pid 1, sh)");
	}

	@Test
	void runsCommandRecognisesCommandsAndScripts() {
		assertThat(ContainerMainProcess.runsCommand(List.of("-c", "java"))).isTrue();
		assertThat(ContainerMainProcess.runsCommand(List.of("-ec", "java"))).isTrue();
		assertThat(ContainerMainProcess.runsCommand(List.of("-o", "pipefail", "-c", "java"))).isTrue();
		assertThat(ContainerMainProcess.runsCommand(List.of("--rcfile", "rc", "run.sh"))).isTrue();
		assertThat(ContainerMainProcess.runsCommand(List.of("-x", "--", "run.sh"))).isTrue();
		assertThat(ContainerMainProcess.runsCommand(List.of("run.sh"))).isTrue();
	}

	@Test
	void runsCommandRecognisesShellsThatReadTheirInput() {
		assertThat(ContainerMainProcess.runsCommand(List.of())).isFalse();
		assertThat(ContainerMainProcess.runsCommand(List.of("-i"))).isFalse();
		assertThat(ContainerMainProcess.runsCommand(List.of("-l", "+o", "vi"))).isFalse();
		assertThat(ContainerMainProcess.runsCommand(List.of("-s", "arg"))).isFalse();
		assertThat(ContainerMainProcess.runsCommand(List.of("--norc", "--"))).isFalse();
	}

	@Test
	void markersDefaultToDockerAndPodmanFiles() {
		assertThat(ContainerMainProcess.markers(null)).containsExactly(Path.of("/.dockerenv"),
				Path.of("/run/.containerenv"));
	}

	@Test
	void markersFromPropertyReplaceTheDefaults() {
		assertThat(ContainerMainProcess.markers(" /a/.dockerenv, /b ")).containsExactly(Path.of("/a/.dockerenv"),
				Path.of("/b"));
		assertThat(ContainerMainProcess.markers("")).isEmpty();
	}

	@Test
	void currentProcessOfTheTestsDetaches() {
		assertThat(ContainerMainProcess.current().foregroundReason()).isNull();
	}

	private String reason(long parentPid, String... mainCommandLine) {
		return new ContainerMainProcess(List.of(this.directory.resolve("missing"), this.dockerenv),
				this.environment::get, () -> parentPid, () -> List.of(mainCommandLine))
			.foregroundReason();
	}

}
