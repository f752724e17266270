# State file and address check cases of test/run.sh, sourced by it.

# field NAME FAMILY N: field N of the name's record (1 = "name")
field() { awk -v n="$1" -v f="$2" -v k="$3" '$1 == "name" && $2 == n && $3 == f { print $k }' "$S"; }

# age NAME FAMILY SECONDS: pretend the name was registered that long ago
age() {
	awk -v n="$1" -v f="$2" -v t="$(($(date +%s) - $3))" \
	    '$1 == "name" && $2 == n && $3 == f { $5 = t } { print }' "$S" >"$S.new" &&
	    mv "$S.new" "$S"
}

# valid: the state file is a well-formed version 1 file
valid() {
	{
		[ "$(head -1 "$S")" = "ddnsup-state 1" ] &&
		    sed -n 2p "$S" | grep -Eq '^salt [0-9a-f]{32}$' &&
		    ! sed 1,2d "$S" | grep -Ev '^name [^ ]+ [46-] [^ ]+ [0-9]+ [^ ]+ [0-9]+ [0-9]+ [0-9]+ ([0-9a-f]{32}|-)$|^check [46] [0-9]+ [^ ]+ [^ ]+$|^pending [^ ]+ [^ ]+ [0-9]+$' >/dev/null
	} || { bad "state file malformed:"; cat "$S" >>"$W/why"; }
}

fresh() { rm -rf "$W/state"; mkdir -p "$W/state"; }

# st ARGS: an https update with the state file
st() { https -c "$S" "$@"; }

t_state_first() {
	fresh
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 10
	st -a 203.0.113.7 $N
	status 0
	out "$N updated 203.0.113.7 good"
	nrequests 1
	valid
	[ "$(field $N 4 4)" = 203.0.113.7 ] || bad "address not recorded"
	[ "$(field $N 4 6)" = good ] || bad "code not recorded"
	[ "$(stat -c %a "$S")" = 600 ] || bad "state file mode $(stat -c %a "$S")"
	grep -F -e "$SECRET" -e "$AUTH" "$S" >/dev/null && bad "the secret is in the state file"
	ls "$W/state" | grep -v '^ddnsup.state' >/dev/null && bad "leftover files: $(ls "$W/state")"
	st -a 203.0.113.7 $N
	status 0
	out "$N skipped 203.0.113.7 good"
	nrequests 1
	st -q -a 203.0.113.7 $N
	status 0
	noout
	nrequests 1
	st -a 198.51.100.1 $N
	status 0
	nrequests 2
	[ "$(field $N 4 4)" = 198.51.100.1 ] || bad "new address not recorded"
}
case_ "state: first run updates, the same address is skipped, a new one sent" t_state_first

t_state_period() {
	fresh
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 10
	st -a 203.0.113.7 $N
	age $N 4 $((24 * 86400))
	st -a 203.0.113.7 $N
	out "$N skipped 203.0.113.7 good"
	nrequests 1
	age $N 4 $((25 * 86400 + 1))
	st -a 203.0.113.7 $N
	out "$N updated 203.0.113.7 good"
	nrequests 2
	age $N 4 7200
	st -T 2h -a 203.0.113.7 $N
	out "$N updated 203.0.113.7 good"
	nrequests 3
	st -T 3h -a 203.0.113.7 $N
	out "$N skipped 203.0.113.7 good"
	nrequests 3
}
case_ "state: refresh after the update period (-T)" t_state_period

t_state_hold() {
	fresh
	reply "500 Internal Server Error" "911\n"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 10
	st -a 203.0.113.7 $N
	status 75
	out "$N failed 203.0.113.7 911"
	hold=$(field $N 4 8)
	now=$(date +%s)
	[ "$hold" -ge $((now + 1790)) ] && [ "$hold" -le $((now + 1810)) ] || bad "hold $hold, now $now"
	st -a 203.0.113.7 $N
	status 75
	out "$N held 203.0.113.7 911"
	nrequests 1
	st -F -a 203.0.113.7 $N
	status 75
	nrequests 2
}
case_ "state: a temporary refusal holds off 30 minutes; -F sends anyway" t_state_hold

t_state_wait() {
	fresh
	reply "200 OK" "w2h\n"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 10
	st $N
	status 75
	hold=$(field $N - 8)
	now=$(date +%s)
	[ "$hold" -ge $((now + 7190)) ] && [ "$hold" -le $((now + 7210)) ] || bad "hold $hold, now $now"
	st -v $N
	out "$N held - w2h"
	errhas "held until"
	nrequests 1
}
case_ "state: wNNh holds off that long" t_state_wait

t_state_stop() {
	fresh
	reply "200 OK" "badauth\n"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 10
	st -a 203.0.113.7 $N
	status 77
	[ "$(field $N 4 9)" -gt 0 ] || bad "not stopped"
	st -a 203.0.113.7 $N
	status 77
	out "$N failed 203.0.113.7 badauth"
	errhas "$N: stopped since"
	errhas "change the configuration, or run once with -F, to resume"
	nrequests 1
	# another address is no configuration change: still stopped
	st -a 198.51.100.1 $N
	status 77
	nrequests 1
	withenv DDNSUP_PASSWORD=new-password -C "$CERTS/ca.pem" -s "https://localhost:$PORT" -u bob -c "$S" -a 203.0.113.7 $N
	status 77
	nrequests 2
	st -a 203.0.113.7 $N
	status 77
	nrequests 3
	st -F -a 203.0.113.7 $N
	nrequests 4
	reply "200 OK" "good 203.0.113.7\n"
	stopprovider
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 10
	st -F -a 203.0.113.7 $N
	status 0
	[ "$(field $N 4 9)" = 0 ] || bad "still stopped after success"
	st -a 203.0.113.7 $N
	out "$N skipped 203.0.113.7 good"
}
case_ "state: a permanent refusal stops until the configuration changes or -F" t_state_stop

t_state_names() {
	fresh
	reply "200 OK" "good 203.0.113.7\n"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 10
	st -a 203.0.113.7 $N
	: >"$W/rec"
	st -a 203.0.113.7 $N $N2
	status 0
	out "$N skipped 203.0.113.7 good" "$N2 updated 203.0.113.7 good"
	req "$(q $N2 203.0.113.7)"
	: >"$W/rec"
	st -n -a 203.0.113.7 $N $N2 $N3
	status 0
	out "# $N: skipped" "# $N2: skipped" "# https localhost port $PORT" \
	    "GET $(q $N3 203.0.113.7) HTTP/1.0" "Host: localhost:$PORT" \
	    "Authorization: Basic ********" "User-Agent: $AGENT" "Connection: close"
	nothingsent
}
case_ "state: only the names that need it are sent; -n shows the decision" t_state_names

t_state_dual() {
	fresh
	reply "200 OK" "good 203.0.113.7,2001:db8::7\n"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 10
	st -a 203.0.113.7 -a 2001:db8::7 $N
	status 0
	[ "$(field $N 6 4)" = 2001:db8::7 ] || bad "IPv6 not recorded"
	st -a 203.0.113.7 -a 2001:db8::7 $N
	out "$N skipped 203.0.113.7,2001:db8::7 good"
	st -a 203.0.113.7 -a 2001:db8::8 $N
	out "$N updated 203.0.113.7,2001:db8::7 good"
	nrequests 2
}
case_ "state: kept per name and family" t_state_dual

t_state_noaddr() {
	fresh
	reply "200 OK" "nochg 203.0.113.44\n"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 10
	st $N
	st $N
	status 0
	nrequests 2
	[ "$(field $N 4 4)" = 203.0.113.44 ] || bad "echoed address not recorded"
}
case_ "state: without -a, -i or -w every run updates and keeps the echo" t_state_noaddr

t_state_corrupt() {
	fresh
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 10
	for junk in "garbage" "ddnsup-state 2\nsalt 00000000000000000000000000000000\n" \
	    "ddnsup-state 1\nsalt 00000000000000000000000000000000\nname $N 4 203.0.113.7 1 good 0 0 0" \
	    "ddnsup-state 1\nname $N 4 203.0.113.7 1 good 0 0 0 -\n" \
	    "ddnsup-state 1\nsalt 00000000000000000000000000000000\nname $N 4 203.0.113.7 x good 0 0 0 -\n" \
	    "ddnsup-state 1\nsalt 00000000000000000000000000000000\nname $N 4 ::1 1 good 0 0 0 -\n" \
	    "ddnsup-state 1\nsalt 00000000000000000000000000000000\nname $N 4 203.0.113.7 1 good 1 0 0 -\n" \
	    "ddnsup-state 1\nsalt 00000000000000000000000000000000\nname $N 4 203.0.113.7 1 good 0 0 0 -\nname $N 4 203.0.113.7 1 good 0 0 0 -\n" \
	    ""; do
		printf '%b' "$junk" >"$S"
		st -a 203.0.113.7 $N
		status 0
		out "$N updated 203.0.113.7 good"
		errhas "corrupt state"
		valid
	done
	head -c 100000 /dev/zero | tr '\0' x >"$S"
	st -a 203.0.113.7 $N
	errhas "corrupt state (too large)"
	valid
	nrequests 10
}
case_ "state: a corrupt, truncated or unknown file is a warning and one update" t_state_corrupt

t_state_concurrent() {
	fresh
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 10
	pids=
	for k in 1 2 3 4 5; do
		$RUN -C "$CERTS/ca.pem" -s "https://localhost:$PORT" -u bob -c "$S" \
		    -a 203.0.113.7 $N >"$W/out$k" 2>&1 &
		pids="$pids $!"
	done
	for p in $pids; do wait "$p"; done
	nrequests 1
	[ "$(cat "$W"/out? | grep -c updated)" = 1 ] || bad "not one update: $(cat "$W"/out?)"
	[ "$(cat "$W"/out? | grep -c skipped)" = 4 ] || bad "not four skips: $(cat "$W"/out?)"
	rm -f "$W"/out?
}
case_ "state: five runs at once send one request" t_state_concurrent

t_state_lock() {
	fresh
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -m stall
	$RUN -C "$CERTS/ca.pem" -s "https://localhost:$PORT" -u bob -c "$S" -t 4 $N >/dev/null 2>&1 &
	first=$!
	# the first run holds the lock once its request has arrived
	i=0
	while ! grep -q "Authorization" "$W/rec" && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
	st -t 1 $N
	status 75
	out "$N failed - timeout"
	errhas "still locked by another run at the deadline"
	wait $first
}
case_ "state: a locked state waits no longer than the deadline" t_state_lock

t_state_kill() {
	fresh
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 1000
	st -a 203.0.113.7 $N $N2 $N3
	k=0
	while [ $k -lt 40 ]; do
		$RUN -C "$CERTS/ca.pem" -s "https://localhost:$PORT" -u bob -c "$S" \
		    -F -a 203.0.113.$((k % 200 + 1)) $N $N2 $N3 >/dev/null 2>&1 &
		victim=$!
		sleep "0.00$((k % 10))$(((k * 7) % 10))"
		kill -9 $victim 2>/dev/null
		wait $victim 2>/dev/null
		valid
		[ -s "$W/why" ] && break
		k=$((k + 1))
	done
	st -n $N
	grep -q "corrupt" "$W/err" && bad "corrupt after kill -9"
	:
}
case_ "state: kill -9 at any moment leaves the old or the new file" t_state_kill

t_state_symlink() {
	fresh
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	printf 'precious\n' >"$W/state/target"
	ln -s target "$S"
	st -a 203.0.113.7 $N
	status 78
	errhas "not a regular file (a symbolic link is refused)"
	nothingsent
	[ "$(cat "$W/state/target")" = precious ] || bad "the link's target was changed"
}
case_ "state: a symbolic link is refused, its target untouched" t_state_symlink

t_state_readonly() {
	if [ "$(id -u)" -ne 0 ] || ! command -v unshare >/dev/null; then
		SKIP="needs root and unshare to mount a read-only file system"
		return
	fi
	fresh
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 5
	st -a 203.0.113.7 $N
	cp "$S" "$W/before"
	unshare -m sh -c "mount --bind '$W/state' '$W/state' && mount -o remount,bind,ro '$W/state' &&
	    $RUN -C '$CERTS/ca.pem' -s 'https://localhost:$PORT' -u bob -c '$S' -a 198.51.100.1 $N" \
	    >"$W/out" 2>"$W/err"
	STATUS=$?
	status 78
	errhas "Read-only file system"
	nrequests 1
	cmp -s "$S" "$W/before" || bad "the state file changed"
}
case_ "state: a directory that cannot be written: 78, nothing sent" t_state_readonly

t_state_full() {
	if [ "$(id -u)" -ne 0 ] || ! command -v unshare >/dev/null; then
		SKIP="needs root and unshare to mount a small file system"
		return
	fi
	fresh
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 5
	unshare -m sh -c "mount -t tmpfs -o size=8k,mode=0700 tmpfs '$W/state' &&
	    $RUN -C '$CERTS/ca.pem' -s 'https://localhost:$PORT' -u bob -c '$S' -a 203.0.113.7 $N &&
	    cp '$S' '$W/before' &&
	    dd if=/dev/zero of='$W/state/fill' bs=1k count=64 2>/dev/null;
	    $RUN -C '$CERTS/ca.pem' -s 'https://localhost:$PORT' -u bob -c '$S' -a 198.51.100.1 $N;
	    echo \$? >'$W/st'; cmp -s '$S' '$W/before' && echo intact >'$W/intact';
	    ls '$W/state' >'$W/files'" >"$W/out" 2>"$W/err"
	STATUS=$(cat "$W/st")
	status 78
	errhas "$W/state: the state cannot be written there, so nothing is sent: No space left on device"
	[ -f "$W/intact" ] || bad "the state file changed"
	[ "$(cat "$W/files" | tr '\n' ' ')" = "ddnsup.state ddnsup.state.lock fill " ] || bad "left: $(cat "$W/files")"
	# what cannot be recorded is not sent (issue 22)
	nrequests 1
}
case_ "state: a full file system: 78, the old file intact, nothing sent" t_state_full

t_check() {
	fresh
	checkpage "<html><head><title>Current IP Check</title></head><body>Current IP Address: 203.0.113.9</body></html>\r\n"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 10
	st -w "http://127.0.0.1:$CPORT/" $N
	status 0
	req "$(q $N 203.0.113.9)"
	[ "$(grep -c '^GET / HTTP/1.0' "$W/crec")" = 1 ] || bad "check page not fetched once"
	st -w "http://127.0.0.1:$CPORT/" $N
	status 0
	out "$N skipped 203.0.113.9 good"
	[ "$(grep -c '^GET ' "$W/crec")" = 1 ] || bad "check page fetched again within 10 minutes"
	# an older check is done again
	awk '$1 == "check" { $3 = $3 - 601 } { print }' "$S" >"$S.new" && mv "$S.new" "$S"
	st -w "http://127.0.0.1:$CPORT/" $N
	[ "$(grep -c '^GET ' "$W/crec")" = 2 ] || bad "stale check not fetched again"
	grep -q "Authorization" "$W/crec" && bad "credentials sent to the check page"
	:
}
case_ "check: -w finds the address, reused for 10 minutes" t_check

t_checkhttps() {
	checkpage "Current IP Address: 198.51.100.20" -c "$CERTS/rsa.chain" -k "$CERTS/rsa.key"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	https -w "https://localhost:$CPORT/check" $N
	status 0
	req "$(q $N 198.51.100.20)"
	grep -q '^GET /check HTTP/1.0' "$W/crec" || bad "check path not used"
}
case_ "check: https check page, verified like the provider" t_checkhttps

# checkfail BODY ERRTEXT
checkfail() {
	checkpage "$1"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	https -w "http://127.0.0.1:$CPORT/" $N $N2
	status 75
	out "$N failed - check" "$N2 failed - check"
	errhas "$2"
	nothingsent
}
case_ "check: a page without an address sends nothing" checkfail "<html>maintenance</html>" "no IPv4 address in the page: <html>maintenance</html>"
case_ "check: a private address sends nothing" checkfail "Current IP Address: 192.168.1.20" "192.168.1.20 is a private address"
case_ "check: a loopback address sends nothing" checkfail "Current IP Address: 127.0.0.1" "127.0.0.1 cannot be published"

t_checkdown() {
	qemuerrno && return
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	https -w "http://127.0.0.1:1/" $N
	status 75
	out "$N failed - check"
	errhas "connect 127.0.0.1:1: Connection refused"
	nothingsent
}
case_ "check: an unreachable check page sends nothing" t_checkdown

t_state_tzo() {
	fresh
	tzoprovider -3 "49 Too frequent"
	tzo -c "$S" -a 203.0.113.7 $N
	status 75
	tzo -c "$S" -a 203.0.113.7 $N
	status 75
	out "$N held 203.0.113.7 49"
	stopprovider
	fresh
	tzoprovider -3 "44 Invalid key"
	tzo -c "$S" -a 203.0.113.7 $N
	status 77
	tzo -c "$S" -a 203.0.113.7 $N
	status 77
	out "$N failed 203.0.113.7 44"
	[ "$(grep -c '^3: ' "$W/rec")" = 1 ] || bad "sent again while stopped"
	stopprovider
	fresh
	tzoprovider
	tzo -c "$S" -a 203.0.113.7 $N
	tzo -c "$S" -a 203.0.113.7 $N
	status 0
	out "$N skipped 203.0.113.7 40"
	[ "$(grep -c '^3: ' "$W/rec")" = 1 ] || bad "sent again though unchanged"
}
case_ "state: TZO 49 holds, 44 stops, 40 is remembered" t_state_tzo

case_ "usage: bad period" usage_ "-T 5x: a period" -u bob -T 5x $N
case_ "usage: -w with -a" usage_ "-a excludes -i and -w" -u bob -w http://127.0.0.1/ -a 203.0.113.7 $N
case_ "usage: -w https to an IP address" usage_ "cannot be checked against the certificate" -u bob -w https://127.0.0.1/ $N
