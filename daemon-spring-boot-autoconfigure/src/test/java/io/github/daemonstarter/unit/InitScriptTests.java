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

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InitScript}.
 *
 * @author Daemon Starter Team
 */
class InitScriptTests {

	private static final List<String> ARGUMENTS = List.of("--greeting=hello world", "--price=100%", "--path=$HOME/`id`",
			"--quote=it's \"so\"", "--name=ünïcödé", "--back=a\\b", "--line=a\nb", "");

	@TempDir
	Path directory;

	@Test
	void contentHasLsbHeaderAndActions() {
		String script = new InitScript(ServiceDefinitions.simple()).content();
		assertThat(script).startsWith("#!/bin/bash\n### BEGIN INIT INFO\n# Provides:          shop\n")
			.contains("# Default-Start:     2 3 4 5\n# Default-Stop:      0 1 6\n")
			.contains("### END INIT INFO\n")
			.contains("\tstart)\n\t\trun --daemon\n")
			.contains("\tstop)\n\t\trun --daemon=stop\n")
			.contains("\trestart)\n\t\trun --daemon=restart\n")
			.contains("\treload|force-reload)\n\t\trun --daemon=reload\n")
			.contains("\tstatus)\n\t\trun --daemon=status\n")
			.contains("command=('" + ServiceDefinitions.JAVA
					+ "' '-Xmx256m' '-jar' '/srv/shop/shop.jar' '--server.port=8080')\n")
			.contains("directory='/srv/shop'\n")
			.contains("Usage: $0 {start|stop|restart|try-restart|reload|force-reload|status}");
	}

	@Test
	void quoteUsesSingleQuotes() {
		assertThat(InitScript.quote("it's $x")).isEqualTo("'it'\\''s $x'");
		assertThat(InitScript.quote("")).isEqualTo("''");
	}

	@Test
	void scriptPassesBashSyntaxCheck() throws Exception {
		Path script = write(ServiceDefinitions.of(ARGUMENTS, this.directory.resolve("dir 'é'"), null, null, null));
		assertThat(bash("-n", script.toString()).status()).isZero();
	}

	@Test
	void scriptPassesEveryArgumentUnchangedAndRunsInTheDirectory() throws Exception {
		Path workingDirectory = Files.createDirectories(this.directory.resolve("dir 'é' $HOME"));
		Result result = bash(write(printingArguments(workingDirectory, 0)).toString(), "status");
		List<String> expected = new ArrayList<>();
		expected.add(workingDirectory.toString());
		ARGUMENTS.forEach((argument) -> expected.add("[" + argument + "]"));
		expected.add("[--daemon=status]");
		assertThat(result.status()).isZero();
		assertThat(result.output()).isEqualTo(String.join("\n", expected) + "\n");
	}

	@Test
	void reloadAndForceReloadRunTheReloadCommandAndExitWithItsStatus() throws Exception {
		Path script = write(printingArguments(this.directory, 7));
		for (String action : List.of("reload", "force-reload")) {
			Result result = bash(script.toString(), action);
			assertThat(result.status()).as(action).isEqualTo(7);
			assertThat(result.output().lines().toList()).as(action).last().isEqualTo("[--daemon=reload]");
		}
	}

	@Test
	void scriptWithUnknownActionExitsTwo() throws Exception {
		Result result = bash(write(ServiceDefinitions.simple()).toString(), "bogus");
		assertThat(result.status()).isEqualTo(2);
		assertThat(result.output()).contains("{start|stop|restart|try-restart|reload|force-reload|status}");
	}

	private ServiceDefinition printingArguments(Path workingDirectory, int exitStatus) throws Exception {
		Path printer = this.directory.resolve("print-arguments");
		Files.writeString(printer,
				"#!/bin/bash\npwd\nfor a in \"$@\"; do printf '[%s]\\n' \"$a\"; done\nexit " + exitStatus + "\n");
		printer.toFile().setExecutable(true);
		ServiceDefinition simple = ServiceDefinitions.of(ARGUMENTS, workingDirectory, null, null, null);
		return new ServiceDefinition(simple.name(), simple.description(), simple.scope(), List.of(printer.toString()),
				simple.runArguments(), simple.controlArguments(), workingDirectory, null, null, simple.logFile(),
				simple.stopTimeout(), simple.restartDelay(), simple.restartMultiplier(), simple.restartMaxDelay(),
				simple.maxRestarts(), simple.restartWindow(), true, null, Set.of(), null, List.of(printer.toString()));
	}

	private Path write(ServiceDefinition definition) throws Exception {
		Path script = this.directory.resolve("shop");
		Files.writeString(script, new InitScript(definition).content(), StandardCharsets.UTF_8);
		return script;
	}

	private static Result bash(String... arguments) throws Exception {
		List<String> command = new ArrayList<>();
		command.add("bash");
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		try {
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
			return new Result(process.exitValue(), output);
		}
		finally {
			process.destroyForcibly();
		}
	}

	private record Result(int status, String output) {
	}

}
