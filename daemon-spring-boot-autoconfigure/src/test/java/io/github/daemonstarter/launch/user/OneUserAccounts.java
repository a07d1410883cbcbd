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

import org.jspecify.annotations.Nullable;

/**
 * An account database with one user and its primary group, for tests outside this package
 * that need a {@link DaemonUser}.
 *
 * @author Daemon Starter Team
 */
public final class OneUserAccounts implements DaemonUser.Accounts {

	private final DaemonUser.Account account;

	private final String groupName;

	/**
	 * Create a database with one user, whose primary group has the user's name.
	 * @param name the user name
	 * @param uid the user id
	 * @param gid the id of the user's primary group
	 * @param home the home directory
	 */
	public OneUserAccounts(String name, int uid, int gid, String home) {
		this.account = new DaemonUser.Account(name, uid, gid, home);
		this.groupName = name;
	}

	@Override
	public DaemonUser.@Nullable Account user(String nameOrId) {
		return (nameOrId.equals(this.account.name()) || nameOrId.equals(String.valueOf(this.account.uid())))
				? this.account : null;
	}

	@Override
	public @Nullable Integer group(String nameOrId) {
		return (nameOrId.equals(this.groupName) || nameOrId.equals(String.valueOf(this.account.gid())))
				? this.account.gid() : null;
	}

}
