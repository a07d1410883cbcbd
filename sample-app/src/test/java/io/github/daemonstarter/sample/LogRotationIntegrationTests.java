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

package io.github.daemonstarter.sample;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests of Spring Boot's own log rotation in daemon mode: with a
 * {@code logging.logback.rollingpolicy.*} setting, Spring Boot's rolling file appender
 * writes and rolls the real daemon's log file, and its standard output goes to the file
 * beside it.
 *
 * @author Daemon Starter Team
 */
@EnabledOnOs(OS.LINUX)
class LogRotationIntegrationTests {

	private static final int LINES = 3000;

	private static final Pattern SAMPLE_LINE = Pattern.compile("Sample log line rolled-(\\d+)$", Pattern.MULTILINE);

	@RegisterExtension
	final SampleAppProcesses processes = new SampleAppProcesses();

	@Test
	void sizeBasedRotationRollsTheDaemonsLogWithNoLineLostOrDoubled() throws Exception {
		SampleAppProcesses.Result start = this.processes
			.java("--daemon", "--server.port=0", "--logging.logback.rollingpolicy.max-file-size=10KB")
			.run();
		assertThat(start.exitCode()).as(start.err()).isZero();
		long pid = this.processes.pid();
		SampleAppClient client = new SampleAppClient(SampleAppClient.portReported(start.out()));
		assertThat(client.get("/sample/log?count=" + LINES + "&batch=rolled").statusCode()).isEqualTo(200);
		Path output = this.processes.directory().resolve("sample-app.out");
		assertThat(LinuxProcess.of(pid).fileDescriptor(1)).isEqualTo(output);
		assertThat(this.processes.java("--daemon=stop").run().exitCode()).isZero();
		// Logback compresses the archives on a thread of its own, maybe still at the stop
		await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
			List<Integer> numbers = sampleLineNumbers();
			assertThat(numbers).hasSize(LINES).doesNotHaveDuplicates();
		});
		assertThat(archives()).hasSizeGreaterThan(3);
		assertThat(Files.readString(output)).doesNotContain("Sample log line")
			.doesNotContain("Started SampleApplication");
		assertThat(Files.readString(this.processes.logFile())).doesNotContain("  .   ____");
	}

	private List<Integer> sampleLineNumbers() throws IOException {
		List<Integer> numbers = new ArrayList<>();
		collect(Files.readString(this.processes.logFile(), StandardCharsets.UTF_8), numbers);
		for (Path archive : archives()) {
			try (InputStream in = new GZIPInputStream(Files.newInputStream(archive))) {
				collect(new String(in.readAllBytes(), StandardCharsets.UTF_8), numbers);
			}
		}
		return numbers;
	}

	private static void collect(String log, List<Integer> numbers) {
		Matcher matcher = SAMPLE_LINE.matcher(log);
		while (matcher.find()) {
			numbers.add(Integer.valueOf(matcher.group(1)));
		}
	}

	private List<Path> archives() throws IOException {
		List<Path> archives = new ArrayList<>();
		try (DirectoryStream<Path> files = Files.newDirectoryStream(this.processes.directory(),
				"sample-app.log.*.gz")) {
			files.forEach(archives::add);
		}
		return archives;
	}

}
