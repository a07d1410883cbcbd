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

package io.github.daemonstarter.handshake;

import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;

import io.github.daemonstarter.handshake.LaunchMessage.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LaunchMessage}.
 *
 * @author Daemon Starter Team
 */
class LaunchMessageTests {

	@ParameterizedTest
	@EnumSource(Type.class)
	void parseOfToLineReturnsSameMessage(Type type) {
		LaunchMessage message = new LaunchMessage(type, "port 8080, ünïcødé ✓");
		assertThat(LaunchMessage.parse(message.toLine())).isEqualTo(message);
	}

	@Test
	void writeToWritesTheLineWithItsSeparatorInUtf8() throws Exception {
		ByteArrayOutputStream written = new ByteArrayOutputStream();
		new LaunchMessage(Type.FAILED, "port 80 is taken by ünïcødé").writeTo(Channels.newChannel(written));
		assertThat(written.toString(StandardCharsets.UTF_8)).isEqualTo("FAILED port 80 is taken by ünïcødé\n");
	}

	@Test
	void toLineWhenTextIsEmptyIsTypeOnly() {
		assertThat(new LaunchMessage(Type.LOCKED, "").toLine()).isEqualTo("LOCKED");
		assertThat(LaunchMessage.parse("LOCKED")).isEqualTo(new LaunchMessage(Type.LOCKED, ""));
	}

	@Test
	void textIsFoldedOntoOneLine() {
		LaunchMessage message = new LaunchMessage(Type.FAILED,
				"  Port 8080 in use\n\tat Foo.bar()\r\n  \n  at Baz.qux()  \r");
		assertThat(message.text()).isEqualTo("Port 8080 in use at Foo.bar() at Baz.qux()");
		assertThat(message.toLine()).isEqualTo("FAILED Port 8080 in use at Foo.bar() at Baz.qux()")
			.doesNotContain("\n");
	}

	@Test
	void textKeepsInnerSpacesOfOneLine() {
		assertThat(new LaunchMessage(Type.PHASE, "a  b\tc").text()).isEqualTo("a  b\tc");
	}

	@Test
	void parseIgnoresCaseOfType() {
		assertThat(LaunchMessage.parse("ready port 8080")).isEqualTo(new LaunchMessage(Type.READY, "port 8080"));
	}

	@Test
	void parseKeepsEverythingAfterFirstSpaceAsText() {
		assertThat(LaunchMessage.parse("PHASE starting  the web server")).extracting(LaunchMessage::text)
			.isEqualTo("starting  the web server");
	}

	@Test
	void parseWhenUnknownTypeReturnsNull() {
		assertThat(LaunchMessage.parse("HELLO world")).isNull();
		assertThat(LaunchMessage.parse("")).isNull();
		assertThat(LaunchMessage.parse(" READY")).isNull();
	}

}
