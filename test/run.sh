#!/bin/sh
# ddnsup regression tests: every case runs the real ddnsup against the
# real local test provider (test/provider) on loopback, then compares
# what the provider received, what ddnsup printed and its exit status.
# Usage: sh test/run.sh [pattern]   (only the cases whose name matches)

T=$(cd "$(dirname "$0")" && pwd)
TOP=$(dirname "$T")
DDNSUP=$TOP/ddnsup
PROV=$T/provider
CERTS=$T/certs
ONLY=${1:-}
W=$(mktemp -d "${TMPDIR:-/tmp}/ddnsup-test.XXXXXX")
PPID_=
CPID_=
NETNS=
cleanup() {
	for p in $PPID_ $CPID_; do kill "$p" 2>/dev/null; done
	[ -n "$NETNS" ] && ip netns del "$NETNS" 2>/dev/null
	rm -rf "$W"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
pass=0 failed=0 skipped=0

VERSION=$(sed -n 's/^#define VERSION[^"]*"\(.*\)"/\1/p' "$TOP/ddnsup.h")
AGENT="ddnsup - $(uname -s) $(uname -m) - $VERSION"
SECRET='s3cr:et w!th spaces'
AUTH=$(printf '%s' "bob:$SECRET" | base64)
export DDNSUP_PASSWORD="$SECRET"
unset SSL_CERT_FILE
# tenths of a second that deadline cases allow on top (valgrind is slow)
SLACK=0
[ -n "${DDNSUP_WRAP:-}" ] && SLACK=30

# --- helpers -------------------------------------------------------------

# provider [options]: start the test provider; sets PORT
provider() {
	rm -f "$W/port"
	: >"$W/rec"
	"$PROV" -P "$W/port" -r "$W/rec" -R "$W/reply" "$@" &
	PPID_=$!
	i=0
	while [ ! -s "$W/port" ] && [ $i -lt 200 ]; do
		sleep 0.01 2>/dev/null || sleep 1
		i=$((i + 1))
	done
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
	"$PROV" -P "$W/cport" -r "$W/crec" -R "$W/creply" -n 100 "$@" &
	CPID_=$!
	i=0
	while [ ! -s "$W/cport" ] && [ $i -lt 200 ]; do
		sleep 0.01
		i=$((i + 1))
	done
	CPORT=$(cat "$W/cport")
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
	$DDNSUP_WRAP "$DDNSUP" "$@" >"$W/out" 2>"$W/err"
	STATUS=$?
}

# withenv NAME=VALUE ARGS: ddnsup with one more variable in its environment
withenv() {
	e=$1
	shift
	env "$e" $DDNSUP_WRAP "$DDNSUP" "$@" >"$W/out" 2>"$W/err"
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

err() {
	if [ $# -eq 0 ]; then : >"$W/want"; else printf '%s\n' "$@" >"$W/want"; fi
	diff -u "$W/want" "$W/err" >"$W/diff" || { bad "stderr differs:"; cat "$W/diff" >>"$W/why"; }
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
	(cd "$T" && ./unit) >"$W/unit" 2>"$W/unit.err"
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

echo "$pass passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
