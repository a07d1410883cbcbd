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
# daemon-start-stop.sh: what daemon mode costs compared with running the sample
# application in the foreground. A benchmark, not a test: `./mvnw verify` never runs it.
#
# Side by side, in one run, with the same JVM and the same JVM flags ($JAVA_OPTS) on both
# sides, alternating the sides (daemon, foreground, daemon, foreground, ...) for ROUNDS
# rounds after WARMUP discarded warm-up rounds:
#
#   start    daemon:     time from invoking `java -jar sample-app.jar --daemon --server.port=P`
#                        until that launcher returns (it returns once the detached child is ready)
#            foreground: time from invoking `java -jar sample-app.jar --server.port=P` until
#                        GET /actuator/health answers UP, polled every POLL_MS milliseconds (so
#                        the figure includes up to one poll interval)
#   stop     daemon:     time from invoking `java -jar sample-app.jar --daemon=stop` until it
#                        returns (the daemon idle for SETTLE seconds after it became ready)
#            foreground: the application's own graceful shutdown: time from `kill -TERM <pid>`
#                        until the process has exited (bash `wait` on the child), also after
#                        SETTLE seconds of idling
#   status   (information) time of `java -jar sample-app.jar --daemon=status`: the launcher's own
#            path (JVM start, Spring Boot bootstrap up to ApplicationEnvironmentPreparedEvent,
#            PID file check from /proc) without any child; roughly the launcher's overhead
#   floor    (information, once after the rounds) the same status command with the JVM's
#            class-loading log (-Xlog:class+load, stamped with JVM uptime): when Spring Boot's
#            SpringApplication, the starter's first class and its command class were loaded.
#            No starter code can run before Spring Boot instantiates its listeners, so this is
#            the floor of every `java -jar app.jar --daemon=...` command
#
# It prints each round, then median and min per figure, the ratio daemon/foreground for the
# start (target: at most 1.25x) and the difference and ratio for the stop (target: within 0.5 s
# of the application's own shutdown time).
#
# Needs only a JDK, bash 5 (for $EPOCHREALTIME and /dev/tcp), coreutils, awk and /proc. curl
# is used to poll the health endpoint only if this bash has no /dev/tcp. Every round runs in
# a fresh temporary directory; every process started is killed by PID on exit.
#
# Run from anywhere (builds sample-app/target/sample-app.jar first if it is missing):
#
#   bench/daemon-start-stop.sh
#   ROUNDS=10 JAVA_OPTS="-XX:TieredStopAtLevel=1" bench/daemon-start-stop.sh
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java bench/daemon-start-stop.sh
#   LAYOUT=cds bench/daemon-start-stop.sh       # the extracted jar with a class data sharing archive
#
# Environment: ROUNDS (5), WARMUP (1), POLL_MS (10), SETTLE (2, seconds), READY_TIMEOUT (120,
# seconds), JAVA_OPTS (JVM flags for both sides), JAVA (java binary; default $JAVA_HOME/bin/java,
# else java on the PATH), JAR (default sample-app/target/sample-app.jar), KEEP (1 keeps the
# temporary directories), LAYOUT (jar; extracted runs the jar that `-Djarmode=tools extract`
# writes; cds also gives every JVM a class data sharing archive from one training run: see
# prepare_jar in lib.sh).

set -uo pipefail
export LC_ALL=C

ROUNDS=${ROUNDS:-5}
WARMUP=${WARMUP:-1}
POLL_MS=${POLL_MS:-10}
SETTLE=${SETTLE:-2}
READY_TIMEOUT=${READY_TIMEOUT:-120}
KEEP=${KEEP:-0}

PROJECT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/setup.sh
source "$PROJECT_DIR/bench/setup.sh"

# --- processes started by this script, killed by PID on exit -------------------------------

WORK=$(mktemp -d "${TMPDIR:-/tmp}/daemon-bench.XXXXXX") || die "cannot create a temporary directory"
declare -A STARTED=()

# shellcheck source=bench/lib.sh
source "$PROJECT_DIR/bench/lib.sh"

cleanup() {
	local pid pidfile
	for pidfile in "$WORK"/*/*/sample-app.pid; do
		pid=$(pid_in "$pidfile") && STARTED[$pid]=1
	done
	stop_started_and_clean_up
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- the jar and the machine -------------------------------------------------------------

prepare_jar

echo "== daemon-start-stop benchmark =="
echo "date:       $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "machine:    $(uname -srm), nproc $(nproc), $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
echo "load avg:   $(cut -d' ' -f1-3 /proc/loadavg) (at start)"
echo "java:       $JAVA"
"$JAVA" -version 2>&1 | sed 's/^/            /'
echo "JVM flags:  ${JVM_OPTS[*]:-(none)} (\$JAVA_OPTS and the layout's; applied to both sides, the daemon's child inherits them)"
echo "jar:        $JAR (LAYOUT=$LAYOUT)"
echo "rounds:     $ROUNDS measured + $WARMUP warm-up (discarded), order daemon then foreground"
echo "poll:       $POLL_MS ms via $POLLER; settle $SETTLE s between ready and stop"
echo

# --- one round of each side ----------------------------------------------------------------

# Sets R_START, R_STOP (microseconds), R_APP (app-reported "process running for", ms) or fails.
daemon_round() {
	local dir=$1 port t0 t1 pid rc
	port=$(free_port)
	mkdir -p "$dir" && cd "$dir" || return 1
	t0=$(now_us)
	run_tracked "$JAVA" "${JVM_OPTS[@]}" -jar "$JAR" --daemon --server.port="$port" >launcher.out 2>&1
	rc=$?
	t1=$(now_us)
	read_pid sample-app.pid && pid=$REPLY && STARTED[$pid]=1
	if ((rc != 0)) || ! grep -q "^Started sample-app" launcher.out; then
		echo "daemon start failed (exit $rc):" >&2
		sed 's/^/    /' launcher.out >&2
		return 1
	fi
	R_START=$((t1 - t0))
	R_APP=$(app_reported sample-app.log)
	sleep "$SETTLE"
	t0=$(now_us)
	run_tracked "$JAVA" "${JVM_OPTS[@]}" -jar "$JAR" --daemon=stop >stop.out 2>&1
	rc=$?
	t1=$(now_us)
	if ((rc != 0)) || { [[ -n ${pid:-} ]] && alive "$pid"; }; then
		echo "daemon stop failed (exit $rc) or pid ${pid:-?} is still alive:" >&2
		sed 's/^/    /' stop.out >&2
		return 1
	fi
	R_STOP=$((t1 - t0))
	t0=$(now_us)
	run_tracked "$JAVA" "${JVM_OPTS[@]}" -jar "$JAR" --daemon=status >status.out 2>&1
	t1=$(now_us)
	R_STATUS=$((t1 - t0))
}

foreground_round() {
	local dir=$1 port t0 t1 pid deadline
	port=$(free_port)
	mkdir -p "$dir" && cd "$dir" || return 1
	t0=$(now_us)
	"$JAVA" "${JVM_OPTS[@]}" -jar "$JAR" --server.port="$port" >console.log 2>&1 &
	pid=$!
	STARTED[$pid]=1
	deadline=$((t0 + READY_TIMEOUT * 1000000))
	until health_up "$port"; do
		if ! alive "$pid" || ((10#${EPOCHREALTIME/./} > deadline)); then
			echo "foreground start failed or timed out; last lines of console.log:" >&2
			tail -20 console.log | sed 's/^/    /' >&2
			return 1
		fi
		tick
	done
	t1=$(now_us)
	R_START=$((t1 - t0))
	R_APP=$(app_reported console.log)
	sleep "$SETTLE"
	t0=$(now_us)
	kill -TERM "$pid"
	wait "$pid"
	t1=$(now_us)
	unset "STARTED[$pid]"
	R_STOP=$((t1 - t0))
}

# "process running for X" of Spring Boot's "Started ..." line, in milliseconds.
app_reported() {
	sed -n 's/.*Started .* in [0-9.]* seconds (process running for \([0-9.]*\)).*/\1/p' "$1" 2>/dev/null \
		| head -1 | awk '{ printf "%.0f", $1 * 1000 } END { if (NR == 0) printf "n/a" }'
}

# --- the rounds ----------------------------------------------------------------------------

D_START=() F_START=() D_STOP=() F_STOP=() STATUS=() D_APP=() F_APP=()
printf '%-8s | %13s %13s | %13s %13s | %12s | %10s %10s\n' round "daemon start" "fg start" \
	"daemon stop" "fg stop" "status" "d app-rep" "fg app-rep"
printf '%s\n' "---------+-----------------------------+-----------------------------+--------------+----------------------"
total=$((WARMUP + ROUNDS))
for ((round = 1; round <= total; round++)); do
	dir="$WORK/round-$round"
	daemon_round "$dir/daemon" || exit 1
	ds=$R_START dp=$R_STOP st=$R_STATUS da=$R_APP
	foreground_round "$dir/foreground" || exit 1
	fs=$R_START fp=$R_STOP fa=$R_APP
	label=$((round - WARMUP))
	((round <= WARMUP)) && label="warm-up"
	printf '%-8s | %10s ms %10s ms | %10s ms %10s ms | %9s ms | %7s ms %7s ms\n' "$label" \
		"$(ms "$ds")" "$(ms "$fs")" "$(ms "$dp")" "$(ms "$fp")" "$(ms "$st")" "$da" "$fa"
	if ((round > WARMUP)); then
		D_START+=("$ds") F_START+=("$fs") D_STOP+=("$dp") F_STOP+=("$fp") STATUS+=("$st")
		[[ $da != n/a ]] && D_APP+=("$((da * 1000))")
		[[ $fa != n/a ]] && F_APP+=("$((fa * 1000))")
	fi
	cd "$WORK" || exit 1
	[[ $KEEP == 1 ]] || rm -rf "$dir"
done

# --- summary -------------------------------------------------------------------------------

read -r dsm dsn <<<"$(stats "${D_START[@]}")"
read -r fsm fsn <<<"$(stats "${F_START[@]}")"
read -r dpm dpn <<<"$(stats "${D_STOP[@]}")"
read -r fpm fpn <<<"$(stats "${F_STOP[@]}")"
read -r stm stn <<<"$(stats "${STATUS[@]}")"
read -r dam dan <<<"$(stats "${D_APP[@]}")"
read -r fam fan <<<"$(stats "${F_APP[@]}")"

echo
printf '%-48s %8s %8s\n' "Summary over $ROUNDS rounds (milliseconds)" median min
printf '  %-46s %8s %8s\n' \
	"start, daemon (launcher returns)" "$dsm" "$dsn" \
	"start, foreground (health UP, +<=${POLL_MS} ms poll)" "$fsm" "$fsn" \
	"stop, daemon (--daemon=stop returns)" "$dpm" "$dpn" \
	"stop, foreground (SIGTERM to exit)" "$fpm" "$fpn" \
	"launcher only (--daemon=status)" "$stm" "$stn" \
	"app-reported uptime at Started, daemon child" "$dam" "$dan" \
	"app-reported uptime at Started, foreground" "$fam" "$fan"
echo
awk -v dsm="$dsm" -v fsm="$fsm" -v dsn="$dsn" -v fsn="$fsn" -v dpm="$dpm" -v fpm="$fpm" -v stm="$stm" '
	function verdict(ok) { return ok ? "meets target" : "MISSES target" }
	BEGIN {
		r = dsm / fsm
		printf "start ratio daemon/foreground: %.2fx by median (%.2fx by min); target <= 1.25x: %s\n", r, dsn / fsn, verdict(r <= 1.25)
		printf "start overhead daemon - foreground: %+d ms by median\n", dsm - fsm
		d = dpm - fpm
		printf "stop difference daemon - foreground: %+d ms by median (ratio %.2fx); target <= +500 ms: %s\n", d, dpm / fpm, verdict(d <= 500)
	}'

# Where a control command's time goes: one more --daemon=status with the JVM's class-loading log,
# which stamps each class with the JVM's uptime. The starter's code cannot run before Spring Boot
# instantiates its listeners, so that uptime is the floor of any `java -jar app.jar --daemon=...`.
run_tracked "$JAVA" "${JVM_OPTS[@]}" "-Xlog:class+load:file=$WORK/status-classes.log:uptime" -jar "$JAR" \
	--daemon=status >/dev/null 2>&1
loaded_at() {
	awk -v class="$1" '$2 == class { gsub(/[][s]/, "", $1); printf "%.0f", $1 * 1000; found = 1; exit }
		END { if (!found) printf "n/a" }' "$WORK/status-classes.log"
}
boot_at=$(loaded_at org.springframework.boot.SpringApplication)
starter_at=$(loaded_at io.github.daemonstarter.role.DaemonApplicationListener)
command_at=$(loaded_at io.github.daemonstarter.config.DaemonCommand)
echo "control command floor (one --daemon=status, JVM uptime at class load): SpringApplication ${boot_at} ms," \
	"the starter's first code ${starter_at} ms, the command after the environment is prepared ${command_at} ms;" \
	"the stop target allows $((fpm + 500)) ms in all"
echo "load avg:   $(cut -d' ' -f1-3 /proc/loadavg) (at end)"
