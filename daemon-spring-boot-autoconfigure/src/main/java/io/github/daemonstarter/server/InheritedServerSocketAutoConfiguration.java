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

import java.nio.channels.ServerSocketChannel;

import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.server.Server;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jetty.JettyServerCustomizer;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration that makes the web server serve on a listening socket that this JVM
 * inherited (see {@link InheritedServerSocket}).
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
@AutoConfiguration
@ConditionalOnWebApplication
@Conditional(OnInheritedServerSocketCondition.class)
public final class InheritedServerSocketAutoConfiguration {

	@Bean
	InheritedServerSocketRelease inheritedServerSocketRelease(ObjectProvider<OpenConnections> openConnections,
			ObjectProvider<LoggingSystem> loggingSystem) {
		ServerSocketChannel socket = InheritedServerSocket.get();
		if (socket == null) {
			throw new IllegalStateException("The inherited listening socket is gone");
		}
		return new InheritedServerSocketRelease(socket, openConnections.orderedStream().toList(),
				loggingSystem.getIfAvailable());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Server.class, JettyServerCustomizer.class })
	static class JettyConfiguration {

		@Bean
		JettyInheritedChannelCustomizer jettyInheritedChannelCustomizer() {
			return new JettyInheritedChannelCustomizer();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Tomcat.class, TomcatConnectorCustomizer.class })
	static class TomcatConfiguration {

		@Bean
		TomcatInheritedChannelCustomizer tomcatInheritedChannelCustomizer() {
			return new TomcatInheritedChannelCustomizer();
		}

	}

}
