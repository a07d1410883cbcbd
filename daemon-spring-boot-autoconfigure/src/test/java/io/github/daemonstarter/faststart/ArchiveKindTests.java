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

package io.github.daemonstarter.faststart;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ArchiveKind}.
 *
 * @author Daemon Starter Team
 */
class ArchiveKindTests {

	private static final Path OUTPUT = Path.of("/var/run/shop-fast-start/0123456789abcdef/training-42-archive");

	@ParameterizedTest
	@ValueSource(ints = { 17, 21, 22, 23 })
	void forJavaUpTo23IsCds(int feature) {
		assertThat(ArchiveKind.forJava(feature)).isEqualTo(ArchiveKind.CDS);
	}

	@ParameterizedTest
	@ValueSource(ints = { 24, 25, 26 })
	void forJavaFrom24IsAot(int feature) {
		assertThat(ArchiveKind.forJava(feature)).isEqualTo(ArchiveKind.AOT);
	}

	@Test
	void currentIsTheKindOfThisJava() {
		assertThat(ArchiveKind.current()).isEqualTo(ArchiveKind.forJava(Runtime.version().feature()));
	}

	@Test
	void fileNameAndUseOptionFollowTheKind() {
		Path archive = Path.of("/cache/entry/archive");
		assertThat(ArchiveKind.CDS.fileName()).isEqualTo("archive.jsa");
		assertThat(ArchiveKind.CDS.useOption(archive)).isEqualTo("-XX:SharedArchiveFile=/cache/entry/archive");
		assertThat(ArchiveKind.AOT.fileName()).isEqualTo("archive.aot");
		assertThat(ArchiveKind.AOT.useOption(archive)).isEqualTo("-XX:AOTCache=/cache/entry/archive");
	}

	@Test
	void trainingRunsOfCdsAreOneRunArchivingClassesAtExitOnRefresh() {
		assertThat(ArchiveKind.CDS.trainingRuns(OUTPUT))
			.containsExactly(List.of("-XX:ArchiveClassesAtExit=" + OUTPUT, "-Dspring.context.exit=onRefresh"));
	}

	@Test
	void trainingRunsOfAotRecordThenCreateEachInAJvmOfTheirOwn() {
		String configuration = "-XX:AOTConfiguration=" + OUTPUT + ".conf";
		assertThat(ArchiveKind.AOT.trainingRuns(OUTPUT)).containsExactly(
				List.of("-XX:AOTMode=record", configuration, "-Dspring.context.exit=onRefresh"),
				List.of("-XX:AOTMode=create", configuration, "-XX:AOTCache=" + OUTPUT));
	}

	@ParameterizedTest
	@ValueSource(strings = { "-XX:SharedArchiveFile=/opt/shop.jsa", "-XX:AOTCache=/opt/shop.aot",
			"-XX:ArchiveClassesAtExit=/tmp/shop.jsa", "-XX:AOTCacheOutput=/tmp/shop.aot", "-XX:AOTMode=record",
			"-XX:AOTConfiguration=/tmp/shop.conf", "-Xshare:off", "-Xshare:on", "-Xshare:auto" })
	void isArchiveOptionWhenOptionChoosesOrMakesAnArchiveReturnsTrue(String option) {
		assertThat(ArchiveKind.isArchiveOption(option)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "-Xmx64m", "-XX:+UseSerialGC", "-Dshare=on", "-XX:+AutoCreateSharedArchive", "-Xlog:cds",
			"-XX:SharedArchiveFil=x" })
	void isArchiveOptionWhenOtherOptionReturnsFalse(String option) {
		assertThat(ArchiveKind.isArchiveOption(option)).isFalse();
	}

}
