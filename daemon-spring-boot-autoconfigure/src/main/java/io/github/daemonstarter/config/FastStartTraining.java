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

import java.util.Locale;

/**
 * When fast start trains the class data archive of a cache entry. A training is one run
 * of the application until its context is refreshed, so beans that act when they are
 * created (a schema migration, a connection pool that connects eagerly) act in it too.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public enum FastStartTraining {

	/**
	 * A start that finds no archive trains one in the background once the application is
	 * ready, at the lowest CPU priority, for the next start; {@code --daemon=unit} and
	 * {@code --daemon=install} train as they write the unit.
	 */
	BACKGROUND,

	/**
	 * Only {@code --daemon=unit} and {@code --daemon=install} train, as they write the
	 * unit, at a time that the operator chooses. A start uses the archive that they made,
	 * and runs the extracted jar without one until then.
	 */
	INSTALL,

	/**
	 * Nothing trains: the application runs from the extracted jar, with an archive only
	 * if one is already in the entry.
	 */
	NEVER;

	/**
	 * Return the value as written in {@code daemon.fast-start.training}, which the status
	 * file and the endpoint report.
	 * @return the value, such as {@code install}
	 */
	public String settingValue() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Return whether a start that finds no archive trains one in the background.
	 * @return whether starts train
	 */
	public boolean trainsOnStart() {
		return this == BACKGROUND;
	}

	/**
	 * Return whether a command that writes a unit trains the archive.
	 * @return whether unit commands train
	 */
	public boolean trainsOnInstall() {
		return this != NEVER;
	}

}
