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

package io.github.daemonstarter.faststart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import io.github.daemonstarter.config.DaemonSettings;
import io.github.daemonstarter.config.FastStartTraining;
import io.github.daemonstarter.status.StatusAutoConfiguration;
import io.github.daemonstarter.status.StatusPublisher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FastStartAutoConfiguration}.
 *
 * @author Daemon Starter Team
 */
class FastStartAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(StatusAutoConfiguration.class, FastStartAutoConfiguration.class))
		.withPropertyValues("daemon.watchdog.enabled=false");

	@TempDir
	Path directory;

	@Test
	void runInDaemonModeWithoutAnEntryCreatesNoReporter() {
		daemonMode().run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(FastStartReporter.class));
	}

	@Test
	void runWithAnEntryOutsideDaemonModeCreatesNoReporter() throws IOException {
		Path entry = entry();
		this.contextRunner.withPropertyValues(FastStartCache.ENTRY_VARIABLE + "=" + entry)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(FastStartReporter.class));
	}

	@Test
	void runInDaemonModeWithAnEntryCreatesAReporterThatHoldsIt() throws IOException {
		Path entry = entry();
		daemonMode().withPropertyValues(FastStartCache.ENTRY_VARIABLE + "=" + entry).run((context) -> {
			assertThat(context).hasSingleBean(FastStartReporter.class);
			assertThat(context.getBean(FastStartReporter.class).describe())
				.isEqualTo(new FastStartReporter.Description(entry.toString(), entry.resolve("app/shop.jar").toString(),
						entry.resolve(ArchiveKind.current().fileName()).toString(),
						ArchiveKind.current().name().toLowerCase(Locale.ROOT), false, false, "background"));
			assertThat(CacheEntryTests.posixLocks(entry.resolve(CacheEntry.LOCK), ProcessHandle.current().pid()))
				.singleElement()
				.asString()
				.contains("READ");
		});
	}

	@Test
	void runInDaemonModeWhenTheEntryIsGoneDoesNotFail() {
		Path gone = this.directory.resolve("shop-fast-start/0123456789abcdef");
		daemonMode().withPropertyValues(FastStartCache.ENTRY_VARIABLE + "=" + gone).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(FastStartReporter.class);
			assertThat(context.getBean(FastStartReporter.class).describe().entry()).isEqualTo(gone.toString());
		});
	}

	@Test
	void runWhenUserDefinesAReporterBacksOff() throws IOException {
		Path entry = entry();
		FastStartReporter mine = new FastStartReporter(new CacheEntry(entry, "shop.jar", ArchiveKind.CDS),
				FastStartTraining.BACKGROUND, null);
		daemonMode().withPropertyValues(FastStartCache.ENTRY_VARIABLE + "=" + entry)
			.withBean("myReporter", FastStartReporter.class, () -> mine)
			.run((context) -> assertThat(context).hasSingleBean(FastStartReporter.class)
				.getBean(FastStartReporter.class)
				.isSameAs(mine));
	}

	@Test
	void runWithTrainingNeverPublishesThatNothingTrainsWhenReady() throws IOException {
		Path entry = entry();
		daemonMode().withPropertyValues(FastStartCache.ENTRY_VARIABLE + "=" + entry, "daemon.fast-start.training=never")
			.run((context) -> {
				context.publishEvent(readyEvent(context));
				assertThat(context.getBean(StatusPublisher.class).getStatusFile().read())
					.containsEntry("fast-start.training", "never")
					.containsEntry("fast-start.archive-used", "false");
				assertThat(context.getBean(FastStartReporter.class).describe())
					.returns(false, FastStartReporter.Description::training)
					.returns("never", FastStartReporter.Description::trainingMode);
				assertThat(entry.resolve("training.lock")).doesNotExist();
			});
	}

	@Test
	void runWithTrainingInstallPublishesThatTheUnitCommandsTrainWhenReady() throws IOException {
		Path entry = entry();
		daemonMode()
			.withPropertyValues(FastStartCache.ENTRY_VARIABLE + "=" + entry, "daemon.fast-start.training=install")
			.run((context) -> {
				context.publishEvent(readyEvent(context));
				assertThat(context.getBean(StatusPublisher.class).getStatusFile().read())
					.containsEntry("fast-start.training", "install");
				assertThat(entry.resolve("training.lock")).doesNotExist();
			});
	}

	@Test
	void runWithTrainingNeverAndAnArchivePublishesNoTrainingState() throws IOException {
		Path entry = entry();
		Files.write(entry.resolve(ArchiveKind.current().fileName()), CacheEntryTests.archiveContent());
		daemonMode().withPropertyValues(FastStartCache.ENTRY_VARIABLE + "=" + entry, "daemon.fast-start.training=never")
			.run((context) -> {
				context.publishEvent(readyEvent(context));
				assertThat(context.getBean(StatusPublisher.class).getStatusFile().read())
					.containsEntry("fast-start.training", "none");
			});
	}

	@Test
	void runWithAnUnknownTrainingFails() throws IOException {
		Path entry = entry();
		daemonMode()
			.withPropertyValues(FastStartCache.ENTRY_VARIABLE + "=" + entry, "daemon.fast-start.training=sometimes")
			.run((context) -> assertThat(context).hasFailed());
	}

	private static ApplicationReadyEvent readyEvent(AssertableApplicationContext context) {
		return new ApplicationReadyEvent(new SpringApplication(), new String[0], context.getSourceApplicationContext(),
				Duration.ZERO);
	}

	private ApplicationContextRunner daemonMode() {
		return this.contextRunner.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource(DaemonSettings.PROPERTY_SOURCE_NAME,
					Map.of("spring.pid.file", this.directory.resolve("shop.pid").toString()))));
	}

	private Path entry() throws IOException {
		Path entry = this.directory.resolve("shop-fast-start/0123456789abcdef");
		Files.createDirectories(entry.resolve("app/lib"));
		Files.writeString(entry.resolve("app/shop.jar"), "the application");
		Files.writeString(entry.resolve("app/lib/a.jar"), "a library");
		Files.createFile(entry.resolve(CacheEntry.LOCK));
		return entry;
	}

}
