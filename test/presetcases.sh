# Preset cases of test/run.sh, sourced by it: every preset against
# test/provider -E, the emulation of that provider (test/emulate.c, from
# the provider's documentation), with the exact requests and the records
# the provider holds afterwards.

PZ="$N A 192.0.2.1;$N AAAA 2001:db8::1;$N2 A 192.0.2.2"
P4="-a 203.0.113.7"
P6="-a 2001:db8::7"
P46="-a 203.0.113.7 -a 2001:db8::7"
PT="wildcard=NOCHG&mx=NOCHG&backmx=NOCHG"
NOIPUA=$($RUN -n -o Provider=noip -u a a.example.org 2>/dev/null |
    sed -n 's/^User-Agent: //p')

# emu NAME [provider options]: the emulated provider over https, with
# the zone $PZ (or ZONE), accepting bob's credential (or CREDS)
emu() {
	n=$1
	shift
	printf '%s\n' "${ZONE:-$PZ}" | tr ';' '\n' >"$W/zone"
	set -- -E "$n" -Z "$W/zone" "$@"
	for c in ${CREDS:-bob}; do set -- "$@" -K "$c:$SECRET"; done
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 4 "$@"
}

# pre NAME ARGS: ddnsup with the preset, only its host and port replaced
pre() {
	n=$1
	shift
	ddnsup -C "$CERTS/ca.pem" -o Provider="$n" -o ProviderFQDN=localhost \
	    -o ProviderPort="$PORT" "$@"
}

# sent TARGET...: exactly these requests, in order, each with the
# credential of RU (default bob; "-": none, the secret is in the query)
# and the User-Agent UA (default $AGENT); "USER TARGET" gives one request
# its own user
sent() {
	: >"$W/wantreq"
	for t; do
		u=${RU:-bob}
		case "$t" in *" "*) u=${t%% *}; t=${t#* } ;; esac
		{
			printf 'GET %s HTTP/1.0\r\n' "$t"
			printf 'Host: %s\r\n' "${PHOST:-localhost:$PORT}"
			[ "$u" = - ] || printf 'Authorization: Basic %s\r\n' \
			    "$(printf '%s' "$u:$SECRET" | base64 -w0)"
			printf 'User-Agent: %s\r\n' "${UA:-$AGENT}"
			printf 'Connection: close\r\n\r\n'
		} >>"$W/wantreq"
	done
	cmpreq
}

# zone "LINE;LINE": the provider's records now
zone() {
	printf '%s\n' "$1" | tr ';' '\n' >"$W/want"
	diff -u "$W/want" "$W/zone" >"$W/diff" || { bad "records differ:"; cat "$W/diff" >>"$W/why"; }
}

# pc NAME "ARGS" "OUTPUT;LINES" "ZONE;AFTER" TARGET...: one update, its
# status 0, its lines, the requests and the records they left
pc() {
	n=$1 args=$2 o=$3 z=$4
	shift 4
	# shellcheck disable=SC2086
	emu "$n" ${EMUOPT:-}
	# shellcheck disable=SC2086
	pre "$n" $args
	status "${PST:-0}"
	printf '%s\n' "$o" | tr ';' '\n' >"$W/want"
	diff -u "$W/want" "$W/out" >"$W/diff" || { bad "stdout differs:"; cat "$W/diff" >>"$W/why"; }
	sent "$@"
	zone "$z"
	nosecret
}

A1="$N A 192.0.2.1" AAAA1="$N AAAA 2001:db8::1" B="$N2 A 192.0.2.2"
A7="$N A 203.0.113.7" AAAA7="$N AAAA 2001:db8::7"
Q="/nic/update?hostname=$N"

case_ "preset dyn: both families in one myip" pc dyn "-u bob $P46 $N" \
    "$N updated 203.0.113.7,2001:db8::7 good" "$A7;$AAAA7;$B" \
    "$Q&myip=203.0.113.7,2001:db8::7&$PT"
case_ "preset dyn: names in one request, a line each" pc dyn "-u bob $P4 $N $N2" \
    "$N updated 203.0.113.7 good;$N2 updated 203.0.113.7 good" \
    "$A7;$AAAA1;$N2 A 203.0.113.7" "$Q,$N2&myip=203.0.113.7&$PT"
t_pnoip() {
	UA=$NOIPUA
	pc noip "-u bob $P46 $N" "$N updated 203.0.113.7,2001:db8::7 good" \
	    "$A7;$AAAA7;$B" "$Q&myip=203.0.113.7,2001:db8::7"
	UA=
	echo "$NOIPUA" | grep -Eq "^ddnsup ddnsup/[^ ]+-$VERSION [^ @]+@[^ @]+$" ||
	    bad "not No-IP's User-Agent form: $NOIPUA"
}
case_ "preset noip: its User-Agent form" t_pnoip
t_pnoipua() {
	emu noip
	pre noip -u bob -o "UserAgent=Acme - Router - 1" $P4 $N
	status 77
	out "$N failed 203.0.113.7 badagent"
	zone "$A1;$AAAA1;$B"
}
case_ "preset noip: another User-Agent form is badagent" t_pnoipua
Q2="/nic/update?hostname=$N2"
t_phe() {
	CREDS="$N $N2"
	pc he "$P4 $N $N2" \
	    "$N updated 203.0.113.7 good;$N2 updated 203.0.113.7 good" \
	    "$A7;$AAAA1;$N2 A 203.0.113.7" \
	    "$N $Q&myip=203.0.113.7" "$N2 $Q2&myip=203.0.113.7"
	CREDS=
}
case_ "preset he: one request per name, each with the name's credential" t_phe
t_phe46() {
	CREDS=$N
	pc he "$P46 $N" "$N updated 203.0.113.7,2001:db8::7 good" "$A7;$AAAA7;$B" \
	    "$N $Q&myip=203.0.113.7" "$N $Q&myip=2001:db8::7"
	CREDS=
}
case_ "preset he: one request per family" t_phe46
t_phebadip() {
	# what the split avoids: HE answers a v4,v6 list with badip
	CREDS=$N
	emu he
	https -u $N $P46 $N
	status 78
	out "$N failed 203.0.113.7,2001:db8::7 badip"
	errhas "localhost:$PORT: badip: address refused"
	zone "$A1;$AAAA1;$B"
	CREDS=
}
case_ "preset he: a combined myip is badip (the emulation)" t_phebadip
case_ "preset tunnelbroker" pc tunnelbroker "-u bob $P4 $N" \
    "$N updated 203.0.113.7 good" "$A7;$AAAA1;$B" "$Q&myip=203.0.113.7"
case_ "preset dnsomatic: names in one request" pc dnsomatic "-u bob $P4 $N $N2" \
    "$N updated 203.0.113.7 good;$N2 updated 203.0.113.7 good" \
    "$A7;$AAAA1;$N2 A 203.0.113.7" "$Q,$N2&myip=203.0.113.7&$PT"
case_ "preset dynu: both families" pc dynu "-u bob $P46 $N" \
    "$N updated 203.0.113.7,2001:db8::7 good" "$A7;$AAAA7;$B" \
    "$Q&myip=203.0.113.7&myipv6=2001:db8::7"
case_ "preset dynu: IPv6 alone keeps the A record (myip=no)" pc dynu "-u bob $P6 $N" \
    "$N updated 2001:db8::7 good" "$A1;$AAAA7;$B" \
    "$Q&myipv6=2001:db8::7&myip=no"
t_pdynu4() {
	# over IPv6, where dynu would fill the AAAA from the connection
	emu dynu -6
	ddnsup -C "$CERTS/ca.pem" -k "$(cat "$CERTS/ec.pin")" -o Provider=dynu \
	    -o ProviderFQDN=::1 -o ProviderPort="$PORT" -u bob $P4 $N
	status 0
	out "$N updated 203.0.113.7 good"
	PHOST="[::1]:$PORT"
	sent "$Q&myip=203.0.113.7&myipv6=no"
	PHOST=
	zone "$A7;$AAAA1;$B"
}
case_ "preset dynu: IPv4 alone keeps the AAAA record (myipv6=no)" t_pdynu4
t_pdynudamage() {
	# what myipv6=no prevents: dynu fills a family not sent from the connection
	emu dynu -6
	ddnsup -C "$CERTS/ca.pem" -k "$(cat "$CERTS/ec.pin")" \
	    -s "https://[::1]:$PORT" -u bob $P4 $N
	status 0
	zone "$A7;$N AAAA ::1;$B"
}
case_ "preset dynu: without myip=no the A record is the connection's (the emulation)" t_pdynudamage
case_ "preset ovh: new host's path, one request per family" pc ovh "-u bob $P46 $N" \
    "$N updated 203.0.113.7,2001:db8::7 good" "$A7;$AAAA7;$B" \
    "/nic/update?system=dyndns&hostname=$N&myip=203.0.113.7" \
    "/nic/update?system=dyndns&hostname=$N&myip=2001:db8::7"
t_povh6() {
	emu ovh
	pre ovh -u bob -6 $N
	status 78
	out "$N failed - config"
	errhas "ovh: an IPv6 update needs the address"
	nothingsent
	ddnsup -u bob -o Provider=ovh -n $P4 $N
	grep -q "^# https dns.eu.ovhapis.com port 443$" "$W/out" || bad "ovh host: $(head -1 "$W/out")"
}
case_ "preset ovh: IPv6 needs an explicit address; host" t_povh6
case_ "preset strato" pc strato "-u bob $P46 $N" \
    "$N updated 203.0.113.7,2001:db8::7 good" "$A7;$AAAA7;$B" \
    "$Q&myip=203.0.113.7,2001:db8::7"
case_ "preset changeip: '200 Successful Update' is updated" pc changeip "-u bob $P4 $N" \
    "$N updated 203.0.113.7 good" "$A7;$AAAA1;$B" "$Q&ip=203.0.113.7"
t_pchangeipauth() {
	CREDS=alice
	emu changeip
	pre changeip -u bob $P4 $N
	status 77
	out "$N failed 203.0.113.7 badauth"
	errhas "localhost:$PORT: badauth: user name or password refused (HTTP 401)"
	CREDS=
}
case_ "preset changeip: HTTP 401 is badauth" t_pchangeipauth
t_pchangeip422() {
	emu changeip
	pre changeip -u bob $P4 $N3
	status 78
	out "$N3 failed 203.0.113.7 badrequest"
}
case_ "preset changeip: HTTP 422 is badrequest" t_pchangeip422
t_pspdyn() {
	CREDS="$N $N2"
	pc spdyn "$P46 $N $N2" \
	    "$N updated 203.0.113.7,2001:db8::7 good;$N2 updated 203.0.113.7,2001:db8::7 good" \
	    "$A7;$AAAA7;$N2 A 203.0.113.7;$N2 AAAA 2001:db8::7" \
	    "$N $Q&myip=203.0.113.7,2001:db8::7" "$N2 $Q2&myip=203.0.113.7,2001:db8::7"
	CREDS=
}
case_ "preset spdyn: one name per request (update token)" t_pspdyn
t_pnsupdate() {
	CREDS=$N
	pc nsupdate.info "$P46 $N" "$N updated 203.0.113.7,2001:db8::7 good" "$A7;$AAAA7;$B" \
	    "$N $Q&myip=203.0.113.7" "$N $Q&myip=2001:db8::7"
	CREDS=
	ddnsup -o Provider=nsupdate.info -n $P46 $N
	grep '^#' "$W/out" >"$W/got"
	printf '%s\n' "# https ipv4.nsupdate.info port 443" "# https ipv6.nsupdate.info port 443" >"$W/want"
	diff -u "$W/want" "$W/got" >/dev/null || bad "nsupdate.info hosts: $(cat "$W/got")"
}
case_ "preset nsupdate.info: a request per family, to its host, user = name" t_pnsupdate
case_ "preset inwx: both families, no hostname" pc inwx "-u bob $P46 $N" \
    "$N updated 203.0.113.7,2001:db8::7 good" "$A7;$AAAA7;$B" \
    "/nic/update?myip=203.0.113.7&myipv6=2001:db8::7"
t_pinwx1() {
	emu inwx
	for a in "$P4" "$P6" ""; do
		# shellcheck disable=SC2086
		pre inwx -u bob $a $N
		status 78
		errhas "inwx: give both an IPv4 and an IPv6 address"
		errhas "without myip the A record becomes 127.0.0.1"
	done
	nothingsent
	zone "$A1;$AAAA1;$B"
	# what the refusal prevents (the emulation, a plain DynDNS2 request)
	https $P4 $N
	zone "$A7;$B"
}
case_ "preset inwx: a single family is refused, nothing sent" t_pinwx1
SQ=$(printf '%s' "$SECRET" | sed 's/ /%20/g; s/!/%21/g')
t_pjoker() {
	RU=-
	pc joker "-u bob $P46 $N" \
	    "$N updated 203.0.113.7,2001:db8::7 good" "$A7;$AAAA7;$B" \
	    "$Q&username=bob&password=$SQ&myip=203.0.113.7" \
	    "$Q&username=bob&password=$SQ&myip=2001:db8::7"
	RU=
}
case_ "preset joker: credentials in the query, one request per family" t_pjoker
case_ "preset desec: both families, names in one request" pc desec "-u bob $P46 $N $N2" \
    "$N updated 203.0.113.7,2001:db8::7 good;$N2 updated 203.0.113.7,2001:db8::7 good" \
    "$A7;$AAAA7;$N2 A 203.0.113.7;$N2 AAAA 2001:db8::7" \
    "$Q,$N2&myipv4=203.0.113.7&myipv6=2001:db8::7"
case_ "preset desec: IPv6 alone preserves the A record" pc desec "-u bob $P6 $N" \
    "$N updated 2001:db8::7 good" "$A1;$AAAA7;$B" \
    "$Q&myipv6=2001:db8::7&myipv4=preserve"
case_ "preset desec: IPv4 alone preserves the AAAA record" pc desec "-u bob $P4 $N" \
    "$N updated 203.0.113.7 good" "$A7;$AAAA1;$B" \
    "$Q&myipv4=203.0.113.7&myipv6=preserve"
case_ "preset desec: the connection's IPv4, the AAAA preserved" pc desec "-u bob -4 $N" \
    "$N updated - good" "$N A 127.0.0.1;$AAAA1;$B" "$Q&myipv6=preserve"
t_pdesec() {
	emu desec
	pre desec -u bob $N
	status 78
	errhas "desec: the provider changes the family a request leaves out"
	nothingsent
	# what preserve prevents: deSEC deletes the family not given
	https $P4 $N
	zone "$A7;$B"
	stopprovider
	emu desec
	pre desec -u bob $P4 $N3
	status 78
	out "$N3 failed 203.0.113.7 nohost"
}
case_ "preset desec: no family known is refused; 404 nohost" t_pdesec
case_ "preset ipv64" pc ipv64 "-u bob $P46 $N" \
    "$N updated 203.0.113.7,2001:db8::7 good" "$A7;$AAAA7;$B" \
    "$Q&myip=203.0.113.7&myipv6=2001:db8::7"
case_ "preset loopia: XDynDNS.php, one request per family" pc loopia "-u bob $P46 $N" \
    "$N updated 203.0.113.7,2001:db8::7 good" "$A7;$AAAA7;$B" \
    "/XDynDNSServer/XDynDNS.php?system=custom&hostname=$N&myip=203.0.113.7" \
    "/XDynDNSServer/XDynDNS.php?system=custom&hostname=$N&myip=2001:db8::7"
case_ "preset allinkl: no hostname" pc allinkl "-u bob $P4 $N" \
    "$N updated 203.0.113.7 good" "$A7;$AAAA1;$B" "/?myip=203.0.113.7"
case_ "preset allinkl: IPv6 in its own request" pc allinkl "-u bob $P46 $N" \
    "$N updated 203.0.113.7,2001:db8::7 good" "$A7;$AAAA7;$B" \
    "/?myip=203.0.113.7" "/?myip=2001:db8::7"
case_ "preset selfhost: 200 good is updated" pc selfhost "-u bob $P4 $N" \
    "$N updated 203.0.113.7 good" "$A7;$AAAA1;$B" "$Q&myip=203.0.113.7"
case_ "preset selfhost: IPv6 in its own request" pc selfhost "-u bob $P46 $N" \
    "$N updated 203.0.113.7,2001:db8::7 good" "$A7;$AAAA7;$B" \
    "$Q&myip=203.0.113.7" "$Q&myip=2001:db8::7"
case_ "preset selfhost: 204 is unchanged" pc selfhost "-u bob -a 192.0.2.1 $N" \
    "$N unchanged 192.0.2.1 nochg" "$A1;$AAAA1;$B" "$Q&myip=192.0.2.1"
case_ "preset dode: FlexDNS's /?myip=, one request per family" pc dode "-u bob $P46 $N" \
    "$N updated 203.0.113.7,2001:db8::7 good" "$A7;$AAAA7;$B" \
    "/?myip=203.0.113.7" "/?myip=2001:db8::7"
t_pdode2() {
	emu dode
	pre dode -u bob $P4 $N $N2
	status 78
	errhas "dode: the account names its host: one name per instance"
	nothingsent
}
case_ "preset dode: the FlexDNS user names its host, so one name" t_pdode2
case_ "preset dyndnsit" pc dyndnsit "-u bob $P4 $N" \
    "$N updated 203.0.113.7 good" "$A7;$AAAA1;$B" \
    "/nic/update?system=dyndns&hostname=$N&myip=203.0.113.7"
for p in afraid hostingde; do
	case_ "preset $p: one request per family" pc $p "-u bob $P46 $N" \
	    "$N updated 203.0.113.7,2001:db8::7 good" "$A7;$AAAA7;$B" \
	    "$Q&myip=203.0.113.7" "$Q&myip=2001:db8::7"
done
case_ "preset simply: api.simply.com, one request per family" pc simply "-u bob $P46 $N" \
    "$N updated 203.0.113.7,2001:db8::7 good" "$A7;$AAAA7;$B" \
    "/2/ddns/?hostname=$N&myip=203.0.113.7" "/2/ddns/?hostname=$N&myip=2001:db8::7"
case_ "preset infomaniak: successfully_changed is updated" pc infomaniak "-u bob $P46 $N" \
    "$N updated 203.0.113.7,2001:db8::7 good" "$A7;$AAAA7;$B" \
    "$Q&myip=203.0.113.7" "$Q&myip=2001:db8::7"
case_ "preset infomaniak: no_change is unchanged" pc infomaniak "-u bob -a 192.0.2.1 $N" \
    "$N unchanged 192.0.2.1 nochg" "$A1;$AAAA1;$B" "$Q&myip=192.0.2.1"
case_ "preset opendns" pc opendns "-u bob $P4 $N" \
    "$N updated 203.0.113.7 good" "$A7;$AAAA1;$B" "$Q&myip=203.0.113.7"
case_ "preset nowdns: path /update" pc nowdns "-u bob $P46 $N" \
    "$N updated 203.0.113.7,2001:db8::7 good" "$A7;$AAAA7;$B" \
    "/update?hostname=$N&myip=203.0.113.7" "/update?hostname=$N&myip=2001:db8::7"
case_ "preset dyfi: the connection's address" pc dyfi "-u bob $N $N2" \
    "$N updated 127.0.0.1 good;$N2 updated 127.0.0.1 good" \
    "$N A 127.0.0.1;$AAAA1;$N2 A 127.0.0.1" "$Q,$N2"
t_pdyfi() {
	emu dyfi
	pre dyfi -u bob $P4 $N
	status 78
	errhas "dyfi: the provider takes the address the request comes from"
	nothingsent
}
case_ "preset dyfi: an address is refused" t_pdyfi
case_ "preset corenetworks: IPv4 alone keeps the AAAA (keepipv6=1)" pc corenetworks "-u bob $P4 $N" \
    "$N updated 203.0.113.7 good" "$A7;$AAAA1;$B" "/?hostname=$N&myip=203.0.113.7&keepipv6=1"
case_ "preset corenetworks: one request per family, each keeping the other" pc corenetworks "-u bob $P46 $N" \
    "$N updated 203.0.113.7,2001:db8::7 good" "$A7;$AAAA7;$B" \
    "/?hostname=$N&myip=203.0.113.7&keepipv6=1" "/?hostname=$N&myip=2001:db8::7&keepipv4=1"
case_ "preset variomedia" pc variomedia "-u bob $P46 $N" \
    "$N updated 203.0.113.7,2001:db8::7 good" "$A7;$AAAA7;$B" \
    "$Q&myip=203.0.113.7,2001:db8::7"

t_pdry() {
	ddnsup -o Provider=he -n $P46 $N $N2
	status 0
	grep -c '^GET ' "$W/out" | grep -qx 4 || bad "-n shows $(grep -c '^GET ' "$W/out") requests, not 4"
	grep '^GET \|^Authorization' "$W/out" >"$W/got"
	printf '%s\n' \
	    "GET $Q&myip=203.0.113.7 HTTP/1.0" "Authorization: Basic ********" \
	    "GET $Q&myip=2001:db8::7 HTTP/1.0" "Authorization: Basic ********" \
	    "GET $Q2&myip=203.0.113.7 HTTP/1.0" "Authorization: Basic ********" \
	    "GET $Q2&myip=2001:db8::7 HTTP/1.0" "Authorization: Basic ********" >"$W/want"
	diff -u "$W/want" "$W/got" >"$W/diff" || { bad "-n differs:"; cat "$W/diff" >>"$W/why"; }
	nosecret
}
case_ "preset -n: every request a split preset sends" t_pdry

t_pcount() {
	ddnsup -V
	n=$(sed -n 's/^presets: //p' "$W/out" | tr ',' '\n' | wc -l)
	[ "$n" -ge 25 ] || bad "only $n presets"
	for p in $(sed -n 's/^presets: //p' "$W/out" | tr ',' ' '); do
		grep -q "^| $p " "$TOP/README" || bad "$p: no row in the README"
		grep -q "^\.It $p Ta" "$TOP/ddnsup.1" || bad "$p: no row in ddnsup.1"
	done
}
case_ "preset: at least 25, each in the README and ddnsup.1" t_pcount

t_punknown() {
	# a reply not understood: 76 once, then a hold, never a stop
	reply "200 OK" "<html>maintenance</html>\n"
	rm -rf "$W/state"
	mkdir -p "$W/state"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 2
	https -c "$S" $P4 $N
	status 76
	out "$N failed 203.0.113.7 protocol"
	# name NAME FAMILY ADDR UPDATED CODE STATUS HOLD STOP FP
	awk -v n=$N '$1 == "name" && $2 == n && $6 == "protocol" && $7 == 76 &&
	    $8 > 0 && $9 == 0 { ok = 1 } END { exit !ok }' "$S" ||
	    bad "state: $(grep "^name" "$S")"
	https -c "$S" $P4 $N
	status 75
	out "$N held 203.0.113.7 protocol"
	nrequests 1
	https -c "$S" -F $P4 $N
	status 76
	nrequests 2
}
case_ "state: an unknown reply holds, it does not stop" t_punknown
