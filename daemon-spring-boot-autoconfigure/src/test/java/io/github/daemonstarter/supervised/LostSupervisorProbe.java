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

package io.github.daemonstarter.supervised;

/**
 * Prints what {@link SupervisedApplication#lostSupervisor()} returns in a JVM of its own,
 * for {@link SupervisedApplicationTests}.
 *
 * @author Daemon Starter Team
 */
public final class LostSupervisorProbe {

	private LostSupervisorProbe() {
	}

	/**
	 * Print the PID of the lost supervisor, or {@code null}.
	 * @param args ignored
	 */
	public static void main(String[] args) {
		System.out.println(SupervisedApplication.lostSupervisor());
	}

}
