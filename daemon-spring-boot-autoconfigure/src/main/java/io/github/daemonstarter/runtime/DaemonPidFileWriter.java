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

package io.github.daemonstarter.runtime;

import java.io.File;

import org.springframework.boot.context.ApplicationPidFileWriter;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;

/**
 * Writes the PID file through Spring Boot's {@link ApplicationPidFileWriter} as soon as
 * the environment is prepared, right after the daemon has locked it. The writer reads
 * {@code spring.pid.file} from the environment, refuses to follow symbolic links and
 * removes the file when the JVM exits normally.
 *
 * @author Daemon Starter Team
 */
final class DaemonPidFileWriter extends ApplicationPidFileWriter {

	DaemonPidFileWriter(File file) {
		super(file);
		setTriggerEventType(ApplicationEnvironmentPreparedEvent.class);
	}

	/**
	 * Write the PID file now. Unlike the plain writer, this writes again when a second
	 * application runs in the same JVM (tests, restarts).
	 * @param event the event that carries the environment
	 */
	void write(ApplicationEnvironmentPreparedEvent event) {
		reset();
		onApplicationEvent(event);
	}

}
