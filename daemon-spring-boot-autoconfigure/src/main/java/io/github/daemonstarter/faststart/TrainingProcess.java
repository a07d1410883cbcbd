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
import java.util.List;

import io.github.daemonstarter.posix.CommandOutput;
import io.github.daemonstarter.posix.Executables;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The processes of a training: each run to its end, killed with what it started when the
 * training is stopped, and killed by the kernel when the thread that waits for it dies.
 *
 * @author Daemon Starter Team
 */
final class TrainingProcess {

	private static final Log logger = LogFactory.getLog(TrainingProcess.class);

	private static volatile @Nullable List<String> parentDeathSignal;

	private @Nullable Process process;

	private boolean stopped;

	/**
	 * Run a training run to its end.
	 * @param builder the run's command, streams and environment
	 * @param log the log that the run writes to
	 * @throws IOException if the run cannot start or fails, with the log's path
	 * @throws InterruptedException if interrupted or {@link #stop() stopped}
	 */
	void run(ProcessBuilder builder, Path log) throws IOException, InterruptedException {
		Process started;
		synchronized (this) {
			if (this.stopped) {
				throw new InterruptedException("the training was stopped");
			}
			started = builder.start();
			this.process = started;
		}
		try {
			int status = started.waitFor();
			synchronized (this) {
				if (this.stopped) {
					// Killed by stop(): the run did not fail, and may succeed next time
					throw new InterruptedException("the training was stopped");
				}
			}
			if (status != 0) {
				throw new IOException("the training run exited with status " + status + "; see " + log);
			}
		}
		finally {
			if (started.isAlive()) {
				destroyWithDescendants(started);
			}
			synchronized (this) {
				this.process = null;
			}
		}
	}

	/**
	 * Stop the run that is under way, and any that would start.
	 */
	void stop() {
		Process running;
		synchronized (this) {
			this.stopped = true;
			running = this.process;
		}
		if (running != null) {
			logger.debug("Stopping the training of the class data archive");
			destroyWithDescendants(running);
		}
	}

	/**
	 * Return the arguments that kill the training run when the thread that waits for it
	 * dies, or none where {@code setpriv} cannot ({@code --pdeathsig}, util-linux 2.33).
	 * A daemon that is killed cannot stop its training: the orphan would go on, and under
	 * a supervisor that restarts a crashing application, each restart would add one.
	 * @return the arguments, or an empty list
	 */
	static List<String> parentDeathSignal() {
		List<String> arguments = parentDeathSignal;
		if (arguments == null) {
			arguments = Executables.lookup("setpriv")
				.filter(TrainingProcess::hasParentDeathSignal)
				.map((setpriv) -> List.of(setpriv.toString(), "--pdeathsig", "KILL"))
				.orElse(List.of());
			parentDeathSignal = arguments;
		}
		return arguments;
	}

	private static boolean hasParentDeathSignal(Path setpriv) {
		try {
			CommandOutput help = CommandOutput.ofCombined(16384, null, List.of(setpriv.toString(), "--help"));
			return Integer.valueOf(0).equals(help.status()) && help.text().contains("--pdeathsig");
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static void destroyWithDescendants(Process process) {
		// A JVM option of the user's can make the training JVM start another one, as
		// JDK 25's -XX:AOTCacheOutput does to write the archive: killed with it
		process.descendants().forEach(ProcessHandle::destroyForcibly);
		process.destroyForcibly();
	}

}
