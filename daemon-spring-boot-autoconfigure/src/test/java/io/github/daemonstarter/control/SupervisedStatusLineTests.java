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

import java.nio.file.Path;
import java.time.Instant;

import io.github.daemonstarter.status.SupervisorReload;
import io.github.daemonstarter.status.SupervisorStatus;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SupervisedStatusLine}.
 *
 * @author Daemon Starter Team
 */
class SupervisedStatusLineTests {

	private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

	private static final Path LOG = Path.of("/srv/app/app.log");

	@Test
	void whenApplicationRunsNamesBothPidsUptimeRestartsAndLastExit() {
		SupervisorStatus status = new SupervisorStatus(100, "RUNNING", 200L, "/srv/app/app.app.pid",
				NOW.minusSeconds(125), 1, "killed by SIGKILL (exit status 137)", NOW.minusSeconds(127), null, null);
		assertThat(SupervisedStatusLine.of("app", status, LOG, NOW))
			.isEqualTo("app is running (pid 200, supervisor pid 100, up 2m 5s, 1 restart, last exit: killed by SIGKILL "
					+ "(exit status 137) 2m 7s ago, log file /srv/app/app.log)");
	}

	@Test
	void whenApplicationRunsWithoutRestartsHasNoLastExit() {
		SupervisorStatus status = new SupervisorStatus(100, "RUNNING", 200L, "/srv/app/app.app.pid", NOW, 0, null, null,
				null, null);
		assertThat(SupervisedStatusLine.of("app", status, LOG, NOW))
			.isEqualTo("app is running (pid 200, supervisor pid 100, up 0s, 0 restarts, log file /srv/app/app.log)");
	}

	@Test
	void whenApplicationRunsDegradedSaysWhyBeforeThePids() {
		SupervisorStatus status = new SupervisorStatus(100, "RUNNING", 200L, "/srv/app/app.app.pid", NOW, 0, null, null,
				null, null);
		assertThat(SupervisedStatusLine.isRunning(status)).isTrue();
		assertThat(SupervisedStatusLine.of("app", status, "worker flaky gave up 5s ago (critical, liveness BROKEN)",
				LOG, NOW))
			.isEqualTo("app is running, degraded: worker flaky gave up 5s ago (critical, liveness BROKEN) (pid 200, "
					+ "supervisor pid 100, up 0s, 0 restarts, log file /srv/app/app.log)");
	}

	@Test
	void whenInBackoffTheApplicationDoesNotRun() {
		SupervisorStatus status = new SupervisorStatus(100, "BACKOFF", null, "/srv/app/app.app.pid", null, 3,
				"exit status 70", NOW.minusSeconds(1), NOW.plusSeconds(4), 300L);
		assertThat(SupervisedStatusLine.isRunning(status)).isFalse();
	}

	@Test
	void whenInBackoffSaysWhenTheApplicationStartsAgain() {
		SupervisorStatus status = new SupervisorStatus(100, "BACKOFF", null, "/srv/app/app.app.pid", null, 3,
				"exit status 70", NOW.minusSeconds(1), NOW.plusSeconds(4), null);
		assertThat(SupervisedStatusLine.of("app", status, LOG, NOW))
			.isEqualTo("app is restarting (supervisor pid 100, next start in 4s, 3 restarts, last exit: exit status 70 "
					+ "1s ago, log file /srv/app/app.log)");
	}

	@Test
	void whenInBackoffWithTheNextJvmBootingNamesItsPid() {
		SupervisorStatus status = new SupervisorStatus(100, "BACKOFF", null, "/srv/app/app.app.pid", null, 3,
				"exit status 70", NOW.minusSeconds(1), NOW.plusSeconds(4), 300L);
		assertThat(SupervisedStatusLine.of("app", status, LOG, NOW))
			.isEqualTo("app is restarting (supervisor pid 100, next start in 4s, its JVM booting as pid 300, "
					+ "3 restarts, last exit: exit status 70 1s ago, log file /srv/app/app.log)");
	}

	@Test
	void whenStoppingWithoutApplicationSaysSo() {
		SupervisorStatus status = new SupervisorStatus(100, "STOPPING", null, "/srv/app/app.app.pid", null, 0, null,
				null, null, null);
		assertThat(SupervisedStatusLine.of("app", status, LOG, NOW))
			.isEqualTo("app is stopping (supervisor pid 100, 0 restarts, log file /srv/app/app.log)");
	}

	@Test
	void whenReloadingNamesTheJvmThatTakesOverOnTheSameSocket() {
		SupervisorStatus status = new SupervisorStatus(100, "RELOADING", 200L, "/srv/app/app.app.pid", NOW, 0, null,
				null, null, 300L, handover(0, null, false, null));
		assertThat(SupervisedStatusLine.isRunning(status)).isTrue();
		assertThat(SupervisedStatusLine.of("app", status, LOG, NOW))
			.isEqualTo("app is running (pid 200, supervisor pid 100, up 0s, serving while pid 300 starts to take over "
					+ "on the same socket, 0 restarts, log file /srv/app/app.log)");
	}

	@Test
	void whenRunningWithANextJvmButNotReloadingSaysNothingOfATakeOver() {
		SupervisorStatus status = new SupervisorStatus(100, "RUNNING", 200L, "/srv/app/app.app.pid", NOW, 0, null, null,
				null, 300L, handover(0, null, false, null));
		assertThat(SupervisedStatusLine.of("app", status, LOG, NOW)).doesNotContain("take over");
	}

	@Test
	void whenTheReplacedJvmIsRetiringSaysItFinishesItsRequests() {
		SupervisorStatus status = new SupervisorStatus(100, "RUNNING", 300L, "/srv/app/app.app.next.pid",
				NOW.minusSeconds(3), 0, null, null, null, null, handover(1, NOW.minusSeconds(1), false, 200L));
		assertThat(SupervisedStatusLine.of("app", status, LOG, NOW))
			.isEqualTo("app is running (pid 300, supervisor pid 100, up 3s, serving since a reload while pid 200 "
					+ "finishes its requests, 0 restarts, 1 reload, log file /srv/app/app.log)");
	}

	@Test
	void whenReloadedSeveralTimesCountsTheReloads() {
		SupervisorStatus status = new SupervisorStatus(100, "RUNNING", 200L, "/srv/app/app.app.pid", NOW, 0, null, null,
				null, null, handover(3, NOW.minusSeconds(60), false, null));
		assertThat(SupervisedStatusLine.of("app", status, LOG, NOW))
			.isEqualTo("app is running (pid 200, supervisor pid 100, up 0s, 0 restarts, 3 reloads, "
					+ "log file /srv/app/app.log)");
	}

	@Test
	void whenTheLastReloadFailedSaysWhen() {
		SupervisorStatus status = new SupervisorStatus(100, "RUNNING", 200L, "/srv/app/app.app.pid",
				NOW.minusSeconds(125), 1, "exit status 70", NOW.minusSeconds(127), null, null,
				handover(2, NOW.minusSeconds(5), true, null));
		assertThat(SupervisedStatusLine.of("app", status, LOG, NOW))
			.isEqualTo("app is running (pid 200, supervisor pid 100, up 2m 5s, 1 restart, last exit: exit status 70 "
					+ "2m 7s ago, 2 reloads, last reload failed 5s ago, log file /srv/app/app.log)");
	}

	private static SupervisorReload handover(int count, @Nullable Instant lastAt, boolean lastFailed,
			@Nullable Long retiringPid) {
		return new SupervisorReload(SupervisorReload.HANDOVER, null, count, lastAt,
				(lastAt != null) ? "pid 200 replaced by pid 300" : null, lastFailed, retiringPid);
	}

}
