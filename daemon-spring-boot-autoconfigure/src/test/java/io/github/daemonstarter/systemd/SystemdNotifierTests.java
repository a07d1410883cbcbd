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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SystemdNotifier}.
 *
 * @author Daemon Starter Team
 */
@ExtendWith(OutputCaptureExtension.class)
class SystemdNotifierTests {

	@Test
	void sendSendsMessageText() {
		RecordingDatagramSender sender = new RecordingDatagramSender();
		assertThat(sender.notifier().send(NotifyMessage.of().ready().mainPid(7))).isTrue();
		assertThat(sender.messages()).containsExactly("READY=1\nMAINPID=7");
	}

	@Test
	void sendWhenSendingFailsWarnsOnceAndCarriesOn(CapturedOutput output) {
		RecordingDatagramSender sender = new RecordingDatagramSender();
		sender.fail();
		SystemdNotifier notifier = sender.notifier();
		assertThat(notifier.send(NotifyMessage.of().ready())).isFalse();
		assertThat(notifier.send(NotifyMessage.of().watchdog())).isFalse();
		assertThat(output).containsOnlyOnce("Could not notify systemd over NOTIFY_SOCKET=@test")
			.contains("Connection refused");
	}

	@Test
	void sendWhenAddressIsInvalidWarnsOnceAndSendsNothing(CapturedOutput output) {
		RecordingDatagramSender sender = new RecordingDatagramSender();
		SystemdNotifier notifier = new SystemdNotifier("relative/notify", () -> sender);
		assertThat(notifier.send(NotifyMessage.of().ready())).isFalse();
		assertThat(notifier.send(NotifyMessage.of().stopping())).isFalse();
		assertThat(sender.messages()).isEmpty();
		assertThat(output).containsOnlyOnce("Could not notify systemd over NOTIFY_SOCKET=relative/notify")
			.contains("must be an absolute path or an abstract @name");
	}

	@Test
	void sendWhenNativeLayerCannotLoadWarnsAndCarriesOn(CapturedOutput output) {
		SystemdNotifier notifier = new SystemdNotifier("@test", () -> {
			throw new UnsatisfiedLinkError("no jffi");
		});
		assertThat(notifier.send(NotifyMessage.of().ready())).isFalse();
		assertThat(output).contains("Could not notify systemd").contains("no jffi");
	}

}
