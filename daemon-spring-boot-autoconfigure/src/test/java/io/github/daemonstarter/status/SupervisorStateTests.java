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
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SupervisorState}.
 *
 * @author Daemon Starter Team
 */
class SupervisorStateTests {

	private static final Map<SupervisorState, Set<SupervisorState>> TRANSITIONS = Map.of(SupervisorState.STARTING,
			EnumSet
				.of(SupervisorState.RUNNING, SupervisorState.BACKOFF, SupervisorState.STOPPING, SupervisorState.ENDED),
			SupervisorState.RUNNING,
			EnumSet.of(SupervisorState.RESTARTING, SupervisorState.RELOADING, SupervisorState.BACKOFF,
					SupervisorState.STOPPING, SupervisorState.ENDED),
			SupervisorState.RELOADING, EnumSet.of(SupervisorState.RUNNING, SupervisorState.STOPPING),
			SupervisorState.RESTARTING, EnumSet.of(SupervisorState.STARTING, SupervisorState.STOPPING),
			SupervisorState.BACKOFF, EnumSet.of(SupervisorState.STARTING, SupervisorState.STOPPING),
			SupervisorState.STOPPING, EnumSet.of(SupervisorState.ENDED), SupervisorState.ENDED,
			EnumSet.noneOf(SupervisorState.class));

	@Test
	void publishedStatesKeepTheNamesThatStatusFilesOfRunningSupervisorsHold() {
		assertThat(SupervisorState.RUNNING.name()).isEqualTo("RUNNING");
		assertThat(SupervisorState.BACKOFF.name()).isEqualTo("BACKOFF");
		assertThat(SupervisorState.STOPPING.name()).isEqualTo("STOPPING");
	}

	@ParameterizedTest
	@EnumSource(names = { "RUNNING", "BACKOFF", "STOPPING" })
	void publishedStateReadsBackFromAStatusFileAsItself(SupervisorState state, @TempDir Path directory) {
		StatusFile statusFile = new StatusFile(directory.resolve("app.status"));
		statusFile
			.write(new SupervisorStatus(100, state.name(), null, "/var/run/app.pid", null, 0, null, null, null, null)
				.toEntries());
		SupervisorStatus status = SupervisorStatus.fromEntries(statusFile.read());
		assertThat(status).isNotNull();
		assertThat(status.isIn(state)).isTrue();
		assertThat(EnumSet.complementOf(EnumSet.of(state))).noneMatch(status::isIn);
	}

	@Test
	void stateThatThisVersionDoesNotKnowIsInNoState() {
		SupervisorStatus status = new SupervisorStatus(100, "GAVE_UP", null, "/var/run/app.pid", null, 0, null, null,
				null, null);
		assertThat(EnumSet.allOf(SupervisorState.class)).noneMatch(status::isIn);
	}

	@ParameterizedTest
	@EnumSource
	void canBecomeOnlyTheStatesTheSupervisorGoesTo(SupervisorState state) {
		Set<SupervisorState> expected = TRANSITIONS.get(state);
		assertThat(EnumSet.allOf(SupervisorState.class))
			.allSatisfy((next) -> assertThat(state.canBecome(next)).as("%s to %s", state, next)
				.isEqualTo(expected.contains(next)));
	}

	@Test
	void stoppingLeadsOnlyToTheEnd() {
		assertThat(EnumSet.allOf(SupervisorState.class)).filteredOn(SupervisorState.STOPPING::canBecome)
			.containsExactly(SupervisorState.ENDED);
		assertThat(EnumSet.allOf(SupervisorState.class)).noneMatch(SupervisorState.ENDED::canBecome);
	}

	@Test
	void everyStateButTheEndCanStop() {
		assertThat(EnumSet.complementOf(EnumSet.of(SupervisorState.STOPPING, SupervisorState.ENDED)))
			.allMatch((state) -> state.canBecome(SupervisorState.STOPPING));
	}

	@Test
	void isEndingOnlyWhenStoppingOrEnded() {
		assertThat(EnumSet.allOf(SupervisorState.class)).filteredOn(SupervisorState::isEnding)
			.containsExactly(SupervisorState.STOPPING, SupervisorState.ENDED);
	}

}
