#!/bin/sh
# The figures that show how far ddnsup is from its floor, each one steady
# on a shared machine: instructions per update (callgrind: deterministic),
# round trips per protocol at a fixed added RTT (bench/delayproxy) and
# size by feature (the armhf static -Os build, each object's text).
# Run by bench/run.sh (make bench), or alone after make bench's targets:
#     sh bench/floor.sh [instructions] [rounds] [size]
# Never a test: nothing here passes or fails on a number.
# REST runs against test/provider's Cloudflare emulation; RFC 2136's
# run against knotd on loopback, through bench/udpdelay.
# FLOORDEBUG=1 shows what each counted run printed, and its callgrind parts.
set -u
B=$(cd "$(dirname "$0")" && pwd)
TOP=$(dirname "$B")
T=$TOP/test
C=$T/certs
DDNSUP=${DDNSUP:-$TOP/ddnsup}	# another build: DDNSUP=path
W=$(mktemp -d "${TMPDIR:-/tmp}/ddnsup-floor.XXXXXX")
pids=
trap 'for p in $pids; do kill $p 2>/dev/null; done; rm -rf "$W"' EXIT
export DDNSUP_PASSWORD=bench-secret
NAME=home.example.org
Q="hostname=$NAME&myip=203.0.113.7&wildcard=NOCHG&mx=NOCHG&backmx=NOCHG"
DELAY=25		# ms each way through bench/delayproxy
RTT=$((2 * DELAY))
sections=${*:-instructions rounds size}

on() { case " $sections " in *" $1 "*) return 0 ;; esac; return 1; }
section() { printf '\n== %s\n' "$*"; }

# waitport FILE: until a server has written its port(s) to FILE
waitport() { while [ ! -s "$1" ]; do sleep 0.02; done; }

# provider ARGS: a test provider answering "good" to many requests; sets PORT
provider() {
	printf 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 18\r\n\r\ngood 203.0.113.7\r\n' >"$W/reply"
	rm -f "$W/port"
	"$T/provider" -P "$W/port" -R "$W/reply" -n 100000 -T 3000 "$@" &
	pids="$pids $!"
	waitport "$W/port"
	PORT=$(cat "$W/port")
}

# proxy PORT: bench/delayproxy in front of loopback PORT; sets DP
proxy() {
	rm -f "$W/dport"
	"$B/delayproxy" -P "$W/dport" -t "$1" -d "$DELAY" -n 1000 &
	pids="$pids $!"
	waitport "$W/dport"
	DP=$(cat "$W/dport")
}

provider -c "$C/ec.chain" -k "$C/ec.key"
EC=$PORT
provider -c "$C/rsa.chain" -k "$C/rsa.key"
RSA=$PORT
provider
HTTP=$PORT
rm -f "$W/port"
"$T/tzoprovider" -P "$W/port" -r "$W/tzorec" -T 3000 &
pids="$pids $!"
waitport "$W/port"
read -r P1 P2 P3 <"$W/port"

# knotd on loopback, an example.org zone and a TSIG key, for RFC 2136;
# KP is its port, "" when knotd is not installed or did not start
KP=
if command -v knotd >/dev/null; then
	mkdir -p "$W/knot"
	head -c 32 /dev/urandom | base64 >"$W/k256"
	chmod 600 "$W/k256"
	printf '$TTL 3600\n@ SOA ns1 hostmaster 1 3600 600 86400 300\n@ NS ns1\nns1 A 127.0.0.1\nhome A 192.0.2.1\n' \
	    >"$W/knot/example.org.zone"
	p=$((20000 + $$ % 20000))
	while ss -Hlun "sport = :$p" | grep -q .; do p=$((p + 1)); done
	cat >"$W/knot/knot.conf" <<-EOT
	server:
	    listen: 127.0.0.1@$p
	    rundir: $W/knot
	database:
	    storage: $W/knot
	key:
	  - id: bench-key
	    algorithm: hmac-sha256
	    secret: $(cat "$W/k256")
	acl:
	  - id: upd
	    key: bench-key
	    action: update
	zone:
	  - domain: example.org
	    storage: $W/knot
	    acl: upd
	EOT
	knotd -c "$W/knot/knot.conf" >"$W/knot/log" 2>&1 &
	pids="$pids $!"
	i=0
	while [ $i -lt 100 ] && ! dig +time=1 +tries=1 +short @127.0.0.1 -p $p example.org SOA 2>/dev/null | grep -q .; do
		sleep 0.05
		i=$((i + 1))
	done
	[ $i -lt 100 ] && KP=$p
fi

# the commands, by protocol; the ec chain is leaf, intermediate, root
https() { echo "$DDNSUP -C $C/ca.pem -s https://localhost:$1 -u bob -a 203.0.113.7 $NAME"; }
curls() { echo "curl -sS -o /dev/null -u bob:bench-secret --cacert $C/ca.pem https://localhost:$1/nic/update?$Q"; }
http() { echo "$DDNSUP -s http://localhost:$1 -u bob -a 203.0.113.7 $NAME"; }
tzo() {
	echo "$DDNSUP -P tzo -s 127.0.0.1:$1 -o ProviderUpdateServerLookupPort=$2" \
	    "-o UpdateServerPort=$3 -u bench@example.org -a 203.0.113.7 $NAME"
}
# RFC 2136: one UPDATE to a known server and zone; without Zone, an SOA query first
r2136() {
	echo "$DDNSUP -P rfc2136 -s 127.0.0.1:$1 -u bench-key -p $W/k256" \
	    "-o Zone=example.org -a 203.0.113.7 $NAME"
}
r2136soa() {
	echo "$DDNSUP -P rfc2136 -s 127.0.0.1:$1 -u bench-key -p $W/k256" \
	    "-a 203.0.113.7 $NAME"
}
# he.net: one request per name, each name its own credential (presets.c)
HENAMES="a.example.org b.example.org c.example.org"
he() {
	echo "$DDNSUP -C $C/ca.pem -o Provider=he -o ProviderFQDN=localhost" \
	    "-o ProviderPort=$1 -a 203.0.113.7 $HENAMES"
}

# Cloudflare's API (test/restemu.c) on one record: -o Zone= and -o TTL=
# make every run three requests (the zone, the A records, the PATCH,
# which TTL makes happen even when the address is there already)
ZID=023e105f4ecef8ad9ca31a8372d0c353
RID=372e67954025e0ba6aaa6d586b9e0b59
printf 'token bench-secret\nzone %s example.org\nrecord %s %s A %s 192.0.2.1 3600 true\n' \
    "$ZID" "$RID" "$ZID" "$NAME" >"$W/cfstore"
rm -f "$W/port"
"$T/provider" -P "$W/port" -c "$C/ec.chain" -k "$C/ec.key" -n 100000 \
    -T 3000 -E cloudflare -Z "$W/cfstore" &
pids="$pids $!"
waitport "$W/port"
CF=$(cat "$W/port")
cf() {
	echo "$DDNSUP -C $C/ca.pem -o Provider=cloudflare -o ProviderFQDN=localhost" \
	    "-o ProviderPort=$1 -o Zone=example.org -o TTL=120 -a 203.0.113.7 $NAME"
}
# curl: the same three requests, --next keeping the one connection
CFAPI=/client/v4/zones
printf 'Authorization: Bearer bench-secret\n' >"$W/cfauth"
curlcf() {
	u=https://localhost:$1$CFAPI
	h="-sS -o /dev/null --cacert $C/ca.pem -H @$W/cfauth"
	echo "curl $h $u?name=example.org --next $h $u/$ZID/dns_records?type=A&name=$NAME" \
	    "--next $h -X PATCH -H Content-Type:application/json" \
	    "--data-raw {\"content\":\"203.0.113.7\",\"ttl\":120} $u/$ZID/dns_records/$RID"
}

# icount LABEL COMMAND...: instructions of COMMAND and every process it
# starts (the resolver's), under callgrind; a forked child would start
# with its parent's counts: they are dumped at each fork, each part once
icount() {
	label=$1
	shift
	rm -f "$W"/cg.*
	valgrind --tool=callgrind --trace-children=yes --dump-before=fork \
	    --callgrind-out-file="$W/cg.%p" "$@" >"$W/icount.out" 2>"$W/icount.err"
	[ -z "${FLOORDEBUG:-}" ] || { cat "$W/icount.out"; grep -v "^==" "$W/icount.err"; grep -H summary "$W"/cg.*; }
	total=0 n=0
	for f in "$W"/cg.*; do
		[ -f "$f" ] || continue
		v=$(sed -n 's/^summary: *//p' "$f")
		total=$((total + ${v:-0}))
		case ${f##*/cg.} in *.*) ;; *) n=$((n + 1)) ;; esac
	done
	printf '%-36s %12s instructions (%d processes)\n' "$label" \
	    "$(echo "$total" | sed ':a; s/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/; ta')" "$n"
}

if on instructions; then
	section "Instructions per update (valgrind --tool=callgrind, all processes)"
	if command -v valgrind >/dev/null; then
		# shellcheck disable=SC2046
		icount "ddnsup HTTPS DynDNS2, ECDSA chain" $(https "$EC")
		# shellcheck disable=SC2046
		icount "curl HTTPS, the same request" $(curls "$EC")
		# shellcheck disable=SC2046
		icount "ddnsup HTTPS DynDNS2, RSA leaf" $(https "$RSA")
		# shellcheck disable=SC2046
		icount "ddnsup HTTP DynDNS2" $(http "$HTTP")
		# shellcheck disable=SC2046
		(DDNSUP_PASSWORD=BenchKey; icount "ddnsup TZO (three stages)" $(tzo "$P1" "$P2" "$P3"))
		# shellcheck disable=SC2046
		icount "ddnsup he.net, 3 names" $(he "$EC")
		# shellcheck disable=SC2046
		icount "ddnsup REST (cloudflare), 3 requests" $(cf "$CF")
		# shellcheck disable=SC2046
		icount "curl --next, the same 3 requests" $(curlcf "$CF")
		if [ -n "$KP" ]; then
			# shellcheck disable=SC2046
			icount "ddnsup RFC 2136 (knotd), Zone known" $(r2136 "$KP")
		else
			echo "ddnsup RFC 2136: knotd not installed or not started"
		fi
	else
		echo "valgrind not installed"
	fi
fi

# wall COMMAND...: the median wall time of 5 runs, in ms ("fail" if one failed)
wall() {
	"$B/timeit" 5 "$@" | sed -n 's/^A: wall \([0-9.]*\) ms.*(5 runs, 0 failed)$/\1/p' | grep . ||
	    echo fail
}

# rounds LABEL ADD FLOOR: $NEAR direct and $FAR through the proxies; the
# round trips are the difference over the RTT, plus ADD, what the proxy
# cannot show: each TCP handshake (1), and where the server speaks first,
# its greeting waiting for the handshake's last ACK (0.5 more)
rounds() {
	# shellcheck disable=SC2086
	a=$(wall $NEAR)
	# shellcheck disable=SC2086
	b=$(wall $FAR)
	awk -v l="$1" -v add="$2" -v f="$3" -v a="$a" -v b="$b" -v r="$RTT" 'BEGIN {
		if (a == "fail" || b == "fail") { printf "%-36s a run failed\n", l; exit }
		printf "%-36s %5.1f  %6.1f ms (%5.1f direct)  floor %s\n", l,
		    (b - a) / r + add, b, a, f }'
}

if on rounds; then
	section "Round trips per update (bench/delayproxy: $DELAY ms each way, RTT $RTT ms; 5 runs, medians)"
	echo "(wall through the proxy less wall direct) / RTT, plus 1 for each TCP handshake"
	echo "and 0.5 for each greeting of a server that speaks first (the proxy delays neither)"
	proxy "$HTTP"
	NEAR=$(http "$HTTP") FAR=$(http "$DP")
	rounds "ddnsup HTTP DynDNS2 (calibration)" 1 "2: TCP, request"
	proxy "$EC"
	NEAR=$(https "$EC") FAR=$(https "$DP")
	rounds "ddnsup HTTPS DynDNS2" 1 "4: TCP, TLS 1.2 full handshake 2, request"
	NEAR=$(curls "$EC") FAR=$(curls "$DP")
	rounds "curl HTTPS (TLS 1.2: the provider's)" 1 4
	NEAR=$(he "$EC") FAR=$(he "$DP")
	rounds "ddnsup he.net, 3 names" 3 "6 on one kept-alive connection, 12 with one per name"
	proxy "$P1"
	D1=$DP
	proxy "$P2"
	D2=$DP
	proxy "$P3"
	NEAR=$(tzo "$P1" "$P2" "$P3") FAR=$(tzo "$D1" "$D2" "$DP")
	(DDNSUP_PASSWORD=BenchKey; rounds "ddnsup TZO (three stages)" 4.5 \
	    "9: 3 stages of TCP, greeting, request")
	proxy "$CF"
	NEAR=$(cf "$CF") FAR=$(cf "$DP")
	rounds "ddnsup REST (cloudflare), 3 requests" 1 \
	    "6: TCP, TLS 2, 3 requests on one connection"
	NEAR=$(curlcf "$CF") FAR=$(curlcf "$DP")
	rounds "curl --next, the same 3 requests" 1 6
	# RFC 2136 is UDP: bench/udpdelay holds each datagram as delayproxy
	# does; no handshake to add
	if [ -n "$KP" ]; then
		rm -f "$W/uport"
		"$B/udpdelay" -P "$W/uport" -t "$KP" -d "$DELAY" &
		pids="$pids $!"
		waitport "$W/uport"
		UP=$(cat "$W/uport")
		NEAR=$(r2136 "$KP") FAR=$(r2136 "$UP")
		rounds "ddnsup RFC 2136, Zone known" 0 "1: UPDATE over UDP"
		NEAR=$(r2136soa "$KP") FAR=$(r2136soa "$UP")
		rounds "ddnsup RFC 2136, zone by SOA query" 0 "2: SOA query, UPDATE"
	else
		echo "ddnsup RFC 2136: knotd not installed or not started"
	fi
else
	:
fi

if on size; then
	cc=arm-linux-gnueabihf-gcc
	section "Size by feature: armhf, make static (BearSSL linked in), -Os, stripped"
	if command -v $cc >/dev/null; then
		d=$W/arm
		mkdir -p "$d"
		cp "$TOP"/*.c "$TOP"/*.h "$TOP/Makefile" "$d"
		if make -s -C "$d" CC=$cc CFLAGS="-std=c99 -Os" ddnsup-static >"$W/arm.log" 2>&1; then
			arm-linux-gnueabihf-strip -o "$d/stripped" "$d/ddnsup-static"
			printf '%-14s %7d bytes stripped\n' ddnsup-static "$(wc -c <"$d/stripped")"
			echo "text (size -d): each object, largest first, then the rest linked in"
			(cd "$d" && arm-linux-gnueabihf-size -d ./*.o) | awk 'NR > 1 {
			    sub("^\\./", "", $6); printf "%7d  %s\n", $1, $6 }' | sort -rn
			ours=$( (cd "$d" && arm-linux-gnueabihf-size -d -t ./*.o) | awk 'END { print $1 }')
			all=$(arm-linux-gnueabihf-size -d "$d/ddnsup-static" | awk 'NR == 2 { print $1 }')
			printf '%7d  ddnsup'"'"'s objects\n%7d  the rest: BearSSL, the C runtime\n%7d  the program\n' \
			    "$ours" $((all - ours)) "$all"
		else
			echo "the armhf build failed:"
			cat "$W/arm.log"
		fi
	else
		echo "no $cc (apt-get install gcc-arm-linux-gnueabihf libbearssl-dev:armhf)"
	fi
fi
