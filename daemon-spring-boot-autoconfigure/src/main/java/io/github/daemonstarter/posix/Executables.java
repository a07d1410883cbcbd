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

package io.github.daemonstarter.posix;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.github.daemonstarter.DaemonException;
import io.github.daemonstarter.ExitStatus;

/**
 * The helper commands that daemon mode runs ({@code setsid}, {@code setpriv},
 * {@code getent}, {@code env}), found on the {@code PATH}.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class Executables {

	private Executables() {
	}

	/**
	 * Return the path of a command found on the {@code PATH} (or in the usual
	 * directories).
	 * @param name the name of the command
	 * @param packageName what to install to get it
	 * @return the path
	 * @throws DaemonException if the command is not found (exit status 5)
	 */
	public static String find(String name, String packageName) {
		return lookup(name, "/usr/bin", "/bin", "/usr/local/bin").map(Path::toString)
			.orElseThrow(() -> new DaemonException(ExitStatus.NOT_INSTALLED,
					"Cannot find the '" + name + "' command, which daemon mode needs: install " + packageName));
	}

	/**
	 * Return the path of a command found on the {@code PATH} or else in the given
	 * directories, for a caller to whom a missing command is no error.
	 * @param name the name of the command
	 * @param fallbackDirectories where to look after the {@code PATH}, in order
	 * @return the path of the first executable regular file of that name, or empty if
	 * there is none
	 */
	public static Optional<Path> lookup(String name, String... fallbackDirectories) {
		String path = System.getenv("PATH");
		List<String> directories = new ArrayList<>();
		if (path != null) {
			directories.addAll(Arrays.asList(path.split(File.pathSeparator)));
		}
		directories.addAll(Arrays.asList(fallbackDirectories));
		for (String directory : directories) {
			if (!directory.isEmpty()) {
				Path candidate = Path.of(directory, name);
				if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
					return Optional.of(candidate);
				}
			}
		}
		return Optional.empty();
	}

}
