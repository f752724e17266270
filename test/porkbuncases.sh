# Porkbun cases of test/run.sh, sourced by it: -o Provider=porkbun
# against test/provider -E porkbun (test/restemu.c, Porkbun's API v3 from
# https://porkbun.com/api/json/v3/documentation), over https with the test
# CA. Each case asserts every request that arrived (the keys in its JSON
# body), the connection each came on, the records afterwards, the output
# line and the exit status. The store format is restcases.sh's.

PBKEY=pk1_a11ce
PBSECRET='sk1_5ecret-9Q'
PBSTORE="zone example.org example.org;record 101 example.org A $N 192.0.2.1 3600 keep;record 102 example.org AAAA $N 2001:db8::1 300 keep"

pbemu() {
	{ echo "token $PBSECRET"; echo "apikey $PBKEY"; printf '%s\n' "${1:-$PBSTORE}" | tr ';' '\n'; } >"$W/store"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 4 -E porkbun \
	    -Z "$W/store"
}

# pb ARGS: ddnsup -o Provider=porkbun at the emulation, -u the apikey,
# the secret in the environment
pb() {
	DDNSUP_PASSWORD=$PBSECRET ddnsup -C "$CERTS/ca.pem" \
	    -o Provider=porkbun -o ProviderFQDN=localhost \
	    -o ProviderPort="$PORT" -u "$PBKEY" "$@"
}

# pbsent REQ...: exactly these requests arrived, "PATH [BODY MEMBERS]"
# (PATH after /api/json/v3, every one a POST), "conn" where a connection
# begins
pbsent() {
	: >"$W/wantreq"
	c=0
	for r; do
		if [ "$r" = conn ]; then
			c=$((c + 1))
			printf '# connection %d\n' "$c" >>"$W/wantreq"
			continue
		fi
		t=${r%% *} m=
		[ "$t" != "$r" ] && m=,${r#* }
		b="{\"secretapikey\":\"${PBS:-$PBSECRET}\",\"apikey\":\"$PBKEY\"$m}"
		{
			printf 'POST /api/json/v3%s HTTP/1.1\r\n' "$t"
			printf 'Host: localhost:%s\r\n' "$PORT"
			printf 'User-Agent: %s\r\n' "$AGENT"
			printf 'Accept: application/json\r\n'
			printf 'Content-Type: application/json\r\n'
			printf 'Content-Length: %s\r\n' "${#b}"
			printf '\r\n%s' "$b"
		} >>"$W/wantreq"
	done
	cmpreq
}

pbstore() {
	printf '%s\n' "$1" | tr ';' '\n' >"$W/want"
	grep -v '^token \|^apikey ' "$W/store" >"$W/have"
	diff -u "$W/want" "$W/have" >"$W/diff" || { bad "records differ:"; cat "$W/diff" >>"$W/why"; }
}

pbnosecret() {
	if grep -F "$PBSECRET" "$W/out" "$W/err" >/dev/null; then
		bad "the secret appears in the output"
	fi
}

PA="/dns/retrieveByNameType/example.org/A/home"
P6="/dns/retrieveByNameType/example.org/AAAA/home"
EA="/dns/editByNameType/example.org/A/home"

rest_pb_update() {
	pbemu
	pb -a 203.0.113.7 -a 2001:db8::1 $N
	status 0
	out "$N updated 203.0.113.7,2001:db8::1 good"
	err
	# one connection; the record's own ttl sent back; AAAA already holds it
	pbsent conn "$PA" "$EA \"content\":\"203.0.113.7\",\"ttl\":\"3600\"" "$P6"
	pbstore "zone example.org example.org;record 101 example.org A $N 203.0.113.7 3600 keep;record 102 example.org AAAA $N 2001:db8::1 300 keep"
	pbnosecret
}
case_ "rest: porkbun: the A record changed, its ttl kept, the AAAA untouched, one connection" rest_pb_update

rest_pb_ttl_apex() {
	pbemu "zone example.org example.org;record 101 example.org A example.org 192.0.2.1 3600 keep"
	pb -o TTL=900 -a 192.0.2.9 example.org
	status 0
	out "example.org updated 192.0.2.9 good"
	pbsent conn "/dns/retrieveByNameType/example.org/A" \
	    "/dns/editByNameType/example.org/A \"content\":\"192.0.2.9\",\"ttl\":\"900\""
	pbstore "zone example.org example.org;record 101 example.org A example.org 192.0.2.9 900 keep"
}
case_ "rest: porkbun: the domain's apex, -o TTL= sent" rest_pb_ttl_apex

rest_pb_zone() {
	pbemu "zone example.org example.org;record 101 example.org A a.b.example.org 192.0.2.1 600 keep"
	pb -o Zone=example.org -a 192.0.2.9 a.b.example.org
	status 0
	out "a.b.example.org updated 192.0.2.9 good"
	pbsent conn "/dns/retrieveByNameType/example.org/A/a.b" \
	    "/dns/editByNameType/example.org/A/a.b \"content\":\"192.0.2.9\",\"ttl\":\"600\""
}
case_ "rest: porkbun: -o Zone= names the domain of a deeper name" rest_pb_zone

rest_pb_unchanged() {
	pbemu
	pb -a 192.0.2.1 $N
	status 0
	out "$N unchanged 192.0.2.1 nochg"
	pbsent conn "$PA"
	pbstore "$PBSTORE"
}
case_ "rest: porkbun: the address already there: no write" rest_pb_unchanged

rest_pb_missing() {
	pbemu "zone example.org example.org"
	pb -a 203.0.113.7 $N
	status 78
	out "$N failed 203.0.113.7 nohost"
	errhas "no A record for $N (-o Create=1 creates it)"
	pbsent conn "$PA"
	pbstore "zone example.org example.org"
}
case_ "rest: porkbun: a missing record is nohost (78), nothing created" rest_pb_missing

rest_pb_create() {
	pbemu "zone example.org example.org"
	pb -o Create=1 -a 203.0.113.7 $N
	status 0
	out "$N updated 203.0.113.7 good"
	pbsent conn "$PA" "/dns/create/example.org \"name\":\"home\",\"type\":\"A\",\"content\":\"203.0.113.7\""
	pbstore "zone example.org example.org;record 901 example.org A $N 203.0.113.7 600 none"
}
case_ "rest: porkbun: -o Create=1 creates the missing record" rest_pb_create

rest_pb_several() {
	pbemu "zone example.org example.org;record 101 example.org A $N 192.0.2.1 600 a;record 103 example.org A $N 192.0.2.2 600 b"
	pb -a 203.0.113.7 $N
	status 78
	out "$N failed 203.0.113.7 numhost"
	errhas "2 A records for $N: which one to change is not guessed"
	pbsent conn "$PA"
	pbstore "zone example.org example.org;record 101 example.org A $N 192.0.2.1 600 a;record 103 example.org A $N 192.0.2.2 600 b"
}
case_ "rest: porkbun: several records of the type are refused (78), none changed" rest_pb_several

rest_pb_badkey() {
	pbemu
	PBSECRET=sk1_wrong pb -a 203.0.113.7 $N $N2
	status 77
	out "$N failed 203.0.113.7 badauth" "$N2 failed 203.0.113.7 badauth"
	errhas "Invalid API key. (002)"
	PBS=sk1_wrong pbsent conn "$PA"
	pbstore "$PBSTORE"
}
case_ "rest: porkbun: refused keys are badauth (77), one request only" rest_pb_badkey

rest_pb_usage() {
	usage_ "no user name" -o Provider=porkbun -a 192.0.2.1 $N
}
case_ "rest: porkbun: the apikey is -u" rest_pb_usage

rest_pb_dry() {
	pbemu
	pb -n -a 203.0.113.7 $N
	status 0
	nothingsent
	pbnosecret
	grep -q "^{\"secretapikey\":\"\*\*\*\*\*\*\*\*\",\"apikey\":\"$PBKEY\",\"content\":\"203.0.113.7\",\"ttl\":\"{ttl}\"}$" "$W/out" ||
	    bad "no masked edit shown"
}
case_ "rest: porkbun: -n shows the requests, the secret masked" rest_pb_dry
