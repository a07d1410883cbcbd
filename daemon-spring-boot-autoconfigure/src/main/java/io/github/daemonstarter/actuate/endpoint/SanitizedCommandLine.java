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

package io.github.daemonstarter.actuate.endpoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.daemonstarter.launch.jvm.JvmCommandLine;
import io.github.daemonstarter.posix.ProcessState;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.Sanitizer;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The command line of this JVM and its {@code daemon.jvm-options}, as the
 * {@link DaemonEndpoint} shows them: with the values of options sanitized.
 *
 * @author Daemon Starter Team
 */
final class SanitizedCommandLine {

	private static final Pattern OPTION = Pattern.compile("^(--|-D)([^=]+)=(.*)$", Pattern.DOTALL);

	private static final Pattern OPTION_NAME = Pattern.compile("^--?([^-=][^=]*)$", Pattern.DOTALL);

	private final Environment environment;

	private final Sanitizer sanitizer;

	private final Supplier<List<String>> commandLine;

	SanitizedCommandLine(Environment environment, Sanitizer sanitizer, Supplier<List<String>> commandLine) {
		this.environment = environment;
		this.sanitizer = sanitizer;
		this.commandLine = commandLine;
	}

	/**
	 * Return the command line with the values of options sanitized: {@code --key=value}
	 * and {@code -Dkey=value} anywhere, and in the application arguments, after the main
	 * class, jar or module, also {@code --key value} and {@code -key value} pairs, the
	 * value being the next argument that does not start with {@code -}. The values of the
	 * JVM's own options before the main class ({@code -cp}, {@code -jar} and so on) stay
	 * visible. After an {@code @argfile}, which may hold the main class, every argument
	 * counts as an application argument, so that a value is rather masked than shown.
	 * @param showUnsanitized whether values that are not likely sensitive may be shown
	 * @return the sanitized command line
	 */
	List<String> commandLine(boolean showUnsanitized) {
		List<String> commandLine = this.commandLine.get();
		int applicationArguments = applicationArgumentsStart(commandLine);
		List<String> masked = new ArrayList<>();
		String option = null;
		for (int i = 0; i < commandLine.size(); i++) {
			String argument = commandLine.get(i);
			if (option != null && !argument.startsWith("-")) {
				masked.add(String.valueOf(sanitize(option, argument, showUnsanitized)));
				option = null;
				continue;
			}
			masked.add(sanitize(argument, showUnsanitized));
			Matcher name = OPTION_NAME.matcher(argument);
			option = (i >= applicationArguments && name.matches()) ? name.group(1) : null;
		}
		return masked;
	}

	/**
	 * Return the index of the first application argument, parsing the command line
	 * without the arguments that the application received, which
	 * {@link JvmCommandLine#of(String, List)} takes to start after an {@code @argfile}.
	 * @param commandLine the java binary and its arguments
	 * @return the index in the command line
	 */
	private static int applicationArgumentsStart(List<String> commandLine) {
		if (commandLine.isEmpty()) {
			return 0;
		}
		JvmCommandLine parsed = JvmCommandLine.of(commandLine.get(0), commandLine.subList(1, commandLine.size()));
		return commandLine.size() - parsed.getApplicationArguments().size();
	}

	/**
	 * Return {@code daemon.jvm-options} as configured, sanitized as the command line is,
	 * so that users see which of the JVM's options came from configuration.
	 * @param showUnsanitized whether values that are not likely sensitive may be shown
	 * @return the sanitized options
	 */
	List<String> jvmOptions(boolean showUnsanitized) {
		List<String> options = Binder.get(this.environment)
			.bind("daemon.jvm-options", Bindable.listOf(String.class))
			.orElse(List.of());
		return options.stream().map((option) -> sanitize(option.strip(), showUnsanitized)).toList();
	}

	private String sanitize(String argument, boolean showUnsanitized) {
		Matcher matcher = OPTION.matcher(argument);
		if (!matcher.matches()) {
			return argument;
		}
		return matcher.group(1) + matcher.group(2) + "="
				+ sanitize(matcher.group(2), matcher.group(3), showUnsanitized);
	}

	private @Nullable Object sanitize(String key, String value, boolean showUnsanitized) {
		return this.sanitizer.sanitize(new SanitizableData(null, key, value), showUnsanitized);
	}

	/**
	 * Return the command line of this JVM, from {@code /proc} or else from
	 * {@link ProcessHandle.Info}.
	 * @return the java binary and its arguments
	 */
	static List<String> current() {
		ProcessHandle process = ProcessHandle.current();
		return ProcessState.commandLine(process.pid()).orElseGet(() -> {
			ProcessHandle.Info info = process.info();
			List<String> commandLine = new ArrayList<>();
			info.command().ifPresent(commandLine::add);
			info.arguments().ifPresent((arguments) -> commandLine.addAll(Arrays.asList(arguments)));
			return commandLine;
		});
	}

}
