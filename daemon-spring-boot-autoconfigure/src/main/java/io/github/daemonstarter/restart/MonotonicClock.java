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

package io.github.daemonstarter.restart;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that never jumps: it reads {@link System#nanoTime()} from a wall clock instant
 * taken once. Heartbeat deadlines and restart windows measured with it are immune to NTP
 * steps and manual clock changes.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class MonotonicClock extends Clock {

	private final Instant origin = Instant.now();

	private final long originNanos = System.nanoTime();

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("MonotonicClock is always UTC");
	}

	@Override
	public long millis() {
		return this.origin.toEpochMilli() + (System.nanoTime() - this.originNanos) / 1_000_000;
	}

	@Override
	public Instant instant() {
		return this.origin.plusNanos(System.nanoTime() - this.originNanos);
	}

}
