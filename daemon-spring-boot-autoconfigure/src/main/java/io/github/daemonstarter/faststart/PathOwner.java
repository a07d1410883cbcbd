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

import java.io.IOException;
import java.nio.file.Path;

/**
 * Gives what a start creates in the cache to the daemon's user: a launcher that runs as
 * root and starts the daemon as {@code daemon.user} creates the directories, and the
 * daemon must own them.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
@FunctionalInterface
public interface PathOwner {

	/**
	 * The owner for a daemon that runs as the user of this process: nothing to give.
	 */
	PathOwner THIS_USER = (path) -> {
	};

	/**
	 * Give a path to the daemon's user.
	 * @param path the path
	 * @throws IOException if the path cannot be given
	 */
	void own(Path path) throws IOException;

}
