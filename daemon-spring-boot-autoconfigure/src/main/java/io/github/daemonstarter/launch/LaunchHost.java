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

package io.github.daemonstarter.launch;

import java.nio.file.Path;

import io.github.daemonstarter.DaemonException;
import io.github.daemonstarter.launch.jvm.DetachingPrefix;
import io.github.daemonstarter.launch.user.DaemonUser;
import io.github.daemonstarter.posix.Executables;

/**
 * What a {@link LaunchPlanner} asks of the machine: the accounts, the credentials of this
 * process, the helper commands, and what the user the daemon will run as can do.
 *
 * @author Daemon Starter Team
 */
interface LaunchHost {

	/**
	 * Return the account database.
	 * @return the accounts
	 */
	DaemonUser.Accounts accounts();

	/**
	 * Return the credentials of this process.
	 * @return the credentials
	 */
	DaemonUser.Credentials credentials();

	/**
	 * Return the path of a helper command.
	 * @param name the name of the command
	 * @param packageName what to install to get it
	 * @return the path
	 * @throws DaemonException if the command is not found (exit status 5)
	 * @see Executables#find(String, String)
	 */
	String find(String name, String packageName);

	/**
	 * Return whether {@code setsid} can wait for the process it forks.
	 * @return whether the start can go through a waiter
	 * @see DetachingPrefix#setsidCanWait()
	 */
	boolean setsidCanWait();

	/**
	 * Return whether a user can do what a {@code test} operator says to a path.
	 * @param user the user
	 * @param setpriv the path of {@code setpriv}
	 * @param test the operator of {@code test}: {@code -r}, {@code -w} or {@code -x}
	 * @param path the path
	 * @return whether the user can
	 * @see DaemonUser#can(String, String, Path)
	 */
	boolean can(DaemonUser user, String setpriv, String test, Path path);

	/**
	 * Return this machine, asked through {@code getent}, {@code /proc}, the {@code PATH}
	 * and the helper commands themselves.
	 * @return the machine
	 */
	static LaunchHost system() {
		return new LaunchHost() {

			@Override
			public DaemonUser.Accounts accounts() {
				return DaemonUser.Accounts.system();
			}

			@Override
			public DaemonUser.Credentials credentials() {
				return DaemonUser.Credentials.current();
			}

			@Override
			public String find(String name, String packageName) {
				return Executables.find(name, packageName);
			}

			@Override
			public boolean setsidCanWait() {
				return DetachingPrefix.setsidCanWait();
			}

			@Override
			public boolean can(DaemonUser user, String setpriv, String test, Path path) {
				return user.can(setpriv, test, path);
			}

		};
	}

}
