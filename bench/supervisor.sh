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
# supervisor.sh: what the process supervisor (daemon.supervisor.enabled=true) costs: the time
# from a crash of the application to the application ready again, against the backoff plus a
# plain foreground start, and the supervisor's own memory and CPU. A benchmark, not a test:
# `./mvnw verify` never runs it.
#
# It starts the sample application once as a supervised daemon, with the same JVM and the same
# JVM flags ($JAVA_OPTS) as the foreground side (the supervisor passes them on to the
# application):
#
#   java -jar sample-app.jar --daemon --daemon.supervisor.enabled=true --server.port=P
#        --daemon.supervisor.initial-delay=D --daemon.supervisor.jitter=0
#        --daemon.supervisor.min-uptime=1s --daemon.supervisor.max-restarts=-1
#        --daemon.supervisor.prestart=PRESTART
#
# With PRESTART=true (the default, as in the product) the supervisor starts the next JVM when
# the backoff begins and lets it start the application when the backoff ends; PRESTART=false
# starts the JVM only then, which shows what a cold restart costs.
#
# then alternates, for ROUNDS rounds after WARMUP discarded warm-up rounds:
#
#   crash-to-ready  after SETTLE seconds of idling, `kill -9 <application pid>` (from
#                   sample-app.app.pid) until GET /actuator/health answers UP while
#                   sample-app.app.pid names a new, live application; polled every POLL_MS
#   foreground      a plain `java -jar sample-app.jar --server.port=P2` in a fresh directory,
#                   from invoking it until GET /actuator/health answers UP (same polling),
#                   then SIGTERM and wait until it has exited
#   run             (information; RUN_SIDE=0 skips it) the same with `--daemon=run`: in the
#                   foreground, but with the daemon's runtime (the PID file locked through
#                   the native layer), as the supervised application has it; it tells the supervisor's
#                   share of the overhead from the daemon runtime's
#
# From the log file, for each crash: when the supervisor logged "... ended after ...: killed by
# SIGKILL" (minus the kill: how soon it noticed) and "Restarted sample-app (pid N, restart k)"
# (minus the "ended" line and minus D: the supervisor's own delay beyond the backoff); and the
# JVM uptime that Spring Boot logs at "Started ... (process running for X)" on both sides (for a
# restarted child that booted during the backoff, it includes the time it was held).
#
# The overhead is crash-to-ready - D - foreground start (by median; also the median of the
# per-round differences). Target: at most 100 ms.
#
# Then the supervisor's cost, with the application idle (SETTLE seconds after its last
# restart): VmRSS (and RssAnon, RssFile, Pss) of the supervisor and of the application from
# /proc/<pid>/status and smaps_rollup; its thread count; its CPU over IDLE seconds, as
# utime+stime ticks of /proc/<pid>/stat, as % of one core (target: 0, "nothing polls"),
# per thread, with the thread wake-ups (context switches) in the same window; the
# application's CPU over the same window for comparison.
#
# It prints each round, then a summary table with ratios or differences and whether each target
# is met. At the end `java -jar sample-app.jar --daemon=stop` stops the daemon; on exit,
# including Ctrl-C, every process started is killed by PID and the temporary directory removed.
#
# Needs only a JDK, bash 5 (for $EPOCHREALTIME and /dev/tcp), GNU coreutils (date -d), awk and
# /proc. curl is used to poll the health endpoint only if this bash has no /dev/tcp.
#
# Run from anywhere (builds sample-app/target/sample-app.jar first if it is missing):
#
#   bench/supervisor.sh                                  # 5 rounds + 1 warm-up, about 4 minutes
#   ROUNDS=10 D=2s IDLE=60 bench/supervisor.sh
#   JAVA_OPTS="-XX:TieredStopAtLevel=1" bench/supervisor.sh
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java bench/supervisor.sh
#   LAYOUT=cds bench/supervisor.sh                       # the extracted jar with a CDS archive
#
# Environment: ROUNDS (5), WARMUP (1), D (1s; the backoff, daemon.supervisor.initial-delay, in
# ms or s), IDLE (30, seconds of the CPU window), SETTLE (2, seconds of idling before each kill
# and before the measurements of cost), POLL_MS (10), READY_TIMEOUT (120, seconds), JAVA_OPTS
# (JVM flags for both sides), JAVA (java binary; default $JAVA_HOME/bin/java, else java on the
# PATH), JAR (default sample-app/target/sample-app.jar), KEEP (1 keeps the temporary
# directories with their logs), RUN_SIDE (1; 0 leaves out the --daemon=run side), PRESTART
# (true; daemon.supervisor.prestart), LAYOUT (jar, extracted or cds: see prepare_jar in lib.sh).

set -uo pipefail
export LC_ALL=C

ROUNDS=${ROUNDS:-5}
WARMUP=${WARMUP:-1}
D=${D:-1s}
IDLE=${IDLE:-30}
SETTLE=${SETTLE:-2}
POLL_MS=${POLL_MS:-10}
READY_TIMEOUT=${READY_TIMEOUT:-120}
KEEP=${KEEP:-0}
RUN_SIDE=${RUN_SIDE:-1}
PRESTART=${PRESTART:-true}
TARGET_OVERHEAD_MS=100

PROJECT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/setup.sh
source "$PROJECT_DIR/bench/setup.sh"
[[ $IDLE =~ ^[1-9][0-9]*$ && $SETTLE =~ ^[0-9]+$ ]] || die "IDLE and SETTLE must be whole seconds (IDLE at least 1)"
[[ $PRESTART == true || $PRESTART == false ]] || die "PRESTART must be true or false"
if [[ $D =~ ^([0-9]+)ms$ ]]; then
	D_MS=$((10#${BASH_REMATCH[1]}))
elif [[ $D =~ ^([0-9]+)s$ ]]; then
	D_MS=$((10#${BASH_REMATCH[1]} * 1000))
else
	die "D must be a whole number of ms or s, such as 1s or 500ms"
fi
CLK_TCK=$(getconf CLK_TCK) || die "getconf CLK_TCK failed"

# --- processes started by this script, killed by PID on exit -------------------------------

WORK=$(mktemp -d "${TMPDIR:-/tmp}/supervisor-bench.XXXXXX") || die "cannot create a temporary directory"
DAEMON_DIR=$WORK/daemon
declare -A STARTED=()

# shellcheck source=bench/lib.sh
source "$PROJECT_DIR/bench/lib.sh"

cleanup() {
	local pid
	# The supervisor first (SIGTERM stops its application gracefully), then everything else
	pid=$(pid_in "$DAEMON_DIR/sample-app.pid") && kill_ours "$pid"
	pid=$(pid_in "$DAEMON_DIR/sample-app.app.pid") && STARTED[$pid]=1
	stop_started_and_clean_up
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A log timestamp (2026-11-21T21:43:31.919Z or with an offset) in microseconds since the epoch.
log_time_us() {
	local ms
	ms=$(date -d "$1" +%s%3N 2>/dev/null) && [[ $ms =~ ^[0-9]+$ ]] && echo $((ms * 1000))
}

# --- /proc readings ------------------------------------------------------------------------

# utime+stime of a process or thread, in clock ticks.
cpu_ticks() {
	awk '{ sub(/.*\) /, ""); print $12 + $13 }' "$1/stat" 2>/dev/null
}

# A field of /proc/<pid>/status (VmRSS, RssAnon, RssFile, Threads) without its unit.
status_field() {
	awk -v key="$2:" '$1 == key { print $2 }' "/proc/$1/status" 2>/dev/null
}

# Pss of a process in kB, or n/a.
pss_kb() {
	awk '$1 == "Pss:" { print $2; found = 1 } END { if (!found) print "n/a" }' "/proc/$1/smaps_rollup" 2>/dev/null \
		|| echo n/a
}

# Per thread of a process: "tid name ticks context-switches", one line each.
thread_table() {
	local task comm
	for task in /proc/"$1"/task/*; do
		comm=$(tr ' ' '_' <"$task/comm" 2>/dev/null) || continue
		echo "${task##*/} $comm $(cpu_ticks "$task") $(awk '/^(non)?voluntary_ctxt_switches:/ { s += $2 } END { print s + 0 }' "$task/status" 2>/dev/null)"
	done
}

# --- the jar and the machine -------------------------------------------------------------

prepare_jar

echo "== supervisor benchmark =="
echo "date:       $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "machine:    $(uname -srm), nproc $(nproc), $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
echo "load avg:   $(cut -d' ' -f1-3 /proc/loadavg) (at start)"
echo "java:       $JAVA"
"$JAVA" -version 2>&1 | sed 's/^/            /'
echo "JVM flags:  ${JVM_OPTS[*]:-(none)} (\$JAVA_OPTS and the layout's; applied to both sides, the supervisor passes them on to the application)"
echo "jar:        $JAR (LAYOUT=$LAYOUT)"
echo "backoff:    D=$D (daemon.supervisor.initial-delay, jitter 0, min-uptime 1s, max-restarts -1, prestart $PRESTART)"
echo "rounds:     $ROUNDS measured + $WARMUP warm-up (discarded), order crash, foreground$([[ $RUN_SIDE == 1 ]] && echo ", --daemon=run")"
echo "poll:       $POLL_MS ms via $POLLER; settle $SETTLE s before each kill; idle window $IDLE s"
echo

# --- the supervised daemon -----------------------------------------------------------------

DAEMON_PORT=$(free_port)
mkdir -p "$DAEMON_DIR" || die "cannot create $DAEMON_DIR"
cd "$DAEMON_DIR" || exit 1
LOG=$DAEMON_DIR/sample-app.log
t0=$(now_us)
run_tracked "$JAVA" "${JVM_OPTS[@]}" -jar "$JAR" --daemon --daemon.supervisor.enabled=true \
	--server.port="$DAEMON_PORT" --daemon.supervisor.initial-delay="$D" --daemon.supervisor.jitter=0 \
	--daemon.supervisor.min-uptime=1s --daemon.supervisor.max-restarts=-1 \
	--daemon.supervisor.prestart="$PRESTART" >launcher.out 2>&1
rc=$?
t1=$(now_us)
SUP_PID=$(pid_in sample-app.pid) && STARTED[$SUP_PID]=1
APP_PID=$(pid_in sample-app.app.pid) && STARTED[$APP_PID]=1
if ((rc != 0)) || [[ -z ${SUP_PID:-} || -z ${APP_PID:-} ]] || ! health_up "$DAEMON_PORT"; then
	echo "supervised start failed (exit $rc):" >&2
	sed 's/^/    /' launcher.out >&2
	tail -20 "$LOG" 2>/dev/null | sed 's/^/    /' >&2
	exit 1
fi
echo "supervised start: $(ms $((t1 - t0))) ms until --daemon returned; supervisor pid $SUP_PID, application pid $APP_PID, port $DAEMON_PORT"
echo

# --- one round of each side ----------------------------------------------------------------

# The "Started ... (process running for X)" uptime in ms of the given pid's line in a log, or n/a.
app_reported() {
	local file=$1 pid=${2:-}
	grep -a " ${pid}${pid:+ }" "$file" 2>/dev/null \
		| sed -n 's/.*Started .* in [0-9.]* seconds (process running for \([0-9.]*\)).*/\1/p' \
		| head -1 | awk '{ printf "%.0f", $1 * 1000 } END { if (NR == 0) printf "n/a" }'
}

# Sets R_READY (us), R_NOTICED (us, kill until the "ended" line), R_REACTION (us, "ended" until
# "Restarted" minus D), R_DELAY (the delay the supervisor announced), R_APP (ms), R_SUP_TICKS
# (supervisor CPU over the round), R_CPU (the new application's CPU ticks until ready), APP_PID
# (the new application) or fails.
crash_round() {
	local old=$APP_PID new t0 t1 ended_line restarted_line ended_us restarted_us s0 s1
	s0=$(cpu_ticks "/proc/$SUP_PID")
	t0=$(now_us)
	kill -KILL "$old" || { echo "cannot kill application pid $old" >&2; return 1; }
	if ! await_new_application "$DAEMON_DIR/sample-app.app.pid" "$old" "$SUP_PID" "$DAEMON_PORT" "$t0"; then
		echo "no new application ready within ${READY_TIMEOUT}s (or the supervisor died); last lines of the log:" >&2
		tail -20 "$LOG" | sed 's/^/    /' >&2
		return 1
	fi
	t1=$(now_us)
	new=$REPLY
	s1=$(cpu_ticks "/proc/$SUP_PID")
	R_CPU=$(cpu_ticks "/proc/$new")
	STARTED[$new]=1
	unset "STARTED[$old]"
	APP_PID=$new
	R_READY=$((t1 - t0))
	R_SUP_TICKS=$((s1 - s0))
	ended_line=$(grep -a "DaemonSupervisor .*: sample-app (pid $old) ended after .*: killed by SIGKILL" "$LOG" | tail -1)
	restarted_line=$(grep -a "DaemonSupervisor .*: Restarted sample-app (pid $new, restart [0-9]*)" "$LOG" | tail -1)
	R_DELAY=$(grep -a "DaemonSupervisor .*: Restarting sample-app in " "$LOG" | tail -1 \
		| sed -n 's/.*Restarting sample-app in \([^ ]*\) .*/\1/p')
	R_NOTICED=n/a R_REACTION=n/a
	if [[ -n $ended_line ]] && ended_us=$(log_time_us "${ended_line%% *}"); then
		R_NOTICED=$((ended_us - t0))
		if [[ -n $restarted_line ]] && restarted_us=$(log_time_us "${restarted_line%% *}"); then
			R_REACTION=$((restarted_us - ended_us - D_MS * 1000))
		fi
	else
		echo "warning: no \"ended ... killed by SIGKILL\" line for pid $old in the log" >&2
	fi
	[[ -n $restarted_line ]] || echo "warning: no \"Restarted sample-app (pid $new, ...)\" line in the log" >&2
	R_APP=$(app_reported "$LOG" "$new")
}

# Sets R_START (us), R_APP (ms), R_CPU (its CPU ticks until ready) or fails. Further arguments go to the application.
foreground_round() {
	local dir=$1 port t0 t1 pid deadline
	shift
	port=$(free_port)
	mkdir -p "$dir" && cd "$dir" || return 1
	t0=$(now_us)
	"$JAVA" "${JVM_OPTS[@]}" -jar "$JAR" "$@" --server.port="$port" >console.log 2>&1 &
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
	R_CPU=$(cpu_ticks "/proc/$pid")
	R_START=$((t1 - t0))
	R_APP=$(app_reported console.log)
	kill -TERM "$pid"
	wait "$pid"
	unset "STARTED[$pid]"
	cd "$WORK" || return 1
}

# --- the rounds ----------------------------------------------------------------------------

READY=() FG=() OVER=() NOTICED=() REACTION=() C_APP=() F_APP=() SUP_TICKS=() RUN=() R_APPS=()
ODD_DELAYS="" CPU_LINE=""
printf '%-8s | %14s %10s %10s | %10s | %9s %9s %6s | %9s %9s %9s | %9s\n' round "crash-to-ready" "fg start" \
	"overhead" "run start" "noticed" "reaction" delay "c app-rep" "fg app-rep" "run app-rep" "sup ticks"
printf '%s\n' "---------+---------------------------------------+------------+------------------------------+--------------------------------+----------"
total=$((WARMUP + ROUNDS))
for ((round = 1; round <= total; round++)); do
	sleep "$SETTLE"
	crash_round || exit 1
	cr=$R_READY no=$R_NOTICED re=$R_REACTION dl=${R_DELAY:-?} ca=$R_APP st=$R_SUP_TICKS cc=$R_CPU
	foreground_round "$WORK/foreground-$round" || exit 1
	fs=$R_START fa=$R_APP fc=$R_CPU
	rs=n/a ra=n/a rc=n/a
	if [[ $RUN_SIDE == 1 ]]; then
		foreground_round "$WORK/run-$round" --daemon=run || exit 1
		rs=$R_START ra=$R_APP rc=$R_CPU
	fi
	ov=$((cr - D_MS * 1000 - fs))
	label=$((round - WARMUP))
	((round <= WARMUP)) && label="warm-up"
	printf '%-8s | %11s ms %7s ms %7s ms | %7s ms | %6s ms %6s ms %6s | %6s ms %6s ms %7s ms | %9s\n' "$label" \
		"$(ms "$cr")" "$(ms "$fs")" "$(ms "$ov")" "$(ms "$rs")" "$(ms "$no")" "$(ms "$re")" "$dl" "$ca" "$fa" "$ra" "$st"
	CPU_LINE+=" $cc/$fc/$rc"
	[[ $dl == "$D" ]] || ODD_DELAYS+=" round $label: $dl;"
	if ((round > WARMUP)); then
		READY+=("$cr") FG+=("$fs") OVER+=("$ov") SUP_TICKS+=("$st")
		[[ $no != n/a ]] && NOTICED+=("$no")
		[[ $re != n/a ]] && REACTION+=("$re")
		[[ $ca != n/a ]] && C_APP+=("$((ca * 1000))")
		[[ $fa != n/a ]] && F_APP+=("$((fa * 1000))")
		[[ $rs != n/a ]] && RUN+=("$rs")
		[[ $ra != n/a ]] && R_APPS+=("$((ra * 1000))")
	fi
	[[ $KEEP == 1 ]] || rm -rf "$WORK/foreground-$round" "$WORK/run-$round"
done
echo
echo "columns: overhead = crash-to-ready - D - fg start; noticed = kill -9 until the supervisor's \"ended\" line;"
echo "         reaction = \"ended\" until \"Restarted\" line - D; delay = the backoff the supervisor announced;"
echo "         run start = --daemon=run (in the foreground, with the daemon's PID file lock) until health UP;"
echo "         app-rep = JVM uptime at Spring Boot's \"Started\" line (restarted child, foreground, --daemon=run;"
echo "         with prestart, the restarted child's includes the time it was held during the backoff);"
echo "         sup ticks = supervisor utime+stime over the round (1 tick = $((1000 / CLK_TCK)) ms)"
echo "application CPU until ready (ticks, per round: restarted child / foreground / --daemon=run):$CPU_LINE"
[[ -z $ODD_DELAYS ]] || echo "note: the supervisor announced a delay other than D=$D:$ODD_DELAYS"

# --- the supervisor's cost, the application idle ---------------------------------------------

echo
echo "Cost: application pid $APP_PID idle, supervisor pid $SUP_PID; settling $SETTLE s, then a $IDLE s window"
sleep "$SETTLE"
if ! alive "$SUP_PID" || ! alive "$APP_PID"; then
	die "the supervisor or the application is gone"
fi
SUP_RSS=$(status_field "$SUP_PID" VmRSS) SUP_ANON=$(status_field "$SUP_PID" RssAnon)
SUP_FILE=$(status_field "$SUP_PID" RssFile) SUP_PSS=$(pss_kb "$SUP_PID")
APP_RSS=$(status_field "$APP_PID" VmRSS) APP_ANON=$(status_field "$APP_PID" RssAnon)
APP_FILE=$(status_field "$APP_PID" RssFile) APP_PSS=$(pss_kb "$APP_PID")
SUP_THREADS=$(status_field "$SUP_PID" Threads) APP_THREADS=$(status_field "$APP_PID" Threads)
threads0=$(thread_table "$SUP_PID")
sup0=$(cpu_ticks "/proc/$SUP_PID") app0=$(cpu_ticks "/proc/$APP_PID")
w0=$(now_us)
sleep "$IDLE"
w1=$(now_us)
sup1=$(cpu_ticks "/proc/$SUP_PID") app1=$(cpu_ticks "/proc/$APP_PID")
threads1=$(thread_table "$SUP_PID")
[[ $(pid_in "$DAEMON_DIR/sample-app.app.pid") == "$APP_PID" ]] \
	|| echo "warning: the application restarted during the idle window; its CPU figure is not comparable" >&2
SUP_IDLE_TICKS=$((sup1 - sup0)) APP_IDLE_TICKS=$((app1 - app0))
read -r SUP_PCT APP_PCT <<<"$(awk -v s="$SUP_IDLE_TICKS" -v a="$APP_IDLE_TICKS" -v hz="$CLK_TCK" -v us=$((w1 - w0)) \
	'BEGIN { t = us / 1e6; printf "%.3f %.3f\n", 100 * s / hz / t, 100 * a / hz / t }')"
echo "supervisor threads that ran in the window (CPU ticks; context switches, that is wake-ups):"
awk -v secs=$(((w1 - w0) / 1000000)) '
	NR == FNR { t[$1] = $3; c[$1] = $4; next }
	($1 in t) {
		dt = $3 - t[$1]; dc = $4 - c[$1]
		if (dt > 0 || dc > 0) printf "    %-8s %-16s %3d ticks %6d wake-ups (%.1f/s)\n", $1, $2, dt, dc, dc / secs
	}' <(echo "$threads0") <(echo "$threads1")
WAKEUP_TOTAL=$(awk 'NR == FNR { c[$1] = $4; next } ($1 in c) { total += $4 - c[$1] } END { printf "%d", total }' \
	<(echo "$threads0") <(echo "$threads1"))

# --- stop ----------------------------------------------------------------------------------

cd "$DAEMON_DIR" || exit 1
t0=$(now_us)
run_tracked "$JAVA" "${JVM_OPTS[@]}" -jar "$JAR" --daemon=stop >stop.out 2>&1
rc=$?
t1=$(now_us)
STOP_MS=$(ms $((t1 - t0)))
if ((rc != 0)) || alive "$SUP_PID" || alive "$APP_PID"; then
	echo "warning: --daemon=stop exited with $rc, or the supervisor ($SUP_PID) or the application ($APP_PID) is still alive:" >&2
	sed 's/^/    /' stop.out >&2
else
	unset "STARTED[$SUP_PID]" "STARTED[$APP_PID]"
fi
RESTARTED_TOTAL=$(grep -ac "DaemonSupervisor .*: Restarted sample-app" "$LOG")

# --- summary -------------------------------------------------------------------------------

read -r rdm rdn <<<"$(stats "${READY[@]}")"
read -r fgm fgn <<<"$(stats "${FG[@]}")"
read -r ovm ovn <<<"$(stats "${OVER[@]}")"
read -r nom _ <<<"$(stats "${NOTICED[@]}")"
read -r rem ren <<<"$(stats "${REACTION[@]}")"
read -r cam _ <<<"$(stats "${C_APP[@]}")"
read -r fam _ <<<"$(stats "${F_APP[@]}")"
read -r rsm rsn <<<"$(stats "${RUN[@]}")"
read -r ram _ <<<"$(stats "${R_APPS[@]}")"
read -r stm _ <<<"$(stats "$(printf '%s\n' "${SUP_TICKS[@]}" | awk '{ print $1 * 1000 }')")"

echo
printf '%-60s %10s %10s %12s  %s\n' "Summary over $ROUNDS rounds (medians; min in brackets)" supervised foreground "ratio/diff" target
awk -v rdm="$rdm" -v rdn="$rdn" -v fgm="$fgm" -v fgn="$fgn" -v d="$D_MS" -v ovm="$ovm" -v ovn="$ovn" \
	-v nom="$nom" -v rem="$rem" -v ren="$ren" -v cam="$cam" -v fam="$fam" -v stm="$stm" -v tgt="$TARGET_OVERHEAD_MS" \
	-v srss="$SUP_RSS" -v sanon="$SUP_ANON" -v sfile="$SUP_FILE" -v spss="$SUP_PSS" \
	-v arss="$APP_RSS" -v aanon="$APP_ANON" -v afile="$APP_FILE" -v apss="$APP_PSS" \
	-v sthr="$SUP_THREADS" -v athr="$APP_THREADS" -v stk="$SUP_IDLE_TICKS" -v atk="$APP_IDLE_TICKS" \
	-v spct="$SUP_PCT" -v apct="$APP_PCT" -v idle="$IDLE" -v wake="$WAKEUP_TOTAL" -v stop="$STOP_MS" \
	-v rsm="$rsm" -v rsn="$rsn" -v ram="$ram" '
	function row(label, a, b, c, t) { printf "%-60s %10s %10s %12s  %s\n", label, a, b, c, t }
	function mb(kb) { return (kb == "n/a" || kb == "") ? "n/a" : sprintf("%.1f", kb / 1024) }
	BEGIN {
		row("crash-to-ready: kill -9 until health UP, new pid (ms)", rdm " (" rdn ")", "", "", "")
		row("foreground start until health UP (ms)", "", fgm " (" fgn ")", "", "")
		row("configured backoff D (ms)", d, "", "", "")
		o = rdm - d - fgm
		row("overhead = crash-to-ready - D - foreground (ms, by medians)", "", "", sprintf("%+d", o), \
			"<= " tgt " ms: " (o <= tgt ? "met" : "MISSED"))
		row("  same, median of per-round differences (min) (ms)", "", "", sprintf("%+d (%+d)", ovm, ovn), "(information)")
		row("  kill -9 until the supervisor logs \"ended\" (ms)", nom, "", "", "(information)")
		row("  supervisor reaction: \"ended\" to \"Restarted\" - D (ms)", rem " (" ren ")", "", "", "(information)")
		row("  JVM uptime at \"Started\" (restarted child, foreground) (ms)", cam, fam, sprintf("%+d", cam - fam), "(information)")
		if (rsm != "n/a") {
			row("  --daemon=run start until health UP (ms)", "", rsm " (" rsn ")", "", "(information)")
			row("  overhead against --daemon=run: crash-to-ready - D - run (ms)", "", "", sprintf("%+d", rdm - d - rsm), "(information)")
			row("  JVM uptime at \"Started\", --daemon=run (ms)", "", ram, sprintf("%+d", cam - ram), "(information: restarted child - run)")
		}
		row("  supervisor CPU per crash round (ticks, median)", stm, "", "", "(information)")
		row("RSS (MB): supervisor, application", mb(srss), mb(arss), sprintf("%.2fx", srss / arss), "(information)")
		row("  RssAnon (MB)", mb(sanon), mb(aanon), "", "(information)")
		row("  RssFile (MB)", mb(sfile), mb(afile), "", "(information)")
		row("  Pss (MB)", mb(spss), mb(apss), "", "(information)")
		row("threads: supervisor, application", sthr, athr, "", "(information)")
		row("idle CPU over " idle " s (ticks): supervisor, application", stk, atk, "", "")
		row("idle CPU (% of a core): supervisor, application", spct, apct, "", \
			"supervisor 0: " (stk == 0 ? "met" : "MISSED (" stk " ticks)"))
		row("  supervisor thread wake-ups in the window (per s)", sprintf("%d (%.1f)", wake, wake / idle), "", "", "(information)")
		row("--daemon=stop, supervisor and application (ms)", stop, "", "", "(information)")
	}'
echo "restarts logged by the supervisor: $RESTARTED_TOTAL (expected $total)"
echo "load avg:   $(cut -d' ' -f1-3 /proc/loadavg) (at end)"
