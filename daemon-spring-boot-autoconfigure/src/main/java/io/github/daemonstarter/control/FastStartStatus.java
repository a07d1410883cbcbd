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

package io.github.daemonstarter.control;

import java.util.Map;

/**
 * The part of the status line that tells whether the daemon's JVM started fast: whether
 * it used the class data archive of its fast start cache entry, as the JVM published it
 * in its status file.
 *
 * @author Daemon Starter Team
 */
final class FastStartStatus {

	private FastStartStatus() {
	}

	/**
	 * Describe the fast start of a JVM.
	 * @param entries the entries of the status file that the JVM wrote
	 * @return the part of the line, such as {@code , fast start: archive used}, or an
	 * empty string if the JVM does not run from a cache entry
	 */
	static String describe(Map<String, String> entries) {
		if (!entries.containsKey("fast-start.entry")) {
			return "";
		}
		boolean used = Boolean.parseBoolean(entries.get("fast-start.archive-used"));
		String training = entries.getOrDefault("fast-start.training", "none");
		String archive = used ? "archive used" : "archive not used";
		return switch (training) {
			case "running" -> ", fast start: " + archive + ", training one for the next start";
			case "done" -> ", fast start: " + archive + ", one trained for the next start";
			case "failed" -> ", fast start: " + archive + ", its training failed (see "
					+ entries.get("fast-start.entry") + "/training.log)";
			case "install" -> ", fast start: " + archive
					+ ", none trained until --daemon=install (daemon.fast-start.training=install)";
			case "never" -> ", fast start: " + archive + ", none trained (daemon.fast-start.training=never)";
			default -> ", fast start: " + archive;
		};
	}

}
