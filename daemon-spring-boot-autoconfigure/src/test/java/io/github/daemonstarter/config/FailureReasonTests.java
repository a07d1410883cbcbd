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

package io.github.daemonstarter.config;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.context.ApplicationContextException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for {@link FailureReason}.
 *
 * @author Daemon Starter Team
 */
class FailureReasonTests {

	@Test
	void ofBindFailureNamesPropertyValueAndFix() {
		Binder binder = new Binder(new MapConfigurationPropertySource(Map.of("sample.delay", "soon")));
		BindException bindException = catchThrowableOfType(BindException.class,
				() -> binder.bind("sample.delay", Bindable.of(java.time.Duration.class)));
		String reason = FailureReason.of(new BeanCreationException("sampleBean", "Could not bind", bindException));
		assertThat(reason).startsWith("Invalid value 'soon' for sample.delay")
			.contains("'soon' is not a valid duration")
			.endsWith("; fix sample.delay");
	}

	@Test
	void ofInvalidPropertyValueNamesPropertyAndFix() {
		String reason = FailureReason.of(new ApplicationContextException("Failed",
				new InvalidConfigurationPropertyValueException("sample.mode", "loud", "must be quiet or calm")));
		assertThat(reason).isEqualTo("Invalid value 'loud' for sample.mode: must be quiet or calm; fix sample.mode");
	}

	@Test
	void ofBeanCreationFailureGivesRootCauseAndBean() {
		String reason = FailureReason.of(new BeanCreationException("watchdog", "Error creating bean",
				new IllegalStateException("daemon.watchdog.workers.nosuch names no worker")));
		assertThat(reason).isEqualTo(
				"IllegalStateException: daemon.watchdog.workers.nosuch names no worker (creating bean 'watchdog')");
	}

	@Test
	void ofOtherFailureGivesExceptionAndRootCause() {
		String reason = FailureReason.of(new IllegalStateException("Runner failed", new RuntimeException("boom")));
		assertThat(reason).isEqualTo("IllegalStateException: Runner failed; caused by RuntimeException: boom");
	}

	@Test
	void ofFailureWithoutCauseGivesException() {
		assertThat(FailureReason.of(new IllegalStateException("Runner failed")))
			.isEqualTo("IllegalStateException: Runner failed");
	}

}
