# Clock cases of test/run.sh, sourced by it: dates past 2038 (what a
# 32-bit time_t cannot hold) in the state file and the certificate
# check, and a clock that cannot be read. test/clock.so, preloaded,
# sets the clock ddnsup sees (test/clock.c).

Y2040=2208988800	# 2040-01-01 00:00:00 UTC
CLOCKSO=$T/clock.so

# clocked SECONDS ARGS: ddnsup with its clock at SECONDS ("fail": unreadable)
# (under qemu the guest alone gets the preload: the host's sh and env are
# another architecture and would complain)
clocked() {
	c=$1
	shift
	case ${DDNSUP_WRAP:-} in
	qemu-*) env QEMU_SET_ENV="LD_PRELOAD=$CLOCKSO,TESTCLOCK=$c" $RUN "$@" ;;
	*) env LD_PRELOAD="$CLOCKSO" TESTCLOCK="$c" $RUN "$@" ;;
	esac >"$W/out" 2>"$W/err"
	STATUS=$?
}

# a static executable has no dynamic loader to preload the clock into
preloadable() {
	readelf -l "$DDNSUP" 2>/dev/null | grep -q 'program interpreter' ||
	    SKIP="a static ddnsup cannot preload test/clock.so"
	[ -z "$SKIP" ]
}

# sfield NAME FAMILY N: field N of the name's state record
sfield() { awk -v n="$1" -v f="$2" -v k="$3" '$1 == "name" && $2 == n && $3 == f { print $k }' "$S" 2>/dev/null; }

# tst SECONDS ARGS: an https update with the state file at that clock
tst() {
	c=$1
	shift
	clocked "$c" -C "$CERTS/ca.pem" -s "https://localhost:$PORT" -u bob -c "$S" "$@"
}

t_time_2040_state() {
	preloadable || return
	rm -rf "$W/state" && mkdir -p "$W/state"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 10
	tst $Y2040 -a 203.0.113.7 $N
	status 0
	out "$N updated 203.0.113.7 good"
	[ "$(sfield $N 4 5)" = $Y2040 ] || bad "recorded time $(sfield $N 4 5), not $Y2040"
	tst $((Y2040 + 86400)) -a 203.0.113.7 $N
	status 0
	out "$N skipped 203.0.113.7 good"
	nrequests 1
	tst $((Y2040 + 26 * 86400)) -a 203.0.113.7 $N
	status 0
	out "$N updated 203.0.113.7 good"
	nrequests 2
	[ "$(sfield $N 4 5)" = $((Y2040 + 26 * 86400)) ] || bad "refresh not recorded: $(sfield $N 4 5)"
}
case_ "time: in 2040 an update is recorded, skipped the next day, refreshed after 25 days" t_time_2040_state

t_time_2040_hold() {
	preloadable || return
	rm -rf "$W/state" && mkdir -p "$W/state"
	reply "500 Internal Server Error" "911\n"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 10
	tst $Y2040 -a 203.0.113.7 $N
	status 75
	out "$N failed 203.0.113.7 911"
	[ "$(sfield $N 4 8)" = $((Y2040 + 1800)) ] || bad "hold $(sfield $N 4 8), not $((Y2040 + 1800))"
	tst $((Y2040 + 1799)) -v -a 203.0.113.7 $N
	status 75
	out "$N held 203.0.113.7 911"
	errhas "$N: held until 2040-01-01 00:30:00 UTC after 911"
	nrequests 1
	reply "200 OK" "good 203.0.113.7\n"
	stopprovider
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 10
	tst $((Y2040 + 1800)) -a 203.0.113.7 $N
	status 0
	out "$N updated 203.0.113.7 good"
	nrequests 1
}
case_ "time: in 2040 a 911 holds 30 minutes, printed as a 2040 date" t_time_2040_hold

t_time_2040_stop() {
	preloadable || return
	rm -rf "$W/state" && mkdir -p "$W/state"
	reply "200 OK" "badauth\n"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 10
	tst $Y2040 -a 203.0.113.7 $N
	status 77
	[ "$(sfield $N 4 9)" = $Y2040 ] || bad "stop $(sfield $N 4 9), not $Y2040"
	tst $((Y2040 + 3600)) -a 203.0.113.7 $N
	status 77
	errhas "$N: stopped since 2040-01-01 00:00:00 UTC by badauth"
	nrequests 1
}
case_ "time: in 2040 a badauth stops the name, and it stays stopped" t_time_2040_stop

# the real clock, a record from the state file past 2038
t_time_state_far() {
	rm -rf "$W/state" && mkdir -p "$W/state"
	reply "500 Internal Server Error" "911\n"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 10
	https -c "$S" -a 203.0.113.7 $N
	status 75
	awk '$1 == "name" { $8 = "2500000000" } { print }' "$S" >"$S.new" && mv "$S.new" "$S"
	https -c "$S" -v -a 203.0.113.7 $N
	status 75
	out "$N held 203.0.113.7 911"
	# read whole and printed as its date; then, being further ahead than
	# any hold a run sets, cut to 30 minutes (issue 22)
	errhas "$N: held until 2049-03-22 04:26:40 UTC, further ahead than any hold ddnsup sets"
	[ "$(sfield $N 4 8)" -lt 2500000000 ] || bad "the hold was not cut"
	nrequests 1
}
case_ "time: a hold past 2038 in the state file is read, printed as its date, cut" t_time_state_far

# certclock SECONDS CHAIN KEY: an https update at that clock, no state
certclock() {
	provider -c "$CERTS/$2" -k "$CERTS/$3"
	clocked "$1" -C "$CERTS/ca.pem" -s "https://localhost:$PORT" -u bob -a 203.0.113.7 $N
}

t_time_2040_expired() {
	preloadable || return
	certclock $Y2040 until2030.chain until2030.key
	status 76
	out "$N failed 203.0.113.7 certificate"
	err "ddnsup: localhost:$PORT: certificate expired or not yet valid"
	nothingsent
	nosecret
}
case_ "time: in 2040 a certificate that expired in 2030 is refused, nothing sent" t_time_2040_expired

t_time_2040_valid() {
	preloadable || return
	certclock $Y2040 ec.chain ec.key
	status 0
	out "$N updated 203.0.113.7 good"
	nrequests 1
}
case_ "time: in 2040 a certificate valid until 2124 is accepted" t_time_2040_valid

# the days and seconds BearSSL gets: a second before and after the expiry
t_time_expiry() {
	preloadable || return
	certclock 1893455999 until2030.chain until2030.key
	status 0
	out "$N updated 203.0.113.7 good"
	nrequests 1
	stopprovider
	certclock 1893456001 until2030.chain until2030.key
	status 76
	out "$N failed 203.0.113.7 certificate"
	nothingsent
}
case_ "time: a certificate valid until 2030-01-01 00:00:00 is accepted until then, refused a second after" t_time_expiry

# a router that booted in 1970: checked as at the release, so an old
# expiry still counts
t_time_floor() {
	preloadable || return
	certclock 86400 expired.chain expired.key
	status 76
	out "$N failed 203.0.113.7 certificate"
	err "ddnsup: localhost:$PORT: the system clock reads 1970-01-02 00:00:00 UTC: certificate dates cannot be checked until it is set"
	nothingsent
	stopprovider
	certclock 86400 ec.chain ec.key
	status 0
	out "$N updated 203.0.113.7 good"
}
case_ "time: a clock in 1970 checks certificates as at the release date" t_time_floor

t_time_fail() {
	preloadable || return
	rm -rf "$W/state" && mkdir -p "$W/state"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 10
	tst fail -a 203.0.113.7 $N
	status 78
	out "$N failed - config"
	err "ddnsup: the clock cannot be read: Value too large for defined data type"
	nothingsent
	[ ! -e "$S" ] || bad "a state file was written"
	stopprovider
	certclock fail ec.chain ec.key
	status 78
	err "ddnsup: the clock cannot be read: Value too large for defined data type"
	nothingsent
}
case_ "time: a clock that cannot be read is an error, nothing sent or stored" t_time_fail
