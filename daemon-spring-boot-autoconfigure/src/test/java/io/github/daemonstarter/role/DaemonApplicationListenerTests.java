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

package io.github.daemonstarter.role;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.daemonstarter.DaemonConsole;
import io.github.daemonstarter.DaemonExit;
import io.github.daemonstarter.ExitStatus;
import io.github.daemonstarter.config.DaemonSettings;
import io.github.daemonstarter.pid.PidFile;
import io.github.daemonstarter.pid.PidFileLock;
import io.github.daemonstarter.pid.PidFileStatus;
import io.github.daemonstarter.posix.Posix;
import io.github.daemonstarter.runtime.DaemonRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.core.Ordered;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DaemonApplicationListener}, with a fake {@link DaemonExit} and a
 * console over byte streams.
 *
 * @author Daemon Starter Team
 */
class DaemonApplicationListenerTests {

	private static final long PID = ProcessHandle.current().pid();

	@TempDir
	Path directory;

	private final List<Integer> exits = new CopyOnWriteArrayList<>();

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private final Map<String, Object> properties = new HashMap<>();

	private DaemonApplicationListener listener;

	private Path pidFile;

	private PidFileLock lock;

	@BeforeEach
	void createListener() {
		DaemonConsole console = new DaemonConsole(new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8), false);
		this.listener = new DaemonApplicationListener(this.exits::add, console);
		this.pidFile = this.directory.resolve("shop.pid");
		this.properties.put("spring.application.name", "shop");
		this.properties.put("spring.pid.file", this.pidFile.toString());
		this.properties.put("logging.file.name", this.directory.resolve("shop.log").toString());
	}

	@AfterEach
	void releaseLocks() {
		if (this.lock != null) {
			this.lock.release();
		}
		DaemonRuntime.release(this.pidFile);
	}

	@Test
	void orderIsAfterConfigurationIsReadAndBeforeLogging() {
		assertThat(this.listener.getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE + 15);
	}

	@Test
	void withoutDaemonArgumentDoesNothing() {
		StandardEnvironment environment = publish("--server.port=0", "--daemon.force=true");
		assertThat(this.exits).isEmpty();
		assertThat(out()).isEmpty();
		assertThat(err()).isEmpty();
		assertThat(environment.getPropertySources().contains(DaemonSettings.PROPERTY_SOURCE_NAME)).isFalse();
		assertThat(this.pidFile).doesNotExist();
	}

	@Test
	void unknownCommandExitsWithTwo() {
		publish("--daemon=bogus");
		assertThat(this.exits).containsExactly(ExitStatus.INVALID_ARGUMENT);
		assertThat(err()).startsWith("Unknown daemon command 'bogus'").containsOnlyOnce(System.lineSeparator());
		assertThat(out()).isEmpty();
	}

	@Test
	void unitWithInvalidFormatExitsWithSix() {
		publish("--daemon=unit", "--daemon.unit.format=upstart");
		assertThat(this.exits).containsExactly(ExitStatus.NOT_CONFIGURED);
		assertThat(err()).contains("daemon.unit.format").containsOnlyOnce(System.lineSeparator());
		assertThat(out()).isEmpty();
	}

	@Test
	void uninstallWhenNotInstalledSaysSoAndExitsWithZero() {
		this.properties.put("daemon.unit.directory", this.directory.toString());
		publish("--daemon=uninstall");
		assertThat(this.exits).containsExactly(ExitStatus.OK);
		assertThat(out()).isEqualTo("shop is not installed: there is no " + this.directory.resolve("shop.service")
				+ System.lineSeparator());
	}

	@Test
	void conflictingCommandsExitWithTwo() {
		publish("--daemon=status", "--daemon=stop");
		assertThat(this.exits).containsExactly(ExitStatus.INVALID_ARGUMENT);
		assertThat(err()).startsWith("Conflicting arguments");
	}

	@Test
	void statusWhenNotRunningExitsWithThree() {
		publish("--daemon=status");
		assertThat(this.exits).containsExactly(ExitStatus.NOT_RUNNING);
		assertThat(out()).isEqualTo("shop is not running" + System.lineSeparator());
		assertThat(err()).isEmpty();
	}

	@Test
	void statusWhenRunningExitsWithZero() throws IOException {
		this.lock = new PidFile(Posix.get(), this.pidFile).lock();
		Files.writeString(this.pidFile, Long.toString(PID));
		publish("--daemon=status");
		assertThat(this.exits).containsExactly(ExitStatus.OK);
		assertThat(out()).startsWith("shop is running (pid " + PID);
	}

	@Test
	void statusWhenStaleExitsWithOne() throws IOException {
		Files.writeString(this.pidFile, "garbage");
		publish("--daemon=status");
		assertThat(this.exits).containsExactly(ExitStatus.FAILURE);
		assertThat(out()).startsWith("shop is not running, but its PID file remains");
	}

	@Test
	void statusWhenSettingIsInvalidExitsWithSix() {
		this.properties.put("daemon.stop-timeout", "0s");
		publish("--daemon=status");
		assertThat(this.exits).containsExactly(ExitStatus.NOT_CONFIGURED);
		assertThat(err()).contains("daemon.stop-timeout").contains("'0s'");
		assertThat(out()).isEmpty();
	}

	@Test
	void stopWhenNotRunningExitsWithZero() {
		publish("--daemon=stop");
		assertThat(this.exits).containsExactly(ExitStatus.OK);
		assertThat(out()).isEqualTo("shop is not running" + System.lineSeparator());
	}

	@Test
	void stopWhenStaleRemovesPidFileAndExitsWithZero() throws IOException {
		Files.writeString(this.pidFile, "garbage");
		publish("--daemon=stop");
		assertThat(this.exits).containsExactly(ExitStatus.OK);
		assertThat(this.pidFile).doesNotExist();
	}

	@Test
	void runLocksAndWritesPidFile() throws IOException {
		StandardEnvironment environment = publish("--daemon=run");
		assertThat(this.exits).isEmpty();
		assertThat(err()).isEmpty();
		assertThat(this.pidFile).hasContent(Long.toString(PID));
		PidFileStatus status = new PidFile(Posix.get(), this.pidFile).status();
		assertThat(status.state()).isEqualTo(PidFileStatus.State.LOCKED);
		assertThat(status.pid()).isEqualTo(PID);
		assertThat(environment.getProperty("spring.pid.file")).isEqualTo(this.pidFile.toString());
		assertThat(environment.getProperty("spring.pid.fail-on-write-error")).isEqualTo("true");
		assertThat(environment.getProperty("spring.main.keep-alive")).isEqualTo("true");
		assertThat(environment.getProperty("logging.file.name"))
			.isEqualTo(this.directory.resolve("shop.log").toString());
	}

	@Test
	void runWhenRelativePidFileLocksItInCurrentDirectory() throws IOException {
		Path current = Path.of("").toAbsolutePath();
		Path relative = current.relativize(this.pidFile);
		this.properties.put("spring.pid.file", relative.toString());
		StandardEnvironment environment = publish("--daemon=run");
		assertThat(this.exits).isEmpty();
		assertThat(environment.getProperty("spring.pid.file")).isEqualTo(this.pidFile.toString());
		assertThat(this.pidFile).hasContent(Long.toString(PID));
	}

	@Test
	void runWhenAlreadyRunningExitsWithOne() throws IOException {
		this.lock = new PidFile(Posix.get(), this.pidFile).lock();
		publish("--daemon=run");
		assertThat(this.exits).containsExactly(ExitStatus.FAILURE);
		assertThat(err()).isEqualTo("shop is already running (pid " + PID + ")" + System.lineSeparator());
	}

	@Test
	void runWhenPidFileDirectoryIsMissingExitsWithSix() {
		this.properties.put("spring.pid.file", this.directory.resolve("missing/shop.pid").toString());
		publish("--daemon=run");
		assertThat(this.exits).containsExactly(ExitStatus.NOT_CONFIGURED);
		assertThat(err()).contains("PID file directory " + this.directory.resolve("missing") + " does not exist");
	}

	private StandardEnvironment publish(String... args) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
		environment.getPropertySources().addLast(new MapPropertySource("application", this.properties));
		this.listener.onApplicationEvent(new ApplicationEnvironmentPreparedEvent(new DefaultBootstrapContext(),
				new SpringApplication(), args, environment));
		return environment;
	}

	private String out() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	private String err() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

}
