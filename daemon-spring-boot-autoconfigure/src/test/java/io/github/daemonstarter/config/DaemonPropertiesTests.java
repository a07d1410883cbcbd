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

import java.nio.file.Path;
import java.time.Duration;

import io.github.daemonstarter.DaemonException;
import io.github.daemonstarter.ExitStatus;
import io.github.daemonstarter.restart.RestartPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link DaemonProperties}, bound and validated through
 * {@link DaemonSettings#resolve}.
 *
 * @author Daemon Starter Team
 */
class DaemonPropertiesTests {

	@TempDir
	Path directory;

	@Test
	void defaults() {
		DaemonProperties properties = resolve(new MockEnvironment());
		assertThat(properties.getStartupTimeout()).isEqualTo(Duration.ofSeconds(60));
		assertThat(properties.getStopTimeout()).isEqualTo(Duration.ofSeconds(60));
		assertThat(properties.isForce()).isFalse();
		assertThat(properties.getWorkingDirectory()).isNull();
		assertThat(properties.getUmask()).isNull();
		assertThat(properties.umaskValue()).isNull();
	}

	@Test
	void bindsEveryProperty() {
		MockEnvironment environment = new MockEnvironment().withProperty("daemon.startup-timeout", "90s")
			.withProperty("daemon.stop-timeout", "2m")
			.withProperty("daemon.force", "true")
			.withProperty("daemon.working-directory", this.directory.toString())
			.withProperty("daemon.umask", "027");
		DaemonProperties properties = resolve(environment);
		assertThat(properties.getStartupTimeout()).isEqualTo(Duration.ofSeconds(90));
		assertThat(properties.getStopTimeout()).isEqualTo(Duration.ofMinutes(2));
		assertThat(properties.isForce()).isTrue();
		assertThat(properties.getWorkingDirectory()).isEqualTo(this.directory);
		assertThat(properties.getUmask()).isEqualTo("027");
		assertThat(properties.umaskValue()).isEqualTo(027);
	}

	@Test
	void durationWithoutUnitIsMilliseconds() {
		assertThat(resolve(new MockEnvironment().withProperty("daemon.stop-timeout", "1500")).getStopTimeout())
			.isEqualTo(Duration.ofMillis(1500));
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "7", "022", "0027", "777", "0777" })
	void umaskAcceptsOctalMasks(String umask) {
		DaemonProperties properties = resolve(new MockEnvironment().withProperty("daemon.umask", umask));
		assertThat(properties.umaskValue()).isEqualTo(Integer.parseInt(umask, 8));
	}

	@Test
	void stopTimeoutWhenNegativeFailsNamingPropertyAndValue() {
		assertInvalid("daemon.stop-timeout", "-1s");
	}

	@Test
	void stopTimeoutWhenZeroFailsNamingPropertyAndValue() {
		assertInvalid("daemon.stop-timeout", "0s");
	}

	@Test
	void startupTimeoutWhenZeroFailsNamingPropertyAndValue() {
		assertInvalid("daemon.startup-timeout", "0ms");
	}

	@Test
	void startupTimeoutWhenNegativeFailsNamingPropertyAndValue() {
		assertInvalid("daemon.startup-timeout", "-5m");
	}

	@Test
	void stopTimeoutWhenNotADurationFailsNamingPropertyAndValue() {
		assertInvalid("daemon.stop-timeout", "soon");
	}

	@ParameterizedTest
	@ValueSource(strings = { "abc", "8", "0778", "1000", "7777", "-22", "0x1f", "u=rwx" })
	void umaskWhenNotAnOctalMaskFailsNamingPropertyAndValue(String umask) {
		assertInvalid("daemon.umask", umask);
	}

	@Test
	void forceWhenNotABooleanFailsNamingPropertyAndValue() {
		assertInvalid("daemon.force", "sometimes");
	}

	@Test
	void supervisorDefaults() {
		DaemonProperties.Supervisor supervisor = resolve(new MockEnvironment()).getSupervisor();
		assertThat(supervisor.isEnabled()).isFalse();
		RestartPolicy policy = supervisor.policy();
		assertThat(policy.getResetAfter()).isEqualTo(Duration.ofSeconds(10));
		assertThat(policy.getMaxRestarts()).isEqualTo(5);
		assertThat(policy.getWindow()).isEqualTo(Duration.ofMinutes(10));
		assertThat(policy.getInitialDelay()).isEqualTo(Duration.ofSeconds(1));
		assertThat(policy.getMultiplier()).isEqualTo(2);
		assertThat(policy.getMaxDelay()).isEqualTo(Duration.ofMinutes(1));
		assertThat(policy.getJitter()).isEqualTo(0.1);
		assertThat(supervisor.getRestartExitCodes()).isEmpty();
		assertThat(supervisor.getNoRestartExitCodes()).isEmpty();
	}

	@Test
	void bindsEverySupervisorProperty() {
		MockEnvironment environment = new MockEnvironment().withProperty("daemon.supervisor.enabled", "true")
			.withProperty("daemon.supervisor.min-uptime", "30s")
			.withProperty("daemon.supervisor.max-restarts", "-1")
			.withProperty("daemon.supervisor.window", "1h")
			.withProperty("daemon.supervisor.initial-delay", "200ms")
			.withProperty("daemon.supervisor.multiplier", "3")
			.withProperty("daemon.supervisor.max-delay", "5m")
			.withProperty("daemon.supervisor.jitter", "0")
			.withProperty("daemon.supervisor.restart-exit-codes", "143,0")
			.withProperty("daemon.supervisor.no-restart-exit-codes", "78");
		DaemonProperties.Supervisor supervisor = resolve(environment).getSupervisor();
		assertThat(supervisor.isEnabled()).isTrue();
		RestartPolicy policy = supervisor.policy();
		assertThat(policy.getResetAfter()).isEqualTo(Duration.ofSeconds(30));
		assertThat(policy.getMaxRestarts()).isEqualTo(-1);
		assertThat(policy.getWindow()).isEqualTo(Duration.ofHours(1));
		assertThat(policy.getInitialDelay()).isEqualTo(Duration.ofMillis(200));
		assertThat(policy.getMultiplier()).isEqualTo(3);
		assertThat(policy.getMaxDelay()).isEqualTo(Duration.ofMinutes(5));
		assertThat(policy.getJitter()).isZero();
		assertThat(supervisor.getRestartExitCodes()).containsExactly(143, 0);
		assertThat(supervisor.getNoRestartExitCodes()).containsExactly(78);
	}

	@ParameterizedTest
	@ValueSource(strings = { "max-restarts=-2", "window=0s", "min-uptime=-1s", "initial-delay=-1s", "multiplier=0.5",
			"max-delay=-1s", "jitter=1.5", "restart-exit-codes=256", "no-restart-exit-codes=-1", "enabled=maybe" })
	void supervisorWhenInvalidFailsNamingPropertyAndValue(String setting) {
		String[] parts = setting.split("=", 2);
		assertInvalid("daemon.supervisor." + parts[0], parts[1]);
	}

	@Test
	void userGroupAndSystemdDefaults() {
		DaemonProperties properties = resolve(new MockEnvironment());
		assertThat(properties.getUser()).isNull();
		assertThat(properties.getGroup()).isNull();
		assertThat(properties.getSystemd().isEnabled()).isTrue();
		assertThat(properties.getSystemd().getWatchdog()).isNull();
	}

	@Test
	void bindsUserGroupAndSystemdProperties() {
		MockEnvironment environment = new MockEnvironment().withProperty("daemon.user", " app ")
			.withProperty("daemon.group", "1001")
			.withProperty("daemon.systemd.enabled", "false")
			.withProperty("daemon.systemd.watchdog", "30s");
		DaemonProperties properties = resolve(environment);
		assertThat(properties.getUser()).isEqualTo("app");
		assertThat(properties.getGroup()).isEqualTo("1001");
		assertThat(properties.getSystemd().isEnabled()).isFalse();
		assertThat(properties.getSystemd().getWatchdog()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void bindsCapabilitiesWithoutCapPrefixInLowerCase() {
		MockEnvironment environment = new MockEnvironment().withProperty("daemon.capabilities",
				"CAP_NET_BIND_SERVICE, net_raw");
		assertThat(resolve(environment).getCapabilities()).containsExactly("net_bind_service", "net_raw");
		assertThat(resolve(new MockEnvironment()).getCapabilities()).isEmpty();
	}

	@Test
	void capabilitiesWhenInvalidFailsNamingPropertyAndValue() {
		assertInvalid("daemon.capabilities", "net bind");
	}

	@Test
	void bindsJvmOptionsFromACommaSeparatedValueOrIndexedEntries() {
		MockEnvironment commaSeparated = new MockEnvironment().withProperty("daemon.jvm-options",
				"-Xmx256m, -Dsample.x=y,--add-opens=java.base/java.lang=ALL-UNNAMED");
		assertThat(resolve(commaSeparated).getJvmOptions()).containsExactly("-Xmx256m", "-Dsample.x=y",
				"--add-opens=java.base/java.lang=ALL-UNNAMED");
		MockEnvironment indexed = new MockEnvironment().withProperty("daemon.jvm-options[0]", "-Dlist=a,b")
			.withProperty("daemon.jvm-options[1]", "-XX:OnOutOfMemoryError=kill -9 %p");
		assertThat(resolve(indexed).getJvmOptions()).containsExactly("-Dlist=a,b", "-XX:OnOutOfMemoryError=kill -9 %p");
		assertThat(resolve(new MockEnvironment()).getJvmOptions()).isEmpty();
		assertThat(resolve(new MockEnvironment().withProperty("daemon.jvm-options", "")).getJvmOptions()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "Xmx256m", "-jar", "-cp", "-classpath", "--class-path", "--class-path=lib/*", "-m",
			"--module", "--module=app/com.example.Main", "--add-opens", "-p" })
	void jvmOptionsWhenNotAnOptionOrChangingWhatTheJvmRunsFailsNamingPropertyAndValue(String option) {
		assertInvalid("daemon.jvm-options", option);
	}

	@Test
	void jvmOptionsWhenAnEntryIsEmptyFailsNamingPropertyAndFix() {
		MockEnvironment environment = new MockEnvironment().withProperty("daemon.jvm-options", "-Xmx256m,,-Dx=y");
		assertThatExceptionOfType(DaemonException.class).isThrownBy(() -> resolve(environment))
			.satisfies((ex) -> assertThat(ex.getExitStatus()).isEqualTo(ExitStatus.NOT_CONFIGURED))
			.withMessageStartingWith("Invalid value '-Xmx256m,,-Dx=y' for daemon.jvm-options")
			.withMessageContaining("was ''")
			.withMessageEndingWith("; fix daemon.jvm-options")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("\n"));
	}

	@Test
	void jvmOptionsWhenAnIndexedEntryIsInvalidNamesTheEntry() {
		MockEnvironment environment = new MockEnvironment().withProperty("daemon.jvm-options[0]", "-Xmx256m")
			.withProperty("daemon.jvm-options[1]", "-Dlist=a,b")
			.withProperty("daemon.jvm-options[2]", "-jar");
		assertThatExceptionOfType(DaemonException.class).isThrownBy(() -> resolve(environment))
			.withMessageStartingWith("Invalid value '-jar' for daemon.jvm-options[2]")
			.withMessageEndingWith("was '-jar'; fix daemon.jvm-options[2]");
	}

	@Test
	void blankUserIsNotSet() {
		assertThat(resolve(new MockEnvironment().withProperty("daemon.user", " ")).getUser()).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "user=a b", "user=a:b", "group=../g", "systemd.watchdog=0s", "systemd.watchdog=-5s",
			"systemd.enabled=maybe" })
	void userGroupOrSystemdWhenInvalidFailsNamingPropertyAndValue(String setting) {
		String[] parts = setting.split("=", 2);
		assertInvalid("daemon." + parts[0], parts[1]);
	}

	@Test
	void unitDefaults() {
		DaemonProperties.Unit unit = resolve(new MockEnvironment()).getUnit();
		assertThat(unit.getFormat()).isEqualTo(UnitFormat.SYSTEMD);
		assertThat(unit.getScope()).isEqualTo(UnitScope.SYSTEM);
		assertThat(unit.getName()).isNull();
		assertThat(unit.getDirectory()).isNull();
	}

	@Test
	void bindsUnitProperties() {
		MockEnvironment environment = new MockEnvironment().withProperty("daemon.unit.format", "SysV")
			.withProperty("daemon.unit.scope", "user")
			.withProperty("daemon.unit.name", " shop.service ")
			.withProperty("daemon.unit.directory", "/opt/units");
		DaemonProperties.Unit unit = resolve(environment).getUnit();
		assertThat(unit.getFormat()).isEqualTo(UnitFormat.SYSV);
		assertThat(unit.getScope()).isEqualTo(UnitScope.USER);
		assertThat(unit.getName()).isEqualTo("shop");
		assertThat(unit.getDirectory()).isEqualTo(Path.of("/opt/units"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "format=upstart", "scope=global", "name=my shop", "name=shop@1", "name=-shop",
			"name=.hidden", "name=a/b" })
	void unitWhenInvalidFailsNamingPropertyAndValue(String setting) {
		String[] parts = setting.split("=", 2);
		assertInvalid("daemon.unit." + parts[0], parts[1]);
	}

	@Test
	void unitFormatWhenUnknownListsTheFormats() {
		MockEnvironment environment = new MockEnvironment().withProperty("daemon.unit.format", "upstart");
		assertThatExceptionOfType(DaemonException.class).isThrownBy(() -> resolve(environment))
			.withMessageContaining("must be one of systemd, sysv, launchd; fix daemon.unit.format");
	}

	private void assertInvalid(String name, String value) {
		MockEnvironment environment = new MockEnvironment().withProperty(name, value);
		assertThatExceptionOfType(DaemonException.class).isThrownBy(() -> resolve(environment))
			.satisfies((ex) -> assertThat(ex.getExitStatus()).isEqualTo(ExitStatus.NOT_CONFIGURED))
			.withMessageContaining(name)
			.withMessageContaining("'" + value + "'")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("\n"));
	}

	private DaemonProperties resolve(MockEnvironment environment) {
		return DaemonSettings.resolve(environment, this.directory).getProperties();
	}

}
