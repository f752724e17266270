# The cases of test/run.sh, sourced by it.

# --- each reply code: output line and exit status ------------------------

# code LINE RESULT ADDRESS CODE STATUS
code() {
	reply "200 OK" "$1\n"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	https -a 203.0.113.7 $N
	status "$5"
	out "$N $2 $3 $4"
	req "$(q $N 203.0.113.7)"
	nosecret
}
case_ "code good" code "good 203.0.113.7" updated 203.0.113.7 good 0
case_ "code good without address" code "good" updated 203.0.113.7 good 0
case_ "code nochg" code "nochg 203.0.113.7" unchanged 203.0.113.7 nochg 0
case_ "code badauth" code "badauth" failed 203.0.113.7 badauth 77
case_ "code !donator" code "!donator" failed 203.0.113.7 '!donator' 77
case_ "code notfqdn" code "notfqdn" failed 203.0.113.7 notfqdn 78
case_ "code nohost" code "nohost" failed 203.0.113.7 nohost 78
case_ "code !yours" code "!yours" failed 203.0.113.7 '!yours' 78
case_ "code numhost" code "numhost" failed 203.0.113.7 numhost 78
case_ "code abuse" code "abuse" failed 203.0.113.7 abuse 77
case_ "code badagent" code "badagent" failed 203.0.113.7 badagent 77
case_ "code badsys" code "badsys" failed 203.0.113.7 badsys 78
case_ "code dnserr" code "dnserr" failed 203.0.113.7 dnserr 75
case_ "code 911" code "911" failed 203.0.113.7 911 75
case_ "code w5m" code "w5m" failed 203.0.113.7 w5m 75
case_ "code w2h" code "w2h" failed 203.0.113.7 w2h 75
case_ "code unknown" code "surprise 1.2.3.4" failed 203.0.113.7 protocol 76
case_ "code good 127.0.0.1 refused" code "good 127.0.0.1" failed 127.0.0.1 good 77
case_ "code echo differs" code "good 198.51.100.9" updated 198.51.100.9 good 0
case_ "code echo not an address" code "good <b>x</b>" updated 203.0.113.7 good 0

t_messages() {
	reply "200 OK" "badauth\n"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	https $N
	status 77
	out "$N failed - badauth"
	err "ddnsup: localhost:$PORT: badauth: user name or password refused"
}
case_ "message names server, code and cause" t_messages

t_unknownline() {
	reply "200 OK" "oops \\033[2J\n"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	https $N
	status 76
	out "$N failed - protocol"
	err "ddnsup: localhost:$PORT: protocol: unexpected reply: oops \\x1b[2J"
}
case_ "unknown line shown raw, escaped" t_unknownline

# --- several names --------------------------------------------------------

t_oneforall() {
	reply "200 OK" "nochg 203.0.113.7\n"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	https -a 203.0.113.7 $N $N2 $N3
	status 0
	out "$N unchanged 203.0.113.7 nochg" "$N2 unchanged 203.0.113.7 nochg" \
	    "$N3 unchanged 203.0.113.7 nochg"
	req "$(q $N,$N2,$N3 203.0.113.7)"
}
case_ "names: one line applies to all" t_oneforall

t_perline() {
	reply "200 OK" "good 203.0.113.7\r\nnohost\r\nnochg 203.0.113.7\r\n"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	https -a 203.0.113.7 $N $N2 $N3
	status 78
	out "$N updated 203.0.113.7 good" "$N2 failed 203.0.113.7 nohost" \
	    "$N3 unchanged 203.0.113.7 nochg"
	err "ddnsup: localhost:$PORT: $N2: nohost: no such host name in this account"
}
case_ "names: one line each, in order" t_perline

t_fewer() {
	reply "200 OK" "good 203.0.113.7\ngood 203.0.113.7\n"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	https -a 203.0.113.7 $N $N2 $N3
	status 76
	out "$N updated 203.0.113.7 good" "$N2 updated 203.0.113.7 good" \
	    "$N3 failed 203.0.113.7 protocol"
	errhas "$N3: protocol: no result line for this name"
}
case_ "names: fewer lines fail the rest" t_fewer

t_extra() {
	reply "200 OK" "good 203.0.113.7\ngood 203.0.113.7\nnohost\n"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	https -a 203.0.113.7 $N $N2
	status 0
	out "$N updated 203.0.113.7 good" "$N2 updated 203.0.113.7 good"
	err "ddnsup: localhost:$PORT: 1 extra reply line ignored"
}
case_ "names: extra lines warned about" t_extra

t_status_order() {
	reply "200 OK" "911\nbadauth\n"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	https $N $N2
	status 77
	out "$N failed - 911" "$N2 failed - badauth"
}
case_ "names: a failure needing a person decides the status" t_status_order

t_max() {
	names=
	for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do names="$names h$i.example.org"; done
	reply "200 OK" "nochg\n"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	https $names
	status 0
	[ "$(wc -l <"$W/out")" -eq 20 ] || bad "expected 20 lines"
	req "$(q "$(echo $names | tr ' ' ',')")"
	ddnsup -u bob $names h21.example.org
	status 64
	errhas "21 host names: at most 20 per run"
}
case_ "names: 20 in one request, 21 refused" t_max

# --- HTTP framing and status ----------------------------------------------

t_chunked() {
	rawreply 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\ngood \r\na;ext=1\r\n203.0.113.\r\n2\r\n7\n\r\n0\r\nX-Trailer: 1\r\n\r\n'
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	https -a 203.0.113.7 $N
	status 0
	out "$N updated 203.0.113.7 good"
}
case_ "http: chunked reply" t_chunked

t_readtoclose() {
	rawreply 'HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nnochg 203.0.113.7'
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	https $N
	status 0
	out "$N unchanged 203.0.113.7 nochg"
}
case_ "http: body read to close" t_readtoclose

t_401() {
	reply "401 Unauthorized" "badauth\n"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	https $N
	status 77
	out "$N failed - badauth"
	reply "401 Unauthorized" "<html>Authorization Required</html>"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	https $N
	status 77
	out "$N failed - badauth"
}
case_ "http: 401 is badauth, with or without the code" t_401

t_500() {
	reply "500 Internal Server Error" "911\n"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	https $N
	status 75
	out "$N failed - 911"
	reply "503 Service Unavailable" "<html>busy</html>"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	https $N
	status 75
	out "$N failed - http503"
	reply "429 Too Many Requests" ""
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	https $N
	status 75
	out "$N failed - http429"
}
case_ "http: 500 with 911, 503 and 429 without a code" t_500

t_404() {
	reply "404 Not Found" "<html>no</html>"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	https $N
	status 76
	out "$N failed - protocol"
	errhas "HTTP 404 Not Found, not a DynDNS2 reply"
}
case_ "http: 404 is a protocol error" t_404

t_redirect() {
	reply "302 Found" "good\n" "Location: https://evil.example.net/steal"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	https $N
	status 76
	out "$N failed - protocol"
	err "ddnsup: localhost:$PORT: protocol: redirected (HTTP 302) to https://evil.example.net/steal; redirects are not followed"
	[ "$(grep -c 'GET ' "$W/rec")" = 1 ] || bad "more than one request"
}
case_ "http: redirect not followed" t_redirect

t_oversized() {
	{
		printf 'HTTP/1.1 200 OK\r\n\r\n'
		i=0
		while [ $i -lt 2000 ]; do
			printf 'good 203.0.113.7 padding padding padding padding padding\n'
			i=$((i + 1))
		done
	} >"$W/reply"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	https $N
	status 76
	out "$N failed - protocol"
	errhas "reply larger than 65536 bytes"
}
case_ "http: reply over 64 KiB refused" t_oversized

t_badstatus() {
	rawreply 'SMTP ready\r\n\r\n'
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	https $N
	status 76
	out "$N failed - protocol"
	errhas "bad status line: SMTP ready"
}
case_ "http: garbage status line" t_badstatus

t_truncated() {
	rawreply 'HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\ngood'
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	https $N
	status 76
	out "$N failed - protocol"
	errhas "reply shorter than its Content-Length"
}
case_ "http: body shorter than Content-Length" t_truncated

t_closeearly() {
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -m close
	https $N
	status 69
	out "$N failed - connect"
	errhas "connection closed before the reply"
	req "$(q $N)"
}
case_ "http: server closes without replying" t_closeearly

# --- deadline --------------------------------------------------------------

t_stall() {
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -m stall
	within 2 https -t 2 $N
	status 75
	out "$N failed - timeout"
	errhas "timed out"
}
case_ "deadline: stalled reply ends with 75" t_stall

t_hsstall() {
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -m hsstall
	within 1 https -t 1 $N
	status 75
	out "$N failed - timeout"
	nothingsent
}
case_ "deadline: stalled TLS handshake ends with 75" t_hsstall

t_slow() {
	reply "200 OK" "good 203.0.113.7 and a long tail that keeps coming\n"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -m slow -d 200
	within 2 https -t 2 $N
	status 75
	out "$N failed - timeout"
}
case_ "deadline: a trickling reply ends with 75" t_slow

# --- connection and resolution ---------------------------------------------

t_refused() {
	qemuerrno && return
	provider -m refuse
	http $N
	status 69
	out "$N failed - connect"
	errhas "connect 127.0.0.1:$PORT: Connection refused"
}
case_ "connect: refused port gives 69" t_refused

t_invalid() {
	ddnsup -s https://ddns.example.invalid -u bob $N
	status 68
	out "$N failed - resolve"
	err "ddnsup: resolve ddns.example.invalid: no such host"
}
case_ "resolve: unknown host gives 68" t_invalid

t_ipv6() {
	provider -6
	ddnsup -s "http://[::1]:$PORT" -u bob -a 2001:db8::7 $N
	status 0
	out "$N updated 203.0.113.7 good"
	req "$(q $N 2001:db8::7)" "[::1]:$PORT"
	provider -6 -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	ddnsup -C "$CERTS/ca.pem" -k "$(cat "$CERTS/ec.pin")" -s "https://[::1]:$PORT" -u bob $N
	status 0
	out "$N updated 203.0.113.7 good"
	req "$(q $N)" "[::1]:$PORT"
}
case_ "connect: server on [::1], http and pinned https" t_ipv6

t_family() {
	provider
	ddnsup -6 -s "http://127.0.0.1:$PORT" -u bob $N
	status 64
	errhas "-6: the server 127.0.0.1 is an IPv4 address"
	nothingsent
	ddnsup -4 -s "http://127.0.0.1:$PORT" -u bob $N
	status 0
	req "$(q $N)" "127.0.0.1:$PORT"
}
case_ "connect: -4 and -6 choose the family" t_family

# --- TLS and certificates ---------------------------------------------------

t_rsa() {
	provider -c "$CERTS/rsa.chain" -k "$CERTS/rsa.key"
	https -k "sha256//$(cat "$CERTS/rsa.pin")" $N
	status 0
	out "$N updated 203.0.113.7 good"
	req "$(q $N)"
}
case_ "tls: RSA server with its pin" t_rsa

t_pin() {
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	https -k "$(cat "$CERTS/rsa.pin")" -k "$(cat "$CERTS/ec.pin")" $N
	status 0
	out "$N updated 203.0.113.7 good"
	req "$(q $N)"
}
case_ "tls: backup pin matches" t_pin

t_pinmismatch() {
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	https -k "$(cat "$CERTS/rsa.pin")" $N
	status 76
	out "$N failed - pin"
	err "ddnsup: localhost:$PORT: no pin matches the server's key"
	nothingsent
}
case_ "tls: pin mismatch on a valid chain" t_pinmismatch

# certfail CHAIN KEY CODE MESSAGE
certfail() {
	provider -c "$CERTS/$1" -k "$CERTS/$2"
	https $N
	status 76
	out "$N failed - $3"
	err "ddnsup: localhost:$PORT: $4"
	nothingsent
	nosecret
}
case_ "tls: unknown CA" certfail unknown.chain unknown.key certificate "certificate not trusted (unknown issuer): no CA in $CERTS/ca.pem issued it; give the issuing CA's certificate with -C"
case_ "tls: wrong name" certfail wrong.chain wrong.key certificate "certificate does not match the server's name"
case_ "tls: expired" certfail expired.chain expired.key certificate "certificate expired or not yet valid"
case_ "tls: not yet valid" certfail notyet.chain notyet.key certificate "certificate expired or not yet valid"
case_ "tls: chain through a non-CA" certfail sub.chain sub.key certificate "chain holds a certificate that is not a CA"
case_ "tls: RSA-1024 key" certfail weak.chain weak.key certificate "server key too weak"

t_direct() {
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	ddnsup -C "$CERTS/ec.pem" -s "https://localhost:$PORT" -u bob $N
	status 0
	out "$N updated 203.0.113.7 good"
	req "$(q $N)"
}
case_ "tls: direct trust in the server's own certificate" t_direct

t_iplit() {
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	ddnsup -C "$CERTS/ca.pem" -s "https://127.0.0.1:$PORT" -u bob $N
	status 64
	errhas "an IP address cannot be checked against the certificate: give -k pin"
	ddnsup -C "$CERTS/ca.pem" -k "$(cat "$CERTS/ec.pin")" -s "https://127.0.0.1:$PORT" -u bob $N
	status 0
	req "$(q $N)" "127.0.0.1:$PORT"
}
case_ "tls: IP literal server needs a pin" t_iplit

t_cabundle() {
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	withenv SSL_CERT_FILE="$CERTS/ca.pem" -s "https://localhost:$PORT" -u bob $N
	status 0
	req "$(q $N)"
	withenv SSL_CERT_FILE=/nonexistent/ca.pem -s "https://localhost:$PORT" -u bob $N
	status 78
	err "ddnsup: /nonexistent/ca.pem: No such file or directory"
	ddnsup -C "$T/run.sh" -s "https://localhost:$PORT" -u bob $N
	status 78
	err "ddnsup: $T/run.sh: no usable trust anchor"
}
case_ "tls: SSL_CERT_FILE and unusable CA files" t_cabundle

t_tls13() {
	command -v openssl >/dev/null || { bad "openssl is needed for this case"; return; }
	rm -f "$W/port"
	port=$("$PROV" -P "$W/port" -m refuse; cat "$W/port")
	openssl s_server -quiet -tls1_3 -accept "127.0.0.1:$port" \
	    -cert "$CERTS/ec.pem" -key "$CERTS/ec.key" -cert_chain "$CERTS/int.pem" \
	    -naccept 1 >"$W/s_server" 2>&1 </dev/null &
	PPID_=$!
	i=0
	until ddnsup -C "$CERTS/ca.pem" -s "https://localhost:$port" -u bob -t 5 $N; [ "$STATUS" != 69 ] || [ $i -ge 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	status 76
	out "$N failed - tls"
	errhas "it may require TLS 1.3"
	grep -q "Authorization" "$W/s_server" && bad "the TLS 1.3 server received the credential"
	:
}
case_ "tls: server that only speaks TLS 1.3" t_tls13

# --- plain http -------------------------------------------------------------

t_http() {
	provider
	http -a 203.0.113.7 $N
	status 0
	out "$N updated 203.0.113.7 good"
	err "ddnsup: 127.0.0.1: plain http: the password crosses the network in clear"
	req "$(q $N 203.0.113.7)" "127.0.0.1:$PORT"
}
case_ "http: plain http works, with a warning" t_http

t_path() {
	provider
	ddnsup -s "http://127.0.0.1:$PORT/v3/update?system=dyndns" -u bob $N
	status 0
	req "/v3/update?system=dyndns&hostname=$N&wildcard=NOCHG&mx=NOCHG&backmx=NOCHG" "127.0.0.1:$PORT"
}
case_ "http: script path with its own query" t_path

# --- addresses ---------------------------------------------------------------

t_dual() {
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	https -a 2001:DB8:0:0::1 -a 203.0.113.7 $N
	status 0
	req "$(q $N 203.0.113.7,2001:db8::1)"
}
case_ "address: dual stack in one myip, canonical form" t_dual

t_private() {
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	https -a 100.64.1.2 $N
	status 0
	err "ddnsup: 100.64.1.2: private address: the provider will publish it"
	req "$(q $N 100.64.1.2)"
}
case_ "address: CGNAT address sent with a warning" t_private

t_badaddr() {
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	for a in 0.0.0.0 127.0.0.1 169.254.1.1 224.0.0.1 255.255.255.255 :: ::1 fe80::1 ff02::1 ::ffff:203.0.113.7 1.2.3 example.org; do
		https -a $a $N
		status 64
	done
	https -a 203.0.113.7 -a 198.51.100.1 $N
	status 64
	errhas "only one address of each family"
	nothingsent
}
case_ "address: refused addresses give 64, nothing sent" t_badaddr

t_iflo() {
	provider
	http -i lo $N
	status 78
	out "$N failed - config"
	errhas "ddnsup: lo: no usable IPv4 address"
	# not present yet (ppp0 before its session): waited for, then 75
	http -t 1 -i nosuchif0 $N
	status 75
	out "$N failed - link"
	errhas "ddnsup: nosuchif0: the link is not present"
	http -i no/such $N
	status 78
	errhas "ddnsup: no/such: not an interface name"
	nothingsent
	# -n shows the request all the same, and the status a real run has
	ddnsup -u bob -i lo -n $N
	status 0
	err "ddnsup: -n: lo: no usable IPv4 address: a real run would exit 78 (config)"
}
case_ "interface: lo has no usable address; an absent interface; a bad name" t_iflo

t_netns() {
	netns "ddnsup-t$$" || return
	inns ip link add bare0 type veth peer name bare1
	inns ip addr add 192.168.1.20/24 dev wan0
	inns ip addr add 203.0.113.5/24 dev wan0
	inns ip -6 addr add 2001:db8::dead/64 dev wan0 nodad preferred_lft 0
	inns ip -6 addr add 2001:db8::5/64 dev wan0 nodad
	inns ip -6 addr add 2001:db8::6/64 dev wan0
	PROVWRAP="ip netns exec $NETNS" provider -n 2
	inns $RUN -s "http://127.0.0.1:$PORT" -u bob -i wan0 $N >"$W/out" 2>"$W/err"
	STATUS=$?
	status 0
	req "$(q $N 203.0.113.5)" "127.0.0.1:$PORT"
	: >"$W/rec"
	inns $RUN -s "http://127.0.0.1:$PORT" -u bob -i wan0 -4 -6 $N >"$W/out" 2>"$W/err"
	STATUS=$?
	status 0
	# 2001:db8::dead is deprecated and 2001:db8::6 tentative: skipped
	req "$(q $N 203.0.113.5,2001:db8::5)" "127.0.0.1:$PORT"
	# no address yet: waited for until the deadline, then 75 (not 78)
	inns $RUN -s "http://127.0.0.1:$PORT" -u bob -i bare0 -t 1 $N >"$W/out" 2>"$W/err"
	STATUS=$?
	status 75
	errhas "ddnsup: bare0: no usable IPv4 address yet"
	# -n: the same wait, then the request with the address unknown
	inns $RUN -s "http://127.0.0.1:$PORT" -u bob -i bare0 -t 1 -n $N >"$W/out" 2>"$W/err"
	STATUS=$?
	status 0
	errhas "ddnsup: -n: bare0: no usable IPv4 address yet"
	errhas "a real run would exit 75 (link)"
	grep -q "^GET $(q $N IPv4-of-bare0) HTTP/1.0$" "$W/out" || bad "-n: $(cat "$W/out")"
	ip netns del "$NETNS"
	NETNS=
}
case_ "interface: addresses from getifaddrs in a network namespace" t_netns

# --- command line -------------------------------------------------------------

P="-s http://127.0.0.1:1"
case_ "usage: no names" usage_ "no host name given" -u bob
case_ "usage: name with space" usage_ "not a valid fully qualified host name" -u bob "a b.example.org"
case_ "usage: name with &" usage_ "not a valid" -u bob "a&myip=1.2.3.4.example.org"
case_ "usage: name with ?" usage_ "not a valid" -u bob "a?.example.org"
case_ "usage: name with %" usage_ "not a valid" -u bob "a%20.example.org"
case_ "usage: name with ," usage_ "not a valid" -u bob "a,b.example.org"
case_ "usage: name with CR LF" usage_ "not a valid" -u bob "$(printf 'a\r\nb.example.org')"
case_ "usage: non-ASCII name" usage_ "not a valid" -u bob "$(printf 'caf\303\251.example.org')"
case_ "usage: single label" usage_ "not a valid" -u bob home
case_ "usage: label over 63" usage_ "not a valid" -u bob "$(printf '%064d' 0).example.org"
case_ "usage: name twice" usage_ "given twice" -u bob $N HOME.example.org
case_ "usage: no user" usage_ "-u user is required" $N
case_ "usage: user with :" usage_ "no ':'" -u bo:b $N
case_ "usage: bad scheme" usage_ "scheme must be http or https" -u bob -s ftp://x.example.org $N
case_ "usage: bad port" usage_ "bad port" -u bob -s https://x.example.org:99999 $N
case_ "usage: bad path" usage_ "bad character in path" -u bob -s "https://x.example.org/a b" $N
case_ "usage: bad timeout" usage_ "-t 0: must be a number from 1 to 3600" -u bob -t 0 $N
case_ "usage: bad pin" usage_ "not sha256//BASE64" -u bob -k sha256//abc $N
case_ "usage: pin with http" usage_ "pins need an https server" -u bob -k "$(cat "$CERTS/ec.pin")" -s http://127.0.0.1 $N
case_ "usage: -a and -i" usage_ "-a excludes -i and -w (Address excludes LinkReference and AddressURL)" -u bob -a 203.0.113.7 -i lo $N
case_ "usage: -a with -6" usage_ "with -a the address says it" -u bob -a 203.0.113.7 -6 $N
case_ "usage: unknown -o key" usage_ "-o Colour: unknown key" -u bob -o Colour=red $N
case_ "usage: secret in -o" usage_ "secrets are not accepted on the command line" -u bob -o password=x $N
case_ "usage: unknown option" usage_ "usage: ddnsup" -u bob -Z $N

t_nosecret() {
	unset DDNSUP_PASSWORD
	ddnsup -u bob $N
	status 64
	errhas "no password: give -p file or set DDNSUP_PASSWORD"
	printf '\n' >"$W/empty"
	ddnsup -u bob -p "$W/empty" $N
	status 78
	errhas "empty secret"
	# the path is not printed: it may be a password given by mistake
	ddnsup -u bob -p "$W/nonexistent" $N
	status 78
	out "$N failed - config"
	err "ddnsup: -p: cannot open the secret file: No such file or directory"
	export DDNSUP_PASSWORD="$SECRET"
}
case_ "secret: missing, empty or unreadable" t_nosecret

t_secretfile() {
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	printf '%s\r\nsecond line\n' "$SECRET" >"$W/secret"
	chmod 600 "$W/secret"
	withenv DDNSUP_PASSWORD=wrong -C "$CERTS/ca.pem" -s "https://localhost:$PORT" -u bob -p "$W/secret" $N
	status 0
	err
	req "$(q $N)"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	chmod 644 "$W/secret"
	https -p "$W/secret" $N
	err "ddnsup: -p: the secret file is readable by others"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	printf '%s' "$SECRET" | https -p - $N
	status 0
	req "$(q $N)"
}
case_ "secret: first line of -p file, -p -, permission warning" t_secretfile

t_dryrun() {
	provider
	ddnsup -n -u bob -a 203.0.113.7 -o "UserAgent=Acme - Router - 1.0" -s "http://127.0.0.1:$PORT" $N $N2
	status 0
	out "# http 127.0.0.1 port $PORT" \
	    "GET $(q $N,$N2 203.0.113.7) HTTP/1.0" \
	    "Host: 127.0.0.1:$PORT" \
	    "Authorization: Basic ********" \
	    "User-Agent: Acme - Router - 1.0" \
	    "Connection: close"
	nothingsent
	nosecret
	ddnsup -n -u bob $N
	status 0
	out "# https members.dyndns.org port 443" \
	    "GET $(q $N) HTTP/1.0" \
	    "Host: members.dyndns.org" \
	    "Authorization: Basic ********" \
	    "User-Agent: $AGENT" \
	    "Connection: close"
}
case_ "dry run prints the masked request, sends nothing" t_dryrun

t_verbose() {
	reply "200 OK" "good 203.0.113.7\n"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	https -v -a 203.0.113.7 $N
	status 0
	err "ddnsup: > GET $(q $N 203.0.113.7) HTTP/1.0" \
	    "ddnsup: > Host: localhost:$PORT" \
	    "ddnsup: > Authorization: Basic ********" \
	    "ddnsup: > User-Agent: $AGENT" \
	    "ddnsup: > Connection: close" \
	    "ddnsup: < HTTP 200 OK" \
	    "ddnsup: < good 203.0.113.7"
	nosecret
	req "$(q $N 203.0.113.7)"
}
case_ "verbose log masks the secret" t_verbose

t_quiet() {
	reply "200 OK" "good 203.0.113.7\nnohost\n"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	https -q $N $N2
	status 78
	out "$N2 failed - nohost"
	reply "200 OK" "good 203.0.113.7\n"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	https -q $N
	status 0
	noout
}
case_ "quiet prints only failures" t_quiet

t_syslog() {
	reply "200 OK" "badauth\n"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	https -l $N
	status 77
	out "$N failed - badauth"
	# with -l too: cron mail says why (fieldcases.sh checks syslog itself)
	err "ddnsup: localhost:$PORT: badauth: user name or password refused"
}
case_ "syslog: a failure's cause stays on standard error" t_syslog

t_version() {
	ddnsup -V
	status 0
	out "ddnsup $VERSION" "protocols: dyndns,tzo,rfc2136,rest" "schemes: http,https" \
	    "presets: dyn,noip,he,tunnelbroker,dnsomatic,dynu,ovh,strato,changeip,spdyn,nsupdate.info,inwx,joker,desec,ipv64,loopia,allinkl,selfhost,dode,dyndnsit,ddnss,afraid,dynv6,infomaniak,opendns,nowdns,dyfi,corenetworks,variomedia,hostingde,simply,duckdns,namecheap,freedns,easydns,zoneedit,njalla,domeneshop,regfish,3322,schokokeks,udmedia,dnshome,twodns,goip,freemyip,myonlineportal,dondominio,keysystems,mydnsjp,ydns,eurodns,xlhost,oray,nederhost,giradns" \
	    "apis: cloudflare,porkbun,digitalocean,hetzner,gandi"
}
case_ "version" t_version
