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

package io.github.daemonstarter.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The service managers that {@code --daemon=unit} writes units for, with where each keeps
 * its units and how they are enabled.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public enum UnitFormat {

	/**
	 * A systemd service unit, {@code <name>.service}.
	 */
	SYSTEMD {

		@Override
		public String fileName(String name) {
			return name + ".service";
		}

		@Override
		public Path defaultDirectory(UnitScope scope, Path home) {
			return (scope == UnitScope.USER) ? home.resolve(".config/systemd/user") : Path.of("/etc/systemd/system");
		}

		@Override
		public List<String> enableCommands(String name, Path file, UnitScope scope, boolean standardDirectory) {
			String systemctl = (scope == UnitScope.USER) ? "systemctl --user" : "systemctl";
			String unit = standardDirectory ? fileName(name) : file.toString();
			return List.of(systemctl + " daemon-reload", systemctl + " enable --now " + unit);
		}

		@Override
		public List<String> afterRemovalCommands(String name, UnitScope scope) {
			return List.of(((scope == UnitScope.USER) ? "systemctl --user" : "systemctl") + " daemon-reload");
		}

	},

	/**
	 * An LSB init script, {@code /etc/init.d/<name>}.
	 */
	SYSV {

		@Override
		public String fileName(String name) {
			return name;
		}

		@Override
		public Path defaultDirectory(UnitScope scope, Path home) {
			return Path.of("/etc/init.d");
		}

		@Override
		public boolean isExecutable() {
			return true;
		}

		@Override
		public List<String> enableCommands(String name, Path file, UnitScope scope, boolean standardDirectory) {
			return List.of("update-rc.d " + name + " defaults   (Debian, Ubuntu)",
					"chkconfig --add " + name + "   (Red Hat, SUSE)", "service " + name + " start");
		}

		@Override
		public List<String> afterRemovalCommands(String name, UnitScope scope) {
			return List.of("update-rc.d -f " + name + " remove   (Debian, Ubuntu)",
					"chkconfig --del " + name + "   (Red Hat, SUSE)");
		}

	},

	/**
	 * A launchd property list, {@code <label>.plist}.
	 */
	LAUNCHD {

		@Override
		public String fileName(String name) {
			return name + ".plist";
		}

		@Override
		public Path defaultDirectory(UnitScope scope, Path home) {
			return (scope == UnitScope.USER) ? home.resolve("Library/LaunchAgents") : Path.of("/Library/LaunchDaemons");
		}

		@Override
		public List<String> enableCommands(String name, Path file, UnitScope scope, boolean standardDirectory) {
			String domain = (scope == UnitScope.USER) ? "gui/$(id -u)" : "system";
			return List.of("launchctl bootstrap " + domain + " " + file);
		}

		@Override
		public List<String> afterRemovalCommands(String name, UnitScope scope) {
			return List.of();
		}

	};

	/**
	 * Return the name of the unit's file.
	 * @param name the unit name
	 * @return the file name
	 */
	public abstract String fileName(String name);

	/**
	 * Return the directory where the service manager looks for units of the given scope.
	 * @param scope the scope
	 * @param home the home directory of the current user
	 * @return the directory
	 */
	public abstract Path defaultDirectory(UnitScope scope, Path home);

	/**
	 * Return whether the unit's file must be executable.
	 * @return whether the file is executable
	 */
	public boolean isExecutable() {
		return false;
	}

	/**
	 * Return the commands that enable and start an installed unit.
	 * @param name the unit name
	 * @param file the installed file
	 * @param scope the scope
	 * @param standardDirectory whether the file is in the directory where the service
	 * manager looks for units (otherwise systemd units are enabled by path, which links
	 * them)
	 * @return the commands, one a line
	 */
	public abstract List<String> enableCommands(String name, Path file, UnitScope scope, boolean standardDirectory);

	/**
	 * Return the commands that make the service manager forget a removed unit.
	 * @param name the unit name
	 * @param scope the scope
	 * @return the commands, one a line
	 */
	public abstract List<String> afterRemovalCommands(String name, UnitScope scope);

}
