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
import java.util.List;
import java.util.Set;

/**
 * Makes the paths that a JVM reads from its options absolute (the jar, class and module
 * paths, argument files, Java agents and class data sharing archives), so that they still
 * resolve when the JVM is relaunched in another working directory.
 *
 * @author Daemon Starter Team
 */
final class JvmPaths {

	/**
	 * Options whose value is a list of paths, given as the next argument or, for the long
	 * ones, after {@code =}.
	 */
	static final Set<String> PATH_LIST_OPTIONS = Set.of("-cp", "-classpath", "--class-path", "-p", "--module-path",
			"--upgrade-module-path");

	/**
	 * Options that name class data sharing archives, which a relaunch in another working
	 * directory must still find: with {@code -Xshare:auto}, the default, a JVM that does
	 * not find its archive starts without it, silently and more slowly. The value of
	 * {@code SharedArchiveFile} may name a base and a dynamic archive, separated by a
	 * colon.
	 */
	private static final List<String> ARCHIVE_OPTIONS = List.of("-XX:SharedArchiveFile=", "-XX:AOTCache=");

	private JvmPaths() {
	}

	/**
	 * Return an option with the paths it names made absolute: an argument file, a path
	 * list given after {@code =}, a class data sharing archive or a Java agent's jar.
	 * @param argument the option
	 * @param directory the directory relative paths were written against
	 * @return the option, unchanged when it names no path
	 */
	static String absolutizeOption(String argument, Path directory) {
		if (argument.startsWith("@") && !argument.startsWith("@@")) {
			return "@" + absolutizePath(argument.substring(1), directory);
		}
		for (String option : PATH_LIST_OPTIONS) {
			if (option.startsWith("--") && argument.startsWith(option + "=")) {
				return option + "=" + absolutizeClassPath(argument.substring(option.length() + 1), directory);
			}
		}
		for (String option : ARCHIVE_OPTIONS) {
			if (argument.startsWith(option) && argument.length() > option.length()) {
				return option + absolutizePaths(argument.substring(option.length()), directory);
			}
		}
		if (argument.startsWith("-javaagent:")) {
			String agent = argument.substring("-javaagent:".length());
			int options = agent.indexOf('=');
			String jar = (options >= 0) ? agent.substring(0, options) : agent;
			return "-javaagent:" + absolutizePath(jar, directory) + ((options >= 0) ? agent.substring(options) : "");
		}
		return argument;
	}

	/**
	 * Return a class or module path with every entry made absolute.
	 * @param classPath the path list
	 * @param directory the directory relative paths were written against
	 * @return the path list
	 */
	static String absolutizeClassPath(String classPath, Path directory) {
		// An empty class path entry means the current directory
		return absolutizePaths(classPath, directory, directory.toString());
	}

	private static String absolutizePaths(String paths, Path directory) {
		// The archives of -XX:SharedArchiveFile=base.jsa:top.jsa
		return absolutizePaths(paths, directory, "");
	}

	private static String absolutizePaths(String paths, Path directory, String emptyEntry) {
		String[] entries = paths.split(File.pathSeparator, -1);
		for (int i = 0; i < entries.length; i++) {
			entries[i] = entries[i].isEmpty() ? emptyEntry : absolutizePath(entries[i], directory);
		}
		return String.join(File.pathSeparator, entries);
	}

	/**
	 * Return a path made absolute.
	 * @param path the path
	 * @param directory the directory relative paths were written against
	 * @return the path, unchanged when it is absolute
	 */
	static String absolutizePath(String path, Path directory) {
		if (path.startsWith("/")) {
			return path;
		}
		String base = directory.toString();
		return base.endsWith("/") ? base + path : base + "/" + path;
	}

}
