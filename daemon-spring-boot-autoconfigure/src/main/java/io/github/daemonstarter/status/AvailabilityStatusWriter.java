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

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.AvailabilityState;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationListener;

/**
 * Publishes the application's liveness and readiness as the {@value #SECTION} section of
 * the daemon's status file on every {@link AvailabilityChangeEvent}, including the
 * initial ones that Spring Boot publishes when the application has started and when it is
 * ready, so that {@code --daemon=status} can tell a broken application from a healthy one
 * without the actuator web port, and a supervisor can tell when a new JVM is ready.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 * @see AvailabilityStatus
 */
public class AvailabilityStatusWriter implements ApplicationListener<AvailabilityChangeEvent<?>> {

	/**
	 * The name of the section of the status file that holds the availability.
	 */
	public static final String SECTION = "availability";

	private final StatusPublisher publisher;

	private final Clock clock;

	private AvailabilityStatus status = AvailabilityStatus.UNKNOWN;

	/**
	 * Create a new instance.
	 * @param publisher the publisher of the status file
	 */
	public AvailabilityStatusWriter(StatusPublisher publisher) {
		this(publisher, Clock.systemUTC());
	}

	/**
	 * Create a new instance that tells the time with the given clock.
	 * @param publisher the publisher of the status file
	 * @param clock the clock that tells since when a state holds
	 */
	public AvailabilityStatusWriter(StatusPublisher publisher, Clock clock) {
		this.publisher = publisher;
		this.clock = clock;
	}

	@Override
	public synchronized void onApplicationEvent(AvailabilityChangeEvent<?> event) {
		AvailabilityState state = event.getState();
		AvailabilityStatus current = this.status;
		Instant now = this.clock.instant();
		if (state instanceof LivenessState liveness) {
			String name = liveness.name();
			this.status = new AvailabilityStatus(name, since(current.liveness(), current.livenessSince(), name, now),
					current.readiness(), current.readinessSince());
		}
		else if (state instanceof ReadinessState readiness) {
			String name = readiness.name();
			this.status = new AvailabilityStatus(current.liveness(), current.livenessSince(), name,
					since(current.readiness(), current.readinessSince(), name, now));
		}
		else {
			return;
		}
		// Under this object's lock, so that an older state never replaces a newer one
		this.publisher.publish(SECTION, this.status.toEntries());
	}

	/**
	 * Return since when a state holds: a state published again without a change keeps the
	 * time it first took hold.
	 * @param previous the state that held before
	 * @param previousSince since when it held
	 * @param state the state published now
	 * @param now the current time
	 * @return since when the state holds
	 */
	private static Instant since(@Nullable String previous, @Nullable Instant previousSince, String state,
			Instant now) {
		return (previousSince != null && Objects.equals(previous, state)) ? previousSince : now;
	}

}
