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

package io.github.daemonstarter;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;

/**
 * Describes why a file or directory could not be created, opened or written, in the words
 * of a one-line error message.
 * <p>
 * The JDK's {@link FileSystemException} messages often name only the path, which an error
 * message names already: {@code createDirectories} throws a
 * {@link FileAlreadyExistsException} with just the path when a file is in the way.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class FileProblem {

	private FileProblem() {
	}

	/**
	 * Return what went wrong, such as {@code permission denied} or
	 * {@code /var/run/app is not a directory}.
	 * @param ex the failure
	 * @return a short description, without the path unless the path is the point
	 */
	public static String describe(Exception ex) {
		String message = ex.getMessage();
		if (ex instanceof AccessDeniedException || (message != null && message.contains("Permission denied"))) {
			return "permission denied";
		}
		if (ex instanceof FileAlreadyExistsException existing) {
			return existing.getFile() + " is not a directory";
		}
		if (ex instanceof FileSystemException failed && failed.getReason() == null) {
			return "cannot create directory " + failed.getFile();
		}
		return (message != null) ? message : ex.getClass().getSimpleName();
	}

}
