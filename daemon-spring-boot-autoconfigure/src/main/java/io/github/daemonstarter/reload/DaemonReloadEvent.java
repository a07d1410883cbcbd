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

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;

/**
 * Event published in the application context when the daemon is asked to reload, by
 * {@code SIGHUP} or {@code --daemon=reload}: after its log file has been reopened, so
 * that listeners which log write into the new file. Listen to it to reload the
 * application's own settings, certificates or caches. The source is the application
 * context.
 * <p>
 * Listeners run one after another on the thread that handles the signal; a reload is
 * reported as done once every listener has returned, and as failed if one throws.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public class DaemonReloadEvent extends ApplicationEvent {

	private final int reload;

	private final @Nullable Path logFile;

	/**
	 * Create a new instance.
	 * @param context the application context
	 * @param reload the number of this reload since the application started, from 1
	 * @param logFile the log file that was reopened, or {@code null} if none was (as in
	 * the foreground, where standard output belongs to the service manager)
	 */
	public DaemonReloadEvent(ApplicationContext context, int reload, @Nullable Path logFile) {
		super(context);
		this.reload = reload;
		this.logFile = logFile;
	}

	/**
	 * Return the number of this reload since the application started, from 1.
	 * @return the number of this reload
	 */
	public int getReload() {
		return this.reload;
	}

	/**
	 * Return the log file that was reopened before this event.
	 * @return the log file, or {@code null} if none was reopened
	 */
	public @Nullable Path getLogFile() {
		return this.logFile;
	}

	@Override
	public ApplicationContext getSource() {
		return (ApplicationContext) super.getSource();
	}

}
