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

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

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
 * descriptor wakes the acceptor without a connection; its failure to accept is expected,
 * and its log line is dropped.
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

	private final ServerSocketChannel socket;

	private volatile boolean running;

	InheritedServerSocketRelease(ServerSocketChannel socket) {
		this.socket = socket;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		try {
			InheritedServerSocket.close(this.socket);
			logger.info("Stopped accepting connections on the inherited listening socket, which stays open for "
					+ "the processes that share it");
		}
		catch (IOException ex) {
			logger.warn("Cannot close the inherited listening socket: " + ex.getMessage());
		}
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
