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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.daemonstarter.DaemonException;
import io.github.daemonstarter.ExitStatus;
import io.github.daemonstarter.launch.user.DaemonUser.Account;
import io.github.daemonstarter.launch.user.DaemonUser.Accounts;
import io.github.daemonstarter.launch.user.DaemonUser.Credentials;
import io.github.daemonstarter.posix.Executables;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests for {@link DaemonUser}.
 *
 * @author Daemon Starter Team
 */
class DaemonUserTests {

	private static final String SETPRIV = "/usr/bin/setpriv";

	private static final Credentials ROOT = new Credentials(0, 0);

	private static final Credentials APP = new Credentials(1000, 1000);

	private final FakeAccounts accounts = new FakeAccounts();

	@Test
	void forDetachedStartWhenUserNotSetReturnsNull() {
		assertThat(DaemonUser.forDetachedStart(null, null, this.accounts, ROOT)).isNull();
	}

	@Test
	void forDetachedStartWhenRootAndUserOnlySwitchesToTheUsersPrimaryGroup() {
		DaemonUser user = DaemonUser.forDetachedStart("app", null, this.accounts, ROOT);
		assertThat(user).isNotNull();
		assertThat(user.commandPrefix(SETPRIV)).containsExactly(SETPRIV, "--reuid=1000", "--regid=1000",
				"--init-groups", "--");
	}

	@Test
	void forDetachedStartWhenRootAndUserAndGroupSwitchesToTheGroup() {
		DaemonUser user = DaemonUser.forDetachedStart("app", "adm", this.accounts, ROOT);
		assertThat(user).isNotNull();
		assertThat(user.commandPrefix(SETPRIV)).containsExactly(SETPRIV, "--reuid=1000", "--regid=4", "--init-groups",
				"--");
	}

	@Test
	void forDetachedStartWhenNumericIdsResolvesThem() {
		DaemonUser user = DaemonUser.forDetachedStart("65534", "4", this.accounts, ROOT);
		assertThat(user).isNotNull();
		assertThat(user.getName()).isEqualTo("nobody");
		assertThat(user.commandPrefix(SETPRIV)).containsExactly(SETPRIV, "--reuid=65534", "--regid=4", "--init-groups",
				"--");
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void withCapabilitiesRaisesThemAsInheritableAndAmbient() {
		String setpriv = Executables.find("setpriv", "util-linux");
		DaemonUser user = DaemonUser.forDetachedStart("app", null, this.accounts, ROOT)
			.withCapabilities(new LinkedHashSet<>(List.of("net_bind_service", "net_raw")), setpriv);
		assertThat(user.commandPrefix(SETPRIV)).containsExactly(SETPRIV, "--reuid=1000", "--regid=1000",
				"--init-groups", "--inh-caps=+net_bind_service,+net_raw", "--ambient-caps=+net_bind_service,+net_raw",
				"--");
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void withCapabilitiesWhenNoneKeepsThePrefix() {
		DaemonUser user = DaemonUser.forDetachedStart("app", null, this.accounts, ROOT);
		assertThat(user.withCapabilities(Set.of(), "/nonexistent/setpriv")).isSameAs(user);
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void withCapabilitiesWhenUnknownThrowsNotConfigured() {
		String setpriv = Executables.find("setpriv", "util-linux");
		DaemonUser user = DaemonUser.forDetachedStart("app", null, this.accounts, ROOT);
		assertThatExceptionOfType(DaemonException.class)
			.isThrownBy(() -> user.withCapabilities(Set.of("net_bind_servic"), setpriv))
			.withMessage("daemon.capabilities names unknown capabilities [net_bind_servic]: use names that "
					+ "'setpriv --list-caps' lists, such as net_bind_service")
			.satisfies((ex) -> assertThat(ex.getExitStatus()).isEqualTo(ExitStatus.NOT_CONFIGURED));
	}

	@Test
	void forDetachedStartWhenRootAndUserIsRootReturnsNull() {
		assertThat(DaemonUser.forDetachedStart("root", null, this.accounts, ROOT)).isNull();
	}

	@Test
	void forDetachedStartWhenCurrentUserReturnsNull() {
		assertThat(DaemonUser.forDetachedStart("app", null, this.accounts, APP)).isNull();
		assertThat(DaemonUser.forDetachedStart("1000", "app", this.accounts, APP)).isNull();
	}

	@Test
	void forDetachedStartWhenUnknownUserThrowsNotConfiguredNamingDaemonUser() {
		assertThatExceptionOfType(DaemonException.class)
			.isThrownBy(() -> DaemonUser.forDetachedStart("nosuch", null, this.accounts, ROOT))
			.withMessage("daemon.user=nosuch is not a known user: create the user (useradd --system nosuch) "
					+ "or set daemon.user to an existing user name or uid")
			.satisfies((ex) -> assertThat(ex.getExitStatus()).isEqualTo(ExitStatus.NOT_CONFIGURED));
	}

	@Test
	void forDetachedStartWhenUnknownGroupThrowsNotConfiguredNamingDaemonGroup() {
		assertThatExceptionOfType(DaemonException.class)
			.isThrownBy(() -> DaemonUser.forDetachedStart("app", "nosuch", this.accounts, ROOT))
			.withMessageStartingWith("daemon.group=nosuch is not a known group: ")
			.withMessageNotContaining("\n")
			.satisfies((ex) -> assertThat(ex.getExitStatus()).isEqualTo(ExitStatus.NOT_CONFIGURED));
	}

	@Test
	void forDetachedStartWhenGroupWithoutUserThrowsNotConfigured() {
		assertThatExceptionOfType(DaemonException.class)
			.isThrownBy(() -> DaemonUser.forDetachedStart(null, "adm", this.accounts, ROOT))
			.withMessage("daemon.group=adm is set without daemon.user: set daemon.user too, or remove it")
			.satisfies((ex) -> assertThat(ex.getExitStatus()).isEqualTo(ExitStatus.NOT_CONFIGURED));
	}

	@Test
	void forDetachedStartWhenNotRootAndOtherUserThrowsNoPermission() {
		assertThatExceptionOfType(DaemonException.class)
			.isThrownBy(() -> DaemonUser.forDetachedStart("nobody", null, this.accounts, APP))
			.withMessage("Running as daemon.user=nobody needs root, and this process runs as uid 1000: "
					+ "start it as root, or under systemd with User=nobody")
			.satisfies((ex) -> assertThat(ex.getExitStatus()).isEqualTo(ExitStatus.NO_PERMISSION));
	}

	@Test
	void forDetachedStartWhenNotRootAndOtherGroupThrowsNoPermission() {
		assertThatExceptionOfType(DaemonException.class)
			.isThrownBy(() -> DaemonUser.forDetachedStart("app", "adm", this.accounts, APP))
			.withMessageContaining("daemon.user=app and daemon.group=adm needs root")
			.satisfies((ex) -> assertThat(ex.getExitStatus()).isEqualTo(ExitStatus.NO_PERMISSION));
	}

	@Test
	void forDetachedStartWhenNotRootChecksTheUserBeforePermission() {
		assertThatExceptionOfType(DaemonException.class)
			.isThrownBy(() -> DaemonUser.forDetachedStart("nosuch", null, this.accounts, APP))
			.satisfies((ex) -> assertThat(ex.getExitStatus()).isEqualTo(ExitStatus.NOT_CONFIGURED));
	}

	@Test
	void checkForegroundWhenUserNotSetPasses() {
		assertThatNoException().isThrownBy(() -> DaemonUser.checkForeground(null, null, this.accounts, ROOT));
	}

	@Test
	void checkForegroundWhenCurrentUserPasses() {
		assertThatNoException().isThrownBy(() -> DaemonUser.checkForeground("app", "app", this.accounts, APP));
	}

	@Test
	void checkForegroundWhenRootAndOtherUserThrowsNoPermission() {
		assertThatExceptionOfType(DaemonException.class)
			.isThrownBy(() -> DaemonUser.checkForeground("app", null, this.accounts, ROOT))
			.withMessage("daemon.user=app is set, but this process runs as uid 0 and a foreground run never "
					+ "switches user: run it under systemd with User=app, or start it as root with --daemon")
			.satisfies((ex) -> assertThat(ex.getExitStatus()).isEqualTo(ExitStatus.NO_PERMISSION));
	}

	@Test
	void checkForegroundWhenOtherGroupThrowsNoPermissionNamingGroup() {
		assertThatExceptionOfType(DaemonException.class)
			.isThrownBy(() -> DaemonUser.checkForeground("app", "adm", this.accounts, APP))
			.withMessageContaining("User=app and Group=adm")
			.satisfies((ex) -> assertThat(ex.getExitStatus()).isEqualTo(ExitStatus.NO_PERMISSION));
	}

	@Test
	void checkForegroundWhenUnknownUserThrowsNotConfigured() {
		assertThatExceptionOfType(DaemonException.class)
			.isThrownBy(() -> DaemonUser.checkForeground("nosuch", null, this.accounts, APP))
			.satisfies((ex) -> assertThat(ex.getExitStatus()).isEqualTo(ExitStatus.NOT_CONFIGURED));
	}

	@Test
	void applyToNamesTheUserInTheEnvironment() {
		DaemonUser user = DaemonUser.forDetachedStart("app", null, this.accounts, ROOT);
		Map<String, String> environment = new HashMap<>(Map.of("USER", "root", "HOME", "/root", "PATH", "/bin"));
		user.applyTo(environment);
		assertThat(environment).containsEntry("USER", "app")
			.containsEntry("LOGNAME", "app")
			.containsEntry("HOME", "/home/app")
			.containsEntry("PATH", "/bin");
	}

	@Test
	void accountParsesPasswdLine() {
		assertThat(Account.parse("nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n"))
			.isEqualTo(new Account("nobody", 65534, 65534, "/nonexistent"));
		assertThat(Account.parse("broken:x:abc:1::/:")).isNull();
		assertThat(Account.parse("short:x:1")).isNull();
	}

	@Test
	void credentialsParsesEffectiveIds() {
		assertThat(Credentials.parse("Name:\tjava\nUid:\t1000\t0\t0\t0\nGid:\t1000\t50\t50\t50\nGroups:\t50\n"))
			.isEqualTo(new Credentials(0, 50));
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void credentialsCurrentReadsThisProcess() throws IOException {
		String status = Files.readString(Path.of("/proc/self/status"), StandardCharsets.ISO_8859_1);
		assertThat(Credentials.current()).isEqualTo(Credentials.parse(status));
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void systemAccountsResolveNamesAndNumbersWithGetent() {
		Accounts system = Accounts.system();
		assertThat(system.user("root")).isEqualTo(new Account("root", 0, 0, "/root"));
		assertThat(system.user("0")).isNotNull().extracting(Account::name).isEqualTo("root");
		assertThat(system.user("no-such-user-here")).isNull();
		assertThat(system.group("root")).isZero();
		assertThat(system.group("0")).isZero();
		assertThat(system.group("no-such-group-here")).isNull();
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void canChecksAccessAsTheUser(@TempDir Path directory) throws IOException {
		assumeTrue(Credentials.current().uid() == 0, "switching user needs root, and the tests do not run as root");
		Account nobody = Accounts.system().user("nobody");
		assumeTrue(nobody != null, "there is no user nobody");
		DaemonUser user = DaemonUser.forDetachedStart("nobody", null, Accounts.system(), Credentials.current());
		Path closed = Files.createDirectory(directory.resolve("closed"),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
		String setpriv = Executables.find("setpriv", "util-linux");
		assertThat(user.can(setpriv, "-w", closed)).isFalse();
		user.own(closed);
		assertThat(user.can(setpriv, "-w", closed)).isTrue();
		assertThat(Files.getOwner(closed).getName()).isEqualTo("nobody");
	}

	/**
	 * A small account database.
	 */
	static final class FakeAccounts implements Accounts {

		private final Map<String, Account> users = new HashMap<>();

		private final Map<String, Integer> groups = new HashMap<>();

		FakeAccounts() {
			user(new Account("root", 0, 0, "/root"));
			user(new Account("app", 1000, 1000, "/home/app"));
			user(new Account("nobody", 65534, 65534, "/nonexistent"));
			group("root", 0);
			group("adm", 4);
			group("app", 1000);
			group("nogroup", 65534);
		}

		private void user(Account account) {
			this.users.put(account.name(), account);
			this.users.put(String.valueOf(account.uid()), account);
		}

		private void group(String name, int gid) {
			this.groups.put(name, gid);
			this.groups.put(String.valueOf(gid), gid);
		}

		@Override
		public @Nullable Account user(String nameOrId) {
			return this.users.get(nameOrId);
		}

		@Override
		public @Nullable Integer group(String nameOrId) {
			return this.groups.get(nameOrId);
		}

	}

}
