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

import io.github.daemonstarter.config.FailureReason;

import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.core.env.Environment;

/**
 * Tells the launcher how the start of the detached application goes, through a
 * {@link LaunchReporter}: its phases, then ready (with the web port, if any) or failed
 * (with the reason).
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class StartupReporter implements ApplicationListener<ApplicationEvent> {

	private final LaunchReporter reporter;

	private final String prefix;

	public StartupReporter(LaunchReporter reporter) {
		this(reporter, "");
	}

	/**
	 * Create a reporter whose ready message starts with the given text.
	 * @param reporter the reporter
	 * @param prefix what the ready message starts with, such as the application's PID
	 * when a supervisor runs it
	 */
	public StartupReporter(LaunchReporter reporter, String prefix) {
		this.reporter = reporter;
		this.prefix = prefix;
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ApplicationPreparedEvent) {
			this.reporter.phase("creating the application context");
		}
		else if (event instanceof ContextRefreshedEvent) {
			this.reporter.phase("context refreshed");
		}
		else if (event instanceof ApplicationStartedEvent) {
			this.reporter.phase("running application runners");
		}
		else if (event instanceof ApplicationReadyEvent ready) {
			String where = where(ready.getApplicationContext().getEnvironment());
			this.reporter
				.ready((this.prefix.isEmpty() || where.isEmpty()) ? this.prefix + where : this.prefix + ", " + where);
		}
		else if (event instanceof ApplicationFailedEvent failed) {
			this.reporter.failed(reason(failed.getException()));
		}
	}

	private static String where(Environment environment) {
		String port = environment.getProperty("local.server.port");
		return (port != null) ? "port " + port : "";
	}

	static String reason(Throwable exception) {
		return FailureReason.of(exception);
	}

}
