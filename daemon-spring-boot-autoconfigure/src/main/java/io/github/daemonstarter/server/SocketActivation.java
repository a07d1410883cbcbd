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

package io.github.daemonstarter.server;

import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.daemonstarter.DaemonConsole;
import io.github.daemonstarter.DaemonException;
import io.github.daemonstarter.posix.Posix;
import io.github.daemonstarter.posix.ProcFs;
import org.jspecify.annotations.Nullable;

/**
 * systemd's socket activation: systemd listens on the web server's port, starts the
 * service and passes the listening socket on file descriptor 3, naming the process in
 * {@value #PID_VARIABLE} and the number of sockets in {@value #FDS_VARIABLE}. The socket
 * is moved to standard input, where {@link InheritedServerSocket} finds it, so that the
 * web server serves on it instead of binding {@code server.port}; connections that arrive
 * while the application starts or restarts wait in the socket's queue.
 * <p>
 * Only the process that systemd started takes the socket, never a process that it starts
 * in turn and that inherits the variables. It must run before anything calls
 * {@link System#inheritedChannel()}, which looks at standard input once.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class SocketActivation {

	/**
	 * Environment variable that holds the PID of the process that the sockets are for.
	 */
	static final String PID_VARIABLE = "LISTEN_PID";

	/**
	 * Environment variable that holds how many sockets systemd passed, from descriptor 3.
	 */
	static final String FDS_VARIABLE = "LISTEN_FDS";

	/**
	 * Environment variable that holds the names of the sockets
	 * ({@code FileDescriptorName=}), separated by colons.
	 */
	static final String NAMES_VARIABLE = "LISTEN_FDNAMES";

	/**
	 * The file descriptor of the first socket that systemd passes.
	 */
	static final int FIRST_DESCRIPTOR = 3;

	private static final String TCP_LISTEN = "0A";

	private static final String FALLBACK = "; binding server.port instead";

	private static volatile boolean applied;

	private final Function<String, @Nullable String> environment;

	private final long pid;

	private final ProcFs procFs;

	SocketActivation(Function<String, @Nullable String> environment, long pid, ProcFs procFs) {
		this.environment = environment;
		this.pid = pid;
		this.procFs = procFs;
	}

	/**
	 * Return the socket activation of this process, as its environment describes it.
	 * @return the socket activation
	 */
	public static SocketActivation current() {
		return new SocketActivation(System::getenv, ProcessHandle.current().pid(), ProcFs.system());
	}

	/**
	 * Serve on the socket that systemd passed to this process, if it passed one: move it
	 * from descriptor 3 to standard input and report it. A socket that cannot be served
	 * is reported as a warning and left alone, and the web server binds
	 * {@code server.port}.
	 * @param posix the native layer, loaded only when there is a socket to move
	 * @param console where to report
	 * @return whether the web server will serve on the socket
	 */
	public boolean apply(Supplier<Posix> posix, DaemonConsole console) {
		if (applied) {
			return true;
		}
		Decision decision = decide();
		if (decision instanceof Refused refused) {
			console.problem("Warning: " + refused.reason() + FALLBACK);
		}
		if (!(decision instanceof Passed passed)) {
			return false;
		}
		String failure = moveToStandardInput(posix);
		if (failure != null) {
			console.problem("Warning: cannot serve on the socket that systemd passed: " + failure + FALLBACK);
			return false;
		}
		applied = true;
		InheritedServerSocket.activate();
		console.result("Serving on port " + passed.port() + " through the listening socket that systemd passed"
				+ ((passed.name() != null) ? " (" + passed.name() + ")" : "") + " instead of binding server.port");
		return true;
	}

	/**
	 * Decide from the environment and the open descriptors whether systemd passed a
	 * socket to serve on, without changing anything.
	 * @return the decision
	 */
	Decision decide() {
		String listenPid = variable(PID_VARIABLE);
		if (listenPid == null || !listenPid.equals(Long.toString(this.pid))) {
			return new NotActivated();
		}
		String fds = variable(FDS_VARIABLE);
		int count;
		try {
			count = (fds != null) ? Integer.parseInt(fds) : 0;
		}
		catch (NumberFormatException ex) {
			return new Refused(FDS_VARIABLE + "=" + fds + " is not a number of sockets");
		}
		if (count <= 0) {
			return new NotActivated();
		}
		if (count > 1) {
			return new Refused("systemd passed " + count + " sockets (" + FDS_VARIABLE + "=" + count
					+ ") but the application serves on one; give the .socket unit a single ListenStream=");
		}
		return checkListening(variable(NAMES_VARIABLE));
	}

	private Decision checkListening(@Nullable String names) {
		String target;
		try {
			target = this.procFs.selfFileDescriptorTarget(FIRST_DESCRIPTOR).toString();
		}
		catch (IOException ex) {
			return new Refused("file descriptor " + FIRST_DESCRIPTOR + " that systemd passed is not open");
		}
		Integer port = (target.startsWith("socket:[") && target.endsWith("]"))
				? listeningPort(target.substring("socket:[".length(), target.length() - 1)) : null;
		if (port == null) {
			return new Refused("file descriptor " + FIRST_DESCRIPTOR + " that systemd passed (" + target
					+ ") is not a listening TCP socket; use ListenStream= with Accept=no in the .socket unit");
		}
		return new Passed(port, (names != null && !names.isBlank()) ? names.strip() : null);
	}

	/**
	 * Return the port of the listening TCP socket with the given inode, from the lines of
	 * {@code /proc/self/net/tcp} and {@code tcp6}: {@code sl local_address rem_address st
	 * ... inode}, the port in hexadecimal after the local address, state {@code 0A} for
	 * listening.
	 * @param inode the inode of the socket
	 * @return the port, or {@code null} if no listening TCP socket has the inode
	 */
	private @Nullable Integer listeningPort(String inode) {
		List<String> sockets;
		try {
			sockets = this.procFs.selfTcpSockets();
		}
		catch (IOException ex) {
			return null;
		}
		for (String line : sockets) {
			String[] fields = line.strip().split("\\s+");
			if (fields.length > 9 && fields[9].equals(inode) && fields[3].equals(TCP_LISTEN)) {
				String local = fields[1];
				return Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16);
			}
		}
		return null;
	}

	private @Nullable String moveToStandardInput(Supplier<Posix> posix) {
		try {
			Posix libc = posix.get();
			if (libc.dup2(FIRST_DESCRIPTOR, 0) != 0) {
				return libc.strerror(libc.errno());
			}
			libc.close(FIRST_DESCRIPTOR);
			return null;
		}
		catch (DaemonException ex) {
			return ex.getMessage();
		}
	}

	private @Nullable String variable(String name) {
		String value = this.environment.apply(name);
		return (value != null) ? value.strip() : null;
	}

	/**
	 * What to do with the sockets that systemd may have passed.
	 */
	sealed interface Decision permits NotActivated, Passed, Refused {

	}

	/**
	 * systemd passed no socket to this process.
	 */
	record NotActivated() implements Decision {

	}

	/**
	 * systemd passed one listening TCP socket to serve on.
	 *
	 * @param port the port it listens on
	 * @param name its name ({@code FileDescriptorName=}) or {@code null}
	 */
	record Passed(int port, @Nullable String name) implements Decision {

	}

	/**
	 * systemd passed sockets that the application cannot serve on.
	 *
	 * @param reason why, and what to change
	 */
	record Refused(String reason) implements Decision {

	}

}
