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
	rm -rf "$W/state"
	$RUN -v -a 203.0.113.7 -s "http://127.0.0.1:$PORT" -u bob -c "$S" $N \
	    <&- >&- 2>&-
	STATUS=$?
	status 0
	req "$(q $N 203.0.113.7)" "127.0.0.1:$PORT"
	grep -q "^name $N 4 203.0.113.7 " "$S" || bad "no record in the state file"
	rm -rf "$W/state"
}
case_ "fault2: stdin, stdout and stderr closed: the run still works" t_allclosed

# --- a password in a URL ------------------------------------------------

# userinfo OPTIONS...: refused (64), nothing sent, the password and the
# user nowhere in the output
userinfo() {
	provider
	ddnsup -a 203.0.113.7 -u bob "$@" $N
	status 64
	noout
	errhas "a user name or password in a URL (user:password@) is refused"
	grep -e hunter2 -e alice "$W/err" >/dev/null && bad "the URL's userinfo is echoed"
	nothingsent
}
t_userinfo_s() { userinfo -s "http://alice:hunter2@127.0.0.1:$PORT"; }
case_ "fault2: -s URL with user:password@ refused, never echoed" t_userinfo_s
t_userinfo_w() { userinfo -s "http://127.0.0.1:$PORT" -w "http://alice:hunter2@127.0.0.1:$PORT/"; }
case_ "fault2: -w URL with user:password@ refused, never echoed" t_userinfo_w
t_userinfo_noscheme() { userinfo -s "alice:hunter2@localhost:$PORT"; }
case_ "fault2: -s host with user:password@ and no scheme refused" t_userinfo_noscheme

t_userinfo_conf() {
	provider
	printf 'Username = bob\nProviderFQDN = alice:hunter2@localhost\nDomainName1 = %s\n' \
	    $N >"$W/f22.conf"
	chmod 600 "$W/f22.conf"
	ddnsup -f "$W/f22.conf"
	status 64
	err "ddnsup: $W/f22.conf:2: ProviderFQDN: a user name or password in a URL (user:password@) is refused"
	ddnsup -S -f "$W/f22.conf"
	status 0
	grep -e hunter2 -e alice "$W/out" "$W/err" >/dev/null && bad "-S echoes the URL's userinfo"
	nothingsent
}
case_ "fault2: the file's ProviderFQDN with user:password@ never echoed (-S too)" t_userinfo_conf

t_userinfo_path() {
	# an @ in the path is no userinfo
	provider
	ddnsup -a 203.0.113.7 -s "http://127.0.0.1:$PORT/nic/a:b@c" -u bob $N
	status 0
	req "/nic/a:b@c?hostname=$N&myip=203.0.113.7&wildcard=NOCHG&mx=NOCHG&backmx=NOCHG" "127.0.0.1:$PORT"
}
case_ "fault2: an @ in the URL's path is not userinfo" t_userinfo_path

# --- -S never blocks ---------------------------------------------------

# (timeout: a ddnsup that blocks must fail the case, not hang the suite)
sfifo_() { timeout 5 $RUN "$@" >"$W/out" 2>"$W/err"; STATUS=$?; }

# sfifo WHICH: a FIFO as the state file (""), or its lock (".lock"): -S
# reports the client misconfigured at once, and writes nothing
sfifo() {
	rm -rf "$W/state"
	mkdir -p "$W/state"
	mkfifo "$S$1"
	within 1 sfifo_ -S -c "$S" $N
	status 0
	err "ddnsup: $S$1: a FIFO, not a regular file: unusable"
	grep -qx "Device.DynamicDNS.Client.1.Status = Error_Misconfigured" "$W/out" ||
	    bad "-S does not report the client misconfigured"
	grep -qx "Device.DynamicDNS.Client.1.LastError = MISCONFIGURATION_ERROR" "$W/out" ||
	    bad "-S does not report MISCONFIGURATION_ERROR"
	[ -p "$S$1" ] || bad "the FIFO was replaced"
	[ "$(ls "$W/state" | wc -l)" = 1 ] || bad "-S created a file: $(ls "$W/state")"
	rm -rf "$W/state"
}
t_sfifo() { sfifo ""; }
case_ "fault2: -S with a FIFO as the state file reports it, never blocks" t_sfifo
t_sfifolock() { sfifo .lock; }
case_ "fault2: -S with a FIFO as the state lock reports it, never blocks" t_sfifolock

# --- secrets are text --------------------------------------------------

t_secretnul() {
	provider
	rm -rf "$W/state"
	head -c 100 /dev/zero >"$W/pw"
	chmod 600 "$W/pw"
	ddnsup -p "$W/pw" -a 203.0.113.7 -s "http://127.0.0.1:$PORT" -u bob -c "$S" $N
	status 78
	out "$N failed - config"
	errhas "ddnsup: -p $W/pw: the secret holds a NUL byte: refused"
	nothingsent
	[ ! -e "$S" ] || bad "a state file was written"
}
case_ "fault2: a -p file of NUL bytes refused (78), nothing sent" t_secretnul

t_secretctl() {
	provider
	printf 'hunter\0332\n' >"$W/pw"
	chmod 600 "$W/pw"
	ddnsup -p "$W/pw" -a 203.0.113.7 -s "http://127.0.0.1:$PORT" -u bob $N
	status 78
	out "$N failed - config"
	errhas "ddnsup: -p $W/pw: the secret holds a control character: refused"
	grep hunter "$W/err" >/dev/null && bad "the secret is echoed"
	printf 'hunter\0332\n' | ddnsup -p - -a 203.0.113.7 -s "http://127.0.0.1:$PORT" -u bob $N
	status 78
	errhas "ddnsup: -p (standard input): the secret holds a control character: refused"
	withenv DDNSUP_PASSWORD="$(printf 'hunter\0012')" -a 203.0.113.7 \
	    -s "http://127.0.0.1:$PORT" -u bob $N
	status 78
	out "$N failed - config"
	errhas "ddnsup: DDNSUP_PASSWORD: the secret holds a control character: refused"
	nothingsent
}
case_ "fault2: a secret with a control character refused (-p, -p -, environment)" t_secretctl

t_secrettab() {
	# a tab is text, as in the configuration file
	provider
	printf 'a\tb\n' >"$W/pw"
	chmod 600 "$W/pw"
	ddnsup -p "$W/pw" -a 203.0.113.7 -s "http://127.0.0.1:$PORT" -u bob $N
	status 0
	grep -q "^Authorization: Basic $(printf 'bob:a\tb' | base64)" "$W/rec" ||
	    bad "the secret with a tab was not sent as it is"
}
case_ "fault2: a secret with a tab is sent" t_secrettab

# --- limits name themselves --------------------------------------------

t_emfile() {
	wrapped "the wrapper needs descriptors of its own" && return
	provider
	rm -rf "$W/state"
	mkdir -p "$W/state"
	# four descriptors: 0, 1, 2 and one more (the state's lock)
	(ulimit -n 4 && exec $RUN -a 203.0.113.7 -s "http://127.0.0.1:$PORT" \
	    -u bob -c "$S" $N) >"$W/out" 2>"$W/err"
	STATUS=$?
	status 78
	out "$N failed - config"
	# EMFILE in the C library's words: glibc's, or musl's
	grep -Eq "Too many open files|No file descriptors available" "$W/err" ||
	    bad "EMFILE not named: $(cat "$W/err")"
	grep -q "Permission denied" "$W/err" && bad "EMFILE said as Permission denied"
	nothingsent
	[ ! -e "$S" ] || bad "a state file was written"
}
case_ "fault2: at ulimit -n 4 the message says Too many open files" t_emfile

# --- LIMITS in the manual ------------------------------------------------

# the manual's LIMITS rows are the compiled-in bounds, and the binary
# refuses one more than each names
t_limits() {
	sed -n '/^\.Sh LIMITS/,/^\.Sh /p' "$TOP/ddnsup.1" >"$W/limits"
	def() { cat "$TOP"/*.h | sed -n "s/^#define $1[^0-9]*\([0-9]*\).*/\1/p"; }
	for row in "$(def MAXINST) Ta instances" "$(def MAXNAMES) Ta host names" \
	    "$(def MAXPINS) Ta pins" "$(($(def MAXSECRET) - 1)) bytes Ta the secret" \
	    "$(def CONFMAX) bytes Ta the configuration file" \
	    "$(def REPLYMAX) bytes Ta a reply"; do
		grep -q "^\.It $row" "$W/limits" || bad "LIMITS lacks \"$row\""
	done
	provider
	: >"$W/f22.conf"
	i=1
	while [ $i -le $(($(def MAXINST) + 1)) ]; do
		printf 'InternetGatewayDevice.DynamicDNS.%d.DomainName1 = h%d.example.org\n' \
		    $i $i >>"$W/f22.conf"
		i=$((i + 1))
	done
	chmod 600 "$W/f22.conf"
	ddnsup -f "$W/f22.conf"
	status 64
	errhas "more than $(def MAXINST) instances"
	set --
	i=0
	while [ $i -le "$(def MAXNAMES)" ]; do set -- "$@" "h$i.example.org"; i=$((i + 1)); done
	ddnsup -a 203.0.113.7 -s "http://127.0.0.1:$PORT" -u bob "$@"
	status 64
	errhas "at most $(def MAXNAMES) per run"
	nothingsent
}
case_ "fault2: the manual's LIMITS are the compiled-in bounds" t_limits

# --- the state: never send what cannot be recorded -------------------------

# f2http ARGS: a plain-http update with the state file $S
f2http() { http -c "$S" "$@"; }
f2fresh() { rm -rf "$W/state"; mkdir -p "$W/state"; }
asroot() {
	if [ "$(id -u)" -ne 0 ] || ! command -v unshare >/dev/null ||
	    ! command -v setpriv >/dev/null; then
		SKIP="needs root, unshare and setpriv ($1)"
		return 1
	fi
}

t_fulldisk() {
	asroot "a private tmpfs" || return
	wrapped "a mount namespace around the wrapper" && return
	f2fresh
	provider -n 10
	# a 16 KiB tmpfs: one run records, then the disk is full for three
	# runs with a new address each, then space returns
	unshare -m sh -c "mount -t tmpfs -o size=16k,mode=0700 tmpfs '$W/state' &&
	    $RUN -s 'http://127.0.0.1:$PORT' -u bob -c '$S' -a 203.0.113.7 $N >'$W/out0' 2>&1;
	    echo \$? >'$W/st0'; cp '$S' '$W/before';
	    dd if=/dev/zero of='$W/state/fill' bs=1k count=64 2>/dev/null;
	    for i in 1 2 3; do
		$RUN -s 'http://127.0.0.1:$PORT' -u bob -c '$S' -a 198.51.100.\$i $N \
		    >'$W/out'\$i 2>'$W/err'\$i; echo \$? >'$W/st'\$i;
	    done
	    cmp -s '$S' '$W/before' && echo intact >'$W/intact'
	    rm '$W/state/fill'
	    $RUN -s 'http://127.0.0.1:$PORT' -u bob -c '$S' -a 198.51.100.3 $N >'$W/out4' 2>&1;
	    echo \$? >'$W/st4'; cp '$S' '$W/after'; ls '$W/state' >'$W/files'"
	[ "$(cat "$W/st0" "$W/st1" "$W/st2" "$W/st3" "$W/st4" | tr '\n' ' ')" = "0 78 78 78 0 " ] ||
	    bad "statuses $(cat "$W/st0" "$W/st1" "$W/st2" "$W/st3" "$W/st4" | tr '\n' ' ')"
	for i in 1 2 3; do
		[ "$(cat "$W/out$i")" = "$N failed - config" ] || bad "run $i printed $(cat "$W/out$i")"
		grep -qx "ddnsup: $W/state: the state cannot be written there, so nothing is sent: No space left on device" \
		    "$W/err$i" || bad "run $i: $(cat "$W/err$i")"
	done
	[ -f "$W/intact" ] || bad "the state file changed while the disk was full"
	# the first run and the one after space returned: two requests
	nrequests 2
	grep -c "myip=198.51.100.3" "$W/rec" | grep -qx 1 || bad "198.51.100.3 not sent once"
	grep -q "^name $N 4 198.51.100.3 " "$W/after" || bad "198.51.100.3 not recorded"
	grep -q "^pending " "$W/after" && bad "a pending record left after the run"
	[ "$(cat "$W/files" | tr '\n' ' ')" = "ddnsup.state ddnsup.state.lock " ] || bad "left: $(cat "$W/files")"
	:
}
case_ "fault2: a full disk: nothing sent while it stays full (78), one request after" t_fulldisk

t_pendingread() {
	# a pending record (a run killed while sending) is read, and replaced
	f2fresh
	provider -n 2
	f2http -a 203.0.113.7 $N
	printf 'pending %s 198.51.100.1 1700000000\n' $N >>"$S"
	f2http -a 203.0.113.7 $N
	status 0
	out "$N skipped 203.0.113.7 good"
	grep -q corrupt "$W/err" && bad "the pending record is taken for corruption"
	f2http -a 198.51.100.1 $N
	status 0
	grep -q "^pending" "$S" && bad "the pending record was not replaced"
	nrequests 2
}
case_ "fault2: a pending record is read and replaced by the next save" t_pendingread

# --- the state location is trusted only when it is ours --------------------

# planted WHAT: a run refused (78) before anything is sent, quickly,
# with ERR; nothing changed in the directory
planted() {
	# its entries, and its own owner, mode and time (not its parent's)
	{ ls -lA "$W/state"; stat -c '%u %a %Y' "$W/state"; } >"$W/lsbefore"
	within 2 f2http -t 10 -a 203.0.113.7 $N
	status 78
	out "$N failed - config"
	errhas "$1"
	nothingsent
	{ ls -lA "$W/state"; stat -c '%u %a %Y' "$W/state"; } >"$W/lsafter"
	cmp -s "$W/lsbefore" "$W/lsafter" || bad "the directory changed: $(cat "$W/lsafter")"
}

t_plant_sticky() {
	asroot "files of another user" || return
	f2fresh
	chmod 1777 "$W/state"
	provider
	planted "ddnsup: the state's directory $W/state: others can write it (a shared directory such as /tmp cannot hold the state): refused (chmod go-w)"
}
case_ "fault2: a sticky world-writable state directory (as /tmp) refused" t_plant_sticky

t_plant_dir() {
	asroot "files of another user" || return
	f2fresh
	chown nobody "$W/state"
	provider
	planted "ddnsup: the state's directory $W/state: belongs to uid 65534, not to this user (uid 0) or root: refused"
}
case_ "fault2: a state directory pre-created by another user refused" t_plant_dir

t_plant_file() {
	asroot "files of another user" || return
	f2fresh
	provider -n 2
	# a state that says "registered", handed to another user
	f2http -a 203.0.113.7 $N
	chown nobody "$S"
	chmod 644 "$S"
	: >"$W/rec"
	planted "ddnsup: $S: belongs to uid 65534, not to this user (uid 0) or root: refused"
	chown root "$S"
	chmod 664 "$S"
	planted "ddnsup: $S: others can write it: refused (chmod go-w)"
}
case_ "fault2: a state file of another user (or group-writable) refused" t_plant_file

t_plant_lock() {
	asroot "files of another user" || return
	[ -x /usr/bin/python3 ] || { SKIP="needs /usr/bin/python3 to hold a lock as nobody"; return; }
	f2fresh
	chmod 755 "$W/state" "$W"
	provider
	: >"$S.lock"
	chown nobody "$S.lock"
	: >"$W/locked"
	chown nobody "$W/locked"
	# another user holds it: the run must not wait for it
	setpriv --reuid=nobody --regid=nogroup --clear-groups /usr/bin/python3 -c '
import fcntl, sys, time
f = open(sys.argv[1], "r+")
fcntl.lockf(f, fcntl.LOCK_EX)
open(sys.argv[2], "w").write("locked")
time.sleep(30)' "$S.lock" "$W/locked" &
	FPIDS="${FPIDS:-} $!"
	i=0
	while [ ! -s "$W/locked" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
	[ -s "$W/locked" ] || bad "nobody could not take the lock"
	planted "ddnsup: $S.lock: belongs to uid 65534, not to this user (uid 0) or root: refused"
	kill $! 2>/dev/null
	chmod 700 "$W"
}
case_ "fault2: a state lock created and held by another user refused at once" t_plant_lock

t_plant_lockfifo() {
	f2fresh
	provider
	mkfifo "$S.lock"
	within 2 f2http -a 203.0.113.7 $N
	status 78
	out "$N failed - config"
	errhas "ddnsup: $S.lock: a FIFO, not a regular file: unusable"
	nothingsent
}
case_ "fault2: a FIFO as the state lock refused, never blocks" t_plant_lockfifo

# --- orphan temporary files ----------------------------------------------

t_orphans() {
	asroot "a file of another user" || return
	f2fresh
	provider -n 2
	f2http -a 203.0.113.7 $N
	# what kills between mkstemp and rename leave, and what is not that
	cp "$S" "$S.Ab12Cd"
	: >"$S.XYZ123"
	chmod 600 "$S.Ab12Cd" "$S.XYZ123"
	cp "$S" "$S.backup1"
	cp "$S" "$S.Qw34Er"
	chown nobody "$S.Qw34Er"
	echo "my notes" >"$S.notes1"
	chmod 600 "$S.notes1"
	f2http -a 198.51.100.1 $N
	status 0
	nrequests 2
	ls "$W/state" | tr '\n' ' ' >"$W/files"
	[ "$(cat "$W/files")" = "ddnsup.state ddnsup.state.Qw34Er ddnsup.state.backup1 ddnsup.state.lock ddnsup.state.notes1 " ] ||
	    bad "left: $(cat "$W/files")"
	grep -q "^name $N 4 198.51.100.1 " "$S" || bad "198.51.100.1 not recorded"
}
case_ "fault2: orphan state.XXXXXX files removed under the lock, nothing else" t_orphans

# --- a clock that ran ahead never holds for years ---------------------------

t_clockahead() {
	wrapped "the preload clock goes to the program, not the wrapper" && return
	readelf -l "$DDNSUP" 2>/dev/null | grep -q 'program interpreter' ||
	    { SKIP="a static ddnsup cannot preload test/clock.so"; return; }
	f2fresh
	now=$(date +%s)
	ahead=$((now + 10 * 365 * 86400))
	reply "200 OK" "911\n"
	provider -n 5
	# a router without a clock of its own: 10 years ahead, the provider 911
	env LD_PRELOAD="$T/clock.so" TESTCLOCK=$ahead $RUN -s "http://127.0.0.1:$PORT" \
	    -u bob -c "$S" -a 203.0.113.7 $N >"$W/out" 2>"$W/err"
	STATUS=$?
	status 75
	hold=$(awk -v n=$N '$1 == "name" && $2 == n { print $8 }' "$S")
	[ "$hold" -gt $((ahead + 1000)) ] || bad "no hold 10 years ahead: $hold"
	# the clock set right: -S reports the hold cut, and writes nothing
	cp "$S" "$W/before"
	ddnsup -S -c "$S" $N
	errhas "ddnsup: $N: held until $(date -u -d @$hold '+%Y-%m-%d %H:%M:%S UTC'), further ahead than any hold ddnsup sets"
	cmp -s "$S" "$W/before" || bad "-S changed the state file"
	# a run cuts it to 30 minutes from now, and saves that
	f2http -a 203.0.113.7 $N
	status 75
	out "$N held 203.0.113.7 911"
	errhas "ddnsup: $N: held until $(date -u -d @$hold '+%Y-%m-%d %H:%M:%S UTC'), further ahead than any hold ddnsup sets: written while the clock ran ahead; cut to"
	hold2=$(awk -v n=$N '$1 == "name" && $2 == n { print $8 }' "$S")
	[ "$hold2" -ge $((now + 1800)) ] && [ "$hold2" -le $((now + 1800 + 60)) ] ||
	    bad "the hold is $hold2, not 30 minutes from $now"
	# the next run sees a hold of its own size: no message
	f2http -a 203.0.113.7 $N
	status 75
	grep -q "ran ahead" "$W/err" && bad "the cut hold is cut again"
	nrequests 1
	# half an hour later the name is sent again
	stopprovider
	reply "200 OK" "good 203.0.113.7\n"
	provider
	env LD_PRELOAD="$T/clock.so" TESTCLOCK=$((hold2 + 1)) $RUN -s "http://127.0.0.1:$PORT" \
	    -u bob -c "$S" -a 203.0.113.7 $N >"$W/out" 2>"$W/err"
	STATUS=$?
	status 0
	out "$N updated 203.0.113.7 good"
	nrequests 1
}
case_ "fault2: a hold written 10 years ahead is cut to 30 minutes (run and -S)" t_clockahead

t_clockahead_wait() {
	# the provider's own w5h is a hold ddnsup sets: not cut
	f2fresh
	reply "200 OK" "w5h\n"
	provider -n 3
	f2http -a 203.0.113.7 $N
	status 75
	f2http -a 203.0.113.7 $N
	status 75
	out "$N held 203.0.113.7 w5h"
	grep -q "ran ahead" "$W/err" && bad "a provider's wait taken for a wrong clock"
	nrequests 1
}
case_ "fault2: a provider's w5h hold is not taken for a wrong clock" t_clockahead_wait

t_stopahead() {
	# a stop dated ten years ahead: kept, dated now
	f2fresh
	reply "200 OK" "badauth\n"
	provider -n 3
	f2http -a 203.0.113.7 $N
	status 77
	ahead=$(($(date +%s) + 10 * 365 * 86400))
	awk -v t=$ahead '$1 == "name" { $9 = t } { print }' "$S" >"$S.new" && mv "$S.new" "$S"
	chmod 600 "$S"
	f2http -a 203.0.113.7 $N
	status 77
	errhas "a time still to come: written while the clock ran ahead; dated now"
	errhas "stopped since $(date -u '+%Y-%m-%d')"
	nrequests 1
}
case_ "fault2: a stop dated in the future is kept and dated now" t_stopahead
