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
# watchdog.sh: what the watchdog (io.github.daemonstarter.watchdog) costs, measured side by
# side with a baseline of plain threads in one run. A benchmark, not a test: `./mvnw verify`
# never runs it.
#
# It builds daemon-spring-boot-autoconfigure (when its jar is missing or older than its
# sources), resolves its classpath with Maven, compiles bench/src/WatchdogBench.java with
# javac, and runs one JVM per scenario, every one with the same java and $JAVA_OPTS:
#
#   restart   latency from a failure (just before `throw`) to the entry of the next run()
#             with zero backoff (RestartPolicy initialDelay 0, maxRestarts -1): p50 and p99
#             over RESTARTS restarts after WARMUP_RESTARTS discarded ones. Baseline: a thread
#             that starts a new thread running the same body when the body throws. For
#             information also the watchdog with its own logging off.
#   idle      WORKERS workers blocked in WorkerContext.awaitStop: heap used after GC, live
#             threads, process CPU over DURATION seconds (after 2 s of settling) and the CPU
#             of the "watchdog" scheduler thread; then the same with a heartbeat timeout
#             (HEARTBEAT_TIMEOUT s; settling that long, until the first deadline checks) and
#             a heartbeat every HEARTBEAT_INTERVAL s. Baseline: the same Spring
#             application with WORKERS plain threads blocked the same way (and sending the same
#             heartbeats, a volatile write). Targets: under 1% of one core, no thread per worker
#             beyond the worker's own.
#   storm     hang-detection lateness of a healthy "canary" worker (heartbeat timeout
#             CANARY_TIMEOUT_MS): when the watchdog reports it hung (WorkerFailedEvent with a
#             WorkerHangException) minus (its last heartbeat + the timeout), over TRIALS trials
#             alone, then TRIALS trials while STORM_WORKERS workers throw at once on every run
#             (restart policy: initial delay STORM_DELAY_MS, multiplier STORM_MULTIPLIER,
#             jitter STORM_JITTER, no restart limit). Target: the storm delays it by at most 10 ms.
#
# It prints each scenario's figures, then a summary table (figure, watchdog, baseline, ratio
# or difference, target). Every process it starts is killed by PID on exit.
#
#   bench/watchdog.sh                                 # everything, DURATION=60
#   DURATION=5 bench/watchdog.sh                      # a quick run
#   SCENARIOS="restart storm" bench/watchdog.sh       # some scenarios only
#   PROFILE=1 SCENARIOS=storm bench/watchdog.sh       # where the scheduler thread's time goes
#   STORM_DELAY_MS=1000 SCENARIOS=storm bench/watchdog.sh   # a milder storm
#   VIRTUAL=1 JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bench/watchdog.sh   # workers on virtual threads
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bench/watchdog.sh
#
# Environment: SCENARIOS ("restart idle storm"), DURATION (60, seconds), WORKERS (10000),
# HEARTBEAT_TIMEOUT (30, s), HEARTBEAT_INTERVAL (10, s), RESTARTS (1000), WARMUP_RESTARTS (200),
# TRIALS (20), TRIAL_WARMUP (3), CANARY_TIMEOUT_MS (200), STORM_WORKERS (1000),
# STORM_DELAY_MS (10), STORM_MULTIPLIER (1), STORM_JITTER (0.5), PROFILE (0), VIRTUAL (0; 1 sets
# spring.threads.virtual.enabled=true for the watchdog, Java 21+; the baselines keep platform threads), JAVA_OPTS,
# JAVA_HOME (java and javac; default those on the PATH), APP_LOG (where the application's log
# goes; default /dev/null), KEEP (1 keeps the temporary directory), SKIP_BUILD (1 uses the jar
# as it is).

set -uo pipefail
export LC_ALL=C

SCENARIOS=${SCENARIOS:-restart idle storm}
DURATION=${DURATION:-60}
WORKERS=${WORKERS:-10000}
HEARTBEAT_TIMEOUT=${HEARTBEAT_TIMEOUT:-30}
HEARTBEAT_INTERVAL=${HEARTBEAT_INTERVAL:-10}
RESTARTS=${RESTARTS:-1000}
WARMUP_RESTARTS=${WARMUP_RESTARTS:-200}
TRIALS=${TRIALS:-20}
TRIAL_WARMUP=${TRIAL_WARMUP:-3}
CANARY_TIMEOUT_MS=${CANARY_TIMEOUT_MS:-200}
STORM_WORKERS=${STORM_WORKERS:-1000}
STORM_DELAY_MS=${STORM_DELAY_MS:-10}
STORM_MULTIPLIER=${STORM_MULTIPLIER:-1}
STORM_JITTER=${STORM_JITTER:-0.5}
PROFILE=${PROFILE:-0}
VIRTUAL=${VIRTUAL:-0}
APP_LOG=${APP_LOG:-/dev/null}
KEEP=${KEEP:-0}
SKIP_BUILD=${SKIP_BUILD:-0}

PROJECT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MODULE=daemon-spring-boot-autoconfigure
JAR=$PROJECT_DIR/$MODULE/target/$MODULE-1.0.0-SNAPSHOT.jar
if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then
	JAVA=$JAVA_HOME/bin/java
	JAVAC=$JAVA_HOME/bin/javac
else
	JAVA=$(command -v java) || { echo "No java found: set JAVA_HOME" >&2; exit 2; }
	JAVAC=$(command -v javac) || { echo "No javac found (a JDK is needed): set JAVA_HOME" >&2; exit 2; }
fi
read -r -a JVM_OPTS <<<"${JAVA_OPTS:-}"

die() {
	echo "error: $*" >&2
	exit 1
}

for n in DURATION WORKERS HEARTBEAT_TIMEOUT HEARTBEAT_INTERVAL RESTARTS TRIALS CANARY_TIMEOUT_MS STORM_WORKERS; do
	[[ ${!n} =~ ^[1-9][0-9]*$ ]] || die "$n must be a whole number of at least 1, was '${!n}'"
done
for n in WARMUP_RESTARTS TRIAL_WARMUP STORM_DELAY_MS; do
	[[ ${!n} =~ ^[0-9]+$ ]] || die "$n must be a whole number, was '${!n}'"
done
for s in $SCENARIOS; do
	[[ $s == restart || $s == idle || $s == storm ]] || die "unknown scenario '$s' (restart, idle, storm)"
done
[[ -x $JAVAC ]] || die "no javac next to $JAVA: a JDK is needed"

# --- processes started by this script, killed by PID on exit -------------------------------

WORK=$(mktemp -d "${TMPDIR:-/tmp}/watchdog-bench.XXXXXX") || die "cannot create a temporary directory"
declare -A STARTED=()

cleanup() {
	local pid
	for pid in "${!STARTED[@]}"; do
		# Only if it is still our JVM (its command line names our temporary directory).
		if [[ -r /proc/$pid/cmdline ]] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "$WORK"; then
			kill -KILL "$pid" 2>/dev/null
		fi
	done
	wait 2>/dev/null
	if [[ $KEEP == 1 ]]; then
		echo "Kept $WORK"
	else
		rm -rf "$WORK"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- build and compile ---------------------------------------------------------------------

cd "$PROJECT_DIR" || die "cannot enter $PROJECT_DIR"
if [[ $SKIP_BUILD != 1 ]] && { [[ ! -f $JAR ]] || [[ -n $(find "$MODULE/src/main" pom.xml "$MODULE/pom.xml" -newer "$JAR" -type f -print -quit) ]]; }; then
	echo "Building $MODULE ..."
	./mvnw -B -q -pl "$MODULE" -am package -DskipTests >"$WORK/build.log" 2>&1 \
		|| { tail -40 "$WORK/build.log" >&2; die "the build failed"; }
fi
[[ -f $JAR ]] || die "no $JAR: run without SKIP_BUILD=1"
# The module's runtime classpath, plus Logback (from its test classpath) so that the
# application logs as a Spring Boot application does by default.
./mvnw -B -q -pl "$MODULE" dependency:build-classpath -DincludeScope=runtime \
	-Dmdep.outputFile="$WORK/runtime.cp" >"$WORK/classpath.log" 2>&1 \
	&& ./mvnw -B -q -pl "$MODULE" dependency:build-classpath -DincludeScope=test \
		-DincludeGroupIds=ch.qos.logback,org.slf4j,org.apache.logging.log4j \
		-Dmdep.outputFile="$WORK/logging.cp" >>"$WORK/classpath.log" 2>&1 \
	|| { tail -40 "$WORK/classpath.log" >&2; die "resolving the classpath failed"; }
CP="$JAR:$(<"$WORK/runtime.cp"):$(<"$WORK/logging.cp")"
mkdir -p "$WORK/classes"
"$JAVAC" -nowarn -d "$WORK/classes" -cp "$CP" "$PROJECT_DIR/bench/src/WatchdogBench.java" \
	|| die "compiling bench/src/WatchdogBench.java failed"
CP="$WORK/classes:$CP"

echo "== watchdog benchmark =="
echo "date:       $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "machine:    $(uname -srm), nproc $(nproc), $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
echo "load avg:   $(cut -d' ' -f1-3 /proc/loadavg) (at start)"
echo "java:       $JAVA"
"$JAVA" -version 2>&1 | sed 's/^/            /'
echo "JAVA_OPTS:  ${JAVA_OPTS:-(none)} (the same for every scenario)"
echo "app log:    $APP_LOG (Logback, Spring Boot's defaults, INFO)"
echo "workers on: $([[ $VIRTUAL == 1 ]] && echo "virtual threads (spring.threads.virtual.enabled=true); the baselines stay on platform threads" || echo "platform threads")"
echo

# --- running one scenario ------------------------------------------------------------------

declare -A R=()

# run <scenario> <name>: runs WatchdogBench <scenario> in its own JVM, prints its report
# indented and stores its RESULT lines as R[<name>.<key>].
run() {
	local scenario=$1 name=$2 out=$WORK/$2.out pid rc key value
	echo "-- $name ($(cut -d' ' -f1 /proc/loadavg) load)"
	: >"$out"
	"$JAVA" "${JVM_OPTS[@]}" -cp "$CP" -Dbench.log="$APP_LOG" \
		-Dbench.duration="$DURATION" -Dbench.workers="$WORKERS" \
		-Dbench.heartbeat-timeout="$HEARTBEAT_TIMEOUT" -Dbench.heartbeat-interval="$HEARTBEAT_INTERVAL" \
		-Dbench.restarts="$RESTARTS" -Dbench.warmup="$WARMUP_RESTARTS" \
		-Dbench.trials="$TRIALS" -Dbench.trial-warmup="$TRIAL_WARMUP" \
		-Dbench.canary-timeout-ms="$CANARY_TIMEOUT_MS" -Dbench.storm-workers="$STORM_WORKERS" \
		-Dbench.storm-delay-ms="$STORM_DELAY_MS" -Dbench.storm-multiplier="$STORM_MULTIPLIER" \
		-Dbench.storm-jitter="$STORM_JITTER" -Dbench.profile="$([[ $PROFILE == 1 ]] && echo true || echo false)" \
		-Dbench.virtual="$([[ $VIRTUAL == 1 ]] && echo true || echo false)" \
		WatchdogBench "$scenario" >>"$out" 2>&1 &
	pid=$!
	STARTED[$pid]=1
	# Shown as it comes; in the background so that a signal to this script is handled at once.
	tail -f --pid="$pid" "$out" 2>/dev/null | grep --line-buffered -v '^RESULT ' | sed -u 's/^/   /' &
	wait "$pid"
	rc=$?
	wait $!
	unset "STARTED[$pid]"
	((rc == 0)) || die "scenario $name failed (exit $rc)"
	while read -r _ key value; do
		R[$name.$key]=$value
	done < <(grep '^RESULT ' "$out")
}

for s in $SCENARIOS; do
	case $s in
		restart)
			run restart-threads restart-threads
			run restart-watchdog restart-watchdog
			run restart-watchdog-nolog restart-watchdog-nolog
			;;
		idle)
			run idle-threads idle-threads
			run idle-watchdog idle-watchdog
			run idle-threads-heartbeat idle-threads-hb
			run idle-watchdog-heartbeat idle-watchdog-hb
			;;
		storm)
			run storm storm
			;;
	esac
done

# --- summary -------------------------------------------------------------------------------

echo
echo "load avg:   $(cut -d' ' -f1-3 /proc/loadavg) (at end)"
echo
{
	for k in "${!R[@]}"; do
		echo "$k ${R[$k]}"
	done
} | awk -v workers="$WORKERS" -v duration="$DURATION" -v restarts="$RESTARTS" -v trials="$TRIALS" \
	-v storm_workers="$STORM_WORKERS" -v timeout="$CANARY_TIMEOUT_MS" '
	{ r[$1] = $2 }
	function has(k) { return k in r }
	function row(figure, w, b, cmp, target) {
		printf "%-52s %12s %12s %14s  %s\n", figure, w, b, cmp, target
	}
	function f(k, fmt) { return has(k) ? sprintf(fmt, r[k]) : "-" }
	function ratio(a, b) { return (has(a) && has(b) && r[b] > 0) ? sprintf("%.2fx", r[a] / r[b]) : "-" }
	function diff(a, b, fmt) { return (has(a) && has(b)) ? sprintf(fmt, r[a] - r[b]) : "-" }
	function verdict(ok) { return ok ? "met" : "NOT MET" }
	END {
		row("figure", "watchdog", "baseline", "ratio/diff", "target")
		row("----------------------------------------------------", "------------", "------------", "--------------", "------")
		if (has("restart-watchdog.restart_p50_us")) {
			row("restart latency p50, " restarts " restarts (us)", f("restart-watchdog.restart_p50_us", "%.1f"),
				f("restart-threads.restart_p50_us", "%.1f"), ratio("restart-watchdog.restart_p50_us", "restart-threads.restart_p50_us"), "")
			row("restart latency p99 (us)", f("restart-watchdog.restart_p99_us", "%.1f"),
				f("restart-threads.restart_p99_us", "%.1f"), ratio("restart-watchdog.restart_p99_us", "restart-threads.restart_p99_us"), "")
			row("  same, watchdog logging off: p50 (us)", f("restart-watchdog-nolog.restart_p50_us", "%.1f"),
				f("restart-threads.restart_p50_us", "%.1f"), ratio("restart-watchdog-nolog.restart_p50_us", "restart-threads.restart_p50_us"), "(information)")
			row("  same, watchdog logging off: p99 (us)", f("restart-watchdog-nolog.restart_p99_us", "%.1f"),
				f("restart-threads.restart_p99_us", "%.1f"), ratio("restart-watchdog-nolog.restart_p99_us", "restart-threads.restart_p99_us"), "(information)")
		}
		split("idle-watchdog idle-watchdog-hb", sides, " ")
		for (i = 1; i <= 2; i++) {
			w = sides[i]; b = (i == 1) ? "idle-threads" : "idle-threads-hb"
			if (!has(w ".threads")) continue
			label = workers " idle" ((i == 2) ? ", heartbeats" : "")
			row(label ": heap used after GC (MB)", f(w ".heap_mb", "%.1f"), f(b ".heap_mb", "%.1f"),
				diff(w ".heap_mb", b ".heap_mb", "%+.1f MB"), sprintf("(%.0f B/worker more)", (r[w ".heap_mb"] - r[b ".heap_mb"]) * 1e6 / workers))
			row(label ": resident set size (MB)", f(w ".rss_mb", "%.0f"), f(b ".rss_mb", "%.0f"),
				diff(w ".rss_mb", b ".rss_mb", "%+.0f MB"), "(information)")
			d = r[w ".threads"] - r[b ".threads"]
			row(label ": live threads", f(w ".threads", "%d"), f(b ".threads", "%d"), sprintf("%+d", d),
				"no thread per worker beyond its own: " verdict(d < workers / 100))
			d = r[w ".process_cpu_pct"] - r[b ".process_cpu_pct"]
			row(label ": process CPU, " duration " s (% of a core)", f(w ".process_cpu_pct", "%.3f"),
				f(b ".process_cpu_pct", "%.3f"), sprintf("%+.3f", d),
				(i == 1) ? "< 1% more: " verdict(d < 1) : "(information: worker wake-ups vary more than this)")
			row(label ":   of which worker threads", f(w ".workers_cpu_pct", "%.3f"), f(b ".workers_cpu_pct", "%.3f"),
				diff(w ".workers_cpu_pct", b ".workers_cpu_pct", "%+.3f"), "(information)")
			row(label ":   of which JVM threads (GC, JIT, VM)", f(w ".jvm_cpu_pct", "%.3f"), f(b ".jvm_cpu_pct", "%.3f"),
				diff(w ".jvm_cpu_pct", b ".jvm_cpu_pct", "%+.3f"), "(information)")
			row(label ": \"watchdog\" thread CPU (% of a core)", f(w ".scheduler_cpu_pct", "%.4f"), "-", "",
				"< 1%: " verdict(r[w ".scheduler_cpu_pct"] < 1))
			row(label ": time to start all (ms)", f(w ".start_ms", "%.0f"), f(b ".start_ms", "%.0f"),
				ratio(w ".start_ms", b ".start_ms"), "(information)")
			row(label ": time to stop all (ms)", f(w ".stop_ms", "%.0f"), f(b ".stop_ms", "%.0f"),
				ratio(w ".stop_ms", b ".stop_ms"), "(information)")
		}
		if (has("storm.storm_late_p50_ms")) {
			row("hang detection lateness, T=" timeout " ms (ms)", "storm", "quiet", "storm-quiet", "")
			row("  p50", f("storm.storm_late_p50_ms", "%.2f"), f("storm.quiet_late_p50_ms", "%.2f"),
				diff("storm.storm_late_p50_ms", "storm.quiet_late_p50_ms", "%+.2f"), "")
			d = r["storm.storm_late_p99_ms"] - r["storm.quiet_late_p99_ms"]
			row("  p99", f("storm.storm_late_p99_ms", "%.2f"), f("storm.quiet_late_p99_ms", "%.2f"),
				sprintf("%+.2f", d), "storm adds <= 10 ms: " verdict(d <= 10))
			row("  max", f("storm.storm_late_max_ms", "%.2f"), f("storm.quiet_late_max_ms", "%.2f"),
				diff("storm.storm_late_max_ms", "storm.quiet_late_max_ms", "%+.2f"), "")
			row("  canary woken by the stop request, p50", f("storm.storm_wake_p50_ms", "%.2f"),
				f("storm.quiet_wake_p50_ms", "%.2f"), diff("storm.storm_wake_p50_ms", "storm.quiet_wake_p50_ms", "%+.2f"), "(information)")
			row("  canary woken by the stop request, p99", f("storm.storm_wake_p99_ms", "%.2f"),
				f("storm.quiet_wake_p99_ms", "%.2f"), diff("storm.storm_wake_p99_ms", "storm.quiet_wake_p99_ms", "%+.2f"), "(information)")
			row("storm: restarts/s of " storm_workers " failing workers", f("storm.storm_restarts_per_s", "%.0f"), "", "", "(information)")
			row("storm: process CPU / \"watchdog\" thread (% of a core)", f("storm.storm_process_cpu_pct", "%.0f"),
				f("storm.storm_scheduler_cpu_pct", "%.1f"), "", "(information: process, scheduler thread)")
			if (r["storm.storm_premature"] + r["storm.storm_missed"] > 0)
				row("storm: canary found hung too early / not at all", f("storm.storm_premature", "%d"), f("storm.storm_missed", "%d"), "", "should be 0 / 0")
		}
	}'
