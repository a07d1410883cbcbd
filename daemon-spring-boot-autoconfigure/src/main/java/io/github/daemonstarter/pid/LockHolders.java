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

package io.github.daemonstarter.pid;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.github.daemonstarter.posix.ProcFs;
import org.jspecify.annotations.Nullable;

/**
 * Finds which process holds an exclusive {@code flock(2)} lock on a file, from
 * {@code /proc/locks}.
 *
 * @author Daemon Starter Team
 */
final class LockHolders {

	private final ProcFs procFs;

	LockHolders() {
		this(ProcFs.system());
	}

	LockHolders(ProcFs procFs) {
		this.procFs = procFs;
	}

	/**
	 * Return the PID of the process that holds an exclusive {@code flock} on the given
	 * file.
	 * @param device the file's device as reported by {@code stat(2)}
	 * @param inode the file's inode number
	 * @return the PID or {@code null} if no process holds an exclusive lock on it
	 */
	@Nullable Long exclusiveHolder(long device, long inode) {
		List<String[]> candidates = new ArrayList<>();
		for (String line : readLines()) {
			String[] fields = line.trim().split("\\s+");
			if (fields.length >= 6 && "FLOCK".equals(fields[1]) && "WRITE".equals(fields[3])) {
				String[] id = fields[5].split(":");
				if (id.length == 3 && id[2].equals(Long.toString(inode))) {
					candidates.add(new String[] { fields[4], id[0], id[1] });
				}
			}
		}
		for (String[] candidate : candidates) {
			if (Integer.parseInt(candidate[1], 16) == major(device)
					&& Integer.parseInt(candidate[2], 16) == minor(device)) {
				return Long.valueOf(candidate[0]);
			}
		}
		return (candidates.size() == 1) ? Long.valueOf(candidates.get(0)[0]) : null;
	}

	private List<String> readLines() {
		try {
			return this.procFs.locks();
		}
		catch (IOException ex) {
			return List.of();
		}
	}

	static int major(long device) {
		return (int) (((device >>> 8) & 0xfff) | ((device >>> 32) & ~0xfffL));
	}

	static int minor(long device) {
		return (int) ((device & 0xff) | ((device >>> 12) & ~0xffL));
	}

}
