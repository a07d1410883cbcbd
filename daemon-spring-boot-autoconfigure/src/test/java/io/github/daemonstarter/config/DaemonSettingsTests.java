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

package io.github.daemonstarter.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.github.daemonstarter.DaemonConsole;
import io.github.daemonstarter.DaemonException;
import io.github.daemonstarter.ExitStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link DaemonSettings}.
 *
 * @author Daemon Starter Team
 */
class DaemonSettingsTests {

	@TempDir
	Path directory;

	@Test
	void outputFileIsTheLogFileWithoutARollingPolicy() {
		DaemonSettings settings = resolve(new MockEnvironment().withProperty("spring.application.name", "shop"));
		assertThat(settings.isRollingLog()).isFalse();
		assertThat(settings.getOutputFile()).isEqualTo(settings.getLogFile());
	}

	@Test
	void outputFileIsBesideTheLogFileWithALogbackRollingPolicy() {
		DaemonSettings settings = resolve(new MockEnvironment().withProperty("spring.application.name", "shop")
			.withProperty("logging.logback.rollingpolicy.max-history", "3"));
		assertThat(settings.isRollingLog()).isTrue();
		assertThat(settings.getLogFile()).isEqualTo(this.directory.resolve("shop.log"));
		assertThat(settings.getOutputFile()).isEqualTo(this.directory.resolve("shop.out"));
	}

	@Test
	void outputFileIsBesideTheLogFileWithALog4j2RollingPolicyInRelaxedForm() {
		DaemonSettings settings = resolve(new MockEnvironment().withProperty("logging.file.name", "logs/shop.txt")
			.withProperty("logging.log4j2.rollingpolicy.maxFileSize", "1MB"));
		assertThat(settings.isRollingLog()).isTrue();
		assertThat(settings.getOutputFile()).isEqualTo(this.directory.resolve("logs/shop.txt.out"));
	}

	@Test
	void applicationNameDefaultsToApplication() {
		DaemonSettings settings = resolve(new MockEnvironment());
		assertThat(settings.getApplicationName()).isEqualTo("application");
		assertThat(settings.getPidFile()).isEqualTo(this.directory.resolve("application.pid"));
		assertThat(settings.getLogFile()).isEqualTo(this.directory.resolve("application.log"));
		assertThat(settings.getWorkingDirectory()).isEqualTo(this.directory);
	}

	@Test
	void applicationNameWhenBlankDefaultsToApplication() {
		assertThat(resolve(new MockEnvironment().withProperty("spring.application.name", "  ")).getApplicationName())
			.isEqualTo("application");
	}

	@Test
	void applicationNameComesFromSpringApplicationName() {
		DaemonSettings settings = resolve(new MockEnvironment().withProperty("spring.application.name", " shop "));
		assertThat(settings.getApplicationName()).isEqualTo("shop");
		assertThat(settings.getPidFile()).isEqualTo(this.directory.resolve("shop.pid"));
		assertThat(settings.getLogFile()).isEqualTo(this.directory.resolve("shop.log"));
	}

	@Test
	void pidFileFromSpringPidFileWinsOverSpringPidfile() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.pid.file", "/run/shop/first.pid")
			.withProperty("spring.pidfile", "/run/shop/second.pid");
		assertThat(resolve(environment).getPidFile()).isEqualTo(Path.of("/run/shop/first.pid"));
	}

	@Test
	void pidFileFromSpringPidfileWhenSpringPidFileIsMissing() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.pidfile", "/run/shop/second.pid");
		assertThat(resolve(environment).getPidFile()).isEqualTo(Path.of("/run/shop/second.pid"));
	}

	@Test
	void pidFileWhenBlankFallsBackToNext() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.pid.file", " ")
			.withProperty("spring.pidfile", "second.pid");
		assertThat(resolve(environment).getPidFile()).isEqualTo(this.directory.resolve("second.pid"));
	}

	@Test
	void pidFileFromPidfileSystemPropertyWhenNoSpringProperty() {
		System.setProperty("PIDFILE", "/run/from-system.pid");
		try {
			assertThat(resolve(new MockEnvironment()).getPidFile()).isEqualTo(Path.of("/run/from-system.pid"));
			MockEnvironment environment = new MockEnvironment().withProperty("spring.pidfile", "/run/second.pid");
			assertThat(resolve(environment).getPidFile()).isEqualTo(Path.of("/run/second.pid"));
		}
		finally {
			System.clearProperty("PIDFILE");
		}
	}

	@Test
	void relativePathsResolveAgainstWorkingDirectory() throws IOException {
		Path workingDirectory = Files.createDirectory(this.directory.resolve("wd"));
		MockEnvironment environment = new MockEnvironment().withProperty("daemon.working-directory", "wd")
			.withProperty("spring.pid.file", "run/../run/shop.pid")
			.withProperty("logging.file.name", "logs/shop.log");
		DaemonSettings settings = resolve(environment);
		assertThat(settings.getWorkingDirectory()).isEqualTo(workingDirectory);
		assertThat(settings.getPidFile()).isEqualTo(workingDirectory.resolve("run/shop.pid"));
		assertThat(settings.getLogFile()).isEqualTo(workingDirectory.resolve("logs/shop.log"));
	}

	@Test
	void absolutePathsStayAsTheyAre() throws IOException {
		Path workingDirectory = Files.createDirectory(this.directory.resolve("wd"));
		MockEnvironment environment = new MockEnvironment()
			.withProperty("daemon.working-directory", workingDirectory.toString())
			.withProperty("spring.pid.file", "/run/shop.pid")
			.withProperty("logging.file.name", "/var/log/shop.log");
		DaemonSettings settings = resolve(environment);
		assertThat(settings.getPidFile()).isEqualTo(Path.of("/run/shop.pid"));
		assertThat(settings.getLogFile()).isEqualTo(Path.of("/var/log/shop.log"));
	}

	@Test
	void defaultFilesAreInWorkingDirectory() throws IOException {
		Path workingDirectory = Files.createDirectory(this.directory.resolve("wd"));
		MockEnvironment environment = new MockEnvironment().withProperty("daemon.working-directory", "wd/")
			.withProperty("spring.application.name", "shop");
		DaemonSettings settings = resolve(environment);
		assertThat(settings.getPidFile()).isEqualTo(workingDirectory.resolve("shop.pid"));
		assertThat(settings.getLogFile()).isEqualTo(workingDirectory.resolve("shop.log"));
	}

	@Test
	void fastStartDirectoryDefaultsToTheApplicationsNameBesideThePidFile() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.application.name", "shop")
			.withProperty("spring.pid.file", "/run/shop/daemon.pid");
		assertThat(resolve(environment).getFastStartDirectory()).isEqualTo(Path.of("/run/shop/shop-fast-start"));
	}

	@Test
	void fastStartDirectoryWhenRelativeResolvesAgainstTheWorkingDirectory() throws IOException {
		Path workingDirectory = Files.createDirectory(this.directory.resolve("wd"));
		MockEnvironment environment = new MockEnvironment().withProperty("daemon.working-directory", "wd")
			.withProperty("daemon.fast-start.directory", "../shared/fast-start");
		assertThat(resolve(environment).getFastStartDirectory())
			.isEqualTo(workingDirectory.resolveSibling("shared/fast-start"));
	}

	@Test
	void fastStartDirectoryWhenAbsoluteStaysAsItIs() {
		MockEnvironment environment = new MockEnvironment().withProperty("daemon.fast-start.directory",
				"/var/cache/shop");
		assertThat(resolve(environment).getFastStartDirectory()).isEqualTo(Path.of("/var/cache/shop"));
	}

	@Test
	void workingDirectoryWhenMissingFailsNamingTheProperty() {
		MockEnvironment environment = new MockEnvironment().withProperty("daemon.working-directory", "missing");
		assertThatExceptionOfType(DaemonException.class).isThrownBy(() -> resolve(environment))
			.satisfies((ex) -> assertThat(ex.getExitStatus()).isEqualTo(ExitStatus.NOT_CONFIGURED))
			.withMessageContaining("daemon.working-directory")
			.withMessageContaining(this.directory.resolve("missing").toString());
	}

	@Test
	void workingDirectoryWhenFileFailsNamingTheProperty() throws IOException {
		Files.createFile(this.directory.resolve("file"));
		MockEnvironment environment = new MockEnvironment().withProperty("daemon.working-directory", "file");
		assertThatExceptionOfType(DaemonException.class).isThrownBy(() -> resolve(environment))
			.satisfies((ex) -> assertThat(ex.getExitStatus()).isEqualTo(ExitStatus.NOT_CONFIGURED))
			.withMessageContaining("daemon.working-directory");
	}

	@Test
	void logFileFromLoggingFileName() {
		MockEnvironment environment = new MockEnvironment().withProperty("logging.file.name", "shop-out.log")
			.withProperty("logging.file.path", "/var/log/shop");
		assertThat(resolve(environment).getLogFile()).isEqualTo(this.directory.resolve("shop-out.log"));
	}

	@Test
	void logFileFromLoggingFilePathIsSpringLog() {
		MockEnvironment environment = new MockEnvironment().withProperty("logging.file.path", "logs");
		assertThat(resolve(environment).getLogFile()).isEqualTo(this.directory.resolve("logs/spring.log"));
	}

	@Test
	void logFileWhenLoggingFileNameIsEmptyFallsBackToPath() {
		MockEnvironment environment = new MockEnvironment().withProperty("logging.file.name", "")
			.withProperty("logging.file.path", "/var/log/shop");
		assertThat(resolve(environment).getLogFile()).isEqualTo(Path.of("/var/log/shop/spring.log"));
	}

	@Test
	void daemonCommandPropertyDoesNotBreakBinding() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new SimpleCommandLinePropertySource("--daemon=status", "--daemon.stop-timeout=5s"));
		DaemonSettings settings = DaemonSettings.resolve(environment, this.directory);
		assertThat(settings.getStopTimeout()).isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void degradedExitCodeOfStatusIsUnsetByDefault() {
		assertThat(resolve(new MockEnvironment()).getStatus().getDegradedExitCode()).isNull();
	}

	@Test
	void degradedExitCodeOfStatusIsBoundBesideTheStatusCommand() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new SimpleCommandLinePropertySource("--daemon=status", "--daemon.status.degraded-exit-code=150"));
		assertThat(DaemonSettings.resolve(environment, this.directory).getStatus().getDegradedExitCode())
			.isEqualTo(150);
	}

	@Test
	void degradedExitCodeOfStatusOutsideTheLsbRangeForApplicationsFailsNamingTheProperty() {
		for (String value : new String[] { "149", "200", "1", "many" }) {
			MockEnvironment environment = new MockEnvironment().withProperty("daemon.status.degraded-exit-code", value);
			assertThatExceptionOfType(DaemonException.class).isThrownBy(() -> resolve(environment))
				.satisfies((ex) -> assertThat(ex.getExitStatus()).isEqualTo(ExitStatus.NOT_CONFIGURED))
				.withMessageStartingWith("Invalid value '" + value + "' for daemon.status.degraded-exit-code")
				.withMessageEndingWith("; fix daemon.status.degraded-exit-code")
				.withMessageNotContaining("\n");
		}
		MockEnvironment environment = new MockEnvironment().withProperty("daemon.status.degraded-exit-code", "200");
		assertThatExceptionOfType(DaemonException.class).isThrownBy(() -> resolve(environment))
			.withMessageContaining("must be between 150 and 199 (the LSB range for applications), was 200");
	}

	@Test
	void bareDaemonArgumentDoesNotBreakBinding() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource("--daemon"));
		assertThat(DaemonSettings.resolve(environment, this.directory).getStopTimeout())
			.isEqualTo(Duration.ofSeconds(60));
	}

	@Test
	void daemonPropertyInMapDoesNotBreakBinding() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("test",
					Map.of("daemon", "status", "daemon.startup-timeout", "3s", "daemon.force", "true")));
		DaemonSettings settings = DaemonSettings.resolve(environment, this.directory);
		assertThat(settings.getStartupTimeout()).isEqualTo(Duration.ofSeconds(3));
		assertThat(settings.getProperties().isForce()).isTrue();
	}

	@Test
	void placeholdersAreResolved() {
		MockEnvironment environment = new MockEnvironment().withProperty("app.timeout", "7s")
			.withProperty("daemon.stop-timeout", "${app.timeout}");
		assertThat(resolve(environment).getStopTimeout()).isEqualTo(Duration.ofSeconds(7));
	}

	@Test
	void formatDurationIsShortAndReadable() {
		assertThat(DaemonConsole.formatElapsed(Duration.ofMillis(3456))).isEqualTo("3.5s");
		assertThat(DaemonConsole.formatElapsed(Duration.ofSeconds(75))).isEqualTo("1m 15s");
		assertThat(DaemonConsole.formatElapsed(Duration.ofMinutes(125))).isEqualTo("2h 5m");
		assertThat(DaemonConsole.formatElapsed(Duration.ofHours(50))).isEqualTo("2d 2h");
	}

	private DaemonSettings resolve(MockEnvironment environment) {
		return DaemonSettings.resolve(environment, this.directory);
	}

	@Test
	void applicationPidFileSitsBesideTheSupervisorsPidFile() {
		assertThat(DaemonSettings.applicationPidFile(Path.of("/run/app/my-app.pid")))
			.isEqualTo(Path.of("/run/app/my-app.app.pid"));
		assertThat(DaemonSettings.applicationPidFile(Path.of("/run/app/my-app")))
			.isEqualTo(Path.of("/run/app/my-app.app.pid"));
		assertThat(DaemonSettings.applicationPidFile(Path.of("/run/app/.pid")))
			.isEqualTo(Path.of("/run/app/.pid.app.pid"));
	}

}
