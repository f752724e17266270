# RFC 2136 cases of test/run.sh, sourced by it: DNS UPDATE with TSIG
# against the real servers, BIND 9 (named), Knot DNS (knotd) and PowerDNS
# (pdns_server, gsqlite3), each started once in a network namespace of
# its own run (BIND on 127.0.0.1:53, so that the namespace's resolv.conf
# can name it; Knot on 5302, PowerDNS on 5303), by pid, with its
# configuration and zones in $W/dns, and stopped after the last case.
# What a server holds is read back with dig.

DNSNS=ddr$$
DNSUP=
BINDP=53 KNOTP=5302 PDNSP=5303
D=$W/dns

# the zone every server starts with: names with an A, an AAAA and a TXT
dnszone() {
	printf '$TTL 3600\n@ IN SOA ns1.%s. hostmaster.%s. 1 3600 600 86400 300\n' "$1" "$1"
	printf '@ IN NS ns1.%s.\nns1 IN A 127.0.0.1\n' "$1"
	for h in home a1 a2 a3 a4 a5 a6 a7 a8 a9 a10 a11 a12 n1 n2 n3 n4 n5 n6; do
		printf '%s IN A 192.0.2.1\n%s IN AAAA 2001:db8::1\n%s IN TXT "keep"\n' "$h" "$h" "$h"
	done
}

# waitdns PORT: a server answers the SOA of example.org, within 10 s
waitdns() {
	i=0
	while [ $i -lt 100 ]; do
		dnsq "$1" example.org SOA | grep -q SOA && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# dnsq PORT NAME TYPE: "name ttl type data" lines from the server
dnsq() {
	ip netns exec "$DNSNS" dig +time=2 +tries=1 +norec +noall +answer \
	    @127.0.0.1 -p "$1" "$2" "$3" 2>/dev/null | awk '{ $3 = ""; print }' |
	    sed 's/  */ /g'
}

# rr PORT NAME TYPE WANT...: exactly these records of NAME and TYPE
rr() {
	rp=$1 rn=$2 rt=$3
	shift 3
	if [ $# -eq 0 ]; then : >"$W/want"; else printf '%s\n' "$@" >"$W/want"; fi
	dnsq "$rp" "$rn" "$rt" | sort >"$W/got"
	diff -u "$W/want" "$W/got" >"$W/diff" || { bad "$rn $rt at port $rp differs:"; cat "$W/diff" >>"$W/why"; }
}

# dnsservers: start the three servers once (those installed); SKIP if
# namespaces cannot be made
dnsservers() {
	[ -n "$DNSUP" ] && return 0
	if [ "$(id -u)" -ne 0 ] || ! ip netns add "$DNSNS" 2>/dev/null; then
		SKIP="cannot create a network namespace (needs root and iproute2)"
		return 1
	fi
	DNSUP=1
	ip netns exec "$DNSNS" ip link set lo up
	mkdir -p "$D/bind" "$D/knot" "$D/pdns" "/etc/netns/$DNSNS"
	echo "nameserver 127.0.0.1" >"/etc/netns/$DNSNS/resolv.conf"
	for z in example.org example.net; do dnszone $z >"$D/$z.zone"; done
	if command -v tsig-keygen >/dev/null; then
		tsig-keygen -a hmac-sha256 ddnsup-key >"$D/key256.conf"
		tsig-keygen -a hmac-sha512 k512 >"$D/key512.conf"
	else
		# the same form, for Knot and PowerDNS without BIND's tools
		printf 'key "ddnsup-key" {\n\talgorithm hmac-sha256;\n\tsecret "%s";\n};\n' \
		    "$(head -c 32 /dev/urandom | base64)" >"$D/key256.conf"
		printf 'key "k512" {\n\talgorithm hmac-sha512;\n\tsecret "%s";\n};\n' \
		    "$(head -c 64 /dev/urandom | base64 -w0)" >"$D/key512.conf"
	fi
	K256=$(sed -n 's/.*secret "\(.*\)";/\1/p' "$D/key256.conf")
	K512=$(sed -n 's/.*secret "\(.*\)";/\1/p' "$D/key512.conf")
	printf '%s\n' "$K256" >"$D/k256"
	printf '%s\n' "$K512" >"$D/k512"
	# a secret the servers do not have, under the right key name
	printf '%s\n' "$(head -c 32 /dev/urandom | base64)" >"$D/wrong"
	chmod 600 "$D/k256" "$D/k512" "$D/wrong" "$D/key256.conf" "$D/key512.conf"
	if command -v named >/dev/null; then
		cp "$D/example.org.zone" "$D/example.net.zone" "$D/bind/"
		cat >"$D/bind/named.conf" <<-EOT
		include "$D/key256.conf";
		include "$D/key512.conf";
		options {
			directory "$D/bind";
			listen-on port $BINDP { 127.0.0.1; };
			listen-on-v6 { none; };
			pid-file "$D/bind/named.pid";
			recursion no;
			dnssec-validation no;
		};
		controls { };
		zone "example.org" {
			type primary;
			file "$D/bind/example.org.zone";
			update-policy { grant ddnsup-key zonesub ANY; grant k512 zonesub ANY; };
		};
		zone "example.net" {
			type primary;
			file "$D/bind/example.net.zone";
		};
		EOT
		ip netns exec "$DNSNS" named -g -u root -c "$D/bind/named.conf" \
		    >"$D/bind/log" 2>&1 &
		DNSPIDS="$DNSPIDS $!"
		waitdns $BINDP || echo "rfc2136: named did not start: $(tail -3 "$D/bind/log")"
	fi
	if command -v knotd >/dev/null; then
		cp "$D/example.org.zone" "$D/example.net.zone" "$D/knot/"
		cat >"$D/knot/knot.conf" <<-EOT
		server:
		    listen: 127.0.0.1@$KNOTP
		    rundir: $D/knot
		log:
		  - target: stderr
		    any: info
		database:
		    storage: $D/knot
		key:
		  - id: ddnsup-key
		    algorithm: hmac-sha256
		    secret: $K256
		  - id: k512
		    algorithm: hmac-sha512
		    secret: $K512
		acl:
		  - id: upd
		    key: [ddnsup-key, k512]
		    action: update
		template:
		  - id: default
		    storage: $D/knot
		    file: "%s.zone"
		zone:
		  - domain: example.org
		    acl: upd
		EOT
		ip netns exec "$DNSNS" knotd -c "$D/knot/knot.conf" >"$D/knot/log" 2>&1 &
		DNSPIDS="$DNSPIDS $!"
		waitdns $KNOTP || echo "rfc2136: knotd did not start: $(tail -3 "$D/knot/log")"
	fi
	if command -v pdns_server >/dev/null && command -v sqlite3 >/dev/null &&
	    [ -f /usr/share/pdns-backend-sqlite3/schema/schema.sqlite3.sql ]; then
		sqlite3 "$D/pdns/pdns.db" </usr/share/pdns-backend-sqlite3/schema/schema.sqlite3.sql
		cat >"$D/pdns/pdns.conf" <<-EOT
		launch=gsqlite3
		gsqlite3-database=$D/pdns/pdns.db
		local-address=127.0.0.1
		local-port=$PDNSP
		dnsupdate=yes
		allow-dnsupdate-from=127.0.0.0/8
		socket-dir=$D/pdns
		daemon=no
		guardian=no
		disable-syslog=yes
		EOT
		pd() { pdnsutil --config-dir="$D/pdns" "$@" >>"$D/pdns/setup" 2>&1; }
		pd load-zone example.org "$D/example.org.zone"
		pd import-tsig-key ddnsup-key hmac-sha256 "$K256"
		pd set-meta example.org TSIG-ALLOW-DNSUPDATE ddnsup-key
		ip netns exec "$DNSNS" pdns_server --config-dir="$D/pdns" >"$D/pdns/log" 2>&1 &
		DNSPIDS="$DNSPIDS $!"
		waitdns $PDNSP || echo "rfc2136: pdns_server did not start: $(tail -3 "$D/pdns/log")"
	fi
}

dnsstop() {
	for p in ${DNSPIDS:-}; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
	DNSPIDS=
	[ -n "$DNSUP" ] && { ip netns del "$DNSNS"; rm -rf "/etc/netns/$DNSNS"; } 2>/dev/null
	DNSUP=
}

# server NAME: start the servers and set PORT to NAME's; SKIP when not installed
server() {
	dnsservers || return 1
	case $1 in
	bind) PORT=$BINDP bin=named ;;
	knot) PORT=$KNOTP bin=knotd ;;
	pdns) PORT=$PDNSP bin=pdns_server ;;
	esac
	if ! command -v $bin >/dev/null; then
		SKIP="$bin is not installed"
		return 1
	fi
	waitdns "$PORT" || { SKIP="$bin did not start"; return 1; }
}

# r2 ARGS: ddnsup -P rfc2136 in the namespace, against $PORT with ddnsup-key
r2() {
	ip netns exec "$DNSNS" $RUN -P rfc2136 -s "127.0.0.1:$PORT" "$@" \
	    >"$W/out" 2>"$W/err"
	STATUS=$?
}
r2k() { r2 -u ddnsup-key -p "$D/k256" "$@"; }

# no key, in neither form, in anything ddnsup printed
nokey() {
	for k in "$K256" "$K512"; do
		if grep -F -e "$k" "$W/out" "$W/err" >/dev/null; then
			bad "a secret appears in the output"
		fi
	done
}

t_r2a() {
	server "$1" || return
	r2k -a 203.0.113.11 a1.example.org
	status 0
	out "a1.example.org updated 203.0.113.11 NOERROR"
	err
	nokey
	rr $PORT a1.example.org A "a1.example.org. 300 A 203.0.113.11"
	rr $PORT a1.example.org AAAA "a1.example.org. 3600 AAAA 2001:db8::1"
	rr $PORT a1.example.org TXT 'a1.example.org. 3600 TXT "keep"'
}
case_ "rfc2136 bind: A replaced, AAAA and TXT untouched" t_r2a bind
case_ "rfc2136 knot: A replaced, AAAA and TXT untouched" t_r2a knot
case_ "rfc2136 pdns: A replaced, AAAA and TXT untouched" t_r2a pdns

t_r2aaaa() {
	server "$1" || return
	r2k -o TTL=60 -a 2001:db8::22 a2.example.org
	status 0
	out "a2.example.org updated 2001:db8::22 NOERROR"
	rr $PORT a2.example.org AAAA "a2.example.org. 60 AAAA 2001:db8::22"
	rr $PORT a2.example.org A "a2.example.org. 3600 A 192.0.2.1"
}
case_ "rfc2136 bind: AAAA with -o TTL, A untouched" t_r2aaaa bind
case_ "rfc2136 knot: AAAA with -o TTL, A untouched" t_r2aaaa knot
case_ "rfc2136 pdns: AAAA with -o TTL, A untouched" t_r2aaaa pdns

t_r2both() {
	server "$1" || return
	r2k -a 203.0.113.33,2001:db8::33 a3.example.org a4.example.org a5.example.org
	status 0
	out "a3.example.org updated 203.0.113.33,2001:db8::33 NOERROR" \
	    "a4.example.org updated 203.0.113.33,2001:db8::33 NOERROR" \
	    "a5.example.org updated 203.0.113.33,2001:db8::33 NOERROR"
	for n in a3 a4 a5; do
		rr $PORT $n.example.org A "$n.example.org. 300 A 203.0.113.33"
		rr $PORT $n.example.org AAAA "$n.example.org. 300 AAAA 2001:db8::33"
		rr $PORT $n.example.org TXT "$n.example.org. 3600 TXT \"keep\""
	done
}
case_ "rfc2136 bind: both families, three names in one update" t_r2both bind
case_ "rfc2136 knot: both families, three names in one update" t_r2both knot
case_ "rfc2136 pdns: both families, three names in one update" t_r2both pdns

t_r2sha512() {
	server "$1" || return
	r2 -u k512 -p "$D/k512" -o TSIGAlgorithm=hmac-sha512 -a 203.0.113.66 a6.example.org
	status 0
	out "a6.example.org updated 203.0.113.66 NOERROR"
	nokey
	rr $PORT a6.example.org A "a6.example.org. 300 A 203.0.113.66"
}
case_ "rfc2136 bind: hmac-sha512" t_r2sha512 bind
case_ "rfc2136 knot: hmac-sha512" t_r2sha512 knot

t_r2keyfile() {
	server "$1" || return
	r2 -p "$D/key512.conf" -a 203.0.113.77 a7.example.org
	status 0
	out "a7.example.org updated 203.0.113.77 NOERROR"
	err
	nokey
	rr $PORT a7.example.org A "a7.example.org. 300 A 203.0.113.77"
}
case_ "rfc2136 bind: a tsig-keygen key file gives name, algorithm, secret" t_r2keyfile bind
case_ "rfc2136 knot: a tsig-keygen key file gives name, algorithm, secret" t_r2keyfile knot

# twelve names, both families: more than 512 bytes, so TCP
t_r2tcp() {
	server "$1" || return
	r2k -v -a 203.0.113.88,2001:db8::88 a1.example.org a2.example.org a3.example.org \
	    a4.example.org a5.example.org a6.example.org a7.example.org a8.example.org \
	    a9.example.org a10.example.org a11.example.org a12.example.org
	status 0
	errhas "over TCP"
	[ "$(grep -c ' updated 203.0.113.88,2001:db8::88 NOERROR$' "$W/out")" = 12 ] ||
	    bad "not twelve names updated"
	for n in a1 a8 a12; do
		rr $PORT $n.example.org A "$n.example.org. 300 A 203.0.113.88"
		rr $PORT $n.example.org AAAA "$n.example.org. 300 AAAA 2001:db8::88"
	done
}
case_ "rfc2136 bind: twelve names over TCP" t_r2tcp bind
case_ "rfc2136 knot: twelve names over TCP" t_r2tcp knot
case_ "rfc2136 pdns: twelve names over TCP" t_r2tcp pdns

t_r2nos() {
	server bind || return
	ip netns exec "$DNSNS" $RUN -P rfc2136 -u ddnsup-key -p "$D/k256" -v \
	    -a 203.0.113.99 n1.example.org >"$W/out" 2>"$W/err"
	STATUS=$?
	status 0
	out "n1.example.org updated 203.0.113.99 NOERROR"
	errhas "n1.example.org: zone example.org, primary ns1.example.org"
	rr $PORT n1.example.org A "n1.example.org. 300 A 203.0.113.99"
}
case_ "rfc2136 bind: no -s: the SOA's MNAME found through resolv.conf" t_r2nos

t_r2dry() {
	server bind || return
	r2k -n -o Zone=example.org. -o TTL=120 -a 203.0.113.5,2001:db8::5 n2.example.org n3.example.org
	status 0
	out "# rfc2136: key hmac-sha256:ddnsup-key (the secret is not shown)" \
	    "server 127.0.0.1 $PORT" "zone example.org." \
	    "update delete n2.example.org. A" "update add n2.example.org. 120 A 203.0.113.5" \
	    "update delete n2.example.org. AAAA" "update add n2.example.org. 120 AAAA 2001:db8::5" \
	    "update delete n3.example.org. A" "update add n3.example.org. 120 A 203.0.113.5" \
	    "update delete n3.example.org. AAAA" "update add n3.example.org. 120 AAAA 2001:db8::5" \
	    "send"
	nokey
	rr $PORT n2.example.org A "n2.example.org. 3600 A 192.0.2.1"
}
case_ "rfc2136: -n prints nsupdate's commands, no secret, nothing sent" t_r2dry

t_r2state() {
	server bind || return
	r2k -c "$W/r2state" -a 203.0.113.44 n4.example.org
	status 0
	out "n4.example.org updated 203.0.113.44 NOERROR"
	r2k -c "$W/r2state" -a 203.0.113.44 n4.example.org
	status 0
	out "n4.example.org skipped 203.0.113.44 NOERROR"
	r2k -c "$W/r2state" -a 203.0.113.45 n4.example.org
	status 0
	out "n4.example.org updated 203.0.113.45 NOERROR"
	rr $PORT n4.example.org A "n4.example.org. 300 A 203.0.113.45"
	# -S fingerprints the key as the run did: the name reads Registered
	r2k -S -c "$W/r2state" -a 203.0.113.45 n4.example.org
	status 0
	grep -q '^Device.DynamicDNS.Client.1.Hostname.1.Status = Registered$' \
	    "$W/out" || bad "-S after the update: $(grep 'Hostname.1.Status' "$W/out")"
	nokey
	r2 -S -u ddnsup-key -p "$D/key512.conf" -c "$W/r2state" -a 203.0.113.45 \
	    n4.example.org
	grep -q 'Hostname.1.Status = UpdateNeeded$' "$W/out" ||
	    bad "-S with another key: not UpdateNeeded"
}
case_ "rfc2136: the state file skips an address already registered; -S agrees" t_r2state

# rcodecase SERVER WANTSTATUS WANTCODE ARGS
t_r2err() {
	srv=$1 want=$2 code=$3
	shift 3
	server "$srv" || return
	r2 "$@"
	status "$want"
	out "n5.example.org failed 203.0.113.55 $code"
	nokey
	rr $PORT n5.example.org A "n5.example.org. 3600 A 192.0.2.1"
}
for s in bind knot; do
	case_ "rfc2136 $s: a wrong secret is BADSIG, 77" t_r2err $s 77 BADSIG \
	    -u ddnsup-key -p "$D/wrong" -a 203.0.113.55 n5.example.org
	case_ "rfc2136 $s: an unknown key is BADKEY, 77" t_r2err $s 77 BADKEY \
	    -u nokey.example -p "$D/k256" -a 203.0.113.55 n5.example.org
done
t_r2notzone() {
	server "$1" || return
	r2k -o Zone=example.org -a 203.0.113.55 n5.example.org x.example.com
	status 78
	out "n5.example.org failed 203.0.113.55 NOTZONE" "x.example.com failed 203.0.113.55 NOTZONE"
	errhas "127.0.0.1:$PORT: NOTZONE: a name is not in the zone"
	rr $PORT n5.example.org A "n5.example.org. 3600 A 192.0.2.1"
}
case_ "rfc2136 bind: a name outside the zone is NOTZONE, 78" t_r2notzone bind
case_ "rfc2136 knot: a name outside the zone is NOTZONE, 78" t_r2notzone knot
case_ "rfc2136 pdns: a name outside the zone is NOTZONE, 78" t_r2notzone pdns

t_r2refused() {
	server bind || return
	r2k -a 203.0.113.55 n5.example.net
	status 77
	out "n5.example.net failed 203.0.113.55 REFUSED"
	errhas "127.0.0.1:$PORT: REFUSED: the server refuses this update"
	rr $PORT n5.example.net A "n5.example.net. 3600 A 192.0.2.1"
}
case_ "rfc2136 bind: a zone without an update policy is REFUSED, 77" t_r2refused

# PowerDNS answers a key it does not accept with an unsigned REFUSED
t_r2pdnswrong() {
	server pdns || return
	r2 -u ddnsup-key -p "$D/wrong" -a 203.0.113.55 n5.example.org
	status 76
	out "n5.example.org failed 203.0.113.55 protocol"
	errhas "the reply is not signed (no TSIG)"
	rr $PORT n5.example.org A "n5.example.org. 3600 A 192.0.2.1"
}
case_ "rfc2136 pdns: a wrong secret's unsigned REFUSED is not believed, 76" t_r2pdnswrong

t_r2badtime() {
	server "$1" || return
	command -v faketime >/dev/null || { SKIP="faketime is not installed"; return; }
	wrapped "faketime preloads a library of the host" && return
	readelf -l "$DDNSUP" 2>/dev/null | grep -q 'program interpreter' ||
	    { SKIP="a static ddnsup cannot preload faketime"; return; }
	# AddressSanitizer's start and libfaketime's deadlock
	nm "$DDNSUP" 2>/dev/null | grep -q __asan_init &&
	    { SKIP="faketime hangs a sanitized ddnsup"; return; }
	ip netns exec "$DNSNS" timeout 30 faketime -f -1h $RUN -P rfc2136 -s "127.0.0.1:$PORT" \
	    -u ddnsup-key -p "$D/k256" -a 203.0.113.55 n5.example.org >"$W/out" 2>"$W/err"
	STATUS=$?
	status 77
	out "n5.example.org failed 203.0.113.55 BADTIME"
	errhas "BADTIME: the clocks differ by more than 300 s: ours says"
	errhas ", the server's "
	rr $PORT n5.example.org A "n5.example.org. 3600 A 192.0.2.1"
}
case_ "rfc2136 bind: a clock an hour behind is BADTIME, 77" t_r2badtime bind
case_ "rfc2136 knot: a clock an hour behind is BADTIME, 77" t_r2badtime knot

# dnsforge MODE: the responder of test/dnsforge.c in the namespace; sets PORT
dnsforge() {
	dnsservers || return 1
	rm -f "$W/fport"
	: >"$W/frec"
	ip netns exec "$DNSNS" "$T/dnsforge" -P "$W/fport" -m "$1" -r "$W/frec" \
	    -k "$D/k256" &
	DNSPIDS="$DNSPIDS $!"
	waitport "$W/fport"
	PORT=$(cat "$W/fport")
}

t_r2forged() {
	dnsforge "$1" || return
	r2k -o Zone=example.org -a 203.0.113.55 n5.example.org
	status 76
	out "n5.example.org failed 203.0.113.55 protocol"
	errhas "$2"
	errhas "is not believed"
	[ "$(wc -l <"$W/frec")" = 1 ] || bad "expected one datagram"
}
case_ "rfc2136: a reply whose TSIG does not verify is 76" t_r2forged forge \
    "the reply's TSIG does not verify"
case_ "rfc2136: an unsigned reply is 76" t_r2forged unsigned \
    "the reply is not signed (no TSIG)"

t_r2silent() {
	dnsforge silent || return
	within 2 r2k -t 2 -o Zone=example.org -a 203.0.113.55 n5.example.org
	status 75
	out "n5.example.org failed 203.0.113.55 timeout"
	errhas "timed out"
}
case_ "rfc2136: a server that never answers: the deadline, 75" t_r2silent

# a correctly signed SERVFAIL: 75, and the state file holds the name
t_r2servfail() {
	dnsforge servfail || return
	r2k -c "$W/r2sf" -o Zone=example.org -a 203.0.113.55 n6.example.org
	status 75
	out "n6.example.org failed 203.0.113.55 SERVFAIL"
	errhas "127.0.0.1:$PORT: SERVFAIL: the server failed; held off"
	nokey
	[ "$(wc -l <"$W/frec")" = 1 ] || bad "expected one datagram"
	r2k -c "$W/r2sf" -o Zone=example.org -a 203.0.113.55 n6.example.org
	status 75
	out "n6.example.org held 203.0.113.55 SERVFAIL"
	[ "$(wc -l <"$W/frec")" = 1 ] || bad "the held name was sent again"
}
case_ "rfc2136: a signed SERVFAIL is 75, then the name is held" t_r2servfail

t_r2usage() {
	ddnsup -P rfc2136 -s 127.0.0.1 -p /dev/null -u k -o TSIGAlgorithm=hmac-sha3 -a 203.0.113.5 $N
	status 64
	errhas "TSIGAlgorithm=hmac-sha3: hmac-sha256, hmac-sha512"
	ddnsup -P dyndns -o Zone=example.org -u bob $N
	status 64
	errhas "Zone=example.org: does not apply to -P dyndns"
	withenv DDNSUP_PASSWORD=notbase64 -P rfc2136 -s 127.0.0.1 -u k -a 203.0.113.5 $N
	status 78
	errhas "the TSIG secret is not base64"
	# the row's check, in the run: the name fails, nothing is sent
	withenv DDNSUP_PASSWORD=YWJj -P rfc2136 -s 127.0.0.1 -u k $N
	status 64
	out "$N failed - usage"
	errhas "-P rfc2136: the address must be known"
	ddnsup -P tzo -o TTL=60 -u a@b.example -a 203.0.113.5 $N
	status 64
	errhas "TTL=60: does not apply to -P tzo"
	ddnsup -P rfc2136 -s 127.0.0.1 -u k -o TTL=2147483648 -a 203.0.113.5 $N
	status 64
	errhas "TTL=2147483648"
}
case_ "rfc2136: bad settings are refused before anything is sent" t_r2usage

dnsstop
