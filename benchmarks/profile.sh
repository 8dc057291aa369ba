#!/usr/bin/env bash
# Profile one variant of the bench app under wrk load, with Java Flight Recorder or, if
# ASYNC_PROFILER names its libasyncProfiler.so, with async-profiler.
#
#   benchmarks/profile.sh hooks /hello
#   benchmarks/profile.sh cookie /session/write 30
#   ASYNC_PROFILER=/opt/async-profiler/lib/libasyncProfiler.so benchmarks/profile.sh cookie /session/read
#
# Starts the app (the Spring profile named first) pinned to SERVER_CPU, and a redis-server for
# the redis and spring-session profiles; signs in first for /session/* paths; warms up with
# wrk for WARMUP, then in 5-second slices until the JIT is quiet, as load.sh does (at most
# WARMUP_LIMIT seconds); then records SECONDS (20) of samples under the same load and prints
# the server's CPU time per request, the hottest methods by own time, and the time spent in
# and under each Flagon method (the request filter and the dispatch of the chain include the
# whole request). JFR samples Java code every millisecond; async-profiler samples CPU time
# (event=cpu, every millisecond), the JVM's and the kernel's included, which is what the
# server CPU per request of load.sh counts. The recording (recording.jfr, or collapsed stacks
# in profile.collapsed for flame graph tools) stays in OUT (default
# benchmarks/target/profile-<profile>-<time>).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=cpu.sh
. benchmarks/cpu.sh

[ $# -ge 2 ] || { sed -n '2,14p' "$0"; exit 2; }
app=$1
path=$2
seconds=${3:-20}
WARMUP=${WARMUP:-20s}
WARMUP_LIMIT=${WARMUP_LIMIT:-90}
CONNECTIONS=${CONNECTIONS:-16}
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
JAVA_OPTS=${JAVA_OPTS:-"-Xms256m -Xmx256m -XX:+UseSerialGC -XX:-UseDynamicNumberOfCompilerThreads"}
# Without DebugNonSafepoints, samples in compiled code are put on the nearest safepoint's
# frame: profiles showed 0.4 us per request in ThreadLocal.setInitialValue that was not there
PROFILE_OPTS="-XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints"
JAR=benchmarks/target/bench-app.jar
OUT=${OUT:-benchmarks/target/profile-$app-$(date +%Y%m%d-%H%M%S)}
JAVA_BIN=$(dirname "$(readlink -f "$(command -v java)")")

[ -f "$JAR" ] || { echo "$JAR is missing: build with -Pbench first" >&2; exit 1; }
[ -z "${ASYNC_PROFILER:-}" ] || [ -f "$ASYNC_PROFILER" ] ||
	{ echo "ASYNC_PROFILER $ASYNC_PROFILER is missing: it names async-profiler's libasyncProfiler.so" >&2; exit 1; }
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
work=$(mktemp -d)
pids=()
redis_port=
cleanup() {
	for pid in "${pids[@]}"; do
		kill "$pid" 2>/dev/null || true
	done
	[ -z "$redis_port" ] || redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
	wait 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

if [ "$app" = redis ] || [ "$app" = spring-session ]; then
	redis_port=$((20000 + RANDOM % 30000))
	taskset -c "$CLIENT_CPU" redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no \
		>"$OUT/redis.log" 2>&1 &
	pids+=($!)
	sleep 1
fi
# shellcheck disable=SC2086
taskset -c "$SERVER_CPU" java $JAVA_OPTS $PROFILE_OPTS -DPORTFILE="$work/port" -jar "$JAR" --spring.profiles.active="$app" \
	${redis_port:+--spring.data.redis.port=$redis_port} >"$OUT/app.log" 2>&1 &
app_pid=$!
pids+=("$app_pid")
for _ in $(seq 240); do
	[ -s "$work/port" ] && break
	sleep 0.5
done
[ -s "$work/port" ] || { echo "the app did not start (see $OUT/app.log)" >&2; exit 1; }
url="http://127.0.0.1:$(cat "$work/port")"

headers=()
case $path in
	/session/*)
		cookie=$(curl -s --max-time 10 -D - -o /dev/null "$url/session/init" | tr -d '\r' |
			awk -F'[ ;]' 'tolower($1) == "set-cookie:" { print $2; exit }')
		headers=(-H "Cookie: $cookie")
		;;
esac

load() { # duration [wrk option]
	taskset -c "$CLIENT_CPU" wrk -t1 -c"$CONNECTIONS" -d"$1" ${2:+"$2"} "${headers[@]}" "$url$path"
}

echo "Warmed up for $(warm_up "$app_pid" "$OUT/warmup.txt" load)s"

if [ -n "${ASYNC_PROFILER:-}" ]; then
	"$JAVA_BIN/jcmd" "$app_pid" JVMTI.agent_load "$ASYNC_PROFILER" '"start,event=cpu,interval=1ms"' >/dev/null
else
	# The JDK's "profile" settings, sampling Java code every millisecond instead of every 10
	sed '/<event name="jdk.ExecutionSample">/,/<\/event>/ s/>10 ms</>1 ms</' \
		"$(dirname "$JAVA_BIN")/lib/jfr/profile.jfc" >"$work/profile.jfc"
	"$JAVA_BIN/jcmd" "$app_pid" JFR.start name=bench settings="$work/profile.jfc" filename="$OUT/recording.jfr" >/dev/null
fi
cpu_before=$(cpu_ticks "$app_pid")
jit_before=$(jit_ticks "$app_pid")
load "${seconds}s" --latency | tee "$OUT/wrk.txt" | grep -e 'Requests/sec' -e '^ *50%' -e '^ *99%'
jit=$(($(jit_ticks "$app_pid") - jit_before))
cpu=$(($(cpu_ticks "$app_pid") - cpu_before - jit))
if [ -n "${ASYNC_PROFILER:-}" ]; then
	"$JAVA_BIN/jcmd" "$app_pid" JVMTI.agent_load "$ASYNC_PROFILER" "\"stop,collapsed,file=$OUT/profile.collapsed\"" >/dev/null
else
	"$JAVA_BIN/jcmd" "$app_pid" JFR.stop name=bench >/dev/null
fi
requests=$(awk '/ requests in / { print $1 }' "$OUT/wrk.txt")
echo "Server CPU per request: $(per_request "$cpu" "$requests") us, and $(per_request "$jit" "$requests") us in the JIT"
echo

summarize() { # reads samples, one per line: count, then the frames from the leaf down, tab-separated
	awk -F'\t' '
		{ samples += $1; delete seen
			self[$2] += $1
			for (i = 2; i <= NF; i++) if (!($i in seen)) { seen[$i] = 1; if ($i ~ /^dev\.flagon\./ && $i !~ /\.benchmarks\./) under[$i] += $1 } }
		END {
			printf "%d samples\n\nOwn time (top 25)\n", samples
			for (m in self) printf "%6.2f%%  %s\n", 100 * self[m] / samples, m | "sort -rn | head -25"
			close("sort -rn | head -25")
			printf "\nIn and under Flagon methods (top 30)\n"
			for (m in under) printf "%6.2f%%  %s\n", 100 * under[m] / samples, m | "sort -rn | head -30"
		}'
}

if [ -n "${ASYNC_PROFILER:-}" ]; then
	# "root;...;leaf count", frames as a/b/C.method
	awk '{ count = $NF; sub(/ [0-9]+$/, ""); n = split($0, frames, ";"); line = count
		for (i = n; i >= 1; i--) { f = frames[i]; gsub("/", ".", f); line = line "\t" f }
		print line }' "$OUT/profile.collapsed" | summarize | tee "$OUT/summary.txt"
	echo
	echo "Stacks: $OUT/profile.collapsed"
else
	"$JAVA_BIN/jfr" print --events jdk.ExecutionSample --stack-depth 256 "$OUT/recording.jfr" >"$work/samples.txt"
	awk '
		function method(frame) { sub(/^[ \t]+/, "", frame); sub(/\(.*/, "", frame); return frame }
		function flush() { if (line != "") print line; line = "" }
		/^jdk.ExecutionSample/ { flush(); line = "1" }
		/stackTrace = \[/ { in_stack = 1; next }
		in_stack && /^[ \t]*\]/ { in_stack = 0; next }
		in_stack && /line:/ { line = line "\t" method($0) }
		END { flush() }' "$work/samples.txt" | summarize | tee "$OUT/summary.txt"
	echo
	echo "Recording: $OUT/recording.jfr"
fi
