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

package io.github.daemonstarter.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The waits of the sample's simulations: for a given time, or less if the file that
 * {@code sample.release-file} names appears first. A test that has seen what it waited
 * for then ends the wait rather than sit out a time chosen long enough for a loaded
 * machine.
 *
 * @author Daemon Starter Team
 */
final class SampleWait {

	private static final long POLL_MILLIS = 50;

	private SampleWait() {
	}

	/**
	 * Wait for the given time, or until the release file exists.
	 * @param duration how long to wait at most
	 * @param releaseFile the file whose existence ends the wait, or an empty string for
	 * none
	 * @throws InterruptedException if interrupted while waiting
	 */
	static void sleep(Duration duration, String releaseFile) throws InterruptedException {
		if (releaseFile.isEmpty()) {
			Thread.sleep(duration.toMillis());
			return;
		}
		Path file = Path.of(releaseFile);
		long deadline = System.nanoTime() + duration.toNanos();
		while (!Files.exists(file)) {
			long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
			if (left <= 0) {
				return;
			}
			Thread.sleep(Math.min(left, POLL_MILLIS));
		}
	}

}
