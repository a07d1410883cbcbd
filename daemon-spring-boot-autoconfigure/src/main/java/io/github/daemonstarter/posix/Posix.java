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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import io.github.daemonstarter.DaemonException;
import io.github.daemonstarter.ExitStatus;
import jnr.constants.platform.Errno;
import jnr.constants.platform.OpenFlags;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * The native POSIX calls used by daemon mode: file locks, file modes, umask and datagram
 * sockets.
 * <p>
 * Backed by jffi, the native layer under jnr-ffi and jnr-posix, which calls the C library
 * directly; the constants come from jnr-constants. jnr-posix's {@code POSIX} is not used:
 * it generates bytecode for its whole C library interface when it loads, on the path of
 * every daemonized start, and its pure-Java fallback returns made-up values. A jnr-ffi
 * interface with only the needed functions still generates its bytecode too.
 * {@code bench/native-binding.sh} measures the three. Every call returns the raw result
 * and leaves {@link #errno()} to the caller.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class Posix {

	/**
	 * {@code flock} operation: shared lock.
	 */
	public static final int LOCK_SH = 1;

	/**
	 * {@code flock} operation: exclusive lock.
	 */
	public static final int LOCK_EX = 2;

	/**
	 * {@code flock} flag: do not block.
	 */
	public static final int LOCK_NB = 4;

	/**
	 * Signal number of {@code SIGHUP}.
	 */
	public static final int SIGHUP = 1;

	private static final String JFFI_CLASS = "com.kenai.jffi.Invoker";

	private static volatile @Nullable Posix instance;

	private static volatile @Nullable DaemonException failure;

	private final LibC libc;

	private Posix(LibC libc) {
		this.libc = libc;
	}

	LibC libc() {
		return this.libc;
	}

	/**
	 * Return the native POSIX layer, loading it on first use.
	 * @return the native POSIX layer
	 * @throws DaemonException if the operating system is not supported or the native
	 * layer cannot be loaded
	 */
	public static Posix get() {
		Posix posix = instance;
		if (posix == null) {
			synchronized (Posix.class) {
				posix = instance;
				if (posix == null) {
					posix = loadOnce();
					instance = posix;
				}
			}
		}
		return posix;
	}

	/**
	 * Load the native layer, or repeat the first failure: jnr caches a failed load and
	 * reports it differently on a second attempt, hiding the real cause.
	 * @return the native layer
	 */
	private static Posix loadOnce() {
		DaemonException failed = failure;
		if (failed != null) {
			throw new DaemonException(failed.getExitStatus(), failed.getMessage(), failed);
		}
		try {
			return load(System.getProperty("os.name", ""));
		}
		catch (DaemonException ex) {
			failure = ex;
			throw ex;
		}
	}

	static Posix load(String osName) {
		checkSupported(osName);
		if (!ClassUtils.isPresent(JFFI_CLASS, Posix.class.getClassLoader())) {
			throw new DaemonException(ExitStatus.NOT_INSTALLED,
					"Daemon mode needs jffi: add com.github.jnr:jffi, its native jar (classifier native) and "
							+ "com.github.jnr:jnr-constants to the application (daemon-spring-boot-starter brings them)");
		}
		try {
			return new Posix(new LibC(pathCharset()));
		}
		catch (Throwable ex) {
			throw new DaemonException(ExitStatus.NOT_INSTALLED, "Daemon mode cannot load its native layer, jffi ("
					+ DaemonException.rootCauseMessage(ex) + "): " + nativeLayerFix(), ex);
		}
	}

	/**
	 * Return the character set of file names: the one the JDK itself uses for paths.
	 * @return the character set of file names
	 */
	private static Charset pathCharset() {
		String encoding = System.getProperty("sun.jnu.encoding");
		try {
			return (encoding != null) ? Charset.forName(encoding) : Charset.defaultCharset();
		}
		catch (IllegalArgumentException ex) {
			return Charset.defaultCharset();
		}
	}

	/**
	 * Return what to change so that jffi can load its native stub. jffi extracts it to
	 * {@code jffi.extract.dir} if set, and otherwise to {@code java.io.tmpdir} with the
	 * working directory as fallback; the JVM ignores {@code TMPDIR} on Linux.
	 * @return the action that lets jffi load its native stub
	 */
	private static String nativeLayerFix() {
		String extractDirectory = System.getProperty("jffi.extract.dir");
		if (extractDirectory != null && !extractDirectory.isEmpty()) {
			return "point -Djffi.extract.dir (now " + extractDirectory
					+ ") at a writable directory that is not mounted noexec, or remove it";
		}
		return "point -Djava.io.tmpdir (now " + System.getProperty("java.io.tmpdir")
				+ ") at a writable directory that is not mounted noexec, or set -Djffi.extract.dir to one";
	}

	/**
	 * Check that the given operating system is one that daemon mode supports.
	 * @param osName the value of the {@code os.name} system property
	 * @throws DaemonException if it is not supported
	 */
	static void checkSupported(String osName) {
		if (!osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
			throw new DaemonException(ExitStatus.NOT_INSTALLED, "Daemon mode is not supported on '" + osName
					+ "' (Linux only): run the application without --daemon under the platform's service manager");
		}
	}

	/**
	 * Open a file, never following a symbolic link in its last component, with
	 * close-on-exec set. A read-only open does not block, even on a FIFO.
	 * @param path the file
	 * @param create whether to create it if missing (then opened read-write)
	 * @param mode the permissions of a created file
	 * @return the file descriptor or {@code -1} with {@link #errno()} set
	 */
	public int openNoFollow(String path, boolean create, int mode) {
		int flags = OpenFlags.O_NOFOLLOW.intValue() | OpenFlags.O_CLOEXEC.intValue();
		flags |= create ? OpenFlags.O_RDWR.intValue() | OpenFlags.O_CREAT.intValue()
				: OpenFlags.O_RDONLY.intValue() | OpenFlags.O_NONBLOCK.intValue();
		return this.libc.open(path, flags, mode);
	}

	/**
	 * Open a file for appending, creating it if missing, with close-on-exec set. Like the
	 * shell's {@code >>}, it follows a symbolic link.
	 * @param path the file
	 * @param mode the permissions of a created file, before the umask
	 * @return the file descriptor or {@code -1} with {@link #errno()} set
	 */
	public int openForAppend(String path, int mode) {
		int flags = OpenFlags.O_WRONLY.intValue() | OpenFlags.O_APPEND.intValue() | OpenFlags.O_CREAT.intValue()
				| OpenFlags.O_CLOEXEC.intValue();
		return this.libc.open(path, flags, mode);
	}

	/**
	 * Make a file descriptor refer to the open file of another, closing what it referred
	 * to before, in one step ({@code dup2(2)}): a write through it goes either to the old
	 * file or to the new one.
	 * @param fd the file descriptor to copy
	 * @param target the file descriptor to replace, such as {@code 1} for standard output
	 * @return {@code target} or {@code -1} with {@link #errno()} set
	 */
	public int dup2(int fd, int target) {
		return this.libc.dup2(fd, target);
	}

	/**
	 * Copy a file descriptor to the lowest free one ({@code dup(2)}).
	 * @param fd the file descriptor to copy
	 * @return the new file descriptor or {@code -1} with {@link #errno()} set
	 */
	public int dup(int fd) {
		return this.libc.dup(fd);
	}

	/**
	 * Send a signal to a process ({@code kill(2)}).
	 * @param pid the process id
	 * @param signal the signal number, such as {@link #SIGHUP}
	 * @return {@code 0} or {@code -1} with {@link #errno()} set
	 */
	public int kill(long pid, int signal) {
		return this.libc.kill(Math.toIntExact(pid), signal);
	}

	/**
	 * Apply or remove an advisory lock on an open file ({@code flock(2)}).
	 * @param fd the file descriptor
	 * @param operation {@link #LOCK_SH} or {@link #LOCK_EX}, optionally with
	 * {@link #LOCK_NB}, or {@code 8} to unlock
	 * @return {@code 0} or {@code -1} with {@link #errno()} set
	 */
	public int flock(int fd, int operation) {
		return this.libc.flock(fd, operation);
	}

	/**
	 * Return the status of an open file, as {@code fstat(2)} gives it: read through
	 * {@code /proc/self/fd}, whose entries lead to the open file itself even when its
	 * path has been removed or replaced.
	 * @param fd the file descriptor
	 * @return the inode number, device, mode and owner of the file
	 * @throws UncheckedIOException if the file descriptor is not open
	 */
	public FileIdentity fstat(int fd) {
		try {
			Map<String, Object> attributes = Files.readAttributes(Path.of("/proc/self/fd/" + fd),
					"unix:dev,ino,mode,uid");
			return new FileIdentity(((Number) attributes.get("dev")).longValue(),
					((Number) attributes.get("ino")).longValue(), (Integer) attributes.get("mode"),
					(Integer) attributes.get("uid"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the status of file descriptor " + fd, ex);
		}
	}

	/**
	 * Change the permissions of an open file.
	 * @param fd the file descriptor
	 * @param mode the new permissions
	 * @return {@code 0} or {@code -1} with {@link #errno()} set
	 */
	public int fchmod(int fd, int mode) {
		return this.libc.fchmod(fd, mode);
	}

	/**
	 * Close a file descriptor.
	 * @param fd the file descriptor
	 */
	public void close(int fd) {
		this.libc.close(fd);
	}

	/**
	 * Create a socket with close-on-exec set.
	 * @param domain the address family, such as {@code AF_UNIX}
	 * @param type the socket type, such as {@code SOCK_DGRAM}
	 * @return the file descriptor or {@code -1} with {@link #errno()} set
	 */
	public int socket(int domain, int type) {
		// SOCK_CLOEXEC has the value of O_CLOEXEC on Linux
		return this.libc.socket(domain, type | OpenFlags.O_CLOEXEC.intValue(), 0);
	}

	/**
	 * Send one datagram from a socket to an address.
	 * @param fd the socket
	 * @param message the datagram
	 * @param address the encoded {@code sockaddr} of the receiver
	 * @return the number of bytes sent or {@code -1} with {@link #errno()} set
	 */
	public long sendto(int fd, byte[] message, byte[] address) {
		return this.libc.sendto(fd, message, 0, address);
	}

	/**
	 * Set the file mode creation mask of this process.
	 * @param mask the new mask
	 * @return the previous mask
	 */
	public int umask(int mask) {
		return this.libc.umask(mask);
	}

	/**
	 * Return the effective user id of this process.
	 * @return the effective user id
	 */
	public int geteuid() {
		return this.libc.geteuid();
	}

	/**
	 * Return the error number of the last failed call on this thread.
	 * @return the error number
	 */
	public int errno() {
		return this.libc.errno();
	}

	/**
	 * Return a description of an error number, such as {@code Permission denied}.
	 * @param errno the error number
	 * @return the description
	 */
	public String strerror(int errno) {
		return this.libc.strerror(errno);
	}

	/**
	 * Return whether the error number means that a lock is held elsewhere.
	 * @param errno the error number
	 * @return whether the call would block
	 */
	public static boolean isWouldBlock(int errno) {
		return errno == Errno.EWOULDBLOCK.intValue() || errno == Errno.EAGAIN.intValue();
	}

	/**
	 * Return whether the error number means that a path is a symbolic link where none was
	 * allowed.
	 * @param errno the error number
	 * @return whether the path is a symbolic link
	 */
	public static boolean isSymbolicLink(int errno) {
		return errno == Errno.ELOOP.intValue();
	}

	/**
	 * Return whether the error number means that the file does not exist.
	 * @param errno the error number
	 * @return whether the file does not exist
	 */
	public static boolean isNotFound(int errno) {
		return errno == Errno.ENOENT.intValue();
	}

	/**
	 * Return whether the error number means that another socket holds the address.
	 * @param errno the error number
	 * @return whether it is {@code EADDRINUSE}
	 */
	public static boolean isAddressInUse(int errno) {
		return errno == Errno.EADDRINUSE.intValue();
	}

	/**
	 * Return whether the error number means that permission was denied.
	 * @param errno the error number
	 * @return whether permission was denied
	 */
	public static boolean isPermissionDenied(int errno) {
		return errno == Errno.EACCES.intValue() || errno == Errno.EPERM.intValue();
	}

	/**
	 * The identity and permissions of a file, from {@code fstat(2)}.
	 *
	 * @param device the device
	 * @param inode the inode number
	 * @param mode the type and permission bits
	 * @param owner the owner's user id
	 */
	public record FileIdentity(long device, long inode, int mode, int owner) {

		private static final int TYPE_MASK = 0170000;

		private static final int REGULAR_FILE = 0100000;

		/**
		 * Return whether this is a regular file.
		 * @return whether this is a regular file
		 */
		public boolean isRegularFile() {
			return (this.mode & TYPE_MASK) == REGULAR_FILE;
		}

		/**
		 * Return the permission bits.
		 * @return the permission bits
		 */
		public int permissions() {
			return this.mode & 07777;
		}

	}

}
