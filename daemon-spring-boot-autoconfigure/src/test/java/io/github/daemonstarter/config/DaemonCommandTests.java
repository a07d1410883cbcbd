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

package io.github.daemonstarter.config;

import io.github.daemonstarter.DaemonException;
import io.github.daemonstarter.ExitStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link DaemonCommand}.
 *
 * @author Daemon Starter Team
 */
class DaemonCommandTests {

	@Test
	void ofWhenNoArgumentsReturnsNull() {
		assertThat(DaemonCommand.of(new String[0])).isNull();
	}

	@Test
	void ofWhenNoDaemonArgumentReturnsNull() {
		assertThat(DaemonCommand.of(new String[] { "--server.port=0", "daemon", "-daemon", "--daemons" })).isNull();
	}

	@Test
	void ofWhenDaemonPropertyIsSetReturnsNull() {
		assertThat(DaemonCommand.of(new String[] { "--daemon.force=true", "--daemon.stop-timeout=5s" })).isNull();
	}

	@Test
	void ofWhenDaemonAloneReturnsStart() {
		assertThat(DaemonCommand.of(new String[] { "--server.port=0", "--daemon" })).isEqualTo(DaemonCommand.START);
	}

	@Test
	void ofWhenDaemonWithEmptyValueReturnsStart() {
		assertThat(DaemonCommand.of(new String[] { "--daemon=" })).isEqualTo(DaemonCommand.START);
	}

	@ParameterizedTest
	@CsvSource({ "--daemon=start, START", "--daemon=run, RUN", "--daemon=status, STATUS", "--daemon=stop, STOP",
			"--daemon=restart, RESTART", "--daemon=reload, RELOAD", "--daemon=unit, UNIT", "--daemon=install, INSTALL",
			"--daemon=uninstall, UNINSTALL" })
	void ofWhenDaemonWithVerbReturnsCommand(String argument, DaemonCommand expected) {
		assertThat(DaemonCommand.of(new String[] { argument })).isEqualTo(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "--daemon=STATUS", "--daemon=Status", "--daemon= status " })
	void ofIgnoresCaseAndSurroundingSpaces(String argument) {
		assertThat(DaemonCommand.of(new String[] { argument })).isEqualTo(DaemonCommand.STATUS);
	}

	@Test
	void ofWhenVerbIsUnknownThrowsExceptionListingTheVerbs() {
		assertThatExceptionOfType(DaemonException.class)
			.isThrownBy(() -> DaemonCommand.of(new String[] { "--daemon=bogus" }))
			.satisfies((ex) -> assertThat(ex.getExitStatus()).isEqualTo(ExitStatus.INVALID_ARGUMENT))
			.withMessageContaining("'bogus'")
			.withMessageContaining("start, run, status, stop, restart, reload, unit, install, uninstall");
	}

	@Test
	void ofWhenSameCommandIsRepeatedReturnsIt() {
		assertThat(DaemonCommand.of(new String[] { "--daemon", "--daemon=start" })).isEqualTo(DaemonCommand.START);
		assertThat(DaemonCommand.of(new String[] { "--daemon=stop", "--daemon=STOP" })).isEqualTo(DaemonCommand.STOP);
	}

	@Test
	void ofWhenCommandsConflictThrowsException() {
		assertThatExceptionOfType(DaemonException.class)
			.isThrownBy(() -> DaemonCommand.of(new String[] { "--daemon=stop", "--daemon=status" }))
			.satisfies((ex) -> assertThat(ex.getExitStatus()).isEqualTo(ExitStatus.INVALID_ARGUMENT))
			.withMessageContaining("--daemon=stop")
			.withMessageContaining("--daemon=status");
	}

	@Test
	void ofWhenStartConflictsWithStopThrowsException() {
		assertThatExceptionOfType(DaemonException.class)
			.isThrownBy(() -> DaemonCommand.of(new String[] { "--daemon", "--daemon=stop" }))
			.satisfies((ex) -> assertThat(ex.getExitStatus()).isEqualTo(ExitStatus.INVALID_ARGUMENT));
	}

	@Test
	void isDaemonArgumentMatchesOnlyTheCommandArgument() {
		assertThat(DaemonCommand.isDaemonArgument("--daemon")).isTrue();
		assertThat(DaemonCommand.isDaemonArgument("--daemon=restart")).isTrue();
		assertThat(DaemonCommand.isDaemonArgument("--daemon.force=true")).isFalse();
		assertThat(DaemonCommand.isDaemonArgument("--daemonize")).isFalse();
		assertThat(DaemonCommand.isDaemonArgument("daemon")).isFalse();
	}

	@Test
	void commandNameIsLowerCase() {
		assertThat(DaemonCommand.RESTART.commandName()).isEqualTo("restart");
	}

}
