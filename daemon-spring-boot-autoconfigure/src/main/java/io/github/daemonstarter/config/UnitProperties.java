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

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Settings of the service units that {@code --daemon=unit} prints and
 * {@code --daemon=install} writes, bound under {@code daemon.unit}.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public class UnitProperties {

	/**
	 * Service manager the unit is for: systemd (a service unit), sysv (an LSB init
	 * script) or launchd (a property list).
	 */
	private UnitFormat format = UnitFormat.SYSTEMD;

	/**
	 * Whether the unit is a system unit or a systemd user unit (run by the user's service
	 * manager, installed under {@code ~/.config/systemd/user}).
	 */
	private UnitScope scope = UnitScope.SYSTEM;

	/**
	 * Name of the unit, without a suffix such as {@code .service}. Defaults to
	 * {@code spring.application.name} with the characters that unit names do not allow
	 * replaced.
	 */
	private @Nullable String name;

	/**
	 * Directory that {@code --daemon=install} writes the unit into and
	 * {@code --daemon=uninstall} removes it from. Defaults to the directory of the format
	 * and scope, such as {@code /etc/systemd/system}.
	 */
	private @Nullable Path directory;

	/**
	 * Whether systemd listens on the web server's address (server.address and
	 * server.port) and passes the socket to the application (socket activation):
	 * --daemon=unit also writes a socket unit of the same name, which the service unit
	 * requires. Connections then wait in the socket while the application starts or
	 * restarts.
	 */
	private boolean socket;

	public UnitFormat getFormat() {
		return this.format;
	}

	public void setFormat(UnitFormat format) {
		Assert.notNull(format, "must be systemd, sysv or launchd");
		this.format = format;
	}

	public UnitScope getScope() {
		return this.scope;
	}

	public void setScope(UnitScope scope) {
		Assert.notNull(scope, "must be system or user");
		this.scope = scope;
	}

	public @Nullable String getName() {
		return this.name;
	}

	public void setName(@Nullable String name) {
		String value = StringUtils.hasText(name) ? name.strip() : null;
		if (value != null && value.endsWith(".service")) {
			value = value.substring(0, value.length() - ".service".length());
		}
		String checked = value;
		Assert.isTrue(checked == null
				|| (checked.matches("[A-Za-z0-9:_.-]{1,200}") && !checked.startsWith(".") && !checked.startsWith("-")),
				() -> "must be a unit name of letters, digits and ':_.-' (not starting with '.' or '-'), was '" + name
						+ "'");
		this.name = checked;
	}

	public @Nullable Path getDirectory() {
		return this.directory;
	}

	public void setDirectory(@Nullable Path directory) {
		this.directory = directory;
	}

	public boolean isSocket() {
		return this.socket;
	}

	public void setSocket(boolean socket) {
		this.socket = socket;
	}

}
