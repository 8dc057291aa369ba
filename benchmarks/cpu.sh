# Sourced by load.sh and profile.sh: the CPU time of a JVM, and of its JIT compiler threads,
# read from /proc. The JIT shares the server's core: until it is quiet, what it compiles
# lands on whatever is being measured.

ticks_per_second=$(getconf CLK_TCK)

# CPU time, user and system, in clock ticks, of a process (pid) or a thread (pid/task/tid)
cpu_ticks() {
	# the command name in parentheses may hold spaces: fields are counted after it
	sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | awk '{ print $12 + $13 } END { if (NR == 0) print 0 }'
}

# CPU time a JVM's C1 and C2 compiler threads have used, in clock ticks. Run the JVM with
# -XX:-UseDynamicNumberOfCompilerThreads: a compiler thread that exits takes its time along.
jit_ticks() {
	local task total=0
	for task in "/proc/$1/task/"*; do
		case $(cat "$task/comm" 2>/dev/null) in
			C1\ CompilerThre* | C2\ CompilerThre*) total=$((total + $(cpu_ticks "${task#/proc/}"))) ;;
		esac
	done
	echo "$total"
}

# Microseconds of CPU time per request
per_request() { # ticks requests
	awk -v t="$1" -v n="$2" -v hz="$ticks_per_second" 'BEGIN { printf "%.2f", t * 1000000 / hz / n }'
}

# Load a JVM until its JIT is quiet: run the command, given a duration as its last argument,
# for WARMUP, then for 5 seconds at a time until the JIT used at most 1% of the core in one of
# them, or WARMUP_LIMIT seconds have passed. The command's output goes to the file; prints the
# seconds it took.
warm_up() { # pid file command...
	local pid=$1 file=$2 warmed before
	shift 2
	"$@" "$WARMUP" >"$file"
	warmed=$(echo "$WARMUP" | awk '{ print $1 + 0 }')
	while true; do
		before=$(jit_ticks "$pid")
		"$@" 5s >>"$file"
		warmed=$((warmed + 5))
		[ $(($(jit_ticks "$pid") - before)) -gt $((ticks_per_second * 5 / 100)) ] || break
		if [ "$warmed" -ge "$WARMUP_LIMIT" ]; then
			echo "the JIT was still compiling after ${warmed}s" >&2
			break
		fi
	done
	echo "$warmed"
}
