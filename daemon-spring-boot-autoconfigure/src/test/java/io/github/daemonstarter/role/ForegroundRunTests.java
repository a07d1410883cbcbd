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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ForegroundRun}.
 *
 * @author Daemon Starter Team
 */
class ForegroundRunTests {

	@Test
	@DisabledIfEnvironmentVariable(named = "NOTIFY_SOCKET", matches = ".+")
	@DisabledIfEnvironmentVariable(named = "INVOCATION_ID", matches = ".+")
	void foregroundReasonWhenNotUnderServiceManagerIsNull() {
		assertThat(ForegroundRun.reason()).isNull();
	}

}
