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

package io.github.daemonstarter;

/**
 * Ends the JVM with an exit status. The one seam through which daemon commands and the
 * watchdog exit, so that tests can run them without ending the test JVM.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
@FunctionalInterface
public interface DaemonExit {

	/**
	 * A {@link DaemonExit} that calls {@link System#exit(int)}.
	 */
	DaemonExit SYSTEM = System::exit;

	/**
	 * End the JVM.
	 * @param status the exit status
	 */
	void exit(int status);

}
