#!/bin/sh
# ddnsup regression tests: every case runs the real ddnsup against the
# real local test provider (test/provider) on loopback, then compares
# what the provider received, what ddnsup printed and its exit status.
# Usage: sh test/run.sh [pattern]   (only the cases whose name matches)
# DDNSUP and UNIT name another ddnsup and unit test binary (make check-musl)

T=$(cd "$(dirname "$0")" && pwd)
TOP=$(dirname "$T")
DDNSUP=${DDNSUP:-$TOP/ddnsup}
PROV=$T/provider
CERTS=$T/certs
ONLY=${1:-}
W=$(mktemp -d "${TMPDIR:-/tmp}/ddnsup-test.XXXXXX")
PPID_=
CPID_=
NETNS=
LINKNS=
cleanup() {
	for p in $PPID_ $CPID_ ${FPIDS:-}; do kill "$p" 2>/dev/null; done
	[ -n "$NETNS" ] && ip netns del "$NETNS" 2>/dev/null
	for n in ${FNETNS:-}; do ip netns del "$n" 2>/dev/null; done
	for p in ${DNSPIDS:-}; do kill "$p"; done 2>/dev/null
	[ -n "${DNSUP:-}" ] && { ip netns del "$DNSNS"; rm -rf "/etc/netns/$DNSNS"; } 2>/dev/null
	for ns in $LINKNS; do ip netns del "$ns"; rm -rf "/etc/netns/$ns"; done 2>/dev/null
	rm -rf "$W"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
pass=0 failed=0 skipped=0

# every run of ddnsup goes through the wrapper (valgrind, qemu-ARCH): $RUN
# is one command, usable by the hooks and cron lines under test too
RUN=$DDNSUP
if [ -n "${DDNSUP_WRAP:-}" ]; then
	printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$DDNSUP_WRAP" "$DDNSUP" >"$W/ddnsup"
	chmod 755 "$W/ddnsup"
	RUN=$W/ddnsup
fi
VERSION=$(sed -n 's/^#define VERSION[^"]*"\(.*\)"/\1/p' "$TOP/ddnsup.h")
SECRET='s3cr:et w!th spaces'
AUTH=$(printf '%s' "bob:$SECRET" | base64)
export DDNSUP_PASSWORD="$SECRET"
# no default state file for -f (/var/lib/ddnsup as root): a case that
# wants one names its own directory (test/pkgcases.sh, the hooks)
export DDNSUP_STATEDIR=
unset SSL_CERT_FILE
# the default User-Agent as the binary under test sends it (its uname)
AGENT=$($RUN -n -s http://x.example.org -u a a.example.org 2>/dev/null |
    sed -n 's/^User-Agent: //p')
[ -n "$AGENT" ] || { echo "ddnsup -n prints no User-Agent: is it built?"; exit 1; }
N=home.example.org
N2=office.example.org
N3=cabin.example.org
TZOKEY=9Zx7Kq2mW4pL8rT3
MAIL=alice@example.org
S=$W/state/ddnsup.state
# tenths of a second that deadline cases allow on top (valgrind is slow)
SLACK=0
[ -n "${DDNSUP_WRAP:-}" ] && SLACK=30

# --- helpers -------------------------------------------------------------

# waitport FILE: wait for a server started in the background to write
# its port(s) to FILE, at most 2 s
waitport() {
	i=0
	while [ ! -s "$1" ] && [ $i -lt 200 ]; do
		sleep 0.01
		i=$((i + 1))
	done
}

# provider [options]: start the test provider; sets PORT
# (PROVWRAP, e.g. "ip netns exec NS", runs it elsewhere)
provider() {
	rm -f "$W/port"
	: >"$W/rec"
	${PROVWRAP:-} "$PROV" -P "$W/port" -r "$W/rec" -R "$W/reply" "$@" &
	PPID_=$!
	waitport "$W/port"
	PORT=$(cat "$W/port")
}

stopprovider() {
	for p in $PPID_ $CPID_; do
		kill "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	PPID_=
	CPID_=
}

# checkpage BODY [provider options]: an address check page; sets CPORT
checkpage() {
	body=$1
	shift
	printf '%b' "$body" >"$W/cbody"
	{
		printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n'
		printf 'Content-Length: %s\r\n\r\n' "$(wc -c <"$W/cbody" | tr -d ' ')"
		cat "$W/cbody"
	} >"$W/creply"
	rm -f "$W/cport"
	: >"$W/crec"
	${PROVWRAP:-} "$PROV" -P "$W/cport" -r "$W/crec" -R "$W/creply" -n 100 "$@" &
	CPID_=$!
	waitport "$W/cport"
	CPORT=$(cat "$W/cport")
}

# tzoprovider ARGS: start the TZO test server; sets P1 P2 P3
tzoprovider() {
	rm -f "$W/port"
	: >"${TZOREC:-$W/rec}"
	"$T/tzoprovider" -P "$W/port" -r "${TZOREC:-$W/rec}" "$@" &
	PPID_=$!
	waitport "$W/port"
	read -r P1 P2 P3 <"$W/port"
}

# reply STATUS BODY [HEADER...]: the provider's answer, body via printf %b
reply() {
	st=$1 body=$2
	shift 2
	printf '%b' "$body" >"$W/body"
	{
		printf 'HTTP/1.1 %s\r\n' "$st"
		for h; do printf '%s\r\n' "$h"; done
		printf 'Content-Length: %s\r\n\r\n' "$(wc -c <"$W/body" | tr -d ' ')"
		cat "$W/body"
	} >"$W/reply"
}

# rawreply TEXT: exactly these bytes (printf %b)
rawreply() { printf '%b' "$1" >"$W/reply"; }

# ddnsup ARGS: run it, keep stdout, stderr, status
# (DDNSUP_WRAP, e.g. valgrind, runs around it: make check-valgrind)
ddnsup() {
	$RUN "$@" >"$W/out" 2>"$W/err"
	STATUS=$?
}

# withenv NAME=VALUE ARGS: ddnsup with one more variable in its environment
withenv() {
	e=$1
	shift
	env "$e" $RUN "$@" >"$W/out" 2>"$W/err"
	STATUS=$?
}

# tzo ARGS: ddnsup -P tzo against the three stages' ports
tzo() {
	DDNSUP_PASSWORD=$TZOKEY $RUN -P tzo -s "127.0.0.1:$P1" \
	    -o "ProviderUpdateServerLookupPort=$P2" -o "UpdateServerPort=$P3" \
	    -u $MAIL "$@" >"$W/out" 2>"$W/err"
	STATUS=$?
}

# https ARGS: ddnsup against the provider over https with the test CA
https() { ddnsup -C "$CERTS/ca.pem" -s "https://localhost:$PORT" -u bob "$@"; }
http() { ddnsup -s "http://127.0.0.1:$PORT" -u bob "$@"; }

bad() { printf '%s\n' "$*" >>"$W/why"; }

# within SECONDS CMD...: run CMD, which has a deadline of SECONDS; it must
# end within that plus one second (plus SLACK tenths under valgrind)
within() {
	lim=$1
	shift
	t0=$(date +%s%N | cut -c1-11)
	"$@"
	t1=$(date +%s%N | cut -c1-11)
	[ $((t1 - t0)) -le $(((lim + 1) * 10 + SLACK)) ] ||
	    bad "took $((t1 - t0)) tenths of a second, deadline $lim s"
}

status() { [ "$STATUS" = "$1" ] || bad "exit status $STATUS, expected $1"; }

out() {
	printf '%s\n' "$@" >"$W/want"
	diff -u "$W/want" "$W/out" >"$W/diff" || { bad "stdout differs:"; cat "$W/diff" >>"$W/why"; }
}

noout() { [ ! -s "$W/out" ] || { bad "stdout not empty:"; cat "$W/out" >>"$W/why"; }; }

# (less -v's sandbox line, which depends on the kernel: sandboxcases.sh checks it)
err() {
	if [ $# -eq 0 ]; then : >"$W/want"; else printf '%s\n' "$@" >"$W/want"; fi
	grep -v '^ddnsup: sandbox: ' "$W/err" >"$W/err.s"
	diff -u "$W/want" "$W/err.s" >"$W/diff" || { bad "stderr differs:"; cat "$W/diff" >>"$W/why"; }
}

errhas() { grep -F -- "$1" "$W/err" >/dev/null || { bad "stderr lacks '$1':"; cat "$W/err" >>"$W/why"; }; }

# req TARGET [HOST]: the exact request the provider must have received
req() {
	{
		printf 'GET %s HTTP/1.0\r\n' "$1"
		printf 'Host: %s\r\n' "${2:-localhost:$PORT}"
		printf 'Authorization: Basic %s\r\n' "$AUTH"
		printf 'User-Agent: %s\r\n' "$AGENT"
		printf 'Connection: close\r\n\r\n'
	} >"$W/wantreq"
	cmpreq
}

# cmpreq: what the provider received must be exactly $W/wantreq
cmpreq() {
	cmp -s "$W/wantreq" "$W/rec" || {
		bad "request differs:"
		tr -d '\r' <"$W/wantreq" >"$W/a"
		tr -d '\r' <"$W/rec" >"$W/b"
		diff -u "$W/a" "$W/b" >>"$W/why"
	}
}

# the query ddnsup sends for NAMES [myip]
q() {
	if [ -n "${2:-}" ]; then
		printf '/nic/update?hostname=%s&myip=%s&wildcard=NOCHG&mx=NOCHG&backmx=NOCHG' "$1" "$2"
	else
		printf '/nic/update?hostname=%s&wildcard=NOCHG&mx=NOCHG&backmx=NOCHG' "$1"
	fi
}

# lines LINE...: exactly these lines were received, in order
lines() {
	if [ $# -eq 0 ]; then : >"$W/want"; else printf '%s\n' "$@" >"$W/want"; fi
	diff -u "$W/want" "$W/rec" >"$W/diff" || { bad "received lines differ:"; cat "$W/diff" >>"$W/why"; }
}

# the number of update requests the provider received
requests() { grep -c '^GET ' "$W/rec"; }
nrequests() { [ "$(requests)" = "$1" ] || bad "$(requests) requests, expected $1"; }

# usage_ ERRTEXT ARGS: must exit 64 naming the problem, with nothing sent
usage_() {
	want=$1
	shift
	provider
	ddnsup "$@"
	status 64
	errhas "$want"
	nothingsent
}

notzokey() {
	if grep -F "$TZOKEY" "$W/out" "$W/err" >/dev/null; then
		bad "the key appears in the output"
	fi
}

# netns NAME: a network namespace for this case (the cleanup deletes it)
# with lo up and wan0 (a veth, up, its peer wan1); inns CMD runs in it.
# Returns 1 with SKIP set where namespaces cannot be made.
netns() {
	if [ "$(id -u)" -ne 0 ] || ! command -v ip >/dev/null ||
	    ! ip netns add "$1" 2>/dev/null; then
		SKIP="cannot create a network namespace (needs root and iproute2)"
		return 1
	fi
	NETNS=$1
	inns ip link set lo up
	inns ip link add wan0 type veth peer name wan1
	inns ip link set wan0 up
}
inns() { ip netns exec "$NETNS" "$@"; }

# wrapped REASON: skip this case under DDNSUP_WRAP (valgrind, qemu)
wrapped() { [ -n "${DDNSUP_WRAP:-}" ] && SKIP="under $DDNSUP_WRAP: $1"; }

# qemuerrno: skip this case under qemu-mips*, whose getsockopt(SO_ERROR)
# hands the guest the host's errno number (111, not MIPS's 146, for a
# refused connection: strerror says "Unknown error 111")
qemuerrno() {
	case ${DDNSUP_WRAP:-} in
	qemu-mips*) SKIP="under $DDNSUP_WRAP: SO_ERROR gives the host's errno numbers" ;;
	*) return 1 ;;
	esac
}

nothingsent() { [ ! -s "$W/rec" ] || { bad "the provider received:"; tr -d '\r' <"$W/rec" >>"$W/why"; }; }

# the secret must appear in no output (and neither its base64 form)
nosecret() {
	if grep -F -e "$SECRET" -e "$AUTH" "$W/out" "$W/err" >/dev/null; then
		bad "the secret appears in the output"
	fi
}

# case NAME FUNCTION: run one case and report it
case_() {
	name=$1
	shift
	case "$name" in *"$ONLY"*) ;; *) return ;; esac
	: >"$W/why"
	: >"$W/rec"
	rm -f "$W/out" "$W/err"
	reply "200 OK" "good 203.0.113.7\n"
	SKIP=
	# a case's servers run where it says (PROVWRAP), never where the last said
	PROVWRAP=
	"$@"
	stopprovider
	if [ -n "$SKIP" ]; then
		skipped=$((skipped + 1))
		echo "skip $name: $SKIP"
	elif [ -s "$W/why" ]; then
		failed=$((failed + 1))
		echo "FAIL $name"
		sed 's/^/     /' "$W/why"
		[ -f "$W/err" ] && sed 's/^/     stderr: /' "$W/err"
	else
		pass=$((pass + 1))
		echo "ok   $name"
	fi
}

# --- unit tests (pure functions, table-driven, in C) --------------------

if [ -z "$ONLY" ] || [ "$ONLY" = unit ]; then
	(cd "$T" && { ${DDNSUP_WRAP:-} "${UNIT:-./unit}"; u=$?; [ -n "${UNIT:-}" ] || ${DDNSUP_WRAP:-} ./chainunit || u=1; [ -n "${UNIT:-}" ] || ${DDNSUP_WRAP:-} ./dnsunit || u=1; [ -n "${UNIT:-}" ] || ${DDNSUP_WRAP:-} ./restunit || u=1; exit $u; }) >"$W/unit" 2>"$W/unit.err"
	ustatus=$?
	cat "$W/unit"
	pass=$((pass + $(grep -c '^ok ' "$W/unit")))
	failed=$((failed + $(grep -c '^FAIL ' "$W/unit")))
	if [ $ustatus -ne 0 ] && ! grep -q '^FAIL ' "$W/unit"; then
		failed=$((failed + 1))
		echo "FAIL unit: exited with status $ustatus"
	fi
fi

. "$T/cases.sh"
. "$T/tzocases.sh"
. "$T/statecases.sh"
. "$T/confcases.sh"
. "$T/faultcases.sh"
. "$T/faultcases2.sh"
. "$T/presetcases.sh"
. "$T/providercases2.sh"
. "$T/checklistcases.sh"
. "$T/sandboxcases.sh"
. "$T/tlscases.sh"
. "$T/timecases.sh"
. "$T/tr181cases.sh"
. "$T/tr181cases2.sh"
. "$T/fieldcases.sh"
. "$T/linkcases.sh"
. "$T/rfc2136cases.sh"
. "$T/importcases.sh"
. "$T/pkgcases.sh"
. "$T/restcases.sh"
. "$T/porkbuncases.sh"
. "$T/routercases.sh"
. "$T/restcases2.sh"

echo "$pass passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
