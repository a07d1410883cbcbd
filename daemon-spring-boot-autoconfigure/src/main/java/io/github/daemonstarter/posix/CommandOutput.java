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

package io.github.daemonstarter.posix;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * The standard output of a command that reads nothing, and its exit status.
 *
 * @param text what the command wrote to its standard output
 * @param status the exit status, or {@code null} if the command did not end within 10
 * seconds (it is then killed)
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public record CommandOutput(String text, @Nullable Integer status) {

	private static final File DEV_NULL = new File("/dev/null");

	/**
	 * Run a command with standard input from {@code /dev/null}, its standard error
	 * discarded, and read all of its standard output. A command that does not end within
	 * 10 seconds is killed.
	 * @param command the command and its arguments
	 * @return the output and the exit status
	 * @throws IOException if the command cannot be started or read
	 * @throws InterruptedException if interrupted while waiting
	 */
	public static CommandOutput of(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		String text;
		try (InputStream in = process.getInputStream()) {
			text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		if (!process.waitFor(10, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			return new CommandOutput(text, null);
		}
		return new CommandOutput(text, process.exitValue());
	}

}
