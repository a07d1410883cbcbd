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

package io.github.daemonstarter.faststart;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The rule that keeps the cache safe to run: the cache holds code that the daemon runs,
 * so every directory and file in it must belong to the daemon's user and must not be
 * writable by its group or by others, and none may be a symbolic link. Another user who
 * could write there could make the daemon run their code.
 *
 * @author Daemon Starter Team
 */
final class CacheSafety {

	private static final int GROUP_OR_OTHERS_WRITE = 0022;

	private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
			PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

	private final int uid;

	/**
	 * Create a rule for the given user.
	 * @param uid the user id of the daemon's user
	 */
	CacheSafety(int uid) {
		this.uid = uid;
	}

	/**
	 * Return what makes a path unsafe, or {@code null} if it is safe.
	 * @param path a directory or file of the cache
	 * @return the problem, such as {@code is writable by others}
	 * @throws IOException if the path cannot be examined
	 */
	@Nullable String problem(Path path) throws IOException {
		Map<String, Object> attributes = Files.readAttributes(path, "unix:uid,mode,isSymbolicLink",
				LinkOption.NOFOLLOW_LINKS);
		if (Boolean.TRUE.equals(attributes.get("isSymbolicLink"))) {
			return "is a symbolic link";
		}
		int owner = (Integer) attributes.get("uid");
		if (owner != this.uid) {
			return "is owned by uid " + owner + ", not by the daemon's user (uid " + this.uid + ")";
		}
		int mode = (Integer) attributes.get("mode");
		if ((mode & GROUP_OR_OTHERS_WRITE) != 0) {
			return "is writable by its group or by others (mode " + Integer.toOctalString(mode & 07777) + ")";
		}
		return null;
	}

	/**
	 * Return the warning for an unsafe path: it names the path and the fix.
	 * @param path the path
	 * @param problem what makes it unsafe
	 * @return the warning line
	 */
	static String warning(Path path, String problem) {
		return "Fast start cache " + path + " " + problem + ", so it is not used and " + "the application starts from "
				+ "its jar: make it owned by the daemon's user and not writable by group or others "
				+ "(chown, chmod go-w), or remove it to have it rebuilt, or set daemon.fast-start.directory";
	}

	/**
	 * Create a directory that only its owner may use, or leave it if it exists.
	 * @param directory the directory
	 * @return whether this process created it
	 * @throws IOException if it cannot be created
	 */
	static boolean createPrivateDirectory(Path directory) throws IOException {
		if (Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
			return false;
		}
		Path parent = directory.getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		try {
			Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
		}
		catch (FileAlreadyExistsException ex) {
			// Another start created it at the same time
			return false;
		}
		// The umask may have taken bits away; it never adds any
		Files.setPosixFilePermissions(directory, OWNER_ONLY);
		return true;
	}

	/**
	 * Take the write permission of group and others from a file or directory that this
	 * process created, whatever the umask of its creator.
	 * @param path the path
	 * @throws IOException if its permissions cannot be changed
	 */
	static void removeGroupAndOthersWrite(Path path) throws IOException {
		Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
		if (permissions.remove(PosixFilePermission.GROUP_WRITE)
				| permissions.remove(PosixFilePermission.OTHERS_WRITE)) {
			Files.setPosixFilePermissions(path, permissions);
		}
	}

}
