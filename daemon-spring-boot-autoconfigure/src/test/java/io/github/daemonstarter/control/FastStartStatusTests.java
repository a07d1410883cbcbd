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

package io.github.daemonstarter.control;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FastStartStatus}.
 *
 * @author Daemon Starter Team
 */
class FastStartStatusTests {

	private static final String ENTRY = "/var/run/shop-fast-start/0123456789abcdef";

	@Test
	void describeWhenNoEntryReturnsEmptyString() {
		assertThat(FastStartStatus.describe(Map.of())).isEmpty();
		assertThat(FastStartStatus.describe(Map.of("pid", "42", "fast-start.archive-used", "true"))).isEmpty();
	}

	@Test
	void describeWhenArchiveUsedSaysSo() {
		assertThat(FastStartStatus.describe(entries("true", "none"))).isEqualTo(", fast start: archive used");
	}

	@Test
	void describeWhenArchiveNotUsedSaysSo() {
		assertThat(FastStartStatus.describe(entries("false", "none"))).isEqualTo(", fast start: archive not used");
	}

	@Test
	void describeWhenArchiveUsedIsMissingOrGarbageSaysNotUsed() {
		Map<String, String> entries = entries("yes", "none");
		assertThat(FastStartStatus.describe(entries)).isEqualTo(", fast start: archive not used");
		entries.remove("fast-start.archive-used");
		entries.remove("fast-start.training");
		assertThat(FastStartStatus.describe(entries)).isEqualTo(", fast start: archive not used");
	}

	@Test
	void describeWhenTrainingRunsSaysOneIsTrainedForTheNextStart() {
		assertThat(FastStartStatus.describe(entries("false", "running")))
			.isEqualTo(", fast start: archive not used, training one for the next start");
	}

	@Test
	void describeWhenTrainingDoneSaysOneWasTrained() {
		assertThat(FastStartStatus.describe(entries("false", "done")))
			.isEqualTo(", fast start: archive not used, one trained for the next start");
	}

	@Test
	void describeWhenTrainingFailedNamesItsLog() {
		assertThat(FastStartStatus.describe(entries("false", "failed")))
			.isEqualTo(", fast start: archive not used, its training failed (see " + ENTRY + "/training.log)");
	}

	@Test
	void describeWhenTrainingIsLeftToTheUnitCommandsNamesTheCommandAndTheSetting() {
		assertThat(FastStartStatus.describe(entries("false", "install"))).isEqualTo(
				", fast start: archive not used, none trained until --daemon=install (daemon.fast-start.training=install)");
	}

	@Test
	void describeWhenNothingTrainsNamesTheSetting() {
		assertThat(FastStartStatus.describe(entries("false", "never")))
			.isEqualTo(", fast start: archive not used, none trained (daemon.fast-start.training=never)");
	}

	@Test
	void describeWhenTrainingStateUnknownSaysOnlyWhetherTheArchiveWasUsed() {
		assertThat(FastStartStatus.describe(entries("true", "later"))).isEqualTo(", fast start: archive used");
	}

	private static Map<String, String> entries(String archiveUsed, String training) {
		Map<String, String> entries = new LinkedHashMap<>();
		entries.put("fast-start.entry", ENTRY);
		entries.put("fast-start.archive", ENTRY + "/archive.jsa");
		entries.put("fast-start.archive-used", archiveUsed);
		entries.put("fast-start.training", training);
		return entries;
	}

}
