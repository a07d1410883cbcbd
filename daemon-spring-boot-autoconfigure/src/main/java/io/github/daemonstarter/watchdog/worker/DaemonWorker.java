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

package io.github.daemonstarter.watchdog.worker;

import io.github.daemonstarter.restart.RestartPolicy;
import org.jspecify.annotations.Nullable;

/**
 * Long-running work that the {@link io.github.daemonstarter.watchdog.Watchdog Watchdog}
 * keeps alive: a consumer, a poller, a listener. Declare it as a bean and it starts with
 * the application, on its own thread, before the application reports ready. It is named
 * after its bean (a bean named by its fully qualified class name after the simple class
 * name) unless {@link #getWorkerName()} says otherwise.
 * <p>
 * {@link #run(WorkerContext)} is expected to run until a stop is requested, for example:
 * <pre class="code">
 * public void run(WorkerContext context) throws Exception {
 *     while (!context.awaitStop(Duration.ofSeconds(1))) {
 *         poll();
 *         context.heartbeat();
 *     }
 * }
 * </pre> When it throws, hangs or returns, the worker's {@link RestartPolicy} decides
 * whether and when it runs again, each time on a new thread.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 * @see WorkerRegistration
 */
@FunctionalInterface
public interface DaemonWorker {

	/**
	 * Do the work until {@link WorkerContext#isStopRequested() a stop is requested} or
	 * the thread is interrupted.
	 * @param context the context of this run
	 * @throws Exception on failure, which counts against the worker's restart limits
	 */
	void run(WorkerContext context) throws Exception;

	/**
	 * Return the name of this worker: its thread's name, its key under
	 * {@code daemon.watchdog.workers} and its tag in metrics.
	 * @return the name, or {@code null} (the default) to use the bean name
	 */
	default @Nullable String getWorkerName() {
		return null;
	}

}
