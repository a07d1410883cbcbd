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

package io.github.daemonstarter.config.unknown;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EditDistance}.
 *
 * @author Daemon Starter Team
 */
class EditDistanceTests {

	@Test
	void betweenEqualStringsIsZero() {
		assertThat(EditDistance.between("stoptimeout", "stoptimeout")).isZero();
	}

	@Test
	void betweenCountsInsertionsDeletionsAndReplacements() {
		assertThat(EditDistance.between("stoptimout", "stoptimeout")).isOne();
		assertThat(EditDistance.between("stoptimeoutt", "stoptimeout")).isOne();
		assertThat(EditDistance.between("stoptimeaut", "stoptimeout")).isOne();
		assertThat(EditDistance.between("kitten", "sitting")).isEqualTo(3);
	}

	@Test
	void betweenEmptyAndOtherIsItsLength() {
		assertThat(EditDistance.between("", "user")).isEqualTo(4);
		assertThat(EditDistance.between("user", "")).isEqualTo(4);
	}

}
