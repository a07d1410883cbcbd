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

package io.github.daemonstarter.faststart;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Extracts an executable jar with Spring Boot's own tool,
 * {@code java -Djarmode=tools -jar app.jar extract}, which writes the application's jar
 * and its libraries beside it: the layout that Spring Boot recommends for class data
 * sharing.
 *
 * @author Daemon Starter Team
 */
class JarExtractor {

	/**
	 * Options of the extracting JVM, which runs for a second: no optimizing compiler and
	 * no performance data file.
	 */
	private static final List<String> EXTRACTOR_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
			"-Xshare:auto");

	private static final Duration TIMEOUT = Duration.ofMinutes(5);

	private final String java;

	private final List<String> commandPrefix;

	/**
	 * Create an extractor.
	 * @param java the java binary that the daemon runs
	 * @param commandPrefix the arguments that run the extractor as the daemon's user, or
	 * an empty list
	 */
	JarExtractor(String java, List<String> commandPrefix) {
		this.java = java;
		this.commandPrefix = List.copyOf(commandPrefix);
	}

	/**
	 * Extract a jar into a directory that does not exist yet.
	 * @param jar the executable jar
	 * @param destination the directory to create
	 * @param log the file that the tool's output goes to
	 * @throws IOException if the tool fails, with the last line it wrote
	 * @throws InterruptedException if interrupted while the tool runs
	 */
	void extract(Path jar, Path destination, Path log) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(this.commandPrefix);
		command.add(this.java);
		command.addAll(EXTRACTOR_OPTIONS);
		command.addAll(
				List.of("-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination", destination.toString()));
		Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try {
			if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new IOException("extracting " + jar + " took longer than " + TIMEOUT.toMinutes() + " minutes");
			}
			if (process.exitValue() != 0) {
				throw new IOException("extracting " + jar + " with -Djarmode=tools failed with exit status "
						+ process.exitValue() + lastLine(log));
			}
		}
		finally {
			process.destroyForcibly();
		}
	}

	private static String lastLine(Path log) {
		try {
			List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8)
				.stream()
				.filter((line) -> !line.isBlank())
				.toList();
			return lines.isEmpty() ? "" : ": " + lines.get(lines.size() - 1).strip();
		}
		catch (IOException ex) {
			return "";
		}
	}

}
