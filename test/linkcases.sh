# Cases: the link is the instance. A router namespace with two uplinks
# (wan1 behind ISP A's NAT, wan2 routed by ISP B) to a provider
# namespace that holds the test provider and an address check page at
# 192.0.2.10 and 2001:db8:ff::10; the default route goes via wan1.
#
#   router (LR)          ISP A (LA)                 provider (LP)
#   wan1 10.1.0.2 ------ 10.1.0.1 NAT 198.51.100.1 -- 198.51.100.10
#        2001:db8:1::2   2001:db8:1::1   f1::1        2001:db8:f1::10
#   wan2 203.0.113.2 --- 203.0.113.1  198.51.100.129 - 198.51.100.130
#        2001:db8:2::2   2001:db8:2::1   f2::1        2001:db8:f2::10
#   br-lan 2001:db8:2:100::1/64 (the delegated prefix's LAN side)

LR=dd12r$$ LA=dd12a$$ LB=dd12b$$ LP=dd12p$$

# linknet: build the namespaces (LINKNS lists them for the cleanup)
linknet() {
	if [ "$(id -u)" -ne 0 ] || ! command -v ip >/dev/null ||
	    ! command -v iptables >/dev/null; then
		SKIP="needs root, iproute2 and iptables (network namespaces)"
		return 1
	fi
	for ns in $LR $LA $LB $LP; do
		ip netns add $ns 2>/dev/null || {
			SKIP="cannot create network namespace $ns"
			linkdown
			return 1
		}
		LINKNS="$LINKNS $ns"
		ip netns exec $ns ip link set lo up
	done
	ip link add wan1 netns $LR type veth peer name r netns $LA
	ip link add wan2 netns $LR type veth peer name r netns $LB
	ip link add ul netns $LA type veth peer name p1 netns $LP
	ip link add ul netns $LB type veth peer name p2 netns $LP
	inr ip link add br-lan type veth peer name br-lan1
	inr ip link set br-lan1 up
	ip netns exec $LR sh -e <<-EOF
	for i in wan1 wan2 br-lan; do ip link set \$i up; done
	ip addr add 10.1.0.2/24 dev wan1
	ip -6 addr add 2001:db8:1::2/64 dev wan1 nodad
	ip addr add 203.0.113.2/24 dev wan2
	ip -6 addr add 2001:db8:2::2/64 dev wan2 nodad
	ip -6 addr add 2001:db8:2:100::1/64 dev br-lan nodad
	ip route add default via 10.1.0.1 dev wan1 metric 100
	ip route add default via 203.0.113.1 dev wan2 metric 200
	ip -6 route add default via 2001:db8:1::1 dev wan1 metric 100
	ip -6 route add default via 2001:db8:2::1 dev wan2 metric 200
	EOF
	ip netns exec $LA sh -e <<-EOF
	ip link set r up; ip link set ul up
	sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
	ip addr add 10.1.0.1/24 dev r
	ip -6 addr add 2001:db8:1::1/64 dev r nodad
	ip addr add 198.51.100.1/25 dev ul
	ip -6 addr add 2001:db8:f1::1/64 dev ul nodad
	ip route add 192.0.2.10 via 198.51.100.10
	ip -6 route add 2001:db8:ff::/64 via 2001:db8:f1::10
	iptables -t nat -A POSTROUTING -o ul -j MASQUERADE
	EOF
	ip netns exec $LB sh -e <<-EOF
	ip link set r up; ip link set ul up
	sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
	ip addr add 203.0.113.1/24 dev r
	ip -6 addr add 2001:db8:2::1/64 dev r nodad
	ip -6 route add 2001:db8:2:100::/64 via 2001:db8:2::2
	ip addr add 198.51.100.129/25 dev ul
	ip -6 addr add 2001:db8:f2::1/64 dev ul nodad
	ip route add 192.0.2.10 via 198.51.100.130
	ip -6 route add 2001:db8:ff::/64 via 2001:db8:f2::10
	EOF
	ip netns exec $LP sh -e <<-EOF
	ip link set p1 up; ip link set p2 up
	ip addr add 198.51.100.10/25 dev p1
	ip -6 addr add 2001:db8:f1::10/64 dev p1 nodad
	ip addr add 198.51.100.130/25 dev p2
	ip -6 addr add 2001:db8:f2::10/64 dev p2 nodad
	ip addr add 192.0.2.10/32 dev lo
	for a in 2001:db8:ff::10 2001:db8:ff::dead 2001:db8:ff::beef; do
		ip -6 addr add \$a/128 dev lo
	done
	ip route add 203.0.113.0/24 via 198.51.100.129
	ip -6 route add 2001:db8:1::/64 via 2001:db8:f1::1
	ip -6 route add 2001:db8:2::/48 via 2001:db8:f2::1
	EOF
	# names for the router's resolver (ip netns exec mounts it on /etc/hosts)
	mkdir -p /etc/netns/$LR
	cat >/etc/netns/$LR/hosts <<-EOF
	192.0.2.10 ddns.example.net
	2001:db8:ff::dead eyes1.example.net
	192.0.2.10 eyes1.example.net
	2001:db8:ff::dead eyes2.example.net
	2001:db8:ff::beef eyes2.example.net
	192.0.2.10 eyes2.example.net
	2001:db8:ff::10 dual.example.net
	192.0.2.10 dual.example.net
	EOF
	PROVWRAP="ip netns exec $LP"
	return 0
}

linkdown() {
	stopprovider
	for ns in $LINKNS; do ip netns del $ns 2>/dev/null; done
	LINKNS=
	rm -rf /etc/netns/$LR
}

inr() { ip netns exec $LR "$@"; }

# lrun ARGS: ddnsup in the router namespace; sets STATUS and TENTHS
lrun() {
	t0=$(date +%s%N | cut -c1-11)
	ip netns exec $LR $RUN "$@" >"$W/out" 2>"$W/err"
	STATUS=$?
	t1=$(date +%s%N | cut -c1-11)
	TENTHS=$((t1 - t0))
}

# lprovider [options]: the test provider at 192.0.2.10 and
# 2001:db8:ff::*, every connection's source address in $W/peers
lprovider() {
	: >"$W/peers"
	reply "200 OK" "good\n"
	provider -l :: -a "$W/peers" "$@"
}

# peers ADDR...: the provider saw connections from exactly these
peers() {
	printf '%s\n' "$@" >"$W/want"
	diff -u "$W/want" "$W/peers" >"$W/diff" || { bad "source addresses differ:"; cat "$W/diff" >>"$W/why"; }
}

# faster TENTHS: the run took less than this
faster() { [ "$TENTHS" -lt $(($1 + SLACK)) ] || bad "took $TENTHS tenths of a second, bound $1"; }

LS="-s http://ddns.example.net:"
LSTATE=$W/state/link.state

t_linkbind() {
	linknet || return
	lprovider -n 2
	# as routed: out of wan1, through ISP A's NAT
	lrun -s "http://ddns.example.net:$PORT" -u bob -a 203.0.113.9 $N
	status 0
	# bound: out of wan2, from wan2's own address
	lrun -s "http://ddns.example.net:$PORT" -u bob -i wan2 $N
	status 0
	out "$N updated 203.0.113.2 good"
	grep -c "GET $(q $N 203.0.113.2) " "$W/rec" >/dev/null || bad "wan2's address not sent"
	peers 198.51.100.1 203.0.113.2
	linkdown
}
case_ "link: -i wan2 leaves through wan2, from its address" t_linkbind

t_linkcheck() {
	linknet || return
	: >"$W/cpeers"
	PROVWRAP="ip netns exec $LP" checkpage "" -l 192.0.2.10 -m echo -a "$W/cpeers"
	lprovider -n 2
	lrun -s "http://ddns.example.net:$PORT" -u bob -i wan2 -w "http://192.0.2.10:$CPORT/" $N
	status 0
	out "$N updated 203.0.113.2 good"
	# wan1 is behind NAT: the page sees ISP A's address
	lrun -s "http://ddns.example.net:$PORT" -u bob -i wan1 -w "http://192.0.2.10:$CPORT/" $N
	status 0
	out "$N updated 198.51.100.1 good"
	[ "$(grep -c "myip=203.0.113.2&" "$W/rec")$(grep -c "myip=198.51.100.1&" "$W/rec")" = 11 ] ||
	    bad "the provider did not receive each link's address"
	printf '203.0.113.2\n198.51.100.1\n' >"$W/want"
	diff -u "$W/want" "$W/cpeers" >"$W/diff" || { bad "check page sources differ:"; cat "$W/diff" >>"$W/why"; }
	peers 203.0.113.2 198.51.100.1
	linkdown
}
case_ "link: -i with -w, the check page fetched through the link" t_linkcheck

t_linkprivate() {
	linknet || return
	lprovider
	lrun -s "http://ddns.example.net:$PORT" -u bob -i wan1 $N
	status 78
	out "$N failed - config"
	errhas "wan1: 10.1.0.2 is a private address: not published unless -o AllowPrivate=1 says so"
	nothingsent
	lrun -s "http://ddns.example.net:$PORT" -u bob -i wan1 -o AllowPrivate=1 $N
	status 0
	req "$(q $N 10.1.0.2)" "ddns.example.net:$PORT"
	peers 198.51.100.1
	linkdown
}
case_ "link: a private address only with AllowPrivate" t_linkprivate

t_linkblackhole() {
	linknet || return
	ip netns exec $LA ip route replace blackhole 192.0.2.10
	mkdir -p "$(dirname "$LSTATE")"
	rm -f "$LSTATE"
	lprovider
	# as routed, into the blackhole: nothing reached the provider
	lrun -s "http://ddns.example.net:$PORT" -u bob -c "$LSTATE" -t 2 -a 198.51.100.77 $N
	status 75
	out "$N failed 198.51.100.77 timeout"
	grep -q "^name $N 4 - 0 timeout 75 [0-9]* 0 - local 198.51.100.77 [0-9a-f]*\$" "$LSTATE" ||
	    bad "no local hold recorded: $(cat "$LSTATE")"
	hold=$(sed -n "s/^name $N 4 - 0 timeout 75 \([0-9]*\) .*/\1/p" "$LSTATE")
	[ "$hold" -le $(($(date +%s) + 120)) ] || bad "hold longer than 2 minutes"
	lrun -s "http://ddns.example.net:$PORT" -u bob -c "$LSTATE" -t 2 -a 198.51.100.77 $N
	status 75
	out "$N held 198.51.100.77 timeout"
	# the wan2 instance: a new address, at once, through wan2
	lrun -s "http://ddns.example.net:$PORT" -u bob -c "$LSTATE" -t 10 -i wan2 $N
	status 0
	out "$N updated 203.0.113.2 good"
	faster 50
	req "$(q $N 203.0.113.2)" "ddns.example.net:$PORT"
	peers 203.0.113.2
	linkdown
}
case_ "link: wan1 blackholed: a short local hold; the wan2 instance updates at once" t_linkblackhole

# eyes NAME DROPPED...: the name's IPv6 addresses are dropped at ISP A
eyes() {
	host=$1
	shift
	linknet || return
	for a; do
		ip netns exec $LA ip6tables -A FORWARD -d $a -j DROP
	done
	lprovider
	lrun -s "http://$host:$PORT" -u bob -a 203.0.113.9 -t 30 $N
	status 0
	out "$N updated 203.0.113.9 good"
	faster 50
	peers 198.51.100.1
	dropped=$(ip netns exec $LA ip6tables -L FORWARD -v -n -x | awk '/DROP/ { n += $1 } END { print n + 0 }')
	# RFC 8305 interleaves: IPv6, IPv4 (which wins), the second IPv6 unused
	[ "$dropped" -ge 1 ] || bad "IPv6 not tried first ($dropped packets dropped)"
	linkdown
}
case_ "eyeballs: a dropped IPv6 address, then IPv4" eyes eyes1.example.net 2001:db8:ff::dead
case_ "eyeballs: two dropped IPv6 addresses, then IPv4" eyes eyes2.example.net 2001:db8:ff::dead 2001:db8:ff::beef

t_linkv6() {
	linknet || return
	lprovider -n 2
	# the LAN host's address: br-lan's prefix, the host's interface ID
	lrun -s "http://[2001:db8:ff::10]:$PORT" -u bob -i wan2 -6 \
	    -o IPv6PrefixInterface=br-lan -o IPv6InterfaceID=::a:b:c:d $N
	status 0
	out "$N updated 2001:db8:2:100:a:b:c:d good"
	lrun -s "http://[2001:db8:ff::10]:$PORT" -u bob -i wan2 -6 -o IPv6InterfaceID=::1:2:3:4 $N
	status 0
	out "$N updated 2001:db8:2:0:1:2:3:4 good"
	[ "$(grep -c "myip=2001:db8:2:100:a:b:c:d&" "$W/rec")$(grep -c "myip=2001:db8:2:0:1:2:3:4&" "$W/rec")" = 11 ] ||
	    bad "the provider did not receive the shaped addresses"
	# bound to wan2 either way
	peers 2001:db8:2::2 2001:db8:2::2
	linkdown
}
case_ "link: IPv6PrefixInterface and IPv6InterfaceID, bound to wan2" t_linkv6

t_linkaddrs() {
	linknet || return
	lprovider
	inr ip link add dum0 type veth peer name dum1
	inr ip link set dum1 up
	inr ip link set dum0 up
	inr ip addr add 10.9.0.1/24 dev dum0
	inr ip addr add 192.0.2.77/32 dev dum0 label dum0:1
	lrun $LS"$PORT" -u bob -i dum0 -n $N
	status 0
	grep -q "myip=192.0.2.77&" "$W/out" || bad "the alias label's address was not used"
	# tentative (DAD made to take 3 s) is "not yet": 75, not 78
	inr sysctl -qw net.ipv6.neigh.wan2.retrans_time_ms=3000
	inr ip -6 addr add 2001:db8:2::7/64 dev wan2
	inr ip -6 addr del 2001:db8:2::2/64 dev wan2
	lrun $LS"$PORT" -u bob -i wan2 -6 -t 1 $N
	status 75
	out "$N failed - link"
	errhas "wan2: no usable IPv6 address yet (duplicate address detection)"
	# optimistic addresses (RFC 4429) are usable during DAD
	if inr sysctl -qw net.ipv6.conf.wan2.optimistic_dad=1 2>/dev/null; then
		inr ip -6 addr add 2001:db8:2::8/64 dev wan2 optimistic
		lrun $LS"$PORT" -u bob -i wan2 -6 -n $N
		status 0
		grep -q "myip=2001:db8:2::8&" "$W/out" || bad "the optimistic address was not used"
		inr ip -6 addr del 2001:db8:2::8/64 dev wan2
	fi
	# the address arrives during the run: waited for, then sent
	lrun -s "http://[2001:db8:ff::10]:$PORT" -u bob -i wan2 -6 -t 10 $N
	status 0
	peers 2001:db8:2::7
	linkdown
}
case_ "link: alias labels, tentative and optimistic addresses, waiting for DAD" t_linkaddrs

t_linkfamily() {
	linknet || return
	inr ip -6 addr del 2001:db8:2::2/64 dev wan2
	lprovider
	# wan2 has no IPv6 address: the name's IPv6 address is not tried
	lrun -s "http://dual.example.net:$PORT" -u bob -i wan2 $N
	status 0
	out "$N updated 203.0.113.2 good"
	peers 203.0.113.2
	: >"$W/rec"
	lrun -s "http://[2001:db8:ff::10]:$PORT" -u bob -i wan2 $N
	status 75
	out "$N failed 203.0.113.2 link"
	errhas "connect [2001:db8:ff::10]:$PORT: wan2: no usable IPv6 address yet"
	nothingsent
	linkdown
}
case_ "link: a family the link has no address of is not tried" t_linkfamily

t_linkv6usage() {
	usage_ "IPv6InterfaceID=::1: applies to -i or -w's IPv6 address: give -6" -u bob -i lo -o IPv6InterfaceID=::1 $N
	usage_ "-o IPv6InterfaceID=2001:db8::1: not an interface ID" -u bob -o IPv6InterfaceID=2001:db8::1 $N
	usage_ "AllowPrivate=2: must be 1, 0, true or false" -u bob -o AllowPrivate=2 $N
}
case_ "usage: IPv6InterfaceID, AllowPrivate" t_linkv6usage

# dhcp FIRST: busybox udhcpd in ISP B leases FIRST (alone in its pool)
# to udhcpc on wan2, whose script sets the address and runs ddnsup
# as a router's bound hook would; the hook's lines go to $W/hook
dhcp() {
	cat >"$W/udhcpd.conf" <<-EOF
	start $1
	end $1
	interface r
	max_leases 1
	lease_file $W/leases
	pidfile $W/udhcpd.pidfile
	option subnet 255.255.255.0
	option router 203.0.113.1
	option lease 600
	EOF
	: >"$W/leases"
	ip netns exec $LB sh -c "udhcpd -f '$W/udhcpd.conf' >/dev/null 2>&1 & echo \$! >'$W/udhcpd.pid'"
	sleep 0.2
	inr busybox udhcpc -f -q -n -t 5 -T 1 -i wan2 -s "$W/hook.sh" >/dev/null 2>&1
	kill "$(cat "$W/udhcpd.pid")" 2>/dev/null
}

t_linkdhcp() {
	linknet || return
	command -v udhcpd >/dev/null || { SKIP="no udhcpd (busybox)"; linkdown; return; }
	mkdir -p "$(dirname "$LSTATE")"
	rm -f "$LSTATE"
	inr ip addr flush dev wan2
	lprovider -n 2
	cat >"$W/hook.sh" <<-EOF
	#!/bin/sh
	[ "\$1" = bound ] || [ "\$1" = renew ] || exit 0
	ip addr flush dev "\$interface"
	ip addr add "\$ip/\$mask" dev "\$interface"
	ip route add default via "\$router" dev "\$interface" metric 200
	t0=\$(date +%s%N | cut -c1-11)
	$RUN -c "$LSTATE" -s "http://ddns.example.net:$PORT" -u bob -i "\$interface" $N >>"$W/hook" 2>>"$W/hookerr"
	st=\$?
	t1=\$(date +%s%N | cut -c1-11)
	echo "\$1 \$st \$((t1 - t0))" >>"$W/hook"
	EOF
	chmod 755 "$W/hook.sh"
	: >"$W/hook"
	# the provider unreachable at bound: 69, a short local hold
	ip netns exec $LP iptables -A INPUT -p tcp --dport "$PORT" -j REJECT --reject-with tcp-reset
	dhcp 203.0.113.50
	grep -q "^name $N 4 - 0 connect 69 [0-9]* 0 - local 203.0.113.50 [0-9a-f]*\$" "$LSTATE" ||
	    bad "no local hold for 203.0.113.50: $(cat "$LSTATE")"
	# the provider back, the same address: held (at most 2 minutes)
	ip netns exec $LP iptables -F INPUT
	lrun -c "$LSTATE" -s "http://ddns.example.net:$PORT" -u bob -i wan2 $N
	status 75
	out "$N held 203.0.113.50 connect"
	nothingsent
	# the next lease has a new address: sent at once, through wan2
	dhcp 203.0.113.51
	sed 's/ [0-9]*$//' "$W/hook" >"$W/out"
	out "$N failed 203.0.113.50 connect" "bound 69" "$N updated 203.0.113.51 good" "bound 0"
	tenths=$(sed -n '$s/.* //p' "$W/hook")
	[ "$tenths" -lt $((50 + SLACK)) ] || bad "the bound hook took $tenths tenths"
	req "$(q $N 203.0.113.51)" "ddns.example.net:$PORT"
	peers 203.0.113.51
	linkdown
}
case_ "link: DHCP bound while the provider is unreachable, then a new lease: sent at once" t_linkdhcp

t_linkconf() {
	provider
	f=$W/link.conf
	printf 'Username = bob\nPassword = x\nDomainName1 = %s\nLinkReference = lo\nIPv6InterfaceID = 2001:db8::1\n' $N >"$f"
	chmod 600 "$f"
	ddnsup -f "$f" -6
	status 64
	err "ddnsup: $f:5: IPv6InterfaceID: not an interface ID (the low 64 bits, as ::a:b:c:d)"
	printf 'Username = bob\nPassword = x\nDomainName1 = %s\nLinkReference = lo\nAllowPrivate = maybe\n' $N >"$f"
	ddnsup -f "$f"
	status 64
	err "ddnsup: $f:5: AllowPrivate: must be 1, 0, true or false"
	# accepted: the run reaches the interface (lo has no usable address)
	printf 'Username = bob\nPassword = x\nDomainName1 = %s\nProviderFQDN = ddns.example.org\nLinkReference = lo\nIPv6InterfaceID = ::a:b:c:d\nIPv6PrefixInterface = lo\nAllowPrivate = 1\n' $N >"$f"
	ddnsup -f "$f" -6 -n
	status 0
	errhas "ddnsup: -n: lo: no usable IPv6 address: a real run would exit 78 (config)"
	grep -q "myip=IPv6-of-lo&" "$W/out" || bad "-n: $(cat "$W/out")"
	nothingsent
}
case_ "conf: AllowPrivate, IPv6InterfaceID and IPv6PrefixInterface in the file" t_linkconf

t_nodata() {
	if [ "$(id -u)" -ne 0 ] || ! ip netns add dd12n$$ 2>/dev/null; then
		SKIP="needs root (a network namespace with its own resolver)"
		return
	fi
	LINKNS="$LINKNS dd12n$$"
	mkdir -p /etc/netns/dd12n$$
	printf 'nameserver 127.0.0.1\noptions attempts:1 timeout:2\n' >/etc/netns/dd12n$$/resolv.conf
	: >/etc/netns/dd12n$$/hosts
	ip netns exec dd12n$$ ip link set lo up
	rm -f "$W/dnsready"
	ip netns exec dd12n$$ "$T/nodatadns" -P "$W/dnsready" -T 20 &
	CPID_=$!
	waitport "$W/dnsready"
	# NOERROR without records: the name exists but has no address, 68
	ip netns exec dd12n$$ $RUN -s http://nodata.example.net -u bob -a 203.0.113.7 -t 5 $N >"$W/out" 2>"$W/err"
	STATUS=$?
	status 68
	out "$N failed 203.0.113.7 resolve"
	# the cause is the C library's words (glibc: "No address associated
	# with hostname"; musl says "Name does not resolve")
	errhas "resolve nodata.example.net: "
	ip netns del dd12n$$
	rm -rf /etc/netns/dd12n$$
}
case_ "resolve: NOERROR without records is 68 (EAI_NODATA)" t_nodata
