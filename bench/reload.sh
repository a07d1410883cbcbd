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
# reload.sh: what clients see while the sample app is reloaded and restarted under load. A
# benchmark, not a test: `./mvnw verify` never runs it.
#
# It starts the sample as a supervised daemon (daemon.supervisor.enabled=true, so the
# supervisor owns the listening socket), then, for each client variant, runs the same load
# (bench/src/ReloadLoad.java: CLIENTS loopback clients sending GET /sample/pid as fast as it
# answers) three times side by side:
#
#   steady    PHASE seconds without any command
#   reload    RELOADS x `--daemon=reload` in a row (the supervisor hands the socket to a new
#             JVM and stops the old one once the new one is ready)
#   restart   one `--daemon=restart` (stop, then start: the socket closes in between)
#
# The variants: close (a new connection per request) and keep-alive (a client keeps its
# connection until the server closes it). Per row it prints requests served, failed requests
# (a reset, a timeout or a status other than 200), refused connections, retried requests (a
# keep-alive connection that the server closed before it read the next request: an HTTP client
# resends such an idempotent request), and the p50, p99 and max latency of the answered
# requests; then p99 of the reload row against the steady row.
#
#   bench/reload.sh
#   CLIENTS=8 RELOADS=5 bench/reload.sh
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java bench/reload.sh
#
# Environment: CLIENTS (4), RELOADS (3), PHASE (10, seconds of the steady row and of the
# restart row), JAVA, JAVA_OPTS, LAYOUT (jar, extracted or cds), KEEP (1 keeps the temporary
# directory). It builds the sample jar if it is missing. Every process it starts is stopped
# by PID on exit.

set -uo pipefail
export LC_ALL=C

CLIENTS=${CLIENTS:-4}
RELOADS=${RELOADS:-3}
PHASE=${PHASE:-10}
ROUNDS=1
WARMUP=0
POLL_MS=50
KEEP=${KEEP:-0}

PROJECT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$PROJECT_DIR/bench/setup.sh"
[[ $CLIENTS =~ ^[1-9][0-9]*$ && $RELOADS =~ ^[1-9][0-9]*$ && $PHASE =~ ^[1-9][0-9]*$ ]] \
	|| die "CLIENTS, RELOADS and PHASE must be whole numbers of at least 1"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/reload-bench.XXXXXX") || die "cannot create a temporary directory"
DAEMON_DIR=$WORK/daemon
declare -A STARTED=()

source "$PROJECT_DIR/bench/lib.sh"

cleanup() {
	local pid file
	pid=$(pid_in "$DAEMON_DIR/sample-app.pid") && kill_ours "$pid"
	for file in "$DAEMON_DIR"/sample-app.app*.pid; do
		pid=$(pid_in "$file") && STARTED[$pid]=1
	done
	stop_started_and_clean_up
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

daemon() {
	(cd "$DAEMON_DIR" && run_tracked "$JAVA" "${JVM_OPTS[@]}" -jar "$JAR" "$@" --daemon.supervisor.enabled=true \
		--server.port="$PORT")
}

# Run the load while the given command runs, and print its result line.
under_load() {
	local variant=$1 stop=$WORK/stop-$RANDOM load_pid
	shift
	"$JAVA" "$PROJECT_DIR/bench/src/ReloadLoad.java" "$PORT" "$CLIENTS" "$variant" "$stop" >"$WORK/load.out" \
		2>"$WORK/load.err" &
	load_pid=$!
	STARTED[$load_pid]=1
	sleep 2
	"$@" >>"$WORK/commands.log" 2>&1 || echo "warning: '$*' failed; see $WORK/commands.log" >&2
	sleep 2
	touch "$stop"
	wait "$load_pid" || die "the load failed: $(tail -3 "$WORK/load.err")"
	unset "STARTED[$load_pid]"
	cat "$WORK/load.out"
}

steady() {
	sleep "$PHASE"
}

reloads() {
	local i
	for ((i = 1; i <= RELOADS; i++)); do
		daemon --daemon=reload || return 1
	done
}

restart() {
	daemon --daemon=restart
}

prepare_jar

echo "== reload benchmark =="
echo "date:       $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "machine:    $(uname -srm), nproc $(nproc), $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
echo "load avg:   $(cut -d' ' -f1-3 /proc/loadavg) (at start)"
echo "java:       $JAVA"
"$JAVA" -version 2>&1 | sed 's/^/            /'
echo "JVM flags:  ${JVM_OPTS[*]:-(none)}"
echo "jar:        $JAR (LAYOUT=$LAYOUT)"
echo "load:       $CLIENTS loopback clients, GET /sample/pid; steady and restart rows $PHASE s + 4 s, reload row $RELOADS reloads + 4 s"
echo

PORT=$(free_port)
mkdir -p "$DAEMON_DIR" || die "cannot create $DAEMON_DIR"
daemon --daemon >"$WORK/start.out" 2>&1 || die "the daemon did not start: $(cat "$WORK/start.out")"

printf '%-11s %-8s %8s %7s %8s %8s %8s %8s %8s\n' variant row served failed refused retried p50_ms p99_ms max_ms
for variant in close keep-alive; do
	declare -A P99=()
	for row in steady reloads restart; do
		read -r served failed refused retried p50 p99 max < <(under_load "$variant" "$row")
		P99[$row]=$p99
		printf '%-11s %-8s %8s %7s %8s %8s %8s %8s %8s\n' "$variant" "$row" "$served" "$failed" "$refused" \
			"$retried" "$p50" "$p99" "$max"
	done
	awk -v r="${P99[reloads]}" -v s="${P99[steady]}" -v v="$variant" \
		'BEGIN { if (s > 0) printf "%-11s p99 during reloads / steady p99: %.2fx (target 2x at most)\n", v, r / s }'
	unset P99
done
echo
echo "Reload commands (from $WORK/commands.log):"
grep -E '^(Reloaded|Reload of|Restarted|Stopped|Started)' "$WORK/commands.log" | sed 's/^/  /'
