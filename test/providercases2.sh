# Provider cases of test/run.sh, sourced by it after presetcases.sh, whose
# helpers (emu, pre, pc, sent, zone) they use: the presets with their own
# query shapes against their emulations (test/emulate.c), and the custom
# provider (UpdateURL) against the plain test provider.

# the secret as it goes in a query (percent-encoded)
SQ=$(printf '%s' "$SECRET" | sed 's/ /%20/g; s/!/%21/g')
DK=home.duckdns.org DK2=office.duckdns.org

t_duck46() {
	RU=- ZONE="$DK A 192.0.2.1;$DK2 A 192.0.2.2"
	pc duckdns "$P46 $DK $DK2" \
	    "$DK updated 203.0.113.7,2001:db8::7 good;$DK2 updated 203.0.113.7,2001:db8::7 good" \
	    "$DK A 203.0.113.7;$DK AAAA 2001:db8::7;$DK2 A 203.0.113.7;$DK2 AAAA 2001:db8::7" \
	    "/update?domains=home,office&token=$SQ&ip=203.0.113.7&ipv6=2001:db8::7"
	RU= ZONE=
}
case_ "preset duckdns: labels, both families and names in one request" t_duck46
t_duck6() {
	RU=- ZONE="$DK A 192.0.2.1;$DK AAAA 2001:db8::1"
	pc duckdns "$P6 $DK" "$DK updated 2001:db8::7 good" \
	    "$DK A 192.0.2.1;$DK AAAA 2001:db8::7" "/update?domains=home&token=$SQ&ipv6=2001:db8::7"
	RU= ZONE=
}
case_ "preset duckdns: IPv6 alone keeps the A record" t_duck6
t_duckko() {
	printf '%s\n' "$DK A 192.0.2.1" >"$W/zone"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 2 -E duckdns \
	    -Z "$W/zone" -K "bob:another"
	pre duckdns $P4 $DK
	status 78
	out "$DK failed 203.0.113.7 KO"
	errhas "the provider refused the token or a domain (KO)"
	nosecret
	: >"$W/rec"
	pre duckdns $P4 $N
	status 78
	errhas "duckdns: $N is not a name under duckdns.org"
	nothingsent
	pre duckdns -u bob $P4 $DK
	status 78
	errhas "duckdns: the provider takes no user name"
	nothingsent
}
case_ "preset duckdns: KO is a failure; a name not under duckdns.org, -u refused" t_duckko
W3=www.example.org
t_namecheap() {
	RU=- ZONE="$W3 A 192.0.2.1;example.org A 192.0.2.9"
	pc namecheap "$P4 $W3" "$W3 updated 203.0.113.7 good" \
	    "$W3 A 203.0.113.7;example.org A 192.0.2.9" \
	    "/update?host=www&domain=example.org&password=$SQ&ip=203.0.113.7"
	stopprovider
	pc namecheap "-u example.org $P4 example.org $W3" \
	    "example.org updated 203.0.113.7 good;$W3 updated 203.0.113.7 good" \
	    "$W3 A 203.0.113.7;example.org A 203.0.113.7" \
	    "/update?host=@&domain=example.org&password=$SQ&ip=203.0.113.7" \
	    "/update?host=www&domain=example.org&password=$SQ&ip=203.0.113.7"
	RU= ZONE=
}
case_ "preset namecheap: label and domain, @ for the zone, one name per request" t_namecheap
t_namecheapbad() {
	printf '%s\n' "$W3 A 192.0.2.1" >"$W/zone"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 2 -E namecheap \
	    -Z "$W/zone" -K "bob:another"
	pre namecheap $P4 $W3
	status 78
	out "$W3 failed 203.0.113.7 error"
	errhas "error: Passwords do not match"
	nosecret
}
case_ "preset namecheap: ErrCount 1 fails with Err1's text" t_namecheapbad
t_freedns() {
	RU=-
	pc freedns "$P46 $N" "$N updated 203.0.113.7,2001:db8::7 good" "$A7;$AAAA7;$B" \
	    "/dynamic/update.php?$SQ&address=203.0.113.7" \
	    "/dynamic/update.php?$SQ&address=2001:db8::7"
	stopprovider
	pc freedns "-a 192.0.2.1 $N" "$N unchanged 192.0.2.1 nochg" "$A1;$AAAA1;$B" \
	    "/dynamic/update.php?$SQ&address=192.0.2.1"
	RU=
}
case_ "preset freedns: the bare key, a request per family; 'has not changed'" t_freedns
case_ "preset easydns: NOERROR, a request per family" pc easydns "-u bob $P46 $N" \
    "$N updated 203.0.113.7,2001:db8::7 good" "$A7;$AAAA7;$B" \
    "/dyn/generic.php?hostname=$N&myip=203.0.113.7" "/dyn/generic.php?hostname=$N&myip=2001:db8::7"
case_ "preset zoneedit: SUCCESS" pc zoneedit "-u bob $P4 $N" \
    "$N updated 203.0.113.7 good" "$A7;$AAAA1;$B" "/auth/dynamic.html?host=$N&dnsto=203.0.113.7"
case_ "preset zoneedit: ERROR 707 is unchanged" pc zoneedit "-u bob -a 192.0.2.1 $N" \
    "$N unchanged 192.0.2.1 nochg" "$A1;$AAAA1;$B" "/auth/dynamic.html?host=$N&dnsto=192.0.2.1"
t_njalla() {
	RU=- CREDS=$N
	pc njalla "$P46 $N" "$N updated 203.0.113.7,2001:db8::7 good" "$A7;$AAAA7;$B" \
	    "/update/?h=$N&k=$SQ&a=203.0.113.7&aaaa=2001:db8::7"
	RU= CREDS=
}
case_ "preset njalla: the host's key, both families in one request" t_njalla
case_ "preset domeneshop: HTTP 204, a request per family" pc domeneshop "-u bob $P46 $N" \
    "$N updated 203.0.113.7,2001:db8::7 good" "$A7;$AAAA7;$B" \
    "/v0/dyndns/update?hostname=$N&myip=203.0.113.7" "/v0/dyndns/update?hostname=$N&myip=2001:db8::7"
t_regfish() {
	RU=-
	pc regfish "$P46 $N" "$N updated 203.0.113.7,2001:db8::7 good" "$A7;$AAAA7;$B" \
	    "/?forcehost=1&fqdn=$N&token=$SQ&ipv4=203.0.113.7&ipv6=2001:db8::7"
	stopprovider
	pc regfish "-a 192.0.2.1 $N" "$N unchanged 192.0.2.1 nochg" "$A1;$AAAA1;$B" \
	    "/?forcehost=1&fqdn=$N&token=$SQ&ipv4=192.0.2.1"
	RU=
}
case_ "preset regfish: token, success|100| and success|101|" t_regfish
case_ "preset 3322" pc 3322 "-u bob $P4 $N" "$N updated 203.0.113.7 good" \
    "$A7;$AAAA1;$B" "/dyndns/update?system=dyndns&hostname=$N&myip=203.0.113.7"
case_ "preset schokokeks: no hostname" pc schokokeks "-u bob $P4 $N" \
    "$N updated 203.0.113.7 good" "$A7;$AAAA1;$B" "/nic/update?myip=203.0.113.7"
case_ "preset udmedia: no hostname, a request per family" pc udmedia "-u bob $P46 $N" \
    "$N updated 203.0.113.7,2001:db8::7 good" "$A7;$AAAA7;$B" \
    "/nic/update?myip=203.0.113.7" "/nic/update?myip=2001:db8::7"
t_dnshome() {
	CREDS=$N
	pc dnshome "$P46 $N" "$N updated 203.0.113.7,2001:db8::7 good" "$A7;$AAAA7;$B" \
	    "$N /dyndns.php?hostname=$N&ip=203.0.113.7" "$N /dyndns.php?hostname=$N&ip6=2001:db8::7"
	CREDS=
}
case_ "preset dnshome: the host's credential, ip and ip6" t_dnshome
case_ "preset twodns" pc twodns "-u bob $P4 $N" "$N updated 203.0.113.7 good" \
    "$A7;$AAAA1;$B" "/update?hostname=$N&ip=203.0.113.7"
t_goip() {
	RU=-
	pc goip "-u bob $P46 $N" "$N updated 203.0.113.7,2001:db8::7 good" "$A7;$AAAA7;$B" \
	    "/setip?subdomain=$N&username=bob&password=$SQ&ip=203.0.113.7" \
	    "/setip?subdomain=$N&username=bob&password=$SQ&ip6=2001:db8::7"
	RU=
}
case_ "preset goip: credentials in the query; the reply names the address" t_goip
t_freemyip() {
	RU=-
	pc freemyip "$N" "$N updated - good" "$N A 127.0.0.1;$AAAA1;$B" \
	    "/update?domain=$N&token=$SQ"
	RU=
}
case_ "preset freemyip: the connection's address, OK" t_freemyip
t_myonline() {
	RU=-
	pc myonlineportal "-u bob $P46 $N" "$N updated 203.0.113.7,2001:db8::7 good" "$A7;$AAAA7;$B" \
	    "/updateddns?hostname=$N&username=bob&password=$SQ&ip=203.0.113.7" \
	    "/updateddns?hostname=$N&username=bob&password=$SQ&ip6=2001:db8::7"
	RU=
}
case_ "preset myonlineportal: ip and ip6" t_myonline
t_dondominio() {
	RU=-
	pc dondominio "-u bob $P4 $N" "$N updated 203.0.113.7 good" "$A7;$AAAA1;$B" \
	    "/plain/?host=$N&user=bob&password=$SQ&ip=203.0.113.7"
	RU=
}
case_ "preset dondominio: OK" t_dondominio
t_keysystems() {
	RU=- CREDS=$N
	pc keysystems "$P4 $N" "$N updated 203.0.113.7 good" "$A7;$AAAA1;$B" \
	    "/update.php?hostname=$N&password=$SQ&ip=203.0.113.7"
	RU= CREDS=
}
case_ "preset keysystems: the host's password, code = 200" t_keysystems
t_mydnsjp() {
	RU=-
	pc mydnsjp "-u bob $P46 $N" "$N updated 203.0.113.7,2001:db8::7 good" "$A7;$AAAA7;$B" \
	    "/directip.html?MID=bob&PWD=$SQ&IPV4ADDR=203.0.113.7" \
	    "/directip.html?MID=bob&PWD=$SQ&IPV6ADDR=2001:db8::7"
	RU=
}
case_ "preset mydnsjp: MID and PWD, a request per family" t_mydnsjp
case_ "preset ydns" pc ydns "-u bob $P46 $N" "$N updated 203.0.113.7,2001:db8::7 good" \
    "$A7;$AAAA7;$B" "/api/v1/update/?host=$N&ip=203.0.113.7" "/api/v1/update/?host=$N&ip=2001:db8::7"
case_ "preset eurodns" pc eurodns "-u bob $P46 $N" "$N updated 203.0.113.7,2001:db8::7 good" \
    "$A7;$AAAA7;$B" "/update/?hostname=$N&myip=203.0.113.7" "/update/?hostname=$N&myip=2001:db8::7"
for p in xlhost:/nic/update oray:/ph/update nederhost:/nic/update; do
	case_ "preset ${p%%:*}" pc ${p%%:*} "-u bob $P4 $N" "$N updated 203.0.113.7 good" \
	    "$A7;$AAAA1;$B" "${p#*:}?hostname=$N&myip=203.0.113.7"
done
t_giradns() {
	RU=-
	pc giradns "-u bob $P4 $N" "$N updated 203.0.113.7 good" "$A7;$AAAA1;$B" \
	    "/hsdyndns.php?u=bob&p=$SQ&ip=203.0.113.7"
	RU=
}
case_ "preset giradns: OK" t_giradns
t_ddnss() {
	RU=-
	pc ddnss "$P46 $N" "$N updated 203.0.113.7,2001:db8::7 good" "$A7;$AAAA7;$B" \
	    "/upd.php?host=$N&key=$SQ&ip=203.0.113.7" "/upd.php?host=$N&key=$SQ&ip6=2001:db8::7"
	RU=
}
case_ "preset ddnss: upd.php with the key, ip and ip6" t_ddnss
t_dynv6() {
	RU=-
	pc dynv6 "$P46 $N" "$N updated 203.0.113.7,2001:db8::7 good" "$A7;$AAAA7;$B" \
	    "/api/update?hostname=$N&token=$SQ&ipv4=203.0.113.7&ipv6=2001:db8::7"
	stopprovider
	pc dynv6 "$P4 $N" "$N updated 203.0.113.7 good" "$A7;$AAAA1;$B" \
	    "/api/update?hostname=$N&token=$SQ&ipv4=203.0.113.7"
	stopprovider
	pc dynv6 "-a 192.0.2.1 $N" "$N unchanged 192.0.2.1 nochg" "$A1;$AAAA1;$B" \
	    "/api/update?hostname=$N&token=$SQ&ipv4=192.0.2.1"
	RU=
}
case_ "preset dynv6: the Update API, both families; IPv4 alone keeps the AAAA" t_dynv6
t_pdryurl() {
	ddnsup -n -v -o Provider=duckdns $P4 $DK
	status 0
	grep -q "^GET /update?domains=home&token=\*\*\*\*\*\*\*\*&ip=203.0.113.7 HTTP/1.0$" "$W/out" ||
	    bad "-n: $(grep '^GET' "$W/out")"
	grep -q "^Authorization" "$W/out" && bad "-n shows an Authorization header"
	nosecret
	grep -F -e "$SQ" "$W/out" "$W/err" >/dev/null && bad "the encoded secret appears"
	ddnsup -o Provider=duckdns -o ProviderProtocol=http $P4 $DK
	status 78
	errhas "duckdns: the secret would go in the URL over plain http"
}
case_ "preset: a secret in the URL is masked by -n; over http refused" t_pdryurl
t_pvupdate() {
	RU=- ZONE="$DK A 192.0.2.1"
	emu duckdns
	pre duckdns -v $P4 $DK
	status 0
	grep -q "> GET /update?domains=home&token=\*\*\*\*\*\*\*\*&ip=203.0.113.7 " "$W/err" || bad "-v: $(grep '> GET' "$W/err")"
	grep -F -e "$SQ" "$W/out" "$W/err" >/dev/null && bad "the encoded secret appears"
	nosecret
	RU= ZONE=
}
case_ "preset: -v masks a secret in the URL" t_pvupdate

# --- the custom provider (UpdateURL) --------------------------------------

# cu REPLYBODY: the plain test provider over https answering it; cd ARGS:
# ddnsup with the test CA
cu() {
	reply "200 OK" "$1"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 4
}
cd_() { ddnsup -C "$CERTS/ca.pem" "$@"; }
# creq TARGET...: exactly these requests, without credentials (RU=bob: Basic)
creq() {
	: >"$W/wantreq"
	for t; do
		{
			printf 'GET %s HTTP/1.0\r\n' "$t"
			printf 'Host: localhost:%s\r\n' "$PORT"
			[ -z "${RU:-}" ] || printf 'Authorization: Basic %s\r\n' \
			    "$(printf '%s' "$RU:$SECRET" | base64 -w0)"
			printf 'User-Agent: %s\r\n' "$AGENT"
			printf 'Connection: close\r\n\r\n'
		} >>"$W/wantreq"
	done
	cmpreq
}
CU="UpdateURL=https://localhost"
t_cname() {
	cu "OK\n"
	cd_ -o "$CU:$PORT/up?h={name}&ip={ip}&k={secret}" -o GoodWords=OK $P4 $N $N2
	status 0
	out "$N updated 203.0.113.7 good" "$N2 updated 203.0.113.7 good"
	creq "/up?h=$N&ip=203.0.113.7&k=$SQ" "/up?h=$N2&ip=203.0.113.7&k=$SQ"
	nosecret
}
case_ "custom: {name} {ip} {secret}, one request per name, GoodWords" t_cname
t_cip46() {
	cu "OK\n"
	cd_ -o "$CU:$PORT/up?ip={ip}&a={ipv4}&aaaa={ipv6}&k={secret}" -o GoodWords=OK $P46 $N $N2
	status 0
	out "$N updated 203.0.113.7,2001:db8::7 good" "$N2 updated 203.0.113.7,2001:db8::7 good"
	creq "/up?ip=203.0.113.7%2C2001:db8::7&a=203.0.113.7&aaaa=2001:db8::7&k=$SQ"
}
case_ "custom: {ip} {ipv4} {ipv6}; no {name}, one request for all names" t_cip46
t_cuser() {
	cu "OK\n"
	cd_ -o "$CU:$PORT/u/{user}/{name}?key={secret}&v6={ipv6}" -o GoodWords=OK -u "bob smith" $P6 $N
	status 0
	out "$N updated 2001:db8::7 good"
	creq "/u/bob%20smith/$N?key=$SQ&v6=2001:db8::7"
}
case_ "custom: {user} in the path, percent-encoded" t_cuser
t_cbasic() {
	cu "good 203.0.113.7\n"
	cd_ -o "$CU:$PORT/nic/update?hostname={name}&myip={ipv4}" -u bob $P4 $N
	status 0
	out "$N updated 203.0.113.7 good"
	RU=bob
	creq "/nic/update?hostname=$N&myip=203.0.113.7"
	RU=
	nosecret
}
case_ "custom: no {secret}, Basic auth; DynDNS2 words" t_cbasic
t_cwords() {
	cu "Address unchanged\n"
	cd_ -o "$CU:$PORT/x?h={name}&k={secret}" -o GoodWords=changed \
	    -o "NochgWords=Address unchanged" -o FailWords=denied $P4 $N
	status 0
	out "$N unchanged 203.0.113.7 nochg"
	stopprovider
	cu "access denied\n"
	cd_ -o "$CU:$PORT/x?h={name}&k={secret}" -o GoodWords=changed \
	    -o FailWords=denied $P4 $N
	status 78
	out "$N failed 203.0.113.7 refused"
	stopprovider
	cu ""
	cd_ -o "$CU:$PORT/x?h={name}&k={secret}" -o GoodWords=http:200 $P4 $N
	status 0
	out "$N updated 203.0.113.7 good"
}
case_ "custom: NochgWords, FailWords, http:NNN" t_cwords
t_cplain() {
	provider -n 2
	ddnsup -o "UpdateURL=http://127.0.0.1:$PORT/x?h={name}&k={secret}" $P4 $N
	status 78
	errhas "UpdateURL: the secret would go in the URL over plain http"
	nothingsent
	reply "200 OK" "good 203.0.113.7\n"
	ddnsup -o "UpdateURL=http://127.0.0.1:$PORT/x?h={name}&k={secret}" \
	    -o AllowPlainHTTP=true $P4 $N
	status 0
	[ "$(requests)" = 1 ] || bad "not sent with AllowPlainHTTP=true"
	ddnsup -n -o "UpdateURL=https://h.example.org/x?h={name}&k={secret}" $P4 $N
	grep -q "^GET /x?h=$N&k=\*\*\*\*\*\*\*\* HTTP/1.0$" "$W/out" || bad "-n: $(grep GET "$W/out")"
	nosecret
	ddnsup -o "UpdateURL=https://h.example.org/x?h={host}" $P4 $N
	status 64
	errhas "unknown placeholder"
	ddnsup -o "UpdateURL=https://h.example.org/x" -o Provider=dyn -u bob $P4 $N
	status 64
	errhas "UpdateURL names the provider"
}
case_ "custom: {secret} over http refused unless AllowPlainHTTP; -n masks; bad templates" t_cplain
