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

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Systemctl} and {@link ServiceDefinition#unitName(String)}.
 *
 * @author Daemon Starter Team
 */
class SystemctlTests {

	@Test
	void parseVersionReadsTheFirstLine() {
		assertThat(Systemctl.parseVersion("systemd 252 (252.38-1~deb12u1)\n+PAM +AUDIT\n")).isEqualTo(252);
		assertThat(Systemctl.parseVersion("systemd 256 (256.5-arch)")).isEqualTo(256);
	}

	@Test
	void parseVersionWhenUnknownReturnsNull() {
		assertThat(Systemctl.parseVersion("")).isNull();
		assertThat(Systemctl.parseVersion("bash: systemctl: command not found")).isNull();
	}

	@Test
	void unitNameReplacesCharactersThatUnitNamesDoNotAllow() {
		assertThat(ServiceDefinition.unitName("sample-app")).isEqualTo("sample-app");
		assertThat(ServiceDefinition.unitName(" My Shop / EU ")).isEqualTo("My-Shop-EU");
		assertThat(ServiceDefinition.unitName("shop@1")).isEqualTo("shop-1");
		assertThat(ServiceDefinition.unitName("..hidden")).isEqualTo("hidden");
		assertThat(ServiceDefinition.unitName("émile")).isEqualTo("emile");
		assertThat(ServiceDefinition.unitName("***")).isEqualTo("application");
	}

}
