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

package io.github.daemonstarter.launch.jvm;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JavaLauncherOptions}.
 *
 * @author Daemon Starter Team
 */
class JavaLauncherOptionsTests {

	@Test
	void takesValueForOptionsWhoseValueIsTheNextArgument() {
		assertThat(JavaLauncherOptions.takesValue("-cp")).isTrue();
		assertThat(JavaLauncherOptions.takesValue("--add-opens")).isTrue();
		assertThat(JavaLauncherOptions.takesValue("--class-path=lib")).isFalse();
		assertThat(JavaLauncherOptions.takesValue("-Xmx1g")).isFalse();
		assertThat(JavaLauncherOptions.takesValue("-jar")).isFalse();
	}

	@Test
	void isModuleForModuleOptions() {
		assertThat(JavaLauncherOptions.isModule("-m")).isTrue();
		assertThat(JavaLauncherOptions.isModule("--module")).isTrue();
		assertThat(JavaLauncherOptions.isModule("--module=app/Main")).isFalse();
		assertThat(JavaLauncherOptions.isModule("-p")).isFalse();
	}

}
