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

package io.github.daemonstarter.pid;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PidFilePath}.
 *
 * @author Daemon Starter Team
 */
class PidFilePathTests {

	@Test
	void parsePidAcceptsPositiveNumbersWithSurroundingWhitespace() {
		assertThat(PidFilePath.parsePid("1234")).isEqualTo(1234L);
		assertThat(PidFilePath.parsePid(" 1234 ")).isEqualTo(1234L);
		assertThat(PidFilePath.parsePid("1234\n")).isEqualTo(1234L);
		assertThat(PidFilePath.parsePid("\t1234\r\n")).isEqualTo(1234L);
		assertThat(PidFilePath.parsePid("1")).isEqualTo(1L);
		assertThat(PidFilePath.parsePid("0001234")).isEqualTo(1234L);
		assertThat(PidFilePath.parsePid("4194304")).isEqualTo(4194304L);
	}

	@Test
	void parsePidRejectsWhatIsNoPid() {
		assertThat(PidFilePath.parsePid("")).isNull();
		assertThat(PidFilePath.parsePid(" \n")).isNull();
		assertThat(PidFilePath.parsePid("0")).isNull();
		assertThat(PidFilePath.parsePid("-1")).isNull();
		assertThat(PidFilePath.parsePid("+12")).isNull();
		assertThat(PidFilePath.parsePid("4194305")).isNull();
		assertThat(PidFilePath.parsePid("2147483648")).isNull();
		assertThat(PidFilePath.parsePid("99999999999999999999999")).isNull();
		assertThat(PidFilePath.parsePid("12a")).isNull();
		assertThat(PidFilePath.parsePid("abc")).isNull();
		assertThat(PidFilePath.parsePid("12 34")).isNull();
		assertThat(PidFilePath.parsePid("12\n34")).isNull();
		assertThat(PidFilePath.parsePid("0x1f")).isNull();
		assertThat(PidFilePath.parsePid("1.5")).isNull();
	}

}
