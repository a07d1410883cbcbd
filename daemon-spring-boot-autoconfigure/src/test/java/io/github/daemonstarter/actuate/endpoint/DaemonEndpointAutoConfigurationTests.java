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

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.github.daemonstarter.watchdog.Watchdog;
import io.github.daemonstarter.watchdog.WatchdogAutoConfiguration;
import io.github.daemonstarter.watchdog.WorkerState;
import io.github.daemonstarter.watchdog.worker.WorkerRegistration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.jmx.JmxEndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.Sanitizer;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jmx.JmxAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link DaemonEndpointAutoConfiguration}.
 *
 * @author Daemon Starter Team
 */
class DaemonEndpointAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(WatchdogAutoConfiguration.class, DaemonEndpointAutoConfiguration.class))
		.withBean(WorkerRegistration.class,
				() -> WorkerRegistration.of("orders", (context) -> context.awaitStop(Duration.ofMinutes(5))));

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Test
	void runWhenNotExposedDoesNotCreateEndpoint() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DaemonEndpoint.class));
	}

	@Test
	void runWhenExposedOverWebCreatesEndpoint() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=daemon").run((context) -> {
			assertThat(context).hasSingleBean(DaemonEndpoint.class);
			assertThat(context.getBean(DaemonEndpoint.class).daemon(SecurityContext.NONE).workers())
				.containsOnlyKeys("orders");
		});
	}

	@Test
	void runWhenExposedOverWebCreatesWebExtension() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=daemon")
			.run((context) -> assertThat(context).hasSingleBean(DaemonEndpointWebExtension.class)
				.hasSingleBean(DaemonEndpointProperties.class));
	}

	@Test
	void runWhenExposedOverJmxOnlyCreatesEndpointWithoutWebExtension() {
		this.contextRunner
			.withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=daemon")
			.run((context) -> assertThat(context).hasSingleBean(DaemonEndpoint.class)
				.doesNotHaveBean(DaemonEndpointWebExtension.class));
	}

	@Test
	@SuppressWarnings("unchecked")
	void runWhenExposedOverJmxRegistersMBeanThatDescribesAndControlsWorkers() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(JmxAutoConfiguration.class, EndpointAutoConfiguration.class,
					JmxEndpointAutoConfiguration.class))
			.withPropertyValues("spring.jmx.enabled=true", "spring.jmx.unique-names=true",
					"management.endpoints.jmx.exposure.include=daemon",
					"management.endpoint.daemon.access=UNRESTRICTED")
			.run((context) -> {
				MBeanServer server = context.getBean(MBeanServer.class);
				ObjectName name = daemonObjectName(server);
				Map<String, Object> daemon = (Map<String, Object>) server.invoke(name, "daemon", new Object[0],
						new String[0]);
				assertThat(daemon.get("pid")).isEqualTo(ProcessHandle.current().pid());
				assertThat((Map<String, Object>) daemon.get("workers")).containsOnlyKeys("orders");
				Watchdog watchdog = context.getBean(Watchdog.class);
				await().atMost(TIMEOUT).until(() -> watchdog.getWorker("orders").state() == WorkerState.RUNNING);
				Map<String, Object> restarted = (Map<String, Object>) server.invoke(name, "action",
						new Object[] { "orders", "restart" },
						new String[] { String.class.getName(), String.class.getName() });
				assertThat(restarted).containsKey("state");
				await().atMost(TIMEOUT).until(() -> watchdog.getWorker("orders").restartCount() == 1);
				server.invoke(name, "action", new Object[] { "orders", "stop" },
						new String[] { String.class.getName(), String.class.getName() });
				await().atMost(TIMEOUT).until(() -> watchdog.getWorker("orders").state() == WorkerState.STOPPED);
				Object unknownWorker = server.invoke(name, "action", new Object[] { "shipping", "restart" },
						new String[] { String.class.getName(), String.class.getName() });
				assertThat(unknownWorker).isNull();
				assertThatException()
					.isThrownBy(() -> server.invoke(name, "action", new Object[] { "orders", "pause" },
							new String[] { String.class.getName(), String.class.getName() }))
					.satisfies((ex) -> assertThat(ex).rootCause()
						.hasMessageContaining("Unknown action 'pause', expected one of restart, stop, start"));
			});
	}

	@Test
	void runWhenExposedOverJmxWithReadOnlyAccessHasNoWriteOperation() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(JmxAutoConfiguration.class, EndpointAutoConfiguration.class,
					JmxEndpointAutoConfiguration.class))
			.withPropertyValues("spring.jmx.enabled=true", "spring.jmx.unique-names=true",
					"management.endpoints.jmx.exposure.include=daemon")
			.run((context) -> {
				MBeanServer server = context.getBean(MBeanServer.class);
				MBeanInfo info = server.getMBeanInfo(daemonObjectName(server));
				assertThat(info.getOperations()).extracting(MBeanOperationInfo::getName)
					.containsOnly("daemon", "worker");
			});
	}

	@Test
	void runWhenAccessIsNoneDoesNotCreateEndpoint() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=daemon",
					"management.endpoint.daemon.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(DaemonEndpoint.class));
	}

	@Test
	void runWhenWatchdogIsDisabledCreatesEndpointWithoutWorkers() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=daemon", "daemon.watchdog.enabled=false")
			.run((context) -> {
				assertThat(context).hasSingleBean(DaemonEndpoint.class);
				DaemonEndpoint endpoint = context.getBean(DaemonEndpoint.class);
				assertThat(endpoint.daemon(SecurityContext.NONE).workers()).isEmpty();
				assertThat(endpoint.worker("orders")).isNull();
			});
	}

	@Test
	void runWhenUserDefinesEndpointBacksOff() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=daemon")
			.withBean("customDaemonEndpoint", DaemonEndpoint.class,
					() -> new DaemonEndpoint(new MockEnvironment(), null, new Sanitizer(), Show.NEVER, Set.of()))
			.run((context) -> assertThat(context).hasSingleBean(DaemonEndpoint.class).hasBean("customDaemonEndpoint"));
	}

	@Test
	void runWhenNotAvailableDoesNotBindProperties() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(DaemonEndpointProperties.class));
	}

	@Test
	void runWithoutActuatorDoesNotCreateEndpoint() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=daemon")
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(DaemonEndpoint.class)
				.doesNotHaveBean(DaemonEndpointProperties.class));
	}

	private static ObjectName daemonObjectName(MBeanServer server) throws Exception {
		Set<ObjectName> names = server
			.queryNames(new ObjectName("org.springframework.boot:type=Endpoint,name=Daemon,*"), null);
		assertThat(names).hasSize(1);
		return names.iterator().next();
	}

}
