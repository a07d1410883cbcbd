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

package io.github.daemonstarter.restart;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DurationFormat}.
 *
 * @author Daemon Starter Team
 */
class DurationFormatTests {

	@Test
	void ofWritesDurationsAsInProperties() {
		assertThat(DurationFormat.of(Duration.ofMillis(250))).isEqualTo("250ms");
		assertThat(DurationFormat.of(Duration.ofSeconds(2))).isEqualTo("2s");
		assertThat(DurationFormat.of(Duration.ofMillis(1500))).isEqualTo("1.5s");
		assertThat(DurationFormat.of(Duration.ofMinutes(10))).isEqualTo("10m");
		assertThat(DurationFormat.of(Duration.ofSeconds(90))).isEqualTo("90s");
	}

}
