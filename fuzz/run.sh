#!/bin/sh
# Run each libFuzzer target (make fuzz builds them) for at most SECONDS
# and at most RUNS executions, starting from the committed seeds, and
# print executions, speed and findings per target.
# Usage: sh fuzz/run.sh [SECONDS [RUNS [TARGET...]]]
cd "$(dirname "$0")" || exit 1
secs=${1:-30}
runs=${2:-10000000}
[ $# -gt 2 ] && shift 2 || set -- http dyndns tzo state conf url pin pem spki check chain dns json
mkdir -p work
found=0
printf '%-8s %12s %10s %8s %s\n' target executions exec/s seconds findings
for t; do
	[ -x "fuzz-$t" ] || { echo "fuzz-$t missing: run make fuzz" >&2; exit 2; }
	rm -rf "work/$t" "work/$t.artifacts"
	mkdir -p "work/$t" "work/$t.artifacts"
	start=$(date +%s)
	"./fuzz-$t" -max_total_time="$secs" -runs="$runs" -print_final_stats=1 \
	    -artifact_prefix="work/$t.artifacts/" -max_len=70000 \
	    "work/$t" "corpus/$t" >"work/$t.log" 2>&1
	rc=$?
	end=$(date +%s)
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "work/$t.log")
	speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "work/$t.log")
	n=$(ls "work/$t.artifacts" | wc -l)
	[ $rc -ne 0 ] && [ "$n" -eq 0 ] && n="exit $rc"
	printf '%-8s %12s %10s %8s %s\n' "$t" "${execs:-?}" "${speed:-?}" $((end - start)) "$n"
	[ "$n" != 0 ] && { found=1; tail -30 "work/$t.log" >&2; }
done
exit $found
