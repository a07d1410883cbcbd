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

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

import org.springframework.util.ClassUtils;

/**
 * Reopens the files of Logback's file appenders, such as the rolling file appender that
 * Spring Boot configures for {@code logging.file.name}: each opens its file again by
 * name, under the appender's own lock, so no event is lost or written twice.
 *
 * @author Daemon Starter Team
 */
final class LogbackFileAppenders {

	private static final boolean PRESENT = ClassUtils.isPresent("ch.qos.logback.classic.LoggerContext",
			LogbackFileAppenders.class.getClassLoader());

	private LogbackFileAppenders() {
	}

	/**
	 * Reopen the file of every started file appender, if Logback is the logging system.
	 * @return the files reopened
	 * @throws IllegalStateException if a file cannot be opened
	 */
	static List<String> reopen() {
		if (!PRESENT) {
			return List.of();
		}
		ILoggerFactory factory = LoggerFactory.getILoggerFactory();
		if (!(factory instanceof LoggerContext context)) {
			return List.of();
		}
		List<String> reopened = new ArrayList<>();
		for (Logger logger : context.getLoggerList()) {
			for (Iterator<Appender<ILoggingEvent>> appenders = logger.iteratorForAppenders(); appenders.hasNext();) {
				if (appenders.next() instanceof FileAppender<?> appender && appender.isStarted()
						&& appender.getFile() != null && !reopened.contains(appender.getFile())) {
					reopen(appender);
					reopened.add(appender.getFile());
				}
			}
		}
		return reopened;
	}

	private static void reopen(FileAppender<?> appender) {
		try {
			appender.openFile(appender.getFile());
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot open log file " + appender.getFile() + ": " + ex.getMessage(), ex);
		}
	}

}
