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

package io.github.daemonstarter.sample;

import java.nio.file.Files;
import java.nio.file.Path;

import io.github.daemonstarter.reload.DaemonReloadEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Reloads the sample's own settings when the daemon is asked to reload ({@code SIGHUP} or
 * {@code --daemon=reload}); a real application would reread a file, rotate a certificate
 * or empty a cache here. While the file that {@code --sample.reload.fail-if-present}
 * names exists, the reload fails, to show what {@code --daemon=reload} reports.
 *
 * @author Daemon Starter Team
 */
@Component
class SampleReloadListener implements ApplicationListener<DaemonReloadEvent> {

	private static final Log logger = LogFactory.getLog(SampleReloadListener.class);

	private final @Nullable Path failIfPresent;

	SampleReloadListener(@Value("${sample.reload.fail-if-present:#{null}}") @Nullable Path failIfPresent) {
		this.failIfPresent = failIfPresent;
	}

	@Override
	public void onApplicationEvent(DaemonReloadEvent event) {
		if (this.failIfPresent != null && Files.exists(this.failIfPresent)) {
			throw new IllegalStateException("the sample's settings cannot be reloaded while " + this.failIfPresent
					+ " exists (sample.reload.fail-if-present)");
		}
		logger.info("Reloaded the sample's settings (reload " + event.getReload() + ")");
	}

}
