# Fault and attack cases of test/run.sh, sourced by it: each asserts the
# exit status, and that the secret did not reach a server it must not.

# noauth: the provider received no Authorization header
noauth() { grep -q "Authorization" "$W/rec" && bad "the Authorization header reached the server"; :; }

# fault REPLY-TEXT STATUS CODE ERRTEXT: a hostile or broken reply
fault() {
	rawreply "$1"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	https -t 5 $N
	status "$2"
	out "$N failed - $3"
	errhas "$4"
}
case_ "fault: close after the headers" fault 'HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\n' 76 protocol "reply shorter than its Content-Length"
case_ "fault: close in the middle of the body" fault 'HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\ngood 20' 76 protocol "reply shorter than its Content-Length"
case_ "fault: close inside the headers" fault 'HTTP/1.1 200 OK\r\nContent-Le' 76 protocol "reply ends inside the headers"
case_ "fault: close inside a chunk" fault 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\ngood' 76 protocol "reply ends inside a chunk"
case_ "fault: chunk size ffffffffffffffff" fault 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffff\r\ngood\r\n0\r\n\r\n' 76 protocol "chunk too large"
case_ "fault: negative Content-Length" fault 'HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\ngood' 76 protocol "bad Content-Length"
case_ "fault: huge Content-Length" fault 'HTTP/1.1 200 OK\r\nContent-Length: 18446744073709551617\r\n\r\ngood' 76 protocol "bad Content-Length"
case_ "fault: Content-Length over 64 KiB" fault 'HTTP/1.1 200 OK\r\nContent-Length: 10000000\r\n\r\ngood' 76 protocol "reply larger than 65536 bytes"
case_ "fault: NUL bytes in the body" fault 'HTTP/1.1 200 OK\r\nContent-Length: 19\r\n\r\n\0\0good 203.0.113.7\n' 76 protocol 'unexpected reply: \x00\x00good 203.0.113.7'

t_10mb() {
	{ printf 'HTTP/1.1 200 OK\r\n\r\n'; head -c 10000000 /dev/zero | tr '\0' 'g'; } >"$W/reply"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	https $N
	status 76
	out "$N failed - protocol"
	errhas "reply larger than 65536 bytes"
}
case_ "fault: a 10 MB reply" t_10mb

t_endless() {
	{ printf 'HTTP/1.1 200 OK\r\nX-Long: '; head -c 200000 /dev/zero | tr '\0' 'a'; } >"$W/reply"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	https $N
	status 76
	errhas "reply headers larger than 65536 bytes"
}
case_ "fault: headers that never end" t_endless

t_1000headers() {
	{
		printf 'HTTP/1.1 200 OK\r\n'
		i=0
		while [ $i -lt 1000 ]; do printf 'X-Header-%d: value\r\n' $i; i=$((i + 1)); done
		printf 'Content-Length: 17\r\n\r\ngood 203.0.113.7\n'
	} >"$W/reply"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	https $N
	status 0
	out "$N updated 203.0.113.7 good"
}
case_ "fault: 1000 header lines within the limit" t_1000headers

t_reset() {
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -m reset
	https $N
	status 69
	out "$N failed - connect"
	errhas "Connection reset by peer"
}
case_ "fault: connection reset" t_reset

t_bytepersec() {
	reply "200 OK" "good 203.0.113.7\n"
	provider -m slow -d 1000
	within 2 http -t 2 $N
	status 75
	out "$N failed - timeout"
}
case_ "fault: one byte per second ends at the deadline" t_bytepersec

t_hsclose() {
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -m hsclose
	https $N
	status 76
	out "$N failed - tls"
	errhas "server closed the connection in answer to the TLS 1.2 hello: it may require TLS 1.3"
	noauth
}
case_ "fault: close right after the ClientHello (TLS 1.3-only, lighttpd)" t_hsclose

t_alert() {
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -m "$1"
	https $N
	status 76
	out "$N failed - tls"
	errhas "server sent alert handshake_failure"
	noauth
}
case_ "fault: fatal alert instead of the ServerHello" t_alert alert1
case_ "fault: fatal alert instead of the server's Finished" t_alert alert2

# --- attacks: exit 76, and the credential never reached the server ---------

attack() {
	provider -c "$CERTS/$1.chain" -k "$CERTS/$1.key" "$@"
	https -v $N
	status 76
	out "$N failed - $2"
	errhas "$3"
	noauth
	nosecret
}
case_ "attack: unknown CA" attack unknown certificate "certificate not trusted (unknown issuer)"
case_ "attack: expired" attack expired certificate "certificate expired or not yet valid"
case_ "attack: not yet valid" attack notyet certificate "certificate expired or not yet valid"
case_ "attack: certificate for another name" attack wrong certificate "certificate does not match the server's name"
case_ "attack: wildcard *.localhost for localhost" attack wild certificate "certificate does not match the server's name"
case_ "attack: chain through a non-CA intermediate" attack sub certificate "chain holds a certificate that is not a CA"
case_ "attack: RSA-1024 key" attack weak certificate "server key too weak"

t_pinattack() {
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	https -v -k "$(cat "$CERTS/unknown.pin")" $N
	status 76
	out "$N failed - pin"
	noauth
}
case_ "attack: pin mismatch on a valid chain" t_pinattack

t_reneg() {
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -m reneg
	https $N
	status 76
	out "$N failed - tls"
	errhas "server sent a record before the request (renegotiation?)"
	noauth
}
case_ "attack: server asks for renegotiation" t_reneg

t_tzogreetattack() {
	for g in 1 2 3; do
		tzoprovider -g "$g:Evil Server [1.2.3.4]"
		tzo $N
		status 76
		out "$N failed - protocol"
		[ "$(grep -c "$TZOKEY" "$W/rec")" -lt "$g" ] || bad "stage $g: the key reached a server with a wrong greeting"
		stopprovider
	done
}
case_ "attack: TZO key never sent after a wrong greeting" t_tzogreetattack

# --- secrets --------------------------------------------------------------

t_procsecret() {
	wrapped "/proc/PID/environ is the wrapper's, not the program's" && return
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -m stall
	$RUN -C "$CERTS/ca.pem" -s "https://localhost:$PORT" -u bob -t 5 $N >/dev/null 2>&1 &
	pid=$!
	i=0
	while ! grep -q "Authorization" "$W/rec" && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
	tr '\0' '\n' <"/proc/$pid/cmdline" >"$W/cmdline"
	tr '\0' '\n' <"/proc/$pid/environ" >"$W/environ"
	kill $pid 2>/dev/null
	wait $pid 2>/dev/null
	grep -q "Authorization" "$W/rec" || bad "the request never came"
	grep -F "$SECRET" "$W/cmdline" "$W/environ" >/dev/null && bad "the secret is visible in /proc"
	grep -q '^DDNSUP_PASSWORD=' "$W/environ" || bad "environ not read"
	:
}
case_ "secret: not in /proc/PID/cmdline, wiped from /proc/PID/environ" t_procsecret

t_secretverbose() {
	for r in "good 203.0.113.7" "badauth" "<html>$SECRET</html>"; do
		reply "200 OK" "$r\n"
		provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
		https -v -n $N
		nosecret
		https -v $N
		grep -F "$AUTH" "$W/out" "$W/err" >/dev/null && bad "the credential appears with -v"
		stopprovider
	done
	:
}
case_ "secret: never printed, at any verbosity" t_secretverbose
