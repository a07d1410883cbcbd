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

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Makes the start slow or failing on demand, to show what the launcher reports:
 * {@code --sample.startup.delay=5s} delays readiness (ended early once the file that
 * {@code sample.release-file} names exists), {@code --sample.startup.fail=true} fails the
 * start with an exception, and {@code --sample.startup.halt=true} ends the JVM abruptly
 * with status {@value #HALT_STATUS}, as a crash would, before it is ready.
 *
 * @author Daemon Starter Team
 */
@Component
class StartupSimulation implements ApplicationRunner {

	/**
	 * Exit status of the JVM when {@code sample.startup.halt} is set.
	 */
	static final int HALT_STATUS = 70;

	private final Duration delay;

	private final String releaseFile;

	private final boolean fail;

	private final boolean halt;

	StartupSimulation(@Value("${sample.startup.delay:0s}") Duration delay,
			@Value("${sample.release-file:}") String releaseFile, @Value("${sample.startup.fail:false}") boolean fail,
			@Value("${sample.startup.halt:false}") boolean halt) {
		this.delay = delay;
		this.releaseFile = releaseFile;
		this.fail = fail;
		this.halt = halt;
	}

	@Override
	public void run(ApplicationArguments args) throws InterruptedException {
		if (!this.delay.isZero()) {
			SampleWait.sleep(this.delay, this.releaseFile);
		}
		if (this.halt) {
			Runtime.getRuntime().halt(HALT_STATUS);
		}
		if (this.fail) {
			throw new IllegalStateException("Simulated startup failure (sample.startup.fail=true)");
		}
	}

}
