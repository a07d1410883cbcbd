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
# lib.sh: helpers that the benchmark scripts share, sourced by them after they have set
# WORK (their temporary directory), POLL_MS, JAR, LAYOUT, JVM_OPTS and the associative array
# STARTED.

# Whether a process exists and is not a zombie.
alive() {
	local stat state
	{ IFS= read -r stat <"/proc/$1/stat"; } 2>/dev/null || return 1
	state=${stat##*) }
	state=${state%% *}
	[[ -n $state && $state != Z ]]
}

# Sets REPLY to the number in a PID file, or to nothing and fails, without forking: polling
# loops use it, so that they take no CPU from the JVM they wait for.
read_pid() {
	REPLY=
	{ IFS= read -r REPLY <"$1"; } 2>/dev/null
	[[ $REPLY =~ ^[0-9]+$ ]] || { REPLY= && return 1; }
}

# Prints the number in a PID file (written without a trailing newline), or fails.
pid_in() {
	read_pid "$1" && echo "$REPLY"
}

# Runs a command in the background, listed in STARTED while it runs so that an interrupted
# benchmark still kills it, and waits for it (a wait, unlike a foreground command, lets the INT
# and TERM traps run at once). Returns the command's exit status.
run_tracked() {
	local pid rc
	"$@" &
	pid=$!
	STARTED[$pid]=1
	wait "$pid"
	rc=$?
	unset "STARTED[$pid]"
	return "$rc"
}

# Kill a PID only if it is still one of our JVMs: its command line names the jar, or a path in
# WORK (a JVM that runs the jar's copy in a fast start cache there).
kill_ours() {
	local pid=$1 cmdline
	[[ -r /proc/$pid/cmdline ]] || return 0
	cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 0
	[[ $cmdline == *"$JAR"* || $cmdline == *"$WORK/"* ]] || return 0
	kill -TERM "$pid" 2>/dev/null
	for _ in $(seq 1 100); do
		alive "$pid" || return 0
		sleep 0.1
	done
	kill -KILL "$pid" 2>/dev/null
}

# The end of every cleanup: stops the JVMs in STARTED and any process whose working directory
# is one of ours (a daemon whose PID file was not written yet), each only if it is still one
# of our JVMs, then removes WORK unless KEEP=1.
stop_started_and_clean_up() {
	local pid proc
	for pid in "${!STARTED[@]}"; do
		kill_ours "$pid"
	done
	for proc in /proc/[0-9]*; do
		[[ $(readlink "$proc/cwd" 2>/dev/null) == "$WORK"/* ]] && kill_ours "${proc#/proc/}"
	done
	wait 2>/dev/null
	if [[ $KEEP == 1 ]]; then
		echo "Kept $WORK"
	else
		rm -rf "$WORK"
	fi
}

# --- the jar ------------------------------------------------------------------------------

# Builds JAR if it is missing, then lays it out as LAYOUT says:
#   jar        JAR itself, as `java -jar app.jar` runs it (Spring Boot's nested jars)
#   extracted  the jar that `java -Djarmode=tools -jar JAR extract` writes, with its libraries in
#              lib/ beside it: Spring Boot's layout for efficient deployments, with no nested jars
#   cds        the extracted jar plus a class data sharing archive, made by one training run
#              that starts the application with --daemon=run (so the archive holds the daemon
#              runtime's classes too) and exits once its context is refreshed
#              (-XX:ArchiveClassesAtExit, -Dspring.context.exit=onRefresh), as the README
#              recommends. JVM_OPTS gets -XX:SharedArchiveFile, so every JVM of every side uses
#              the archive.
# JAR then names the jar that the benchmark runs.
prepare_jar() {
	if [[ ! -f $JAR ]]; then
		echo "Building $JAR ..."
		(cd "$PROJECT_DIR" && ./mvnw -B -q -DskipTests package) || die "the build failed"
		[[ -f $JAR ]] || die "the build did not produce $JAR"
	fi
	[[ $LAYOUT == jar ]] && return 0
	"$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$WORK/extracted" >"$WORK/extract.log" 2>&1 \
		|| die "cannot extract $JAR: $(tail -1 "$WORK/extract.log")"
	JAR=$WORK/extracted/${JAR##*/}
	[[ $LAYOUT == cds ]] || return 0
	echo "Training the class data sharing archive ..."
	mkdir -p "$WORK/training" && cd "$WORK/training" || die "cannot create $WORK/training"
	run_tracked "$JAVA" "${JVM_OPTS[@]}" -XX:ArchiveClassesAtExit="$WORK/application.jsa" \
		-Dspring.context.exit=onRefresh -jar "$JAR" --daemon=run --server.port=0 >training.log 2>&1
	cd "$WORK" || die "cannot enter $WORK"
	[[ -s $WORK/application.jsa ]] || die "the training run wrote no archive; see its log: $(tail -3 "$WORK/training/training.log")"
	JVM_OPTS+=("-XX:SharedArchiveFile=$WORK/application.jsa")
}

# --- time and statistics ------------------------------------------------------------------

now_us() {
	local t=$EPOCHREALTIME
	echo $((10#${t/./}))
}

# A sleep without forking: a read that times out on a FIFO nobody writes to.
mkfifo "$WORK/.tick" || die "cannot create a FIFO in $WORK"
exec {TICK_FD}<>"$WORK/.tick"
POLL_SECONDS=$(awk -v ms="$POLL_MS" 'BEGIN { printf "%.3f", ms / 1000 }')
tick() {
	read -r -t "$POLL_SECONDS" -u "$TICK_FD" _ || true
}

# Median and min in milliseconds of microsecond values given as arguments.
stats() {
	printf '%s\n' "$@" | sort -n | awk '
		NF { v[++n] = $1 }
		END {
			if (n == 0) { print "n/a n/a"; exit }
			m = (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
			printf "%.0f %.0f\n", m / 1000, v[1] / 1000
		}'
}

ms() {
	[[ $1 == n/a ]] && { echo n/a; return; }
	awk -v us="$1" 'BEGIN { printf "%.0f", us / 1000 }'
}

# --- health polling and free ports ---------------------------------------------------------

if (exec 3<>/dev/tcp/127.0.0.1/1) 2>&1 | grep -q "No such file or directory"; then
	command -v curl >/dev/null || die "this bash has no /dev/tcp and curl is missing: install curl"
	POLLER=curl
else
	POLLER=bash-dev-tcp
fi

# Return 0 if GET /actuator/health on the port answers {"status":"UP"...}.
health_up() {
	local port=$1 response fd
	if [[ $POLLER == curl ]]; then
		response=$(curl -s --max-time 5 "http://127.0.0.1:$port/actuator/health") || return 1
	else
		{ exec {fd}<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || return 1
		printf 'GET /actuator/health HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&"$fd"
		IFS= read -r -d '' -t 5 -u "$fd" response
		exec {fd}>&-
	fi
	[[ $response == *'"status":"UP"'* ]]
}

# Waits until a supervisor has replaced its application after a crash: until the application
# PID file names a new, live application (not OLD) and GET /actuator/health on PORT answers UP
# while the file still names it (so the answer came from that one). Polls every POLL_MS. Nothing
# in the loop forks: a poll that forked every 10 ms took enough CPU from the starting JVM on
# 2 cores to add about 0.7 s to its start. Sets REPLY to the new PID, or fails if the supervisor
# (SUPERVISOR) dies or READY_TIMEOUT seconds pass after SINCE (microseconds, as now_us).
#   await_new_application APP_PID_FILE OLD SUPERVISOR PORT SINCE
await_new_application() {
	local file=$1 old=$2 supervisor=$3 port=$4 deadline=$(($5 + READY_TIMEOUT * 1000000)) new
	while true; do
		read_pid "$file"
		new=$REPLY
		if [[ -n $new && $new != "$old" ]] && health_up "$port"; then
			read_pid "$file"
			[[ $REPLY == "$new" ]] && alive "$new" && return 0
		fi
		if ! alive "$supervisor" || ((10#${EPOCHREALTIME/./} > deadline)); then
			REPLY=
			return 1
		fi
		tick
	done
}

# A port below the ephemeral range that nothing on this machine listens on or uses.
free_port() {
	local port hex
	while true; do
		port=$((10000 + (RANDOM * 32768 + RANDOM) % 20000))
		printf -v hex ':%04X ' "$port"
		grep -q "$hex" /proc/net/tcp /proc/net/tcp6 2>/dev/null || { echo "$port"; return; }
	done
}

