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

package io.github.daemonstarter.unit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.daemonstarter.posix.CommandOutput;
import io.github.daemonstarter.posix.Executables;
import org.jspecify.annotations.Nullable;

/**
 * The {@code systemctl} command of this machine, if there is one.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class Systemctl {

	private static final Pattern VERSION = Pattern.compile("^systemd (\\d+)");

	private static final long TIMEOUT_SECONDS = 30;

	private static final Path SYSTEMD_RUNTIME_DIRECTORY = Path.of("/run/systemd/system");

	private final @Nullable Path executable;

	private final Path runtimeDirectory;

	private Systemctl(@Nullable Path executable, Path runtimeDirectory) {
		this.executable = executable;
		this.runtimeDirectory = runtimeDirectory;
	}

	/**
	 * Return a given {@code systemctl}.
	 * @param executable the {@code systemctl} executable or {@code null} if there is none
	 * @param runtimeDirectory the directory whose existence tells that systemd runs the
	 * machine, normally {@code /run/systemd/system}
	 * @return the command
	 */
	public static Systemctl of(@Nullable Path executable, Path runtimeDirectory) {
		return new Systemctl(executable, runtimeDirectory);
	}

	/**
	 * Return the {@code systemctl} found on the {@code PATH} or in {@code /usr/bin} and
	 * {@code /bin}.
	 * @return the command, which may be absent
	 */
	public static Systemctl find() {
		return new Systemctl(Executables.lookup("systemctl", "/usr/bin", "/bin").orElse(null),
				SYSTEMD_RUNTIME_DIRECTORY);
	}

	/**
	 * Return whether systemd manages this machine: {@code systemctl} is present and
	 * {@code /run/systemd/system} exists (the test of {@code sd_booted()}).
	 * @return whether systemd runs
	 */
	public boolean isSystemdRunning() {
		return this.executable != null && Files.isDirectory(this.runtimeDirectory);
	}

	/**
	 * Return the version of systemd from {@code systemctl --version}.
	 * @return the version or {@code null} if unknown
	 */
	public @Nullable Integer version() {
		if (this.executable == null) {
			return null;
		}
		try {
			CommandOutput output = CommandOutput.ofCombined(4096, Duration.ofSeconds(TIMEOUT_SECONDS),
					List.of(this.executable.toString(), "--version"));
			return (output.status() != null) ? parseVersion(output.text()) : null;
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	/**
	 * Return the version in the output of {@code systemctl --version}.
	 * @param output the output
	 * @return the version or {@code null}
	 */
	static @Nullable Integer parseVersion(String output) {
		Matcher matcher = VERSION.matcher(output.strip());
		return matcher.find() ? Integer.valueOf(matcher.group(1)) : null;
	}

	/**
	 * Run {@code systemctl} with the given arguments, its output on this process's
	 * standard streams.
	 * @param arguments the arguments
	 * @return the exit status of {@code systemctl}
	 * @throws IOException if it cannot be run
	 * @throws InterruptedException if interrupted while waiting
	 */
	public int run(List<String> arguments) throws IOException, InterruptedException {
		if (this.executable == null) {
			throw new IOException("systemctl not found");
		}
		List<String> command = new ArrayList<>();
		command.add(this.executable.toString());
		command.addAll(arguments);
		Integer status = CommandOutput.runShown(Duration.ofSeconds(TIMEOUT_SECONDS * 4), command);
		if (status == null) {
			throw new IOException("systemctl " + String.join(" ", arguments) + " did not finish");
		}
		return status;
	}

}
