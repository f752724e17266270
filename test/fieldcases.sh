# Field-ready operation (issue 14): a first run on a fresh machine, logs
# and cron mail, secrets and typos, and every hook in contrib/ run by its
# real daemon (udhcpc with udhcpd, dhcpcd, dhclient, ifupdown) in network
# namespaces, or with exactly what its daemon documents (pppd, Network-
# Manager, networkd-dispatcher, OpenWrt hotplug).

FC=$W/field.conf

# fconf LINK: one instance "wan" on LINK, against the provider on PORT
fconf() {
	printf '%s\n' "Name = wan" "LinkReference = $1" "Username = bob" \
	    "Password = $SECRET" "DomainName1 = $N" "ProviderFQDN = localhost" \
	    "ProviderPort = $PORT" "ProviderCACertificate = $CERTS/ca.pem" >"$FC"
	chmod 600 "$FC"
	rm -rf "$W/fvar"
	mkdir -p "$W/fvar"
}

# fhook FILE: a copy of contrib/FILE with this build's paths and its
# state directory in place of /var/lib/ddnsup (daemons such as dhcpcd,
# dhclient and ifup clear the environment)
fhook() {
	sed -e "s|/usr/local/bin/ddnsup|$RUN|g; s|/etc/ddnsup/ddnsup.conf|$FC|g" \
	    -e "1a\\
DDNSUP_STATEDIR=$W/fvar; export DDNSUP_STATEDIR" "$TOP/contrib/$1" \
	    >"$W/hook.$1"
	chmod 755 "$W/hook.$1"
	echo "$W/hook.$1"
}

fstated() { [ -f "$W/fvar/wan.state" ] || bad "no state file: the hook did not run ddnsup"; }

# --- command line, secrets, configuration values ---------------------------

t_fhelp() {
	ddnsup -h
	status 0
	grep -q '^usage: ddnsup ' "$W/out" || bad "-h: no usage on stdout"
	grep -q 'man ddnsup' "$W/out" || bad "-h: no pointer to the manual"
	err
	ddnsup --help
	status 0
	grep -q 'man ddnsup' "$W/out" || bad "--help: no pointer to the manual"
	ddnsup --version
	status 0
	head -n 1 "$W/out" >"$W/got"
	[ "$(cat "$W/got")" = "ddnsup $VERSION" ] || bad "--version: $(cat "$W/got")"
	ddnsup --verbose
	status 64
	errhas "ddnsup: --verbose: no long options: -h for the usage, -V for the version, man ddnsup for the manual"
}
case_ "field: -h, --help and --version; no other long option" t_fhelp

t_fsecretarg() {
	provider
	http -p hunter2 $N
	status 78
	out "$N failed - config"
	err "ddnsup: -p: cannot open the secret file: No such file or directory"
	nothingsent
	http -l -v -p hunter2 $N
	grep -F hunter2 "$W/out" "$W/err" >/dev/null && bad "the -p argument was printed"
	:
}
case_ "field: a password given to -p is never printed" t_fsecretarg

t_fconfvalues() {
	provider
	printf '\357\273\277Username = bob\nPassword = %s\nDomainName1 = %s\nProviderFQDN = 127.0.0.1\nProviderPort = %s\nProviderProtocol = http\n' \
	    "$SECRET" $N $PORT >"$FC"
	chmod 600 "$FC"
	ddnsup -f "$FC" -a 203.0.113.7
	status 0
	req "$(q $N 203.0.113.7)" "127.0.0.1:$PORT"
	: >"$W/rec"
	printf 'Username = "bob"\nPassword = x\nDomainName1 = %s\nProviderFQDN = 127.0.0.1\nProviderPort = %s\n' $N $PORT >"$FC"
	ddnsup -f "$FC" -a 203.0.113.7
	status 64
	noout
	err "ddnsup: $FC:1: Username: the value is in quotes, which would be sent: remove them"
	nothingsent
	printf 'Username = bob\nPassword = hunter2 # LTE\nDomainName1 = %s\nProviderFQDN = 127.0.0.1\nProviderPort = %s\nProviderProtocol = http\n' $N $PORT >"$FC"
	ddnsup -f "$FC" -n -a 203.0.113.7
	status 0
	errhas "ddnsup: $FC:2: Password: \"#\" is part of the value (a comment needs its own line)"
	grep -F hunter2 "$W/err" >/dev/null && bad "the warning shows the secret"
	printf 'Username = bob\nPassword = "hunter2"\nDomainName1 = %s\nProviderFQDN = 127.0.0.1\nProviderPort = %s\nProviderProtocol = http\n' $N $PORT >"$FC"
	ddnsup -f "$FC" -n -a 203.0.113.7
	status 0
	errhas "ddnsup: $FC:2: Password: the quotes are part of the value"
}
case_ "field: a BOM is accepted; quotes and ' #' in values are named by file:line" t_fconfvalues

t_fmistakes() {
	for s in https//localhost:1 https:localhost http:/localhost https; do
		provider
		ddnsup -u bob -s "$s" -a 203.0.113.7 $N
		status 64
		errhas "a scheme without \"://\": write https://host"
		nothingsent
		stopprovider
	done
	usage_ "-c : an empty path" -u bob -s "http://127.0.0.1:$PORT" -c '' $N
	provider
	http -T 1d -a 203.0.113.7 $N
	status 0
	err "ddnsup: -T: has no effect without a state file (-c)" \
	    "ddnsup: 127.0.0.1: plain http: the password crosses the network in clear"
	nrequests 1
	: >"$W/rec"
	printf 'Username = bob\nPassword = x\nDomainName1 = %s\nProviderFQDN = 127.0.0.1\nProviderPort = %s\nProviderProtocol = http\nUpdateTimePeriod = 1d\nStateFile =\n' $N $PORT >"$FC"
	chmod 600 "$FC"
	ddnsup -f "$FC" -a 203.0.113.7
	status 64
	err "ddnsup: $FC:8: StateFile: an empty path"
	nothingsent
	sed -i '/^StateFile/d' "$FC"
	ddnsup -f "$FC" -n -a 203.0.113.7
	status 0
	errhas "ddnsup: $FC:7: UpdateTimePeriod: has no effect without a state file (StateFile or -c)"
}
case_ "field: -s typos and -c '' are 64 with nothing sent; -T without -c warns" t_fmistakes

t_fstatedir() {
	provider
	rm -rf "$W/fresh"
	mkdir "$W/fresh"
	http -q -c "$W/fresh/ddnsup/home.state" -a 203.0.113.7 $N
	status 0
	noout
	[ "$(stat -c %a "$W/fresh/ddnsup")" = 700 ] || bad "state directory not created 0700"
	[ -f "$W/fresh/ddnsup/home.state" ] || bad "no state file"
	nrequests 1
	: >"$W/rec"
	http -q -c "$W/fresh/a/b/home.state" -a 203.0.113.7 $N
	status 78
	out "$N failed - config"
	errhas "ddnsup: $W/fresh/a/b/home.state: the state file's directory $W/fresh/a/b is missing, and so is its parent: create them"
	[ -e "$W/fresh/a" ] && bad "more than the last component was created"
	nothingsent
}
case_ "field: the state file's directory is created (0700, last component only)" t_fstatedir

t_flocallines() {
	provider
	https -C "$W/none.pem" -a 203.0.113.7 $N
	status 78
	out "$N failed - config"
	errhas "$W/none.pem"
	https -i no/such0 $N $N2
	status 78
	out "$N failed - config" "$N2 failed - config"
	mkdir -p "$W/ro"
	http -c "$W/ro" -a 203.0.113.7 $N
	status 78
	out "$N failed - config"
	nothingsent
}
case_ "field: local failures (CA, interface, state) print each name's line" t_flocallines

t_fquiet() {
	provider -n 5
	rm -f "$S"
	mkdir -p "$(dirname "$S")"
	http -q -c "$S" -a 203.0.113.7 $N
	status 0
	noout
	http -q -c "$S" -a 203.0.113.7 $N
	status 0
	noout
	nrequests 1
	stopprovider
	reply "200 OK" "911\n"
	provider -n 5
	http -q -c "$S" -a 203.0.113.8 $N
	status 75
	out "$N failed 203.0.113.8 911"
	http -q -c "$S" -a 203.0.113.8 $N
	status 75
	noout
	nrequests 1
}
case_ "field: -q prints nothing for skipped and held names" t_fquiet

t_fmailorder() {
	reply "200 OK" "badauth\n"
	provider
	$RUN -lq -s "http://127.0.0.1:$PORT" -u bob -a 203.0.113.7 $N >"$W/mail" 2>&1
	STATUS=$?
	status 77
	# without a syslog socket -l falls back: the early warning is there too
	printf '%s\n' "ddnsup: 127.0.0.1: plain http: the password crosses the network in clear" \
	    "$N failed 203.0.113.7 badauth" \
	    "ddnsup: 127.0.0.1:$PORT: badauth: user name or password refused" >"$W/want"
	diff -u "$W/want" "$W/mail" >"$W/diff" || { bad "cron mail:"; cat "$W/diff" >>"$W/why"; }
}
case_ "field: cron mail says what failed, then why" t_fmailorder

# --- syslog: a private /dev with busybox syslogd ---------------------------

# insyslog SCRIPT: run sh -c SCRIPT with a private /dev whose /dev/log is
# busybox syslogd's (writing $W/syslog), or a dead socket (SYSLOG=dead),
# or none (SYSLOG=none)
insyslog() {
	cat >"$W/insyslog" <<SH
mkdir -p "$W/dev0"
mount --rbind /dev "$W/dev0" && mount -t tmpfs tmpfs /dev || exit 99
for n in null zero urandom random; do
	: >/dev/\$n; mount --bind "$W/dev0/\$n" /dev/\$n
done
umount -l "$W/dev0"
case "${SYSLOG:-on}" in
on)
	busybox syslogd -n -O "$W/syslog" & sp=\$!
	i=0; while [ ! -S /dev/log ] && [ \$i -lt 200 ]; do sleep 0.01; i=\$((i+1)); done ;;
dead)
	busybox syslogd -n -O /dev/null & sp=\$!
	i=0; while [ ! -S /dev/log ] && [ \$i -lt 200 ]; do sleep 0.01; i=\$((i+1)); done
	kill -9 \$sp; wait \$sp; sp= ;;
none) sp= ;;
esac
sh -c "\$1" >"$W/out" 2>"$W/err"
echo \$? >"$W/st"
sleep 0.2
[ -z "\$sp" ] || kill \$sp
SH
	: >"$W/syslog"
	unshare -m --propagation private sh "$W/insyslog" "$1" 2>"$W/insyslog.err"
	STATUS=$(cat "$W/st" 2>/dev/null)
}

logged() { grep -F -- "$1" "$W/syslog" >/dev/null || { bad "syslog lacks '$1':"; cat "$W/syslog" >>"$W/why"; }; }

t_fsyslog() {
	command -v unshare >/dev/null && [ "$(id -u)" = 0 ] || { SKIP="needs root and unshare"; return; }
	provider -n 5
	insyslog "$RUN -lq -s http://127.0.0.1:$PORT -u bob -a 203.0.113.7 $N"
	status 0
	noout
	err
	logged "daemon.notice ddnsup["
	logged "]: $N updated 203.0.113.7 good"
	logged "daemon.warn ddnsup["
	stopprovider
	reply "200 OK" "badauth\n"
	provider
	insyslog "$RUN -l -v -s http://127.0.0.1:$PORT -u bob -a 203.0.113.7 $N"
	status 77
	out "$N failed 203.0.113.7 badauth"
	err "ddnsup: 127.0.0.1:$PORT: badauth: user name or password refused"
	logged "daemon.err ddnsup["
	logged "daemon.info ddnsup["
	fconf eth0
	insyslog "$RUN -l -E -f $FC -I ppp9"
	status 0
	noout
	err
	logged "daemon.debug ddnsup["
	logged "no enabled instance matches ppp9"
	nosecret
}
case_ "field: -l: err, warning, notice for each update, info for -v, debug for -E" t_fsyslog

t_fnosyslog() {
	command -v unshare >/dev/null && [ "$(id -u)" = 0 ] || { SKIP="needs root and unshare"; return; }
	reply "200 OK" "badauth\n"
	provider -n 5
	for SYSLOG in none dead; do
		insyslog "$RUN -l -s http://127.0.0.1:$PORT -u bob -a 203.0.113.7 $N"
		status 77
		out "$N failed 203.0.113.7 badauth"
		err "ddnsup: 127.0.0.1: plain http: the password crosses the network in clear" \
		    "ddnsup: 127.0.0.1:$PORT: badauth: user name or password refused"
	done
	SYSLOG=
}
case_ "field: -l without a syslog daemon falls back to standard error" t_fnosyslog

# --- hooks run by their real daemons, in network namespaces ---------------

# fnet: a DHCP server namespace (udhcpd on vS, 192.0.2.1/24, vC's
# lease 192.0.2.114) and a client namespace with vC and the provider
fnet() {
	[ "$(id -u)" = 0 ] && command -v ip >/dev/null && command -v unshare >/dev/null ||
	    { SKIP="needs root, ip and unshare"; return 1; }
	NSS=dd14s$$ NSC=dd14c$$
	FNETNS="$NSS $NSC"
	ip netns add $NSS && ip netns add $NSC &&
	ip -n $NSS link add vS type veth peer name vC netns $NSC &&
	ip -n $NSC link set vC address 02:00:00:00:00:14 &&
	ip -n $NSS addr add 192.0.2.1/24 dev vS &&
	ip -n $NSS link set vS up && ip -n $NSS link set lo up &&
	ip -n $NSC link set vC up && ip -n $NSC link set lo up ||
	    { bad "cannot set up the namespaces"; fdown; return 1; }
	printf '%s\n' "interface vS" "start 192.0.2.100" "end 192.0.2.120" \
	    "static_lease 02:00:00:00:00:14 192.0.2.114" \
	    "lease_file $W/udhcpd.leases" "pidfile $W/udhcpd.pid" \
	    "option subnet 255.255.255.0" "option router 192.0.2.1" >"$W/udhcpd.conf"
	: >"$W/udhcpd.leases"
	ip netns exec $NSS busybox udhcpd -f "$W/udhcpd.conf" >"$W/udhcpd.log" 2>&1 &
	FPIDS=$!
	: >"$W/resolv"
	PROVWRAP="ip netns exec $NSC" provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 5
	fconf vC
}

fdown() {
	for p in ${FPIDS:-}; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
	for n in ${FNETNS:-}; do ip netns del "$n" 2>/dev/null; done
	FPIDS= FNETNS=
}

# inclient SCRIPT: run it in the client namespace with a private mount
# namespace whose /etc/resolv.conf is a scratch file (the DHCP clients'
# scripts write it)
inclient() {
	ip netns exec $NSC unshare -m --propagation private sh -c \
	    "mount --bind '$W/resolv' /etc/resolv.conf && $1" >"$W/out" 2>"$W/err"
	STATUS=$?
}

hasaddr() {
	ip -n $NSC -4 addr show dev vC | grep -q "inet $1/" ||
	    bad "vC was not configured with $1"
}

t_fudhcpc() {
	fnet || return
	h=$(fhook udhcpc.script)
	# udhcpc -s: Debian's default.script configures vC, then ddnsup runs
	inclient "busybox udhcpc -f -q -n -t 5 -T 1 -i vC -s $h"
	status 0
	req "$(q $N 192.0.2.114)" "localhost:$PORT"
	hasaddr 192.0.2.114
	fstated
	: >"$W/rec"
	inclient "busybox udhcpc -f -q -n -t 5 -T 1 -i vC -s $h"
	status 0
	nothingsent
	fconf eth9
	inclient "busybox udhcpc -f -q -n -t 5 -T 1 -i vC -s $h"
	status 0
	grep -q ddnsup "$W/out" "$W/err" && bad "a link without an instance was not quiet"
	nothingsent
	fdown
}
case_ "field: udhcpc -s with udhcpd: configures the link, updates once, quiet without an instance" t_fudhcpc

t_fdhcpcd() {
	command -v dhcpcd >/dev/null || { SKIP="no dhcpcd"; return; }
	fnet || return
	mkdir -p "$W/dhooks" "$W/dhdb"
	rm -f "$W/dhooks"/* "$W/after"
	cp "$(fhook dhcpcd.hook)" "$W/dhooks/90-ddnsup"
	printf ': >"%s/after"\n' "$W" >"$W/dhooks/99-after"
	inclient "mount -t tmpfs tmpfs /run && mount --bind '$W/dhdb' /var/lib/dhcpcd &&
	    mount --bind '$W/dhooks' /usr/lib/dhcpcd/dhcpcd-hooks &&
	    timeout 30 dhcpcd -1 -4 -A -t 10 -f /dev/null vC"
	status 0
	req "$(q $N 192.0.2.114)" "localhost:$PORT"
	hasaddr 192.0.2.114
	fstated
	[ -f "$W/after" ] || bad "the hook stopped dhcpcd-run-hooks (exec or exit?)"
	fdown
}
case_ "field: dhcpcd sources the hook with \$reason and \$new_ip_address" t_fdhcpcd

t_fdhclient() {
	command -v dhclient >/dev/null || { SKIP="no dhclient"; return; }
	fnet || return
	mkdir -p "$W/dhx"
	rm -f "$W/dhx"/* "$W/after"
	cp "$(fhook dhclient.hook)" "$W/dhx/ddnsup"
	# dhclient-script runs the hooks for PREINIT too: only a lease counts
	printf 'case "$reason" in BOUND|RENEW|REBIND|REBOOT) : >"%s/after";; esac\n' \
	    "$W" >"$W/dhx/zz-after"
	for conf in vC eth9; do
		fconf $conf
		: >"$W/rec"
		# in the foreground (-d), so that it is this shell's child to stop
		ip netns exec $NSC unshare -m --propagation private sh -c \
		    "mount --bind '$W/resolv' /etc/resolv.conf &&
		    mount --bind '$W/dhx' /etc/dhcp/dhclient-exit-hooks.d &&
		    exec dhclient -d -1 -4 -lf '$W/dhlease' -pf '$W/dhpid' vC" \
		    >"$W/out" 2>"$W/err" &
		dp=$!
		i=0
		while [ ! -f "$W/after" ] && [ $i -lt 150 ]; do sleep 0.1; i=$((i + 1)); done
		kill $dp 2>/dev/null
		wait $dp 2>/dev/null
		[ -f "$W/after" ] || bad "the hook stopped dhclient-script's exit hooks"
		rm -f "$W/after" "$W/dhpid"
		ip -n $NSC -4 addr flush dev vC
		if [ $conf = vC ]; then
			req "$(q $N 192.0.2.114)" "localhost:$PORT"
			fstated
		else
			nothingsent
			grep -q ddnsup "$W/out" "$W/err" && bad "a link without an instance was not quiet"
		fi
	done
	fdown
}
case_ "field: dhclient sources the exit hook; quiet without an instance" t_fdhclient

t_fifupdown() {
	command -v ifup >/dev/null || { SKIP="no ifupdown"; return; }
	fnet || return
	mkdir -p "$W/ifd" "$W/ifstate"
	rm -f "$W/ifd"/* "$W/ifstate"/*
	cp "$(fhook ifupdown.hook)" "$W/ifd/ddnsup"
	printf 'iface vC inet static\n\taddress 198.51.100.20/24\n' >"$W/interfaces"
	inclient "mount --bind '$W/ifd' /etc/network/if-up.d &&
	    ifup -i '$W/interfaces' --state-dir='$W/ifstate' vC"
	status 0
	req "$(q $N 198.51.100.20)" "localhost:$PORT"
	fstated
	fdown
}
case_ "field: ifupdown runs if-up.d with \$IFACE, \$MODE, \$ADDRFAM" t_fifupdown

# --- hooks with what their daemons document ----------------------------------

# fenv ARGS: a hook as its daemon runs it: a clean environment
fenv() {
	env -i PATH=/usr/bin:/bin "$@" >"$W/out" 2>"$W/err"
	STATUS=$?
}

t_fnetworkmanager() {
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 5
	fconf wwan0
	h=$(fhook networkmanager.hook)
	# NetworkManager-dispatcher(8): $1 interface, $2 action, IP4_ADDRESS_N
	fenv DEVICE_IFACE=cdc-wdm0 DEVICE_IP_IFACE=wwan0 CONNECTION_ID=lte \
	    IP4_NUM_ADDRESSES=1 IP4_ADDRESS_0="198.51.100.7/24 198.51.100.1" \
	    IP4_GATEWAY=198.51.100.1 "$h" wwan0 up
	status 0
	noout
	req "$(q $N 198.51.100.7)" "localhost:$PORT"
	: >"$W/rec"
	fenv DEVICE_IP_IFACE=wwan0 IP4_ADDRESS_0="198.51.100.7/24 198.51.100.1" "$h" wwan0 dhcp4-change
	status 0
	nothingsent
	fenv DEVICE_IP_IFACE=wwan0 "$h" wwan0 down
	status 0
	nothingsent
	fstated
}
case_ "field: NetworkManager dispatcher: up and dhcp4-change" t_fnetworkmanager

t_fnetworkd() {
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 5
	fconf wwan0
	h=$(fhook networkd-dispatcher.hook)
	fenv IFACE=wwan0 STATE=routable ADDR=198.51.100.8 IP_ADDRS=198.51.100.8 \
	    AdministrativeState=configured OperationalState=routable "$h"
	status 0
	noout
	req "$(q $N 198.51.100.8)" "localhost:$PORT"
	: >"$W/rec"
	fenv IFACE=wwan0 STATE=degraded ADDR=198.51.100.9 "$h"
	status 0
	nothingsent
	fstated
}
case_ "field: networkd-dispatcher: routable with \$IFACE and \$ADDR" t_fnetworkd

# flink NAME ADDR/LEN: a link in the client namespace, for -i (a veth
# pair: the dummy module may be missing)
flink() {
	case $2 in *:*) dad=nodad ;; *) dad= ;; esac
	ip -n $NSC link add "$1" type veth peer name "$1p" &&
	    ip -n $NSC addr add "$2" dev "$1" $dad &&
	    ip -n $NSC link set "$1p" up && ip -n $NSC link set "$1" up ||
	    bad "cannot make $1"
}

t_fppp6() {
	fnet || return
	flink ppp0 2001:db8::5/64
	fconf ppp0
	h=$(fhook ppp-ipv6-up)
	# pppd(8): interface tty speed local-link-local remote-link-local ipparam
	ip netns exec $NSC env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DDNSUP_WAIT=3 \
	    "$h" ppp0 /dev/ttyS0 115200 fe80::1 fe80::2 "" >"$W/out" 2>"$W/err"
	STATUS=$?
	status 0
	out "$N updated 203.0.113.7 good"
	req "$(q $N 2001:db8::5)" "localhost:$PORT"
	fdown
}
case_ "field: pppd ipv6-up: the link's global address, not the link-local ones" t_fppp6

t_fopenwrt() {
	fnet || return
	flink pppoe-wan 203.0.113.9/24
	fconf pppoe-wan
	h=$(fhook openwrt-hotplug)
	# hotplug-call sources /etc/hotplug.d/iface/* with ACTION, INTERFACE, DEVICE
	ip netns exec $NSC env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin ACTION=ifup \
	    INTERFACE=wan DEVICE=pppoe-wan sh -c ". '$h'; echo sourced" >"$W/out" 2>"$W/err"
	STATUS=$?
	status 0
	out sourced
	req "$(q $N 203.0.113.9)" "localhost:$PORT"
	fdown
}
case_ "field: OpenWrt hotplug iface: ifup with \$DEVICE's address" t_fopenwrt

t_fnoinstance() {
	provider
	fconf eth9
	for h in ppp-ip-up networkmanager.hook networkd-dispatcher.hook udhcpc.script; do
		f=$(fhook $h)
		fenv DDNSUP_CHAIN= interface=wwan0 ip=198.51.100.60 IFACE=wwan0 \
		    STATE=routable ADDR=198.51.100.60 DEVICE_IP_IFACE=wwan0 \
		    IP4_ADDRESS_0="198.51.100.60/24 198.51.100.1" \
		    "$f" wwan0 up 115200 198.51.100.60 198.51.100.1 ""
		status 0
		noout
		err
		[ $h = udhcpc.script ] && {
			fenv DDNSUP_CHAIN= interface=wwan0 ip=198.51.100.60 "$f" bound
			status 0
			noout
			err
		}
	done
	for h in dhcpcd.hook dhclient.hook openwrt-hotplug; do
		f=$(fhook $h)
		fenv reason=BOUND interface=wwan0 new_ip_address=198.51.100.60 \
		    ACTION=ifup INTERFACE=lte DEVICE=wwan0 sh -c ". '$f'; echo sourced"
		status 0
		out sourced
		err
	done
	rm -f "$FC"
	f=$(fhook ppp-ip-up)
	fenv "$f" ppp0 /dev/ttyS0 115200 198.51.100.60 198.51.100.1 ""
	status 0
	noout
	err
	nothingsent
}
case_ "field: every hook exits 0 quietly for a link without an instance (-E)" t_fnoinstance

t_finstall() {
	rm -rf "$W/root"
	make -s -C "$TOP" install-contrib DESTDIR="$W/root" PREFIX=/usr >"$W/out" 2>"$W/err"
	STATUS=$?
	status 0
	for f in etc/ppp/ip-up.d/ddnsup etc/ppp/ipv6-up.d/ddnsup etc/udhcpc/ddnsup.script \
	    usr/lib/dhcpcd/dhcpcd-hooks/90-ddnsup etc/dhcp/dhclient-exit-hooks.d/ddnsup \
	    etc/network/if-up.d/ddnsup etc/NetworkManager/dispatcher.d/90-ddnsup \
	    etc/networkd-dispatcher/routable.d/50-ddnsup etc/hotplug.d/iface/95-ddnsup \
	    etc/cron.d/ddnsup usr/lib/systemd/system/ddnsup.service \
	    usr/lib/systemd/system/ddnsup.timer; do
		[ -f "$W/root/$f" ] || { bad "not installed: /$f"; continue; }
		grep -q /usr/local/bin/ddnsup "$W/root/$f" && bad "/$f: PREFIX not applied"
	done
	# run-parts (ppp, ifupdown, dhclient) takes only names without dots
	for d in etc/ppp/ip-up.d etc/ppp/ipv6-up.d etc/network/if-up.d; do
		[ "$(run-parts --test "$W/root/$d")" = "$W/root/$d/ddnsup" ] ||
		    bad "run-parts would not run /$d/ddnsup"
	done
	[ "$(run-parts --list "$W/root/etc/dhcp/dhclient-exit-hooks.d")" = \
	    "$W/root/etc/dhcp/dhclient-exit-hooks.d/ddnsup" ] || bad "dhclient would not source its hook"
	# Debian's cron reads /etc/cron.d files named [A-Za-z0-9_-]+ (cron(8)),
	# not writable by group or others, lines "m h dom mon dow user command"
	c=$W/root/etc/cron.d/ddnsup
	[ "$(stat -c %a "$c")" = 644 ] || bad "cron file mode $(stat -c %a "$c")"
	ls "$W/root/etc/cron.d" | grep -qv '^[A-Za-z0-9_-]*$' && bad "a cron.d name cron ignores"
	grep -v '^#' "$c" | grep . >"$W/cronlines"
	[ "$(wc -l <"$W/cronlines")" = 1 ] || bad "cron file: not one job line"
	set -f
	set -- $(cat "$W/cronlines")
	set +f
	[ "$1 $2 $3 $4 $5 $6" = "*/5 * * * * root" ] || bad "cron fields: $*"
	shift 6
	case "$*" in "test -f /etc/ddnsup/ddnsup.conf && /usr/bin/ddnsup -lq -f /etc/ddnsup/ddnsup.conf") ;;
	*) bad "cron command: $*" ;; esac
}
case_ "field: make install-contrib puts each hook where its daemon looks" t_finstall

# install and install-contrib under DESTDIR only, and uninstall takes
# back exactly what they wrote
t_funinstall() {
	rm -rf "$W/root"
	mkdir -p "$W/root/keep"
	: >"$W/root/keep/file"
	make -s -C "$TOP" install install-contrib DESTDIR="$W/root" PREFIX=/usr \
	    >"$W/out" 2>"$W/err" || bad "make install install-contrib failed"
	for f in usr/bin/ddnsup usr/bin/ddnsup-import usr/share/man/man1/ddnsup.1 \
	    usr/share/man/man1/ddnsup-import.1; do
		[ -f "$W/root/$f" ] || bad "not installed: /$f"
	done
	[ "$(find "$W/root" -type f | wc -l)" = 17 ] || bad "installed: $(find "$W/root" -type f | wc -l) files, not 16 and the kept one"
	make -s -C "$TOP" uninstall DESTDIR="$W/root" PREFIX=/usr >"$W/out" 2>"$W/err" ||
	    bad "make uninstall failed"
	[ "$(find "$W/root" -type f)" = "$W/root/keep/file" ] ||
	    bad "uninstall left: $(find "$W/root" -type f | tr '\n' ' ')"
}
case_ "field: make uninstall removes what install and install-contrib wrote" t_funinstall

# Debian's cron itself runs the installed /etc/cron.d/ddnsup: in a private
# mount namespace (this cron.d only, no /etc/crontab or user crontabs) and
# under libfaketime two seconds before a minute that */5 matches, so the
# job starts at once instead of within five minutes. The job itself gets
# cron's own environment (PATH=/usr/bin:/bin), not the fake clock.
t_fcron() {
	lib=$(ls /usr/lib/*/faketime/libfaketime.so.1 2>/dev/null | head -n 1)
	[ "$(id -u)" = 0 ] && command -v cron >/dev/null && [ -n "$lib" ] ||
	    { SKIP="needs root, cron and libfaketime"; return; }
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 5
	fconf eth0
	sed -i 's/^LinkReference = .*/Address = 203.0.113.8/' "$FC"
	rm -rf "$W/cron"
	mkdir -p "$W/cron/d" "$W/cron/spool"
	: >"$W/cron/crontab"
	make -s -C "$TOP" install-contrib DESTDIR="$W/cron/root" >/dev/null 2>&1
	{ echo "DDNSUP_STATEDIR=$W/fvar"
	  sed -e "s|/usr/local/bin/ddnsup|$RUN|g; s|/etc/ddnsup/ddnsup.conf|$FC|g" \
	    "$W/cron/root/etc/cron.d/ddnsup"; } >"$W/cron/d/ddnsup"
	chmod 644 "$W/cron/d/ddnsup"
	at=$(date -u -d '+1 hour' '+%Y-%m-%d %H'):04:58
	cat >"$W/cron/run" <<SH
mount --bind "$W/cron/d" /etc/cron.d &&
mount --bind "$W/cron/crontab" /etc/crontab &&
mount --bind "$W/cron/spool" /var/spool/cron/crontabs &&
mount -t tmpfs tmpfs /run || exit 99
TZ=UTC LD_PRELOAD="$lib" FAKETIME="@$at" cron -f -L 15 & cp=\$!
i=0
while ! grep -q '^GET ' "$W/rec" && [ \$i -lt 150 ]; do sleep 0.1; i=\$((i+1)); done
sleep 0.3
kill \$cp
wait \$cp
SH
	unshare -m --propagation private sh "$W/cron/run" >"$W/out" 2>"$W/err"
	nrequests 1
	req "$(q $N 203.0.113.8)" "localhost:$PORT"
	fstated
}
case_ "field: Debian's cron runs /etc/cron.d/ddnsup as installed" t_fcron
