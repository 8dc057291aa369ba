#!/usr/bin/env bash
# Load test: the bench app in every variant, side by side in one run, measured with wrk.
#
#   mvn -B -Pbench -pl autoconfigure,benchmarks -am package -DskipTests
#   benchmarks/load.sh                    # about 9 minutes with the defaults
#   ROUNDS=5 DURATION=15s benchmarks/load.sh
#
# Every variant runs in its own JVM on its own port, all started before the first
# measurement and all pinned to one core (SERVER_CPU); wrk and redis-server share the other
# (CLIENT_CPU). Each measurement is warmed up once, then the measurements are interleaved
# round by round (a b c d ... a b c d ...), so that noise from the rest of the machine falls
# on every variant alike. Ratios are taken within a round, then the median over the rounds
# is printed with the lowest and highest. Redis commands per request come from
# INFO commandstats around a fixed number of requests, with MONITOR telling the commands the
# app sends from those that Flagon's scripts run inside Redis.
#
# Environment: ROUNDS (3), DURATION (10s), WARMUP (15s), CONNECTIONS (16), SERVER_CPU (0),
# CLIENT_CPU (1), JAVA_OPTS, COUNTED_REQUESTS (200), MEASUREMENTS (all, space-separated names),
# OUT (where raw results go; default benchmarks/target/load-<time>).
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-15s}
CONNECTIONS=${CONNECTIONS:-16}
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
JAVA_OPTS=${JAVA_OPTS:-"-Xms256m -Xmx256m -XX:+UseSerialGC"}
COUNTED_REQUESTS=${COUNTED_REQUESTS:-200}
JAR=benchmarks/target/bench-app.jar
OUT=${OUT:-benchmarks/target/load-$(date +%Y%m%d-%H%M%S)}

# name, app (Spring profile), path
ALL_MEASUREMENTS="
a-bare bare /hello
b-interceptor interceptor /hello
c-hooks hooks /hello
d-cookie-ro cookie /session/read
d-cookie-rw cookie /session/write
d-flask-ro cookie-flask /session/read
d-flask-rw cookie-flask /session/write
e-redis-ro redis /session/read
e-redis-rw redis /session/write
f-spring-ro spring-session /session/read
f-spring-rw spring-session /session/write
"
# ratio name, numerator, denominator, goal (minimum), what it checks
RATIOS="
b/a b-interceptor a-bare - hand-written interceptor + @RequestScope vs bare
c/a c-hooks a-bare 0.97 Flagon hooks + g vs bare
d-ro/a d-cookie-ro a-bare 0.95 cookie session, read-only, vs bare
d-rw/a d-cookie-rw a-bare 0.90 cookie session, read+write, vs bare
d-flask-ro/a d-flask-ro a-bare 0.95 Flask-format cookie, read-only, vs bare
d-flask-rw/a d-flask-rw a-bare 0.90 Flask-format cookie, read+write, vs bare
e-ro/f-ro e-redis-ro f-spring-ro 2.5 Flagon Redis vs Spring Session, read-only
e-rw/f-rw e-redis-rw f-spring-rw 1.5 Flagon Redis vs Spring Session, read+write
f-ro/a f-spring-ro a-bare - Spring Session Redis, read-only, vs bare
"

die() {
	echo "load.sh: $*" >&2
	exit 1
}

[ -f "$JAR" ] || die "$JAR is missing: mvn -B -Pbench -pl autoconfigure,benchmarks -am package -DskipTests"
for program in wrk redis-server redis-cli curl java; do
	command -v "$program" >/dev/null || die "$program is not installed"
done
if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then
	server_cmd=(taskset -c "$SERVER_CPU")
	client_cmd=(taskset -c "$CLIENT_CPU")
else
	echo "load.sh: taskset or a second core is missing; running unpinned" >&2
	server_cmd=()
	client_cmd=()
fi

measurements=$(echo "$ALL_MEASUREMENTS" | awk 'NF')
if [ -n "${MEASUREMENTS:-}" ]; then
	measurements=$(echo "$measurements" | awk -v keep=" $MEASUREMENTS " 'index(keep, " " $1 " ")')
	[ -n "$measurements" ] || die "no measurement matches MEASUREMENTS='$MEASUREMENTS'"
fi
apps=$(echo "$measurements" | awk '!seen[$2]++ { print $2 }')

mkdir -p "$OUT"
work=$(mktemp -d)
pids=()
redis_port=

cleanup() {
	for pid in "${pids[@]}"; do
		kill "$pid" 2>/dev/null || true
	done
	if [ -n "$redis_port" ]; then
		redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
	fi
	wait 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
	local port
	for _ in $(seq 50); do
		port=$((20000 + RANDOM % 30000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			echo "$port"
			return
		fi
	done
	die "no free port found"
}

needs_redis() {
	echo "$apps" | grep -q -x -e redis -e spring-session
}

if needs_redis; then
	redis_port=$(free_port)
	"${client_cmd[@]}" redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no \
		>"$OUT/redis.log" 2>&1 &
	pids+=($!)
	for _ in $(seq 50); do
		redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break
		sleep 0.2
	done
	redis-cli -p "$redis_port" ping >/dev/null 2>&1 || die "redis-server did not start (see $OUT/redis.log)"
fi

echo "Starting $(echo "$apps" | wc -l) JVMs on CPU $SERVER_CPU: $(echo $apps)"
declare -A port
for app in $apps; do
	# shellcheck disable=SC2086
	"${server_cmd[@]}" java $JAVA_OPTS -DPORTFILE="$work/$app.port" -jar "$JAR" --spring.profiles.active="$app" \
		${redis_port:+--spring.data.redis.port=$redis_port} >"$OUT/app-$app.log" 2>&1 &
	pids+=($!)
done
deadline=$((SECONDS + 300))
for app in $apps; do
	until [ -s "$work/$app.port" ]; do
		[ $SECONDS -lt $deadline ] || die "$app did not start within 300 s (see $OUT/app-$app.log)"
		sleep 0.5
	done
	port[$app]=$(cat "$work/$app.port")
done

# Sign in once per session app; wrk then sends that cookie with every request
declare -A cookie
for app in $apps; do
	case $app in
		cookie | cookie-flask | redis | spring-session)
			header=$(curl -s --max-time 10 -D - -o /dev/null "http://127.0.0.1:${port[$app]}/session/init" |
				tr -d '\r' | awk -F'[ ;]' 'tolower($1) == "set-cookie:" { print $2; exit }')
			[ -n "$header" ] || die "$app gave no session cookie"
			cookie[$app]=$header
			;;
	esac
done

# Check every measurement answers as it should before timing anything
while read -r name app path; do
	response=$(curl -s --max-time 10 -i ${cookie[$app]:+-H "Cookie: ${cookie[$app]}"} "http://127.0.0.1:${port[$app]}$path" |
		tr -d '\r')
	echo "$response" | head -1 | grep -q ' 200' || die "$name: $(echo "$response" | head -1)"
	echo "$response" | tail -1 | grep -q -x 'hello alice' || die "$name answered: $(echo "$response" | tail -1)"
	case $name in
		b-* | c-*) echo "$response" | grep -q -i '^X-Bench: 1' || die "$name sent no X-Bench header" ;;
		*-ro) echo "$response" | grep -q -i '^Set-Cookie' && die "$name wrote the session on a read-only request" ;;
	esac
done <<<"$measurements"

run_wrk() { # name app path duration
	local args=(-t1 -c"$CONNECTIONS" -d"$4" --latency)
	[ -n "${cookie[$2]:-}" ] && args+=(-H "Cookie: ${cookie[$2]}")
	"${client_cmd[@]}" wrk "${args[@]}" "http://127.0.0.1:${port[$2]}$3"
}

to_micros() {
	awk '{ v = $1; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
		f = (u == "us") ? 1 : (u == "ms") ? 1000 : (u == "s") ? 1000000 : 0.001; printf "%.0f", v * f }'
}

echo "Warming up every measurement for $WARMUP"
while read -r name app path; do
	run_wrk "$name" "$app" "$path" "$WARMUP" >"$OUT/warmup-$name.txt"
done <<<"$measurements"

results="$OUT/results.tsv"
printf 'round\tmeasurement\treq_per_s\tp50_us\tp99_us\n' >"$results"
count=$(echo "$measurements" | wc -l)
for round in $(seq "$ROUNDS"); do
	echo "Round $round of $ROUNDS ($count measurements of $DURATION)"
	# Start each round one place further on, so that no measurement always follows the same one
	shift_by=$(((round - 1) % count))
	ordered=$( (echo "$measurements" | tail -n +$((shift_by + 1)); echo "$measurements" | head -n "$shift_by") | awk 'NF')
	while read -r name app path; do
		output=$(run_wrk "$name" "$app" "$path" "$DURATION")
		echo "$output" >"$OUT/round$round-$name.txt"
		if echo "$output" | grep -q -e 'Non-2xx' -e 'Socket errors'; then
			echo "  $name: errors: $(echo "$output" | grep -e 'Non-2xx' -e 'Socket errors' | tr -s ' ')" >&2
		fi
		rps=$(echo "$output" | awk '/^Requests\/sec:/ { print $2 }')
		p50=$(echo "$output" | awk '$1 == "50%" { print $2 }' | to_micros)
		p99=$(echo "$output" | awk '$1 == "99%" { print $2 }' | to_micros)
		printf '%s\t%s\t%s\t%s\t%s\n' "$round" "$name" "$rps" "$p50" "$p99" >>"$results"
		printf '  %-14s %10.0f req/s  p50 %6d us  p99 %6d us\n' "$name" "$rps" "$p50" "$p99"
	done <<<"$ordered"
done

# Redis commands per request: the app's own commands, and those Flagon's scripts run
count_commands() { # name app path
	local config="$work/urls" monitor="$work/monitor-$1.txt" monitor_pid
	: >"$config"
	for _ in $(seq "$COUNTED_REQUESTS"); do
		printf 'url = "http://127.0.0.1:%s%s"\noutput = "/dev/null"\n' "${port[$2]}" "$3" >>"$config"
	done
	redis-cli -p "$redis_port" config resetstat >/dev/null
	timeout 120 redis-cli -p "$redis_port" monitor >"$monitor" &
	monitor_pid=$!
	sleep 0.5
	curl -s --max-time 100 -H "Cookie: ${cookie[$2]}" -K "$config"
	sleep 0.5
	redis-cli -p "$redis_port" info commandstats | tr -d '\r' >"$OUT/commandstats-$1.txt"
	kill "$monitor_pid" 2>/dev/null || true
	wait "$monitor_pid" 2>/dev/null || true
	cp "$monitor" "$OUT/monitor-$1.txt"
	awk -v n="$COUNTED_REQUESTS" -v name="$1" -F'[:=,]' '
		FILENAME ~ /commandstats/ && /^cmdstat_/ {
			command = toupper(substr($1, 9)); if (command ~ /^(CONFIG|INFO|MONITOR)/) next
			stats[command] = $3; total += $3 }
		FILENAME ~ /monitor/ && / \[[0-9]+ lua\] / { split($0, parts, "\""); lua[toupper(parts[2])]++ }
		END {
			line = ""; sent = 0
			for (command in stats) {
				inside = (command in lua) ? lua[command] : 0
				sent += stats[command] - inside
				line = line sprintf(" %s %.2f%s", command, stats[command] / n, (inside > 0) ? " (in script)" : "")
			}
			printf "  %-14s sent %.2f, run %.2f commands per request:%s\n", name, sent / n, total / n, line
		}' "$OUT/commandstats-$1.txt" "$monitor"
}

if needs_redis; then
	echo
	echo "Redis commands per request ($COUNTED_REQUESTS requests each, one connection)"
	while read -r name app path; do
		case $app in redis | spring-session) count_commands "$name" "$app" "$path" ;; esac
	done <<<"$measurements" | tee "$OUT/redis-commands.txt"
fi

median() {
	sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit; print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

echo
echo "Medians over $ROUNDS rounds (wrk -t1 -c$CONNECTIONS, $DURATION each)"
printf '  %-14s %10s %8s %8s\n' measurement req/s p50_us p99_us
while read -r name _; do
	rps=$(awk -F'\t' -v m="$name" '$2 == m { print $3 }' "$results" | median)
	p50=$(awk -F'\t' -v m="$name" '$2 == m { print $4 }' "$results" | median)
	p99=$(awk -F'\t' -v m="$name" '$2 == m { print $5 }' "$results" | median)
	printf '  %-14s %10.0f %8.0f %8.0f\n' "$name" "$rps" "$p50" "$p99"
done <<<"$measurements" | tee "$OUT/medians.txt"

echo
echo "Ratios of req/s within each round: median [lowest, highest]"
echo "$RATIOS" | awk 'NF' | while read -r ratio numerator denominator goal what; do
	values=$(awk -F'\t' -v a="$numerator" -v b="$denominator" '
		$2 == a { x[$1] = $3 } $2 == b { y[$1] = $3 }
		END { for (r in x) if ((r in y) && y[r] > 0) printf "%.3f\n", x[r] / y[r] }' "$results")
	[ -n "$values" ] || continue
	med=$(echo "$values" | median)
	low=$(echo "$values" | sort -g | head -1)
	high=$(echo "$values" | sort -g | tail -1)
	verdict=""
	if [ "$goal" != "-" ]; then
		verdict=$(awk -v m="$med" -v g="$goal" 'BEGIN { print (m >= g) ? "meets" : "MISSES" }')
		verdict="$verdict goal >= $goal"
	fi
	printf '  %-12s %6.3f [%5.3f, %5.3f]  %-22s %s\n' "$ratio" "$med" "$low" "$high" "$verdict" "$what"
done | tee "$OUT/ratios.txt"

echo
echo "Raw results: $OUT"
