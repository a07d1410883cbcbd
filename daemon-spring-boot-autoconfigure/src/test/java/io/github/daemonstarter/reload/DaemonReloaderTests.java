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

package io.github.daemonstarter.reload;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.daemonstarter.posix.Posix;
import io.github.daemonstarter.status.ReloadStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link DaemonReloader}.
 *
 * @author Daemon Starter Team
 */
class DaemonReloaderTests {

	@TempDir
	Path directory;

	private final List<DaemonReloadEvent> events = new CopyOnWriteArrayList<>();

	private final List<ReloadStatus> statuses = new CopyOnWriteArrayList<>();

	private GenericApplicationContext context;

	@BeforeEach
	void createContext() {
		this.context = new GenericApplicationContext();
		this.context.addApplicationListener((ApplicationListener<DaemonReloadEvent>) this.events::add);
		this.context.refresh();
	}

	@AfterEach
	void closeContext() {
		this.context.close();
	}

	@Test
	void reloadWhenReadyPublishesNumberedEventsAndStatus() {
		DaemonReloader reloader = reloader(null);
		ready(reloader);
		reloader.requestReload();
		reloader.requestReload();
		assertThat(this.events).extracting(DaemonReloadEvent::getReload).containsExactly(1, 2);
		assertThat(this.events).allSatisfy((event) -> {
			assertThat(event.getSource()).isSameAs(this.context);
			assertThat(event.getLogFile()).isNull();
		});
		assertThat(this.statuses).extracting(ReloadStatus::count).containsExactly(0, 1, 2);
		assertThat(this.statuses).allSatisfy((status) -> assertThat(status.lastFailure()).isNull());
	}

	@Test
	void readyAnnouncesReloadsWithACountOfZero() {
		DaemonReloader reloader = reloader(null);
		ready(reloader);
		assertThat(this.statuses).singleElement().satisfies((status) -> {
			assertThat(status.count()).isZero();
			assertThat(status.lastAt()).isNull();
		});
	}

	@Test
	void reloadWhileStartingRunsOnceTheApplicationIsReady() {
		DaemonReloader reloader = reloader(null);
		reloader.requestReload();
		assertThat(this.events).isEmpty();
		ready(reloader);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.events.size() == 1);
		assertThat(this.events.get(0).getReload()).isEqualTo(1);
	}

	@Test
	void reloadWhenAListenerFailsPublishesTheFailure() {
		this.context.addApplicationListener((ApplicationListener<DaemonReloadEvent>) (event) -> {
			throw new IllegalStateException("settings are broken");
		});
		List<DaemonReloadedEvent> reloaded = new CopyOnWriteArrayList<>();
		this.context.addApplicationListener((ApplicationListener<DaemonReloadedEvent>) reloaded::add);
		DaemonReloader reloader = reloader(null);
		ready(reloader);
		reloader.requestReload();
		String failure = "a DaemonReloadEvent listener failed: java.lang.IllegalStateException: settings are broken";
		assertThat(this.statuses.get(this.statuses.size() - 1).lastFailure()).isEqualTo(failure);
		assertThat(reloaded).singleElement().satisfies((event) -> {
			assertThat(event.getReload()).isEqualTo(1);
			assertThat(event.getFailure()).isEqualTo(failure);
		});
	}

	@Test
	void reloadWhileClosingOnlyReopensTheLogFile() {
		DaemonReloader reloader = reloader(null);
		ready(reloader);
		reloader.onApplicationEvent(new ContextClosedEvent(this.context));
		reloader.requestReload();
		assertThat(this.events).isEmpty();
		assertThat(this.statuses).extracting(ReloadStatus::count).containsExactly(0, 1);
	}

	@Test
	void reloadAfterAChildContextClosedStillPublishesTheEvent() {
		DaemonReloader reloader = reloader(null);
		ready(reloader);
		GenericApplicationContext child = new GenericApplicationContext();
		child.setParent(this.context);
		reloader.onApplicationEvent(new ContextClosedEvent(child));
		reloader.requestReload();
		assertThat(this.events).hasSize(1);
	}

	@Test
	void reloadWhenTheLogFileCannotBeOpenedGoesOnAndReportsWhy() throws Exception {
		Path directoryInstead = Files.createDirectory(this.directory.resolve("app.log"));
		DaemonReloader reloader = reloader(new LogFileReopener(Posix::get, directoryInstead, 999));
		ready(reloader);
		reloader.requestReload();
		assertThat(this.events).singleElement().satisfies((event) -> assertThat(event.getLogFile()).isNull());
		assertThat(this.statuses.get(1).lastFailure()).isEqualTo("cannot open log file " + directoryInstead
				+ ": Is a directory; logging goes on into the previous file");
	}

	private DaemonReloader reloader(LogFileReopener reopener) {
		DaemonReloader reloader = new DaemonReloader(reopener);
		reloader.publishStatusTo(this.statuses::add);
		return reloader;
	}

	private void ready(DaemonReloader reloader) {
		reloader.onApplicationEvent(
				new ApplicationReadyEvent(new SpringApplication(), new String[0], this.context, Duration.ZERO));
	}

}
