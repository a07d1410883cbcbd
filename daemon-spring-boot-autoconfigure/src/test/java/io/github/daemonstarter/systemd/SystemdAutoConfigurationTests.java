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

package io.github.daemonstarter.systemd;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.daemonstarter.reload.DaemonReloadEvent;
import io.github.daemonstarter.reload.DaemonReloadedEvent;
import io.github.daemonstarter.watchdog.Watchdog;
import io.github.daemonstarter.watchdog.WatchdogAutoConfiguration;
import io.github.daemonstarter.watchdog.worker.DaemonWorker;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.context.support.StaticApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SystemdAutoConfiguration} and the messages it sends.
 *
 * @author Daemon Starter Team
 */
@ExtendWith(OutputCaptureExtension.class)
class SystemdAutoConfigurationTests {

	private final RecordingDatagramSender sender = new RecordingDatagramSender();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WatchdogAutoConfiguration.class, SystemdAutoConfiguration.class));

	@Test
	void runWithoutNotifySocketCreatesNothing() {
		// Also when the tests themselves run under systemd
		this.contextRunner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME))
			.withPropertyValues("WATCHDOG_USEC=1000000")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(SystemdNotifier.class)
				.doesNotHaveBean(SystemdNotifyListener.class));
	}

	@Test
	void runWithEmptyNotifySocketCreatesNothing() {
		this.contextRunner.withPropertyValues("NOTIFY_SOCKET=")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(SystemdNotifier.class)
				.doesNotHaveBean(SystemdNotifyListener.class));
	}

	@Test
	void runWhenDisabledCreatesNothing() {
		this.contextRunner.withPropertyValues("NOTIFY_SOCKET=/run/notify", "daemon.systemd.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(SystemdNotifier.class)
				.doesNotHaveBean(SystemdNotifyListener.class)
				.doesNotHaveBean(SystemdReloadListener.class));
	}

	@Test
	void runWithoutJffiCreatesNothing() {
		this.contextRunner.withPropertyValues("NOTIFY_SOCKET=/run/notify")
			.withClassLoader(new FilteredClassLoader("com.kenai.jffi"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(SystemdNotifier.class)
				.doesNotHaveBean(SystemdNotifyListener.class));
	}

	@Test
	void runWithUnreachableNotifySocketWarnsOnceAndStarts(CapturedOutput output) {
		this.contextRunner.withPropertyValues("NOTIFY_SOCKET=@daemon-starter-tests-nobody-listens").run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(SystemdNotifier.class);
			ready(context);
			context.close();
			assertThat(output)
				.containsOnlyOnce("Could not notify systemd over NOTIFY_SOCKET=@daemon-starter-tests-nobody-listens")
				.contains("Connection refused");
		});
	}

	@Test
	void runSendsStartingThenReadyThenStopping() {
		notifying().run((context) -> {
			assertThat(this.sender.messages()).containsExactly("STATUS=Starting");
			ready(context);
			assertThat(this.sender.messages()).containsExactly("STATUS=Starting",
					"READY=1\nSTATUS=Ready, started in 3.5s\nMAINPID=" + ProcessHandle.current().pid());
			context.close();
			assertThat(this.sender.messages()).last().isEqualTo("STOPPING=1\nSTATUS=Stopping");
		});
	}

	@Test
	void readyStatusNamesThePort() {
		notifying().withPropertyValues("local.server.port=8123").run((context) -> {
			ready(context);
			assertThat(this.sender.messages()).last().asString().contains("STATUS=Ready, started in 3.5s, port 8123");
		});
	}

	@Test
	void runWithoutWatchdogUsecSendsNoPings() {
		notifying().withPropertyValues("WATCHDOG_USEC=").run((context) -> {
			ready(context);
			assertThat(context.getBean(SystemdNotifyListener.class)).hasFieldOrPropertyWithValue("pinger", null);
		});
	}

	@Test
	void runWithWatchdogUsecPingsAfterReadyUntilClosed() {
		notifying().withPropertyValues("WATCHDOG_USEC=40000").run((context) -> {
			assertThat(this.sender.messages()).doesNotContain("WATCHDOG=1");
			ready(context);
			awaiting().until(() -> pings() >= 3);
			assertThat(this.sender.messages().indexOf("WATCHDOG=1")).isGreaterThan(1);
			context.close();
			awaiting().until(() -> Thread.getAllStackTraces()
				.keySet()
				.stream()
				.noneMatch((thread) -> thread.getName().equals(WatchdogPinger.THREAD_NAME)));
			assertThat(this.sender.messages()).last().isEqualTo("STOPPING=1\nSTATUS=Stopping");
		});
	}

	@Test
	void runWithWatchdogPidOfAnotherProcessSendsNoPings() {
		notifying().withPropertyValues("WATCHDOG_USEC=40000", "WATCHDOG_PID=1").run((context) -> {
			ready(context);
			assertThat(context.getBean(SystemdNotifyListener.class)).hasFieldOrPropertyWithValue("pinger", null);
		});
	}

	@Test
	void criticalWorkerThatGivesUpIsReportedAndStopsPings(CapturedOutput output) {
		notifying()
			.withPropertyValues("WATCHDOG_USEC=40000", "daemon.watchdog.workers.flaky.critical=true",
					"daemon.watchdog.workers.flaky.restart.max-restarts=0")
			.withBean("flaky", DaemonWorker.class, () -> (worker) -> {
				throw new IllegalStateException("boom");
			})
			.run((context) -> {
				awaiting().until(() -> this.sender.messages()
					.contains("STATUS=Worker 'flaky' gave up: critical, the application is broken"));
				ready(context);
				awaiting().until(() -> output.toString().contains("Not sending watchdog pings to systemd while"));
				await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(30)).until(() -> pings() == 0);
			});
	}

	@Test
	void workerThatFailsIsReportedWithItsRestartDelayThenRestarted() {
		notifying()
			.withPropertyValues("daemon.watchdog.workers.orders.restart.initial-delay=200ms",
					"daemon.watchdog.workers.orders.restart.jitter=0")
			.withBean("orders", DaemonWorker.class, () -> (worker) -> {
				if (worker.getRestartCount() == 0) {
					throw new IllegalStateException("boom");
				}
				worker.awaitStop(Duration.ofMinutes(5));
			})
			.run((context) -> {
				awaiting().until(() -> this.sender.messages().contains("STATUS=Worker 'orders' restarted (restart 1)"));
				assertThat(this.sender.messages()).anySatisfy((message) -> assertThat(message)
					.matches("STATUS=Worker 'orders' failed, restarting in \\d{1,3}ms"));
			});
	}

	@Test
	void workerStoppedIsReportedButNotWhileStopping() {
		notifying().withBean("orders", DaemonWorker.class, () -> (worker) -> worker.awaitStop(Duration.ofMinutes(5)))
			.run((context) -> {
				Watchdog watchdog = context.getBean(Watchdog.class);
				awaiting().until(() -> watchdog.getWorker("orders").state().name().equals("RUNNING"));
				watchdog.stopWorker("orders");
				awaiting().until(() -> this.sender.messages().contains("STATUS=Worker 'orders' stopped"));
				watchdog.startWorker("orders");
				awaiting().until(() -> watchdog.getWorker("orders").state().name().equals("RUNNING"));
				context.close();
				List<String> messages = this.sender.messages();
				assertThat(messages.subList(messages.indexOf("STOPPING=1\nSTATUS=Stopping"), messages.size()))
					.containsExactly("STOPPING=1\nSTATUS=Stopping");
			});
	}

	@Test
	void reloadSendsReloadingBeforeTheApplicationsListenersAndReadyAfterThem() {
		PlainReloadListener plain = new PlainReloadListener(this.sender);
		AnnotatedReloadListener annotated = new AnnotatedReloadListener(this.sender);
		notifying().withPropertyValues("local.server.port=8123")
			.withBean(PlainReloadListener.class, () -> plain)
			.withBean(AnnotatedReloadListener.class, () -> annotated)
			.run((context) -> {
				long before = SystemdReloadListener.monotonicMicros();
				context.publishEvent(new DaemonReloadEvent(context.getSourceApplicationContext(), 2, null));
				long after = SystemdReloadListener.monotonicMicros();
				context.publishEvent(new DaemonReloadedEvent(context.getSourceApplicationContext(), 2, null));
				String reloading = "RELOADING=1\nMONOTONIC_USEC=(\\d+)\nSTATUS=Reloading \\(reload 2\\)";
				assertThat(plain.seen).singleElement(InstanceOfAssertFactories.STRING).matches(reloading);
				assertThat(annotated.seen).hasSize(2).allSatisfy((seen) -> assertThat(seen).matches(reloading));
				List<String> messages = this.sender.messages();
				assertThat(messages).last().isEqualTo("READY=1\nSTATUS=Ready, reloaded (reload 2), port 8123");
				Matcher matcher = Pattern.compile(reloading).matcher(messages.get(messages.size() - 2));
				assertThat(matcher.matches()).isTrue();
				assertThat(Long.parseLong(matcher.group(1))).isBetween(before, after);
			});
	}

	@Test
	void failedReloadSendsReadyWithTheReason() {
		notifying().run((context) -> {
			context.publishEvent(new DaemonReloadedEvent(context.getSourceApplicationContext(), 3, "it broke"));
			assertThat(this.sender.messages()).last().isEqualTo("READY=1\nSTATUS=Ready, reload 3 failed: it broke");
		});
	}

	@Test
	void reloadOfAnotherContextSendsNothing() {
		notifying().run((context) -> {
			List<String> before = List.copyOf(this.sender.messages());
			context.publishEvent(new DaemonReloadEvent(new StaticApplicationContext(), 1, null));
			context.publishEvent(new DaemonReloadedEvent(new StaticApplicationContext(), 1, null));
			assertThat(this.sender.messages()).isEqualTo(before);
		});
	}

	private ApplicationContextRunner notifying() {
		return this.contextRunner.withPropertyValues("NOTIFY_SOCKET=@test")
			.withBean(SystemdNotifier.class, this.sender::notifier);
	}

	private long pings() {
		return this.sender.messages().stream().filter("WATCHDOG=1"::equals).count();
	}

	private static void ready(AssertableApplicationContext context) {
		ConfigurableApplicationContext source = context.getSourceApplicationContext();
		source.publishEvent(
				new ApplicationReadyEvent(new SpringApplication(), new String[0], source, Duration.ofMillis(3456)));
	}

	private static ConditionFactory awaiting() {
		return await().atMost(Duration.ofSeconds(30));
	}

	static class PlainReloadListener implements ApplicationListener<DaemonReloadEvent> {

		final List<String> seen = new CopyOnWriteArrayList<>();

		private final RecordingDatagramSender sender;

		PlainReloadListener(RecordingDatagramSender sender) {
			this.sender = sender;
		}

		@Override
		public void onApplicationEvent(DaemonReloadEvent event) {
			this.seen.add(this.sender.messages().get(this.sender.messages().size() - 1));
		}

	}

	static class AnnotatedReloadListener {

		final List<String> seen = new CopyOnWriteArrayList<>();

		private final RecordingDatagramSender sender;

		AnnotatedReloadListener(RecordingDatagramSender sender) {
			this.sender = sender;
		}

		@EventListener
		void reloaded(DaemonReloadEvent event) {
			this.seen.add(this.sender.messages().get(this.sender.messages().size() - 1));
		}

		@EventListener
		@Order(0)
		void reloadedInOrder(DaemonReloadEvent event) {
			this.seen.add(this.sender.messages().get(this.sender.messages().size() - 1));
		}

	}

}
