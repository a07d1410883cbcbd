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

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * One argument of the JVM part of a command line, with its value when the {@code java}
 * launcher takes that from the next argument ({@code -cp}, {@code --add-opens},
 * {@code -jar}, {@code -m}).
 *
 * @param kind what the argument is
 * @param argument the argument as given
 * @param value the next argument when it is this one's value, or {@code null}
 * @author Daemon Starter Team
 */
record JvmArgument(Kind kind, String argument, @Nullable String value) {

	private static final Set<String> CLASS_PATH_OPTIONS = Set.of("-cp", "-classpath", "--class-path");

	private static final String CLASS_PATH_PREFIX = "--class-path=";

	private static final String MODULE_PREFIX = "--module=";

	/**
	 * Read the argument at an index of a command line, with its value if it takes one.
	 * @param arguments the arguments of the java binary
	 * @param index the index of the argument
	 * @return the argument
	 */
	static JvmArgument read(List<String> arguments, int index) {
		String argument = arguments.get(index);
		Kind kind = Kind.of(argument);
		boolean takesValue = kind.takesValue(argument) && index + 1 < arguments.size();
		return new JvmArgument(kind, argument, takesValue ? arguments.get(index + 1) : null);
	}

	/**
	 * Return the arguments of the command line that this one occupies.
	 * @return the argument, followed by its value if it has one
	 */
	List<String> tokens() {
		return (this.value != null) ? List.of(this.argument, this.value) : List.of(this.argument);
	}

	/**
	 * Return whether this argument names what the JVM runs.
	 * @return whether it is a jar, a main class or a module
	 */
	boolean isLaunch() {
		return this.kind == Kind.JAR || this.kind == Kind.MAIN_CLASS || this.kind == Kind.MODULE;
	}

	/**
	 * Return the jar, main class or module that this argument names.
	 * @return the target, or {@code null} if this is no launch or lacks its value
	 */
	@Nullable String target() {
		if (this.kind == Kind.MAIN_CLASS) {
			return this.argument;
		}
		if (this.kind == Kind.MODULE && this.argument.startsWith(MODULE_PREFIX)) {
			return this.argument.substring(MODULE_PREFIX.length());
		}
		return isLaunch() ? this.value : null;
	}

	/**
	 * Return the class path that this argument gives.
	 * @return the class path, or {@code null} if this is no class path option
	 */
	@Nullable String classPath() {
		if (this.kind != Kind.OPTION) {
			return null;
		}
		if (this.argument.startsWith(CLASS_PATH_PREFIX)) {
			return this.argument.substring(CLASS_PATH_PREFIX.length());
		}
		return CLASS_PATH_OPTIONS.contains(this.argument) ? this.value : null;
	}

	/**
	 * Return the jar or the class path entries that this argument names, leaving out
	 * empty and wildcard entries.
	 * @return the paths, as given
	 */
	List<Path> launchPaths() {
		if (this.kind == Kind.JAR && this.value != null) {
			return List.of(Path.of(this.value));
		}
		String classPath = classPath();
		if (classPath == null) {
			return List.of();
		}
		return Arrays.stream(classPath.split(File.pathSeparator))
			.filter((entry) -> !entry.isEmpty() && !entry.endsWith("*"))
			.map(Path::of)
			.toList();
	}

	/**
	 * Return this argument with the paths it names made absolute.
	 * @param directory the directory relative paths were written against
	 * @return the argument
	 */
	JvmArgument absolutize(Path directory) {
		if (this.value == null) {
			return new JvmArgument(this.kind, JvmPaths.absolutizeOption(this.argument, directory), null);
		}
		if (this.kind == Kind.JAR) {
			return new JvmArgument(this.kind, this.argument, JvmPaths.absolutizePath(this.value, directory));
		}
		if (JvmPaths.PATH_LIST_OPTIONS.contains(this.argument)) {
			return new JvmArgument(this.kind, this.argument, JvmPaths.absolutizeClassPath(this.value, directory));
		}
		return this;
	}

	/**
	 * What an argument of the JVM part is: an option ({@code -Xmx1g}, {@code -cp lib}),
	 * an argument file ({@code @file}; {@code @@x} is the literal argument {@code @x}),
	 * {@code -jar} and the jar, a main class (or, after an argument file that held the
	 * main class, an application argument), or {@code -m} and a module.
	 */
	enum Kind {

		OPTION, ARGUMENT_FILE, JAR, MAIN_CLASS, MODULE;

		static Kind of(String argument) {
			if (argument.equals("-jar")) {
				return JAR;
			}
			if (JavaLauncherOptions.isModule(argument) || argument.startsWith(MODULE_PREFIX)) {
				return MODULE;
			}
			if (argument.startsWith("@") && !argument.startsWith("@@")) {
				return ARGUMENT_FILE;
			}
			return argument.startsWith("-") ? OPTION : MAIN_CLASS;
		}

		boolean takesValue(String argument) {
			return switch (this) {
				case JAR -> true;
				case MODULE -> JavaLauncherOptions.isModule(argument);
				case OPTION -> JavaLauncherOptions.takesValue(argument);
				default -> false;
			};
		}

	}

}
