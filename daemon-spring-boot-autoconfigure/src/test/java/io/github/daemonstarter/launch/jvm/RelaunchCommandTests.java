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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import io.github.daemonstarter.DaemonException;
import io.github.daemonstarter.ExitStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link RelaunchCommand}.
 *
 * @author Daemon Starter Team
 */
class RelaunchCommandTests {

	private static final String JAVA = "/opt/jdk/bin/java";

	private static final Path CWD = Path.of("/srv/app");

	@Test
	void ofWhenJarSplitsJvmOptionsFromApplicationArguments() {
		RelaunchCommand command = of(
				List.of("-Xmx64m", "-Dspring.profiles.active=prod", "-jar", "app.jar", "--daemon", "--server.port=0"),
				"--daemon", "--server.port=0");
		assertThat(command.getJvmPart()).containsExactly("-Xmx64m", "-Dspring.profiles.active=prod", "-jar",
				"/srv/app/app.jar");
		assertThat(command.getApplicationArguments()).containsExactly("--server.port=0");
	}

	@Test
	void ofWhenJarWithoutApplicationArgumentsKeepsWholeCommandLine() {
		RelaunchCommand command = of(List.of("-jar", "/opt/app.jar"));
		assertThat(command.getJvmPart()).containsExactly("-jar", "/opt/app.jar");
		assertThat(command.getApplicationArguments()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "-cp", "-classpath", "--class-path" })
	void ofWhenClassPathAndMainClassSplitsAfterMainClass(String option) {
		RelaunchCommand command = of(List.of(option, "classes:lib/*", "-Dx=y", "com.example.Main", "--daemon", "run"),
				"--daemon", "run");
		assertThat(command.getJvmPart()).containsExactly(option, "/srv/app/classes:/srv/app/lib/*", "-Dx=y",
				"com.example.Main");
		assertThat(command.getApplicationArguments()).containsExactly("run");
	}

	@Test
	void ofWhenModuleSplitsAfterModule() {
		RelaunchCommand command = of(List.of("-p", "/opt/mods", "-m", "app/com.example.Main", "--daemon", "x"),
				"--daemon", "x");
		assertThat(command.getJvmPart()).containsExactly("-p", "/opt/mods", "-m", "app/com.example.Main");
		assertThat(command.getApplicationArguments()).containsExactly("x");
	}

	@Test
	void ofWhenLongModuleOptionSplitsAfterModule() {
		RelaunchCommand command = of(List.of("--module-path", "/opt/mods", "--module", "app", "--daemon"), "--daemon");
		assertThat(command.getJvmPart()).containsExactly("--module-path", "/opt/mods", "--module", "app");
		assertThat(command.getApplicationArguments()).isEmpty();
	}

	@Test
	void ofWhenModuleWithEqualsSplitsAfterModule() {
		RelaunchCommand command = of(List.of("--module=app/com.example.Main", "--daemon", "x"), "--daemon", "x");
		assertThat(command.getJvmPart()).containsExactly("--module=app/com.example.Main");
		assertThat(command.getApplicationArguments()).containsExactly("x");
	}

	@Test
	void ofSkipsValuesOfJvmOptionsThatTakeOne() {
		RelaunchCommand command = of(
				List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector",
						"--enable-native-access", "ALL-UNNAMED", "-cp", "/opt/app.jar", "com.example.Main", "--daemon"),
				"--daemon");
		assertThat(command.getJvmPart()).containsExactly("--add-opens", "java.base/java.lang=ALL-UNNAMED",
				"--add-modules", "jdk.incubator.vector", "--enable-native-access", "ALL-UNNAMED", "-cp", "/opt/app.jar",
				"com.example.Main");
		assertThat(command.getApplicationArguments()).isEmpty();
	}

	@Test
	void ofKeepsApplicationArgumentsThatLookLikeJvmOptions() {
		List<String> applicationArguments = List.of("-cp", "x", "-Xmx1g", "-jar", "other.jar", "@file",
				"-agentlib:jdwp=transport=dt_socket", "-javaagent:agent.jar", "--daemon");
		List<String> arguments = new ArrayList<>(List.of("-jar", "app.jar"));
		arguments.addAll(applicationArguments);
		RelaunchCommand command = of(arguments, applicationArguments.toArray(String[]::new));
		assertThat(command.getJvmPart()).containsExactly("-jar", "/srv/app/app.jar");
		assertThat(command.getApplicationArguments()).containsExactly("-cp", "x", "-Xmx1g", "-jar", "other.jar",
				"@file", "-agentlib:jdwp=transport=dt_socket", "-javaagent:agent.jar");
	}

	@Test
	void ofWhenArgumentFileBeforeApplicationArgumentsMatchesThemFromTheTail() {
		RelaunchCommand command = of(List.of("@jvm.args", "--daemon", "--server.port=0"), "--daemon",
				"--server.port=0");
		assertThat(command.getJvmPart()).containsExactly("@/srv/app/jvm.args");
		assertThat(command.getApplicationArguments()).containsExactly("--server.port=0");
	}

	@Test
	void ofWhenArgumentFileBeforeMainClassMatchesFromTheTail() {
		RelaunchCommand command = of(List.of("@jvm.args", "com.example.Main", "a", "--daemon"), "a", "--daemon");
		assertThat(command.getJvmPart()).containsExactly("@/srv/app/jvm.args", "com.example.Main");
		assertThat(command.getApplicationArguments()).containsExactly("a");
	}

	@Test
	void ofWhenArgumentFileBeforeJarMatchesFromTheTail() {
		RelaunchCommand command = of(List.of("@jvm.args", "-jar", "app.jar", "--daemon"), "--daemon");
		assertThat(command.getJvmPart()).containsExactly("@/srv/app/jvm.args", "-jar", "/srv/app/app.jar");
		assertThat(command.getApplicationArguments()).isEmpty();
	}

	@Test
	void ofWhenArgumentFileHoldsApplicationArgumentsThrowsException() {
		assertThatExceptionOfType(DaemonException.class)
			.isThrownBy(() -> of(List.of("@all.args", "--daemon"), "--server.port=0", "--daemon"))
			.satisfies((ex) -> assertThat(ex.getExitStatus()).isEqualTo(ExitStatus.FAILURE))
			.withMessageContaining("@argfile");
	}

	@Test
	void ofWhenNoMainClassOrJarAndArgumentsDoNotMatchThrowsException() {
		assertThatExceptionOfType(DaemonException.class)
			.isThrownBy(() -> of(List.of("-Xmx64m", "--daemon"), "--daemon", "--other"))
			.satisfies((ex) -> assertThat(ex.getExitStatus()).isEqualTo(ExitStatus.FAILURE));
	}

	@Test
	void ofRemovesDebuggers() {
		RelaunchCommand command = of(List.of("-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=*:5005",
				"-Xrunjdwp:transport=dt_socket,server=y", "-Xdebug", "-Xnoagent",
				"-javaagent:/opt/idea/lib/idea_rt.jar=40000:/opt/idea/bin", "-Dfile.encoding=UTF-8", "-jar", "app.jar",
				"--daemon"), "--daemon");
		assertThat(command.getJvmPart()).containsExactly("-Dfile.encoding=UTF-8", "-jar", "/srv/app/app.jar");
	}

	@Test
	void isDebuggerRecognizesDebuggerAgentsOnly() {
		assertThat(RelaunchCommand.isDebugger("-agentlib:jdwp=transport=dt_socket,address=5005")).isTrue();
		assertThat(RelaunchCommand.isDebugger("-Xrunjdwp:transport=dt_socket")).isTrue();
		assertThat(RelaunchCommand.isDebugger("-Xdebug")).isTrue();
		assertThat(RelaunchCommand.isDebugger("-Xnoagent")).isTrue();
		assertThat(RelaunchCommand.isDebugger("-javaagent:/opt/idea/lib/idea_rt.jar=40000:/opt/idea/bin")).isTrue();
		assertThat(RelaunchCommand.isDebugger("-javaagent:/tmp/captureAgent/debugger-agent.jar")).isTrue();
		assertThat(RelaunchCommand.isDebugger("-javaagent:/opt/otel/opentelemetry-javaagent.jar")).isFalse();
		assertThat(RelaunchCommand.isDebugger("-agentlib:hprof=cpu=samples")).isFalse();
		assertThat(RelaunchCommand.isDebugger("-Xmx64m")).isFalse();
	}

	@Test
	void ofAbsolutizesRelativeJarAndKeepsAbsoluteOne() {
		assertThat(of(List.of("-jar", "build/app.jar")).getJvmPart()).containsExactly("-jar", "/srv/app/build/app.jar");
		assertThat(of(List.of("-jar", "/opt/app.jar")).getJvmPart()).containsExactly("-jar", "/opt/app.jar");
	}

	@Test
	void ofAbsolutizesEveryClassPathEntry() {
		RelaunchCommand command = of(List.of("-cp", "a.jar:/opt/b.jar::lib/*", "com.example.Main"));
		assertThat(command.getJvmPart()).containsExactly("-cp", "/srv/app/a.jar:/opt/b.jar:/srv/app:/srv/app/lib/*",
				"com.example.Main");
	}

	@Test
	void ofAbsolutizesModulePaths() {
		RelaunchCommand command = of(List.of("-p", "mods:/opt/mods", "--upgrade-module-path", "upgrades", "-m",
				"app/com.example.Main", "--daemon"), "--daemon");
		assertThat(command.getJvmPart()).containsExactly("-p", "/srv/app/mods:/opt/mods", "--upgrade-module-path",
				"/srv/app/upgrades", "-m", "app/com.example.Main");
	}

	@Test
	void ofAbsolutizesPathListsGivenWithEquals() {
		RelaunchCommand command = of(List.of("--class-path=classes:lib/*", "--module-path=mods",
				"--upgrade-module-path=/opt/upgrades", "com.example.Main"));
		assertThat(command.getJvmPart()).containsExactly("--class-path=/srv/app/classes:/srv/app/lib/*",
				"--module-path=/srv/app/mods", "--upgrade-module-path=/opt/upgrades", "com.example.Main");
	}

	@Test
	void ofAbsolutizesArgumentFilesAndJavaAgents() {
		RelaunchCommand command = of(List.of("@jvm.args", "@/etc/app/more.args", "-javaagent:lib/agent.jar=a=1,b=2",
				"-javaagent:agent.jar", "-javaagent:/opt/agent.jar=x", "com.example.Main"));
		assertThat(command.getJvmPart()).containsExactly("@/srv/app/jvm.args", "@/etc/app/more.args",
				"-javaagent:/srv/app/lib/agent.jar=a=1,b=2", "-javaagent:/srv/app/agent.jar",
				"-javaagent:/opt/agent.jar=x", "com.example.Main");
	}

	@Test
	void ofAbsolutizesClassDataSharingArchives() {
		RelaunchCommand command = of(
				List.of("-XX:SharedArchiveFile=app.jsa", "-XX:AOTCache=cache/app.aot", "-jar", "app.jar"));
		assertThat(command.getJvmPart()).containsExactly("-XX:SharedArchiveFile=/srv/app/app.jsa",
				"-XX:AOTCache=/srv/app/cache/app.aot", "-jar", "/srv/app/app.jar");
	}

	@Test
	void ofAbsolutizesBaseAndDynamicArchivesAndKeepsAbsoluteOnes() {
		RelaunchCommand command = of(List.of("-XX:SharedArchiveFile=/opt/jdk/base.jsa:top.jsa",
				"-XX:SharedArchiveFile=", "-XX:SharedArchiveFileX=a", "-jar", "/opt/app.jar"));
		assertThat(command.getJvmPart()).containsExactly("-XX:SharedArchiveFile=/opt/jdk/base.jsa:/srv/app/top.jsa",
				"-XX:SharedArchiveFile=", "-XX:SharedArchiveFileX=a", "-jar", "/opt/app.jar");
	}

	@Test
	void ofWhenCurrentDirectoryIsRootAbsolutizesWithoutDoubleSlash() {
		RelaunchCommand command = RelaunchCommand.of(JAVA, List.of("-jar", "app.jar"), new String[0], Path.of("/"));
		assertThat(command.getJvmPart()).containsExactly("-jar", "/app.jar");
	}

	@Test
	void ofRemovesDaemonArgumentsAndKeepsOthersByteForByte() {
		List<String> applicationArguments = List.of("--daemon=restart", "two words", "it's \"quoted\" \\ $HOME",
				"ünïcødé ✓ 日本", "", "--daemon.force=true", "line\nbreak", " ", "--daemon", "--daemonic");
		List<String> arguments = new ArrayList<>(List.of("-jar", "app.jar"));
		arguments.addAll(applicationArguments);
		RelaunchCommand command = of(arguments, applicationArguments.toArray(String[]::new));
		assertThat(command.getApplicationArguments()).containsExactly("two words", "it's \"quoted\" \\ $HOME",
				"ünïcødé ✓ 日本", "", "--daemon.force=true", "line\nbreak", " ", "--daemonic");
	}

	@Test
	void commandStartsWithSetsidThenJava() {
		RelaunchCommand command = of(List.of("-Xmx64m", "-jar", "app.jar", "--daemon", "a"), "--daemon", "a");
		List<String> line = command.command(List.of());
		assertThat(line.get(0)).endsWith("/setsid");
		assertThat(Path.of(line.get(0))).isExecutable();
		assertThat(line.subList(1, line.size())).containsExactly(JAVA, "-Xmx64m", "-jar", "/srv/app/app.jar", "a");
	}

	@Test
	void commandWhenSignalsIgnoredRestoresThemWithEnv() {
		RelaunchCommand command = of(List.of("-jar", "app.jar"));
		List<String> line = command.command(List.of("HUP", "TERM"));
		assertThat(line.get(0)).endsWith("/setsid");
		assertThat(line.get(1)).endsWith("/env");
		assertThat(line.subList(2, line.size())).containsExactly("--default-signal=HUP,TERM", JAVA, "-jar",
				"/srv/app/app.jar");
	}

	@Test
	void javaCommandIsTheApplicationsCommandWithoutSetsid() {
		RelaunchCommand command = of(List.of("-Xmx64m", "-jar", "app.jar", "--daemon", "a"), "--daemon", "a");
		assertThat(command.javaCommand()).containsExactly(JAVA, "-Xmx64m", "-jar", "/srv/app/app.jar", "a");
	}

	@Test
	void withJvmOptionsPutsThemAfterTheLauncherOptionsBeforeTheJar() {
		RelaunchCommand command = of(List.of("-Xmx64m", "-jar", "app.jar", "--daemon", "a"), "--daemon", "a")
			.withJvmOptions(List.of("-Xmx256m", "-Dsample.x=y"));
		assertThat(command.javaCommand()).containsExactly(JAVA, "-Xmx64m", "-Xmx256m", "-Dsample.x=y", "-jar",
				"/srv/app/app.jar", "a");
		assertThat(command.getJvmPart()).containsExactly("-Xmx64m", "-Xmx256m", "-Dsample.x=y", "-jar",
				"/srv/app/app.jar");
		assertThat(command.getApplicationArguments()).containsExactly("a");
		List<String> line = command.command(List.of());
		assertThat(line.subList(1, line.size())).isEqualTo(command.javaCommand());
	}

	@Test
	void withJvmOptionsWhenNoneIsTheSameCommand() {
		RelaunchCommand command = of(List.of("-jar", "app.jar"));
		assertThat(command.withJvmOptions(List.of())).isSameAs(command);
	}

	@Test
	void supervisorCommandLeavesJvmOptionsToTheApplicationExceptThoseOfTheNativeLayer(@TempDir Path directory)
			throws IOException {
		Path jar = jar(directory, "org.springframework.boot.loader.launch.JarLauncher");
		RelaunchCommand command = of(List.of("-jar", jar.toString(), "--daemon"), "--daemon")
			.withJvmOptions(List.of("-Xmx256m", "-Dsample.x=y", "-Djava.io.tmpdir=/var/tmp"));
		List<String> line = command.supervisorCommand(List.of(), "com.example.Supervisor", List.of());
		assertThat(line).contains("-Xmx32m", "-Djava.io.tmpdir=/var/tmp").doesNotContain("-Xmx256m", "-Dsample.x=y");
		assertThat(command.javaCommand()).contains("-Xmx256m", "-Dsample.x=y");
	}

	@Test
	void supervisorJvmOptionsAreAcceptedSilentlyByThisJdk(@TempDir Path directory) throws Exception {
		Path jar = jar(directory, "org.springframework.boot.loader.launch.JarLauncher");
		RelaunchCommand command = of(List.of("-jar", jar.toString(), "--daemon"), "--daemon");
		List<String> line = command.supervisorCommand(List.of(), "com.example.Supervisor", List.of());
		List<String> java = new ArrayList<>();
		java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		java.addAll(line.subList(2, line.indexOf("-cp")));
		java.add("-version");
		Process process = new ProcessBuilder(java).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output).contains("version").doesNotContainIgnoringCase("warning");
	}

	@Test
	void supervisorCommandWhenBootJarUsesPropertiesLauncherWithSmallHeap(@TempDir Path directory) throws IOException {
		Path jar = jar(directory, "org.springframework.boot.loader.launch.JarLauncher");
		RelaunchCommand command = of(List.of("-Xmx4g", "-javaagent:/opt/agent.jar", "-Djava.io.tmpdir=/var/tmp",
				"-Dapp.setting=x", "-jar", jar.toString(), "--daemon", "a"), "--daemon", "a");
		List<String> line = command.supervisorCommand(List.of(), "com.example.Supervisor", List.of("--x=1", "--"));
		assertThat(line.get(0)).endsWith("/setsid");
		assertThat(line.get(1)).isEqualTo(JAVA);
		assertThat(line).contains("-Xmx32m", "-XX:+UseSerialGC", "-Djava.io.tmpdir=/var/tmp")
			.doesNotContain("-Xmx4g", "-javaagent:/opt/agent.jar", "-Dapp.setting=x", "a");
		assertThat(line.subList(line.indexOf("-cp"), line.size())).containsExactly("-cp", jar.toString(),
				"-Dloader.main=com.example.Supervisor", "org.springframework.boot.loader.launch.PropertiesLauncher",
				"--x=1", "--");
	}

	@Test
	void supervisorCommandWhenPlainJarPutsItOnTheClassPath(@TempDir Path directory) throws IOException {
		Path jar = jar(directory, "com.example.Main");
		RelaunchCommand command = of(List.of("-jar", jar.toString()));
		List<String> line = command.supervisorCommand(List.of("HUP"), "com.example.Supervisor", List.of());
		assertThat(line.get(1)).endsWith("/env");
		assertThat(line.subList(line.indexOf("-cp"), line.size())).containsExactly("-cp", jar.toString(),
				"com.example.Supervisor");
	}

	@Test
	void supervisorCommandWhenClassPathLaunchUsesTheSameClassPath() {
		RelaunchCommand command = of(List.of("-Xss2m", "-cp", "lib/a.jar:classes", "com.example.Main", "--daemon"),
				"--daemon");
		List<String> line = command.supervisorCommand(List.of(), "com.example.Supervisor", List.of("--y"));
		assertThat(line.subList(line.indexOf("-cp"), line.size())).containsExactly("-cp",
				"/srv/app/lib/a.jar:/srv/app/classes", "com.example.Supervisor", "--y");
		assertThat(line).doesNotContain("-Xss2m", "com.example.Main");
	}

	@Test
	void supervisorCommandWhenExplodedBootApplicationUsesPropertiesLauncher() {
		RelaunchCommand command = of(
				List.of("--class-path=exploded", "org.springframework.boot.loader.launch.JarLauncher", "a"), "a");
		List<String> line = command.supervisorCommand(List.of(), "com.example.Supervisor", List.of());
		assertThat(line.subList(line.indexOf("-cp"), line.size())).containsExactly("-cp", "/srv/app/exploded",
				"-Dloader.main=com.example.Supervisor", "org.springframework.boot.loader.launch.PropertiesLauncher");
	}

	@Test
	void supervisorCommandWhenModuleLaunchThrowsException() {
		RelaunchCommand command = of(List.of("-p", "mods", "-m", "app/com.example.Main", "a"), "a");
		assertThatExceptionOfType(DaemonException.class)
			.isThrownBy(() -> command.supervisorCommand(List.of(), "com.example.Supervisor", List.of()))
			.withMessageContaining("daemon.supervisor.enabled=true needs the application started with -jar")
			.satisfies((ex) -> assertThat(ex.getExitStatus()).isEqualTo(ExitStatus.NOT_CONFIGURED));
	}

	@Test
	void commandWhenUserSwitchPutsItAfterSetsidAndEnvBeforeJava() {
		RelaunchCommand command = of(List.of("-jar", "app.jar", "a"), "a");
		List<String> userSwitch = List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--init-groups", "--");
		List<String> line = command.command(List.of("HUP"), userSwitch, false);
		assertThat(line.get(0)).endsWith("/setsid");
		assertThat(line.get(1)).endsWith("/env");
		assertThat(line.subList(2, line.size())).containsExactly("--default-signal=HUP", "/usr/bin/setpriv",
				"--reuid=65534", "--regid=65534", "--init-groups", "--", JAVA, "-jar", "/srv/app/app.jar", "a");
	}

	@Test
	void commandWhenNoUserSwitchIsTheSameAsWithout() {
		RelaunchCommand command = of(List.of("-jar", "app.jar", "a"), "a");
		assertThat(command.command(List.of(), List.of(), false)).isEqualTo(command.command(List.of()));
	}

	@Test
	void commandWhenWaiterMakesSetsidForkAndWait() {
		RelaunchCommand command = of(List.of("-jar", "app.jar", "a"), "a");
		List<String> line = command.command(List.of("HUP"), List.of(), true);
		assertThat(line.get(0)).endsWith("/setsid");
		assertThat(line.subList(1, 3)).containsExactly("--fork", "--wait");
		assertThat(line.get(3)).endsWith("/env");
		assertThat(line.subList(4, line.size())).containsExactly("--default-signal=HUP", JAVA, "-jar",
				"/srv/app/app.jar", "a");
	}

	@Test
	void supervisorCommandWhenWaiterMakesSetsidForkAndWait(@TempDir Path directory) throws IOException {
		Path jar = jar(directory, "com.example.Main");
		RelaunchCommand command = of(List.of("-jar", jar.toString()));
		List<String> line = command.supervisorCommand(List.of(), List.of(), true, "com.example.Supervisor", List.of());
		assertThat(line.subList(1, 4)).containsExactly("--fork", "--wait", JAVA);
	}

	@Test
	void supervisorCommandWhenUserSwitchRunsTheSupervisorAsTheUser(@TempDir Path directory) throws IOException {
		Path jar = jar(directory, "com.example.Main");
		RelaunchCommand command = of(List.of("-jar", jar.toString()));
		List<String> userSwitch = List.of("/usr/bin/setpriv", "--reuid=1000", "--regid=4", "--init-groups", "--");
		List<String> line = command.supervisorCommand(List.of(), userSwitch, false, "com.example.Supervisor",
				List.of());
		assertThat(line.get(0)).endsWith("/setsid");
		assertThat(line.subList(1, 7)).containsExactly("/usr/bin/setpriv", "--reuid=1000", "--regid=4", "--init-groups",
				"--", JAVA);
		assertThat(line.subList(line.indexOf("-cp"), line.size())).containsExactly("-cp", jar.toString(),
				"com.example.Supervisor");
	}

	@Test
	void launchPathsReturnsTheJarOrTheClassPathEntries() {
		assertThat(of(List.of("-Xmx1g", "-jar", "app.jar", "a"), "a").launchPaths())
			.containsExactly(Path.of("/srv/app/app.jar"));
		assertThat(
				of(List.of("-cp", "lib/*:classes", "--add-opens", "java.base/java.io=ALL-UNNAMED", "com.example.Main"))
					.launchPaths())
			.containsExactly(Path.of("/srv/app/classes"));
		assertThat(of(List.of("--class-path=/opt/a.jar:/opt/b.jar", "com.example.Main")).launchPaths())
			.containsExactly(Path.of("/opt/a.jar"), Path.of("/opt/b.jar"));
	}

	@Test
	void withJarRunsTheOtherJarWithTheOptionsJustBeforeItAndTheSameArguments() {
		RelaunchCommand command = of(List.of("-Xmx64m", "-jar", "app.jar", "--daemon", "two words", ""), "--daemon",
				"two words", "");
		RelaunchCommand withJar = command.withJar(Path.of("/cache/entry/app/app.jar"),
				List.of("-XX:SharedArchiveFile=/cache/entry/archive.jsa"));
		assertThat(withJar.javaCommand()).containsExactly(JAVA, "-Xmx64m",
				"-XX:SharedArchiveFile=/cache/entry/archive.jsa", "-jar", "/cache/entry/app/app.jar", "two words", "");
		assertThat(withJar.getJar()).isEqualTo(Path.of("/cache/entry/app/app.jar"));
		assertThat(withJar.getJvmOptions()).containsExactly("-Xmx64m",
				"-XX:SharedArchiveFile=/cache/entry/archive.jsa");
		assertThat(withJar.getApplicationArguments()).containsExactly("two words", "");
		assertThat(command.javaCommand()).containsExactly(JAVA, "-Xmx64m", "-jar", "/srv/app/app.jar", "two words", "");
	}

	@Test
	void withJarWhenMainClassLaunchThrowsException() {
		RelaunchCommand command = of(List.of("-cp", "classes", "com.example.Main"));
		assertThatIllegalStateException().isThrownBy(() -> command.withJar(Path.of("/cache/app.jar"), List.of()));
	}

	@Test
	void getJarIsTheAbsoluteJarOfAJarLaunchOnly() {
		RelaunchCommand command = of(List.of("-Xmx64m", "-jar", "build/app.jar"));
		assertThat(command.runsJar()).isTrue();
		assertThat(command.getJar()).isEqualTo(Path.of("/srv/app/build/app.jar"));
		assertThat(command.getJvmOptions()).containsExactly("-Xmx64m");
		RelaunchCommand mainClass = of(List.of("-cp", "classes", "com.example.Main"));
		assertThat(mainClass.runsJar()).isFalse();
		assertThat(mainClass.getJar()).isNull();
		assertThat(mainClass.getJvmOptions()).containsExactly("-cp", "/srv/app/classes");
	}

	@Test
	void getJarWhenArgumentFileMayNameTheJarReturnsNull() {
		RelaunchCommand command = of(List.of("@jvm.args", "-jar", "app.jar", "--daemon"), "--daemon");
		assertThat(command.runsJar()).isFalse();
		assertThat(command.getJar()).isNull();
	}

	private static Path jar(Path directory, String mainClass) throws IOException {
		Path jar = directory.resolve("app.jar");
		Manifest manifest = new Manifest();
		manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
		try (JarOutputStream output = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
			// A manifest is all it takes
		}
		return jar;
	}

	@Test
	void ofCurrentProcessRelaunchesThisJavaBinary() {
		RelaunchCommand command = RelaunchCommand.ofCurrentProcess(new String[0]);
		List<String> line = command.command(List.of());
		assertThat(line.get(1)).isEqualTo(ProcessHandle.current().info().command().orElseThrow());
		assertThat(command.getJvmPart()).isNotEmpty();
	}

	@Test
	void ofCurrentProcessKeepsEmptyAndLongApplicationArguments(@TempDir Path directory) throws Exception {
		Path output = directory.resolve("output");
		String longArgument = "x".repeat(5000);
		Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-cp",
				System.getProperty("java.class.path"), PrintRelaunchArguments.class.getName(), output.toString(),
				"--daemon", "a", "", "b c", longArgument, "")
			.redirectErrorStream(true)
			.redirectOutput(directory.resolve("process.log").toFile())
			.start();
		try {
			assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).as(Files.readString(directory.resolve("process.log"))).isZero();
			assertThat(Files.readAllLines(output)).containsExactly("[" + output + "]", "[a]", "[]", "[b c]",
					"[" + longArgument + "]", "[]");
		}
		finally {
			process.destroyForcibly();
		}
	}

	private static RelaunchCommand of(List<String> arguments, String... applicationArgs) {
		return RelaunchCommand.of(JAVA, arguments, applicationArgs, CWD);
	}

	/**
	 * Writes the application arguments that a relaunch of its own JVM would pass, one per
	 * line in brackets, to the file named by its first argument.
	 */
	public static final class PrintRelaunchArguments {

		private PrintRelaunchArguments() {
		}

		public static void main(String[] args) throws IOException {
			List<String> lines = RelaunchCommand.ofCurrentProcess(args)
				.getApplicationArguments()
				.stream()
				.map((argument) -> "[" + argument + "]")
				.toList();
			Files.write(Path.of(args[0]), lines);
		}

	}

}
