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

package io.github.daemonstarter.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Makes variants of the sample jar, as a deploy of a new version would bring.
 *
 * @author Daemon Starter Team
 */
final class SampleJars {

	private SampleJars() {
	}

	/**
	 * Copy the sample jar with lines added to its {@code application.properties}. Stored
	 * entries stay stored, so that the copy is still an executable Spring Boot jar.
	 * @param source the jar
	 * @param target the copy
	 * @param lines the lines to add
	 * @throws IOException if the jar cannot be copied
	 */
	static void withExtraProperties(Path source, Path target, String lines) throws IOException {
		try (ZipFile zip = new ZipFile(source.toFile());
				ZipOutputStream output = new ZipOutputStream(Files.newOutputStream(target))) {
			for (ZipEntry entry : Collections.list(zip.entries())) {
				byte[] content = zip.getInputStream(entry).readAllBytes();
				if (entry.getName().equals("BOOT-INF/classes/application.properties")) {
					content = (new String(content, StandardCharsets.UTF_8) + "\n" + lines)
						.getBytes(StandardCharsets.UTF_8);
				}
				ZipEntry copy = new ZipEntry(entry.getName());
				copy.setMethod(entry.getMethod());
				copy.setTime(entry.getTime());
				if (entry.getMethod() == ZipEntry.STORED) {
					CRC32 crc = new CRC32();
					crc.update(content);
					copy.setSize(content.length);
					copy.setCompressedSize(content.length);
					copy.setCrc(crc.getValue());
				}
				output.putNextEntry(copy);
				output.write(content);
				output.closeEntry();
			}
		}
	}

}
