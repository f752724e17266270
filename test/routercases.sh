# Cases: a router's first minutes (issue 23). A router namespace (RR)
# and its ISP (RI), with the real daemons from Debian: radvd and ISC
# dhcpd -6 in the ISP, dhcpcd on the router's WAN taking a DHCPv6
# address and a delegated prefix, the kernel's own SLAAC on wan1.
#
#   router (RR)                         ISP (RI)
#   wan0 DHCPv6 /128, PD -> lan0 ------ r 2001:db8:1::1 (radvd M flag, dhcpd -6,
#                                          the test provider)
#   wan1 SLAAC 2001:db8:2::/64 -------- s 2001:db8:2::1 (radvd, autonomous)
#   lan0 (veth, peer lan1): the delegated prefix's LAN side
#
# The clock cases preload test/clock.so (timecases.sh's clocked).

RR=dd23r$$ RI=dd23i$$
RW=$W/router
RSTATE=$W/state/router.state
RPROV=http://[2001:db8:1::1]

# router: build the namespaces once for the file (LINKNS: run.sh's
# cleanup deletes them); 1 with SKIP where they cannot be made
router() {
	PROVWRAP="ip netns exec $RI"
	[ -n "${ROUTERUP:-}" ] && return 0
	if [ "$(id -u)" -ne 0 ] || ! command -v ip >/dev/null; then
		SKIP="needs root and iproute2 (network namespaces)"
		return 1
	fi
	for ns in $RR $RI; do
		ip netns add $ns 2>/dev/null || {
			SKIP="cannot create network namespace $ns"
			return 1
		}
		LINKNS="$LINKNS $ns"
		ip netns exec $ns ip link set dev lo up
	done
	mkdir -p "$RW" "$(dirname "$RSTATE")"
	ip link add wan0 netns $RR type veth peer name r netns $RI
	ip link add wan1 netns $RR type veth peer name s netns $RI
	ip netns exec $RR sh -e <<-EOF
	ip link add lan0 type veth peer name lan1
	sysctl -qw net.ipv6.conf.wan1.accept_ra=2 net.ipv6.conf.wan1.use_tempaddr=0
	for i in wan0 wan1 lan0 lan1; do ip link set dev \$i up; done
	# the ISP's link is on-link before any advertisement: dhcpcd may
	# run BOUND6 before the RA's routes (a connect would find no route)
	ip -6 route add 2001:db8:1::/64 dev wan0
	EOF
	ip netns exec $RI sh -e <<-EOF
	sysctl -qw net.ipv6.conf.all.forwarding=1
	ip link set dev r up; ip link set dev s up
	ip -6 addr add 2001:db8:1::1/64 dev r nodad
	ip -6 addr add 2001:db8:2::1/64 dev s nodad
	EOF
	ROUTERUP=1
}

# killtree PID: a daemon and the processes it forked (dhcpcd's privilege
# separation ignores SIGTERM once its namespace is going), by their ids
killtree() {
	for c in $(pgrep -P "$1"); do killtree "$c"; done
	kill -9 "$1" 2>/dev/null
}

# routerdown: the daemons by their process ids, then the namespaces
routerdown() {
	for p in $RPIDS; do kill "$p" 2>/dev/null; done
	sleep 0.5
	for p in $RPIDS; do killtree "$p"; wait "$p" 2>/dev/null; done
	RPIDS=
	for ns in $RR $RI; do ip netns del $ns 2>/dev/null; done
	ROUTERUP=
}
RPIDS=

inrr() { ip netns exec $RR "$@"; }

# rrun ARGS: ddnsup in the router; sets STATUS and TENTHS
rrun() {
	t0=$(date +%s%N | cut -c1-11)
	ip netns exec $RR $RUN "$@" >"$W/out" 2>"$W/err"
	STATUS=$?
	t1=$(date +%s%N | cut -c1-11)
	TENTHS=$((t1 - t0))
}

# tenths LO HI: the run took between LO and HI tenths of a second
tenths() {
	[ "$TENTHS" -ge "$1" ] && [ "$TENTHS" -le $(($2 + SLACK)) ] ||
	    bad "took $TENTHS tenths of a second, expected $1 to $2"
}

# rprovider: the test provider in the ISP, on every address
rprovider() {
	reply "200 OK" "good\n"
	provider -l :: -n 20 "$@"
}

# sent ADDR...: exactly these myip= values reached the provider, in order
sent() {
	if [ $# -eq 0 ]; then : >"$W/want"; else printf '%s\n' "$@" >"$W/want"; fi
	sed -n 's/^GET .*myip=\([^&]*\)&.*/\1/p' "$W/rec" >"$W/got"
	diff -u "$W/want" "$W/got" >"$W/diff" || { bad "addresses sent differ:"; cat "$W/diff" >>"$W/why"; }
}

# registered NAME: the IPv6 address the state holds for NAME (with -f,
# an instance after the first has its own file, $RSTATE.N)
registered() { cat "$RSTATE" "$RSTATE".* 2>/dev/null | awk -v n="$1" '$1 == "name" && $2 == n && $3 == 6 { print $4 }'; }

# daemons: radvd on r (managed: DHCPv6 only) and s (autonomous), ISC
# dhcpd -6 on r (one address, one /56 to delegate), each by its pid
daemons() {
	cat >"$RW/radvd.conf" <<-EOF
	interface r {
		AdvSendAdvert on; MinRtrAdvInterval 3; MaxRtrAdvInterval 4;
		AdvManagedFlag on;
		prefix 2001:db8:1::/64 { AdvOnLink on; AdvAutonomous off; };
	};
	interface s {
		AdvSendAdvert on; MinRtrAdvInterval 3; MaxRtrAdvInterval 4;
		prefix 2001:db8:2::/64 { AdvOnLink on; AdvAutonomous on;
		    AdvPreferredLifetime 900; AdvValidLifetime 1800; };
	};
	EOF
	cat >"$RW/dhcpd6.conf" <<-EOF
	default-lease-time 600;
	preferred-lifetime 300;
	max-lease-time 1200;
	subnet6 2001:db8:1::/64 {
		range6 2001:db8:1::100 2001:db8:1::100;
		prefix6 2001:db8:1:100:: 2001:db8:1:100:: /56;
	}
	EOF
	: >"$RW/leases6"
	rm -f "$RW/dhcpd.pid" "$RW/radvd.pid"
	ip netns exec $RI radvd -n -C "$RW/radvd.conf" -p "$RW/radvd.pid" \
	    -m logfile -l "$RW/radvd.log" -u root &
	RPIDS="$RPIDS $!" FPIDS="${FPIDS:-} $!"
	ip netns exec $RI dhcpd -6 -f -q -cf "$RW/dhcpd6.conf" \
	    -lf "$RW/leases6" -pf "$RW/dhcpd.pid" r >"$RW/dhcpd.log" 2>&1 &
	RPIDS="$RPIDS $!" FPIDS="${FPIDS:-} $!"
}

# dhcpcd: on wan0 (DHCPv6 address, a prefix delegated to lan0), its
# hook script contrib/dhcpcd.hook, sourced as dhcpcd-run-hooks does;
# /run/dhcpcd and /var/lib/dhcpcd are its own (a mount namespace)
dhcpcd6() {
	cat >"$RW/dhcpcd.conf" <<-EOF
	script $RW/hooks
	noipv4
	noipv4ll
	ipv6rs
	duid
	interface wan0
		ia_na 1
		ia_pd 2 lan0/0/64
	EOF
	cat >"$RW/hooks" <<-EOF
	#!/bin/sh
	echo "\$reason \$interface" >>"$RW/reasons"
	DDNSUP="$RUN" DDNSUP_CONF="$RW/ddnsup.conf" DDNSUP_STATE="$RSTATE"
	. "$TOP/contrib/dhcpcd.hook"
	EOF
	chmod 755 "$RW/hooks"
	: >"$RW/reasons"
	ip netns exec $RR unshare -m sh -c 'mount -t tmpfs none /run/dhcpcd 2>/dev/null ||
	    { mkdir -p /run/dhcpcd && mount -t tmpfs none /run/dhcpcd; } &&
	    mkdir -p /var/lib/dhcpcd && mount -t tmpfs none /var/lib/dhcpcd &&
	    exec dhcpcd -B -f "$1" wan0' sh "$RW/dhcpcd.conf" >"$RW/dhcpcd.log" 2>&1 &
	RPIDS="$RPIDS $!" FPIDS="${FPIDS:-} $!"
}

# upto TENTHS CMD...: wait until CMD succeeds, at most TENTHS
upto() {
	n=$1
	shift
	while ! "$@" && [ "$n" -gt 0 ]; do
		sleep 0.1
		n=$((n - 1))
	done
	"$@"
}

t_router_hook() {
	router || return
	for d in radvd dhcpd dhcpcd; do
		command -v $d >/dev/null || { SKIP="no $d"; return; }
	done
	rprovider
	rm -f "$RSTATE" "$RSTATE".*
	cat >"$RW/ddnsup.conf" <<-EOF
	InternetGatewayDevice.DynamicDNS.1.LinkReference = wan0
	InternetGatewayDevice.DynamicDNS.1.DomainName1 = $N
	InternetGatewayDevice.DynamicDNS.1.ProviderFQDN = 2001:db8:1::1
	InternetGatewayDevice.DynamicDNS.1.ProviderPort = $PORT
	InternetGatewayDevice.DynamicDNS.1.ProviderProtocol = http
	InternetGatewayDevice.DynamicDNS.1.Username = bob
	InternetGatewayDevice.DynamicDNS.1.Password = $SECRET
	InternetGatewayDevice.DynamicDNS.1.Timeout = 20
	InternetGatewayDevice.DynamicDNS.2.LinkReference = wan0
	InternetGatewayDevice.DynamicDNS.2.IPv6PrefixInterface = lan0
	InternetGatewayDevice.DynamicDNS.2.IPv6InterfaceID = ::a:b:c:d
	InternetGatewayDevice.DynamicDNS.2.DomainName1 = $N2
	InternetGatewayDevice.DynamicDNS.2.ProviderFQDN = 2001:db8:1::1
	InternetGatewayDevice.DynamicDNS.2.ProviderPort = $PORT
	InternetGatewayDevice.DynamicDNS.2.ProviderProtocol = http
	InternetGatewayDevice.DynamicDNS.2.Username = bob
	InternetGatewayDevice.DynamicDNS.2.Password = $SECRET
	InternetGatewayDevice.DynamicDNS.2.Timeout = 20
	EOF
	chmod 600 "$RW/ddnsup.conf"
	t0=$(date +%s)
	daemons
	dhcpcd6
	# both names registered by the hook's runs, within 25 s
	upto 250 eval '[ "$(registered $N)" ] && [ "$(registered $N2)" ]'
	t1=$(date +%s)
	[ $((t1 - t0)) -le 25 ] || bad "the hook took $((t1 - t0)) s"
	grep -q '^BOUND6 wan0$' "$RW/reasons" || bad "no BOUND6: $(cat "$RW/reasons")"
	grep -q '^DELEGATED6 lan0$' "$RW/reasons" || bad "no DELEGATED6: $(cat "$RW/reasons")"
	[ "$(registered $N)" = 2001:db8:1::100 ] || bad "$N registered as '$(registered $N)'"
	[ "$(registered $N2)" = 2001:db8:1:100:a:b:c:d ] || bad "$N2 registered as '$(registered $N2)'"
	sort -u "$W/rec" | sed -n 's/^GET .*hostname=\([^&]*\)&myip=\([^&]*\)&.*/\1 \2/p' >"$W/got"
	printf '%s 2001:db8:1::100\n%s 2001:db8:1:100:a:b:c:d\n' $N $N2 | sort >"$W/want"
	sort "$W/got" >"$W/got2"
	diff -u "$W/want" "$W/got2" >"$W/diff" || { bad "sent:"; cat "$W/diff" >>"$W/why"; }
	# every request once: the hook's later events skip (the state file)
	[ "$(requests)" = 2 ] || bad "$(requests) requests, expected 2"
	# the same, run by hand: nothing to send
	: >"$W/rec"
	rrun -6 -f "$RW/ddnsup.conf" -I wan0 -c "$RSTATE"
	status 0
	out "$N skipped 2001:db8:1::100 good" "$N2 skipped 2001:db8:1:100:a:b:c:d good"
	nothingsent
	# the delegated prefix's interface selects the prefix's instance
	rrun -6 -f "$RW/ddnsup.conf" -I lan0 -c "$RSTATE"
	status 0
	out "$N2 skipped 2001:db8:1:100:a:b:c:d good"
	nosecret
}
case_ "router: dhcpcd's hook sends the DHCPv6 address (BOUND6) and the delegated LAN address (DELEGATED6)" t_router_hook

# wan1's SLAAC address, when the kernel has it (radvd's advertisement)
slaac() {
	inrr ip -6 addr show dev wan1 scope global | sed -n 's|.*inet6 \(2001:db8:2:0:[^/]*\)/64 .*mngtmp.*|\1|p;s|.*inet6 \(2001:db8:2:0:[^/]*\)/64 scope global dynamic.*|\1|p' | head -1
}

t_router_choice() {
	router || return
	[ -n "$RPIDS" ] || { SKIP="needs the daemons of the hook case"; return; }
	upto 50 eval '[ -n "$(slaac)" ]'
	A=$(slaac)
	[ -n "$A" ] || { bad "no SLAAC address on wan1"; return; }
	rprovider
	rm -f "$RSTATE" "$RSTATE".*
	R="-s $RPROV:$PORT -u bob -6 -i wan1 -c $RSTATE -t 10"
	# first: SLAAC only, registered
	rrun $R $N
	status 0
	out "$N updated $A good"
	# a /128 (DHCPv6's form) with a shorter preferred lifetime: the
	# registered address stays while it is usable
	inrr ip -6 addr add 2001:db8:2::128/128 dev wan1 nodad preferred_lft 200 valid_lft 400
	rrun $R $N
	status 0
	out "$N skipped $A good"
	# without the state, the /128 is preferred, on every run
	rrun -s $RPROV:$PORT -u bob -6 -i wan1 -t 10 -n $N
	grep -q "myip=2001:db8:2::128&" "$W/out" || bad "without the state, not the /128: $(cat "$W/out")"
	# the registered one gone: the /128, once
	inrr ip -6 addr del $A/64 dev wan1
	rrun $R $N
	status 0
	out "$N updated 2001:db8:2::128 good"
	# SLAAC back (first in the kernel's list now): no flip
	inrr ip -6 addr add $A/64 dev wan1 nodad preferred_lft 900 valid_lft 1800
	rrun $R $N
	status 0
	out "$N skipped 2001:db8:2::128 good"
	sent "$A" 2001:db8:2::128
	[ "$(registered $N)" = 2001:db8:2::128 ] || bad "registered '$(registered $N)'"
	# two /64s without a /128: the longer preferred lifetime, whatever the order
	inrr ip -6 addr del 2001:db8:2::128/128 dev wan1
	inrr ip -6 addr add 2001:db8:2::60/64 dev wan1 nodad preferred_lft 1000 valid_lft 2000
	rrun -s $RPROV:$PORT -u bob -6 -i wan1 -t 10 -n $N
	grep -q "myip=2001:db8:2::60&" "$W/out" || bad "not the longest preferred lifetime: $(cat "$W/out")"
	inrr ip -6 addr del 2001:db8:2::60/64 dev wan1
	inrr ip -6 addr add 2001:db8:2::60/64 dev wan1 nodad preferred_lft 100 valid_lft 2000
	rrun -s $RPROV:$PORT -u bob -6 -i wan1 -t 10 -n $N
	grep -q "myip=$A&" "$W/out" || bad "not the longest preferred lifetime: $(cat "$W/out")"
	inrr ip -6 addr del 2001:db8:2::60/64 dev wan1
}
case_ "router: a stable IPv6 choice: the registered address kept, a /128 over SLAAC, then the longest preferred lifetime" t_router_choice

# a link of its own for the address cases: wan2 (peer t in the ISP)
wan2() {
	inrr ip link del wan2 2>/dev/null
	ip link add wan2 netns $RR type veth peer name t netns $RI
	ip netns exec $RI sh -c 'ip link set dev t up; ip -6 addr add 2001:db8:3::1/64 dev t nodad'
	inrr sysctl -qw net.ipv6.conf.wan2.accept_ra=0 net.ipv6.neigh.wan2.retrans_time_ms=2000
	inrr ip link set dev wan2 up
	inrr ip -6 addr add fd00:1::5/64 dev wan2 nodad
	# the provider through wan2 too (every connection is bound to it)
	inrr ip -6 route add 2001:db8:1::/64 via 2001:db8:3::1 dev wan2 onlink metric 500
}

t_router_private() {
	router || return
	wan2
	rprovider
	R="-s $RPROV:$PORT -u bob -6 -i wan2"
	# a ULA alone: not found, waited for to the deadline, 75
	rrun $R -t 2 $N
	status 75
	out "$N failed - link"
	errhas "wan2: no usable IPv6 address yet (fd00:1::5 is private: not published unless -o AllowPrivate=1 says so)"
	tenths 10 35
	nothingsent
	# with AllowPrivate, at once
	rrun $R -t 2 -n -o AllowPrivate=1 $N
	status 0
	grep -q "myip=fd00:1::5&" "$W/out" || bad "AllowPrivate: the ULA not used"
	# the global address in DAD (2 s): waited for, then sent
	inrr ip -6 addr add 2001:db8:3::5/64 dev wan2
	rrun $R -t 10 $N
	status 0
	out "$N updated 2001:db8:3::5 good"
	tenths 5 60
	# only a deprecated global and the ULA: the deprecated one, noted
	inrr ip -6 addr del 2001:db8:3::5/64 dev wan2
	inrr ip -6 addr add 2001:db8:3::d/64 dev wan2 nodad preferred_lft 0 valid_lft 600
	rrun $R -t 5 -v $N
	status 0
	out "$N updated 2001:db8:3::d good"
	errhas "wan2: 2001:db8:3::d is deprecated: sent, as nothing better is usable"
	tenths 0 20
	sent 2001:db8:3::5 2001:db8:3::d
	inrr ip link del wan2
}
case_ "router: a ULA is not found: a global one is waited for, a deprecated one used, 75 at the deadline" t_router_private

t_router_dadfailed() {
	router || return
	wan2
	rprovider
	R="-s $RPROV:$PORT -u bob -6 -i wan2"
	# an address the ISP holds too: DAD fails (2 s)
	ip netns exec $RI ip -6 addr add 2001:db8:3::2/64 dev t nodad
	inrr ip -6 addr add 2001:db8:3::2/64 dev wan2
	upto 50 eval 'inrr ip -6 addr show dev wan2 | grep -q dadfailed'
	inrr ip -6 addr show dev wan2 | grep -q dadfailed || { bad "no dadfailed address"; return; }
	rrun $R -t 10 $N
	status 75
	out "$N failed - link"
	errhas "wan2: 2001:db8:3::2 is a duplicate address (duplicate address detection failed)"
	tenths 0 10
	nothingsent
	# another address usable: the failed one is skipped at once
	inrr ip -6 addr add 2001:db8:3::9/64 dev wan2 nodad
	rrun $R -t 10 $N
	status 0
	out "$N updated 2001:db8:3::9 good"
	tenths 0 20
	sent 2001:db8:3::9
	inrr ip link del wan2
}
case_ "router: a failed-DAD address is skipped at once; alone, a duplicate address failure without waiting" t_router_dadfailed

t_router_absent() {
	router || return
	rprovider
	R="-s $RPROV:$PORT -u bob -6"
	rm -f "$RSTATE" "$RSTATE".*
	# not there yet: 75, waited for to the deadline
	rrun $R -i ppp7 -t 2 -c "$RSTATE" $N
	status 75
	out "$N failed - link"
	errhas "ppp7: the link is not present"
	tenths 10 35
	nothingsent
	# it comes during the run (a PPP session): waited for, then sent
	( sleep 1
	  ip link add ppp7 netns $RR type veth peer name u netns $RI
	  ip netns exec $RI sh -c 'ip link set dev u up; ip -6 addr add 2001:db8:4::1/64 dev u nodad'
	  inrr ip link set dev ppp7 up
	  inrr ip -6 addr add 2001:db8:4::7/64 dev ppp7 nodad
	  inrr ip -6 route add 2001:db8:1::/64 via 2001:db8:4::1 dev ppp7 onlink metric 600 ) &
	p=$!
	rrun $R -i ppp7 -t 10 -c "$RSTATE" $N
	wait $p
	status 0
	out "$N updated 2001:db8:4::7 good"
	tenths 8 60
	sent 2001:db8:4::7
	inrr ip link del ppp7
	# names that cannot be interfaces stay configuration errors, at once
	: >"$W/rec"
	rrun $R -i ppp/7 -t 5 $N
	status 78
	errhas "ppp/7: not an interface name"
	tenths 0 10
	rrun $R -i averyveryverylongname -t 5 $N
	status 78
	errhas "averyveryverylongname: not an interface name"
	nothingsent
}
case_ "router: a link not present yet is 75, waited for; a name that cannot be a link stays 78" t_router_absent

# the end of the router: its daemons and namespaces
[ -n "${ROUTERUP:-}" ] && routerdown

# --- the boot clock ---------------------------------------------------

# bootcert: a leaf for localhost issued a day after the release date
# (RELEASE_TIME, the floor of the certificate check), under the test CA
bootcert() {
	[ -s "$RW/boot.chain" ] && return 0
	mkdir -p "$RW/ca" && (
		cd "$RW/ca" || exit 1
		floor=$(sed -n 's/^#define RELEASE_TIME[^0-9]*\([0-9]*\).*/\1/p' "$TOP/x509.h")
		start=$(date -u -d "@$((floor + 86400))" +%Y%m%d%H%M%SZ)
		printf '[ca]\ndefault_ca = t\n[t]\ndir = .\ndatabase = index\nnew_certs_dir = .\nserial = serial\ndefault_md = sha256\npolicy = any\n[any]\ncommonName = supplied\n[leaf]\nbasicConstraints = critical,CA:false\nkeyUsage = critical,digitalSignature\nextendedKeyUsage = serverAuth\nsubjectAltName = DNS:localhost\n' >ca.cnf
		: >index
		echo 2300 >serial
		openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out boot.key 2>/dev/null &&
		openssl req -new -key boot.key -subj /CN=localhost -out boot.csr 2>/dev/null &&
		openssl ca -batch -config ca.cnf -cert "$CERTS/int.pem" -keyfile "$CERTS/int.key" \
		    -extensions leaf -startdate "$start" -enddate 21240101000000Z \
		    -in boot.csr -out boot.pem >/dev/null 2>&1 &&
		openssl x509 -in boot.pem >../boot.chain && cat "$CERTS/int.pem" >>../boot.chain &&
		cp boot.key ../boot.key
	) && [ -s "$RW/boot.chain" ]
}

# rtst SECONDS ARGS: an https update with the state file, ddnsup's clock
# at SECONDS (test/clock.so; under qemu the guest alone gets the preload)
rtst() {
	c=$1
	shift
	set -- -C "$CERTS/ca.pem" -s "https://localhost:$PORT" -u bob -c "$S" "$@"
	case ${DDNSUP_WRAP:-} in
	qemu-*) env QEMU_SET_ENV="LD_PRELOAD=$T/clock.so,TESTCLOCK=$c" $RUN "$@" ;;
	*) env LD_PRELOAD="$T/clock.so" TESTCLOCK="$c" $RUN "$@" ;;
	esac >"$W/out" 2>"$W/err"
	STATUS=$?
}

# rpreload: a static executable has no dynamic loader to preload into
rpreload() {
	readelf -l "$DDNSUP" 2>/dev/null | grep -q 'program interpreter' ||
	    SKIP="a static ddnsup cannot preload test/clock.so"
	[ -z "$SKIP" ]
}

# rfield NAME FAMILY N: field N of the name's state record
rfield() { awk -v n="$1" -v f="$2" -v k="$3" '$1 == "name" && $2 == n && $3 == f { print $k }' "$S" 2>/dev/null; }

FLOOR=$(sed -n 's/^#define RELEASE_TIME[^0-9]*\([0-9]*\).*/\1/p' "$TOP/x509.h")

t_router_clock() {
	rpreload || return
	mkdir -p "$RW"
	bootcert || { SKIP="openssl could not make the certificate"; return; }
	now=$(date +%s)
	[ "$now" -gt $((FLOOR + 86400)) ] || { SKIP="the real clock is before the certificate"; return; }
	rm -rf "$W/state" && mkdir -p "$W/state"
	provider -c "$RW/boot.chain" -k "$RW/boot.key" -n 10
	# booted at 1970-01-02: no check possible; not held, not stopped
	rtst 86400 -a 203.0.113.7 $N
	status 76
	out "$N failed 203.0.113.7 certificate"
	err "ddnsup: localhost:$PORT: the system clock reads 1970-01-02 00:00:00 UTC: certificate dates cannot be checked until it is set"
	nothingsent
	[ "$(rfield $N 4 5)$(rfield $N 4 8)$(rfield $N 4 9)" = 000 ] ||
	    bad "a time from the wrong clock recorded: $(cat "$S")"
	# a minute later, still 1970: tried again, no hold
	rtst 86460 -a 203.0.113.7 $N
	status 76
	err "ddnsup: localhost:$PORT: the system clock reads 1970-01-02 00:01:00 UTC: certificate dates cannot be checked until it is set"
	grep -q "^fails " "$S" && bad "failures counted at the wrong clock: $(cat "$S")"
	# NTP set the clock: sent
	rtst "$now" -a 203.0.113.7 $N
	status 0
	out "$N updated 203.0.113.7 good"
	nrequests 1
	[ "$(rfield $N 4 5)" = "$now" ] || bad "recorded time $(rfield $N 4 5), not $now"
}
case_ "router: a clock at 1970 neither holds nor stops a name: sent once the clock is set" t_router_clock

t_router_clockhold() {
	rpreload || return
	mkdir -p "$RW"
	bootcert || { SKIP="openssl could not make the certificate"; return; }
	now=$(date +%s)
	[ "$now" -gt $((FLOOR + 86400 + 120)) ] || { SKIP="the real clock is before the certificate"; return; }
	rm -rf "$W/state" && mkdir -p "$W/state"
	provider -c "$RW/boot.chain" -k "$RW/boot.key" -n 10
	# a clock past the floor but before the certificate: a short hold, never a stop
	c=$((FLOOR + 43200))
	rtst $c -a 203.0.113.7 $N
	status 76
	out "$N failed 203.0.113.7 certificate"
	err "ddnsup: localhost:$PORT: certificate expired or not yet valid"
	nothingsent
	[ "$(rfield $N 4 8)" = $((c + 120)) ] || bad "hold $(rfield $N 4 8), not $((c + 120))"
	[ "$(rfield $N 4 9)" = 0 ] || bad "stopped: $(cat "$S")"
	rtst $((c + 60)) -a 203.0.113.7 $N
	status 75
	out "$N held 203.0.113.7 certificate"
	# the clock set: the hold is over, sent
	rtst "$now" -a 203.0.113.7 $N
	status 0
	out "$N updated 203.0.113.7 good"
	nrequests 1
}
case_ "router: a certificate not yet valid by a clock past the floor is a two-minute hold, never a stop" t_router_clockhold
