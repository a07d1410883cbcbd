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

package io.github.daemonstarter.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SetsidWaiter}, with real processes started through a waiting
 * {@code setsid}.
 *
 * @author Daemon Starter Team
 */
@EnabledOnOs(OS.LINUX)
class SetsidWaiterTests {

	private static final Duration DEADLINE = Duration.ofSeconds(10);

	@RegisterExtension
	final WaitingProcesses processes = new WaitingProcesses();

	@Test
	void waiterCommandRunsTheLeadersCommand() {
		List<String> leader = List.of("/usr/bin/java", "-jar", "app.jar", "--daemon");
		assertThat(SetsidWaiter.isWaiterCommand(concat(List.of("/usr/bin/setsid", "--fork", "--wait"), leader), leader))
			.isTrue();
		assertThat(SetsidWaiter.isWaiterCommand(
				concat(List.of("setsid", "--fork", "--wait", "/usr/bin/setpriv", "--reuid=app"), leader), leader))
			.as("through a user switch")
			.isTrue();
	}

	@Test
	void otherCommandsAreNoWaiters() {
		List<String> leader = List.of("/usr/bin/java", "-jar", "app.jar", "--daemon");
		assertThat(SetsidWaiter.isWaiterCommand(concat(List.of("/usr/bin/setsid"), leader), leader))
			.as("a setsid that does not wait")
			.isFalse();
		assertThat(SetsidWaiter.isWaiterCommand(concat(List.of("/usr/bin/nohup", "--fork", "--wait"), leader), leader))
			.as("another program")
			.isFalse();
		assertThat(SetsidWaiter.isWaiterCommand(
				List.of("/usr/bin/setsid", "--fork", "--wait", "/usr/bin/java", "-jar", "other.jar", "--daemon"),
				leader))
			.as("another command")
			.isFalse();
		assertThat(SetsidWaiter.isWaiterCommand(List.of("/usr/bin/setsid", "--fork", "--wait"), List.of()))
			.as("no command")
			.isFalse();
	}

	@Test
	void waiterIsFoundFromTheSessionLeaderAndFromItsChildren() throws Exception {
		Process waiter = this.processes.startWaiter("sh", "-c", "sleep 60 & wait");
		long leader = await().atMost(DEADLINE).until(() -> childOf(waiter.pid()), (pid) -> pid != 0);
		long leadersChild = await().atMost(DEADLINE).until(() -> childOf(leader), (pid) -> pid != 0);
		this.processes.track(leader);
		this.processes.track(leadersChild);
		await().atMost(DEADLINE).until(() -> SetsidWaiter.find(leadersChild).isPresent());
		assertThat(SetsidWaiter.find(leader)).hasValue(waiter.pid());
		assertThat(SetsidWaiter.find(leadersChild)).hasValue(waiter.pid());
	}

	@Test
	void thisJvmHasNoWaiter() {
		assertThat(SetsidWaiter.find(ProcessHandle.current().pid())).isEmpty();
	}

	private static long childOf(long parent) {
		return ProcessHandle.of(parent)
			.flatMap((process) -> process.children().findFirst())
			.map(ProcessHandle::pid)
			.orElse(0L);
	}

	private static List<String> concat(List<String> first, List<String> second) {
		List<String> all = new ArrayList<>(first);
		all.addAll(second);
		return all;
	}

}
