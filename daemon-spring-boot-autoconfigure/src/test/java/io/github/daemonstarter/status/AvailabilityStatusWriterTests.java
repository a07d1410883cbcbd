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

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.AvailabilityState;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AvailabilityStatusWriter}.
 *
 * @author Daemon Starter Team
 */
class AvailabilityStatusWriterTests {

	private static final Instant START = Instant.parse("2026-11-21T10:00:00Z");

	@TempDir
	Path directory;

	private final AtomicReference<Instant> now = new AtomicReference<>(START);

	private final Clock clock = new Clock() {

		@Override
		public Instant instant() {
			return AvailabilityStatusWriterTests.this.now.get();
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	};

	private StatusFile statusFile;

	private AvailabilityStatusWriter writer;

	@Test
	void initialStatesArePublishedWithTheTimeTheyTookHold() {
		createWriter();
		publish(LivenessState.CORRECT);
		assertThat(status()).isEqualTo(new AvailabilityStatus("CORRECT", START, null, null));
		this.now.set(START.plusSeconds(2));
		publish(ReadinessState.ACCEPTING_TRAFFIC);
		assertThat(status())
			.isEqualTo(new AvailabilityStatus("CORRECT", START, "ACCEPTING_TRAFFIC", START.plusSeconds(2)));
		assertThat(status().isAcceptingTraffic()).isTrue();
		assertThat(status().isBroken()).isFalse();
		assertThat(status().isRefusingTraffic()).isFalse();
	}

	@Test
	void changedStateIsPublishedWithTheTimeOfTheChange() {
		createWriter();
		publish(LivenessState.CORRECT);
		publish(ReadinessState.ACCEPTING_TRAFFIC);
		this.now.set(START.plusSeconds(60));
		publish(LivenessState.BROKEN);
		this.now.set(START.plusSeconds(90));
		publish(ReadinessState.REFUSING_TRAFFIC);
		assertThat(status()).isEqualTo(
				new AvailabilityStatus("BROKEN", START.plusSeconds(60), "REFUSING_TRAFFIC", START.plusSeconds(90)));
		assertThat(status().isBroken()).isTrue();
		assertThat(status().isRefusingTraffic()).isTrue();
	}

	@Test
	void stateThatIsPublishedAgainKeepsTheTimeItFirstTookHold() {
		createWriter();
		publish(LivenessState.BROKEN);
		this.now.set(START.plusSeconds(30));
		publish(LivenessState.BROKEN);
		assertThat(status().livenessSince()).isEqualTo(START);
	}

	@Test
	void otherAvailabilityStatesAreIgnored() {
		createWriter();
		publish(Custom.ON);
		assertThat(this.statusFile.read()).isEmpty();
	}

	@Test
	void entriesUseTheKeysThatReadersRelyOn() {
		createWriter();
		publish(LivenessState.CORRECT);
		publish(ReadinessState.ACCEPTING_TRAFFIC);
		assertThat(this.statusFile.read()).containsEntry("liveness", "CORRECT")
			.containsEntry("liveness-since", START.toString())
			.containsEntry("readiness", "ACCEPTING_TRAFFIC")
			.containsEntry("readiness-since", START.toString());
	}

	private void createWriter() {
		this.statusFile = new StatusFile(this.directory.resolve("app.status"));
		this.writer = new AvailabilityStatusWriter(new StatusPublisher(this.statusFile), this.clock);
	}

	private void publish(AvailabilityState state) {
		this.writer.onApplicationEvent(new AvailabilityChangeEvent<>(this, state));
	}

	private AvailabilityStatus status() {
		return AvailabilityStatus.fromEntries(this.statusFile.read());
	}

	enum Custom implements AvailabilityState {

		ON

	}

}
