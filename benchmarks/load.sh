#!/usr/bin/env bash
# Load test: the bench app in every variant, side by side in one run, measured with wrk.
#
#   mvn -B -Pbench -pl autoconfigure,benchmarks -am package -DskipTests
#   benchmarks/load.sh                          # about 30 minutes with the defaults
#   MEASUREMENTS="a-bare c-hooks" ROUNDS=10 benchmarks/load.sh
#
# Every variant runs in JVMs of its own (INSTANCES of them, each on its own port), all started
# before the first measurement and all pinned to one core (SERVER_CPU); wrk and redis-server
# share the other (CLIENT_CPU). Each measurement is warmed up on every JVM, then the
# measurements are interleaved round by round (a b c d ... a b c d ...), each round starting
# one place further on, so that noise from the rest of the machine falls on every variant
# alike. Besides wrk's req/s, p50
# and p99, the server JVM's CPU time per request is read from /proc: other load on the
# machine slows a variant down but hardly changes what a request costs it. The JIT compiler
# threads share the server core, so a measurement is warmed up until they are quiet (at
# least WARMUP, then 5-second slices until one takes the JIT less than 1% of the core, at most
# WARMUP_LIMIT in all), and their CPU time is kept out of the server's and reported apart:
# compiling is a cost of warming up, not of a request. Ratios are taken
# within a round; the median over the rounds is printed with the lowest and highest. Redis
# commands per request come from INFO commandstats around a fixed number of requests, with
# MONITOR telling the commands the app sends from those that Flagon's scripts run inside Redis.
#
# Environment: ROUNDS (6), INSTANCES (2 JVMs per variant, taking turns round by round),
# DURATION (6s), WARMUP (20s), WARMUP_LIMIT (90, seconds), CONNECTIONS (16), SERVER_CPU (0),
# CLIENT_CPU (1), JAVA_OPTS, COUNTED_REQUESTS (200), MEASUREMENTS (space-separated names; all
# by default), JAR (default benchmarks/target/bench-app.jar), OUT (raw results; default
# benchmarks/target/load-<time>), BASELINE_JAR (another build of bench-app.jar: every
# measurement then also runs on it, as <name>~base, interleaved with the others, and every
# ratio is printed for both builds, <ratio>~base being the baseline's, besides <name>/base
# ratios: before/after numbers for a change).
#
# a-bare-cookie and a-bare-browser send bare Spring MVC the very cookie that d-cookie-* send
# (the one the cookie variant's JVM #1 of the same build set at sign-in), when the cookie
# variant is measured too; otherwise a random stand-in of the length of an encrypted one.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=cpu.sh
. benchmarks/cpu.sh

ROUNDS=${ROUNDS:-6}
INSTANCES=${INSTANCES:-2}
DURATION=${DURATION:-6s}
WARMUP=${WARMUP:-20s}
WARMUP_LIMIT=${WARMUP_LIMIT:-90}
CONNECTIONS=${CONNECTIONS:-16}
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
# A fixed number of compiler threads: one that exits would take its CPU time along
JAVA_OPTS=${JAVA_OPTS:-"-Xms256m -Xmx256m -XX:+UseSerialGC -XX:-UseDynamicNumberOfCompilerThreads"}
COUNTED_REQUESTS=${COUNTED_REQUESTS:-200}
JAR=${JAR:-benchmarks/target/bench-app.jar}
OUT=${OUT:-benchmarks/target/load-$(date +%Y%m%d-%H%M%S)}

# name, app (Spring profile), path
ALL_MEASUREMENTS="
a-bare bare /hello
a-bare-cookie bare /hello
a-bare-browser bare /hello
a-wrapped wrapped /hello
b-interceptor interceptor /hello
c-hooks hooks /hello
d-cookie-ro cookie /session/read
d-cookie-rw cookie /session/write
d-cookie-none cookie /session/none
d-cookie-ro-browser cookie /session/read
d-flask-ro cookie-flask /session/read
d-flask-rw cookie-flask /session/write
e-redis-ro redis /session/read
e-redis-rw redis /session/write
e-redis-none redis /session/none
f-spring-ro spring-session /session/read
f-spring-rw spring-session /session/write
"
# ratio name, numerator, denominator, goal (minimum), what it checks
RATIOS="
b/a b-interceptor a-bare - hand-written interceptor + @RequestScope vs bare
c/a c-hooks a-bare 0.97 Flagon hooks + g vs bare
d-ro/a d-cookie-ro a-bare - cookie session, read-only, vs bare
d-rw/a d-cookie-rw a-bare - cookie session, read+write, vs bare
d-flask-ro/a d-flask-ro a-bare 0.95 Flask-format cookie, read-only, vs bare
d-flask-rw/a d-flask-rw a-bare 0.90 Flask-format cookie, read+write, vs bare
e-ro/f-ro e-redis-ro f-spring-ro 2.5 Flagon Redis vs Spring Session, read-only
e-rw/f-rw e-redis-rw f-spring-rw 1.5 Flagon Redis vs Spring Session, read+write
f-ro/a f-spring-ro a-bare - Spring Session Redis, read-only, vs bare
d-none/a d-cookie-none a-bare - session cookie sent, session never touched, vs bare
a-cookie/a a-bare-cookie a-bare - bare, sent a cookie as long as a session's, vs bare
a-wrapped/a a-wrapped a-bare - bare behind a filter that only wraps request and response, vs bare
d-ro/a-cookie d-cookie-ro a-bare-cookie 0.95 cookie session, read-only, vs bare sent the same cookie
d-rw/a-cookie d-cookie-rw a-bare-cookie 0.90 cookie session, read+write, vs bare sent the same cookie
d-none/a-cookie d-cookie-none a-bare-cookie 0.98 cookie sent, session never touched, vs bare sent the same cookie
d-ro-br/a-br d-cookie-ro-browser a-bare-browser - the same among eight other cookies a browser sends, vs bare sent them all
e-none/a e-redis-none a-bare - Redis session cookie sent, session never touched, vs bare
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
if [ -n "${BASELINE_JAR:-}" ]; then
	[ -f "$BASELINE_JAR" ] || die "BASELINE_JAR $BASELINE_JAR is missing"
	measurements=$(echo "$measurements" | awk '{ print; print $1 "~base", $2 "~base", $3 }')
	RATIOS=$(echo "$RATIOS" | awk 'NF { print; $1 = $1 "~base"; $2 = $2 "~base"; $3 = $3 "~base"; print }'
		echo "$measurements" | awk '$1 !~ /~base$/ { print $1 "/base", $1, $1 "~base", "-", "after/before" }')
fi
apps=$(echo "$measurements" | awk '!seen[$2]++ { print $2 }')

mkdir -p "$OUT"
work=$(mktemp -d)
pids=()
redis_port=
redis_pid=

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
	echo "$apps" | grep -q -x -e 'redis\(~base\)\?' -e 'spring-session\(~base\)\?'
}

if needs_redis; then
	redis_port=$(free_port)
	"${client_cmd[@]}" redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no \
		>"$OUT/redis.log" 2>&1 &
	redis_pid=$!
	pids+=("$redis_pid")
	for _ in $(seq 50); do
		redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break
		sleep 0.2
	done
	redis-cli -p "$redis_port" ping >/dev/null 2>&1 || die "redis-server did not start (see $OUT/redis.log)"
fi

# INSTANCES JVMs per app, named <app>#<n>: two JVMs of the same code differ by a few percent
# (JIT decisions, memory layout), so rounds take turns between them
jvms=$(for app in $apps; do for n in $(seq "$INSTANCES"); do echo "$app#$n"; done; done)
echo "Starting $(echo "$jvms" | wc -l) JVMs on CPU $SERVER_CPU: $(echo $apps), $INSTANCES of each"
declare -A port pid
for jvm in $jvms; do
	app=${jvm%#*}
	jar=$JAR
	[[ $app != *~base ]] || jar=$BASELINE_JAR
	# shellcheck disable=SC2086
	"${server_cmd[@]}" java $JAVA_OPTS -DPORTFILE="$work/$jvm.port" -jar "$jar" --spring.profiles.active="${app%~base}" \
		${redis_port:+--spring.data.redis.port=$redis_port} >"$OUT/app-$jvm.log" 2>&1 &
	pid[$jvm]=$!
	pids+=("${pid[$jvm]}")
done
deadline=$((SECONDS + 600))
for jvm in $jvms; do
	until [ -s "$work/$jvm.port" ]; do
		[ $SECONDS -lt $deadline ] || die "$jvm did not start in time (see $OUT/app-$jvm.log)"
		sleep 0.5
	done
	port[$jvm]=$(cat "$work/$jvm.port")
done

# Sign in once per session JVM; wrk then sends that cookie with every request
declare -A cookie
for jvm in $jvms; do
	app=${jvm%#*}
	case ${app%~base} in
		cookie | cookie-flask | redis | spring-session)
			header=$(curl -s --max-time 10 -D - -o /dev/null "http://127.0.0.1:${port[$jvm]}/session/init" |
				tr -d '\r' | awk -F'[ ;]' 'tolower($1) == "set-cookie:" { print $2; exit }')
			[ -n "$header" ] || die "$jvm gave no session cookie"
			cookie[$jvm]=$header
			;;
	esac
done

# Check every measurement answers as it should before timing anything
while read -r name app path; do
	for n in $(seq "$INSTANCES"); do
		jvm="$app#$n"
		response=$(curl -s --max-time 10 -i ${cookie[$jvm]:+-H "Cookie: ${cookie[$jvm]}"} \
			"http://127.0.0.1:${port[$jvm]}$path" | tr -d '\r')
		echo "$response" | head -1 | grep -q ' 200' || die "$name: $(echo "$response" | head -1)"
		echo "$response" | tail -1 | grep -q -x 'hello alice' || die "$name answered: $(echo "$response" | tail -1)"
		case $name in
			b-* | c-*) echo "$response" | grep -q -i '^X-Bench: 1' || die "$name sent no X-Bench header" ;;
			*-ro | *-ro~base | *-ro-browser* | *-none | *-none~base) echo "$response" | grep -q -i '^Set-Cookie' && die "$name wrote the session on a read-only request" ;;
		esac
	done
done <<<"$measurements"

# What a-bare-cookie sends: the cookie variant's own session cookie, which bare Spring MVC
# receives and ignores, so that the ratio is Flagon's cost alone; without the cookie variant a
# random stand-in of an encrypted cookie's length (216 characters)
stand_in="session=$(head -c 162 /dev/urandom | base64 -w 0 | tr '+/' '-_')"
bare_cookie=${cookie[cookie#1]:-$stand_in}
bare_cookie_base=${cookie[cookie~base#1]:-$stand_in}
if echo "$measurements" | grep -q '^a-bare-'; then
	[ "$bare_cookie" != "$stand_in" ] && what="the cookie variant's session cookie" || what="a random stand-in"
	echo "a-bare-cookie and a-bare-browser send $what (${#bare_cookie} characters)"
fi
# What the *-browser measurements send besides: a browser's other cookies for the site
browser_cookies='_ga=GA1.1.1234567890.1732000000; _gid=GA1.1.987654321.1732100000; theme=dark; lang=en-US;'
browser_cookies+=' consent=analytics%3Dno%2Cads%3Dno; _fbp=fb.1.1732000000000.1234567890;'
browser_cookies+=' csrftoken=Qm9vdGggc2Vzc2lvbiBjb29raWU; tz=Europe%2FBerlin'

run_wrk() { # name jvm path duration
	local args=(-t1 -c"$CONNECTIONS" -d"$4" --latency)
	local sent=${cookie[$2]:-}
	case $1 in
		a-bare-cookie~base | a-bare-browser~base) sent=$bare_cookie_base ;;
		a-bare-cookie | a-bare-browser) sent=$bare_cookie ;;
	esac
	[[ $1 != *-browser* ]] || sent="$browser_cookies; $sent"
	[ -n "$sent" ] && args+=(-H "Cookie: $sent")
	"${client_cmd[@]}" wrk "${args[@]}" "http://127.0.0.1:${port[$2]}$3"
}

to_micros() {
	awk '{ v = $1; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
		f = (u == "us") ? 1 : (u == "ms") ? 1000 : (u == "s") ? 1000000 : 0.001; printf "%.0f", v * f }'
}

echo "Warming up every measurement on every JVM for $WARMUP, then until the JIT is quiet (at most ${WARMUP_LIMIT}s)"
while read -r name app path; do
	for n in $(seq "$INSTANCES"); do
		jvm="$app#$n"
		warmed=$(warm_up "${pid[$jvm]}" "$OUT/warmup-$name#$n.txt" run_wrk "$name" "$jvm" "$path")
		echo "  $name#$n: ${warmed}s"
	done
done <<<"$measurements"

results="$OUT/results.tsv"
printf 'round\tmeasurement\treq_per_s\tp50_us\tp99_us\tserver_cpu_us_per_req\tredis_cpu_us_per_req\tjit_cpu_us_per_req\n' >"$results"
count=$(echo "$measurements" | wc -l)
for round in $(seq "$ROUNDS"); do
	n=$(((round - 1) % INSTANCES + 1))
	echo "Round $round of $ROUNDS ($count measurements of $DURATION, JVMs #$n)"
	# Start each round one place further on, so that no measurement always follows the same one
	shift_by=$(((round - 1) % count))
	ordered=$( (echo "$measurements" | tail -n +$((shift_by + 1)); echo "$measurements" | head -n "$shift_by") | awk 'NF')
	while read -r name app path; do
		jvm="$app#$n"
		server_before=$(cpu_ticks "${pid[$jvm]}")
		jit_before=$(jit_ticks "${pid[$jvm]}")
		redis_before=$( [ -z "$redis_pid" ] || cpu_ticks "$redis_pid")
		output=$(run_wrk "$name" "$jvm" "$path" "$DURATION")
		server_after=$(cpu_ticks "${pid[$jvm]}")
		jit=$(($(jit_ticks "${pid[$jvm]}") - jit_before))
		redis_after=$( [ -z "$redis_pid" ] || cpu_ticks "$redis_pid")
		echo "$output" >"$OUT/round$round-$name.txt"
		if echo "$output" | grep -q -e 'Non-2xx' -e 'Socket errors'; then
			echo "  $name: errors: $(echo "$output" | grep -e 'Non-2xx' -e 'Socket errors' | tr -s ' ')" >&2
		fi
		requests=$(echo "$output" | awk '/ requests in / { print $1 }')
		rps=$(echo "$output" | awk '/^Requests\/sec:/ { print $2 }')
		p50=$(echo "$output" | awk '$1 == "50%" { print $2 }' | to_micros)
		p99=$(echo "$output" | awk '$1 == "99%" { print $2 }' | to_micros)
		cpu=$(per_request $((server_after - server_before - jit)) "$requests")
		jit_cpu=$(per_request "$jit" "$requests")
		redis_cpu=-
		case ${app%~base} in
			redis | spring-session)
				redis_cpu=$(per_request $((redis_after - redis_before)) "$requests")
				;;
		esac
		printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$name" "$rps" "$p50" "$p99" "$cpu" "$redis_cpu" "$jit_cpu" \
			>>"$results"
		printf '  %-18s %8.0f req/s  p50 %6d us  p99 %7d us  server CPU %6.1f us/req  JIT %4.1f us/req\n' \
			"$name" "$rps" "$p50" "$p99" "$cpu" "$jit_cpu"
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
			printf "  %-18s sent %.2f, run %.2f commands per request:%s\n", name, sent / n, total / n, line
		}' "$OUT/commandstats-$1.txt" "$monitor"
}

if needs_redis; then
	echo
	echo "Redis commands per request ($COUNTED_REQUESTS requests each, one connection)"
	while read -r name app path; do
		case ${app%~base} in redis | spring-session) count_commands "$name" "$app#1" "$path" ;; esac
	done <<<"$measurements" | tee "$OUT/redis-commands.txt"
fi

median() {
	sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit; print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

echo
echo "Medians over $ROUNDS rounds (wrk -t1 -c$CONNECTIONS, $DURATION each)"
printf '  %-18s %8s %8s %8s %12s %12s %12s\n' measurement req/s p50_us p99_us server_us/req redis_us/req jit_us/req
while read -r name _; do
	column() {
		awk -F'\t' -v m="$name" -v c="$1" '$2 == m && $c != "-" { print $c }' "$results" | median
	}
	printf '  %-18s %8.0f %8.0f %8.0f %12.1f %12s %12.1f\n' "$name" "$(column 3)" "$(column 4)" "$(column 5)" \
		"$(column 6)" "$(column 7 | awk '{ printf "%.1f", $1 }')" "$(column 8)"
done <<<"$measurements" | tee "$OUT/medians.txt"

echo
echo "Ratios within each round, median [lowest, highest]: of req/s as measured, and of server CPU"
echo "per request (the denominator's over the numerator's), which other load on the machine barely moves."
echo "Goals are judged on the CPU ratio; on a quiet machine with the server core saturated the two agree."
echo "$RATIOS" | awk 'NF' | while read -r ratio numerator denominator goal what; do
	ratios() { # column, 1 for a/b or -1 for b/a
		awk -F'\t' -v a="$numerator" -v b="$denominator" -v c="$1" -v e="$2" '
			$2 == a { x[$1] = $c } $2 == b { y[$1] = $c }
			END { for (r in x) if ((r in y) && x[r] > 0 && y[r] > 0) printf "%.3f\n", (e > 0) ? x[r] / y[r] : y[r] / x[r] }' \
			"$results"
	}
	summary() {
		sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) { printf "%21s", "-"; exit }
			m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
			printf "%5.3f [%5.3f, %5.3f]", m, v[1], v[NR] }'
	}
	[ -n "$(ratios 3 1)" ] || continue
	throughput=$(ratios 3 1 | summary)
	cpu=$(ratios 6 -1 | summary)
	verdict=""
	if [ "$goal" != "-" ]; then
		verdict=$(ratios 6 -1 | median | awk -v g="$goal" '{ print ($1 >= g) ? "meets" : "MISSES" }')
		verdict="$verdict >= $goal"
	fi
	printf '  %-17s req/s %s  CPU %s  %-14s %s\n' "$ratio" "$throughput" "$cpu" "$verdict" "$what"
done | tee "$OUT/ratios.txt"

echo
echo "Raw results: $OUT"
