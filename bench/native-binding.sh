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
# native-binding.sh: what binding the C library costs on a fresh JVM, for three ways of
# making the calls that the daemon runtime makes to lock its PID file. A benchmark, not a
# test: `./mvnw verify` never runs it.
#
# One fresh JVM per sample runs bench/src/NativeBindingBench.java with one variant:
#
#   jnr-posix  jnr-posix's POSIXFactory.getNativePOSIX()
#   jnr-ffi    a jnr-ffi LibraryLoader interface with only the functions below
#   jffi       the starter's own io.github.daemonstarter.posix.Posix (jffi called directly)
#   none       (information) no native call: the floor of a JVM that runs the program
#
# Each native variant loads its binding, then calls open (create, O_NOFOLLOW, O_CLOEXEC),
# flock(LOCK_EX|LOCK_NB), a second open and flock of the same file that must fail with
# EWOULDBLOCK (read through errno), fchmod, umask (set and restore), geteuid and close, and
# checks every result. All variants run with the same java, the same classpath (jnr-posix and
# what it brings, plus the module's classes) and the same JVM flags, and they alternate within
# every round (the order rotates from round to round). The first WARMUP rounds are discarded.
#
# Per variant it prints the median and the minimum of:
#   wall       from starting `java` until it has exited, as bash's `time` measures it
#   CPU        user + system time of that JVM, all its threads, from the same `time`
#   load+calls inside the JVM: System.nanoTime() from just before the binding is loaded until
#              the last call returned
# and, against the best of the three native variants by median, the difference and the ratio.
#
#   bench/native-binding.sh                                            # 10 rounds + 1 warm-up
#   ROUNDS=20 bench/native-binding.sh
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java bench/native-binding.sh
#   JAVA_OPTS="-XX:TieredStopAtLevel=1" bench/native-binding.sh
#
# Environment: ROUNDS (10), WARMUP (1), JAVA (java binary; default $JAVA_HOME/bin/java, else
# java on the PATH; javac is taken from beside it, else from the PATH), JAVA_OPTS (JVM flags for
# every sample), JNR_POSIX_VERSION (3.2.8), KEEP (1 keeps the temporary directory), SKIP_BUILD
# (1 uses the module's target/classes as they are).
#
# It compiles daemon-spring-boot-autoconfigure when its target/classes are missing or older
# than its sources, and resolves the classpath from a throw-away POM in the temporary
# directory whose parent is the project's POM (so jffi, its native jar and Spring are the
# versions the project manages), offline first and online only if something is missing. It
# installs nothing into ~/.m2. Every process it starts is killed by PID on exit.

set -euo pipefail
export LC_ALL=C

ROUNDS=${ROUNDS:-10}
WARMUP=${WARMUP:-1}
JNR_POSIX_VERSION=${JNR_POSIX_VERSION:-3.2.8}
KEEP=${KEEP:-0}
SKIP_BUILD=${SKIP_BUILD:-0}
# lib.sh's fork-free sleep needs a poll interval; this script does not poll
POLL_MS=10

PROJECT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MODULE=daemon-spring-boot-autoconfigure
CLASSES=$PROJECT_DIR/$MODULE/target/classes
VARIANTS=(jnr-posix jnr-ffi jffi none)

die() {
	echo "error: $*" >&2
	exit 1
}

if [[ -z ${JAVA:-} ]]; then
	if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then
		JAVA=$JAVA_HOME/bin/java
	else
		JAVA=$(command -v java) || die "no java found: set JAVA or JAVA_HOME"
	fi
fi
if [[ -x $(dirname "$JAVA")/javac ]]; then
	JAVAC=$(dirname "$JAVA")/javac
else
	JAVAC=$(command -v javac) || die "no javac beside $JAVA or on the PATH: a JDK is needed"
fi
read -r -a JVM_OPTS <<<"${JAVA_OPTS:-}"
[[ $ROUNDS =~ ^[1-9][0-9]*$ && $WARMUP =~ ^[0-9]+$ ]] \
	|| die "ROUNDS and WARMUP must be whole numbers (ROUNDS at least 1)"

# --- processes started by this script, killed by PID on exit -------------------------------

WORK=$(mktemp -d "${TMPDIR:-/tmp}/native-binding-bench.XXXXXX") || die "cannot create a temporary directory"
# lib.sh kills a process only if its command line contains JAR: every JVM of this script has
# WORK on its command line (its classpath and its java.io.tmpdir).
JAR=$WORK
LAYOUT=jar
declare -A STARTED=()

# shellcheck source=bench/lib.sh
source "$PROJECT_DIR/bench/lib.sh"

trap stop_started_and_clean_up EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- build, classpath, compile -------------------------------------------------------------

cd "$PROJECT_DIR" || die "cannot enter $PROJECT_DIR"

# Runs ./mvnw with the given arguments, offline first, then online; output goes to a log.
mvnw() {
	./mvnw -B -q -o "$@" >>"$WORK/maven.log" 2>&1 || ./mvnw -B -q "$@" >>"$WORK/maven.log" 2>&1 \
		|| { tail -40 "$WORK/maven.log" >&2; return 1; }
}

if [[ $SKIP_BUILD != 1 ]] && { [[ ! -d $CLASSES ]] \
	|| [[ -n $(find "$MODULE/src/main" pom.xml "$MODULE/pom.xml" -newer "$CLASSES" -type f -print -quit) ]]; }; then
	echo "Compiling $MODULE ..."
	mvnw -pl "$MODULE" compile || die "the build failed"
	touch "$CLASSES"
fi
[[ -f $CLASSES/io/github/daemonstarter/posix/Posix.class ]] || die "no $CLASSES: run without SKIP_BUILD=1"

cat >"$WORK/pom.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
	<modelVersion>4.0.0</modelVersion>
	<parent>
		<groupId>io.github.daemonstarter</groupId>
		<artifactId>daemon-spring-boot-build</artifactId>
		<version>1.0.0-SNAPSHOT</version>
		<relativePath>$(realpath --relative-to="$WORK" "$PROJECT_DIR/pom.xml")</relativePath>
	</parent>
	<artifactId>native-binding-bench</artifactId>
	<dependencies>
		<dependency>
			<groupId>com.github.jnr</groupId>
			<artifactId>jnr-posix</artifactId>
			<version>$JNR_POSIX_VERSION</version>
		</dependency>
		<dependency>
			<groupId>com.github.jnr</groupId>
			<artifactId>jffi</artifactId>
			<classifier>native</classifier>
		</dependency>
		<dependency>
			<groupId>org.springframework</groupId>
			<artifactId>spring-core</artifactId>
		</dependency>
	</dependencies>
</project>
EOF
mvnw -f "$WORK/pom.xml" dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile="$WORK/bench.cp" \
	|| die "resolving the classpath failed"
CP="$WORK/classes:$CLASSES:$(<"$WORK/bench.cp")"
mkdir -p "$WORK/classes" "$WORK/tmp" "$WORK/files"
"$JAVAC" --release 17 -nowarn -d "$WORK/classes" -cp "$CP" "$PROJECT_DIR/bench/src/NativeBindingBench.java" \
	|| die "compiling bench/src/NativeBindingBench.java failed"

# The same flags for every variant: those that the sample's manifest gives `java -jar`, and a
# java.io.tmpdir of our own, where jffi extracts its native stub.
JVM_OPTS+=(--enable-native-access=ALL-UNNAMED --add-opens java.base/java.io=ALL-UNNAMED
	--add-opens java.base/sun.nio.ch=ALL-UNNAMED "-Djava.io.tmpdir=$WORK/tmp")

echo "== native-binding benchmark =="
echo "date:       $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "machine:    $(uname -srm), nproc $(nproc), $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
echo "load avg:   $(cut -d' ' -f1-3 /proc/loadavg) (at start)"
echo "java:       $JAVA"
"$JAVA" -version 2>&1 | sed 's/^/            /'
echo "JVM flags:  ${JVM_OPTS[*]} (\$JAVA_OPTS and the script's, every sample)"
echo "jars:       $(tr ':' '\n' <"$WORK/bench.cp" | grep -E '/(jnr|jffi|asm)[^/]*\.jar$' | sed 's|.*/||' | tr '\n' ' ')"
echo "rounds:     $ROUNDS measured + $WARMUP warm-up (discarded); one fresh JVM per sample, the order rotating"
echo

# --- one sample ------------------------------------------------------------------------------

declare -A SAMPLES=()
TIMEFORMAT='%3R %3U %3S'

# sample <variant>: runs one JVM and sets S_WALL, S_CPU and S_SECTION (microseconds) or dies.
sample() {
	local variant=$1 out=$WORK/$1.out real user sys
	{ time run_tracked "$JAVA" "${JVM_OPTS[@]}" -cp "$CP" NativeBindingBench "$variant" \
		"$WORK/files/$variant.lock" >"$out" 2>&1; } 2>"$WORK/time" \
		|| die "variant $variant failed: $(tail -5 "$out")"
	read -r real user sys <"$WORK/time"
	S_WALL=$((10#${real/./}000))
	S_CPU=$((10#${user/./}000 + 10#${sys/./}000))
	S_SECTION=$(awk '$1 == "RESULT" && $2 == "section_us" { print $3 }' "$out")
	[[ $S_SECTION =~ ^[0-9]+$ ]] || die "variant $variant printed no figure: $(tail -5 "$out")"
}

printf '%-8s' "round"
for variant in "${VARIANTS[@]}"; do
	printf ' | %-22s' "$variant: wall cpu l+c"
done
echo
total=$((WARMUP + ROUNDS))
for ((round = 0; round < total; round++)); do
	label=$((round - WARMUP + 1))
	((round < WARMUP)) && label=warm-up
	declare -A line=()
	for ((i = 0; i < ${#VARIANTS[@]}; i++)); do
		variant=${VARIANTS[(round + i) % ${#VARIANTS[@]}]}
		sample "$variant"
		line[$variant]=$(printf '%6d %6d %6d ms' $((S_WALL / 1000)) $((S_CPU / 1000)) $((S_SECTION / 1000)))
		if ((round >= WARMUP)); then
			SAMPLES[$variant.wall]+=" $S_WALL"
			SAMPLES[$variant.cpu]+=" $S_CPU"
			SAMPLES[$variant.section]+=" $S_SECTION"
		fi
	done
	printf '%-8s' "$label"
	for variant in "${VARIANTS[@]}"; do
		printf ' | %-22s' "${line[$variant]}"
	done
	echo
	unset line
done

# --- summary -------------------------------------------------------------------------------

echo
echo "load avg:   $(cut -d' ' -f1-3 /proc/loadavg) (at end)"
echo
for variant in "${VARIANTS[@]}"; do
	for figure in wall cpu section; do
		# shellcheck disable=SC2086
		read -r median min < <(stats ${SAMPLES[$variant.$figure]})
		echo "$variant $figure $median $min"
	done
done | awk -v rounds="$ROUNDS" '
	{ med[$1, $2] = $3; min[$1, $2] = $4 }
	function best(figure,   v, b) {
		b = ""
		for (v in natives) if (b == "" || med[natives[v], figure] < med[b, figure]) b = natives[v]
		return b
	}
	function cell(v, figure) { return sprintf("%5d (%4d)", med[v, figure], min[v, figure]) }
	function versus(v, figure, b) {
		if (v == b) return "best"
		return sprintf("%+d ms %.2fx", med[v, figure] - med[b, figure], med[v, figure] / med[b, figure])
	}
	END {
		split("jnr-posix jnr-ffi jffi", natives, " ")
		names["jnr-posix"] = "jnr-posix POSIX"; names["jnr-ffi"] = "jnr-ffi interface"
		names["jffi"] = "jffi (starter Posix)"; names["none"] = "none (JVM floor)"
		print "Summary over " rounds " rounds, one fresh JVM per sample: median (min), ms"
		printf "%-22s %13s %13s %13s   %-18s %-18s %-18s\n", "variant", "wall", "CPU", "load+calls",
			"wall vs best", "CPU vs best", "load+calls vs best"
		bw = best("wall"); bc = best("cpu"); bs = best("section")
		for (i = 1; i <= 3; i++) {
			v = natives[i]
			printf "%-22s %13s %13s %13s   %-18s %-18s %-18s\n", names[v], cell(v, "wall"), cell(v, "cpu"),
				cell(v, "section"), versus(v, "wall", bw), versus(v, "cpu", bc), versus(v, "section", bs)
		}
		printf "%-22s %13s %13s %13s   (information)\n", names["none"], cell("none", "wall"), cell("none", "cpu"),
			cell("none", "section")
		print ""
		for (i = 1; i <= 3; i++) {
			v = natives[i]
			printf "%-22s over the floor: wall %+d ms, CPU %+d ms\n", names[v], med[v, "wall"] - med["none", "wall"],
				med[v, "cpu"] - med["none", "cpu"]
		}
		d = med["jnr-posix", "wall"] - med[bw, "wall"]
		printf "jnr-posix POSIX within 30 ms of the best by median wall time (best: %s): %s, %+d ms\n", names[bw],
			(d <= 30) ? "yes" : "no", d
	}'
