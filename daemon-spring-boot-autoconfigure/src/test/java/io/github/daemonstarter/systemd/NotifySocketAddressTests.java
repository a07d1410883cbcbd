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

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link NotifySocketAddress}.
 *
 * @author Daemon Starter Team
 */
class NotifySocketAddressTests {

	@Test
	void pathIsFamilyThenPathThenNul() {
		NotifySocketAddress address = NotifySocketAddress.of("/run/systemd/notify");
		byte[] sockaddr = address.sockaddr();
		assertThat(address.length()).isEqualTo(2 + "/run/systemd/notify".length() + 1);
		assertThat(sockaddr).hasSize(address.length());
		assertThat(family(sockaddr)).isEqualTo((short) 1);
		assertThat(new String(sockaddr, 2, sockaddr.length - 3)).isEqualTo("/run/systemd/notify");
		assertThat(sockaddr[sockaddr.length - 1]).isZero();
	}

	@Test
	void abstractNameStartsWithNulAndHasNoTrailingNul() {
		NotifySocketAddress address = NotifySocketAddress.of("@systemd-notify");
		byte[] sockaddr = address.sockaddr();
		assertThat(address.length()).isEqualTo(2 + 1 + "systemd-notify".length());
		assertThat(family(sockaddr)).isEqualTo((short) 1);
		assertThat(sockaddr[2]).isZero();
		assertThat(new String(Arrays.copyOfRange(sockaddr, 3, sockaddr.length))).isEqualTo("systemd-notify");
	}

	@Test
	void longestPathFitsSunPath() {
		String path = "/" + "a".repeat(106);
		assertThat(NotifySocketAddress.of(path).length()).isEqualTo(2 + 108);
		assertThat(NotifySocketAddress.of("@" + "a".repeat(107)).length()).isEqualTo(2 + 108);
	}

	@Test
	void tooLongPathIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> NotifySocketAddress.of("/" + "a".repeat(107)))
			.withMessageContaining("longer than the 107 bytes");
		assertThatIllegalArgumentException().isThrownBy(() -> NotifySocketAddress.of("@" + "a".repeat(108)));
	}

	@Test
	void relativePathIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> NotifySocketAddress.of("run/notify"))
			.withMessage("NOTIFY_SOCKET must be an absolute path or an abstract @name, was 'run/notify'");
	}

	@Test
	void emptyAbstractNameIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> NotifySocketAddress.of("@"))
			.withMessageContaining("names no socket");
	}

	private static short family(byte[] sockaddr) {
		return ByteBuffer.wrap(sockaddr, 0, 2).order(ByteOrder.nativeOrder()).getShort();
	}

}
