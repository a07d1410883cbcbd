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
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.daemonstarter.DaemonException;
import io.github.daemonstarter.ExitStatus;
import io.github.daemonstarter.posix.CommandOutput;
import io.github.daemonstarter.posix.ProcFs;
import org.jspecify.annotations.Nullable;

/**
 * The user and group that a detached daemon runs as, from {@code daemon.user} and
 * {@code daemon.group}, when the launcher runs as root.
 * <p>
 * Names (or numbers) are resolved with {@code getent}, which asks the name service
 * switch, so that the launcher loads no native code. The switch itself is done by
 * {@code setpriv} in the relaunch command, which execs without forking: the PID that the
 * launcher reports stays the daemon's. The daemon gets the user's supplementary groups
 * ({@code --init-groups}), not root's.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class DaemonUser {

	private final Account account;

	private final int gid;

	private final Set<String> capabilities;

	private DaemonUser(Account account, int gid, Set<String> capabilities) {
		this.account = account;
		this.gid = gid;
		this.capabilities = capabilities;
	}

	/**
	 * Return the user to switch to when the daemon is started detached, or {@code null}
	 * when the daemon runs as the current user.
	 * @param user the value of {@code daemon.user} or {@code null}
	 * @param group the value of {@code daemon.group} or {@code null}
	 * @param accounts the account database
	 * @param current the credentials of this process
	 * @return the user to switch to or {@code null}
	 * @throws DaemonException if the user or group is unknown (exit status 6), or if a
	 * user other than the current one is asked for and this process is not root (exit
	 * status 4)
	 */
	public static @Nullable DaemonUser forDetachedStart(@Nullable String user, @Nullable String group,
			Accounts accounts, Credentials current) {
		if (user == null) {
			if (group != null) {
				throw new DaemonException(ExitStatus.NOT_CONFIGURED,
						"daemon.group=" + group + " is set without daemon.user: set daemon.user too, or remove it");
			}
			return null;
		}
		Account account = resolveUser(user, accounts);
		int gid = (group != null) ? resolveGroup(group, accounts) : account.gid();
		if (current.uid() == account.uid() && (group == null || current.gid() == gid)) {
			return null;
		}
		if (current.uid() != 0) {
			throw new DaemonException(ExitStatus.NO_PERMISSION,
					"Running as daemon.user=" + user + ((group != null) ? " and daemon.group=" + group : "")
							+ " needs root, and this process runs as uid " + current.uid()
							+ ": start it as root, or under systemd with User=" + user);
		}
		return new DaemonUser(account, gid, Set.of());
	}

	/**
	 * Check that a process that runs in the foreground ({@code --daemon=run}) already
	 * runs as {@code daemon.user}: it never switches user, and it never runs as root
	 * silently when another user is asked for.
	 * @param user the value of {@code daemon.user} or {@code null}
	 * @param group the value of {@code daemon.group} or {@code null}
	 * @param accounts the account database
	 * @param current the credentials of this process
	 * @throws DaemonException if the user or group is unknown (exit status 6), or if this
	 * process runs as another user (exit status 4)
	 */
	public static void checkForeground(@Nullable String user, @Nullable String group, Accounts accounts,
			Credentials current) {
		if (user == null) {
			return;
		}
		Account account = resolveUser(user, accounts);
		int gid = (group != null) ? resolveGroup(group, accounts) : account.gid();
		if (current.uid() == account.uid() && (group == null || current.gid() == gid)) {
			return;
		}
		throw new DaemonException(ExitStatus.NO_PERMISSION,
				"daemon.user=" + user + ((group != null) ? " and daemon.group=" + group : "")
						+ " is set, but this process runs as uid " + current.uid()
						+ " and a foreground run never switches user: run it under systemd with User=" + user
						+ ((group != null) ? " and Group=" + group : "") + ", or start it as root with --daemon");
	}

	private static Account resolveUser(String user, Accounts accounts) {
		Account account = accounts.user(user);
		if (account == null) {
			throw new DaemonException(ExitStatus.NOT_CONFIGURED,
					"daemon.user=" + user + " is not a known user: create the user (useradd --system " + user
							+ ") or set daemon.user to an existing user name or uid");
		}
		return account;
	}

	private static int resolveGroup(String group, Accounts accounts) {
		Integer gid = accounts.group(group);
		if (gid == null) {
			throw new DaemonException(ExitStatus.NOT_CONFIGURED, "daemon.group=" + group
					+ " is not a known group: create the group (groupadd --system " + group
					+ ") or set daemon.group to an existing group name or gid, or remove it to use the user's group");
		}
		return gid;
	}

	/**
	 * Return the arguments that run the rest of a command as this user:
	 * {@code setpriv --reuid=<uid> --regid=<gid> --init-groups --}.
	 * @param setpriv the path of {@code setpriv}
	 * @return the prefix
	 */
	public List<String> commandPrefix(String setpriv) {
		List<String> prefix = new ArrayList<>(
				List.of(setpriv, "--reuid=" + this.account.uid(), "--regid=" + this.gid, "--init-groups"));
		if (!this.capabilities.isEmpty()) {
			String raised = this.capabilities.stream().map((name) -> "+" + name).collect(Collectors.joining(","));
			prefix.add("--inh-caps=" + raised);
			prefix.add("--ambient-caps=" + raised);
		}
		prefix.add("--");
		return prefix;
	}

	/**
	 * Return this user with capabilities that the daemon keeps across the switch, as
	 * ambient capabilities that survive the exec of java.
	 * @param capabilities the names of the capabilities, without {@code cap_}
	 * @param setpriv the path of {@code setpriv}, which lists the capabilities it knows
	 * @return the user with the capabilities
	 * @throws DaemonException if a capability is unknown (exit status 6)
	 */
	public DaemonUser withCapabilities(Set<String> capabilities, String setpriv) {
		if (capabilities.isEmpty()) {
			return this;
		}
		Set<String> known = knownCapabilities(setpriv);
		List<String> unknown = capabilities.stream().filter((name) -> !known.contains(name)).toList();
		if (!unknown.isEmpty()) {
			throw new DaemonException(ExitStatus.NOT_CONFIGURED, "daemon.capabilities names unknown capabilities "
					+ unknown + ": use names that 'setpriv --list-caps' lists, such as net_bind_service");
		}
		return new DaemonUser(this.account, this.gid, new LinkedHashSet<>(capabilities));
	}

	private static Set<String> knownCapabilities(String setpriv) {
		try {
			CommandOutput output = CommandOutput.of(setpriv, "--list-caps");
			return output.text()
				.lines()
				.map(String::strip)
				.filter((line) -> !line.isEmpty())
				.collect(Collectors.toSet());
		}
		catch (IOException ex) {
			throw new DaemonException(ExitStatus.FAILURE,
					"Cannot run setpriv --list-caps to check daemon.capabilities: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DaemonException(ExitStatus.FAILURE, "Interrupted while checking daemon.capabilities");
		}
	}

	/**
	 * Set the variables that name the user in the environment of the daemon, which
	 * {@code setpriv} leaves as they were.
	 * @param environment the environment of the daemon
	 */
	public void applyTo(Map<String, String> environment) {
		environment.put("USER", this.account.name());
		environment.put("LOGNAME", this.account.name());
		environment.put("HOME", this.account.home());
	}

	/**
	 * Check that the user can do what a test says to a path, by running {@code test} as
	 * the user, as the daemon would be run.
	 * @param setpriv the path of {@code setpriv}
	 * @param test the operator of {@code test}: {@code -r}, {@code -w} or {@code -x}
	 * @param path the path
	 * @return whether the user can
	 */
	public boolean can(String setpriv, String test, Path path) {
		List<String> command = new ArrayList<>(commandPrefix(setpriv));
		command.addAll(List.of("test", test, path.toString()));
		try {
			Integer status = CommandOutput.of(command.toArray(String[]::new)).status();
			return status != null && status == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Give a file or directory to this user and group.
	 * @param path the path
	 * @throws IOException if the owner cannot be changed
	 */
	public void own(Path path) throws IOException {
		Files.setAttribute(path, "unix:uid", this.account.uid(), LinkOption.NOFOLLOW_LINKS);
		Files.setAttribute(path, "unix:gid", this.gid, LinkOption.NOFOLLOW_LINKS);
	}

	public String getName() {
		return this.account.name();
	}

	public int getUid() {
		return this.account.uid();
	}

	public int getGid() {
		return this.gid;
	}

	/**
	 * A user account.
	 *
	 * @param name the user name
	 * @param uid the user id
	 * @param gid the id of the user's primary group
	 * @param home the home directory
	 */
	record Account(String name, int uid, int gid, String home) {

		/**
		 * Parse a line of {@code getent passwd}.
		 * @param line the line
		 * @return the account or {@code null} if the line is not a passwd entry
		 */
		static @Nullable Account parse(String line) {
			String[] fields = line.strip().split(":", -1);
			if (fields.length < 7) {
				return null;
			}
			try {
				return new Account(fields[0], Integer.parseInt(fields[2]), Integer.parseInt(fields[3]), fields[5]);
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}

	}

	/**
	 * The effective user and group id of a process.
	 *
	 * @param uid the effective user id
	 * @param gid the effective group id
	 */
	public record Credentials(int uid, int gid) {

		/**
		 * Return the credentials of this process, read from {@code /proc/self/status}.
		 * @return the credentials
		 */
		public static Credentials current() {
			try {
				return parse(ProcFs.system().selfStatus());
			}
			catch (IOException ex) {
				throw new DaemonException(ExitStatus.FAILURE,
						"Cannot read /proc/self/status, which running as daemon.user needs: " + ex.getMessage());
			}
		}

		/**
		 * Parse the effective ids from the content of {@code /proc/<pid>/status}.
		 * @param status the content
		 * @return the credentials
		 */
		static Credentials parse(String status) {
			return new Credentials(effectiveId(status, "Uid:"), effectiveId(status, "Gid:"));
		}

		private static int effectiveId(String status, String key) {
			return status.lines()
				.filter((line) -> line.startsWith(key))
				.map((line) -> line.substring(key.length()).strip().split("\\s+"))
				.filter((ids) -> ids.length >= 2)
				.map((ids) -> Integer.parseInt(ids[1]))
				.findFirst()
				.orElseThrow(() -> new DaemonException(ExitStatus.FAILURE,
						"Cannot find the " + key + " line in /proc/self/status"));
		}

	}

	/**
	 * The account database.
	 */
	public interface Accounts {

		/**
		 * Look a user up.
		 * @param nameOrId a user name or uid
		 * @return the account or {@code null} if there is none
		 */
		@Nullable Account user(String nameOrId);

		/**
		 * Look a group up.
		 * @param nameOrId a group name or gid
		 * @return the gid or {@code null} if there is no such group
		 */
		@Nullable Integer group(String nameOrId);

		/**
		 * Return the accounts of the system, looked up with {@code getent}.
		 * @return the accounts
		 */
		static Accounts system() {
			return new GetentAccounts();
		}

	}

}
