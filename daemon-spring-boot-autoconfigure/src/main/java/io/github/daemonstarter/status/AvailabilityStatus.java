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

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The availability of an application, as a daemon publishes it in its {@link StatusFile}:
 * the names of its {@link org.springframework.boot.availability.LivenessState
 * LivenessState} and {@link org.springframework.boot.availability.ReadinessState
 * ReadinessState}, and since when each has held. Before Spring Boot publishes the first
 * state of one, at started for liveness and at ready for readiness, it is absent.
 *
 * @param liveness the liveness state, {@code CORRECT} or {@code BROKEN}, if published
 * @param livenessSince since when the liveness state has held, if published
 * @param readiness the readiness state, {@code ACCEPTING_TRAFFIC} or
 * {@code REFUSING_TRAFFIC}, if published
 * @param readinessSince since when the readiness state has held, if published
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public record AvailabilityStatus(@Nullable String liveness, @Nullable Instant livenessSince, @Nullable String readiness,
		@Nullable Instant readinessSince) {

	/**
	 * The key of the liveness state.
	 */
	public static final String LIVENESS = "liveness";

	/**
	 * The key of the readiness state.
	 */
	public static final String READINESS = "readiness";

	private static final String SINCE = "-since";

	/**
	 * Availability of which no state has been published yet.
	 */
	public static final AvailabilityStatus UNKNOWN = new AvailabilityStatus(null, null, null, null);

	/**
	 * Return whether the liveness state is {@code BROKEN}.
	 * @return whether the application is broken
	 */
	public boolean isBroken() {
		return "BROKEN".equals(this.liveness);
	}

	/**
	 * Return whether the readiness state is {@code REFUSING_TRAFFIC}. An application
	 * whose readiness is not published yet, as during its startup, does not count as
	 * refusing.
	 * @return whether the application refuses traffic
	 */
	public boolean isRefusingTraffic() {
		return "REFUSING_TRAFFIC".equals(this.readiness);
	}

	/**
	 * Return whether the readiness state is {@code ACCEPTING_TRAFFIC}.
	 * @return whether the application accepts traffic
	 */
	public boolean isAcceptingTraffic() {
		return "ACCEPTING_TRAFFIC".equals(this.readiness);
	}

	/**
	 * Return the entries that describe this availability in a status file.
	 * @return the entries, without the states that are not published
	 */
	public Map<String, String> toEntries() {
		Map<String, String> entries = new LinkedHashMap<>();
		StatusEntries.putIfNotNull(entries, LIVENESS, this.liveness);
		StatusEntries.putIfNotNull(entries, LIVENESS + SINCE, this.livenessSince);
		StatusEntries.putIfNotNull(entries, READINESS, this.readiness);
		StatusEntries.putIfNotNull(entries, READINESS + SINCE, this.readinessSince);
		return entries;
	}

	/**
	 * Return the availability described by the entries of a status file.
	 * @param entries the entries of a status file
	 * @return the availability, with {@code null} for what the entries do not hold
	 */
	public static AvailabilityStatus fromEntries(Map<String, String> entries) {
		return new AvailabilityStatus(entries.get(LIVENESS), StatusEntries.getInstant(entries, LIVENESS + SINCE),
				entries.get(READINESS), StatusEntries.getInstant(entries, READINESS + SINCE));
	}

}
