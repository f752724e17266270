#!/bin/sh
# make bench: ddnsup and curl doing the same update against the local
# test provider, side by side, alternating; prints the figures. Never a
# test: nothing here passes or fails on a number.
# Needs curl; strace and valgrind for their rows (apt-get install curl
# strace valgrind). bench/floor.sh, run from here, has the steady figures. N=30 by default: N=100 sh bench/run.sh for steadier medians.
set -u
B=$(cd "$(dirname "$0")" && pwd)
TOP=$(dirname "$B")
T=$TOP/test
C=$T/certs
N=${N:-30}
W=$(mktemp -d "${TMPDIR:-/tmp}/ddnsup-bench.XXXXXX")
pids=
trap 'for p in $pids; do kill $p 2>/dev/null; done; rm -rf "$W"' EXIT
export DDNSUP_PASSWORD=bench-secret
NAME=home.example.org
Q="hostname=$NAME&myip=203.0.113.7&wildcard=NOCHG&mx=NOCHG&backmx=NOCHG"
AGENT="ddnsup - bench - 1"

command -v curl >/dev/null || { echo "bench: curl is needed (apt-get install curl)"; exit 1; }

# provider NAME ARGS: start a test provider serving many requests; sets PORT
provider() {
	printf 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 18\r\n\r\ngood 203.0.113.7\r\n' >"$W/reply"
	rm -f "$W/port"
	"$T/provider" -P "$W/port" -R "$W/reply" -n 100000 -T 3000 "$@" &
	pids="$pids $!"
	while [ ! -s "$W/port" ]; do sleep 0.02; done
	PORT=$(cat "$W/port")
}

section() { printf '\n== %s\n' "$*"; }

# pair LABEL: compare the ddnsup and curl commands in $D and $U
pair() {
	section "$1 (A = ddnsup, B = curl, $N runs each, alternating)"
	# shellcheck disable=SC2086
	"$B/timeit" "$N" $D -- $U
}

provider -c "$C/ec.chain" -k "$C/ec.key"
EC=$PORT
provider -c "$C/rsa.chain" -k "$C/rsa.key"
RSA=$PORT
provider
HTTP=$PORT

DDNSUP="$TOP/ddnsup"
D="$DDNSUP -C $C/ca.pem -s https://localhost:$EC -u bob -a 203.0.113.7 -o UserAgent=bench $NAME"
U="curl -sS -o /dev/null -u bob:bench-secret --cacert $C/ca.pem -A bench https://localhost:$EC/nic/update?$Q"
pair "HTTPS update, ECDSA P-256 certificate"

D="$DDNSUP -C $C/ca.pem -s https://localhost:$RSA -u bob -a 203.0.113.7 -o UserAgent=bench $NAME"
U="curl -sS -o /dev/null -u bob:bench-secret --cacert $C/ca.pem -A bench https://localhost:$RSA/nic/update?$Q"
pair "HTTPS update, RSA-2048 certificate"

D="$DDNSUP -s http://localhost:$HTTP -u bob -a 203.0.113.7 -o UserAgent=bench $NAME"
U="curl -sS -o /dev/null -u bob:bench-secret -A bench http://localhost:$HTTP/nic/update?$Q"
pair "HTTP update"

D="$TOP/ddnsup-static -C $C/ca.pem -s https://localhost:$EC -u bob -a 203.0.113.7 -o UserAgent=bench $NAME"
U="$DDNSUP -C $C/ca.pem -s https://localhost:$EC -u bob -a 203.0.113.7 -o UserAgent=bench $NAME"
section "HTTPS update: make static (A) against the dynamic build (B), $N runs each"
"$B/timeit" "$N" $D -- $U

# the sandbox (sandbox.c) on (A) and off (B), otherwise the same run
for u in "https://localhost:$EC" "http://localhost:$HTTP"; do
	section "Sandbox cost, $u update: on (A) against -o Sandbox=0 (B), $N runs each"
	"$B/timeit" "$N" $DDNSUP -C $C/ca.pem -s $u -u bob -a 203.0.113.7 $NAME -- \
	    $DDNSUP -o Sandbox=0 -C $C/ca.pem -s $u -u bob -a 203.0.113.7 $NAME
done

section "HTTPS update with the system CA bundle (A = ddnsup, B = curl)"
CAB=/etc/ssl/certs/ca-certificates.crt
if [ -r $CAB ]; then
	cat "$C/ca.pem" $CAB >"$W/bundle.pem"
	echo "bundle: $(grep -c 'BEGIN CERT' "$W/bundle.pem") certificates"
	"$B/timeit" "$N" $DDNSUP -C "$W/bundle.pem" -s "https://localhost:$EC" -u bob \
	    -a 203.0.113.7 $NAME -- curl -sS -o /dev/null -u bob:bench-secret \
	    --cacert "$W/bundle.pem" "https://localhost:$EC/nic/update?$Q"
else
	echo "no $CAB"
fi

section "TZO update (ddnsup only: curl does not speak it)"
rm -f "$W/port"
"$T/tzoprovider" -P "$W/port" -r "$W/tzorec" -T 3000 &
pids="$pids $!"
while [ ! -s "$W/port" ]; do sleep 0.02; done
read -r P1 P2 P3 <"$W/port"
TZO="$DDNSUP -P tzo -s 127.0.0.1:$P1 -o ProviderUpdateServerLookupPort=$P2 -o UpdateServerPort=$P3 -u bench@example.org -a 203.0.113.7 $NAME"
DDNSUP_PASSWORD=BenchKey "$B/timeit" "$N" $TZO

section "A run that the state file skips (ddnsup only)"
S="$W/state"
$D -c "$S" >/dev/null 2>&1
D="$DDNSUP -C $C/ca.pem -s https://localhost:$EC -u bob -a 203.0.113.7 -c $S $NAME"
$D
"$B/timeit" "$N" $D
if command -v strace >/dev/null; then
	strace -f -o "$W/skip.trace" $D >/dev/null 2>&1
	echo "system calls: $(grep -c . "$W/skip.trace"); sockets opened: $(grep -c 'socket(' "$W/skip.trace");" \
	    "CA file opened: $(grep -c "open.*ca\.pem" "$W/skip.trace")"
	"$B/timeit" "$N" true | sed 's/^A:/for scale, true(1):/'
fi

D="$DDNSUP -C $C/ca.pem -s https://localhost:$EC -u bob -a 203.0.113.7 -o UserAgent=bench $NAME"
U="curl -sS -o /dev/null -u bob:bench-secret --cacert $C/ca.pem -A bench https://localhost:$EC/nic/update?$Q"

section "System calls for one HTTPS update (strace -f -c, all processes)"
if command -v strace >/dev/null; then
	for who in ddnsup curl; do
		[ $who = ddnsup ] && cmd=$D || cmd=$U
		strace -f -c -o "$W/$who.sc" $cmd >/dev/null 2>&1
		printf '%-8s %s\n' $who "$(awk '$NF == "total" { print $4 }' "$W/$who.sc")"
	done
	D4="$DDNSUP -C $C/ca.pem -k $(cat "$C/ec.pin") -s https://127.0.0.1:$EC -u bob -a 203.0.113.7 $NAME"
	strace -f -c -o "$W/lit.sc" $D4 >/dev/null 2>&1
	printf '%-8s %s (server given as 127.0.0.1 with -k: no resolver process)\n' ddnsup \
	    "$(awk '$NF == "total" { print $4 }' "$W/lit.sc")"
else
	echo "strace not installed"
fi

# instructions (callgrind), round trips per protocol, size by feature
sh "$B/floor.sh"

section "Happy Eyeballs: the provider's IPv6 addresses dropped, its IPv4 fine (A = ddnsup, B = curl, 5 runs each)"
EN=dd12e$$
if [ "$(id -u)" -eq 0 ] && command -v ip6tables >/dev/null && ip netns add $EN 2>/dev/null; then
	mkdir -p /etc/netns/$EN
	printf '2001:db8::dead eyes1.example.net\n127.0.0.1 eyes1.example.net\n2001:db8::dead eyes2.example.net\n2001:db8::beef eyes2.example.net\n127.0.0.1 eyes2.example.net\n' >/etc/netns/$EN/hosts
	ip netns exec $EN sh -c 'ip link set lo up
	    for a in 2001:db8::dead 2001:db8::beef; do
		ip -6 addr add $a/128 dev lo nodad
		ip6tables -A INPUT -d $a -j DROP
	    done'
	rm -f "$W/port"
	ip netns exec $EN "$T/provider" -P "$W/port" -R "$W/reply" -n 100000 -T 600 &
	pids="$pids $!"
	while [ ! -s "$W/port" ]; do sleep 0.02; done
	EP=$(cat "$W/port")
	for h in eyes1 eyes2; do
		echo "$h: $(grep -c " $h\." /etc/netns/$EN/hosts) addresses, IPv6 first, all but the last dropped"
		"$B/timeit" 5 ip netns exec $EN $DDNSUP -s "http://$h.example.net:$EP" -u bob -a 203.0.113.7 $NAME -- \
		    ip netns exec $EN curl -sS -o /dev/null -u bob:bench-secret "http://$h.example.net:$EP/nic/update?$Q"
	done
	echo "(before Happy Eyeballs ddnsup shared its deadline among the addresses: 15 s and 20 s)"
	ip netns del $EN
	rm -rf /etc/netns/$EN
else
	echo "skipped: needs root, ip6tables and a network namespace"
fi

section "Size (stripped) and peak RSS"
for f in ddnsup ddnsup-static; do
	cp "$TOP/$f" "$W/$f"
	strip "$W/$f"
	printf '%-14s %7d bytes stripped\n' $f "$(wc -c <"$W/$f")"
done
echo "(peak RSS: the timeit rows above)"

# build TARGET CC: the Makefile's TARGET with CC at -Os, in a
# copy of the sources (the tree's objects stay as they are); prints the
# stripped size, or "-" when CC is not installed
build() {
	t=$1 cc=$2
	command -v "$cc" >/dev/null || { printf '%9s' -; return; }
	d=$W/src-$cc-$t
	mkdir -p "$d"
	cp "$TOP"/*.c "$TOP"/*.h "$TOP/Makefile" "$d"
	if make -s -C "$d" CC="$cc" MUSLCC="$cc" CFLAGS="-std=c99 -Os" "$t" >/dev/null 2>&1; then
		case $cc in *-*-gcc) s=${cc%gcc}strip ;; *) s=strip ;; esac
		"$s" -o "$d/$t.stripped" "$d/$t" && printf '%9d' "$(wc -c <"$d/$t.stripped")"
	else
		printf '%9s' fail
	fi
}
section "Stripped size at -Os for each target built: dynamic / make static (BearSSL linked in) / fully static with musl"
printf '%-10s %9s %9s %9s\n' target dynamic static musl
printf '%-10s %s %s %s\n' x86-64 "$(build ddnsup cc)" "$(build ddnsup-static cc)" "$(build ddnsup-musl musl-gcc)"
for a in armhf:arm-linux-gnueabihf mipsel:mipsel-linux-gnu s390x:s390x-linux-gnu; do
	printf '%-10s %s %s %9s\n' "${a%%:*}" "$(build ddnsup "${a#*:}-gcc")" \
	    "$(build ddnsup-static "${a#*:}-gcc")" -
done

section "One HTTPS update: make static-musl (A) against the dynamic glibc build (B), both -Os, $N runs each"
if [ -x "$W/src-musl-gcc-ddnsup-musl/ddnsup-musl" ] && [ -x "$W/src-cc-ddnsup/ddnsup" ]; then
	A="-C $C/ca.pem -s https://localhost:$EC -u bob -a 203.0.113.7 $NAME"
	# shellcheck disable=SC2086
	"$B/timeit" "$N" "$W/src-musl-gcc-ddnsup-musl/ddnsup-musl" $A -- "$W/src-cc-ddnsup/ddnsup" $A
else
	echo "no musl build (apt-get install musl-tools)"
fi
section "Where the static build's resident pages are (smaps, during a TLS exchange)"
printf 'HTTP/1.1 200 OK\r\n\r\n' >"$W/reply"
rm -f "$W/port"
"$T/provider" -P "$W/port" -R "$W/reply" -c "$C/ec.chain" -k "$C/ec.key" -m stall -T 60 &
pids="$pids $!"
while [ ! -s "$W/port" ]; do sleep 0.02; done
"$TOP/ddnsup-static" -C "$C/ca.pem" -s "https://localhost:$(cat "$W/port")" -u bob -a 203.0.113.7 -t 5 $NAME >/dev/null 2>&1 &
victim=$!
sleep 0.5
awk '/^[0-9a-f]+-/ { name = NF >= 6 ? $6 : "[anonymous]" } /^Rss:/ { rss[name] += $2 }
    END { for (n in rss) if (rss[n] > 0) printf "%6d KiB  %s\n", rss[n], n }' "/proc/$victim/smaps" | sort -rn
kill $victim 2>/dev/null
