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

package io.github.daemonstarter.supervised;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SupervisedApplication}.
 *
 * @author Daemon Starter Team
 */
class SupervisedApplicationTests {

	@Test
	void currentWhenNoSupervisorStartedThisProcessReturnsNull() {
		assertThat(System.getenv(SupervisedApplication.SUPERVISOR_PID_VARIABLE)).isNull();
		assertThat(SupervisedApplication.current()).isNull();
	}

	@Test
	void watchSupervisorRunsActionAtEndOfInputOnly() throws Exception {
		PipedOutputStream supervisorEnd = new PipedOutputStream();
		PipedInputStream applicationEnd = new PipedInputStream(supervisorEnd);
		CountDownLatch lost = new CountDownLatch(1);
		Thread watch = new SupervisedApplication(42, 3).watchSupervisor(applicationEnd, lost::countDown);
		assertThat(watch.isDaemon()).isTrue();
		assertThat(watch.getName()).isEqualTo("daemon-supervisor-watch");
		supervisorEnd.write("ignored".getBytes(StandardCharsets.UTF_8));
		supervisorEnd.flush();
		assertThat(lost.await(200, TimeUnit.MILLISECONDS)).as("action before end of input").isFalse();
		supervisorEnd.close();
		assertThat(lost.await(10, TimeUnit.SECONDS)).as("action at end of input").isTrue();
		await().atMost(Duration.ofSeconds(10)).until(() -> !watch.isAlive());
	}

	@Test
	void watchSupervisorRunsActionWhenInputBreaks() throws Exception {
		CountDownLatch lost = new CountDownLatch(1);
		new SupervisedApplication(42, 0).watchSupervisor(new java.io.InputStream() {

			@Override
			public int read() throws IOException {
				throw new IOException("broken pipe");
			}

		}, lost::countDown);
		assertThat(lost.await(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void awaitStartReturnsTrueOnceTheSupervisorWritesTheStartByte() throws Exception {
		assertThat(
				SupervisedApplication.awaitStart(new ByteArrayInputStream(new byte[] { SupervisedApplication.START })))
			.isTrue();
	}

	@Test
	void awaitStartReturnsFalseAtEndOfInput() {
		assertThat(SupervisedApplication.awaitStart(new ByteArrayInputStream(new byte[0]))).isFalse();
	}

	@Test
	void awaitStartReturnsFalseWhenInputBreaks() {
		assertThat(SupervisedApplication.awaitStart(new java.io.InputStream() {

			@Override
			public int read() throws IOException {
				throw new IOException("broken");
			}

		})).isFalse();
	}

	@Test
	void lostSupervisorWithoutVariableReturnsNull() {
		assertThat(System.getenv(SupervisedApplication.SUPERVISOR_PID_VARIABLE)).isNull();
		assertThat(SupervisedApplication.lostSupervisor()).isNull();
	}

	@Test
	void lostSupervisorNamesASupervisorThatIsGone() throws Exception {
		long gone = gonePid();
		assertThat(lostSupervisorIn(List.of(), Long.toString(gone))).isEqualTo(Long.toString(gone));
	}

	@Test
	void lostSupervisorIgnoresARunningSupervisorThatIsNotTheParent() throws Exception {
		assertThat(lostSupervisorIn(List.of(), "1")).isEqualTo("null");
	}

	@Test
	void lostSupervisorIgnoresAChildOfAnApplicationOfTheSameSupervisor() throws Exception {
		long gone = gonePid();
		assertThat(lostSupervisorIn(List.of("sh", "-c", "\"$@\"; exit $?", "sh"), Long.toString(gone)))
			.isEqualTo("null");
	}

	@Test
	void gettersReturnSupervisorPidAndRestarts() {
		SupervisedApplication supervised = new SupervisedApplication(42, 3);
		assertThat(supervised.getSupervisorPid()).isEqualTo(42);
		assertThat(supervised.getRestarts()).isEqualTo(3);
	}

	private static long gonePid() throws Exception {
		Process process = new ProcessBuilder("true").start();
		assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
		return process.pid();
	}

	/**
	 * Run {@link LostSupervisorProbe} in a new JVM, behind the given wrapper command,
	 * with the supervisor's variable set, and return what it printed.
	 * @param wrapper the command that runs the JVM, or none to run it as a child of this
	 * process
	 * @param supervisorPid the value of the variable
	 * @return the output
	 */
	private static String lostSupervisorIn(List<String> wrapper, String supervisorPid) throws Exception {
		List<String> command = new ArrayList<>(wrapper);
		command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:auto",
				"-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
				LostSupervisorProbe.class.getName()));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put(SupervisedApplication.SUPERVISOR_PID_VARIABLE, supervisorPid);
		Process process = builder.start();
		try {
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
			return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		}
		finally {
			process.destroyForcibly();
		}
	}

}
