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

package io.github.daemonstarter.launch.jvm;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.daemonstarter.posix.CommandOutput;
import io.github.daemonstarter.posix.Executables;

/**
 * The arguments that come before java in a detached start: {@code setsid}, which makes
 * the child a session leader with no controlling terminal before the JVM runs its first
 * instruction, and {@code env --default-signal}, which restores the hangup, interrupt,
 * quit and terminate signals that the launcher inherited as ignored (as under
 * {@code nohup}), so that the daemon's JVM installs its usual handlers.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class DetachingPrefix {

	private static final Pattern UTIL_LINUX_VERSION = Pattern.compile("util-linux (\\d+)\\.(\\d+)");

	private static final List<String> SIGNALS = List.of("HUP", "INT", "QUIT", "TERM");

	private static final int[] SIGNAL_NUMBERS = { 1, 2, 3, 15 };

	private DetachingPrefix() {
	}

	/**
	 * Return whether the {@code setsid} on this machine can fork the program it runs and
	 * wait for it ({@code --fork --wait}): util-linux's can since version 2.26 (2015),
	 * BusyBox's cannot.
	 * @return whether {@code setsid --fork --wait} works
	 */
	public static boolean setsidCanWait() {
		String setsid = Executables.find("setsid", "util-linux");
		try {
			CommandOutput output = CommandOutput.ofCombined(4096, null, List.of(setsid, "--version"));
			return Integer.valueOf(0).equals(output.status()) && isUtilLinuxWithWait(output.text());
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
	 * Return whether the output of {@code setsid --version} names util-linux 2.26 or
	 * later.
	 * @param versionOutput the output
	 * @return whether that {@code setsid} has {@code --fork --wait}
	 */
	static boolean isUtilLinuxWithWait(String versionOutput) {
		Matcher version = UTIL_LINUX_VERSION.matcher(versionOutput);
		if (!version.find()) {
			return false;
		}
		int major = Integer.parseInt(version.group(1));
		int minor = Integer.parseInt(version.group(2));
		return major > 2 || (major == 2 && minor >= 26);
	}

	/**
	 * Return the arguments that run a command detached: {@code setsid} (with
	 * {@code --fork --wait} for a waiter), optionally {@code env} that restores ignored
	 * signals, then the user switch.
	 * @param ignoredSignals signals that this process inherited as ignored, from
	 * {@link #ignoredSignals(String)}
	 * @param userSwitch the arguments that run the rest as another user, or an empty list
	 * @param waiter whether {@code setsid} forks the rest and waits for it
	 * @return the arguments, to which the command is added
	 */
	static List<String> of(List<String> ignoredSignals, List<String> userSwitch, boolean waiter) {
		List<String> command = new ArrayList<>();
		command.add(Executables.find("setsid", "util-linux"));
		if (waiter) {
			command.add("--fork");
			command.add("--wait");
		}
		if (!ignoredSignals.isEmpty()) {
			command.add(Executables.find("env", "coreutils"));
			command.add("--default-signal=" + String.join(",", ignoredSignals));
		}
		command.addAll(userSwitch);
		return command;
	}

	/**
	 * Return the signals among HUP, INT, QUIT and TERM that are ignored according to the
	 * given {@code /proc/<pid>/status} content.
	 * @param procStatus the content of {@code /proc/self/status}
	 * @return the names of the ignored signals
	 */
	public static List<String> ignoredSignals(String procStatus) {
		long mask = procStatus.lines()
			.filter((line) -> line.startsWith("SigIgn:"))
			.map((line) -> Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16))
			.findFirst()
			.orElse(0L);
		List<String> ignored = new ArrayList<>();
		for (int i = 0; i < SIGNAL_NUMBERS.length; i++) {
			if ((mask & (1L << (SIGNAL_NUMBERS[i] - 1))) != 0) {
				ignored.add(SIGNALS.get(i));
			}
		}
		return ignored;
	}

}
