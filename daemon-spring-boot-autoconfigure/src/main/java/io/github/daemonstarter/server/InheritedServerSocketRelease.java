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

package io.github.daemonstarter.server;

import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.SmartLifecycle;

/**
 * Stops this JVM accepting from the shared listening socket as soon as its shutdown
 * begins, before any other lifecycle stops and before the web server's graceful shutdown,
 * by closing this JVM's descriptor of it: another JVM that holds the socket goes on
 * accepting from the same queue.
 * <p>
 * The web server alone would not do: a paused Tomcat connector wakes its acceptor by
 * connecting to its own address, a connection that the other JVM may accept instead, so
 * the acceptor would take the next client's connection and drop it. Closing the
 * descriptor wakes the acceptor without a connection. Its failure to accept is expected,
 * so the logger of Tomcat's acceptor is turned off first: Tomcat logs that failure as an
 * error with a stack trace while its connector runs.
 *
 * @author Daemon Starter Team
 */
class InheritedServerSocketRelease implements SmartLifecycle {

	/**
	 * The phase: stopped first, so that a JVM that replaces this one takes every new
	 * connection while this one stops its workers and finishes its requests.
	 */
	static final int PHASE = Integer.MAX_VALUE;

	private static final Log logger = LogFactory.getLog(InheritedServerSocketRelease.class);

	/**
	 * How long the JVM waits, once it accepts no more, for the connections it accepted to
	 * be served before its shutdown goes on.
	 */
	static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(2);

	private static final long DRAIN_POLL_NANOS = Duration.ofMillis(10).toNanos();

	/**
	 * The loggers of the acceptors that report the failure to accept from the closed
	 * socket.
	 */
	private static final List<String> ACCEPT_FAILURE_LOGGERS = List.of("org.apache.tomcat.util.net.Acceptor");

	private final ServerSocketChannel socket;

	private final List<OpenConnections> openConnections;

	private final @Nullable LoggingSystem loggingSystem;

	private volatile boolean running;

	InheritedServerSocketRelease(ServerSocketChannel socket, List<OpenConnections> openConnections,
			@Nullable LoggingSystem loggingSystem) {
		this.socket = socket;
		this.openConnections = openConnections;
		this.loggingSystem = loggingSystem;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.loggingSystem != null) {
			for (String logger : ACCEPT_FAILURE_LOGGERS) {
				this.loggingSystem.setLogLevel(logger, LogLevel.OFF);
			}
		}
		try {
			InheritedServerSocket.close(this.socket);
			logger.info("Stopped accepting connections on the inherited listening socket, which stays open for "
					+ "the processes that share it");
			drain();
		}
		catch (IOException ex) {
			logger.warn("Cannot close the inherited listening socket: " + ex.getMessage());
		}
	}

	/**
	 * Wait until the connections accepted before the socket was closed are served, up to
	 * {@link #DRAIN_TIMEOUT}: Tomcat's graceful shutdown pauses the connector, and a
	 * connection whose request it starts to read only after the pause is closed without
	 * an answer. Kept-alive connections keep the count up; the pause closes those that
	 * are idle, and their clients retry.
	 */
	private void drain() {
		long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
		while (openConnections() > 0 && System.nanoTime() < deadline) {
			LockSupport.parkNanos(DRAIN_POLL_NANOS);
		}
	}

	private long openConnections() {
		long count = 0;
		for (OpenConnections connections : this.openConnections) {
			count += connections.count();
		}
		return count;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
