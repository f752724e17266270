# The other JSON-API providers' cases of test/run.sh, sourced by it:
# -o Provider=digitalocean, hetzner and gandi against test/provider -E
# (test/restemu.c, each API from its own documentation: DigitalOcean's
# https://docs.digitalocean.com/reference/api/api-reference/#tag/Domain-Records,
# Hetzner's https://dns.hetzner.com/api-docs, Gandi's
# https://api.gandi.net/docs/livedns/), over https with the test CA. Each
# case asserts every request that arrived (method, path, query, headers,
# body), the connection each came on, the records afterwards, the output
# line and the exit status. The store format is restcases.sh's.

DOTOKEN='dop_v1_5ecret-T0ken'
HZTOKEN='hz5ecretT0ken-42'
GDTOKEN='pat_5ecret-g4ndi'

# remu API STORE: the emulated API on STORE ("LINE;LINE"), its token
remu() {
	case $1 in
	digitalocean) rtok=$DOTOKEN ;;
	hetzner) rtok=$HZTOKEN ;;
	gandi) rtok=$GDTOKEN ;;
	esac
	{ echo "token $rtok"; printf '%s\n' "$2" | tr ';' '\n'; } >"$W/store"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 4 -E "$1" \
	    -Z "$W/store"
}

# rup API ARGS: ddnsup -o Provider=API at the emulation, the token (RTOK
# or the API's) in the environment
rup() {
	a=$1
	shift
	case $a in
	digitalocean) t=$DOTOKEN ;;
	hetzner) t=$HZTOKEN ;;
	gandi) t=$GDTOKEN ;;
	esac
	DDNSUP_PASSWORD=${RTOK:-$t} ddnsup -C "$CERTS/ca.pem" \
	    -o Provider="$a" -o ProviderFQDN=localhost \
	    -o ProviderPort="$PORT" "$@"
}

# rsent API REQ...: exactly these requests arrived, "METHOD PATH [BODY]"
# (PATH after the API's prefix), "conn" where a connection begins
rsent() {
	a=$1
	shift
	case $a in
	digitalocean) pre=/v2 t=$DOTOKEN ;;
	hetzner) pre=/api/v1 t=$HZTOKEN ;;
	gandi) pre=/v5/livedns t=$GDTOKEN ;;
	esac
	t=${RTOK:-$t}
	c=0
	: >"$W/wantreq"
	for r; do
		if [ "$r" = conn ]; then
			c=$((c + 1))
			printf '# connection %d\n' "$c" >>"$W/wantreq"
			continue
		fi
		m=${r%% *} rest=${r#* }
		p=${rest%% *} b=
		[ "$p" != "$rest" ] && b=${rest#* }
		{
			printf '%s %s%s HTTP/1.1\r\n' "$m" "$pre" "$p"
			printf 'Host: localhost:%s\r\n' "$PORT"
			[ "$a" != hetzner ] && printf 'Authorization: Bearer %s\r\n' "$t"
			printf 'User-Agent: %s\r\n' "$AGENT"
			printf 'Accept: application/json\r\n'
			[ "$a" = hetzner ] && printf 'Auth-API-Token: %s\r\n' "$t"
			if [ -n "$b" ]; then
				printf 'Content-Type: application/json\r\n'
				printf 'Content-Length: %s\r\n' "${#b}"
			fi
			printf '\r\n%s' "$b"
		} >>"$W/wantreq"
	done
	cmpreq
}

# rstore "LINE;LINE": the emulation's records now (its token line left out)
rstore() {
	printf '%s\n' "$1" | tr ';' '\n' >"$W/want"
	grep -v '^token ' "$W/store" >"$W/have"
	diff -u "$W/want" "$W/have" >"$W/diff" || { bad "records differ:"; cat "$W/diff" >>"$W/why"; }
}

# rnotoken: none of the tokens appears in the output
rnotoken() {
	if grep -F -e "$DOTOKEN" -e "$HZTOKEN" -e "$GDTOKEN" "$W/out" "$W/err" >/dev/null; then
		bad "the token appears in the output"
	fi
}

# --- DigitalOcean ---------------------------------------------------------

DOSTORE="zone example.org example.org;record 3352896 example.org A $N 192.0.2.1 3600 x;record 3352897 example.org AAAA $N 2001:db8::1 300 x;record 3352898 example.org A www.example.org 192.0.2.1 1800 x"
DLA="GET /domains/example.org/records?type=A&name=$N"
DL6="GET /domains/example.org/records?type=AAAA&name=$N"

rest_do_update() {
	remu digitalocean "$DOSTORE"
	rup digitalocean -a 203.0.113.7 -a 2001:db8::1 $N
	status 0
	out "$N updated 203.0.113.7,2001:db8::1 good"
	err
	# one connection; the AAAA record already holds its address: no write
	rsent digitalocean conn "$DLA" \
	    "PATCH /domains/example.org/records/3352896 {\"type\":\"A\",\"data\":\"203.0.113.7\"}" "$DL6"
	# the ttl, the other family and the other name as they were
	rstore "zone example.org example.org;record 3352896 example.org A $N 203.0.113.7 3600 x;record 3352897 example.org AAAA $N 2001:db8::1 300 x;record 3352898 example.org A www.example.org 192.0.2.1 1800 x"
	rnotoken
}
case_ "rest: digitalocean: the A record's data changed alone, one connection" rest_do_update

rest_do_ttl_zone() {
	remu digitalocean "zone example.org example.org;record 7 example.org AAAA a.b.example.org 2001:db8::1 300 x"
	rup digitalocean -o Zone=example.org -o TTL=120 -a 2001:db8::7 a.b.example.org
	status 0
	out "a.b.example.org updated 2001:db8::7 good"
	rsent digitalocean conn "GET /domains/example.org/records?type=AAAA&name=a.b.example.org" \
	    "PATCH /domains/example.org/records/7 {\"type\":\"AAAA\",\"data\":\"2001:db8::7\",\"ttl\":120}"
	rstore "zone example.org example.org;record 7 example.org AAAA a.b.example.org 2001:db8::7 120 x"
}
case_ "rest: digitalocean: -o Zone= for a deeper name, -o TTL= sent" rest_do_ttl_zone

rest_do_unchanged() {
	remu digitalocean "$DOSTORE"
	rup digitalocean -a 192.0.2.1 $N
	status 0
	out "$N unchanged 192.0.2.1 nochg"
	rsent digitalocean conn "$DLA"
	rstore "$DOSTORE"
}
case_ "rest: digitalocean: the address already there: no write" rest_do_unchanged

rest_do_missing() {
	remu digitalocean "zone example.org example.org"
	rup digitalocean -a 203.0.113.7 $N
	status 78
	out "$N failed 203.0.113.7 nohost"
	errhas "no A record for $N (-o Create=1 creates it)"
	rsent digitalocean conn "$DLA"
	rstore "zone example.org example.org"
}
case_ "rest: digitalocean: a missing record is nohost (78), nothing created" rest_do_missing

rest_do_create() {
	remu digitalocean "zone example.org example.org"
	rup digitalocean -o Create=1 -a 203.0.113.7 $N
	status 0
	out "$N updated 203.0.113.7 good"
	rsent digitalocean conn "$DLA" \
	    "POST /domains/example.org/records {\"type\":\"A\",\"name\":\"home\",\"data\":\"203.0.113.7\"}"
	rstore "zone example.org example.org;record 3352901 example.org A $N 203.0.113.7 1800 none"
}
case_ "rest: digitalocean: -o Create=1 creates the missing record" rest_do_create

rest_do_several() {
	remu digitalocean "zone example.org example.org;record 1 example.org A $N 192.0.2.1 600 x;record 2 example.org A $N 192.0.2.2 600 x"
	rup digitalocean -a 203.0.113.7 $N
	status 78
	out "$N failed 203.0.113.7 numhost"
	errhas "2 A records for $N: which one to change is not guessed"
	rsent digitalocean conn "$DLA"
	rstore "zone example.org example.org;record 1 example.org A $N 192.0.2.1 600 x;record 2 example.org A $N 192.0.2.2 600 x"
}
case_ "rest: digitalocean: several records of the type are refused (78), none changed" rest_do_several

rest_do_nodomain() {
	remu digitalocean "zone example.net example.net"
	rup digitalocean -a 203.0.113.7 $N
	status 78
	out "$N failed 203.0.113.7 nohost"
	errhas "HTTP 404: The resource you were accessing could not be found."
	rsent digitalocean conn "$DLA"
}
case_ "rest: digitalocean: a domain not in the account is nohost (78)" rest_do_nodomain

rest_do_badtoken() {
	remu digitalocean "$DOSTORE"
	RTOK=dop_v1_wrong rup digitalocean -a 203.0.113.7 $N $N2
	status 77
	out "$N failed 203.0.113.7 badauth" "$N2 failed 203.0.113.7 badauth"
	errhas "token refused (HTTP 401: Unable to authenticate you)"
	RTOK=dop_v1_wrong rsent digitalocean conn "$DLA"
	rstore "$DOSTORE"
}
case_ "rest: digitalocean: a refused token is badauth (77), one request only" rest_do_badtoken

rest_do_429() {
	remu digitalocean "mode 429;zone example.org example.org"
	S=$W/do.state
	rm -f "$S"
	rup digitalocean -c "$S" -a 203.0.113.7 $N
	status 75
	out "$N failed 203.0.113.7 toomanyrequests"
	rsent digitalocean conn "$DLA"
	hold=$(sed -n "s/^name $N 4 - 0 toomanyrequests 75 \([0-9]*\) .*/\1/p" "$S")
	now=$(date +%s)
	[ -n "$hold" ] && [ $((hold - now)) -le 3600 ] && [ $((hold - now)) -ge 3580 ] ||
	    bad "hold until ${hold:-none}, now $now: not Retry-After's 3600 s"
	S=$W/state/ddnsup.state
}
case_ "rest: digitalocean: 429 is a hold (75) for its Retry-After" rest_do_429

rest_do_500_html() {
	remu digitalocean "mode 500;zone example.org example.org"
	rup digitalocean -a 203.0.113.7 $N
	status 75
	out "$N failed 203.0.113.7 servererror"
	rsent digitalocean conn "$DLA"
	stopprovider
	remu digitalocean "mode html;zone example.org example.org"
	rup digitalocean -a 203.0.113.7 $N
	status 76
	out "$N failed 203.0.113.7 protocol"
	errhas "HTTP 200, not the JSON expected: <html><head><title>Just a moment"
}
case_ "rest: digitalocean: a 5xx is servererror (75), HTML protocol (76)" rest_do_500_html

rest_do_dry() {
	remu digitalocean "$DOSTORE"
	rup digitalocean -n -a 203.0.113.7 $N
	status 0
	nothingsent
	rnotoken
	grep -q '^Authorization: Bearer \*\*\*\*\*\*\*\*$' "$W/out" || bad "no masked token"
	grep -q "^PATCH /v2/domains/example.org/records/{record_id} HTTP/1.1$" "$W/out" ||
	    bad "no PATCH shown"
	rup digitalocean -v -a 203.0.113.7 $N
	status 0
	rnotoken
	errhas "> Authorization: Bearer ********"
}
case_ "rest: digitalocean: -n and -v show the requests, the token masked" rest_do_dry

# --- Hetzner --------------------------------------------------------------

HZ=zoneHz1
HZSTORE="zone $HZ example.org;record hzA $HZ A $N 192.0.2.1 600 x;record hz6 $HZ AAAA $N 2001:db8::1 0 x;record hzW $HZ A www.example.org 192.0.2.1 0 x;record hzN $HZ NS example.org ns1.example.net 0 x"
HQ1="GET /zones?name=$N"
HQ2="GET /zones?name=example.org"
HR="GET /records?zone_id=$HZ"

rest_hz_update() {
	remu hetzner "$HZSTORE"
	rup hetzner -a 203.0.113.7 -a 2001:db8::9 $N
	status 0
	out "$N updated 203.0.113.7,2001:db8::9 good"
	err
	# the zone found once; the whole record sent back, its own ttl, and
	# none for the AAAA record that has the zone's
	rsent hetzner conn "$HQ1" "$HQ2" "$HR" \
	    "PUT /records/hzA {\"value\":\"203.0.113.7\",\"ttl\":600,\"type\":\"A\",\"name\":\"home\",\"zone_id\":\"$HZ\"}" \
	    "$HR" \
	    "PUT /records/hz6 {\"value\":\"2001:db8::9\",\"type\":\"AAAA\",\"name\":\"home\",\"zone_id\":\"$HZ\"}"
	rstore "zone $HZ example.org;record hzA $HZ A $N 203.0.113.7 600 x;record hz6 $HZ AAAA $N 2001:db8::9 0 x;record hzW $HZ A www.example.org 192.0.2.1 0 x;record hzN $HZ NS example.org ns1.example.net 0 x"
	rnotoken
}
case_ "rest: hetzner: both families, the whole record sent back, its ttl kept, one connection" rest_hz_update

rest_hz_apex_ttl() {
	remu hetzner "$HZSTORE"
	rup hetzner -o Zone=example.org -o TTL=300 -a 192.0.2.9 example.org
	status 78
	out "example.org failed 192.0.2.9 nohost"
	rsent hetzner conn "$HQ2" "$HR"
	stopprovider
	remu hetzner "zone $HZ example.org;record hzT $HZ A example.org 192.0.2.1 0 x"
	rup hetzner -o Zone=example.org -o TTL=300 -a 192.0.2.9 example.org
	status 0
	out "example.org updated 192.0.2.9 good"
	rsent hetzner conn "$HQ2" "$HR" \
	    "PUT /records/hzT {\"value\":\"192.0.2.9\",\"ttl\":300,\"type\":\"A\",\"name\":\"@\",\"zone_id\":\"$HZ\"}"
	rstore "zone $HZ example.org;record hzT $HZ A example.org 192.0.2.9 300 x"
}
case_ "rest: hetzner: the apex is @, -o TTL= sent, the NS record not taken for it" rest_hz_apex_ttl

rest_hz_unchanged() {
	remu hetzner "$HZSTORE"
	rup hetzner -o Zone=example.org -a 192.0.2.1 $N
	status 0
	out "$N unchanged 192.0.2.1 nochg"
	rsent hetzner conn "$HQ2" "$HR"
	rstore "$HZSTORE"
}
case_ "rest: hetzner: the address already there: no write" rest_hz_unchanged

rest_hz_missing_create() {
	remu hetzner "zone $HZ example.org;record hz6 $HZ AAAA $N 2001:db8::1 0 x"
	rup hetzner -o Zone=example.org -a 203.0.113.7 $N
	status 78
	out "$N failed 203.0.113.7 nohost"
	errhas "no A record for $N (-o Create=1 creates it)"
	rsent hetzner conn "$HQ2" "$HR"
	rstore "zone $HZ example.org;record hz6 $HZ AAAA $N 2001:db8::1 0 x"
	stopprovider
	remu hetzner "zone $HZ example.org;record hz6 $HZ AAAA $N 2001:db8::1 0 x"
	rup hetzner -o Zone=example.org -o Create=1 -a 203.0.113.7 $N
	status 0
	out "$N updated 203.0.113.7 good"
	rsent hetzner conn "$HQ2" "$HR" \
	    "POST /records {\"value\":\"203.0.113.7\",\"type\":\"A\",\"name\":\"home\",\"zone_id\":\"$HZ\"}"
	rstore "zone $HZ example.org;record hz6 $HZ AAAA $N 2001:db8::1 0 x;record hz1 $HZ A $N 203.0.113.7 0 none"
}
case_ "rest: hetzner: a missing record is nohost (78); -o Create=1 creates it" rest_hz_missing_create

rest_hz_several() {
	remu hetzner "zone $HZ example.org;record h1 $HZ A $N 192.0.2.1 0 x;record h2 $HZ A $N 192.0.2.2 0 x"
	rup hetzner -o Zone=example.org -a 203.0.113.7 $N
	status 78
	out "$N failed 203.0.113.7 numhost"
	errhas "2 A records for $N: which one to change is not guessed"
	rsent hetzner conn "$HQ2" "$HR"
	rstore "zone $HZ example.org;record h1 $HZ A $N 192.0.2.1 0 x;record h2 $HZ A $N 192.0.2.2 0 x"
}
case_ "rest: hetzner: several records of the type are refused (78), none changed" rest_hz_several

rest_hz_nozone() {
	remu hetzner "zone $HZ example.net"
	rup hetzner -a 203.0.113.7 $N
	status 78
	out "$N failed 203.0.113.7 nohost"
	errhas "no zone of this account holds $N"
	rsent hetzner conn "$HQ1" "$HQ2"
}
case_ "rest: hetzner: no zone holds the name: nohost (78)" rest_hz_nozone

rest_hz_badtoken() {
	remu hetzner "$HZSTORE"
	RTOK=hz-wrong rup hetzner -a 203.0.113.7 $N $N2
	status 77
	out "$N failed 203.0.113.7 badauth" "$N2 failed 203.0.113.7 badauth"
	errhas "token refused (HTTP 401: Invalid authentication credentials)"
	RTOK=hz-wrong rsent hetzner conn "$HQ1"
	rstore "$HZSTORE"
}
case_ "rest: hetzner: a refused token is badauth (77), one request only" rest_hz_badtoken

rest_hz_429_500_html() {
	remu hetzner "mode 429;zone $HZ example.org"
	rup hetzner -a 203.0.113.7 $N
	status 75
	out "$N failed 203.0.113.7 toomanyrequests"
	rsent hetzner conn "$HQ1"
	stopprovider
	remu hetzner "mode 500;zone $HZ example.org"
	rup hetzner -a 203.0.113.7 $N
	status 75
	out "$N failed 203.0.113.7 servererror"
	stopprovider
	remu hetzner "mode html;zone $HZ example.org"
	rup hetzner -a 203.0.113.7 $N
	status 76
	out "$N failed 203.0.113.7 protocol"
}
case_ "rest: hetzner: 429 and 5xx are 75, HTML 76" rest_hz_429_500_html

rest_hz_dry() {
	remu hetzner "$HZSTORE"
	rup hetzner -n -a 203.0.113.7 $N
	status 0
	nothingsent
	rnotoken
	grep -q '^Auth-API-Token: \*\*\*\*\*\*\*\*$' "$W/out" || bad "no masked token"
	grep -q "^PUT /api/v1/records/{record_id} HTTP/1.1$" "$W/out" || bad "no PUT shown"
	rup hetzner -v -o Zone=example.org -a 203.0.113.7 $N
	status 0
	rnotoken
	errhas "> Auth-API-Token: ********"
}
case_ "rest: hetzner: -n and -v show the requests, the token masked" rest_hz_dry

# --- Gandi ----------------------------------------------------------------

GDSTORE="zone example.org example.org;record g1 example.org A $N 192.0.2.1 1200 x;record g2 example.org AAAA $N 2001:db8::1 300 x"
GA="/domains/example.org/records/home/A"
G6="/domains/example.org/records/home/AAAA"

rest_gd_update() {
	remu gandi "$GDSTORE"
	rup gandi -a 203.0.113.7 -a 2001:db8::1 $N
	status 0
	out "$N updated 203.0.113.7,2001:db8::1 good"
	err
	# the rrset's own ttl sent back; the AAAA rrset already holds it
	rsent gandi conn "GET $GA" \
	    "PUT $GA {\"rrset_values\":[\"203.0.113.7\"],\"rrset_ttl\":1200}" "GET $G6"
	rstore "zone example.org example.org;record g1 example.org A $N 203.0.113.7 1200 x;record g2 example.org AAAA $N 2001:db8::1 300 x"
	rnotoken
}
case_ "rest: gandi: the A rrset's value changed, its ttl kept, the AAAA untouched, one connection" rest_gd_update

rest_gd_apex_ttl() {
	remu gandi "zone example.org example.org;record g1 example.org AAAA example.org 2001:db8::1 300 x"
	rup gandi -o TTL=600 -a 2001:db8::5 example.org
	status 0
	out "example.org updated 2001:db8::5 good"
	rsent gandi conn "GET /domains/example.org/records/@/AAAA" \
	    "PUT /domains/example.org/records/@/AAAA {\"rrset_values\":[\"2001:db8::5\"],\"rrset_ttl\":600}"
	rstore "zone example.org example.org;record g1 example.org AAAA example.org 2001:db8::5 600 x"
}
case_ "rest: gandi: the apex is @, -o TTL= sent" rest_gd_apex_ttl

rest_gd_unchanged() {
	remu gandi "$GDSTORE"
	rup gandi -a 192.0.2.1 $N
	status 0
	out "$N unchanged 192.0.2.1 nochg"
	rsent gandi conn "GET $GA"
	rstore "$GDSTORE"
}
case_ "rest: gandi: the address already there: no write" rest_gd_unchanged

rest_gd_missing_create() {
	remu gandi "zone example.org example.org"
	rup gandi -a 203.0.113.7 $N
	status 78
	out "$N failed 203.0.113.7 nohost"
	errhas "no A record for $N (-o Create=1 creates it)"
	rsent gandi conn "GET $GA"
	rstore "zone example.org example.org"
	stopprovider
	remu gandi "zone example.org example.org"
	rup gandi -o Create=1 -a 203.0.113.7 $N
	status 0
	out "$N updated 203.0.113.7 good"
	rsent gandi conn "GET $GA" "POST $GA {\"rrset_values\":[\"203.0.113.7\"]}"
	rstore "zone example.org example.org;record gd1 example.org A $N 203.0.113.7 10800 none"
}
case_ "rest: gandi: a missing rrset is nohost (78); -o Create=1 creates it" rest_gd_missing_create

rest_gd_several() {
	remu gandi "zone example.org example.org;record g1 example.org A $N 192.0.2.1 300 x;record g2 example.org A $N 192.0.2.2 300 x"
	rup gandi -a 203.0.113.7 $N
	status 78
	out "$N failed 203.0.113.7 numhost"
	errhas "2 A records for $N: which one to change is not guessed"
	rsent gandi conn "GET $GA"
	rstore "zone example.org example.org;record g1 example.org A $N 192.0.2.1 300 x;record g2 example.org A $N 192.0.2.2 300 x"
}
case_ "rest: gandi: an rrset of several values is refused (78), none changed" rest_gd_several

rest_gd_badtoken() {
	remu gandi "$GDSTORE"
	RTOK=pat_wrong rup gandi -a 203.0.113.7 $N $N2
	status 77
	out "$N failed 203.0.113.7 badauth" "$N2 failed 203.0.113.7 badauth"
	errhas "token refused (HTTP 401: The server could not verify"
	RTOK=pat_wrong rsent gandi conn "GET $GA"
	rstore "$GDSTORE"
}
case_ "rest: gandi: a refused token is badauth (77), one request only" rest_gd_badtoken

rest_gd_429_500_html() {
	remu gandi "mode 429;zone example.org example.org"
	rup gandi -a 203.0.113.7 $N
	status 75
	out "$N failed 203.0.113.7 toomanyrequests"
	rsent gandi conn "GET $GA"
	stopprovider
	remu gandi "mode 500;zone example.org example.org"
	rup gandi -a 203.0.113.7 $N
	status 75
	out "$N failed 203.0.113.7 servererror"
	stopprovider
	remu gandi "mode html;zone example.org example.org"
	rup gandi -a 203.0.113.7 $N
	status 76
	out "$N failed 203.0.113.7 protocol"
}
case_ "rest: gandi: 429 and 5xx are 75, HTML 76" rest_gd_429_500_html

rest_gd_dry() {
	remu gandi "$GDSTORE"
	rup gandi -n -a 203.0.113.7 $N
	status 0
	nothingsent
	rnotoken
	grep -q '^Authorization: Bearer \*\*\*\*\*\*\*\*$' "$W/out" || bad "no masked token"
	grep -q "^PUT /v5/livedns$GA HTTP/1.1$" "$W/out" || bad "no PUT shown"
}
case_ "rest: gandi: -n shows the requests, the token masked" rest_gd_dry

rest2_usage() {
	usage_ "this provider takes a token alone" -o Provider=hetzner -u bob -a 192.0.2.1 $N
	usage_ "this provider takes a token alone" -o Provider=gandi -u bob -a 192.0.2.1 $N
	usage_ "this provider takes a token alone" -o Provider=digitalocean -u bob -a 192.0.2.1 $N
}
case_ "rest: digitalocean, hetzner, gandi: -u refused" rest2_usage
