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

package io.github.daemonstarter.handover;

import java.net.InetSocketAddress;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Whether a process supervisor hands its web server's listening socket over to the
 * application JVMs that it starts, so that a reload replaces one JVM with another without
 * a refused connection, and why not if it does not.
 *
 * @param host the address to listen on ({@code server.address}), or {@code null} for
 * every address
 * @param port the port ({@code server.port}), {@code 0} for one that the supervisor
 * chooses once
 * @param backlog how many connections the kernel queues
 * ({@code server.tomcat.accept-count})
 * @param unavailable why the socket is not handed over, or {@code null} if it is
 * @param refusesReload whether a reload is refused rather than done as a restart, when
 * the socket is not handed over
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public record HandoverPlan(@Nullable String host, int port, int backlog, @Nullable String unavailable,
		boolean refusesReload) {

	private static final int DEFAULT_PORT = 8080;

	private static final int DEFAULT_BACKLOG = 100;

	private static final String HANDOVER = "handover";

	private static final String FALLBACK = "restart";

	private static final String REFUSAL = "refuse";

	/**
	 * Return the plan for an application's environment.
	 * @param environment the environment
	 * @param classLoader the class loader that finds the web server
	 * @return the plan
	 */
	public static HandoverPlan of(Environment environment, @Nullable ClassLoader classLoader) {
		try {
			return resolve(environment, classLoader);
		}
		catch (RuntimeException ex) {
			// An invalid server.* value: the application's own start reports it, in its
			// own words, and nothing is handed over
			return fallback("the web server's settings cannot be read (" + ex.getMessage() + ")");
		}
	}

	private static HandoverPlan resolve(Environment environment, @Nullable ClassLoader classLoader) {
		WebApplicationType type = Binder.get(environment)
			.bind("spring.main.web-application-type", WebApplicationType.class)
			.orElseGet(WebApplicationType::deduce);
		if (type == WebApplicationType.NONE) {
			return fallback("the application has no web server");
		}
		int port = environment.getProperty("server.port", Integer.class, DEFAULT_PORT);
		if (port < 0) {
			return fallback("server.port=" + port + " starts no web server");
		}
		String server = webServer(type, classLoader);
		if (server == null) {
			return fallback("no web server is on the class path");
		}
		if (!server.equals("Tomcat") && !server.equals("Jetty")) {
			return fallback(server + " cannot serve a socket that it inherits; only Tomcat and Jetty can");
		}
		Integer managementPort = environment.getProperty("management.server.port", Integer.class);
		if (managementPort != null && managementPort >= 0 && managementPort != port) {
			return new HandoverPlan(null, 0, 0, "management.server.port=" + managementPort
					+ " is a second port, which is not handed over, so two JVMs would compete for it; serve the "
					+ "actuator on server.port (remove management.server.port) or use --daemon=restart", true);
		}
		String host = environment.getProperty("server.address");
		int backlog = environment.getProperty("server.tomcat.accept-count", Integer.class, DEFAULT_BACKLOG);
		return new HandoverPlan(StringUtils.hasText(host) ? host.strip() : null, port,
				(backlog > 0) ? backlog : DEFAULT_BACKLOG, null, false);
	}

	private static @Nullable String webServer(WebApplicationType type, @Nullable ClassLoader classLoader) {
		boolean tomcat = ClassUtils.isPresent("org.springframework.boot.tomcat.TomcatWebServer", classLoader);
		boolean jetty = ClassUtils.isPresent("org.springframework.boot.jetty.JettyWebServer", classLoader);
		boolean netty = ClassUtils.isPresent("org.springframework.boot.reactor.netty.NettyWebServer", classLoader);
		if (type == WebApplicationType.REACTIVE && netty) {
			return "Reactor Netty";
		}
		return tomcat ? "Tomcat" : jetty ? "Jetty" : netty ? "Reactor Netty" : null;
	}

	private static HandoverPlan fallback(String reason) {
		return new HandoverPlan(null, 0, 0, reason, false);
	}

	/**
	 * Return whether the socket is handed over.
	 * @return whether {@link #unavailable()} is {@code null}
	 */
	public boolean handsOver() {
		return this.unavailable == null;
	}

	/**
	 * Return the address to listen on.
	 * @return the address, resolved
	 */
	public InetSocketAddress address() {
		return (this.host != null) ? new InetSocketAddress(this.host, this.port) : new InetSocketAddress(this.port);
	}

	/**
	 * Return the settings that name the address, for messages.
	 * @return such as {@code server.port=8080} or
	 * {@code server.address=127.0.0.1, server.port=8080}
	 */
	public String settings() {
		return ((this.host != null) ? "server.address=" + this.host + ", " : "") + "server.port=" + this.port;
	}

	/**
	 * Return this plan as one command-line argument value.
	 * @return the value, which {@link #fromArgument(String)} reads back
	 */
	public String toArgument() {
		if (this.unavailable == null) {
			return HANDOVER + ":" + this.port + ":" + this.backlog + ":" + ((this.host != null) ? this.host : "");
		}
		return (this.refusesReload ? REFUSAL : FALLBACK) + ":" + this.unavailable;
	}

	/**
	 * Read a plan from a command-line argument value written by {@link #toArgument()}.
	 * @param value the value
	 * @return the plan
	 * @throws IllegalArgumentException if the value is malformed
	 */
	public static HandoverPlan fromArgument(String value) {
		int colon = value.indexOf(':');
		String kind = (colon < 0) ? value : value.substring(0, colon);
		String rest = (colon < 0) ? "" : value.substring(colon + 1);
		switch (kind) {
			case HANDOVER -> {
				String[] parts = rest.split(":", 3);
				if (parts.length != 3) {
					throw new IllegalArgumentException("expected handover:<port>:<backlog>:<host>");
				}
				int port = Integer.parseInt(parts[0]);
				int backlog = Integer.parseInt(parts[1]);
				if (port < 0 || port > 65535 || backlog <= 0) {
					throw new IllegalArgumentException("port or backlog out of range");
				}
				return new HandoverPlan(parts[2].isEmpty() ? null : parts[2], port, backlog, null, false);
			}
			case FALLBACK -> {
				return fallback(rest);
			}
			case REFUSAL -> {
				return new HandoverPlan(null, 0, 0, rest, true);
			}
			default -> throw new IllegalArgumentException("expected handover:, restart: or refuse:");
		}
	}

}
