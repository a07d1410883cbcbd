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

package io.github.daemonstarter.role;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.github.daemonstarter.DaemonConsole;
import io.github.daemonstarter.ExitStatus;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.core.Ordered;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SupervisorStartGate}.
 *
 * @author Daemon Starter Team
 */
class SupervisorStartGateTests {

	private final List<Integer> exits = new ArrayList<>();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private final DaemonConsole console = new DaemonConsole(new PrintStream(new ByteArrayOutputStream()),
			new PrintStream(this.err, true, StandardCharsets.UTF_8), false);

	@Test
	void orderIsFirst() {
		assertThat(new SupervisorStartGate().getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE);
	}

	@Test
	void constructorDoesNotWaitForTheSupervisor() {
		List<String> calls = new ArrayList<>();
		new SupervisorStartGate(this.exits::add, this.console, () -> {
			calls.add("await");
			return null;
		});
		assertThat(calls).isEmpty();
	}

	@Test
	void startingWhenSupervisorLetsTheApplicationStartGoesOn() {
		List<String> calls = new ArrayList<>();
		SupervisorStartGate gate = new SupervisorStartGate(this.exits::add, this.console, () -> {
			calls.add("await");
			return null;
		});
		gate.onApplicationEvent(starting());
		assertThat(calls).containsExactly("await");
		assertThat(this.exits).isEmpty();
		assertThat(this.err.toString(StandardCharsets.UTF_8)).isEmpty();
	}

	@Test
	void startingWhenSupervisorIsGoneExitsWithOneAndSaysWhy() {
		SupervisorStartGate gate = new SupervisorStartGate(this.exits::add, this.console, () -> 4242L);
		gate.onApplicationEvent(starting());
		assertThat(this.exits).containsExactly(ExitStatus.FAILURE);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains(
				"The supervisor (pid 4242) is gone before it let the application start; exiting rather than running unsupervised");
	}

	@Test
	void startingWithoutSupervisorDoesNothing() {
		new SupervisorStartGate(this.exits::add, this.console, () -> null).onApplicationEvent(starting());
		assertThat(this.exits).isEmpty();
	}

	private ApplicationStartingEvent starting() {
		return new ApplicationStartingEvent(new DefaultBootstrapContext(), new SpringApplication(), new String[0]);
	}

}
