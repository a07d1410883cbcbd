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

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Set;

import io.github.daemonstarter.DaemonException;
import io.github.daemonstarter.ExitStatus;
import org.jspecify.annotations.Nullable;

/**
 * Writes unit files atomically and removes them. A unit is written into a temporary file
 * beside its target, synced and moved over the target, so that a service manager never
 * reads half a unit.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class UnitInstaller {

	private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");

	private static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");

	private final Path directory;

	/**
	 * Create a new installer.
	 * @param directory the directory that holds the units
	 */
	public UnitInstaller(Path directory) {
		this.directory = directory.toAbsolutePath().normalize();
	}

	/**
	 * Return the directory that holds the units.
	 * @return the directory
	 */
	public Path getDirectory() {
		return this.directory;
	}

	/**
	 * Write a unit file.
	 * @param fileName the name of the file
	 * @param content the content
	 * @param executable whether the file is an executable script
	 * @param replace whether a file with a different content is replaced
	 * @param createDirectory whether a missing directory is created
	 * @return what happened
	 * @throws DaemonException if the file cannot be written (exit status 4 without
	 * permission) or a different file exists and is not replaced
	 */
	public Outcome install(String fileName, String content, boolean executable, boolean replace,
			boolean createDirectory) {
		Path target = this.directory.resolve(fileName);
		byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
		checkDirectory(createDirectory);
		byte[] existing = read(target);
		if (existing != null && Arrays.equals(existing, bytes)) {
			return Outcome.UNCHANGED;
		}
		if (existing != null && !replace) {
			throw new DaemonException(ExitStatus.FAILURE, target + " exists and differs from this application's unit: "
					+ "review it, then replace it with --daemon.force=true or remove it with --daemon=uninstall");
		}
		write(target, bytes, executable ? EXECUTABLE : READABLE);
		return (existing != null) ? Outcome.REPLACED : Outcome.INSTALLED;
	}

	/**
	 * Return whether a unit file exists.
	 * @param fileName the name of the file
	 * @return whether it exists
	 */
	public boolean exists(String fileName) {
		return Files.exists(this.directory.resolve(fileName), LinkOption.NOFOLLOW_LINKS);
	}

	/**
	 * Remove a unit file.
	 * @param fileName the name of the file
	 * @return whether a file was removed
	 * @throws DaemonException if the file cannot be removed (exit status 4 without
	 * permission)
	 */
	public boolean remove(String fileName) {
		Path target = this.directory.resolve(fileName);
		try {
			return Files.deleteIfExists(target);
		}
		catch (IOException ex) {
			throw failure("remove", target, ex);
		}
	}

	private void checkDirectory(boolean create) {
		if (Files.isDirectory(this.directory)) {
			return;
		}
		if (create && !Files.exists(this.directory, LinkOption.NOFOLLOW_LINKS)) {
			try {
				Files.createDirectories(this.directory);
				return;
			}
			catch (IOException ex) {
				throw failure("create", this.directory, ex);
			}
		}
		throw new DaemonException(ExitStatus.NOT_CONFIGURED, "Cannot install into " + this.directory
				+ ": it is not an existing directory; create it or set daemon.unit.directory");
	}

	private static byte @Nullable [] read(Path target) {
		try {
			return Files.readAllBytes(target);
		}
		catch (NoSuchFileException ex) {
			return null;
		}
		catch (IOException ex) {
			throw failure("read", target, ex);
		}
	}

	private void write(Path target, byte[] bytes, Set<PosixFilePermission> permissions) {
		Path temporary = null;
		try {
			temporary = Files.createTempFile(this.directory, "." + target.getFileName() + ".", ".tmp");
			try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE,
					StandardOpenOption.TRUNCATE_EXISTING)) {
				ByteBuffer buffer = ByteBuffer.wrap(bytes);
				while (buffer.hasRemaining()) {
					channel.write(buffer);
				}
				channel.force(true);
			}
			Files.setPosixFilePermissions(temporary, permissions);
			Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			temporary = null;
		}
		catch (IOException ex) {
			throw failure("write", target, ex);
		}
		finally {
			if (temporary != null) {
				try {
					Files.deleteIfExists(temporary);
				}
				catch (IOException ex) {
					// Nothing more to do
				}
			}
		}
	}

	private static DaemonException failure(String action, Path path, IOException ex) {
		if (isPermissionDenied(ex)) {
			return new DaemonException(ExitStatus.NO_PERMISSION, "Cannot " + action + " " + path
					+ ": permission denied; run the command with sudo (or as root), or set daemon.unit.directory", ex);
		}
		String reason = (ex instanceof FileSystemException fileSystem && fileSystem.getReason() != null)
				? fileSystem.getReason() : ex.getMessage();
		return new DaemonException(ExitStatus.FAILURE, "Cannot " + action + " " + path + ": " + reason, ex);
	}

	private static boolean isPermissionDenied(IOException ex) {
		if (ex instanceof AccessDeniedException) {
			return true;
		}
		String reason = (ex instanceof FileSystemException fileSystem) ? fileSystem.getReason() : null;
		return reason != null
				&& (reason.contains("Read-only file system") || reason.contains("Operation not permitted"));
	}

	/**
	 * What {@link #install} did.
	 */
	public enum Outcome {

		/**
		 * The unit was written where none was.
		 */
		INSTALLED,

		/**
		 * The unit replaced a different one.
		 */
		REPLACED,

		/**
		 * The same unit was already there; nothing was written.
		 */
		UNCHANGED

	}

}
