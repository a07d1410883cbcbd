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

package io.github.daemonstarter.launch.user;

import java.io.IOException;

import io.github.daemonstarter.DaemonException;
import io.github.daemonstarter.ExitStatus;
import io.github.daemonstarter.launch.user.DaemonUser.Account;
import io.github.daemonstarter.launch.user.DaemonUser.Accounts;
import io.github.daemonstarter.posix.CommandOutput;
import io.github.daemonstarter.posix.Executables;
import org.jspecify.annotations.Nullable;

/**
 * Accounts looked up with {@code getent}, which asks the name service switch as
 * {@code getpwnam} does, without loading native code into the launcher.
 *
 * @author Daemon Starter Team
 */
final class GetentAccounts implements Accounts {

	@Override
	public @Nullable Account user(String nameOrId) {
		String line = getent("passwd", nameOrId);
		return (line != null) ? Account.parse(line) : null;
	}

	@Override
	public @Nullable Integer group(String nameOrId) {
		String line = getent("group", nameOrId);
		if (line == null) {
			return null;
		}
		String[] fields = line.strip().split(":", -1);
		try {
			return (fields.length >= 3) ? Integer.valueOf(fields[2]) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static @Nullable String getent(String database, String key) {
		String getent = Executables.find("getent",
				"the C library's tools (libc-bin), which resolve daemon.user and daemon.group");
		try {
			CommandOutput output = CommandOutput.of(getent, database, key);
			if (output.status() == null) {
				throw new DaemonException(ExitStatus.FAILURE,
						"getent " + database + " " + key + " did not answer within 10s");
			}
			if (output.status() == 2) {
				return null;
			}
			if (output.status() != 0) {
				throw new DaemonException(ExitStatus.FAILURE,
						"getent " + database + " " + key + " failed with status " + output.status());
			}
			return output.text().lines().findFirst().orElse(null);
		}
		catch (IOException ex) {
			throw new DaemonException(ExitStatus.FAILURE, "Cannot run getent to resolve daemon."
					+ (database.equals("passwd") ? "user" : "group") + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DaemonException(ExitStatus.FAILURE, "Interrupted while resolving " + key);
		}
	}

}
