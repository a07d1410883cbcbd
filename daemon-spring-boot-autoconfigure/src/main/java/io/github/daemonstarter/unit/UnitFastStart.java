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

package io.github.daemonstarter.unit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.github.daemonstarter.DaemonConsole;
import io.github.daemonstarter.DaemonException;
import io.github.daemonstarter.config.DaemonSettings;
import io.github.daemonstarter.faststart.ArchiveTraining;
import io.github.daemonstarter.faststart.CacheEntry;
import io.github.daemonstarter.faststart.FastStartCache;
import io.github.daemonstarter.faststart.FastStartLaunch;
import io.github.daemonstarter.launch.jvm.RelaunchCommand;
import io.github.daemonstarter.launch.user.DaemonUser;
import io.github.daemonstarter.posix.Executables;

/**
 * The fast start of a service unit: with {@code daemon.fast-start.enabled=true} the unit
 * runs the jar extracted in the cache with its class data archive, both prepared when the
 * unit is written, since no launcher prepares them before a service manager starts the
 * application. The JVM learns which entry it runs from through {@code env}, which execs
 * java in its place, so that the service manager's main process is still the JVM. With
 * {@code daemon.user}, the jar is extracted and the archive trained as that user, who
 * owns the cache, as a detached start does. With {@code daemon.fast-start.training=never}
 * the unit runs the extracted jar with the archive only if the entry has one.
 *
 * @author Daemon Starter Team
 */
final class UnitFastStart {

	private final DaemonSettings settings;

	private final DaemonConsole console;

	UnitFastStart(DaemonSettings settings, DaemonConsole console) {
		this.settings = settings;
		this.console = console;
	}

	/**
	 * Return the java part of the unit's commands: the java binary, its options and the
	 * jar, from the cache when fast start applies.
	 * @param relaunch how this JVM was started
	 * @param runArguments the arguments of the application that the unit runs
	 * @return the java binary (or {@code env} and java), its options and the jar
	 */
	List<String> java(RelaunchCommand relaunch, List<String> runArguments) {
		List<String> plain = javaPart(relaunch);
		if (!this.settings.getProperties().getFastStart().isEnabled()) {
			return plain;
		}
		DaemonUser user;
		List<String> userSwitch;
		try {
			user = DaemonUser.forDetachedStart(this.settings.getProperties().getUser(),
					this.settings.getProperties().getGroup(), DaemonUser.Accounts.system(),
					DaemonUser.Credentials.current());
			userSwitch = (user != null) ? user.commandPrefix(Executables.find("setpriv", "util-linux")) : List.of();
		}
		catch (DaemonException ex) {
			this.console.problem("daemon.fast-start.enabled=true is not applied to the unit, which runs the "
					+ "application from its jar, because its cache cannot be prepared for daemon.user: "
					+ ex.getMessage());
			return plain;
		}
		try {
			FastStartCache cache = new FastStartCache(this.settings.getFastStartDirectory(), relaunch.getJavaCommand(),
					user, userSwitch);
			this.console.progress("Fast start: preparing the cache " + cache.getDirectory() + "…");
			FastStartLaunch.Prepared prepared = new FastStartLaunch(cache).prepare(relaunch);
			CacheEntry entry = prepared.entry();
			if (entry == null) {
				this.console.problem(String.valueOf(prepared.warning()));
				return plain;
			}
			RelaunchCommand command = prepared.command();
			if (!entry.hasArchive() && this.settings.getProperties().getFastStart().getTraining().trainsOnInstall()) {
				ArchiveTraining training = ArchiveTraining.of(entry, relaunch, runArguments);
				train((user != null) ? training.asUser(userSwitch, user::own, user::applyTo) : training, entry);
				command = FastStartLaunch.runFrom(entry, relaunch);
			}
			List<String> java = new ArrayList<>(List.of(Executables.find("env", "coreutils"),
					FastStartCache.ENTRY_VARIABLE + "=" + entry.getDirectory()));
			java.addAll(javaPart(command));
			return java;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return plain;
		}
		finally {
			this.console.clearProgress();
		}
	}

	private void train(ArchiveTraining training, CacheEntry entry) throws InterruptedException {
		// It runs the application until its context is refreshed: seconds without a word
		this.console.progress("Fast start: training the class data archive (one run of the application)…");
		try {
			// The daemon may train this entry in the background right now: a unit
			// written without the archive would never get it
			training.awaitOrTrain(
					() -> this.console.progress("Fast start: waiting for the training that another process runs…"));
		}
		catch (IOException ex) {
			this.console.problem("Cannot train the class data archive " + entry.getArchive() + " (" + ex.getMessage()
					+ "), so the unit runs the extracted jar without it");
		}
	}

	/**
	 * Return the java part of a command: the java binary, its options and the jar or main
	 * class, without the application's arguments.
	 * @param command the command
	 * @return the java part
	 */
	static List<String> javaPart(RelaunchCommand command) {
		List<String> java = command.javaCommand();
		return java.subList(0, 1 + command.getJvmPart().size());
	}

}
