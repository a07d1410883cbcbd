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

import java.time.Instant;
import java.util.Map;

import io.github.daemonstarter.actuate.endpoint.DaemonEndpoint.WorkerDescriptor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link DaemonEndpointWebExtension}.
 *
 * @author Daemon Starter Team
 */
class DaemonEndpointWebExtensionTests {

	private final DaemonEndpoint endpoint = mock(DaemonEndpoint.class);

	private final DaemonEndpointWebExtension extension = new DaemonEndpointWebExtension(this.endpoint);

	@Test
	void actionWhenWorkerIsKnownReturnsOkWithWorker() {
		WorkerDescriptor worker = new WorkerDescriptor("RUNNING", 1, null, null, Instant.now(), null, false);
		given(this.endpoint.action("orders", "restart")).willReturn(worker);
		WebEndpointResponse<Object> response = this.extension.action("orders", "restart");
		assertThat(response.getStatus()).isEqualTo(WebEndpointResponse.STATUS_OK);
		assertThat(response.getBody()).isSameAs(worker);
	}

	@Test
	void actionWhenWorkerIsUnknownReturnsNotFound() {
		WebEndpointResponse<Object> response = this.extension.action("shipping", "stop");
		assertThat(response.getStatus()).isEqualTo(WebEndpointResponse.STATUS_NOT_FOUND);
		assertThat(response.getBody()).isNull();
	}

	@Test
	void actionWhenActionIsUnknownReturnsBadRequestListingActions() {
		WebEndpointResponse<Object> response = this.extension.action("orders", "pause");
		assertThat(response.getStatus()).isEqualTo(WebEndpointResponse.STATUS_BAD_REQUEST);
		assertThat(response.getBody())
			.isEqualTo(Map.of("message", "Unknown action 'pause', expected one of restart, stop, start"));
		then(this.endpoint).shouldHaveNoInteractions();
	}

}
