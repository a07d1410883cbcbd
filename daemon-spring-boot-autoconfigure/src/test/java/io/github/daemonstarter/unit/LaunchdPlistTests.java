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

package io.github.daemonstarter.unit;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LaunchdPlist}.
 *
 * @author Daemon Starter Team
 */
class LaunchdPlistTests {

	private static final List<String> ARGUMENTS = List.of("--greeting=<hello> & \"bye\"", "--quote=it's",
			"--name=ünïcödé", "--price=100% $HOME", "--tab=a\tb");

	@Test
	void contentHasLabelProgramArgumentsAndKeepAlive() {
		String plist = new LaunchdPlist(
				ServiceDefinitions.of(ARGUMENTS, Path.of("/srv/shop & co"), "shop", "staff", null))
			.content();
		assertThat(plist).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
			.contains("\t<key>Label</key>\n\t<string>shop</string>\n")
			.contains("\t\t<string>--daemon=run</string>\n")
			.contains("<string>--greeting=&lt;hello&gt; &amp; &quot;bye&quot;</string>")
			.contains("\t<key>WorkingDirectory</key>\n\t<string>/srv/shop &amp; co</string>\n")
			.contains("\t<key>UserName</key>\n\t<string>shop</string>\n")
			.contains("\t<key>GroupName</key>\n\t<string>staff</string>\n")
			.contains("\t<key>RunAtLoad</key>\n\t<true/>\n")
			.contains("\t<key>KeepAlive</key>\n\t<dict>\n\t\t<key>SuccessfulExit</key>\n\t\t<false/>\n\t</dict>\n")
			.contains("\t<key>StandardOutPath</key>\n\t<string>/srv/shop &amp; co/shop.log</string>\n")
			.contains("\t<key>StandardErrorPath</key>\n\t<string>/srv/shop &amp; co/shop.log</string>\n");
	}

	@Test
	void programArgumentsParseBackUnchanged() throws Exception {
		ServiceDefinition service = ServiceDefinitions.of(ARGUMENTS, Path.of("/srv/shop"), null, null, null);
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
		Document document = factory.newDocumentBuilder()
			.parse(new ByteArrayInputStream(new LaunchdPlist(service).content().getBytes(StandardCharsets.UTF_8)));
		NodeList arrays = document.getElementsByTagName("array");
		assertThat(arrays.getLength()).isOne();
		NodeList strings = ((Element) arrays.item(0)).getElementsByTagName("string");
		List<String> arguments = new ArrayList<>();
		for (int i = 0; i < strings.getLength(); i++) {
			arguments.add(strings.item(i).getTextContent());
		}
		assertThat(arguments).isEqualTo(service.runCommand());
		assertThat(arguments).containsSequence("--daemon=run", ARGUMENTS.get(0));
	}

	@Test
	void escapeReplacesCharactersXmlCannotHold() {
		assertThat(LaunchdPlist.escape("a\u0001b\nc")).isEqualTo("a\uFFFDb&#10;c");
	}

}
