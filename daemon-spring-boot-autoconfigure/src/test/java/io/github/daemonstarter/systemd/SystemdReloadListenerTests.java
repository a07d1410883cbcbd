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
import java.util.concurrent.TimeUnit;

import com.kenai.jffi.ArrayFlags;
import com.kenai.jffi.CallContext;
import com.kenai.jffi.CallingConvention;
import com.kenai.jffi.HeapInvocationBuffer;
import com.kenai.jffi.Invoker;
import com.kenai.jffi.Library;
import com.kenai.jffi.Type;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SystemdReloadListener}'s clock: {@code MONOTONIC_USEC=} must be
 * {@code CLOCK_MONOTONIC}, which the test reads with {@code clock_gettime} from the C
 * library between two readings of the clock under test.
 *
 * @author Daemon Starter Team
 */
@EnabledOnOs(OS.LINUX)
class SystemdReloadListenerTests {

	private static final int CLOCK_MONOTONIC = 1;

	private static final int TIMESPEC_SIZE = 16;

	@RepeatedTest(3)
	void monotonicMicrosIsClockMonotonic() {
		long before = SystemdReloadListener.monotonicMicros();
		long clock = clockMonotonicMicros();
		long after = SystemdReloadListener.monotonicMicros();
		assertThat(clock).isBetween(before, after);
	}

	private static long clockMonotonicMicros() {
		Library library = Library.getDefault();
		CallContext context = CallContext.getCallContext(Type.SINT, new Type[] { Type.SINT, Type.POINTER },
				CallingConvention.DEFAULT, false);
		byte[] timespec = new byte[TIMESPEC_SIZE];
		HeapInvocationBuffer buffer = new HeapInvocationBuffer(context);
		buffer.putInt(CLOCK_MONOTONIC);
		buffer.putArray(timespec, 0, timespec.length, ArrayFlags.OUT);
		int result = Invoker.getInstance().invokeInt(context, library.getSymbolAddress("clock_gettime"), buffer);
		assertThat(result).isZero();
		ByteBuffer time = ByteBuffer.wrap(timespec).order(ByteOrder.nativeOrder());
		return TimeUnit.SECONDS.toMicros(time.getLong()) + TimeUnit.NANOSECONDS.toMicros(time.getLong());
	}

}
