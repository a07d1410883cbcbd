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

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.github.daemonstarter.config.UnitScope;
import org.jspecify.annotations.Nullable;

/**
 * Service definitions for the tests.
 *
 * @author Daemon Starter Team
 */
final class ServiceDefinitions {

	static final String JAVA = ProcessHandle.current()
		.info()
		.command()
		.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());

	private ServiceDefinitions() {
	}

	static ServiceDefinition simple() {
		return of(List.of("--server.port=8080"), Path.of("/srv/shop"), null, null, null);
	}

	static ServiceDefinition of(List<String> arguments, Path workingDirectory, @Nullable String user,
			@Nullable String group, @Nullable Duration watchdog) {
		return of(UnitScope.SYSTEM, arguments, workingDirectory, user, group, watchdog);
	}

	static ServiceDefinition of(UnitScope scope, List<String> arguments, Path workingDirectory, @Nullable String user,
			@Nullable String group, @Nullable Duration watchdog) {
		List<String> java = List.of(JAVA, "-Xmx256m", "-jar", "/srv/shop/shop.jar");
		return new ServiceDefinition("shop", "shop (Spring Boot daemon)", scope, java, arguments, arguments,
				workingDirectory, user, group, workingDirectory.resolve("shop.log"), Duration.ofSeconds(60),
				Duration.ofSeconds(1), 2, Duration.ofMinutes(1), 5, Duration.ofMinutes(10), true, watchdog, Set.of(),
				null, java);
	}

}
