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

package io.github.daemonstarter.launch;

import java.io.IOException;
import java.time.Duration;

import io.github.daemonstarter.runtime.WaitingProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link DetachedChild}, with real processes started through a waiting
 * {@code setsid}.
 *
 * @author Daemon Starter Team
 */
@EnabledOnOs(OS.LINUX)
class DetachedChildTests {

	private static final Duration DEADLINE = Duration.ofSeconds(10);

	@RegisterExtension
	final WaitingProcesses processes = new WaitingProcesses();

	@Test
	void waiterKnowsTheDaemonsPidFromTheStart() throws IOException {
		Process waiter = this.processes.startWaiter("sleep", "60");
		DetachedChild child = detachedChildOf(waiter);
		long daemon = child.pid().orElseThrow();
		assertThat(daemon).isNotEqualTo(waiter.pid());
		ProcessHandle handle = ProcessHandle.of(daemon).orElseThrow();
		assertThat(handle.parent().map(ProcessHandle::pid)).contains(waiter.pid());
		// The fork is known at once; the exec of the daemon's program follows it
		await().atMost(DEADLINE)
			.until(() -> handle.info().command().map((command) -> command.endsWith("/sleep")).orElse(false));
	}

	@Test
	void releaseEndsTheWaiterAndLeavesTheDaemonRunningAsNoChildOfThisJvm() throws Exception {
		Process waiter = this.processes.startWaiter("sleep", "60");
		DetachedChild child = detachedChildOf(waiter);
		long daemon = child.pid().orElseThrow();
		child.release();
		assertThat(waiter.isAlive()).isFalse();
		assertThat(ProcessHandle.of(daemon).map(ProcessHandle::isAlive)).contains(true);
		assertThat(ProcessHandle.current().children().map(ProcessHandle::pid)).doesNotContain(daemon, waiter.pid());
		assertThat(child.daemonEnded()).isFalse();
	}

	@Test
	void daemonThatExitsEndsTheWaiterWithItsExitStatus() throws Exception {
		DetachedChild child = DetachedChild.of(this.processes.startWaiter("sh", "-c", "exit 7"), true);
		assertThat(child.waitFor(DEADLINE)).isTrue();
		assertThat(child.exitValue()).isEqualTo(7);
		assertThat(child.daemonEnded()).isTrue();
	}

	@Test
	void terminateSignalsTheDaemonNotTheWaiter() throws Exception {
		Process waiter = this.processes.startWaiter("sleep", "60");
		DetachedChild child = detachedChildOf(waiter);
		long daemon = child.pid().orElseThrow();
		child.terminate();
		assertThat(child.waitFor(DEADLINE)).isTrue();
		assertThat(ProcessHandle.of(daemon).map(ProcessHandle::isAlive).orElse(false)).isFalse();
		assertThat(child.daemonEnded()).isTrue();
	}

	@Test
	void waiterKilledWhileTheDaemonRunsIsNotTheDaemonsEnd() throws Exception {
		Process waiter = this.processes.startWaiter("sleep", "60");
		DetachedChild child = detachedChildOf(waiter);
		waiter.destroyForcibly();
		await().atMost(DEADLINE).until(() -> child.onExit().isDone());
		assertThat(child.daemonEnded()).isFalse();
	}

	@Test
	void childWithoutWaiterIsTheDaemon() throws Exception {
		Process process = new ProcessBuilder("sleep", "60").start();
		this.processes.track(process.pid());
		DetachedChild child = DetachedChild.of(process, false);
		assertThat(child.pid()).hasValue(process.pid());
		assertThat(child.pidInParentheses()).isEqualTo(" (pid " + process.pid() + ")");
		child.release();
		assertThat(process.isAlive()).isTrue();
		child.terminate();
		assertThat(child.waitFor(DEADLINE)).isTrue();
		assertThat(child.daemonEnded()).isTrue();
	}

	private DetachedChild detachedChildOf(Process waiter) {
		// The daemon is no child of this JVM once released: end it by its PID after the
		// test
		DetachedChild child = DetachedChild.of(waiter, true);
		this.processes.track(child.pid().orElseThrow());
		return child;
	}

}
