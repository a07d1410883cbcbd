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

import java.nio.charset.Charset;

import com.kenai.jffi.ArrayFlags;
import com.kenai.jffi.CallContext;
import com.kenai.jffi.CallingConvention;
import com.kenai.jffi.HeapInvocationBuffer;
import com.kenai.jffi.Invoker;
import com.kenai.jffi.LastError;
import com.kenai.jffi.Library;
import com.kenai.jffi.MemoryIO;
import com.kenai.jffi.Type;

/**
 * The C library functions that {@link Posix} calls, bound through jffi: each function is
 * looked up once and called through a prepared call context, so no bytecode is generated
 * at startup, unlike jnr-ffi and jnr-posix.
 * <p>
 * Every function saves {@code errno}, which {@link #errno()} returns for the calling
 * thread.
 *
 * @author Daemon Starter Team
 */
final class LibC {

	private static final int IN_STRING = ArrayFlags.IN | ArrayFlags.NULTERMINATE;

	private final Invoker invoker = Invoker.getInstance();

	private final Charset pathCharset;

	private final Symbol open;

	private final Symbol flock;

	private final Symbol fchmod;

	private final Symbol close;

	private final Symbol umask;

	private final Symbol geteuid;

	private final Symbol strerror;

	private final Symbol socket;

	private final Symbol sendto;

	private final Symbol dup;

	private final Symbol dup2;

	private final Symbol setsockopt;

	private final Symbol bind;

	private final Symbol listen;

	private final Symbol getsockname;

	private final Symbol kill;

	LibC(Charset pathCharset) {
		Library library = Library.getDefault();
		if (library == null) {
			throw new IllegalStateException("cannot open the C library: " + Library.getLastError());
		}
		this.pathCharset = pathCharset;
		this.open = Symbol.of(library, "open", Type.SINT, Type.POINTER, Type.SINT, Type.UINT);
		this.flock = Symbol.of(library, "flock", Type.SINT, Type.SINT, Type.SINT);
		this.fchmod = Symbol.of(library, "fchmod", Type.SINT, Type.SINT, Type.UINT);
		this.close = Symbol.of(library, "close", Type.SINT, Type.SINT);
		this.umask = Symbol.of(library, "umask", Type.UINT, Type.UINT);
		this.geteuid = Symbol.of(library, "geteuid", Type.UINT);
		this.strerror = Symbol.of(library, "strerror", Type.POINTER, Type.SINT);
		this.socket = Symbol.of(library, "socket", Type.SINT, Type.SINT, Type.SINT, Type.SINT);
		this.sendto = Symbol.of(library, "sendto", Type.SLONG, Type.SINT, Type.POINTER, Type.ULONG, Type.SINT,
				Type.POINTER, Type.UINT);
		this.dup = Symbol.of(library, "dup", Type.SINT, Type.SINT);
		this.dup2 = Symbol.of(library, "dup2", Type.SINT, Type.SINT, Type.SINT);
		this.setsockopt = Symbol.of(library, "setsockopt", Type.SINT, Type.SINT, Type.SINT, Type.SINT, Type.POINTER,
				Type.UINT);
		this.bind = Symbol.of(library, "bind", Type.SINT, Type.SINT, Type.POINTER, Type.UINT);
		this.listen = Symbol.of(library, "listen", Type.SINT, Type.SINT, Type.SINT);
		this.getsockname = Symbol.of(library, "getsockname", Type.SINT, Type.SINT, Type.POINTER, Type.POINTER);
		this.kill = Symbol.of(library, "kill", Type.SINT, Type.SINT, Type.SINT);
	}

	int open(String path, int flags, int mode) {
		byte[] bytes = path.getBytes(this.pathCharset);
		HeapInvocationBuffer buffer = new HeapInvocationBuffer(this.open.context);
		buffer.putArray(bytes, 0, bytes.length, IN_STRING);
		buffer.putInt(flags);
		buffer.putInt(mode);
		return this.invoker.invokeInt(this.open.context, this.open.address, buffer);
	}

	int flock(int fd, int operation) {
		return this.invoker.invokeI2(this.flock.context, this.flock.address, fd, operation);
	}

	int fchmod(int fd, int mode) {
		return this.invoker.invokeI2(this.fchmod.context, this.fchmod.address, fd, mode);
	}

	int close(int fd) {
		return this.invoker.invokeI1(this.close.context, this.close.address, fd);
	}

	int umask(int mask) {
		return this.invoker.invokeI1(this.umask.context, this.umask.address, mask);
	}

	int geteuid() {
		return this.invoker.invokeI0(this.geteuid.context, this.geteuid.address);
	}

	String strerror(int errno) {
		HeapInvocationBuffer buffer = new HeapInvocationBuffer(this.strerror.context);
		buffer.putInt(errno);
		long message = this.invoker.invokeAddress(this.strerror.context, this.strerror.address, buffer);
		if (message == 0) {
			return "errno " + errno;
		}
		return new String(MemoryIO.getInstance().getZeroTerminatedByteArray(message), Charset.defaultCharset());
	}

	int socket(int domain, int type, int protocol) {
		return this.invoker.invokeI3(this.socket.context, this.socket.address, domain, type, protocol);
	}

	long sendto(int fd, byte[] message, int flags, byte[] address) {
		HeapInvocationBuffer buffer = new HeapInvocationBuffer(this.sendto.context);
		buffer.putInt(fd);
		buffer.putArray(message, 0, message.length, ArrayFlags.IN);
		buffer.putLong(message.length);
		buffer.putInt(flags);
		buffer.putArray(address, 0, address.length, ArrayFlags.IN);
		buffer.putInt(address.length);
		return this.invoker.invokeLong(this.sendto.context, this.sendto.address, buffer);
	}

	int dup(int fd) {
		return this.invoker.invokeI1(this.dup.context, this.dup.address, fd);
	}

	int dup2(int fd, int target) {
		return this.invoker.invokeI2(this.dup2.context, this.dup2.address, fd, target);
	}

	int setsockopt(int fd, int level, int option, int value) {
		HeapInvocationBuffer buffer = new HeapInvocationBuffer(this.setsockopt.context);
		buffer.putInt(fd);
		buffer.putInt(level);
		buffer.putInt(option);
		buffer.putArray(new int[] { value }, 0, 1, ArrayFlags.IN);
		buffer.putInt(Integer.BYTES);
		return this.invoker.invokeInt(this.setsockopt.context, this.setsockopt.address, buffer);
	}

	int bind(int fd, byte[] address) {
		HeapInvocationBuffer buffer = new HeapInvocationBuffer(this.bind.context);
		buffer.putInt(fd);
		buffer.putArray(address, 0, address.length, ArrayFlags.IN);
		buffer.putInt(address.length);
		return this.invoker.invokeInt(this.bind.context, this.bind.address, buffer);
	}

	int listen(int fd, int backlog) {
		return this.invoker.invokeI2(this.listen.context, this.listen.address, fd, backlog);
	}

	int getsockname(int fd, byte[] address, int[] length) {
		HeapInvocationBuffer buffer = new HeapInvocationBuffer(this.getsockname.context);
		buffer.putInt(fd);
		buffer.putArray(address, 0, address.length, ArrayFlags.OUT);
		buffer.putArray(length, 0, 1, ArrayFlags.IN | ArrayFlags.OUT);
		return this.invoker.invokeInt(this.getsockname.context, this.getsockname.address, buffer);
	}

	int kill(int pid, int signal) {
		return this.invoker.invokeI2(this.kill.context, this.kill.address, pid, signal);
	}

	int errno() {
		return LastError.getInstance().get();
	}

	/**
	 * A function of the C library and how to call it.
	 *
	 * @param address the address of the function
	 * @param context its return and parameter types, with {@code errno} saved
	 */
	private record Symbol(long address, CallContext context) {

		static Symbol of(Library library, String name, Type returnType, Type... parameterTypes) {
			long address = library.getSymbolAddress(name);
			if (address == 0) {
				throw new IllegalStateException("the C library has no " + name + ": " + Library.getLastError());
			}
			return new Symbol(address,
					CallContext.getCallContext(returnType, parameterTypes, CallingConvention.DEFAULT, true));
		}

	}

}
