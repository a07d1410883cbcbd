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

package io.github.daemonstarter.posix;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CommandOutput}.
 *
 * @author Daemon Starter Team
 */
class CommandOutputTests {

	@Test
	void ofReadsStandardOutputOnlyAndTheExitStatus() throws Exception {
		CommandOutput output = CommandOutput.of("sh", "-c", "echo out; echo err >&2; exit 3");
		assertThat(output.text()).isEqualTo("out\n");
		assertThat(output.status()).isEqualTo(3);
	}

	@Test
	void ofGivesTheCommandNoInput() throws Exception {
		CommandOutput output = CommandOutput.of("sh", "-c", "cat; echo end");
		assertThat(output.text()).isEqualTo("end\n");
		assertThat(output.status()).isZero();
	}

	@Test
	void ofCombinedReadsBothStreamsUpToTheLimit() throws Exception {
		CommandOutput output = CommandOutput.ofCombined(4096, Duration.ofSeconds(10),
				List.of("sh", "-c", "echo out; echo err >&2"));
		assertThat(output.text()).isEqualTo("out\nerr\n");
		assertThat(output.status()).isZero();
		assertThat(CommandOutput.ofCombined(3, null, List.of("echo", "version 2.38")).text()).isEqualTo("ver");
	}

	@Test
	void ofCombinedWhenTheCommandOutlivesTheTimeoutKillsItAndHasNoStatus() throws Exception {
		// The timeout starts once the output is read: a command that closes its output
		// and goes on running is killed
		CommandOutput output = CommandOutput.ofCombined(4096, Duration.ofMillis(200),
				List.of("sh", "-c", "exec >/dev/null 2>&1; exec sleep 30"));
		assertThat(output.status()).isNull();
	}

	@Test
	void ofCombinedTailKeepsTheEndOfBothStreamsOfACommandThatWritesMoreThanAPipeHolds() throws Exception {
		// 589 kB, nine times what a pipe buffers: a command whose reader stopped would
		// hang
		CommandOutput output = CommandOutput.ofCombinedTail(64, Duration.ofSeconds(10),
				List.of("sh", "-c", "seq 1 100000; echo cause >&2; exit 3"));
		assertThat(output.status()).isEqualTo(3);
		assertThat(output.text()).hasSize(64).endsWith("99999\n100000\ncause\n");
	}

	@Test
	void ofCombinedTailWhenTheCommandOutlivesTheTimeoutKillsItAndKeepsWhatItWrote() throws Exception {
		CommandOutput output = CommandOutput.ofCombinedTail(4096, Duration.ofMillis(200),
				List.of("sh", "-c", "echo started; exec sleep 30"));
		assertThat(output.status()).isNull();
		assertThat(output.text()).isEqualTo("started\n");
	}

	@Test
	void runShownReturnsTheExitStatus() throws Exception {
		assertThat(CommandOutput.runShown(Duration.ofSeconds(10), List.of("true"))).isZero();
		assertThat(CommandOutput.runShown(Duration.ofSeconds(10), List.of("sh", "-c", "exit 4"))).isEqualTo(4);
	}

}
