# Faults a router meets (issue 22), sourced by test/run.sh: closed
# standard descriptors, passwords in URLs, FIFOs under -S, secrets that
# are not text, a full disk, a state location that is not ours, a clock
# that ran ahead, orphan temporary files, descriptor limits. Each case
# asserts what reached the provider, the output, the exit status and,
# where there is one, the state file afterwards.

# --- standard descriptors ----------------------------------------------

t_stderrclosed() {
	wrapped "the wrapper's own descriptors" && return
	provider
	$RUN -v -a 203.0.113.7 -s "http://127.0.0.1:$PORT" -u bob $N \
	    >"$W/out" 2>&-
	STATUS=$?
	status 0
	out "$N updated 203.0.113.7 good"
	req "$(q $N 203.0.113.7)" "127.0.0.1:$PORT"
}
case_ "fault2: stderr closed: -v lines never reach the request" t_stderrclosed

t_allclosed() {
	wrapped "the wrapper's own descriptors" && return
	provider
	$RUN -v -a 203.0.113.7 -s "http://127.0.0.1:$PORT" -u bob -c "$S" $N \
	    <&- >&- 2>&-
	STATUS=$?
	status 0
	req "$(q $N 203.0.113.7)" "127.0.0.1:$PORT"
	grep -q "^name $N 4 203.0.113.7 " "$S" || bad "no record in the state file"
	rm -rf "$W/state"
}
case_ "fault2: stdin, stdout and stderr closed: the run still works" t_allclosed

