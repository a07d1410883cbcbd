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

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;

/**
 * Event published in the application context once a reload is over, whether it succeeded
 * or not: after every {@link DaemonReloadEvent} listener has run, or after one of them
 * failed. The source is the application context.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public class DaemonReloadedEvent extends ApplicationEvent {

	private final int reload;

	private final @Nullable String failure;

	/**
	 * Create a new instance.
	 * @param context the application context
	 * @param reload the number of the reload since the application started, from 1
	 * @param failure why the reload failed, or {@code null} if it succeeded
	 */
	public DaemonReloadedEvent(ApplicationContext context, int reload, @Nullable String failure) {
		super(context);
		this.reload = reload;
		this.failure = failure;
	}

	/**
	 * Return the number of the reload since the application started, from 1.
	 * @return the number of the reload
	 */
	public int getReload() {
		return this.reload;
	}

	/**
	 * Return why the reload failed.
	 * @return the reason, or {@code null} if it succeeded
	 */
	public @Nullable String getFailure() {
		return this.failure;
	}

	@Override
	public ApplicationContext getSource() {
		return (ApplicationContext) super.getSource();
	}

}
