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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Runs {@code systemd-analyze verify} on a unit file, for the tests.
 *
 * @author Daemon Starter Team
 */
final class SystemdAnalyze {

	private static final Path TOOL = Path.of("/usr/bin/systemd-analyze");

	private SystemdAnalyze() {
	}

	/**
	 * Verify a unit, skipping the test with a reason when the tool is absent or cannot
	 * verify even a minimal unit here.
	 * @param directory a directory for the unit file
	 * @param fileName the file name of the unit
	 * @param content the unit
	 * @return the output of the tool
	 * @throws Exception on failure
	 */
	static String verify(Path directory, String fileName, String content) throws Exception {
		assumeThat(Files.isExecutable(TOOL)).as("systemd-analyze is not installed at " + TOOL).isTrue();
		Path probe = directory.resolve("probe-unit.service");
		Files.writeString(probe, "[Service]\nExecStart=" + ServiceDefinitions.JAVA + " -version\n");
		Result probed = run(probe);
		assumeThat(probed.status()).as("systemd-analyze verify cannot run here: " + probed.output()).isZero();
		Path unit = directory.resolve(fileName);
		Files.writeString(unit, content, StandardCharsets.UTF_8);
		Result result = run(unit);
		assertThat(result.status()).as(result.output()).isZero();
		return result.output();
	}

	/**
	 * Verify units that belong together, such as a service and its socket, in one run.
	 * @param directory a directory for the unit files
	 * @param units the file name and content of each unit
	 * @return the output of the tool
	 * @throws Exception on failure
	 */
	static String verify(Path directory, Map<String, String> units) throws Exception {
		assumeThat(Files.isExecutable(TOOL)).as("systemd-analyze is not installed at " + TOOL).isTrue();
		List<Path> files = new ArrayList<>();
		for (Map.Entry<String, String> unit : units.entrySet()) {
			files.add(Files.writeString(directory.resolve(unit.getKey()), unit.getValue(), StandardCharsets.UTF_8));
		}
		Result result = run(files.toArray(Path[]::new));
		assertThat(result.status()).as(result.output()).isZero();
		return result.output();
	}

	static Result run(Path... units) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(TOOL.toString(), "verify"));
		Arrays.stream(units).map(Path::toString).forEach(command::add);
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		try {
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("systemd-analyze did not finish");
			}
			return new Result(process.exitValue(), output);
		}
		finally {
			process.destroyForcibly();
		}
	}

	record Result(int status, String output) {
	}

}
