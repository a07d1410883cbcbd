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

package io.github.daemonstarter.launch.jvm;

import java.nio.file.Path;
import java.util.List;

import io.github.daemonstarter.DaemonException;
import io.github.daemonstarter.ExitStatus;
import io.github.daemonstarter.launch.jvm.JvmCommandLine.LaunchMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link JvmCommandLine}.
 *
 * @author Daemon Starter Team
 */
class JvmCommandLineTests {

	private static final String JAVA = "/opt/jdk/bin/java";

	@Test
	void ofWhenJarSplitsAfterTheJar() {
		JvmCommandLine commandLine = JvmCommandLine.of(JAVA,
				List.of("-Xmx64m", "-XX:+UseSerialGC", "-Dx=y", "-jar", "app.jar", "--daemon", "a"));
		assertThat(commandLine.getJava()).isEqualTo(JAVA);
		assertThat(commandLine.getJvmPart()).containsExactly("-Xmx64m", "-XX:+UseSerialGC", "-Dx=y", "-jar", "app.jar");
		assertThat(commandLine.getJvmOptions()).containsExactly("-Xmx64m", "-XX:+UseSerialGC", "-Dx=y");
		assertThat(commandLine.getLaunchMode()).isEqualTo(LaunchMode.JAR);
		assertThat(commandLine.getLaunchTarget()).isEqualTo("app.jar");
		assertThat(commandLine.getApplicationArguments()).containsExactly("--daemon", "a");
		assertThat(commandLine.getArgumentFiles()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "-cp", "-classpath", "--class-path" })
	void ofWhenClassPathAndMainClassSplitsAfterTheMainClass(String option) {
		JvmCommandLine commandLine = JvmCommandLine.of(JAVA, List.of(option, "lib/*:classes", "com.example.Main", "a"));
		assertThat(commandLine.getJvmPart()).containsExactly(option, "lib/*:classes", "com.example.Main");
		assertThat(commandLine.getJvmOptions()).containsExactly(option, "lib/*:classes");
		assertThat(commandLine.getLaunchMode()).isEqualTo(LaunchMode.MAIN_CLASS);
		assertThat(commandLine.getLaunchTarget()).isEqualTo("com.example.Main");
		assertThat(commandLine.getClassPath()).isEqualTo("lib/*:classes");
		assertThat(commandLine.getApplicationArguments()).containsExactly("a");
	}

	@Test
	void ofWhenClassPathGivenWithEqualsReadsItFromTheOption() {
		JvmCommandLine commandLine = JvmCommandLine.of(JAVA,
				List.of("--class-path=/opt/a.jar:/opt/b.jar", "com.example.Main", "--class-path=other"));
		assertThat(commandLine.getJvmPart()).containsExactly("--class-path=/opt/a.jar:/opt/b.jar", "com.example.Main");
		assertThat(commandLine.getClassPath()).isEqualTo("/opt/a.jar:/opt/b.jar");
		assertThat(commandLine.getApplicationArguments()).containsExactly("--class-path=other");
	}

	@Test
	void ofTakesTheValuesOfTwoArgumentOptionsAsValues() {
		JvmCommandLine commandLine = JvmCommandLine.of(JAVA, List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED",
				"--add-modules", "jdk.incubator.vector", "-cp", "app.jar", "com.example.Main"));
		assertThat(commandLine.getJvmOptions()).containsExactly("--add-opens", "java.base/java.lang=ALL-UNNAMED",
				"--add-modules", "jdk.incubator.vector", "-cp", "app.jar");
		assertThat(commandLine.getLaunchTarget()).isEqualTo("com.example.Main");
		assertThat(commandLine.getApplicationArguments()).isEmpty();
	}

	@Test
	void ofKeepsApplicationArgumentsThatLookLikeJvmOptions() {
		JvmCommandLine commandLine = JvmCommandLine.of(JAVA, List.of("-cp", "classes", "com.example.Main", "-jar",
				"other.jar", "-Xmx1g", "-cp", "x", "@file", "-m", "mod"));
		assertThat(commandLine.getJvmPart()).containsExactly("-cp", "classes", "com.example.Main");
		assertThat(commandLine.getClassPath()).isEqualTo("classes");
		assertThat(commandLine.getArgumentFiles()).isEmpty();
		assertThat(commandLine.getApplicationArguments()).containsExactly("-jar", "other.jar", "-Xmx1g", "-cp", "x",
				"@file", "-m", "mod");
	}

	@Test
	void ofWhenModuleSplitsAfterTheModule() {
		JvmCommandLine commandLine = JvmCommandLine.of(JAVA, List.of("-p", "mods", "-m", "app/com.example.Main", "a"));
		assertThat(commandLine.getJvmPart()).containsExactly("-p", "mods", "-m", "app/com.example.Main");
		assertThat(commandLine.getLaunchMode()).isEqualTo(LaunchMode.MODULE);
		assertThat(commandLine.getLaunchTarget()).isEqualTo("app/com.example.Main");
		assertThat(commandLine.getApplicationArguments()).containsExactly("a");
	}

	@Test
	void ofWhenModuleGivenWithEqualsSplitsAfterIt() {
		JvmCommandLine commandLine = JvmCommandLine.of(JAVA, List.of("--module=app", "--module", "b"));
		assertThat(commandLine.getJvmPart()).containsExactly("--module=app");
		assertThat(commandLine.getLaunchMode()).isEqualTo(LaunchMode.MODULE);
		assertThat(commandLine.getLaunchTarget()).isEqualTo("app");
		assertThat(commandLine.getApplicationArguments()).containsExactly("--module", "b");
	}

	@Test
	void ofWhenArgumentFileBeforeMainClassStartsApplicationArgumentsAfterIt() {
		JvmCommandLine commandLine = JvmCommandLine.of(JAVA, List.of("-Xmx1g", "@jvm.args", "com.example.Main", "a"));
		assertThat(commandLine.getJvmPart()).containsExactly("-Xmx1g", "@jvm.args");
		assertThat(commandLine.getArgumentFiles()).containsExactly(1);
		assertThat(commandLine.getLaunchMode()).isEqualTo(LaunchMode.UNKNOWN);
		assertThat(commandLine.getLaunchTarget()).isNull();
		assertThat(commandLine.getApplicationArguments()).containsExactly("com.example.Main", "a");
	}

	@Test
	void ofWithApplicationArgumentsWhenArgumentFileBeforeMainClassMatchesThemFromTheTail() {
		JvmCommandLine commandLine = JvmCommandLine.of(JAVA,
				List.of("-Xmx1g", "@jvm.args", "-cp", "classes", "@more.args", "com.example.Main", "a", "-Xmx2g"),
				new String[] { "a", "-Xmx2g" });
		assertThat(commandLine.getJvmPart()).containsExactly("-Xmx1g", "@jvm.args", "-cp", "classes", "@more.args",
				"com.example.Main");
		assertThat(commandLine.getArgumentFiles()).containsExactly(1, 4);
		assertThat(commandLine.getLaunchMode()).isEqualTo(LaunchMode.MAIN_CLASS);
		assertThat(commandLine.getLaunchTarget()).isEqualTo("com.example.Main");
		assertThat(commandLine.getApplicationArguments()).containsExactly("a", "-Xmx2g");
	}

	@Test
	void ofWithApplicationArgumentsWhenArgumentFileHoldsTheMainClassMatchesThemFromTheTail() {
		JvmCommandLine commandLine = JvmCommandLine.of(JAVA, List.of("@all.args", "-jar", "x"),
				new String[] { "-jar", "x" });
		assertThat(commandLine.getJvmPart()).containsExactly("@all.args");
		assertThat(commandLine.getLaunchMode()).isEqualTo(LaunchMode.UNKNOWN);
		assertThat(commandLine.getApplicationArguments()).containsExactly("-jar", "x");
	}

	@Test
	void ofWithApplicationArgumentsWhenJarNeedsNoMatch() {
		JvmCommandLine commandLine = JvmCommandLine.of(JAVA, List.of("-jar", "app.jar", "a"), new String[] { "b" });
		assertThat(commandLine.getJvmPart()).containsExactly("-jar", "app.jar");
		assertThat(commandLine.getApplicationArguments()).containsExactly("a");
	}

	@Test
	void ofWithApplicationArgumentsWhenTailDoesNotMatchThrowsException() {
		assertThatExceptionOfType(DaemonException.class)
			.isThrownBy(() -> JvmCommandLine.of(JAVA, List.of("@all.args", "a"), new String[] { "b" }))
			.withMessageContaining("@argfile")
			.satisfies((ex) -> assertThat(ex.getExitStatus()).isEqualTo(ExitStatus.FAILURE));
	}

	@Test
	void ofWithApplicationArgumentsWhenNoLaunchMatchesFromTheTail() {
		JvmCommandLine commandLine = JvmCommandLine.of(JAVA, List.of("-Xmx64m", "-cp", "lib", "--daemon"),
				new String[] { "--daemon" });
		assertThat(commandLine.getJvmPart()).containsExactly("-Xmx64m", "-cp", "lib");
		assertThat(commandLine.getLaunchMode()).isEqualTo(LaunchMode.UNKNOWN);
		assertThat(commandLine.getClassPath()).isEqualTo("lib");
		assertThat(commandLine.getApplicationArguments()).containsExactly("--daemon");
	}

	@Test
	void ofWhenArgumentStartsWithTwoAtSignsTakesItForTheMainClass() {
		JvmCommandLine commandLine = JvmCommandLine.of(JAVA, List.of("@@Main", "a"), new String[0]);
		assertThat(commandLine.getLaunchTarget()).isEqualTo("@@Main");
		assertThat(commandLine.getArgumentFiles()).isEmpty();
		assertThat(commandLine.getApplicationArguments()).containsExactly("a");
	}

	@Test
	void ofWhenJarLacksItsValueEndsTheJvmPart() {
		JvmCommandLine commandLine = JvmCommandLine.of(JAVA, List.of("-Xmx1g", "-jar"), new String[] { "a" });
		assertThat(commandLine.getJvmPart()).containsExactly("-Xmx1g", "-jar");
		assertThat(commandLine.getLaunchMode()).isEqualTo(LaunchMode.JAR);
		assertThat(commandLine.getLaunchTarget()).isNull();
		assertThat(commandLine.getLaunchPaths()).isEmpty();
	}

	@Test
	void getLaunchPathsReturnsTheJarAndEveryClassPathEntry() {
		assertThat(JvmCommandLine.of(JAVA, List.of("-jar", "app.jar")).getLaunchPaths())
			.containsExactly(Path.of("app.jar"));
		assertThat(
				JvmCommandLine
					.of(JAVA,
							List.of("-cp", "lib/*:a.jar::b", "--add-opens", "x=y", "--class-path=c",
									"com.example.Main"))
					.getLaunchPaths())
			.containsExactly(Path.of("a.jar"), Path.of("b"), Path.of("c"));
	}

	@Test
	void withoutOptionsRemovesMatchingOptionsButNoValues() {
		JvmCommandLine commandLine = JvmCommandLine
			.of(JAVA, List.of("-Xdebug", "--add-opens", "-Xdebug", "-Xmx1g", "-jar", "app.jar", "-Xdebug"))
			.withoutOptions("-Xdebug"::equals);
		assertThat(commandLine.getJvmPart()).containsExactly("--add-opens", "-Xdebug", "-Xmx1g", "-jar", "app.jar");
		assertThat(commandLine.getApplicationArguments()).containsExactly("-Xdebug");
	}

	@Test
	void withJvmOptionsPutsThemAfterTheOtherOptionsJustBeforeTheJar() {
		JvmCommandLine commandLine = JvmCommandLine
			.of(JAVA, List.of("-Xmx1g", "--add-opens", "x/y=z", "-jar", "app.jar", "-Xmx2g"))
			.withJvmOptions(List.of("-Xmx256m", "-Dx=y"));
		assertThat(commandLine.getJvmPart()).containsExactly("-Xmx1g", "--add-opens", "x/y=z", "-Xmx256m", "-Dx=y",
				"-jar", "app.jar");
		assertThat(commandLine.getJvmOptions()).containsExactly("-Xmx1g", "--add-opens", "x/y=z", "-Xmx256m", "-Dx=y");
		assertThat(commandLine.getLaunchTarget()).isEqualTo("app.jar");
		assertThat(commandLine.getApplicationArguments()).containsExactly("-Xmx2g");
	}

	@Test
	void withJvmOptionsPutsThemJustBeforeTheMainClassOrModule() {
		assertThat(JvmCommandLine.of(JAVA, List.of("-cp", "lib/*", "com.example.Main", "a"))
			.withJvmOptions(List.of("-Xss1m"))
			.getJvmPart()).containsExactly("-cp", "lib/*", "-Xss1m", "com.example.Main");
		assertThat(JvmCommandLine.of(JAVA, List.of("-p", "mods", "-m", "app/com.example.Main", "a"))
			.withJvmOptions(List.of("-Xss1m"))
			.getJvmPart()).containsExactly("-p", "mods", "-Xss1m", "-m", "app/com.example.Main");
	}

	@Test
	void withJvmOptionsWhenArgumentFileNamesTheMainClassPutsThemBeforeTheLastArgumentFile() {
		JvmCommandLine commandLine = JvmCommandLine
			.of(JAVA, List.of("@jvm.args", "-Xmx1g", "@main.args", "a"), new String[] { "a" })
			.withJvmOptions(List.of("-Xmx256m"));
		assertThat(commandLine.getJvmPart()).containsExactly("@jvm.args", "-Xmx1g", "-Xmx256m", "@main.args");
		assertThat(commandLine.getArgumentFiles()).containsExactly(0, 3);
		assertThat(commandLine.getApplicationArguments()).containsExactly("a");
	}

	@Test
	void withJvmOptionsWhenNoneIsTheSame() {
		JvmCommandLine commandLine = JvmCommandLine.of(JAVA, List.of("-Xmx1g", "-jar", "app.jar", "a"));
		assertThat(commandLine.withJvmOptions(List.of()).getJvmPart()).isEqualTo(commandLine.getJvmPart());
	}

	@Test
	void withAbsolutePathsMakesThePathsOfTheJvmPartAbsolute() {
		JvmCommandLine commandLine = JvmCommandLine
			.of(JAVA,
					List.of("@jvm.args", "-cp", "a.jar::/opt/b.jar", "--add-opens", "x/y=z", "-javaagent:agent.jar",
							"-p", "mods", "-jar", "app.jar", "rel.jar", "@args"),
					new String[] { "rel.jar", "@args" })
			.withAbsolutePaths(Path.of("/srv/app"));
		assertThat(commandLine.getJvmPart()).containsExactly("@/srv/app/jvm.args", "-cp",
				"/srv/app/a.jar:/srv/app:/opt/b.jar", "--add-opens", "x/y=z", "-javaagent:/srv/app/agent.jar", "-p",
				"/srv/app/mods", "-jar", "/srv/app/app.jar");
		assertThat(commandLine.getApplicationArguments()).containsExactly("rel.jar", "@args");
	}

	@Test
	void withJarReplacesOnlyTheJarAndAddsTheOptionsJustBeforeIt() {
		JvmCommandLine commandLine = JvmCommandLine
			.of(JAVA, List.of("-Xmx64m", "-Dx=y", "-jar", "/opt/app.jar", "a", "-jar", "b.jar"),
					new String[] { "a", "-jar", "b.jar" })
			.withJar("/cache/entry/app/app.jar", List.of("-XX:SharedArchiveFile=/cache/entry/archive.jsa", "-Dz=1"));
		assertThat(commandLine.getJava()).isEqualTo(JAVA);
		assertThat(commandLine.getJvmPart()).containsExactly("-Xmx64m", "-Dx=y",
				"-XX:SharedArchiveFile=/cache/entry/archive.jsa", "-Dz=1", "-jar", "/cache/entry/app/app.jar");
		assertThat(commandLine.getJvmOptions()).containsExactly("-Xmx64m", "-Dx=y",
				"-XX:SharedArchiveFile=/cache/entry/archive.jsa", "-Dz=1");
		assertThat(commandLine.getLaunchMode()).isEqualTo(LaunchMode.JAR);
		assertThat(commandLine.getLaunchTarget()).isEqualTo("/cache/entry/app/app.jar");
		assertThat(commandLine.getApplicationArguments()).containsExactly("a", "-jar", "b.jar");
	}

	@Test
	void withJarWithoutOptionsReplacesTheJar() {
		JvmCommandLine commandLine = JvmCommandLine.of(JAVA, List.of("-jar", "app.jar"))
			.withJar("/cache/entry/app/app.jar", List.of());
		assertThat(commandLine.getJvmPart()).containsExactly("-jar", "/cache/entry/app/app.jar");
	}

	@Test
	void withJarWhenMainClassLaunchThrowsException() {
		JvmCommandLine commandLine = JvmCommandLine.of(JAVA, List.of("-cp", "app.jar", "com.example.Main"));
		assertThatIllegalStateException().isThrownBy(() -> commandLine.withJar("/cache/app.jar", List.of()))
			.withMessage("Not started with -jar");
	}

	@Test
	void currentIsThisJvm() {
		JvmCommandLine commandLine = JvmCommandLine.current(new String[0]).orElseThrow();
		assertThat(commandLine.getJava()).isEqualTo(ProcessHandle.current().info().command().orElseThrow());
		assertThat(commandLine.getJvmPart()).isNotEmpty();
		assertThat(commandLine.getLaunchMode()).isNotEqualTo(LaunchMode.MODULE);
	}

}
