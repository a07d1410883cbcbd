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

/**
 * Settings of fast start, bound under {@code daemon.fast-start}: the daemon's JVM runs
 * from the jar extracted by Spring Boot's own tool, with a class data archive of the
 * application (a dynamic CDS archive up to JDK 23, an AOT cache from JDK 24), both kept
 * in a cache.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public class FastStartProperties {

	/**
	 * Whether {@code --daemon} runs the application from its extracted jar with a class
	 * data archive, prepared in the cache on the first start.
	 */
	private boolean enabled;

	/**
	 * The directory of the cache, one per application: a start removes the entries that
	 * no JVM uses, whichever application made them. Relative paths resolve against the
	 * working directory. By default, {@code <application name>-fast-start} beside the PID
	 * file.
	 */
	private @Nullable Path directory;

	/**
	 * When the class data archive is trained: "background" after a start that finds none,
	 * "install" only when --daemon=unit or --daemon=install writes a unit, or "never". A
	 * training runs the application until its context is refreshed.
	 */
	private FastStartTraining training = FastStartTraining.BACKGROUND;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable Path getDirectory() {
		return this.directory;
	}

	public void setDirectory(@Nullable Path directory) {
		this.directory = directory;
	}

	public FastStartTraining getTraining() {
		return this.training;
	}

	public void setTraining(FastStartTraining training) {
		this.training = training;
	}

}
