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

package io.github.daemonstarter.reload;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Runs an action when the process receives {@code SIGHUP}, instead of the JVM's default
 * of shutting down. The handler runs on a thread that the JVM starts for each signal.
 * <p>
 * {@code sun.misc.Signal} (module {@code jdk.unsupported}) is the only JDK API that can
 * handle a signal; it is exported and present in Java 17 to 25.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class HangupSignal {

	private HangupSignal() {
	}

	/**
	 * Run the given action on every {@code SIGHUP} from now on.
	 * @param action the action
	 * @return {@code false} if {@code SIGHUP} was ignored when the JVM started (as under
	 * {@code nohup}), in which case the action never runs
	 * @throws IllegalArgumentException if the JVM reserves the signal (as with
	 * {@code -Xrs})
	 */
	public static boolean handle(Runnable action) {
		SignalHandler previous = Signal.handle(new Signal("HUP"), (signal) -> action.run());
		return previous != SignalHandler.SIG_IGN;
	}

}
