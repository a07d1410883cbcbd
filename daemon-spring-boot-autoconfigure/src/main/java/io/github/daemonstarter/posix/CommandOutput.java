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

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * The output of a short helper command that reads nothing (such as {@code getent},
 * {@code setpriv --list-caps} or {@code setsid --version}), and its exit status. Every
 * helper command that daemon mode runs and waits for is run here.
 *
 * @param text what the command wrote to its standard output, or the part of it that was
 * kept
 * @param status the exit status, or {@code null} if the command did not end within its
 * timeout, 10 seconds unless another is given (it is then killed)
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public record CommandOutput(String text, @Nullable Integer status) {

	private static final File DEV_NULL = new File("/dev/null");

	private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration READER_GRACE = Duration.ofSeconds(5);

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
		ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
		return run(builder, Integer.MAX_VALUE, DEFAULT_TIMEOUT);
	}

	/**
	 * Run a command with standard input from {@code /dev/null} and read the start of what
	 * it writes to its standard output and standard error together, as a version query
	 * such as {@code setsid --version} answers.
	 * @param maxBytes how much of the output to read at most
	 * @param timeout how long to wait for the command to end before it is killed, or
	 * {@code null} to wait as long as it runs
	 * @param command the command and its arguments
	 * @return the output and the exit status
	 * @throws IOException if the command cannot be started or read
	 * @throws InterruptedException if interrupted while waiting
	 */
	public static CommandOutput ofCombined(int maxBytes, @Nullable Duration timeout, List<String> command)
			throws IOException, InterruptedException {
		return run(new ProcessBuilder(command).redirectErrorStream(true), maxBytes, timeout);
	}

	/**
	 * Run a command with standard input from {@code /dev/null} and keep the end of what
	 * it writes to its standard output and standard error together, as a tool whose
	 * failure ends in a stack trace writes it: its cause comes last. The output is read
	 * as it comes, so a command that writes much never waits for its reader.
	 * @param maxBytes how much of the end of the output to keep at most
	 * @param timeout how long to wait for the command to end before it is killed
	 * @param command the command and its arguments
	 * @return the end of the output and the exit status
	 * @throws IOException if the command cannot be started
	 * @throws InterruptedException if interrupted while waiting, which kills the command
	 */
	public static CommandOutput ofCombinedTail(int maxBytes, Duration timeout, List<String> command)
			throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
			.start();
		OutputTail tail = new OutputTail(process.getInputStream(), maxBytes);
		Thread reader = new Thread(tail::read, "command-output");
		reader.setDaemon(true);
		reader.start();
		try {
			Integer status = awaitStatus(process, timeout);
			// Ends with the command, unless a process that it started holds the output
			reader.join(READER_GRACE.toMillis());
			return new CommandOutput(tail.text(), status);
		}
		finally {
			process.destroyForcibly();
		}
	}

	/**
	 * Run a command with standard input from {@code /dev/null} and its output on this
	 * process's own standard output and standard error, so that the user sees it.
	 * @param timeout how long to wait for the command to end before it is killed
	 * @param command the command and its arguments
	 * @return the exit status, or {@code null} if the command did not end in time
	 * @throws IOException if the command cannot be started
	 * @throws InterruptedException if interrupted while waiting
	 */
	public static @Nullable Integer runShown(Duration timeout, List<String> command)
			throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).inheritIO()
			.redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
			.start();
		return awaitStatus(process, timeout);
	}

	private static CommandOutput run(ProcessBuilder builder, int maxBytes, @Nullable Duration timeout)
			throws IOException, InterruptedException {
		Process process = builder.redirectInput(ProcessBuilder.Redirect.from(DEV_NULL)).start();
		String text;
		try (InputStream in = process.getInputStream()) {
			text = new String(in.readNBytes(maxBytes), StandardCharsets.UTF_8);
		}
		return new CommandOutput(text, awaitStatus(process, timeout));
	}

	private static @Nullable Integer awaitStatus(Process process, @Nullable Duration timeout)
			throws InterruptedException {
		if (timeout == null) {
			return process.waitFor();
		}
		if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			process.destroyForcibly();
			return null;
		}
		return process.exitValue();
	}

	/**
	 * The end of a command's output, read until the command closes it.
	 */
	private static final class OutputTail {

		private final InputStream in;

		private final int maxBytes;

		private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

		OutputTail(InputStream in, int maxBytes) {
			this.in = in;
			this.maxBytes = maxBytes;
		}

		void read() {
			byte[] buffer = new byte[8192];
			try (InputStream stream = this.in) {
				int read;
				while ((read = stream.read(buffer)) != -1) {
					keep(buffer, read);
				}
			}
			catch (IOException ex) {
				// The command was killed: what it wrote until then is kept
			}
		}

		private synchronized void keep(byte[] buffer, int length) {
			this.kept.write(buffer, 0, length);
			if (this.kept.size() > 2 * this.maxBytes) {
				byte[] end = lastBytes();
				this.kept.reset();
				this.kept.write(end, 0, end.length);
			}
		}

		private byte[] lastBytes() {
			byte[] all = this.kept.toByteArray();
			return Arrays.copyOfRange(all, Math.max(0, all.length - this.maxBytes), all.length);
		}

		synchronized String text() {
			return new String(lastBytes(), StandardCharsets.UTF_8);
		}

	}

}
