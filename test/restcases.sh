# REST provider cases of test/run.sh, sourced by it: -o Provider=cloudflare
# against test/provider -E cloudflare (test/restemu.c, Cloudflare's API
# from its reference), over https with the test CA. Each case asserts
# every request that arrived, the connection each came on, the records
# the provider holds afterwards, the output line and the exit status.

CFTOKEN='cf-T0ken_5ecret-9'
ZID=023e105f4ecef8ad9ca31a8372d0c353
RA=372e67954025e0ba6aaa6d586b9e0b59
R6=372e67954025e0ba6aaa6d586b9e0b5a
CFSTORE="zone $ZID example.org;record $RA $ZID A $N 192.0.2.1 3600 true;record $R6 $ZID AAAA $N 2001:db8::1 300 false"

# cfemu [STORE]: the emulated Cloudflare on the store $CFSTORE (or STORE)
cfemu() {
	{ echo "token $CFTOKEN"; printf '%s\n' "${1:-$CFSTORE}" | tr ';' '\n'; } >"$W/store"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 4 -E cloudflare \
	    -Z "$W/store"
}

# cf ARGS: ddnsup -o Provider=cloudflare at the emulation, the token in
# the environment
cf() {
	DDNSUP_PASSWORD=$CFTOKEN ddnsup -C "$CERTS/ca.pem" \
	    -o Provider=cloudflare -o ProviderFQDN=localhost \
	    -o ProviderPort="$PORT" "$@"
}

# cfsent REQ...: exactly these requests arrived; "METHOD PATH [BODY]"
# (PATH after /client/v4), "conn" where a connection begins
cfsent() {
	cfconn=0
	: >"$W/wantreq"
	for r; do
		if [ "$r" = conn ]; then
			cfconn=$((${cfconn:-0} + 1))
			printf "# connection %d\n" "$cfconn" >>"$W/wantreq"
			continue
		fi
		m=${r%% *} rest=${r#* }
		t=${rest%% *} b=
		[ "$t" != "$rest" ] && b=${rest#* }
		{
			printf '%s /client/v4%s HTTP/1.1\r\n' "$m" "$t"
			printf 'Host: localhost:%s\r\n' "$PORT"
			printf 'Authorization: Bearer %s\r\n' "$CFTOKEN"
			printf 'User-Agent: %s\r\n' "$AGENT"
			printf 'Accept: application/json\r\n'
			if [ -n "$b" ]; then
				printf 'Content-Type: application/json\r\n'
				printf 'Content-Length: %s\r\n' "${#b}"
			fi
			printf '\r\n%s' "$b"
		} >>"$W/wantreq"
	done
	cfconn=0
	cmpreq
}

# cfstore "LINE;LINE": the emulation's records now (its token line left out)
cfstore() {
	printf '%s\n' "$1" | tr ';' '\n' >"$W/want"
	grep -v '^token ' "$W/store" >"$W/have"
	diff -u "$W/want" "$W/have" >"$W/diff" || { bad "records differ:"; cat "$W/diff" >>"$W/why"; }
}

notoken() {
	if grep -F "$CFTOKEN" "$W/out" "$W/err" >/dev/null; then
		bad "the token appears in the output"
	fi
}

ZQ1="GET /zones?name=$N"
ZQ2="GET /zones?name=example.org"
LA="GET /zones/$ZID/dns_records?type=A&name=$N"
L6="GET /zones/$ZID/dns_records?type=AAAA&name=$N"

rest_cf_update() {
	cfemu
	cf -a 203.0.113.7 -a 2001:db8::1 $N
	status 0
	out "$N updated 203.0.113.7,2001:db8::1 good"
	err
	# one connection; the AAAA record already holds its address: no write
	cfsent conn "$ZQ1" "$ZQ2" "$LA" \
	    "PATCH /zones/$ZID/dns_records/$RA {\"content\":\"203.0.113.7\"}" "$L6"
	# proxied and ttl as they were
	cfstore "zone $ZID example.org;record $RA $ZID A $N 203.0.113.7 3600 true;record $R6 $ZID AAAA $N 2001:db8::1 300 false"
	notoken
}
case_ "rest: cloudflare: the A record changed alone, proxied and ttl kept, one connection" rest_cf_update

rest_cf_zone() {
	cfemu
	cf -o Zone=example.org -a 2001:db8::7 $N
	status 0
	out "$N updated 2001:db8::7 good"
	cfsent conn "$ZQ2" "$L6" \
	    "PATCH /zones/$ZID/dns_records/$R6 {\"content\":\"2001:db8::7\"}"
	# the A record, of the other family, untouched
	cfstore "zone $ZID example.org;record $RA $ZID A $N 192.0.2.1 3600 true;record $R6 $ZID AAAA $N 2001:db8::7 300 false"
}
case_ "rest: cloudflare: -o Zone= takes three requests; the other family untouched" rest_cf_zone

rest_cf_ttl() {
	cfemu
	cf -o Zone=example.org -o TTL=120 -a 192.0.2.1 $N
	status 0
	out "$N updated 192.0.2.1 good"
	cfsent conn "$ZQ2" "$LA" \
	    "PATCH /zones/$ZID/dns_records/$RA {\"content\":\"192.0.2.1\",\"ttl\":120}"
	cfstore "zone $ZID example.org;record $RA $ZID A $N 192.0.2.1 120 true;record $R6 $ZID AAAA $N 2001:db8::1 300 false"
}
case_ "rest: cloudflare: -o TTL= is sent, proxied still kept" rest_cf_ttl

rest_cf_unchanged() {
	cfemu
	cf -o Zone=example.org -a 192.0.2.1 $N
	status 0
	out "$N unchanged 192.0.2.1 nochg"
	cfsent conn "$ZQ2" "$LA"
	cfstore "zone $ZID example.org;record $RA $ZID A $N 192.0.2.1 3600 true;record $R6 $ZID AAAA $N 2001:db8::1 300 false"
}
case_ "rest: cloudflare: the address already there: no write" rest_cf_unchanged

rest_cf_missing() {
	cfemu "zone $ZID example.org;record $R6 $ZID AAAA $N 2001:db8::1 300 false"
	cf -a 203.0.113.7 $N
	status 78
	out "$N failed 203.0.113.7 nohost"
	errhas "no A record for $N (-o Create=1 creates it)"
	cfsent conn "$ZQ1" "$ZQ2" "$LA"
	cfstore "zone $ZID example.org;record $R6 $ZID AAAA $N 2001:db8::1 300 false"
}
case_ "rest: cloudflare: a missing record is nohost (78), nothing created" rest_cf_missing

rest_cf_create() {
	cfemu "zone $ZID example.org;record $R6 $ZID AAAA $N 2001:db8::1 300 false"
	cf -o Zone=example.org -o Create=1 -a 203.0.113.7 $N
	status 0
	out "$N updated 203.0.113.7 good"
	cfsent conn "$ZQ2" "$LA" \
	    "POST /zones/$ZID/dns_records {\"type\":\"A\",\"name\":\"$N\",\"content\":\"203.0.113.7\",\"ttl\":1,\"proxied\":false}"
	cfstore "zone $ZID example.org;record $R6 $ZID AAAA $N 2001:db8::1 300 false;record new1 $ZID A $N 203.0.113.7 1 false"
}
case_ "rest: cloudflare: -o Create=1 creates the missing record" rest_cf_create

rest_cf_several() {
	cfemu "zone $ZID example.org;record $RA $ZID A $N 192.0.2.1 3600 true;record r2 $ZID A $N 192.0.2.2 3600 true"
	cf -o Zone=example.org -a 203.0.113.7 $N
	status 78
	out "$N failed 203.0.113.7 numhost"
	errhas "2 A records for $N: which one to change is not guessed"
	cfsent conn "$ZQ2" "$LA"
	cfstore "zone $ZID example.org;record $RA $ZID A $N 192.0.2.1 3600 true;record r2 $ZID A $N 192.0.2.2 3600 true"
}
case_ "rest: cloudflare: several records of the type are refused (78), none changed" rest_cf_several

rest_cf_nozone() {
	cfemu "zone $ZID example.net"
	cf -a 203.0.113.7 $N
	status 78
	out "$N failed 203.0.113.7 nohost"
	errhas "no zone of this account holds $N"
	cfsent conn "$ZQ1" "$ZQ2"
}
case_ "rest: cloudflare: no zone holds the name: nohost (78)" rest_cf_nozone

rest_cf_badtoken() {
	cfemu
	CFTOKEN=wrong-token cf -a 203.0.113.7 -a 2001:db8::7 $N $N2
	status 77
	out "$N failed 203.0.113.7,2001:db8::7 badauth" \
	    "$N2 failed 203.0.113.7,2001:db8::7 badauth"
	errhas "code 9109: Invalid access token"
	# the first refusal stops the run
	CFTOKEN=wrong-token cfsent conn "$ZQ1"
	if grep -F wrong-token "$W/out" "$W/err" >/dev/null; then
		bad "the token appears in the output"
	fi
}
case_ "rest: cloudflare: a refused token is badauth (77), one request only" rest_cf_badtoken

rest_cf_429() {
	cfemu "mode 429;zone $ZID example.org"
	S=$W/cf.state
	rm -f "$S"
	cf -c "$S" -a 203.0.113.7 $N
	status 75
	out "$N failed 203.0.113.7 toomanyrequests"
	cfsent conn "$ZQ1"
	# the hold is Retry-After's hour, longer than the 30 minutes' default
	hold=$(sed -n "s/^name $N 4 - 0 toomanyrequests 75 \([0-9]*\) .*/\1/p" "$S")
	now=$(date +%s)
	[ -n "$hold" ] && [ $((hold - now)) -le 3600 ] && [ $((hold - now)) -ge 3580 ] ||
	    bad "hold until ${hold:-none}, now $now: not Retry-After's 3600 s"
	: >"$W/rec"
	cf -c "$S" -a 203.0.113.7 $N
	status 75
	out "$N held 203.0.113.7 toomanyrequests"
	nothingsent
	S=$W/state/ddnsup.state
}
case_ "rest: cloudflare: 429 is a hold (75) for its Retry-After" rest_cf_429

rest_cf_500() {
	cfemu "mode 500;zone $ZID example.org"
	cf -a 203.0.113.7 $N
	status 75
	out "$N failed 203.0.113.7 servererror"
	cfsent conn "$ZQ1"
}
case_ "rest: cloudflare: a 5xx is servererror (75)" rest_cf_500

rest_cf_html() {
	cfemu "mode html;zone $ZID example.org"
	cf -a 203.0.113.7 $N
	status 76
	out "$N failed 203.0.113.7 protocol"
	errhas "HTTP 200, not the JSON expected: <html><head><title>Just a moment"
	cfsent conn "$ZQ1"
}
case_ "rest: cloudflare: an HTML reply is a protocol failure (76) naming it" rest_cf_html

rest_cf_dry() {
	cfemu
	cf -n -o Zone=example.org -a 203.0.113.7 $N
	status 0
	nothingsent
	notoken
	grep -q '^Authorization: Bearer \*\*\*\*\*\*\*\*$' "$W/out" || bad "no masked token"
	grep -q "^PATCH /client/v4/zones/{zone_id}/dns_records/{record_id} HTTP/1.1$" "$W/out" ||
	    bad "no PATCH shown"
	grep -q '^{"content":"203.0.113.7"}$' "$W/out" || bad "no body shown"
}
case_ "rest: cloudflare: -n shows every request, the token masked, sends nothing" rest_cf_dry

rest_cf_verbose() {
	cfemu
	cf -v -o Zone=example.org -a 203.0.113.7 $N
	status 0
	notoken
	errhas "> Authorization: Bearer ********"
}
case_ "rest: cloudflare: -v logs the requests with the token masked" rest_cf_verbose

rest_cf_usage() {
	usage_ "does not apply to -P dyndns" -o Zone=example.org -u bob $N
	usage_ "goes with a JSON-API provider" -o Create=1 -u bob $N
	usage_ "this provider takes a token alone" -o Provider=cloudflare -u bob -a 192.0.2.1 $N
	usage_ "must be 1, 0, true or false" -o Provider=cloudflare -o Create=yes $N
}
case_ "rest: cloudflare: Zone without a REST provider, -u, a bad Create" rest_cf_usage

rest_cf_notinzone() {
	cfemu
	cf -o Zone=example.net -a 203.0.113.7 $N
	status 78
	errhas "$N: not in the zone example.net"
	nothingsent
}
case_ "rest: cloudflare: a name outside -o Zone= is refused before any request" rest_cf_notinzone
