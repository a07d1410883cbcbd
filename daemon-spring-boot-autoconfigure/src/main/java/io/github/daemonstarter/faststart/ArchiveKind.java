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

package io.github.daemonstarter.faststart;

import java.nio.file.Path;
import java.util.List;

/**
 * The kind of class data archive that a java runtime makes of the application: a dynamic
 * CDS archive up to JDK 23, as Spring Boot documents it, and the ahead-of-time cache of
 * JEP 483 from JDK 24, made in a recording run followed by a creation run (with the
 * method profiles of JEP 515 from JDK 25).
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public enum ArchiveKind {

	/**
	 * A dynamic CDS archive on top of the JDK's own archive.
	 */
	CDS("archive.jsa", "-XX:SharedArchiveFile="),

	/**
	 * An ahead-of-time cache.
	 */
	AOT("archive.aot", "-XX:AOTCache=");

	/**
	 * The system property that ends a training run once the application context is
	 * refreshed, before the application starts serving.
	 */
	static final String CONTEXT_EXIT = "-Dspring.context.exit=onRefresh";

	private static final List<String> ARCHIVE_OPTION_PREFIXES = List.of("-XX:SharedArchiveFile=", "-XX:AOTCache=",
			"-XX:ArchiveClassesAtExit=", "-XX:AOTCacheOutput=", "-XX:AOTMode=", "-XX:AOTConfiguration=", "-Xshare:");

	private final String fileName;

	private final String useOption;

	ArchiveKind(String fileName, String useOption) {
		this.fileName = fileName;
		this.useOption = useOption;
	}

	/**
	 * Return the kind of archive that a java runtime of the given feature version makes.
	 * @param feature the feature version, such as 17 or 25
	 * @return the kind
	 */
	public static ArchiveKind forJava(int feature) {
		return (feature >= 24) ? AOT : CDS;
	}

	/**
	 * Return the kind of archive that this java runtime makes.
	 * @return the kind
	 */
	public static ArchiveKind current() {
		return forJava(Runtime.version().feature());
	}

	/**
	 * Return the name of the archive's file in a cache entry.
	 * @return the file name
	 */
	public String fileName() {
		return this.fileName;
	}

	/**
	 * Return the JVM option that uses an archive.
	 * @param archive the archive
	 * @return the option
	 */
	public String useOption(Path archive) {
		return this.useOption + archive;
	}

	/**
	 * Return the JVM options of each run that trains an archive, in order: one run of a
	 * CDS archive, or a recording run and a creation run of an AOT cache.
	 * <p>
	 * JDK 25 could make the AOT cache in one run ({@code -XX:AOTCacheOutput}), but that
	 * run starts the JVM that creates the cache as its own child, which the kernel does
	 * not kill when the daemon is: each run of two is a child of the daemon that dies
	 * with it.
	 * @param output where the archive is written
	 * @return the options of each run
	 */
	List<List<String>> trainingRuns(Path output) {
		if (this == CDS) {
			return List.of(List.of("-XX:ArchiveClassesAtExit=" + output, CONTEXT_EXIT));
		}
		String configuration = "-XX:AOTConfiguration=" + output + ".conf";
		return List.of(List.of("-XX:AOTMode=record", configuration, CONTEXT_EXIT),
				List.of("-XX:AOTMode=create", configuration, "-XX:AOTCache=" + output));
	}

	/**
	 * Return whether a JVM option chooses or makes a class data archive, or how sharing
	 * is used: a command line that has one is left as it is, since its author chose.
	 * @param option the option
	 * @return whether the option concerns class data archives
	 */
	static boolean isArchiveOption(String option) {
		return ARCHIVE_OPTION_PREFIXES.stream().anyMatch(option::startsWith);
	}

}
