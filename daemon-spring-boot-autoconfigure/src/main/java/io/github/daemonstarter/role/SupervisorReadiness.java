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

package io.github.daemonstarter.role;

import io.github.daemonstarter.config.FailureReason;
import io.github.daemonstarter.supervised.SupervisedApplication;

import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;

/**
 * Tells the supervisor when its application is ready or failed to start, which is how a
 * reload knows that the new JVM can take the place of the old one.
 *
 * @author Daemon Starter Team
 */
final class SupervisorReadiness implements ApplicationListener<ApplicationEvent> {

	private final SupervisedApplication supervised;

	SupervisorReadiness(SupervisedApplication supervised) {
		this.supervised = supervised;
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ApplicationReadyEvent ready) {
			String port = ready.getApplicationContext().getEnvironment().getProperty("local.server.port");
			this.supervised.reportReady((port != null) ? "port " + port : "");
		}
		else if (event instanceof ApplicationFailedEvent failed) {
			this.supervised.reportFailed(FailureReason.of(failed.getException()));
		}
	}

}
