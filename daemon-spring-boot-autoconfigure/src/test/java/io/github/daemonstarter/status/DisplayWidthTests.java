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

package io.github.daemonstarter.status;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DisplayWidth}.
 *
 * @author Daemon Starter Team
 */
class DisplayWidthTests {

	@Test
	void ofAsciiIsItsLength() {
		assertThat(DisplayWidth.of("orders-1")).isEqualTo(8);
		assertThat(DisplayWidth.of("")).isZero();
	}

	@Test
	void ofChineseJapaneseAndKoreanCountsTwoColumnsEach() {
		assertThat(DisplayWidth.of("注文")).isEqualTo(4);
		assertThat(DisplayWidth.of("ジョブ")).isEqualTo(6);
		assertThat(DisplayWidth.of("작업")).isEqualTo(4);
		assertThat(DisplayWidth.of("ＡＢ")).as("fullwidth forms").isEqualTo(4);
		assertThat(DisplayWidth.of("ｱｲ")).as("halfwidth katakana").isEqualTo(2);
	}

	@Test
	void ofEmojiOutsideTheBasicPlaneIsOneCodePointOfTwoColumns() {
		assertThat("😀").hasSize(2);
		assertThat(DisplayWidth.of("😀")).isEqualTo(2);
		assertThat(DisplayWidth.of("📦 box")).isEqualTo(6);
		assertThat(DisplayWidth.of("𠀋")).as("CJK extension B").isEqualTo(2);
	}

	@Test
	void ofCombiningMarksCountsNoColumns() {
		assertThat(DisplayWidth.of("cafe\u0301")).isEqualTo(4);
		assertThat(DisplayWidth.of("a\u20DD")).as("enclosing mark").isEqualTo(1);
		assertThat(DisplayWidth.of("\u1100\u1161")).as("conjoining Hangul vowel").isEqualTo(2);
	}

	@Test
	void ofNarrowSymbolsCountsOneColumn() {
		assertThat(DisplayWidth.of("café ✓ → é")).isEqualTo(10);
	}

	@Test
	void truncateKeepsTextThatFits() {
		assertThat(DisplayWidth.truncate("注文", 4)).isEqualTo("注文");
	}

	@Test
	void truncateCutsByColumnsAndNeverSplitsACharacter() {
		assertThat(DisplayWidth.truncate("注文処理", 6)).isEqualTo("注文…");
		assertThat(DisplayWidth.truncate("注文処理", 7)).isEqualTo("注文処…");
		assertThat(DisplayWidth.truncate("😀😀😀", 4)).isEqualTo("😀…");
		assertThat(DisplayWidth.truncate("abcdef", 4)).isEqualTo("abc…");
	}

}
