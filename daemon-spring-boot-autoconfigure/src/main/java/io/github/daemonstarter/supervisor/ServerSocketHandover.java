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

package io.github.daemonstarter.supervisor;

import io.github.daemonstarter.DaemonException;
import io.github.daemonstarter.ExitStatus;
import io.github.daemonstarter.handover.HandoverPlan;
import io.github.daemonstarter.posix.ListeningSocket;
import io.github.daemonstarter.posix.ListeningSocket.BindFailedException;
import io.github.daemonstarter.posix.Posix;
import org.jspecify.annotations.Nullable;

/**
 * Opens the web server's listening socket in the supervisor, once for its whole life, and
 * puts it on the supervisor's standard input, which every application JVM that it starts
 * inherits (see {@code InheritedServerSocket}).
 *
 * @author Daemon Starter Team
 */
final class ServerSocketHandover {

	private ServerSocketHandover() {
	}

	/**
	 * Open the socket and put it on standard input.
	 * @param plan the address to listen on
	 * @param log the supervisor's log
	 * @return {@code null}, or the supervisor's exit status if the socket cannot be
	 * opened
	 */
	static @Nullable Integer open(HandoverPlan plan, SupervisorLog log) {
		try {
			ListeningSocket socket = ListeningSocket.open(Posix.get(), plan.address(), plan.backlog());
			socket.moveTo(0);
			log.info("Listening on port " + socket.getPort() + " (" + plan.settings()
					+ "); the application JVMs serve on this socket, so a reload refuses no connection");
			return null;
		}
		catch (BindFailedException ex) {
			log.error(message(plan, ex));
			return ex.isPermissionDenied() ? ExitStatus.NO_PERMISSION : ExitStatus.FAILURE;
		}
		catch (DaemonException ex) {
			log.error(ex.getMessage());
			return ex.getExitStatus();
		}
	}

	static String message(HandoverPlan plan, BindFailedException ex) {
		if (ex.isAddressInUse()) {
			return plan.settings() + ": the port is taken by another program (" + ex.getMessage()
					+ "); stop that program or set server.port to a free port";
		}
		if (ex.isPermissionDenied()) {
			return plan.settings() + ": this user may not listen on the port (" + ex.getMessage()
					+ "); use a port above 1023, or daemon.capabilities=CAP_NET_BIND_SERVICE with daemon.user";
		}
		return plan.settings() + ": " + ex.getMessage() + "; fix server.address and server.port";
	}

}
