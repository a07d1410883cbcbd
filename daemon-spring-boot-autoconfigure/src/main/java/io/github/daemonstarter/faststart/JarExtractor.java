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

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.github.daemonstarter.posix.CommandOutput;

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

	private static final int OUTPUT_KEPT = 16384;

	private static final Pattern STACK_TRACE_OMISSION = Pattern.compile("\\.\\.\\. [0-9]+ more");

	private static final String CAUSED_BY = "Caused by: ";

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
	 * @throws IOException if the tool fails, with the cause that it reported last
	 * @throws InterruptedException if interrupted while the tool runs
	 */
	void extract(Path jar, Path destination) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(this.commandPrefix);
		command.add(this.java);
		command.addAll(EXTRACTOR_OPTIONS);
		command.addAll(
				List.of("-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination", destination.toString()));
		// Kept in memory, not in a file beside the layout: a full disk would lose the
		// reason of the failure that it causes
		CommandOutput output = CommandOutput.ofCombinedTail(OUTPUT_KEPT, TIMEOUT, command);
		if (output.status() == null) {
			throw new IOException("extracting " + jar + " took longer than " + TIMEOUT.toMinutes() + " minutes");
		}
		if (output.status() != 0) {
			throw new IOException("extracting " + jar + " with -Djarmode=tools failed with exit status "
					+ output.status() + reason(output.text()));
		}
	}

	/**
	 * Return the reason of a failure that the tool wrote: its last line that is not a
	 * frame of a stack trace, which is the deepest cause of an exception.
	 * @param output what the tool wrote
	 * @return the reason after a colon, or an empty string
	 */
	static String reason(String output) {
		List<String> lines = output.lines()
			.map(String::strip)
			.filter((line) -> !line.isEmpty() && !line.startsWith("at ")
					&& !STACK_TRACE_OMISSION.matcher(line).matches())
			.toList();
		if (lines.isEmpty()) {
			return "";
		}
		String last = lines.get(lines.size() - 1);
		return ": " + (last.startsWith(CAUSED_BY) ? last.substring(CAUSED_BY.length()) : last);
	}

}
