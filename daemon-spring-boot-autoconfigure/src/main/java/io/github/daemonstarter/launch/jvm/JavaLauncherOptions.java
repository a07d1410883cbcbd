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

import java.util.Set;

/**
 * What the {@code java} launcher's own options look like, so that the JVM options of a
 * command line can be told from the application's arguments.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class JavaLauncherOptions {

	private static final Set<String> OPTIONS_WITH_VALUE = Set.of("-cp", "-classpath", "--class-path", "-p",
			"--module-path", "--upgrade-module-path", "--add-modules", "--limit-modules", "--add-reads",
			"--add-exports", "--add-opens", "--patch-module", "--enable-native-access", "--source");

	private static final Set<String> MODULE_OPTIONS = Set.of("-m", "--module");

	private JavaLauncherOptions() {
	}

	/**
	 * Return whether a launcher option takes the next argument as its value, as
	 * {@code -cp} does.
	 * @param argument the argument
	 * @return whether the next argument is its value
	 */
	public static boolean takesValue(String argument) {
		return OPTIONS_WITH_VALUE.contains(argument);
	}

	/**
	 * Return whether an argument names the main module in the next argument, as
	 * {@code -m} does.
	 * @param argument the argument
	 * @return whether the next argument is the main module
	 */
	public static boolean isModule(String argument) {
		return MODULE_OPTIONS.contains(argument);
	}

}
