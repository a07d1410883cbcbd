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

package io.github.daemonstarter.handover;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link HandoverPlan}.
 *
 * @author Daemon Starter Team
 */
class HandoverPlanTests {

	private final MockEnvironment environment = new MockEnvironment();

	private final ClassLoader classLoader = getClass().getClassLoader();

	@Test
	void ofWithTomcatOnTheClassPathHandsOverPort8080ByDefault() {
		HandoverPlan plan = HandoverPlan.of(this.environment, this.classLoader);
		assertThat(plan.handsOver()).isTrue();
		assertThat(plan.unavailable()).isNull();
		assertThat(plan.refusesReload()).isFalse();
		assertThat(plan.host()).isNull();
		assertThat(plan.port()).isEqualTo(8080);
		assertThat(plan.backlog()).isEqualTo(100);
		assertThat(plan.settings()).isEqualTo("server.port=8080");
	}

	@Test
	void ofHandsOverTheConfiguredPortAddressAndAcceptCount() {
		this.environment.setProperty("server.port", "9090");
		this.environment.setProperty("server.address", " 127.0.0.1 ");
		this.environment.setProperty("server.tomcat.accept-count", "250");
		HandoverPlan plan = HandoverPlan.of(this.environment, this.classLoader);
		assertThat(plan.handsOver()).isTrue();
		assertThat(plan.host()).isEqualTo("127.0.0.1");
		assertThat(plan.port()).isEqualTo(9090);
		assertThat(plan.backlog()).isEqualTo(250);
		assertThat(plan.address().getPort()).isEqualTo(9090);
		assertThat(plan.address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
		assertThat(plan.settings()).isEqualTo("server.address=127.0.0.1, server.port=9090");
	}

	@Test
	void ofWithAnInvalidPortFallsBackAndLeavesTheErrorToTheApplication() {
		this.environment.setProperty("server.port", "notaport");
		HandoverPlan plan = HandoverPlan.of(this.environment, this.classLoader);
		assertThat(plan.handsOver()).isFalse();
		assertThat(plan.refusesReload()).isFalse();
		assertThat(plan.unavailable()).startsWith("the web server's settings cannot be read");
	}

	@Test
	void ofWithANonPositiveAcceptCountUsesTheDefaultBacklog() {
		this.environment.setProperty("server.tomcat.accept-count", "0");
		assertThat(HandoverPlan.of(this.environment, this.classLoader).backlog()).isEqualTo(100);
	}

	@Test
	void ofWithoutAWebApplicationFallsBackToARestart() {
		this.environment.setProperty("spring.main.web-application-type", "none");
		HandoverPlan plan = HandoverPlan.of(this.environment, this.classLoader);
		assertThat(plan.handsOver()).isFalse();
		assertThat(plan.refusesReload()).isFalse();
		assertThat(plan.unavailable()).isEqualTo("the application has no web server");
	}

	@Test
	void ofWithANegativePortFallsBackToARestart() {
		this.environment.setProperty("server.port", "-1");
		HandoverPlan plan = HandoverPlan.of(this.environment, this.classLoader);
		assertThat(plan.handsOver()).isFalse();
		assertThat(plan.refusesReload()).isFalse();
		assertThat(plan.unavailable()).isEqualTo("server.port=-1 starts no web server");
	}

	@Test
	void ofWithoutTomcatOrJettyOnTheClassPathFallsBackToARestart() {
		FilteredClassLoader withoutWebServer = new FilteredClassLoader("org.springframework.boot.tomcat",
				"org.springframework.boot.jetty", "org.springframework.boot.reactor.netty");
		HandoverPlan plan = HandoverPlan.of(this.environment, withoutWebServer);
		assertThat(plan.handsOver()).isFalse();
		assertThat(plan.refusesReload()).isFalse();
		assertThat(plan.unavailable()).isEqualTo("no web server is on the class path");
	}

	@Test
	void ofWithJettyAloneOnTheClassPathHandsOver() {
		FilteredClassLoader jettyOnly = new FilteredClassLoader("org.springframework.boot.tomcat");
		this.environment.setProperty("server.port", "9090");
		HandoverPlan plan = HandoverPlan.of(this.environment, jettyOnly);
		assertThat(plan.handsOver()).isTrue();
		assertThat(plan.port()).isEqualTo(9090);
	}

	@Test
	void ofWithASeparateManagementPortRefusesReload() {
		this.environment.setProperty("server.port", "8080");
		this.environment.setProperty("management.server.port", "8081");
		HandoverPlan plan = HandoverPlan.of(this.environment, this.classLoader);
		assertThat(plan.handsOver()).isFalse();
		assertThat(plan.refusesReload()).isTrue();
		assertThat(plan.unavailable()).startsWith("management.server.port=8081 is a second port")
			.contains("remove management.server.port")
			.contains("--daemon=restart");
	}

	@Test
	void ofWithTheManagementPortEqualToTheServerPortHandsOver() {
		this.environment.setProperty("server.port", "9090");
		this.environment.setProperty("management.server.port", "9090");
		HandoverPlan plan = HandoverPlan.of(this.environment, this.classLoader);
		assertThat(plan.handsOver()).isTrue();
		assertThat(plan.port()).isEqualTo(9090);
	}

	@Test
	void ofWithTheManagementServerDisabledHandsOver() {
		this.environment.setProperty("management.server.port", "-1");
		assertThat(HandoverPlan.of(this.environment, this.classLoader).handsOver()).isTrue();
	}

	@Test
	void fromArgumentReadsAHandoverThatToArgumentWrites() {
		HandoverPlan plan = new HandoverPlan("127.0.0.1", 9090, 250, null, false);
		assertThat(plan.toArgument()).isEqualTo("handover:9090:250:127.0.0.1");
		assertThat(HandoverPlan.fromArgument(plan.toArgument())).isEqualTo(plan);
	}

	@Test
	void fromArgumentReadsAHandoverOnEveryAddressThatToArgumentWrites() {
		HandoverPlan plan = new HandoverPlan(null, 0, 100, null, false);
		assertThat(plan.toArgument()).isEqualTo("handover:0:100:");
		assertThat(HandoverPlan.fromArgument(plan.toArgument())).isEqualTo(plan);
	}

	@Test
	void fromArgumentReadsAHandoverOnAnIpv6HostThatToArgumentWrites() {
		HandoverPlan plan = new HandoverPlan("::1", 8443, 100, null, false);
		assertThat(HandoverPlan.fromArgument(plan.toArgument())).isEqualTo(plan);
		HandoverPlan full = new HandoverPlan("fe80::1:2:3", 8443, 100, null, false);
		assertThat(HandoverPlan.fromArgument(full.toArgument())).isEqualTo(full);
	}

	@Test
	void fromArgumentReadsAFallbackWithColonsInItsReason() {
		HandoverPlan plan = new HandoverPlan(null, 0, 0, "Reactor Netty: cannot serve it: no", false);
		assertThat(plan.toArgument()).isEqualTo("restart:Reactor Netty: cannot serve it: no");
		assertThat(HandoverPlan.fromArgument(plan.toArgument())).isEqualTo(plan);
	}

	@Test
	void fromArgumentReadsARefusalWithColonsInItsReason() {
		HandoverPlan plan = new HandoverPlan(null, 0, 0, "management.server.port=8081: a second port", true);
		assertThat(plan.toArgument()).isEqualTo("refuse:management.server.port=8081: a second port");
		assertThat(HandoverPlan.fromArgument(plan.toArgument())).isEqualTo(plan);
	}

	@Test
	void fromArgumentReadsWhatOfReturns() {
		this.environment.setProperty("management.server.port", "8081");
		HandoverPlan refusal = HandoverPlan.of(this.environment, this.classLoader);
		assertThat(HandoverPlan.fromArgument(refusal.toArgument())).isEqualTo(refusal);
	}

	@Test
	void fromArgumentWithAnUnknownKindThrowsException() {
		assertThatIllegalArgumentException().isThrownBy(() -> HandoverPlan.fromArgument("reuse:8080:100:"));
		assertThatIllegalArgumentException().isThrownBy(() -> HandoverPlan.fromArgument("handover"));
		assertThatIllegalArgumentException().isThrownBy(() -> HandoverPlan.fromArgument(""));
	}

	@Test
	void fromArgumentWithMissingPartsThrowsException() {
		assertThatIllegalArgumentException().isThrownBy(() -> HandoverPlan.fromArgument("handover:8080:100"))
			.withMessageContaining("handover:<port>:<backlog>:<host>");
		assertThatIllegalArgumentException().isThrownBy(() -> HandoverPlan.fromArgument("handover:8080"));
	}

	@Test
	void fromArgumentWithMalformedNumbersThrowsException() {
		assertThatIllegalArgumentException().isThrownBy(() -> HandoverPlan.fromArgument("handover:http:100:"));
		assertThatIllegalArgumentException().isThrownBy(() -> HandoverPlan.fromArgument("handover:8080:many:"));
	}

	@Test
	void fromArgumentWithNumbersOutOfRangeThrowsException() {
		assertThatIllegalArgumentException().isThrownBy(() -> HandoverPlan.fromArgument("handover:65536:100:"))
			.withMessageContaining("out of range");
		assertThatIllegalArgumentException().isThrownBy(() -> HandoverPlan.fromArgument("handover:-1:100:"));
		assertThatIllegalArgumentException().isThrownBy(() -> HandoverPlan.fromArgument("handover:8080:0:"));
	}

}
