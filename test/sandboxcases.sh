# Least privilege cases (sandbox.c) of test/run.sh, sourced by it.
# A run is held on a stalled server, past the point where it restricts
# itself, and looked at from outside (/proc/PID/status and limits, a
# SIGABRT); test/sandboxtest, ddnsup with sandbox.c's probes built in
# (-DSANDBOX_SELFTEST), tries from inside what the restriction forbids.

# sanitized: the binary under test is an AddressSanitizer (or other
# runtime sanitizer) build, which runs without the seccomp filter
sanitized() { grep -q -e __asan_init -e __tsan_init -e __msan_init "$DDNSUP"; }

# the sandbox line that -v prints
sandboxline() { sed -n 's/^ddnsup: sandbox: //p' "$W/err"; }

# held ARGS: an https run against a stalled provider, in $W/core with no
# core size limit; sets HPID once the request has arrived (it is then
# restricted), "" if it never came
held() {
	rm -rf "$W/core"
	mkdir "$W/core"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -m stall
	(cd "$W/core" && { ulimit -c unlimited 2>/dev/null; exec $RUN -C "$CERTS/ca.pem" \
	    -s "https://localhost:$PORT" -u bob -a 203.0.113.7 -t 20 "$@" $N \
	    >/dev/null 2>&1; }) &
	HPID=$!
	i=0
	while ! grep -q "Connection: close" "$W/rec" && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
	grep -q "Connection: close" "$W/rec" || { bad "the request never came"; kill $HPID; HPID=; }
}

# procfield FIELD: a line's value in the held run's /proc/PID/status
procfield() { awk -v f="$1:" '$1 == f { print $2 }' "/proc/$HPID/status"; }

t_sandbox_proc() {
	wrapped "/proc/PID is the wrapper's, not the program's" && return
	held
	[ -n "$HPID" ] || return
	seccomp=2
	sanitized && seccomp=0
	[ "$(procfield NoNewPrivs)" = 1 ] || bad "NoNewPrivs: $(procfield NoNewPrivs), expected 1"
	[ "$(procfield Seccomp)" = $seccomp ] || bad "Seccomp: $(procfield Seccomp), expected $seccomp"
	grep -Eq '^Max core file size +0 +0 ' "/proc/$HPID/limits" ||
	    bad "core size limit: $(grep 'core file' "/proc/$HPID/limits")"
	kill -ABRT $HPID
	wait $HPID 2>/dev/null
	STATUS=$?
	status 134
	[ -z "$(ls "$W/core")" ] || bad "SIGABRT left a core: $(ls "$W/core")"
	stopprovider
	# the same checks can fail: the run with the sandbox off
	held -o Sandbox=0
	[ -n "$HPID" ] || return
	[ "$(procfield NoNewPrivs)" = 0 ] || bad "Sandbox=0: NoNewPrivs: $(procfield NoNewPrivs)"
	[ "$(procfield Seccomp)" = 0 ] || bad "Sandbox=0: Seccomp: $(procfield Seccomp)"
	kill $HPID
	wait $HPID 2>/dev/null
}
case_ "sandbox: a held run has NoNewPrivs 1, Seccomp 2, no core limit; SIGABRT leaves no core" t_sandbox_proc

# The core file check proves something only where a dumpable process
# leaves a core in its working directory: a core_pattern that is a plain
# relative name. Where cores go to a handler (|...) or elsewhere, the
# probe's prctl(PR_GET_DUMPABLE) readback (t_sandbox_probes) and the
# limit in /proc/PID/limits (above) are what is checked.
t_sandbox_corectl() {
	pat=$(cat /proc/sys/kernel/core_pattern 2>/dev/null)
	case "$pat" in
	'' | *'|'* | */*)
		SKIP="core_pattern '$pat' is not a plain name: the dumpable readback is checked instead"
		return ;;
	esac
	if ! (ulimit -c unlimited) 2>/dev/null; then
		SKIP="the core size limit cannot be raised here"
		return
	fi
	rm -rf "$W/ctl"
	mkdir "$W/ctl"
	(cd "$W/ctl" && ulimit -c unlimited && exec sleep 20) &
	p=$!
	sleep 0.2
	kill -ABRT $p
	wait $p 2>/dev/null
	[ -n "$(ls "$W/ctl")" ] || bad "a dumpable process left no core either: the check above proves nothing here"
}
case_ "sandbox: the control, a dumpable process, does leave a core" t_sandbox_corectl

# probe ARGS: test/sandboxtest's update, with a file and a listening port
# (the check page server) that the run does not use
probe() {
	printf 'not for ddnsup\n' >"$W/outside"
	rm -rf "$W/state"
	mkdir -p "$W/state"
	checkpage "x"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 2
	env DDNSUP_SELFTEST_FILE="$W/outside" DDNSUP_SELFTEST_PORT="$CPORT" \
	    "$T/sandboxtest" -v -C "$CERTS/ca.pem" -s "https://localhost:$PORT" \
	    -u bob -c "$S" -a 203.0.113.7 "$@" $N >"$W/out" 2>"$W/err"
	STATUS=$?
}

t_sandbox_probes() {
	wrapped "test/sandboxtest is a native binary" && return
	[ -x "$T/sandboxtest" ] || { SKIP="test/sandboxtest is not built (make test/sandboxtest)"; return; }
	probe
	status 0
	out "$N updated 203.0.113.7 good"
	req "$(q $N 203.0.113.7)"
	case "$(sandboxline)" in
	*"landlock "[4-9]*) ;;
	*) SKIP="no Landlock ABI 4 on this kernel: $(sandboxline)"; return ;;
	esac
	exec="killed by signal $(kill -l SYS 2>/dev/null || echo 31)"
	sanitized && exec="Permission denied"
	errhas "sandboxtest: execve /bin/sh: $exec"
	errhas "sandboxtest: open: Permission denied"
	errhas "sandboxtest: connect: Permission denied"
	errhas "sandboxtest: dumpable: 0"
	[ "$(grep -c '^name ' "$S")" = 1 ] || bad "the state was not written"
	# the probes can succeed: the same with the sandbox off
	probe -o Sandbox=0
	status 0
	errhas "sandboxtest: execve /bin/sh: allowed"
	errhas "sandboxtest: open: allowed"
	errhas "sandboxtest: connect: allowed"
	errhas "sandboxtest: dumpable: 0"
}
case_ "sandbox: after the restriction, exec, a file outside it and another port fail" t_sandbox_probes

t_sandbox_verbose() {
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	https -v -a 203.0.113.7 $N
	status 0
	errhas "ddnsup: sandbox: no new privileges"
	if [ -z "${DDNSUP_WRAP:-}" ] && ! sanitized; then
		errhas ", seccomp"
	fi
	stopprovider
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	https -v -o Sandbox=0 -a 203.0.113.7 $N
	status 0
	errhas "ddnsup: sandbox: off (Sandbox = 0)"
}
case_ "sandbox: -v says which restrictions are in force" t_sandbox_verbose

t_sandbox_conf() {
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	printf 'Username = bob\nDomainName1 = %s\nSandbox = false\n' $N >"$W/conf"
	ddnsup -v -f "$W/conf" -C "$CERTS/ca.pem" -s "https://localhost:$PORT" -a 203.0.113.7
	status 0
	out "$N updated 203.0.113.7 good"
	errhas "ddnsup: sandbox: off (Sandbox = 0)"
	printf 'Username = bob\nDomainName1 = %s\nSandbox = maybe\n' $N >"$W/conf"
	: >"$W/rec"
	ddnsup -f "$W/conf" -C "$CERTS/ca.pem" -s "https://localhost:$PORT" -a 203.0.113.7
	status 64
	errhas "$W/conf:3: Sandbox: must be 1, 0, true or false"
	nothingsent
}
case_ "sandbox: Sandbox = 0 in the file turns it off; a bad value is 64" t_sandbox_conf

t_sandbox_badopt() { usage_ "-o Sandbox=2: must be 1, 0, true or false" -o Sandbox=2 -u bob $N; }
case_ "sandbox: -o Sandbox=2 is 64, nothing sent" t_sandbox_badopt
