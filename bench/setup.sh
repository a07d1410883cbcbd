#!/usr/bin/env bash
#
# Copyright 2026-present the original author or authors.
#
# Licensed under the Apache License, Version 2.0 (the "License");
# you may not use this file except in compliance with the License.
# You may obtain a copy of the License at
#
#      https://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS,
# WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
# See the License for the specific language governing permissions and
# limitations under the License.
#
# setup.sh: what the benchmark scripts that start the sample application set up first, sourced
# by them once they have set PROJECT_DIR, ROUNDS, WARMUP and POLL_MS: the jar (JAR), its layout
# (LAYOUT), the java binary (JAVA, else $JAVA_HOME/bin/java, else java on the PATH), the JVM flags
# (JVM_OPTS from $JAVA_OPTS), die, and the checks of bash and of the shared settings.

JAR=${JAR:-$PROJECT_DIR/sample-app/target/sample-app.jar}
[[ $JAR == /* ]] || JAR=$PWD/$JAR
if [[ -z ${JAVA:-} ]]; then
	if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then
		JAVA=$JAVA_HOME/bin/java
	else
		JAVA=$(command -v java) || { echo "No java found: set JAVA or JAVA_HOME" >&2; exit 2; }
	fi
fi
read -r -a JVM_OPTS <<<"${JAVA_OPTS:-}"
LAYOUT=${LAYOUT:-jar}

die() {
	echo "error: $*" >&2
	exit 1
}

[[ -n ${EPOCHREALTIME:-} ]] || die "needs bash 5 or later (\$EPOCHREALTIME)"
[[ $ROUNDS =~ ^[1-9][0-9]*$ && $WARMUP =~ ^[0-9]+$ && $POLL_MS =~ ^[1-9][0-9]*$ ]] \
	|| die "ROUNDS, WARMUP and POLL_MS must be whole numbers (ROUNDS and POLL_MS at least 1)"
[[ $LAYOUT =~ ^(jar|extracted|cds)$ ]] || die "LAYOUT must be jar, extracted or cds, not '$LAYOUT'"
