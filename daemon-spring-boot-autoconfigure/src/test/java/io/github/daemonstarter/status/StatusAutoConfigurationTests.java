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

package io.github.daemonstarter.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.daemonstarter.watchdog.Watchdog;
import io.github.daemonstarter.watchdog.WatchdogAutoConfiguration;
import io.github.daemonstarter.watchdog.worker.DaemonWorker;
import io.github.daemonstarter.watchdog.worker.WorkerContext;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link StatusAutoConfiguration} and the status file writers it configures,
 * with real workers.
 *
 * @author Daemon Starter Team
 */
@ExtendWith(OutputCaptureExtension.class)
class StatusAutoConfigurationTests {

	private static final Duration DEADLINE = Duration.ofSeconds(30);

	@TempDir
	Path directory;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WatchdogAutoConfiguration.class, StatusAutoConfiguration.class));

	@Test
	void runInDaemonModeCreatesWritersForTheStatusFileBesideThePidFile() {
		daemonMode().run((context) -> {
			assertThat(context).hasSingleBean(StatusPublisher.class)
				.hasSingleBean(AvailabilityStatusWriter.class)
				.hasSingleBean(WorkerStatusWriter.class);
			assertThat(context.getBean(StatusPublisher.class).getStatusFile().getPath()).isEqualTo(statusFile());
		});
	}

	@Test
	void runInDaemonModeWithoutWatchdogPublishesTheAvailability() {
		daemonMode().withPropertyValues("daemon.watchdog.enabled=false").run((context) -> {
			assertThat(context).hasSingleBean(StatusPublisher.class)
				.hasSingleBean(AvailabilityStatusWriter.class)
				.doesNotHaveBean(WorkerStatusWriter.class);
			AvailabilityChangeEvent.publish(context, LivenessState.CORRECT);
			AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
			AvailabilityChangeEvent.publish(context, LivenessState.BROKEN);
			Map<String, String> entries = new StatusFile(statusFile()).read();
			assertThat(entries).containsEntry("pid", Long.toString(ProcessHandle.current().pid()))
				.containsEntry("liveness", "BROKEN")
				.containsEntry("readiness", "ACCEPTING_TRAFFIC")
				.containsKeys("liveness-since", "readiness-since")
				.doesNotContainKey("workers");
			context.close();
			assertThat(statusFile()).doesNotExist();
		});
	}

	@Test
	void runWithoutDaemonModeCreatesNoStatusPublisher() {
		this.contextRunner.withPropertyValues("spring.pid.file=" + pidFile(), "daemon.watchdog.enabled=false")
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(StatusPublisher.class)
					.doesNotHaveBean(AvailabilityStatusWriter.class);
				AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
				assertThat(statusFile()).doesNotExist();
			});
	}

	@Test
	void runWhenUserDefinesPublisherBacksOff() {
		daemonMode().withBean("myPublisher", StatusPublisher.class, () -> new StatusPublisher(mine()))
			.run((context) -> {
				assertThat(context).hasSingleBean(StatusPublisher.class).hasBean("myPublisher");
				AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
				assertThat(mine().read()).containsEntry("readiness", "ACCEPTING_TRAFFIC");
				assertThat(statusFile()).doesNotExist();
			});
	}

	@Test
	void runWithoutDaemonModeDoesNotCreateWriter() {
		this.contextRunner.withPropertyValues("spring.pid.file=" + pidFile())
			.withBean("orders", DaemonWorker.class, () -> StatusAutoConfigurationTests::awaitStop)
			.run((context) -> {
				assertThat(context).hasSingleBean(Watchdog.class).doesNotHaveBean(WorkerStatusWriter.class);
				awaiting().until(() -> context.getBean(Watchdog.class).getWorker("orders").state().name(),
						"RUNNING"::equals);
				assertThat(statusFile()).doesNotExist();
			});
	}

	@Test
	void runInDaemonModeWhenWatchdogIsDisabledDoesNotCreateWorkerWriter() {
		daemonMode().withPropertyValues("daemon.watchdog.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(Watchdog.class)
				.doesNotHaveBean(WorkerStatusWriter.class));
	}

	@Test
	void runInDaemonModeWithoutPidFileDoesNotCreateWriters() {
		this.contextRunner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("daemon", Map.of("spring.main.keep-alive", "true"))))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(StatusPublisher.class)
				.doesNotHaveBean(WorkerStatusWriter.class));
	}

	@Test
	void runWhenUserDefinesWriterBacksOff() {
		daemonMode().withUserConfiguration(UserWriterConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(WorkerStatusWriter.class).hasBean("myWriter"));
	}

	@Test
	void statusFileShowsWorkersAsTheyChangeAndIsDeletedWhenTheContextCloses() {
		daemonMode().withBean("orders", DaemonWorker.class, () -> StatusAutoConfigurationTests::awaitStop)
			.withBean("billing", DaemonWorker.class, () -> StatusAutoConfigurationTests::awaitStop)
			.run((context) -> {
				awaiting().until(this::workers, (workers) -> workers.size() == 2
						&& workers.stream().allMatch((worker) -> worker.state().equals("RUNNING")));
				Map<String, String> entries = new StatusFile(statusFile()).read();
				assertThat(WorkerStatus.pid(entries)).isEqualTo(ProcessHandle.current().pid());
				assertThat(workers()).extracting(WorkerStatus::name).containsExactly("orders", "billing");
				assertThat(workers()).allSatisfy((worker) -> {
					assertThat(worker.restarts()).isZero();
					assertThat(worker.runningSince()).isNotNull();
					assertThat(worker.lastFailure()).isNull();
				});
				assertThat(context.getBean(Watchdog.class).stopWorker("billing")).isTrue();
				awaiting().until(() -> workers().get(1).state(), "STOPPED"::equals);
				assertThat(workers().get(0).state()).isEqualTo("RUNNING");
				assertThat(workers().get(1).runningSince()).isNull();
				context.close();
				assertThat(statusFile()).doesNotExist();
			});
	}

	@Test
	void statusFileHoldsTheWorkersAndTheAvailabilityTogether() {
		daemonMode().withBean("orders", DaemonWorker.class, () -> StatusAutoConfigurationTests::awaitStop)
			.run((context) -> {
				awaiting().until(this::workers,
						(workers) -> workers.size() == 1 && workers.get(0).state().equals("RUNNING"));
				AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
				assertThat(workers()).extracting(WorkerStatus::name).containsExactly("orders");
				assertThat(AvailabilityStatus.fromEntries(new StatusFile(statusFile()).read()).readiness())
					.isEqualTo("REFUSING_TRAFFIC");
				assertThat(context.getBean(Watchdog.class).stopWorker("orders")).isTrue();
				awaiting().until(() -> workers().get(0).state(), "STOPPED"::equals);
				assertThat(AvailabilityStatus.fromEntries(new StatusFile(statusFile()).read()).readiness())
					.isEqualTo("REFUSING_TRAFFIC");
			});
	}

	@Test
	void statusFileShowsTheRestartAndLastFailureOfAWorkerThatFailedOnce() {
		AtomicInteger runs = new AtomicInteger();
		DaemonWorker flaky = (context) -> {
			if (runs.incrementAndGet() == 1) {
				throw new IllegalStateException("boom ✓ 日本");
			}
			awaitStop(context);
		};
		daemonMode()
			.withPropertyValues("daemon.watchdog.restart.initial-delay=10ms", "daemon.watchdog.restart.jitter=0")
			.withBean("flaky", DaemonWorker.class, () -> flaky)
			.run((context) -> {
				awaiting().until(this::workers, (workers) -> workers.size() == 1
						&& workers.get(0).state().equals("RUNNING") && workers.get(0).restarts() == 1);
				WorkerStatus worker = workers().get(0);
				assertThat(worker.name()).isEqualTo("flaky");
				assertThat(worker.lastFailure()).isEqualTo("java.lang.IllegalStateException: boom ✓ 日本");
				assertThat(worker.lastFailureAt()).isNotNull();
				assertThat(worker.nextRestartAt()).isNull();
				assertThat(worker.runningSince()).isAfterOrEqualTo(worker.lastFailureAt());
			});
		assertThat(statusFile()).doesNotExist();
	}

	@Test
	void writerThatCannotWriteTheStatusFileWarnsOnceAndDoesNotBreakTheWorkers(CapturedOutput output) throws Exception {
		Files.createDirectory(statusFile());
		daemonMode().withBean("orders", DaemonWorker.class, () -> StatusAutoConfigurationTests::awaitStop)
			.run((context) -> {
				Watchdog watchdog = context.getBean(Watchdog.class);
				awaiting().until(() -> watchdog.getWorker("orders").state().name(), "RUNNING"::equals);
				assertThat(watchdog.stopWorker("orders")).isTrue();
				awaiting().until(() -> watchdog.getWorker("orders").state().name(), "STOPPED"::equals);
				assertThat(statusFile()).isDirectory();
				assertThat(output).containsOnlyOnce("Cannot write the status file for --daemon=status");
			});
	}

	private ApplicationContextRunner daemonMode() {
		return this.contextRunner.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("daemon", Map.of("spring.pid.file", pidFile().toString()))));
	}

	private Path pidFile() {
		return this.directory.resolve("app.pid");
	}

	private StatusFile mine() {
		return new StatusFile(this.directory.resolve("app.mine"));
	}

	private Path statusFile() {
		return this.directory.resolve("app.status");
	}

	private List<WorkerStatus> workers() {
		return WorkerStatus.fromEntries(new StatusFile(statusFile()).read());
	}

	private static void awaitStop(WorkerContext context) throws InterruptedException {
		context.awaitStop(DEADLINE);
	}

	private static ConditionFactory awaiting() {
		return await().atMost(DEADLINE).pollInterval(Duration.ofMillis(10));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserWriterConfiguration {

		@Bean
		WorkerStatusWriter myWriter(Watchdog watchdog, Environment environment) {
			return new WorkerStatusWriter(watchdog, new StatusPublisher(
					new StatusFile(Path.of(environment.getRequiredProperty("spring.pid.file") + ".mine"))));
		}

	}

}
