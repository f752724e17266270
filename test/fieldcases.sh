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

# fhook FILE: a copy of contrib/FILE with this build's paths (daemons
# such as dhcpcd, dhclient and ifup clear the environment)
fhook() {
	sed -e "s|/usr/local/bin/ddnsup|$RUN|; s|/etc/ddnsup/ddnsup.conf|$FC|" \
	    -e "s|/var/lib/ddnsup/ddnsup|$W/fvar/ddnsup|" "$TOP/contrib/$1" \
	    >"$W/hook.$1"
	chmod 755 "$W/hook.$1"
	echo "$W/hook.$1"
}

fstated() { [ -f "$W/fvar/ddnsup.wan" ] || bad "no state file: the hook did not run ddnsup"; }

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
	status 64
	errhas "ddnsup: --version: no long options: -h for the usage, -V for the version, man ddnsup for the manual"
}
case_ "field: -h and --help print the usage and the manual's name" t_fhelp

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
	https -i nosuch0 $N $N2
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
	    "ddnsup: 127.0.0.1: badauth: user name or password refused" >"$W/want"
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
	err "ddnsup: 127.0.0.1: badauth: user name or password refused"
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
		    "ddnsup: 127.0.0.1: badauth: user name or password refused"
	done
	SYSLOG=
}
case_ "field: -l without a syslog daemon falls back to standard error" t_fnosyslog
