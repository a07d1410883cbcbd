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

import io.github.daemonstarter.config.ConditionalOnDaemonMode;
import io.github.daemonstarter.config.FastStartTraining;
import io.github.daemonstarter.status.StatusAutoConfiguration;
import io.github.daemonstarter.status.StatusPublisher;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Auto-configuration of fast start in a daemon's JVM that runs from a cache entry, as the
 * {@value FastStartCache#ENTRY_VARIABLE} environment variable names it: the
 * {@link FastStartReporter}, which holds the entry, reports whether the archive was used
 * and trains it when there is none and {@code daemon.fast-start.training} lets a start
 * train.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
@AutoConfiguration(after = StatusAutoConfiguration.class)
@ConditionalOnDaemonMode
@ConditionalOnProperty(FastStartCache.ENTRY_VARIABLE)
public final class FastStartAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	FastStartReporter fastStartReporter(Environment environment, ObjectProvider<StatusPublisher> statusPublisher) {
		String entryDirectory = environment.getProperty(FastStartCache.ENTRY_VARIABLE);
		if (!StringUtils.hasText(entryDirectory)) {
			throw new IllegalStateException(FastStartCache.ENTRY_VARIABLE + " names no cache entry");
		}
		Path directory = Path.of(entryDirectory);
		CacheEntry entry;
		try {
			entry = CacheEntry.at(directory);
		}
		catch (IOException ex) {
			// Removed while this JVM started: the JVM runs on from its open files, and
			// the next start prepares the entry again
			entry = new CacheEntry(directory, "", ArchiveKind.current());
		}
		FastStartTraining training = Binder.get(environment)
			.bind("daemon.fast-start.training", FastStartTraining.class)
			.orElse(FastStartTraining.BACKGROUND);
		return new FastStartReporter(entry, training, statusPublisher.getIfAvailable());
	}

}
