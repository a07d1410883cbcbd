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

package io.github.daemonstarter.launch;

import java.util.List;

import io.github.daemonstarter.faststart.FastStartLaunch;
import io.github.daemonstarter.launch.user.DaemonUser;
import org.jspecify.annotations.Nullable;

/**
 * What a start runs, and as whom.
 *
 * @param user the user to switch to or {@code null}
 * @param command the command that starts the detached process
 * @param waiter whether the command starts a waiter that forks the detached process (see
 * {@link DetachedChild})
 * @param fastStart the fast start of the command, which names the cache entry that the
 * detached process runs from, if any
 * @author Daemon Starter Team
 */
record LaunchPlan(@Nullable DaemonUser user, List<String> command, boolean waiter, FastStartLaunch.Prepared fastStart) {

}
