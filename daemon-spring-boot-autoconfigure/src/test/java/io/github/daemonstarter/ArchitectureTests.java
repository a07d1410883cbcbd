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

package io.github.daemonstarter;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;

/**
 * The layering of the starter's packages, as the README's "How it is built" draws it:
 * each package may use the packages below it, never one above it, and no two packages use
 * each other.
 *
 * @author Daemon Starter Team
 */
@AnalyzeClasses(packages = "io.github.daemonstarter", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	private static final String BASE = "io.github.daemonstarter";

	/**
	 * The packages from the bottom up. The first is the base package alone: the exit
	 * codes, the exception and the console that every layer uses.
	 */
	static final List<String> LAYERS = List.of(BASE, BASE + ".posix..", BASE + ".pid..", BASE + ".restart..",
			BASE + ".handshake..", BASE + ".handover..", BASE + ".config..", BASE + ".server..", BASE + ".container..",
			BASE + ".launch.user..", BASE + ".launch.jvm..", BASE + ".watchdog..", BASE + ".status..",
			BASE + ".faststart..", BASE + ".supervised..", BASE + ".reload..", BASE + ".systemd..",
			BASE + ".supervisor..", BASE + ".runtime..", BASE + ".control..", BASE + ".actuate..", BASE + ".launch",
			BASE + ".unit..", BASE + ".role..");

	@ArchTest
	void noPackageCycles(JavaClasses classes) {
		SlicesRuleDefinition.slices().matching(BASE + ".(**)").should().beFreeOfCycles().check(classes);
	}

	@ArchTest
	void everyPackageIsALayer(JavaClasses classes) {
		ArchRuleDefinition.classes()
			.should()
			.resideInAnyPackage(LAYERS.toArray(String[]::new))
			.because("every package of the starter has its place in ArchitectureTests.LAYERS")
			.check(classes);
	}

	@ArchTest
	void noUpwardDependencies(JavaClasses classes) {
		CompositeArchRule
			.of(IntStream.range(0, LAYERS.size() - 1)
				.mapToObj(ArchitectureTests::noDependencyOnLayersAbove)
				.collect(Collectors.toList()))
			.check(classes);
	}

	private static ArchRule noDependencyOnLayersAbove(int layer) {
		String[] above = LAYERS.subList(layer + 1, LAYERS.size()).toArray(String[]::new);
		return ArchRuleDefinition.noClasses()
			.that()
			.resideInAPackage(LAYERS.get(layer))
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(above)
			.because(LAYERS.get(layer) + " lies below " + String.join(", ", above));
	}

}
