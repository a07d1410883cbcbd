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
# fast-start.sh: what fast start (daemon.fast-start.enabled=true, issue 19) gains: the daemon
# run from the jar extracted into a cache, with a class data archive (a CDS archive up to
# JDK 23, an AOT cache from JDK 24) that the daemon trains in the background after its first
# start. A benchmark, not a test: `./mvnw verify` never runs it.
#
# Side by side, in one run, with the same jar, the same JVM and the same JVM flags ($JAVA_OPTS)
# everywhere, each round runs these sides in this order, each in a fresh directory of the round
# on a free port, for ROUNDS rounds after WARMUP discarded warm-up rounds:
#
#   foreground     `java -jar sample-app.jar --server.port=P` until GET /actuator/health answers
#                  UP, polled every POLL_MS milliseconds; then SIGTERM and wait for the exit
#   no fast start  `java -jar sample-app.jar --daemon --server.port=P` until the launcher returns
#                  (it returns once the daemon is ready); then --daemon=stop
#   cold           the same with --daemon.fast-start.enabled=true and
#                  --daemon.fast-start.directory=<round>/cache, a fresh cache: the launcher
#                  extracts the jar; then (not timed; TRAIN_TIMEOUT) until the status file says
#                  fast-start.training=done and the archive exists; then --daemon=stop
#   warm           the same on the cache that the cold side trained: the daemon uses the archive
#                  (checked in its status file: fast-start.archive-used=true); then --daemon=stop
#   crash, fast    a supervised daemon (--daemon.supervisor.enabled=true, initial-delay 0s,
#                  jitter 0) with fast start on the same, trained cache; after SETTLE seconds,
#                  `kill -9 <pid in sample-app.app.pid>` until health answers UP while
#                  sample-app.app.pid names a new, live application (as supervisor.sh measures
#                  it); the new application must report fast-start.archive-used=true; then
#                  --daemon=stop
#   crash, plain   the same supervised daemon without fast start
#
# Every --daemon=stop runs beside a poller of /proc/<daemon pid> (every STOP_POLL_MS, without
# forking) that stamps the daemon's exit: the first poll that finds the process gone or a
# zombie. Figures: the whole stop command, and its return minus the daemon's exit. Beside them
# the reference from issue 19, jsvc -stop: 1.0 s on that machine: a constant, not measured here.
# After the first --daemon=stop of each round, one --daemon=status with no daemon running
# (information: the JVM and Spring Boot bootstrap of a control command, the stop's floor).
#
# It prints each round, then median and min per figure, the ratios against their targets
# (warm / foreground <= 0.9x below JDK 24 and <= 0.7x from JDK 24; cold / no fast start
# <= 1.3x; no fast start / foreground <= 1.15x; crash-to-ready with fast start / foreground
# <= 0.7x; the stop returns within 100 ms of the daemon's exit), and what the cache entry
# costs on disk (du -sh).
#
# Needs only a JDK, bash 5 (for $EPOCHREALTIME and /dev/tcp), coreutils, awk and /proc. curl
# is used to poll the health endpoint only if this bash has no /dev/tcp. Every process started
# is killed by PID on exit, including Ctrl-C, and the temporary directory removed.
#
# Run from anywhere (builds sample-app/target/sample-app.jar first if it is missing):
#
#   bench/fast-start.sh                                  # 5 rounds + 1 warm-up
#   ROUNDS=10 bench/fast-start.sh
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java bench/fast-start.sh
#   JAVA_OPTS="-Xmx512m" bench/fast-start.sh
#
# Environment: ROUNDS (5), WARMUP (1), POLL_MS (10), STOP_POLL_MS (1), SETTLE (2, seconds of
# idling before each kill and each stop), READY_TIMEOUT (120, seconds), TRAIN_TIMEOUT (600,
# seconds), JAVA_OPTS (JVM flags for every JVM), JAVA (java binary; default
# $JAVA_HOME/bin/java, else java on the PATH), JAR (default sample-app/target/sample-app.jar),
# KEEP (1 keeps the temporary directories with their logs and caches). LAYOUT must be jar (the
# default): fast start extracts the jar itself.

set -uo pipefail
export LC_ALL=C

ROUNDS=${ROUNDS:-5}
WARMUP=${WARMUP:-1}
POLL_MS=${POLL_MS:-10}
STOP_POLL_MS=${STOP_POLL_MS:-1}
SETTLE=${SETTLE:-2}
READY_TIMEOUT=${READY_TIMEOUT:-120}
TRAIN_TIMEOUT=${TRAIN_TIMEOUT:-600}
KEEP=${KEEP:-0}
TARGET_COLD=1.3
TARGET_PLAIN=1.15
TARGET_CRASH=0.7
TARGET_STOP_MS=100
JSVC_STOP_MS=1000

PROJECT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/setup.sh
source "$PROJECT_DIR/bench/setup.sh"
[[ $LAYOUT == jar ]] || die "LAYOUT=$LAYOUT: fast start extracts the jar and trains its archive itself; run with LAYOUT=jar"
[[ $STOP_POLL_MS =~ ^[1-9][0-9]*$ && $SETTLE =~ ^[0-9]+$ && $TRAIN_TIMEOUT =~ ^[1-9][0-9]*$ ]] \
	|| die "STOP_POLL_MS, SETTLE and TRAIN_TIMEOUT must be whole numbers (STOP_POLL_MS and TRAIN_TIMEOUT at least 1)"
STOP_POLL_SECONDS=$(awk -v ms="$STOP_POLL_MS" 'BEGIN { printf "%.3f", ms / 1000 }')

# --- processes started by this script, killed by PID on exit -------------------------------

WORK=$(mktemp -d "${TMPDIR:-/tmp}/fast-start-bench.XXXXXX") || die "cannot create a temporary directory"
declare -A STARTED=()
EXIT_POLLER=
# The cleanup writes here: a trap that runs during `run_tracked ... >file` inherits that redirection
exec {STDOUT_FD}>&1 {STDERR_FD}>&2

# shellcheck source=bench/lib.sh
source "$PROJECT_DIR/bench/lib.sh"

cleanup() {
	local pid pidfile
	# A second Ctrl-C (or timeout's signal to the process group after the one to the script)
	# would otherwise end the cleanup half-way
	trap '' INT TERM
	exec 1>&"$STDOUT_FD" 2>&"$STDERR_FD"
	[[ -n $EXIT_POLLER ]] && kill "$EXIT_POLLER" 2>/dev/null
	# Daemons and supervisors first (SIGTERM stops a supervisor's application gracefully),
	# then their applications and everything else
	for pidfile in "$WORK"/round-*/*/sample-app.pid; do
		pid=$(pid_in "$pidfile") && kill_ours "$pid"
	done
	for pidfile in "$WORK"/round-*/*/sample-app.app.pid; do
		pid=$(pid_in "$pidfile") && STARTED[$pid]=1
	done
	stop_started_and_clean_up
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- the jar and the machine -------------------------------------------------------------

prepare_jar
JAVA_FEATURE=$("$JAVA" -version 2>&1 | awk -F'"' '/version/ {
	split($2, v, "."); f = (v[1] == "1") ? v[2] : v[1]; sub(/[^0-9].*/, "", f); print f; exit }')
[[ $JAVA_FEATURE =~ ^[0-9]+$ ]] || die "cannot read the feature version of $JAVA from its -version"
if ((JAVA_FEATURE >= 24)); then
	ARCHIVE_KIND="an AOT cache (archive.aot)" TARGET_WARM=0.7
else
	ARCHIVE_KIND="a dynamic CDS archive (archive.jsa)" TARGET_WARM=0.9
fi

echo "== fast-start benchmark =="
echo "date:       $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "machine:    $(uname -srm), nproc $(nproc), $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
echo "load avg:   $(cut -d' ' -f1-3 /proc/loadavg) (at start)"
echo "java:       $JAVA (feature $JAVA_FEATURE: fast start trains $ARCHIVE_KIND)"
"$JAVA" -version 2>&1 | sed 's/^/            /'
echo "JVM flags:  ${JVM_OPTS[*]:-(none)} (\$JAVA_OPTS; applied to every JVM, the daemons and supervisors pass them on)"
echo "jar:        $JAR ($(du -sh "$JAR" | cut -f1))"
echo "rounds:     $ROUNDS measured + $WARMUP warm-up (discarded), order foreground, no fast start, cold, warm," \
	"crash fast, crash plain"
echo "supervisor: daemon.supervisor.initial-delay=0s, jitter=0 (crash-to-ready is the restart itself, no backoff)"
echo "poll:       health every $POLL_MS ms via $POLLER; /proc every $STOP_POLL_MS ms during each --daemon=stop;" \
	"settle $SETTLE s before each kill and stop"
echo

# --- helpers -------------------------------------------------------------------------------

# A value of a status file (Java properties, whose \ escapes are undone), or fails.
status_value() {
	local line
	line=$(grep -a "^$2=" "$1" 2>/dev/null | tail -1) && [[ -n $line ]] || return 1
	printf '%s\n' "${line#*=}" | sed 's/\\\(.\)/\1/g'
}

# Shows what went wrong: the named files' last lines, indented, on stderr.
show() {
	local file
	for file in "$@"; do
		[[ -f $file ]] || continue
		echo "  --- $file:" >&2
		tail -25 "$file" | sed 's/^/    /' >&2
	done
}

# Waits (not timed) until the status file names PID and says whether the archive was used;
# sets REPLY to fast-start.archive-used (true or false) or fails.
await_archive_report() {
	local file=$1 pid=$2 deadline=$((10#${EPOCHREALTIME/./} + READY_TIMEOUT * 1000000)) used
	while true; do
		if grep -qax "pid=$pid" "$file" 2>/dev/null && used=$(status_value "$file" fast-start.archive-used); then
			REPLY=$used
			return 0
		fi
		if ! alive "$pid" || ((10#${EPOCHREALTIME/./} > deadline)); then
			echo "pid $pid did not report in $file whether it used the archive (fast-start.archive-used)" >&2
			show "$file"
			return 1
		fi
		sleep 0.1
	done
}

# Stamps a process's exit in the background: polls /proc/<pid> every STOP_POLL_MS without
# forking, and writes the time (microseconds) of the first poll that finds it gone or a zombie
# to a file. Sets EXIT_POLLER to the poller's PID.
start_exit_poller() {
	local pid=$1 file=$2
	(
		deadline=$((10#${EPOCHREALTIME/./} + READY_TIMEOUT * 1000000))
		while alive "$pid"; do
			((10#${EPOCHREALTIME/./} > deadline)) && exit 1
			read -r -t "$STOP_POLL_SECONDS" -u "$TICK_FD" _
		done
		echo "$((10#${EPOCHREALTIME/./}))" >"$file"
	) &
	EXIT_POLLER=$!
}

# Runs --daemon=stop in the current directory beside the poller of PID's exit; with a second
# PID (a supervisor's application), that one must be gone as well. Sets R_STOP (the whole
# command) and R_AFTER (its return minus the daemon's exit), in microseconds, or fails.
timed_stop() {
	local pid=$1 app=${2:-} t0 t1 rc exited
	sleep "$SETTLE"
	rm -f exited.us
	start_exit_poller "$pid" "$PWD/exited.us"
	t0=$((10#${EPOCHREALTIME/./}))
	run_tracked "$JAVA" "${JVM_OPTS[@]}" -jar "$JAR" --daemon=stop >stop.out 2>&1
	rc=$?
	t1=$((10#${EPOCHREALTIME/./}))
	if ((rc != 0)) || alive "$pid" || { [[ -n $app ]] && alive "$app"; }; then
		kill "$EXIT_POLLER" 2>/dev/null
		wait "$EXIT_POLLER" 2>/dev/null
		EXIT_POLLER=
		echo "--daemon=stop exited with $rc, or pid $pid${app:+ or $app} is still alive:" >&2
		show stop.out sample-app.log
		return 1
	fi
	wait "$EXIT_POLLER"
	EXIT_POLLER=
	read_pid exited.us || { echo "the poller of pid $pid's exit stamped nothing" >&2 && return 1; }
	exited=$REPLY
	unset "STARTED[$pid]"
	[[ -n $app ]] && unset "STARTED[$app]"
	R_STOP=$((t1 - t0))
	R_AFTER=$((t1 - exited))
}

# --- one side each -------------------------------------------------------------------------

# Sets R_START (us) or fails.
foreground_side() {
	local dir=$1 port t0 t1 pid deadline
	port=$(free_port)
	mkdir -p "$dir" && cd "$dir" || return 1
	t0=$((10#${EPOCHREALTIME/./}))
	"$JAVA" "${JVM_OPTS[@]}" -jar "$JAR" --server.port="$port" >console.log 2>&1 &
	pid=$!
	STARTED[$pid]=1
	deadline=$((t0 + READY_TIMEOUT * 1000000))
	until health_up "$port"; do
		if ! alive "$pid" || ((10#${EPOCHREALTIME/./} > deadline)); then
			echo "foreground start failed or timed out:" >&2
			show console.log
			return 1
		fi
		tick
	done
	t1=$((10#${EPOCHREALTIME/./}))
	R_START=$((t1 - t0))
	kill -TERM "$pid"
	wait "$pid"
	unset "STARTED[$pid]"
}

# Starts a daemon in a new directory with the given arguments; sets R_START (us, until the
# launcher returns) and DAEMON_PID, or fails.
start_daemon() {
	local dir=$1 port t0 t1 rc
	shift
	port=$(free_port)
	mkdir -p "$dir" && cd "$dir" || return 1
	t0=$((10#${EPOCHREALTIME/./}))
	run_tracked "$JAVA" "${JVM_OPTS[@]}" -jar "$JAR" --daemon "$@" --server.port="$port" >launcher.out 2>&1
	rc=$?
	t1=$((10#${EPOCHREALTIME/./}))
	DAEMON_PORT=$port DAEMON_PID=
	read_pid sample-app.pid && DAEMON_PID=$REPLY && STARTED[$DAEMON_PID]=1
	if ((rc != 0)) || [[ -z $DAEMON_PID ]] || ! grep -q "^Started sample-app" launcher.out; then
		echo "daemon start in $dir failed (exit $rc):" >&2
		show launcher.out sample-app.log
		return 1
	fi
	R_START=$((t1 - t0))
}

# Sets R_START, R_STOP, R_AFTER and R_STATUS (us) or fails.
plain_side() {
	start_daemon "$1" || return 1
	timed_stop "$DAEMON_PID" || return 1
	local t0 t1
	t0=$((10#${EPOCHREALTIME/./}))
	run_tracked "$JAVA" "${JVM_OPTS[@]}" -jar "$JAR" --daemon=status >status.out 2>&1
	t1=$((10#${EPOCHREALTIME/./}))
	R_STATUS=$((t1 - t0))
}

# The cold side on a fresh cache. Sets R_START, R_TRAIN (us from the launcher's return until
# the training is done), R_STOP, R_AFTER, ENTRY and ARCHIVE, or fails.
cold_side() {
	local dir=$1 cache=$2 since deadline training used
	start_daemon "$dir" --daemon.fast-start.enabled=true --daemon.fast-start.directory="$cache" || return 1
	since=$((10#${EPOCHREALTIME/./}))
	await_archive_report sample-app.status "$DAEMON_PID" || return 1
	used=$REPLY
	[[ $used == false ]] || echo "warning: the cold start in $dir reports fast-start.archive-used=$used" >&2
	ENTRY=$(status_value sample-app.status fast-start.entry) && ARCHIVE=$(status_value sample-app.status fast-start.archive) \
		|| { echo "the cold daemon's status file names no fast-start.entry or fast-start.archive" >&2 && show sample-app.status && return 1; }
	[[ $ENTRY == "$cache"/* ]] || { echo "the cold daemon's cache entry $ENTRY is not in $cache" >&2 && return 1; }
	deadline=$((since + TRAIN_TIMEOUT * 1000000))
	while true; do
		training=$(status_value sample-app.status fast-start.training)
		[[ $training == done && -s $ARCHIVE ]] && break
		if [[ $training == failed ]] || ! alive "$DAEMON_PID" || ((10#${EPOCHREALTIME/./} > deadline)); then
			echo "the archive $ARCHIVE was not trained (fast-start.training=${training:-?}, daemon pid $DAEMON_PID" \
				"$(alive "$DAEMON_PID" && echo alive || echo gone), ${TRAIN_TIMEOUT}s allowed):" >&2
			show sample-app.status "$ENTRY/training.log" "$ENTRY/training-failed" sample-app.log
			return 1
		fi
		sleep 0.1
	done
	R_TRAIN=$((10#${EPOCHREALTIME/./} - since))
	timed_stop "$DAEMON_PID"
}

# The warm side on the cache that the cold side trained. Sets R_START, R_STOP and R_AFTER, or
# fails if the daemon did not use the archive.
warm_side() {
	local dir=$1 cache=$2
	start_daemon "$dir" --daemon.fast-start.enabled=true --daemon.fast-start.directory="$cache" || return 1
	await_archive_report sample-app.status "$DAEMON_PID" || return 1
	if [[ $REPLY != true || $(status_value sample-app.status fast-start.entry) != "$ENTRY" ]]; then
		echo "the warm daemon did not use the archive $ARCHIVE of $ENTRY:" >&2
		show sample-app.status sample-app.log
		return 1
	fi
	timed_stop "$DAEMON_PID"
}

# A supervised daemon, with fast start on the given cache or without (no cache). Sets R_CRASH
# (us, kill -9 of the application until a new one answers health UP), R_DELAY (the delay that
# the supervisor announced), R_STOP and R_AFTER, or fails.
crash_side() {
	local dir=$1 cache=${2:-} supervisor old new t0 t1
	local args=(--daemon.supervisor.enabled=true --daemon.supervisor.initial-delay=0s --daemon.supervisor.jitter=0)
	[[ -n $cache ]] && args+=(--daemon.fast-start.enabled=true --daemon.fast-start.directory="$cache")
	start_daemon "$dir" "${args[@]}" || return 1
	supervisor=$DAEMON_PID
	read_pid sample-app.app.pid && old=$REPLY && STARTED[$old]=1 \
		|| { echo "the supervisor in $dir wrote no sample-app.app.pid" >&2 && show launcher.out && return 1; }
	if [[ -n $cache ]]; then
		await_archive_report sample-app.app.status "$old" || return 1
		[[ $REPLY == true ]] || echo "warning: the supervised application on the trained cache did not use the archive" >&2
	fi
	sleep "$SETTLE"
	t0=$((10#${EPOCHREALTIME/./}))
	kill -KILL "$old" || { echo "cannot kill application pid $old" >&2 && return 1; }
	if ! await_new_application "$dir/sample-app.app.pid" "$old" "$supervisor" "$DAEMON_PORT" "$t0"; then
		echo "no new application ready within ${READY_TIMEOUT}s (or the supervisor died):" >&2
		show sample-app.log
		return 1
	fi
	t1=$((10#${EPOCHREALTIME/./}))
	new=$REPLY
	STARTED[$new]=1
	unset "STARTED[$old]"
	R_CRASH=$((t1 - t0))
	R_DELAY=$(grep -a "DaemonSupervisor .*: Restarting sample-app in " sample-app.log | tail -1 \
		| sed -n 's/.*Restarting sample-app in \([^ ]*\) .*/\1/p')
	if [[ -n $cache ]]; then
		await_archive_report sample-app.app.status "$new" || return 1
		if [[ $REPLY != true ]]; then
			echo "the application that the supervisor restarted (pid $new) did not use the archive:" >&2
			show sample-app.app.status sample-app.log
			return 1
		fi
	fi
	timed_stop "$supervisor" "$new"
}

# --- the rounds ----------------------------------------------------------------------------

VARIANTS=(plain cold warm crash-fast crash-plain)
declare -A STOP_NAMES=([plain]="no fast start" [cold]=cold [warm]=warm [crash-fast]="supervisor fast" \
	[crash-plain]="supervisor plain")
declare -A STOPS=() AFTERS=()
F_START=() P_START=() C_START=() W_START=() TRAIN=() CRASH_F=() CRASH_P=() STATUS=()
ODD_DELAYS=""
printf '%-8s | %11s %11s %11s %11s | %11s %11s | %9s %9s\n' round foreground "no fast st" cold warm \
	"crash fast" "crash plain" training status
printf '%s\n' "---------+-------------------------------------------------+-------------------------+--------------------"
total=$((WARMUP + ROUNDS))
for ((round = 1; round <= total; round++)); do
	dir="$WORK/round-$round"
	cache="$dir/cache"
	stop_line=""
	declare -A R_STOPS=() R_AFTERS=()
	foreground_side "$dir/foreground" || exit 1
	fs=$R_START
	plain_side "$dir/plain" || exit 1
	ps=$R_START st=$R_STATUS R_STOPS[plain]=$R_STOP R_AFTERS[plain]=$R_AFTER
	cold_side "$dir/cold" "$cache" || exit 1
	cs=$R_START tr=$R_TRAIN R_STOPS[cold]=$R_STOP R_AFTERS[cold]=$R_AFTER
	warm_side "$dir/warm" "$cache" || exit 1
	ws=$R_START R_STOPS[warm]=$R_STOP R_AFTERS[warm]=$R_AFTER
	crash_side "$dir/crash-fast" "$cache" || exit 1
	cf=$R_CRASH R_STOPS[crash-fast]=$R_STOP R_AFTERS[crash-fast]=$R_AFTER df=$R_DELAY
	crash_side "$dir/crash-plain" || exit 1
	cp=$R_CRASH R_STOPS[crash-plain]=$R_STOP R_AFTERS[crash-plain]=$R_AFTER dp=$R_DELAY
	DISK_ENTRY=$(du -sh "$ENTRY" | cut -f1) DISK_APP=$(du -sh "$ENTRY/app" | cut -f1)
	DISK_ARCHIVE=$(du -sh "$ARCHIVE" | cut -f1) DISK_NAME=${ENTRY#"$dir"/}
	label=$((round - WARMUP))
	((round <= WARMUP)) && label="warm-up"
	printf '%-8s | %8s ms %8s ms %8s ms %8s ms | %8s ms %8s ms | %7s s %6s ms\n' "$label" \
		"$(ms "$fs")" "$(ms "$ps")" "$(ms "$cs")" "$(ms "$ws")" "$(ms "$cf")" "$(ms "$cp")" \
		"$(awk -v us="$tr" 'BEGIN { printf "%.1f", us / 1e6 }')" "$(ms "$st")"
	for v in "${VARIANTS[@]}"; do
		stop_line+="${stop_line:+, }${STOP_NAMES[$v]} $(ms "${R_STOPS[$v]}") ($(printf '%+d' "$(ms "${R_AFTERS[$v]}")"))"
	done
	echo "  stop, whole (return - exit) in ms: $stop_line"
	[[ $df == 0ms && $dp == 0ms ]] || ODD_DELAYS+=" round $label: ${df:-?} and ${dp:-?};"
	if ((round > WARMUP)); then
		F_START+=("$fs") P_START+=("$ps") C_START+=("$cs") W_START+=("$ws") TRAIN+=("$tr")
		CRASH_F+=("$cf") CRASH_P+=("$cp") STATUS+=("$st")
		for v in "${VARIANTS[@]}"; do
			STOPS[$v]+=" ${R_STOPS[$v]}" AFTERS[$v]+=" ${R_AFTERS[$v]}"
		done
	fi
	cd "$WORK" || exit 1
	[[ $KEEP == 1 ]] || rm -rf "$dir"
done
echo
echo "columns: starts until the launcher returns (daemons) or health UP (foreground); crash = kill -9 of the"
echo "         supervised application until a new one answers health UP; training = the cold daemon's"
echo "         background training, from the launcher's return until fast-start.training=done (not timed:"
echo "         information); status = --daemon=status with no daemon (a control command's floor)"
[[ -z $ODD_DELAYS ]] || echo "note: the supervisor announced a restart delay other than 0ms:$ODD_DELAYS"

# --- summary -------------------------------------------------------------------------------

read -r fsm fsn <<<"$(stats "${F_START[@]}")"
read -r psm psn <<<"$(stats "${P_START[@]}")"
read -r csm csn <<<"$(stats "${C_START[@]}")"
read -r wsm wsn <<<"$(stats "${W_START[@]}")"
read -r cfm cfn <<<"$(stats "${CRASH_F[@]}")"
read -r cpm cpn <<<"$(stats "${CRASH_P[@]}")"
read -r trm trn <<<"$(stats "${TRAIN[@]}")"
read -r stm stn <<<"$(stats "${STATUS[@]}")"

echo
printf '%-66s %8s %8s\n' "Summary over $ROUNDS rounds (milliseconds)" median min
printf '  %-64s %8s %8s\n' \
	"start, foreground (health UP, +<=${POLL_MS} ms poll)" "$fsm" "$fsn" \
	"start, daemon without fast start (launcher returns)" "$psm" "$psn" \
	"start, daemon with fast start, cold cache (extracts)" "$csm" "$csn" \
	"start, daemon with fast start, warm cache (archive used)" "$wsm" "$wsn" \
	"crash-to-ready, supervisor with fast start (kill -9 to health UP)" "$cfm" "$cfn" \
	"crash-to-ready, supervisor without fast start" "$cpm" "$cpn" \
	"training after the cold start (not timed; information)" "$trm" "$trn" \
	"launcher only, --daemon=status (information)" "$stm" "$stn"
for v in "${VARIANTS[@]}"; do
	read -r m n <<<"$(stats ${STOPS[$v]})"
	printf '  %-64s %8s %8s\n' "stop, whole --daemon=stop, ${STOP_NAMES[$v]}" "$m" "$n"
done
for v in "${VARIANTS[@]}"; do
	read -r m n <<<"$(stats ${AFTERS[$v]})"
	printf '  %-64s %8s %8s\n' "stop, its return - the daemon's exit, ${STOP_NAMES[$v]}" "$m" "$n"
done
echo
awk -v fsm="$fsm" -v fsn="$fsn" -v psm="$psm" -v psn="$psn" -v csm="$csm" -v csn="$csn" -v wsm="$wsm" -v wsn="$wsn" \
	-v cfm="$cfm" -v cfn="$cfn" -v cpm="$cpm" -v cpn="$cpn" -v tw="$TARGET_WARM" -v tc="$TARGET_COLD" \
	-v tp="$TARGET_PLAIN" -v tk="$TARGET_CRASH" -v feature="$JAVA_FEATURE" '
	function verdict(ok) { return ok ? "meets target" : "MISSES target" }
	function ratio(label, m, n, dm, dn, target) {
		r = m / dm
		printf "%-44s %.2fx by median (%.2fx by min)", label, r, n / dn
		if (target != "") printf "; target <= %sx: %s", target, verdict(r <= target)
		printf "\n"
	}
	BEGIN {
		ratio("warm / foreground (JDK " feature "):", wsm, wsn, fsm, fsn, tw)
		ratio("cold / no fast start:", csm, csn, psm, psn, tc)
		ratio("no fast start / foreground:", psm, psn, fsm, fsn, tp)
		ratio("crash-to-ready with fast start / foreground:", cfm, cfn, fsm, fsn, tk)
		ratio("crash-to-ready without fast start / fg:", cpm, cpn, fsm, fsn, "")
		ratio("warm / no fast start:", wsm, wsn, psm, psn, "")
	}'
for v in "${VARIANTS[@]}"; do
	read -r m _ <<<"$(stats ${AFTERS[$v]})"
	max=$(printf '%s\n' ${AFTERS[$v]} | sort -n | tail -1)
	read -r w _ <<<"$(stats ${STOPS[$v]})"
	awk -v m="$m" -v max="$(ms "$max")" -v w="$w" -v t="$TARGET_STOP_MS" -v j="$JSVC_STOP_MS" -v name="${STOP_NAMES[$v]}" '
		BEGIN {
			printf "stop returns after the exit, %-17s %+d ms by median (max %+d ms); target <= %d ms: %s;", \
				name ":", m, max, t, (m <= t ? "meets target" : "MISSES target")
			printf " whole command %d ms, %.2fx jsvc -stop\n", w, w / j
		}'
done
echo "jsvc -stop: $JSVC_STOP_MS ms \"on this machine\" is a constant quoted from issue 19, not measured by this script"
echo "the exit is stamped by a poller of /proc/<pid> every $STOP_POLL_MS ms (gone or a zombie): up to one poll late," \
	"so each difference may be that much too small"
echo "cache entry on disk (last round, du -sh): $DISK_ENTRY in all ($DISK_NAME): app/ $DISK_APP," \
	"${ARCHIVE##*/} $DISK_ARCHIVE; the fat jar $(du -sh "$JAR" | cut -f1)"
echo "load avg:   $(cut -d' ' -f1-3 /proc/loadavg) (at end)"
