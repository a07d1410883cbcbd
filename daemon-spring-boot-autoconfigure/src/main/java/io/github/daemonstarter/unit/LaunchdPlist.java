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

import io.github.daemonstarter.config.UnitScope;

/**
 * Writes a launchd property list that runs the application in the foreground with
 * {@code --daemon=run}, starts it at load and restarts it when it ends unsuccessfully.
 * <p>
 * launchd has no reload action, so the property list has nothing for it: reload with
 * {@code --daemon=reload}, which finds the application through its PID file, or send
 * {@code SIGHUP} with {@code launchctl kill HUP <domain>/<label>}.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
public final class LaunchdPlist {

	private final ServiceDefinition definition;

	/**
	 * Create a new property list.
	 * @param definition the service
	 */
	public LaunchdPlist(ServiceDefinition definition) {
		this.definition = definition;
	}

	/**
	 * Return the content of the property list.
	 * @return the property list
	 */
	public String content() {
		ServiceDefinition service = this.definition;
		StringBuilder plist = new StringBuilder();
		plist.append("""
				<?xml version="1.0" encoding="UTF-8"?>
				<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
				<plist version="1.0">
				<dict>
				""");
		string(plist, "Label", service.name());
		plist.append("\t<key>ProgramArguments</key>\n\t<array>\n");
		for (String argument : service.runCommand()) {
			plist.append("\t\t<string>").append(escape(argument)).append("</string>\n");
		}
		plist.append("\t</array>\n");
		string(plist, "WorkingDirectory", service.workingDirectory().toString());
		if (service.scope() == UnitScope.SYSTEM && service.user() != null) {
			string(plist, "UserName", service.user());
		}
		if (service.scope() == UnitScope.SYSTEM && service.group() != null) {
			string(plist, "GroupName", service.group());
		}
		plist.append("\t<key>RunAtLoad</key>\n\t<true/>\n");
		plist.append("\t<key>KeepAlive</key>\n\t<dict>\n\t\t<key>SuccessfulExit</key>\n\t\t<false/>\n\t</dict>\n");
		plist.append("\t<key>ExitTimeOut</key>\n\t<integer>")
			.append(Math.max(1, service.stopTimeout().toSeconds()))
			.append("</integer>\n");
		string(plist, "StandardOutPath", service.logFile().toString());
		string(plist, "StandardErrorPath", service.logFile().toString());
		plist.append("</dict>\n</plist>\n");
		return plist.toString();
	}

	private static void string(StringBuilder plist, String key, String value) {
		plist.append("\t<key>").append(key).append("</key>\n\t<string>").append(escape(value)).append("</string>\n");
	}

	/**
	 * Return text escaped for XML content. Control characters that XML 1.0 cannot
	 * represent become U+FFFD.
	 * @param text the text
	 * @return the escaped text
	 */
	static String escape(String text) {
		StringBuilder escaped = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '&' -> escaped.append("&amp;");
				case '<' -> escaped.append("&lt;");
				case '>' -> escaped.append("&gt;");
				case '"' -> escaped.append("&quot;");
				case '\'' -> escaped.append("&apos;");
				case '\t', '\n', '\r' -> escaped.append("&#").append((int) c).append(';');
				default -> escaped.append((c < 0x20) ? '\uFFFD' : c);
			}
		}
		return escaped.toString();
	}

}
