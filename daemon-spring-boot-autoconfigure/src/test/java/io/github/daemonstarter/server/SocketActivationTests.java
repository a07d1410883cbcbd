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

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.github.daemonstarter.DaemonConsole;
import io.github.daemonstarter.posix.Posix;
import io.github.daemonstarter.posix.ProcFs;
import io.github.daemonstarter.server.SocketActivation.NotActivated;
import io.github.daemonstarter.server.SocketActivation.Passed;
import io.github.daemonstarter.server.SocketActivation.Refused;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SocketActivation}: the decision from the environment and a
 * {@code /proc} laid out in a directory, without native calls.
 *
 * @author Daemon Starter Team
 */
class SocketActivationTests {

	private static final long PID = 4711;

	private static final String HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt"
			+ "   uid  timeout inode\n";

	@TempDir
	Path proc;

	private final Map<String, String> environment = new HashMap<>();

	@BeforeEach
	void prepareProc() throws Exception {
		Files.createDirectories(this.proc.resolve("self/fd"));
		Files.createDirectories(this.proc.resolve("self/net"));
		Files.writeString(this.proc.resolve("self/net/tcp"), HEADER
				+ "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 4242 1 0 100 0 0 10 0\n"
				+ "   1: 0100007F:1F91 0100007F:D431 01 00000000:00000000 00:00000000 00000000  1000        0 4343 1 0 20 4 30 10 -1\n");
		Files.writeString(this.proc.resolve("self/net/tcp6"), HEADER
				+ "   0: 00000000000000000000000000000000:0050 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4444 1 0 100 0 0 10 0\n");
	}

	@Test
	void decideWithoutListenPidIsNotActivated() {
		this.environment.put("LISTEN_FDS", "1");
		assertThat(activation().decide()).isInstanceOf(NotActivated.class);
	}

	@Test
	void decideWhenListenPidIsAnotherProcessIsNotActivated() throws Exception {
		socketOnDescriptor3(4242);
		this.environment.put("LISTEN_PID", "4710");
		this.environment.put("LISTEN_FDS", "1");
		assertThat(activation().decide()).isInstanceOf(NotActivated.class);
	}

	@Test
	void decideWithOneListeningTcpSocketPassesItWithItsPort() throws Exception {
		socketOnDescriptor3(4242);
		this.environment.put("LISTEN_PID", " 4711\n");
		this.environment.put("LISTEN_FDS", "1");
		assertThat(activation().decide()).isEqualTo(new Passed(8080, null));
	}

	@Test
	void decideWithListeningTcp6SocketAndNamePassesIt() throws Exception {
		socketOnDescriptor3(4444);
		this.environment.put("LISTEN_PID", "4711");
		this.environment.put("LISTEN_FDS", "1");
		this.environment.put("LISTEN_FDNAMES", "web");
		assertThat(activation().decide()).isEqualTo(new Passed(80, "web"));
	}

	@Test
	void decideWithNoSocketsIsNotActivated() {
		this.environment.put("LISTEN_PID", "4711");
		this.environment.put("LISTEN_FDS", "0");
		assertThat(activation().decide()).isInstanceOf(NotActivated.class);
	}

	@Test
	void decideWithTwoSocketsRefusesThem() throws Exception {
		socketOnDescriptor3(4242);
		this.environment.put("LISTEN_PID", "4711");
		this.environment.put("LISTEN_FDS", "2");
		assertThat(reason()).contains("LISTEN_FDS=2").contains("a single ListenStream=");
	}

	@Test
	void decideWithMalformedCountRefusesIt() {
		this.environment.put("LISTEN_PID", "4711");
		this.environment.put("LISTEN_FDS", "one");
		assertThat(reason()).isEqualTo("LISTEN_FDS=one is not a number of sockets");
	}

	@Test
	void decideWithConnectedSocketRefusesIt() throws Exception {
		socketOnDescriptor3(4343);
		this.environment.put("LISTEN_PID", "4711");
		this.environment.put("LISTEN_FDS", "1");
		assertThat(reason()).contains("(socket:[4343]) is not a listening TCP socket").contains("Accept=no");
	}

	@Test
	void decideWithUnknownSocketRefusesIt() throws Exception {
		socketOnDescriptor3(9999);
		this.environment.put("LISTEN_PID", "4711");
		this.environment.put("LISTEN_FDS", "1");
		assertThat(reason()).contains("is not a listening TCP socket");
	}

	@Test
	void decideWithFileOnDescriptor3RefusesIt() throws Exception {
		Files.createSymbolicLink(this.proc.resolve("self/fd/3"), Path.of("/dev/null"));
		this.environment.put("LISTEN_PID", "4711");
		this.environment.put("LISTEN_FDS", "1");
		assertThat(reason()).contains("(/dev/null) is not a listening TCP socket");
	}

	@Test
	void decideWithDescriptor3ClosedRefusesIt() {
		this.environment.put("LISTEN_PID", "4711");
		this.environment.put("LISTEN_FDS", "1");
		assertThat(reason()).isEqualTo("file descriptor 3 that systemd passed is not open");
	}

	@Test
	void applyWhenRefusedWarnsAndLeavesTheDescriptorsAlone() {
		this.environment.put("LISTEN_PID", "4711");
		this.environment.put("LISTEN_FDS", "2");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		DaemonConsole console = new DaemonConsole(new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8), false);
		boolean served = activation().apply(SocketActivationTests::noNativeCall, console);
		assertThat(served).isFalse();
		assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
		assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("Warning: systemd passed 2 sockets")
			.endsWith("; binding server.port instead\n")
			.containsOnlyOnce("\n");
	}

	@Test
	void applyWhenNotActivatedSaysNothing() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		DaemonConsole console = new DaemonConsole(new PrintStream(out, true), new PrintStream(out, true), false);
		assertThat(activation().apply(SocketActivationTests::noNativeCall, console)).isFalse();
		assertThat(out.toByteArray()).isEmpty();
	}

	private static Posix noNativeCall() {
		throw new AssertionError("no native call");
	}

	private String reason() {
		SocketActivation.Decision decision = activation().decide();
		assertThat(decision).isInstanceOf(Refused.class);
		return ((Refused) decision).reason();
	}

	private void socketOnDescriptor3(int inode) throws Exception {
		Files.createSymbolicLink(this.proc.resolve("self/fd/3"), Path.of("socket:[" + inode + "]"));
	}

	private SocketActivation activation() {
		return new SocketActivation(this.environment::get, PID, ProcFs.at(this.proc));
	}

}
