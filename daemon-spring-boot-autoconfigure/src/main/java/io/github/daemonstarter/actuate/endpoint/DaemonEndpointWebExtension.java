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

package io.github.daemonstarter.actuate.endpoint;

import java.util.Map;

import io.github.daemonstarter.actuate.endpoint.DaemonEndpoint.WorkerDescriptor;

import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * {@link EndpointWebExtension @EndpointWebExtension} for the {@link DaemonEndpoint}:
 * gives its write operation HTTP status codes. The read operations are the endpoint's
 * own.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
@EndpointWebExtension(endpoint = DaemonEndpoint.class)
public class DaemonEndpointWebExtension {

	private final DaemonEndpoint delegate;

	/**
	 * Create a new instance.
	 * @param delegate the endpoint that performs the actions
	 */
	public DaemonEndpointWebExtension(DaemonEndpoint delegate) {
		this.delegate = delegate;
	}

	/**
	 * Restart, stop or start a worker of the watchdog.
	 * @param name the worker name
	 * @param action {@code restart}, {@code stop} or {@code start}
	 * @return the worker as it is right after the request (status 200), status 404 if
	 * there is no such worker, or status 400 with a message naming the known actions if
	 * the action is unknown
	 */
	@WriteOperation
	public WebEndpointResponse<Object> action(@Selector String name, String action) {
		if (!DaemonEndpoint.isKnownAction(action)) {
			return new WebEndpointResponse<>(Map.of("message", DaemonEndpoint.unknownActionMessage(action)),
					WebEndpointResponse.STATUS_BAD_REQUEST);
		}
		WorkerDescriptor worker = this.delegate.action(name, action);
		return (worker != null) ? new WebEndpointResponse<>(worker)
				: new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
	}

}
