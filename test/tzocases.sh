# TZO cases of test/run.sh, sourced by it.
CLEAR="ddnsup: tzo: the key crosses the network in clear (TZO has no TLS)"


t_tzo() {
	tzoprovider
	tzo -a 203.0.113.7 $N
	status 0
	out "$N updated 203.0.113.7 40"
	err "$CLEAR"
	lines "1: I $TZOKEY" "2: U $TZOKEY" "3: R $N,$MAIL,$TZOKEY,203.0.113.7"
	notzokey
}
case_ "tzo: three stages, the key only where the protocol puts it" t_tzo

t_tzonames() {
	tzoprovider
	tzo -a 203.0.113.7 $N $N2 $N3
	status 0
	out "$N updated 203.0.113.7 40" "$N2 updated 203.0.113.7 40" "$N3 updated 203.0.113.7 40"
	lines "1: I $TZOKEY" "2: U $TZOKEY" "3: R $N,$MAIL,$TZOKEY,203.0.113.7" \
	    "3: R $N2,$MAIL,$TZOKEY,203.0.113.7" "3: R $N3,$MAIL,$TZOKEY,203.0.113.7"
}
case_ "tzo: several names, one R each, stages 1 and 2 once" t_tzonames

t_tzonoaddr() {
	tzoprovider
	tzo $N
	status 0
	out "$N updated 127.0.0.1 40"
	lines "1: I $TZOKEY" "2: U $TZOKEY" "3: R $N,$MAIL,$TZOKEY"
}
case_ "tzo: no address, the greeting's address shown" t_tzonoaddr

# tzocode REPLY CODE STATUS RESULT
tzocode() {
	tzoprovider -3 "$1"
	tzo -a 203.0.113.7 $N
	status "$3"
	out "$N ${4:-failed} 203.0.113.7 $2"
	[ "$(grep -c '^3: ' "$W/rec")" = 1 ] || bad "expected one R line"
}
case_ "tzo code 40" tzocode "40 Update successful" 40 0 updated
case_ "tzo code 41" tzocode "41 Invalid domain name" 41 78
case_ "tzo code 42" tzocode "42 Invalid e-mail" 42 77
case_ "tzo code 43" tzocode "43 Invalid action" 43 76
case_ "tzo code 44" tzocode "44 Invalid key" 44 77
case_ "tzo code 45" tzocode "45 Invalid IP address" 45 78
case_ "tzo code 46" tzocode "46 Duplicate domain name" 46 78
case_ "tzo code 47" tzocode "47 Domain already created" 47 78
case_ "tzo code 48" tzocode "48 Account expired" 48 77
case_ "tzo code 49" tzocode "49 Too frequent" 49 75
case_ "tzo code unknown" tzocode "50 What" 50 76
case_ "tzo code only the first two characters" tzocode "41 seen from 40.0.0.1" 41 78
case_ "tzo code malformed" tzocode "4 x" protocol 76

t_tzomessage() {
	tzoprovider -3 "44 Invalid Key"
	tzo -a 203.0.113.7 $N
	err "$CLEAR" "ddnsup: 127.0.0.1: 44: invalid key (\"Invalid Key\")"
}
case_ "tzo: message names the code and the server's text" t_tzomessage

t_tzostage1err() {
	tzoprovider -1 "0,44 Invalid Key"
	tzo -a 203.0.113.7 $N $N2
	status 77
	out "$N failed 203.0.113.7 44" "$N2 failed 203.0.113.7 44"
	lines "1: I $TZOKEY"
}
case_ "tzo: stage 1 error reply fails every name" t_tzostage1err

t_tzostage2err() {
	tzoprovider -2 "0,48 Account expired"
	tzo $N
	status 77
	out "$N failed - 48"
	lines "1: I $TZOKEY" "2: U $TZOKEY"
}
case_ "tzo: stage 2 error reply" t_tzostage2err

t_tzoglobal() {
	tzoprovider -3 "44 Invalid key"
	tzo -a 203.0.113.7 $N $N2 $N3
	status 77
	out "$N failed 203.0.113.7 44" "$N2 failed 203.0.113.7 44" "$N3 failed 203.0.113.7 44"
	lines "1: I $TZOKEY" "2: U $TZOKEY" "3: R $N,$MAIL,$TZOKEY,203.0.113.7"
}
case_ "tzo: a refused key is not sent again for the other names" t_tzoglobal

t_tzomixed() {
	tzoprovider -3 "40 ok" -3 "41 Invalid domain name" -3 "49 Too frequent"
	tzo -a 203.0.113.7 $N $N2 $N3
	status 78
	out "$N updated 203.0.113.7 40" "$N2 failed 203.0.113.7 41" "$N3 failed 203.0.113.7 49"
	[ "$(grep -c '^3: ' "$W/rec")" = 3 ] || bad "expected three R lines"
}
case_ "tzo: a per-name failure does not stop the others" t_tzomixed

t_tzofallback() {
	tzoprovider -1 "2,127.0.0.2,127.0.0.1," -2 "3,127.0.0.2,127.0.0.3,127.0.0.1,"
	tzo -a 203.0.113.7 $N $N2
	status 0
	out "$N updated 203.0.113.7 40" "$N2 updated 203.0.113.7 40"
	lines "1: I $TZOKEY" "2: U $TZOKEY" "3: R $N,$MAIL,$TZOKEY,203.0.113.7" \
	    "3: R $N2,$MAIL,$TZOKEY,203.0.113.7"
}
case_ "tzo: refused first cluster and update server, next ones used" t_tzofallback

t_tzonoserver() {
	qemuerrno && return
	tzoprovider -2 "1,127.0.0.2,"
	tzo $N $N2
	status 69
	out "$N failed - connect" "$N2 failed - connect"
	errhas "stage 3: no update server answered (connect 127.0.0.2:$P3: Connection refused)"
	lines "1: I $TZOKEY" "2: U $TZOKEY"
}
case_ "tzo: no update server answers" t_tzonoserver

t_tzonocluster() {
	tzoprovider -1 "1,127.0.0.2,"
	tzo $N
	status 69
	out "$N failed - connect"
	errhas "stage 2: no cluster address answered"
	lines "1: I $TZOKEY"
}
case_ "tzo: no cluster address answers" t_tzonocluster

# tzobad PROVIDER-ARGS -- ERRTEXT STATUS CODE: a faulty server
tzobad() {
	args=
	while [ "$1" != -- ]; do args="$args $1"; shift; done
	shift
	# shellcheck disable=SC2086
	tzoprovider $args
	tzo -t 2 $N
	status "$2"
	out "$N failed - $3"
	errhas "$1"
	notzokey
}
case_ "tzo: stage 1 wrong greeting" tzobad -g 1:HELLO -- 'stage 1: greeting is not "TZO Cluster Lookup Server": HELLO' 76 protocol
case_ "tzo: stage 2 wrong greeting" tzobad -g 2:HELLO -- 'stage 2: greeting is not "TZO Update Server Lookup"' 76 protocol
case_ "tzo: stage 3 wrong greeting" tzobad -g 3:HELLO -- 'stage 3: greeting lacks "TZO/Linksys Update Server": HELLO' 76 protocol
case_ "tzo: count larger than the list" tzobad -1 2,127.0.0.1, -- "stage 1: 1 addresses, the count says 2" 76 protocol
case_ "tzo: count smaller than the list" tzobad -2 1,127.0.0.1,127.0.0.1, -- "stage 2: more addresses than the count 1" 76 protocol
case_ "tzo: bad address in the list" tzobad -1 2,127.0.0.1,127.0.0.256, -- "stage 1: address 2 is not IPv4" 76 protocol
case_ "tzo: name in the list" tzobad -2 1,localhost, -- "stage 2: address 1 is not IPv4" 76 protocol
case_ "tzo: list without its final comma" tzobad -1 1,127.0.0.1 -- "stage 1: list does not end with a comma" 76 protocol
case_ "tzo: error reply without a code" tzobad -1 0,Invalid -- "stage 1: error reply without a code" 76 protocol
case_ "tzo: stage 1 stalls" tzobad -m 1:stall -- "timed out" 75 timeout
case_ "tzo: stage 2 stalls" tzobad -m 2:stall -- "timed out" 75 timeout
case_ "tzo: stage 3 stalls" tzobad -m 3:stall -- "timed out" 75 timeout
case_ "tzo: stage 3 greeting stalls" tzobad -m 3:slowgreet -- "timed out" 75 timeout
case_ "tzo: stage 1 closes before the reply" tzobad -m 1:close -- "stage 1: connection closed before the reply" 69 connect
case_ "tzo: stage 2 closes before the greeting" tzobad -m 2:nogreet -- "stage 2: connection closed before the greeting" 69 connect
case_ "tzo: stage 3 closes before the reply" tzobad -m 3:close -- "stage 3: connection closed before the reply" 69 connect
case_ "tzo: stage 1 over-long line" tzobad -m 1:long -- "stage 1: reply longer than 512 bytes" 76 protocol
case_ "tzo: stage 3 over-long line" tzobad -m 3:long -- "stage 3: reply longer than 512 bytes" 76 protocol

t_tzodeadline() {
	tzoprovider -m 2:stall
	within 2 tzo -t 2 $N
	status 75
}
case_ "tzo: one deadline for all stages" t_tzodeadline

t_tzodry() {
	tzoprovider
	tzo -n -a 203.0.113.7 $N $N2
	status 0
	out "# tzo stage 1: cluster lookup 127.0.0.1 port $P1" "I ********" \
	    "# tzo stage 2: each cluster address, port $P2" "U ********" \
	    "# tzo stage 3: each update server, port $P3" \
	    "R $N,$MAIL,********,203.0.113.7" "R $N2,$MAIL,********,203.0.113.7"
	notzokey
	lines
	[ -s "$W/rec" ] && bad "something was sent"
	DDNSUP_PASSWORD=$TZOKEY $RUN -P tzo -n -u $MAIL $N >"$W/out" 2>"$W/err"
	head -1 "$W/out" | grep -q "^# tzo stage 1: cluster lookup ClusterLookup1.tzo.com port 21340$" ||
	    bad "default cluster lookup host: $(head -1 "$W/out")"
}
case_ "tzo: dry run shows the three stages, key masked" t_tzodry

t_tzoverbose() {
	tzoprovider
	tzo -v -a 203.0.113.7 $N
	status 0
	err "$CLEAR" "ddnsup: < TZO Cluster Lookup Server" "ddnsup: > I ********" \
	    "ddnsup: < 1,127.0.0.1," "ddnsup: < TZO Update Server Lookup" \
	    "ddnsup: > U ********" "ddnsup: < 1,127.0.0.1," \
	    "ddnsup: < TZO/Linksys Update Server [127.0.0.1]" \
	    "ddnsup: > R $N,$MAIL,********,203.0.113.7" "ddnsup: < 40 Update successful"
	notzokey
}
case_ "tzo: verbose log masks the key" t_tzoverbose

# tzousage ERRTEXT STATUS ARGS: refused before anything is sent
tzousage() {
	want=$1 st=$2
	shift 2
	tzoprovider
	tzo "$@"
	status "$st"
	errhas "$want"
	lines
	[ -s "$W/rec" ] && bad "something was sent"
	:
}
case_ "tzo usage: unknown protocol" tzousage "-P gnudip: protocol must be dyndns, tzo, rfc2136 or rest" 64 -P gnudip $N
case_ "tzo usage: URL scheme" tzousage "no URL scheme here" 64 -s http://127.0.0.1 $N
case_ "tzo usage: path" tzousage "no path here" 64 -s 127.0.0.1:1/x $N
case_ "tzo usage: IPv6 address" tzousage "-P tzo: IPv4 only" 64 -a 2001:db8::1 $N
case_ "tzo usage: -6" tzousage "-P tzo: IPv4 only" 64 -6 $N
case_ "tzo usage: not an e-mail" tzousage "not an e-mail address" 64 -u alice $N
case_ "tzo usage: e-mail with comma" tzousage "not an e-mail address" 64 -u "a,b@example.org" $N
case_ "tzo usage: pin" tzousage "tzo has no TLS" 64 -k "$(cat "$CERTS/ec.pin")" $N
case_ "tzo usage: bad port" tzousage "-o UpdateServerPort=0: must be a number from 1 to 65535" 64 -o UpdateServerPort=0 $N

t_tzokey() {
	tzoprovider
	printf 'bad,key\n' >"$W/key"
	tzo -p "$W/key" $N
	status 78
	errhas "the TZO key may not contain a comma, a space or a control character"
	[ -s "$W/rec" ] && bad "something was sent"
	ddnsup -u bob -o UpdateServerPort=1 -n $N
	status 64
	errhas "go with -P tzo"
}
case_ "tzo usage: key with a comma; tzo ports with dyndns" t_tzokey
