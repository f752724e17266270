# Packaging and first setup (issue 28): -n shows the requests whenever it
# can and names the status a real run would have had; -f runs keep a
# default state file ($DDNSUP_STATEDIR, else /var/lib/ddnsup as root) that
# cron, the hooks and -S share; make dist ships every file.

PC=$W/pkg.conf

# pconf: instances "wan" (Name) and 2 (no Name) on the provider at PORT
pconf() {
	printf '%s\n' "InternetGatewayDevice.DynamicDNS.1.Name = wan" \
	    "InternetGatewayDevice.DynamicDNS.1.Address = 203.0.113.8" \
	    "InternetGatewayDevice.DynamicDNS.1.DomainName1 = $N" \
	    "InternetGatewayDevice.DynamicDNS.2.Address = 203.0.113.9" \
	    "InternetGatewayDevice.DynamicDNS.2.DomainName1 = $N2" >"$PC"
	for i in 1 2; do
		printf '%s\n' "InternetGatewayDevice.DynamicDNS.$i.Username = bob" \
		    "InternetGatewayDevice.DynamicDNS.$i.ProviderFQDN = 127.0.0.1" \
		    "InternetGatewayDevice.DynamicDNS.$i.ProviderPort = $PORT" \
		    "InternetGatewayDevice.DynamicDNS.$i.ProviderProtocol = http" \
		    "InternetGatewayDevice.DynamicDNS.$i.UpdateTimePeriod = 25d" >>"$PC"
	done
	chmod 600 "$PC"
}

# --- -n ---------------------------------------------------------------------

# README's first-setup step on a machine without ppp0: the request with
# the address unknown, at once, exit 0, and the status a real run has
# (75: ppp0 may come up within the deadline)
t_pdryexample() {
	ip link show ppp0 >/dev/null 2>&1 && { SKIP="this machine has a ppp0"; return; }
	cp "$TOP/contrib/ddnsup.conf" "$PC"
	chmod 600 "$PC"
	t0=$(date +%s)
	ddnsup -n -f "$PC"
	status 0
	[ $(($(date +%s) - t0)) -lt 10 ] || bad "-n waited for the link"
	out "# unknown: IPv4-of-ppp0 stands for the address a real run would send" \
	    "# https members.dyndns.org port 443" \
	    "GET $(q $N IPv4-of-ppp0) HTTP/1.0" \
	    "Host: members.dyndns.org" \
	    "Authorization: Basic ********" \
	    "User-Agent: $AGENT" \
	    "Connection: close"
	errhas "ddnsup: -n: ppp0: the link is not present: a real run would exit 75 (link)"
	# the real run: waits for ppp0 within the deadline, then 75
	ddnsup -t 1 -f "$PC"
	status 75
	out "$N failed - link"
	errhas "ddnsup: ppp0: the link is not present"
}
case_ "dry: -n -f contrib/ddnsup.conf without ppp0 shows the request, exit 0" t_pdryexample

# a failing -w: the address shown as the page's, exit 0; the real run 75
t_pdrycheck() {
	provider
	dead=$PORT
	stopprovider
	provider
	http -n -w "http://127.0.0.1:$dead/" -4 -6 $N
	status 0
	grep -q "^GET $(q $N IPv4-from-w,IPv6-from-w) HTTP/1.0$" "$W/out" ||
	    bad "-n: $(cat "$W/out")"
	# the cause's words are the C library's (qemu-user passes SO_ERROR
	# untranslated: "Unknown error 111" under qemu-mipsel)
	errhas "ddnsup: -n: connect 127.0.0.1:$dead: "
	errhas ": a real run would exit 75 (check)"
	http -w "http://127.0.0.1:$dead/" $N
	status 75
	out "$N failed - check"
	nothingsent
}
case_ "dry: -n with a failing -w shows the request, exit 0, names 75" t_pdrycheck

# local inputs a real run needs but a dry run does not: each named with
# its status, the request shown all the same
t_pdrylocal() {
	provider
	: >"$W/notadir"
	ddnsup -n -s "https://localhost:$PORT" -u bob -a 203.0.113.7 \
	    -C "$W/nosuch.pem" -c "$W/notadir/x/state" -p "$W/nosecret" $N
	status 0
	grep -q "^GET $(q $N 203.0.113.7) HTTP/1.0$" "$W/out" || bad "-n: $(cat "$W/out")"
	errhas "ddnsup: -n: -p: cannot open the secret file: No such file or directory: a real run would exit 78 (config)"
	errhas "a real run would exit 78 (config)"
	[ "$(grep -c 'a real run would exit' "$W/err")" = 3 ] ||
	    bad "expected three notes (secret, state, CA)"
	nothingsent
}
case_ "dry: -n past an unreadable secret, state and CA file, exit 0" t_pdrylocal

# what the provider would refuse, or ddnsup refuses to send: nothing to
# show, and -n says so with the status
t_pdryrefused() {
	ddnsup -n -o Provider=dyfi -u bob -a 192.0.2.1 $N
	status 78
	noout
	err "ddnsup: -n: dyfi: the provider takes the address the request comes from: no -a, -i or -w: nothing would be sent: a real run would exit 78 (config)"
}
case_ "dry: -n on a request that would not be sent exits its status" t_pdryrefused

# --- the default state file ---------------------------------------------------

t_pstatedir() {
	provider -n 6
	pconf
	withenv DDNSUP_STATEDIR="$W/sd" -f "$PC"
	status 0
	nrequests 2
	[ -f "$W/sd/wan.state" ] && [ -f "$W/sd/2.state" ] ||
	    bad "no NAME.state and NUMBER.state: $(ls "$W/sd" 2>&1)"
	[ "$(stat -c %a "$W/sd")" = 700 ] || bad "state directory mode $(stat -c %a "$W/sd")"
	# the next run (cron, a hook) finds it: nothing sent
	: >"$W/rec"
	withenv DDNSUP_STATEDIR="$W/sd" -f "$PC"
	status 0
	out "$N skipped 203.0.113.8 good" "$N2 skipped 203.0.113.9 good"
	nothingsent
	# -S -f reads the same files without -c
	withenv DDNSUP_STATEDIR="$W/sd" -S -f "$PC"
	status 0
	grep -q "^InternetGatewayDevice.DynamicDNS.1.Status = Updated" "$W/out" ||
	    grep -q "Client.1.Status = Updated" "$W/out" || bad "-S: $(cat "$W/out")"
	grep -q 'UpdateNeeded' "$W/out" && bad "-S says UpdateNeeded: $(cat "$W/out")"
	# -c still names its own files; StateFile its own
	withenv DDNSUP_STATEDIR="$W/sd" -f "$PC" -c "$W/cs/st"
	[ -f "$W/cs/st.wan" ] && [ -f "$W/cs/st.2" ] || bad "-c: $(ls "$W/cs" 2>&1)"
	# set and empty: no default state file (the suite's own setting)
	: >"$W/rec"
	withenv DDNSUP_STATEDIR= -f "$PC"
	status 0
	nrequests 2
	errhas "UpdateTimePeriod: has no effect without a state file"
}
case_ "state: -f keeps DDNSUP_STATEDIR/NAME.state, which -S -f reads" t_pstatedir

# as root without DDNSUP_STATEDIR: /var/lib/ddnsup (a tmpfs over /var/lib
# in a mount namespace of the case's own, so the machine's is untouched)
t_pvarlib() {
	[ "$(id -u)" = 0 ] && command -v unshare >/dev/null ||
	    { SKIP="needs root and unshare"; return; }
	provider -n 4
	pconf
	cat >"$W/varlib" <<SH
mount -t tmpfs tmpfs /var/lib || exit 99
env -u DDNSUP_STATEDIR $RUN -f "$PC" || exit 98
ls /var/lib/ddnsup
stat -c %a /var/lib/ddnsup
env -u DDNSUP_STATEDIR $RUN -S -f "$PC" | grep -c 'Status = Updated'
SH
	unshare -m --propagation private sh "$W/varlib" >"$W/out" 2>"$W/err"
	STATUS=$?
	status 0
	out "$N updated 203.0.113.7 good" "$N2 updated 203.0.113.7 good" \
	    2.state 2.state.lock wan.state wan.state.lock 700 2
	nrequests 2
}
case_ "state: as root, -f keeps /var/lib/ddnsup/NAME.state by default" t_pvarlib

# --- make dist ----------------------------------------------------------------

# the tarball holds every file git tracks and its MANIFEST (from an
# unpacked tarball: what MANIFEST lists)
t_pdist() {
	command -v make >/dev/null || { SKIP="needs make"; return; }
	(cd "$TOP" && DISTFILE="$W/d.tar.gz" make -s dist) >"$W/out" 2>"$W/err"
	STATUS=$?
	status 0
	tar -tzf "$W/d.tar.gz" | grep -v '/$' | sed 's|^ddnsup-[^/]*/||' | sort >"$W/got"
	if [ "$(cd "$TOP" && git rev-parse --show-toplevel 2>/dev/null)" = "$(cd "$TOP" && pwd -P)" ]; then
		{ (cd "$TOP" && git ls-files); echo MANIFEST; } | sort -u >"$W/want"
	else
		{ cat "$TOP/MANIFEST"; echo MANIFEST; } | sort -u >"$W/want"
	fi
	diff -u "$W/want" "$W/got" >"$W/diff" ||
	    { bad "the tarball differs from the tracked files:"; cat "$W/diff" >>"$W/why"; }
	for f in ddnsup.h util.h proto.h test/deps.sh bench/floor.sh NEWS \
	    ddnsup-import packaging/debian/rules; do
		grep -qx "$f" "$W/got" || bad "$f is not in the tarball"
	done
}
case_ "dist: the tarball ships every tracked file and its MANIFEST" t_pdist
