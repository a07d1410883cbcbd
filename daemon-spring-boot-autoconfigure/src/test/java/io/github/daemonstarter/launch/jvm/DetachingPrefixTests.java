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

package io.github.daemonstarter.launch.jvm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DetachingPrefix}.
 *
 * @author Daemon Starter Team
 */
class DetachingPrefixTests {

	@Test
	void isUtilLinuxWithWaitAcceptsVersion226AndLater() {
		assertThat(DetachingPrefix.isUtilLinuxWithWait("setsid from util-linux 2.38.1\n")).isTrue();
		assertThat(DetachingPrefix.isUtilLinuxWithWait("setsid from util-linux 2.26\n")).isTrue();
		assertThat(DetachingPrefix.isUtilLinuxWithWait("setsid from util-linux 3.0\n")).isTrue();
		assertThat(DetachingPrefix.isUtilLinuxWithWait("setsid from util-linux 2.23.2\n")).isFalse();
		assertThat(DetachingPrefix.isUtilLinuxWithWait("BusyBox v1.36.1 (2023-11-07) multi-call binary.\n")).isFalse();
		assertThat(DetachingPrefix.isUtilLinuxWithWait("")).isFalse();
	}

	@Test
	void setsidCanWaitOnThisMachine() {
		assertThat(DetachingPrefix.setsidCanWait()).isTrue();
	}

	@Test
	void ignoredSignalsWhenNoneIgnoredReturnsEmptyList() {
		assertThat(DetachingPrefix.ignoredSignals(procStatus("0000000000000000"))).isEmpty();
	}

	@Test
	void ignoredSignalsWhenHangupIgnoredReturnsHup() {
		assertThat(DetachingPrefix.ignoredSignals(procStatus("0000000000000001"))).containsExactly("HUP");
	}

	@Test
	void ignoredSignalsReturnsHupIntQuitAndTerm() {
		assertThat(DetachingPrefix.ignoredSignals(procStatus("0000000000004007"))).containsExactly("HUP", "INT", "QUIT",
				"TERM");
		assertThat(DetachingPrefix.ignoredSignals(procStatus("ffffffffffffffff"))).containsExactly("HUP", "INT", "QUIT",
				"TERM");
	}

	@Test
	void ignoredSignalsIgnoresOtherSignals() {
		assertThat(DetachingPrefix.ignoredSignals(procStatus("0000000000001000"))).isEmpty();
		assertThat(DetachingPrefix.ignoredSignals(procStatus("0000000000005000"))).containsExactly("TERM");
	}

	@Test
	void ignoredSignalsWhenNoSigIgnLineReturnsEmptyList() {
		assertThat(DetachingPrefix.ignoredSignals("Name:\tjava\nState:\tS (sleeping)\n")).isEmpty();
	}

	@Test
	void ignoredSignalsReadsThisProcessStatus() throws IOException {
		String status = Files.readString(Path.of("/proc/self/status"), StandardCharsets.ISO_8859_1);
		assertThat(DetachingPrefix.ignoredSignals(status)).isSubsetOf("HUP", "INT", "QUIT", "TERM");
	}

	private static String procStatus(String sigIgn) {
		return "Name:\tjava\nSigQ:\t0/96365\nSigPnd:\t0000000000000000\nShdPnd:\t0000000000000000\n"
				+ "SigBlk:\t0000000000000000\nSigIgn:\t" + sigIgn + "\nSigCgt:\t0000000000004442\n";
	}

}
