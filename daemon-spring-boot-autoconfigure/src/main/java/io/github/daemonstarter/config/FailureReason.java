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

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import io.github.daemonstarter.DaemonException;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Turns a failure into the one line that the launcher prints: an invalid setting names
 * the property, its value, where it came from and the fix; a failure while creating a
 * bean gives its root cause and the bean; anything else its exception and root cause.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class FailureReason {

	private FailureReason() {
	}

	public static String of(Throwable failure) {
		BindException bindException = find(failure, BindException.class);
		if (bindException != null) {
			return describe(bindException);
		}
		InvalidConfigurationPropertyValueException invalidValue = find(failure,
				InvalidConfigurationPropertyValueException.class);
		if (invalidValue != null) {
			return "Invalid value '" + invalidValue.getValue() + "' for " + invalidValue.getName() + ": "
					+ invalidValue.getReason() + "; fix " + invalidValue.getName();
		}
		Throwable root = root(failure);
		BeanCreationException beanCreation = find(failure, BeanCreationException.class);
		if (beanCreation != null && beanCreation.getBeanName() != null && root != beanCreation) {
			return describe(root) + " (creating bean '" + beanCreation.getBeanName() + "')";
		}
		return (root != failure) ? describe(failure) + "; caused by " + describe(root) : describe(failure);
	}

	/**
	 * Describe a failure to bind a setting.
	 * @param ex the bind failure
	 * @return a line that names the setting, its value and origin, the reason and the fix
	 */
	static String describe(BindException ex) {
		ConfigurationProperty property = ex.getProperty();
		String reason = enumReason(ex);
		if (reason == null) {
			reason = DaemonException.rootCauseMessage(ex);
		}
		if (property == null) {
			return "Invalid settings under " + ex.getName() + ": " + reason;
		}
		String origin = (property.getOrigin() != null) ? " (from " + property.getOrigin() + ")" : "";
		return "Invalid value '" + property.getValue() + "' for " + property.getName() + origin + ": " + reason
				+ "; fix " + property.getName();
	}

	private static @Nullable String enumReason(BindException ex) {
		Class<?> type = ex.getTarget().getType().resolve();
		if (type == null || !type.isEnum()) {
			return null;
		}
		return "must be one of " + Arrays.stream(type.getEnumConstants())
			.map((constant) -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT))
			.collect(Collectors.joining(", "));
	}

	private static String describe(Throwable exception) {
		String message = exception.getMessage();
		return exception.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

	private static Throwable root(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root;
	}

	private static <T extends Throwable> @Nullable T find(Throwable failure, Class<T> type) {
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (type.isInstance(candidate)) {
				return type.cast(candidate);
			}
			if (candidate.getCause() == candidate) {
				break;
			}
		}
		return null;
	}

}
