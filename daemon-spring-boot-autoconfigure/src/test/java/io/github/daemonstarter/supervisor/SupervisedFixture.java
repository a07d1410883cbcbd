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

package io.github.daemonstarter.supervisor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.github.daemonstarter.supervised.SupervisedApplication;

/**
 * An application for {@link DaemonSupervisorTests} that talks to its supervisor as a
 * supervised Spring Boot application does, without Spring Boot: a JVM that the supervisor
 * starts and that records what happens to it in a file.
 *
 * @author Daemon Starter Team
 */
public final class SupervisedFixture {

	private SupervisedFixture() {
	}

	/**
	 * Return the command that runs the fixture.
	 * @param mode what the fixture does: {@code gated} (records {@code <pid> booted
	 * <restarts>}, waits for the start, records {@code <pid> started}, then exits with 3
	 * on its first run and sleeps on later ones), {@code watch} (waits for the start,
	 * then records {@code eof} once the supervisor is gone), {@code exit} (waits for the
	 * start, then exits with 3 after a second)
	 * @param file the file that the fixture records in
	 * @return the command
	 */
	static List<String> command(String mode, Path file) {
		return new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx32m",
				"-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp",
				System.getProperty("java.class.path"), SupervisedFixture.class.getName(), mode, file.toString()));
	}

	public static void main(String[] args) throws Exception {
		String mode = args[0];
		Path file = Path.of(args[1]);
		long pid = ProcessHandle.current().pid();
		SupervisedApplication supervised = SupervisedApplication.current();
		if (supervised == null) {
			// The supervisor died before this JVM could look: it is lost as well
			if (mode.equals("watch")) {
				record(file, "eof");
			}
			System.exit(2);
			return;
		}
		if (mode.equals("gated")) {
			record(file, pid + " booted " + supervised.getRestarts());
		}
		if (!supervised.awaitStart()) {
			// A supervisor gone before the start is lost as one gone later
			if (mode.equals("watch")) {
				record(file, "eof");
			}
			System.exit(1);
		}
		switch (mode) {
			case "gated" -> {
				record(file, pid + " started");
				if (supervised.getRestarts() == 0) {
					System.exit(3);
				}
				Thread.sleep(60_000);
			}
			case "watch" -> {
				CountDownLatch lost = new CountDownLatch(1);
				supervised.watchSupervisor(lost::countDown);
				lost.await();
				record(file, "eof");
			}
			case "exit" -> {
				Thread.sleep(1000);
				System.exit(3);
			}
			default -> throw new IllegalArgumentException(mode);
		}
	}

	private static void record(Path file, String line) throws IOException {
		Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
				StandardOpenOption.APPEND);
	}

}
