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

import java.nio.file.Files;
import java.nio.file.Path;

import io.github.daemonstarter.posix.Posix;
import jnr.constants.platform.Errno;
import jnr.constants.platform.OpenFlags;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;
import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;

/**
 * The program that {@code bench/native-binding.sh} runs, one fresh JVM per sample:
 * {@code java NativeBindingBench <variant> <file>}. Not a test.
 * <p>
 * Every variant loads its binding of the C library and then makes the same calls that the
 * daemon runtime makes to lock a PID file: {@code open} (create, no follow,
 * close-on-exec), {@code flock(LOCK_EX|LOCK_NB)}, a second {@code open} and {@code flock}
 * of the same file that must fail with {@code EWOULDBLOCK}, read through {@code errno},
 * {@code fchmod}, {@code umask} (set and restore), {@code geteuid} and {@code close}. The
 * variants are:
 * <ul>
 * <li>{@code jnr-posix}: jnr-posix's {@code POSIXFactory.getNativePOSIX()};</li>
 * <li>{@code jnr-ffi}: a jnr-ffi {@code LibraryLoader} interface with only these
 * functions;</li>
 * <li>{@code jffi}: the starter's own {@code io.github.daemonstarter.posix.Posix}, which
 * binds them through jffi directly;</li>
 * <li>{@code none}: no native call at all, the floor of a JVM that runs this program.</li>
 * </ul>
 * Each variant lives in its own nested class, so that the JVM loads the classes of one
 * binding only. The program checks every result and prints
 * {@code RESULT section_us <n>}: the time from just before the binding is loaded until the
 * last call returned.
 *
 * @author Daemon Starter Team
 */
public final class NativeBindingBench {

	private static final int LOCK_EX = 2;

	private static final int LOCK_NB = 4;

	private NativeBindingBench() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length != 2) {
			System.err.println("usage: NativeBindingBench jnr-posix|jnr-ffi|jffi|none <file>");
			System.exit(2);
		}
		String file = args[1];
		Files.deleteIfExists(Path.of(file));
		long start = System.nanoTime();
		switch (args[0]) {
			case "jnr-posix" -> JnrPosix.run(file);
			case "jnr-ffi" -> JnrFfi.run(file);
			case "jffi" -> Jffi.run(file);
			case "none" -> {
			}
			default -> throw new IllegalArgumentException("unknown variant " + args[0]);
		}
		long end = System.nanoTime();
		System.out.println("RESULT section_us " + (end - start) / 1000);
		Files.deleteIfExists(Path.of(file));
	}

	static int createFlags() {
		return OpenFlags.O_RDWR.intValue() | OpenFlags.O_CREAT.intValue() | OpenFlags.O_NOFOLLOW.intValue()
				| OpenFlags.O_CLOEXEC.intValue();
	}

	static int readFlags() {
		return OpenFlags.O_RDONLY.intValue() | OpenFlags.O_NONBLOCK.intValue() | OpenFlags.O_NOFOLLOW.intValue()
				| OpenFlags.O_CLOEXEC.intValue();
	}

	static void check(boolean condition, String what) {
		if (!condition) {
			throw new IllegalStateException("unexpected result: " + what);
		}
	}

	static boolean isWouldBlock(int errno) {
		return errno == Errno.EWOULDBLOCK.intValue() || errno == Errno.EAGAIN.intValue();
	}

	/**
	 * jnr-posix's native {@code POSIX}.
	 */
	static final class JnrPosix {

		static void run(String file) {
			POSIX posix = POSIXFactory.getNativePOSIX();
			check(posix.isNative(), "jnr-posix is not native");
			int fd = posix.open(file, createFlags(), 0600);
			check(fd >= 0, "open: errno " + posix.errno());
			check(posix.flock(fd, LOCK_EX | LOCK_NB) == 0, "flock: errno " + posix.errno());
			int other = posix.open(file, readFlags(), 0);
			check(other >= 0, "second open: errno " + posix.errno());
			check(posix.flock(other, LOCK_EX | LOCK_NB) == -1, "second flock succeeded");
			check(isWouldBlock(posix.errno()), "second flock: errno " + posix.errno());
			check(posix.fchmod(fd, 0644) == 0, "fchmod: errno " + posix.errno());
			int previous = posix.umask(027);
			check(posix.umask(previous) == 027, "umask");
			check(posix.geteuid() >= 0, "geteuid");
			check(posix.close(other) == 0 && posix.close(fd) == 0, "close");
		}

	}

	/**
	 * A minimal jnr-ffi binding of the C library.
	 */
	static final class JnrFfi {

		static void run(String file) {
			LibC libc = LibraryLoader.create(LibC.class).load("c");
			Runtime runtime = Runtime.getRuntime(libc);
			int fd = libc.open(file, createFlags(), 0600);
			check(fd >= 0, "open: errno " + runtime.getLastError());
			check(libc.flock(fd, LOCK_EX | LOCK_NB) == 0, "flock: errno " + runtime.getLastError());
			int other = libc.open(file, readFlags(), 0);
			check(other >= 0, "second open: errno " + runtime.getLastError());
			check(libc.flock(other, LOCK_EX | LOCK_NB) == -1, "second flock succeeded");
			check(isWouldBlock(runtime.getLastError()), "second flock: errno " + runtime.getLastError());
			check(libc.fchmod(fd, 0644) == 0, "fchmod: errno " + runtime.getLastError());
			int previous = libc.umask(027);
			check(libc.umask(previous) == 027, "umask");
			check(libc.geteuid() >= 0, "geteuid");
			check(libc.close(other) == 0 && libc.close(fd) == 0, "close");
		}

		/**
		 * The C library functions that the benchmark calls.
		 */
		public interface LibC {

			int open(String path, int flags, int mode);

			int flock(int fd, int operation);

			int fchmod(int fd, int mode);

			int close(int fd);

			int umask(int mask);

			int geteuid();

		}

	}

	/**
	 * The starter's own binding, jffi called directly.
	 */
	static final class Jffi {

		static void run(String file) {
			Posix posix = Posix.get();
			int fd = posix.openNoFollow(file, true, 0600);
			check(fd >= 0, "open: errno " + posix.errno());
			check(posix.flock(fd, LOCK_EX | LOCK_NB) == 0, "flock: errno " + posix.errno());
			int other = posix.openNoFollow(file, false, 0);
			check(other >= 0, "second open: errno " + posix.errno());
			check(posix.flock(other, LOCK_EX | LOCK_NB) == -1, "second flock succeeded");
			check(Posix.isWouldBlock(posix.errno()), "second flock: errno " + posix.errno());
			check(posix.fchmod(fd, 0644) == 0, "fchmod: errno " + posix.errno());
			int previous = posix.umask(027);
			check(posix.umask(previous) == 027, "umask");
			check(posix.geteuid() >= 0, "geteuid");
			posix.close(other);
			posix.close(fd);
		}

	}

}
