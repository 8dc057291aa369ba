#!/usr/bin/env bash
# Profile one variant of the bench app under wrk load with Java Flight Recorder.
#
#   benchmarks/profile.sh hooks /hello
#   benchmarks/profile.sh cookie /session/write 30
#
# Starts the app (the Spring profile named first) pinned to SERVER_CPU, and a redis-server for
# the redis and spring-session profiles; signs in first for /session/* paths; warms up with
# wrk for WARMUP; then records SECONDS (20) of samples under the same load and prints the
# hottest methods by own time, and the time spent in and under each Flagon method (the
# request filter and the dispatch of the chain include the whole request). The recording
# stays in OUT (default benchmarks/target/profile-<profile>-<time>) for JDK Mission Control
# or `jfr view`.
set -euo pipefail
cd "$(dirname "$0")/.."

[ $# -ge 2 ] || { sed -n '2,14p' "$0"; exit 2; }
app=$1
path=$2
seconds=${3:-20}
WARMUP=${WARMUP:-20s}
CONNECTIONS=${CONNECTIONS:-16}
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
JAVA_OPTS=${JAVA_OPTS:-"-Xms256m -Xmx256m -XX:+UseSerialGC"}
JAR=benchmarks/target/bench-app.jar
OUT=${OUT:-benchmarks/target/profile-$app-$(date +%Y%m%d-%H%M%S)}
JAVA_BIN=$(dirname "$(readlink -f "$(command -v java)")")

[ -f "$JAR" ] || { echo "$JAR is missing: build with -Pbench first" >&2; exit 1; }
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
taskset -c "$SERVER_CPU" java $JAVA_OPTS -DPORTFILE="$work/port" -jar "$JAR" --spring.profiles.active="$app" \
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

taskset -c "$CLIENT_CPU" wrk -t1 -c"$CONNECTIONS" -d"$WARMUP" "${headers[@]}" "$url$path" >"$OUT/warmup.txt"
# The JDK's "profile" settings, sampling Java code every millisecond instead of every 10
sed '/<event name="jdk.ExecutionSample">/,/<\/event>/ s/>10 ms</>1 ms</' \
	"$(dirname "$JAVA_BIN")/lib/jfr/profile.jfc" >"$work/profile.jfc"
"$JAVA_BIN/jcmd" "$app_pid" JFR.start name=bench settings="$work/profile.jfc" filename="$OUT/recording.jfr" >/dev/null
taskset -c "$CLIENT_CPU" wrk -t1 -c"$CONNECTIONS" -d"${seconds}s" --latency "${headers[@]}" "$url$path" |
	tee "$OUT/wrk.txt" | grep -e 'Requests/sec' -e '^ *50%' -e '^ *99%'
"$JAVA_BIN/jcmd" "$app_pid" JFR.stop name=bench >/dev/null

"$JAVA_BIN/jfr" print --events jdk.ExecutionSample --stack-depth 256 "$OUT/recording.jfr" >"$work/samples.txt"
awk '
	function method(frame) { sub(/^[ \t]+/, "", frame); sub(/\(.*/, "", frame); return frame }
	/^jdk.ExecutionSample/ { samples++; depth = 0; delete seen }
	/stackTrace = \[/ { in_stack = 1; next }
	in_stack && /^[ \t]*\]/ { in_stack = 0; next }
	in_stack && /line:/ {
		m = method($0)
		if (depth++ == 0) self[m]++
		if (!(m in seen)) { seen[m] = 1; if (m ~ /^dev\.flagon\./ && m !~ /\.benchmarks\./) under[m]++ }
	}
	END {
		printf "%d samples\n\nOwn time (top 25)\n", samples
		for (m in self) printf "%6.2f%%  %s\n", 100 * self[m] / samples, m | "sort -rn | head -25"
		close("sort -rn | head -25")
		printf "\nIn and under Flagon methods (top 30)\n"
		for (m in under) printf "%6.2f%%  %s\n", 100 * under[m] / samples, m | "sort -rn | head -30"
	}' "$work/samples.txt" | tee "$OUT/summary.txt"
echo
echo "Recording: $OUT/recording.jfr"
