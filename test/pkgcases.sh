# Packaging and first setup (issue 28): -n shows the requests whenever it
# can and names the status a real run would have had.

PC=$W/pkg.conf

# --- -n ---------------------------------------------------------------------

# README's first-setup step on a machine without ppp0: the request with
# the address unknown, exit 0, and the status a real run has (78)
t_pdryexample() {
	ip link show ppp0 >/dev/null 2>&1 && { SKIP="this machine has a ppp0"; return; }
	cp "$TOP/contrib/ddnsup.conf" "$PC"
	chmod 600 "$PC"
	ddnsup -n -f "$PC"
	status 0
	out "# unknown: IPv4-of-ppp0 stands for the address a real run would send" \
	    "# https members.dyndns.org port 443" \
	    "GET $(q $N IPv4-of-ppp0) HTTP/1.0" \
	    "Host: members.dyndns.org" \
	    "Authorization: Basic ********" \
	    "User-Agent: $AGENT" \
	    "Connection: close"
	errhas "ddnsup: -n: ppp0: no such interface: a real run would exit 78 (config)"
	# the real run: 78, before anything is sent
	ddnsup -f "$PC"
	status 78
	out "$N failed - config"
	errhas "ddnsup: ppp0: no such interface"
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
	errhas "ddnsup: -n: connect 127.0.0.1:$dead: Connection refused: a real run would exit 75 (check)"
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
