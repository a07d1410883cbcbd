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

package io.github.daemonstarter.watchdog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadFactory;

import io.github.daemonstarter.DaemonExit;
import io.github.daemonstarter.restart.MonotonicClock;
import io.github.daemonstarter.watchdog.worker.DaemonWorker;
import io.github.daemonstarter.watchdog.worker.WorkerRegistration;
import io.github.daemonstarter.watchdog.worker.WorkerStartGate;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.thread.Threading;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.util.StringUtils;

/**
 * Auto-configuration of the {@link Watchdog}: supervises every {@link DaemonWorker} bean
 * (named after its bean) and every {@link WorkerRegistration} bean.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "daemon.watchdog.enabled", matchIfMissing = true)
@EnableConfigurationProperties(WatchdogProperties.class)
public final class WatchdogAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Watchdog watchdog(WatchdogProperties properties, ListableBeanFactory beanFactory,
			ObjectProvider<DaemonWorker> workers, ObjectProvider<WorkerRegistration> registrations,
			ConfigurableApplicationContext context, Environment environment,
			ObjectProvider<WorkerStartGate> startGate) {
		List<WorkerRegistration> all = registrations(beanFactory, workers, registrations);
		CriticalWorkerHandler criticalWorkerHandler = new CriticalWorkerHandler(properties.getOnGiveUp(), context,
				DaemonExit.SYSTEM);
		Watchdog watchdog = new Watchdog(properties, all, new MonotonicClock(), threadFactory(environment), context,
				criticalWorkerHandler);
		watchdog.setStartGate(startGate.getIfAvailable(() -> WorkerStartGate.OPEN));
		return watchdog;
	}

	private static List<WorkerRegistration> registrations(ListableBeanFactory beanFactory,
			ObjectProvider<DaemonWorker> workers, ObjectProvider<WorkerRegistration> registrations) {
		List<WorkerRegistration> all = new ArrayList<>(registrations.orderedStream().toList());
		Set<DaemonWorker> registered = Collections.newSetFromMap(new IdentityHashMap<>());
		all.forEach((registration) -> registered.add(registration.getWorker()));
		Map<String, DaemonWorker> beans = beanFactory.getBeansOfType(DaemonWorker.class);
		workers.orderedStream().filter((worker) -> !registered.contains(worker)).forEach((worker) -> {
			String name = (worker.getWorkerName() != null) ? worker.getWorkerName()
					: workerName(beanName(beans, worker));
			all.add(WorkerRegistration.of(name, worker));
		});
		return all;
	}

	private static String beanName(Map<String, DaemonWorker> beans, DaemonWorker worker) {
		for (Map.Entry<String, DaemonWorker> entry : beans.entrySet()) {
			if (entry.getValue() == worker) {
				return entry.getKey();
			}
		}
		throw new IllegalStateException("No bean name found for worker " + worker);
	}

	/**
	 * Return the name of a worker bean: its bean name, or for a bean named by its fully
	 * qualified class name (an {@code @Import}ed class, for example) the simple class
	 * name, since worker names are property keys and have no dots.
	 * @param beanName the bean name
	 * @return the worker name
	 */
	static String workerName(String beanName) {
		int lastDot = beanName.lastIndexOf('.');
		return (lastDot >= 0) ? StringUtils.uncapitalize(beanName.substring(lastDot + 1)) : beanName;
	}

	private static ThreadFactory threadFactory(Environment environment) {
		if (Threading.VIRTUAL.isActive(environment)) {
			return new VirtualThreadTaskExecutor().getVirtualThreadFactory();
		}
		return new WorkerThreadFactory();
	}

}
