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

package io.github.daemonstarter.handshake;

/**
 * Where the launcher and the daemon it starts meet: the launcher listens on a UNIX socket
 * and names it in the environment of the JVM it relaunches.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class LaunchHandshake {

	/**
	 * Environment variable that tells a relaunched JVM where its launcher listens for the
	 * outcome of the start.
	 */
	public static final String LAUNCHER_SOCKET_VARIABLE = "BOOT_DAEMON_LAUNCHER_SOCKET";

	private LaunchHandshake() {
	}

}
