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

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 403 to any request under {@code /actuator/} other than {@code GET} or
 * {@code HEAD} that does not come from a loopback address.
 * <p>
 * The sample allows the write operation of the {@code daemon} endpoint (restart, stop and
 * start a worker), so that it can be tried with {@code curl} on the same machine, but it
 * listens on all addresses: without this filter anyone who reaches the port could control
 * its workers. It keeps the sample free of Spring Security; a real deployment should
 * rather secure the actuator endpoints with Spring Security or bind them to a loopback
 * address with {@code management.server.port} and {@code management.server.address}.
 *
 * @author Daemon Starter Team
 */
@Component
class LoopbackWritesFilter extends OncePerRequestFilter {

	private static final String ACTUATOR = "/actuator";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (isActuatorWrite(request) && !isLoopback(request.getRemoteAddr())) {
			response.setStatus(HttpStatus.FORBIDDEN.value());
			response.setContentType(MediaType.TEXT_PLAIN_VALUE);
			response.setCharacterEncoding(StandardCharsets.UTF_8);
			response.getWriter().println("Actuator writes are allowed from loopback addresses only");
			return;
		}
		chain.doFilter(request, response);
	}

	private static boolean isActuatorWrite(HttpServletRequest request) {
		String method = request.getMethod();
		if (HttpMethod.GET.matches(method) || HttpMethod.HEAD.matches(method)) {
			return false;
		}
		String path = request.getServletPath() + ((request.getPathInfo() != null) ? request.getPathInfo() : "");
		return path.equals(ACTUATOR) || path.startsWith(ACTUATOR + "/");
	}

	private static boolean isLoopback(String address) {
		try {
			return InetAddress.getByName(address).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}
