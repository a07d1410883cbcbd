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
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link WatchdogPinger}.
 *
 * @author Daemon Starter Team
 */
@ExtendWith(OutputCaptureExtension.class)
class WatchdogPingerTests {

	private final RecordingDatagramSender sender = new RecordingDatagramSender();

	private final AtomicReference<@Nullable String> unhealthy = new AtomicReference<>();

	private final WatchdogPinger pinger = new WatchdogPinger(this.sender.notifier(), Duration.ofMillis(20),
			this.unhealthy::get);

	@Test
	void intervalIsHalfOfWatchdogUsec() {
		assertThat(WatchdogPinger.interval("1000000", null, 42)).isEqualTo(Duration.ofMillis(500));
		assertThat(WatchdogPinger.interval("30000000", "", 42)).isEqualTo(Duration.ofSeconds(15));
		assertThat(WatchdogPinger.interval("3", null, 42)).isEqualTo(Duration.ofNanos(1500));
	}

	@Test
	void intervalWhenWatchdogPidIsThisProcess() {
		assertThat(WatchdogPinger.interval("1000000", "42", 42)).isEqualTo(Duration.ofMillis(500));
	}

	@Test
	void intervalWhenWatchdogPidIsAnotherProcessIsNull() {
		assertThat(WatchdogPinger.interval("1000000", "43", 42)).isNull();
	}

	@Test
	void intervalWithoutUsableWatchdogUsecIsNull() {
		assertThat(WatchdogPinger.interval(null, null, 42)).isNull();
		assertThat(WatchdogPinger.interval("", null, 42)).isNull();
		assertThat(WatchdogPinger.interval("0", null, 42)).isNull();
		assertThat(WatchdogPinger.interval("-5", null, 42)).isNull();
		assertThat(WatchdogPinger.interval("soon", null, 42)).isNull();
	}

	@Test
	void pingWhenHealthySendsWatchdog() {
		assertThat(this.pinger.ping()).isTrue();
		assertThat(this.sender.messages()).containsExactly("WATCHDOG=1");
	}

	@Test
	void pingWhenUnhealthySkipsAndResumesWhenHealthyAgain(CapturedOutput output) {
		this.unhealthy.set("critical worker 'flaky' has given up");
		assertThat(this.pinger.ping()).isFalse();
		assertThat(this.pinger.ping()).isFalse();
		assertThat(this.sender.messages()).isEmpty();
		assertThat(output)
			.containsOnlyOnce("Not sending watchdog pings to systemd while critical worker 'flaky' has given up");
		this.unhealthy.set(null);
		assertThat(this.pinger.ping()).isTrue();
		assertThat(this.sender.messages()).containsExactly("WATCHDOG=1");
		assertThat(output).contains("Sending watchdog pings to systemd again");
	}

	@Test
	void pingWhenHealthCheckFailsSkipsWithoutThrowing() {
		WatchdogPinger pinger = new WatchdogPinger(this.sender.notifier(), Duration.ofSeconds(1), () -> {
			throw new IllegalStateException("boom");
		});
		assertThat(pinger.ping()).isFalse();
	}

	@Test
	void startPingsRepeatedlyOnOneDaemonThreadUntilStopped() {
		this.pinger.start();
		try {
			await().atMost(Duration.ofSeconds(30)).until(() -> this.sender.messages().size() >= 3);
			assertThat(pingerThreads()).containsExactly(true);
		}
		finally {
			this.pinger.stop();
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> pingerThreads().isEmpty());
		assertThat(this.sender.messages()).containsOnly("WATCHDOG=1");
	}

	@Test
	void startTwiceStartsOneThread() {
		this.pinger.start();
		try {
			this.pinger.start();
			await().atMost(Duration.ofSeconds(30)).until(() -> !this.sender.messages().isEmpty());
			assertThat(pingerThreads()).hasSize(1);
		}
		finally {
			this.pinger.stop();
		}
	}

	private static java.util.List<Boolean> pingerThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().equals(WatchdogPinger.THREAD_NAME) && thread.isAlive())
			.map(Thread::isDaemon)
			.toList();
	}

}
