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

package io.github.daemonstarter.systemd;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NotifyMessage}.
 *
 * @author Daemon Starter Team
 */
class NotifyMessageTests {

	@Test
	void linesAreSeparatedByNewlines() {
		assertThat(NotifyMessage.of().ready().status("Ready").mainPid(42))
			.hasToString("READY=1\nSTATUS=Ready\nMAINPID=42");
	}

	@Test
	void stoppingAndWatchdogAreOneLineEach() {
		assertThat(NotifyMessage.of().stopping()).hasToString("STOPPING=1");
		assertThat(NotifyMessage.of().watchdog()).hasToString("WATCHDOG=1");
	}

	@Test
	void reloadingCarriesTheMonotonicTimeInTheSameMessage() {
		assertThat(NotifyMessage.of().reloading(197340680966L).status("Reloading"))
			.hasToString("RELOADING=1\nMONOTONIC_USEC=197340680966\nSTATUS=Reloading");
	}

	@Test
	void statusStaysOnOneLine() {
		assertThat(NotifyMessage.of().status(" Worker failed:\nboom\r\n\tagain "))
			.hasToString("STATUS=Worker failed: boom again");
	}

	@Test
	void longStatusIsCut() {
		String status = NotifyMessage.of().status("x".repeat(500)).toString();
		assertThat(status).hasSize("STATUS=".length() + NotifyMessage.MAX_STATUS_LENGTH).endsWith("...");
	}

	@Test
	void messageIsImmutable() {
		NotifyMessage empty = NotifyMessage.of();
		empty.ready();
		assertThat(empty).hasToString("");
	}

}
