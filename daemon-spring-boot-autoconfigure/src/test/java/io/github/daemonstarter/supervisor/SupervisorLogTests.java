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

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SupervisorLog}.
 *
 * @author Daemon Starter Team
 */
class SupervisorLogTests {

	private final ByteArrayOutputStream output = new ByteArrayOutputStream();

	private final Instant now = Instant.parse("2026-11-21T21:40:00.123Z");

	@Test
	void infoWritesOneLineInSpringBootConsoleFormat() {
		log(ZoneOffset.UTC).info("Started sample-app (pid 5678)");
		assertThat(output()).isEqualTo("2026-11-21T21:40:00.123Z  INFO 1234 --- [sample-app] [     supervisor] "
				+ "i.g.d.supervisor.DaemonSupervisor        : Started sample-app (pid 5678)" + System.lineSeparator());
	}

	@Test
	void levelsAreRightAlignedToFiveCharacters() {
		SupervisorLog log = log(ZoneOffset.UTC);
		log.warn("w");
		log.error("e");
		assertThat(output().lines()).extracting((line) -> line.substring(24, 30)).containsExactly("  WARN", " ERROR");
	}

	@Test
	void timestampCarriesTheOffsetOfTheTimeZone() {
		log(ZoneId.of("Europe/Paris")).info("message");
		assertThat(output()).startsWith("2026-11-21T22:40:00.123+01:00  INFO 1234 ");
	}

	private SupervisorLog log(ZoneId zone) {
		return new SupervisorLog(new PrintStream(this.output, true, StandardCharsets.UTF_8),
				Clock.fixed(this.now, zone), 1234, "sample-app");
	}

	private String output() {
		return this.output.toString(StandardCharsets.UTF_8);
	}

}
