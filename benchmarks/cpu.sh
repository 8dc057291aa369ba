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

# Whether a JVM's JIT used at most 1% of a core since jit_ticks gave the first argument,
# over a slice of the given seconds
jit_quiet() { # pid ticks_before seconds
	[ $(($(jit_ticks "$1") - $2)) -le $((ticks_per_second * $3 / 100)) ]
}
