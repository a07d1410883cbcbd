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

package io.github.daemonstarter.role;

import java.nio.file.Path;

import io.github.daemonstarter.config.DaemonCommand;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ProcessRole}.
 *
 * @author Daemon Starter Team
 */
class ProcessRoleTests {

	private static final Path SOCKET = Path.of("/tmp/launcher.sock");

	@Test
	void decideWithoutCommandSocketOrSupervisorIsApplication() {
		assertThat(ProcessRole.decide(null, null, false)).isEqualTo(ProcessRole.APPLICATION);
	}

	@Test
	void decideWithCommandIsCommand() {
		assertThat(ProcessRole.decide(DaemonCommand.START, null, false)).isEqualTo(ProcessRole.COMMAND);
		assertThat(ProcessRole.decide(DaemonCommand.STATUS, null, false)).isEqualTo(ProcessRole.COMMAND);
	}

	@Test
	void decideWithLauncherSocketIsDetachedChildEvenWithTheLaunchersCommand() {
		assertThat(ProcessRole.decide(null, SOCKET, false)).isEqualTo(ProcessRole.DETACHED_CHILD);
		assertThat(ProcessRole.decide(DaemonCommand.START, SOCKET, false)).isEqualTo(ProcessRole.DETACHED_CHILD);
	}

	@Test
	void decideWhenSupervisedWithoutCommandIsSupervisedApplication() {
		assertThat(ProcessRole.decide(null, null, true)).isEqualTo(ProcessRole.SUPERVISED_APPLICATION);
	}

	@Test
	void decideWhenSupervisedWithCommandIsCommand() {
		assertThat(ProcessRole.decide(DaemonCommand.STATUS, null, true)).isEqualTo(ProcessRole.COMMAND);
	}

	@Test
	void launcherSocketWhenVariableIsNotSetIsNull() {
		assertThat(System.getenv("BOOT_DAEMON_LAUNCHER_SOCKET")).isNull();
		assertThat(ProcessRole.launcherSocket()).isNull();
	}

}
