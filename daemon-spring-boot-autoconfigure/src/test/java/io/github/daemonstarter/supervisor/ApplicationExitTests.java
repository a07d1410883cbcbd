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

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ApplicationExit}.
 *
 * @author Daemon Starter Team
 */
class ApplicationExitTests {

	@Test
	void isCleanForZeroAndTheStatusesOfAJvmStoppedBySigintOrSigterm() {
		assertThat(ApplicationExit.isClean(0)).isTrue();
		assertThat(ApplicationExit.isClean(130)).isTrue();
		assertThat(ApplicationExit.isClean(143)).isTrue();
		assertThat(ApplicationExit.isClean(1)).isFalse();
		assertThat(ApplicationExit.isClean(129)).isFalse();
		assertThat(ApplicationExit.isClean(137)).isFalse();
	}

	@Test
	void describeWhenExitedNamesTheStatus() {
		assertThat(ApplicationExit.describe(0)).isEqualTo("exit status 0");
		assertThat(ApplicationExit.describe(70)).isEqualTo("exit status 70");
		assertThat(ApplicationExit.describe(128)).isEqualTo("exit status 128");
	}

	@Test
	void describeWhenKilledBySignalNamesTheSignal() {
		assertThat(ApplicationExit.describe(137)).isEqualTo("killed by SIGKILL (exit status 137)");
		assertThat(ApplicationExit.describe(143)).isEqualTo("ended by SIGTERM (exit status 143)");
		assertThat(ApplicationExit.describe(134)).isEqualTo("killed by SIGABRT (exit status 134)");
		assertThat(ApplicationExit.describe(139)).isEqualTo("killed by SIGSEGV (exit status 139)");
		assertThat(ApplicationExit.describe(129)).isEqualTo("ended by SIGHUP (exit status 129)");
		assertThat(ApplicationExit.describe(159)).isEqualTo("killed by SIGSYS (exit status 159)");
	}

	@Test
	void describeWhenAboveTheKnownSignalsNamesTheStatus() {
		assertThat(ApplicationExit.describe(160)).isEqualTo("exit status 160");
		assertThat(ApplicationExit.describe(255)).isEqualTo("exit status 255");
	}

}
