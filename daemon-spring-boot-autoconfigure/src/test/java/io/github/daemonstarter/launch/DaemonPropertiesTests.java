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

package io.github.daemonstarter.launch;

import java.nio.file.Path;
import java.time.Duration;

import io.github.daemonstarter.DaemonException;
import io.github.daemonstarter.ExitStatus;
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
