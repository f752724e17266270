# Configuration file, preset and hook script cases of test/run.sh, sourced by it.
CF=$W/ddnsup.conf

# conf TEXT: write the configuration file (printf %b), mode 600
conf() { printf '%b' "$1" >"$CF"; chmod 600 "$CF"; }

# fileconf: a one-instance file against the provider
fileconf() {
	conf "# a comment\n\nUsername = bob\nPassword = $SECRET\nDomainName1 = $N\n\
ProviderFQDN = localhost\nProviderPort = $PORT\nProviderCACertificate = $CERTS/ca.pem\n\
Address = 203.0.113.7\nProviderProtocolSupports = http,https\n$1"
}

t_conf() {
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	fileconf
	withenv DDNSUP_PASSWORD=ignored -f "$CF"
	status 0
	out "$N updated 203.0.113.7 good"
	req "$(q $N 203.0.113.7)"
}
case_ "conf: one instance, short names, comments, the file's password" t_conf

t_confcrlf() {
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	printf 'username=bob\r\n  PASSWORD   =  %s  \r\ndomainname1=%s\r\nDomainName2 =\r\nproviderfqdn=localhost\r\nproviderport=%s\r\nprovidercacertificate=%s\r\n' \
	    "$SECRET" $N $PORT "$CERTS/ca.pem" >"$CF"
	chmod 600 "$CF"
	ddnsup -f "$CF"
	status 0
	req "$(q $N)"
}
case_ "conf: case-insensitive keys, spaces, CRLF, empty values" t_confcrlf

t_confinst() {
	TZOREC=$W/trec tzoprovider
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 5
	P=InternetGatewayDevice.DynamicDNS
	conf "$P.1.Name = home\n$P.1.Enable = true\n$P.1.DdnsProtocol = dyndns\n\
$P.1.dyndns.Username = bob\n$P.1.dyndns.Password = $SECRET\n$P.1.DomainName1 = $N\n\
$P.1.DomainName2 = $N2\n$P.1.ProviderFQDN = localhost\n$P.1.ProviderPort = $PORT\n\
$P.1.ProviderCACertificate = $CERTS/ca.pem\n$P.1.Address = 203.0.113.7\n\
$P.2.Name = office\n$P.2.Enable = 1\n$P.2.DdnsProtocol = tzo\n\
$P.2.tzo.RegisteredEmailAddress = $MAIL\n$P.2.tzo.KeyProvided = $TZOKEY\n\
$P.2.DomainName1 = $N3\n$P.2.ProviderClusterLookupFQDN = 127.0.0.1\n\
$P.2.ProviderClusterLookupPort = $P1\n$P.2.ProviderUpdateServerLookupPort = $P2\n\
$P.2.UpdateServerPort = $P3\n$P.2.Address = 198.51.100.4\n\
$P.3.Name = spare\n$P.3.Enable = 0\n$P.3.DomainName1 = spare.example.org\n"
	ddnsup -f "$CF"
	status 0
	out "$N updated 203.0.113.7 good" "$N2 updated 203.0.113.7 good" \
	    "$N3 updated 198.51.100.4 40"
	req "$(q $N,$N2 203.0.113.7)"
	printf '%s\n' "1: I $TZOKEY" "2: U $TZOKEY" "3: R $N3,$MAIL,$TZOKEY,198.51.100.4" |
	    cmp -s - "$W/trec" || { bad "TZO lines:"; cat "$W/trec" >>"$W/why"; }
	: >"$W/rec"
	ddnsup -f "$CF" -I office
	status 0
	out "$N3 updated 198.51.100.4 40"
	nothingsent
	ddnsup -f "$CF" -I 1 -n
	status 0
	grep -q "^GET $(q $N,$N2 203.0.113.7) HTTP/1.0$" "$W/out" || bad "-I 1 -n: $(cat "$W/out")"
	ddnsup -f "$CF" -I spare
	status 64
	errhas "instance spare is disabled (Enable = 0)"
	ddnsup -f "$CF" -I nosuch
	status 64
	errhas "no enabled instance matches nosuch"
}
case_ "conf: several instances, both protocols, Enable, -I" t_confinst

t_confstatus() {
	reply "200 OK" "badauth\n"
	TZOREC=$W/trec tzoprovider -3 "49 Too frequent"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 5
	P=InternetGatewayDevice.DynamicDNS
	conf "$P.1.DdnsProtocol = tzo\n$P.1.RegisteredEmailAddress = $MAIL\n$P.1.KeyProvided = $TZOKEY\n\
$P.1.DomainName1 = $N3\n$P.1.ProviderClusterLookupFQDN = 127.0.0.1\n$P.1.ProviderClusterLookupPort = $P1\n\
$P.1.ProviderUpdateServerLookupPort = $P2\n$P.1.UpdateServerPort = $P3\n\
$P.2.Username = bob\n$P.2.Password = $SECRET\n$P.2.DomainName1 = $N\n$P.2.ProviderFQDN = localhost\n\
$P.2.ProviderPort = $PORT\n$P.2.ProviderCACertificate = $CERTS/ca.pem\n"
	ddnsup -f "$CF"
	status 77
	out "$N3 failed 127.0.0.1 49" "$N failed - badauth"
}
case_ "conf: the exit status is decided over all instances" t_confstatus

t_confoverride() {
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 5
	fileconf "UserAgent = Acme - Router - 2\n"
	ddnsup -f "$CF" -a 198.51.100.9 -o UserAgent=Override
	status 0
	grep -q "myip=198.51.100.9&" "$W/rec" || bad "-a did not override Address"
	grep -q "^User-Agent: Override" "$W/rec" || bad "-o did not override UserAgent"
	: >"$W/rec"
	ddnsup -f "$CF" -u carol -p - <<EOI
other-secret
EOI
	status 0
	grep -q "^Authorization: Basic $(printf 'carol:other-secret' | base64)" "$W/rec" ||
	    bad "-u and -p did not override Username and Password"
	grep -q "^User-Agent: Acme - Router - 2" "$W/rec" || bad "UserAgent from the file not used"
	: >"$W/rec"
	ddnsup -f "$CF" "$N2"
	status 0
	grep -q "hostname=$N2&" "$W/rec" || bad "names on the command line did not override"
}
case_ "conf: the command line overrides the file" t_confoverride

# conferr TEXT ERROR: exit 64 naming file:line
conferr() {
	provider
	conf "$1"
	ddnsup -f "$CF"
	status 64
	err "ddnsup: $CF:$2"
	nothingsent
}
BASE="Username = bob\nPassword = x\nDomainName1 = $N\n"
case_ "conf error: unknown key" conferr "${BASE}Colour = red\n" "4: unknown key Colour"
case_ "conf error: no =" conferr "${BASE}ProviderFQDN\n" "4: expected Key = value"
case_ "conf error: duplicate key" conferr "${BASE}username = carol\n" "4: Username given twice (first on line 1)"
case_ "conf error: duplicate across prefixes" conferr "dyndns.Username = bob\nInternetGatewayDevice.DynamicDNS.1.username = carol\n" "2: Username given twice (first on line 1)"
case_ "conf error: bad port" conferr "${BASE}ProviderPort = 99999\n" "4: ProviderPort: must be a number from 1 to 65535"
case_ "conf error: bad protocol" conferr "${BASE}ProviderProtocol = ftp\n" "4: ProviderProtocol: must be http or https"
case_ "conf error: bad Enable" conferr "${BASE}Enable = yes\n" "4: Enable: must be 1, 0, true or false"
case_ "conf error: bad name" conferr "Username = bob\nPassword = x\nDomainName1 = a b\n" "3: DomainName1: a b: not a valid fully qualified host name"
case_ "conf error: bad address" conferr "${BASE}Address = 127.0.0.1\n" "4: Address: 127.0.0.1: unspecified, loopback, link-local, broadcast or multicast address"
case_ "conf error: bad period" conferr "${BASE}UpdateTimePeriod = soon\n" "4: UpdateTimePeriod: a period: seconds, or a number followed by s, m, h or d, at most 3660d"
case_ "conf error: bad pin" conferr "${BASE}Pin = nope\n" "4: Pin: not sha256//BASE64 of a SHA-256 hash"
case_ "conf error: unknown preset" conferr "${BASE}Provider = nosuch\n" "4: Provider: unknown provider (ddnsup -V lists them)"
case_ "conf error: address sources" conferr "${BASE}Address = 203.0.113.7\nLinkReference = eth0\n" "5: LinkReference: -a excludes -i and -w (Address excludes LinkReference and AddressURL)"
case_ "conf error: no domain name" conferr "Username = bob\nPassword = x\n" "1: DomainName1: no host name given"
case_ "conf error: no user" conferr "Password = x\nDomainName1 = $N\n" "1: Username: no user name: -u user is required"
case_ "conf error: bad instance number" conferr "InternetGatewayDevice.DynamicDNS.x.Username = bob\n" "1: instance number missing"
case_ "conf error: bad instance name" conferr "${BASE}Name = ../etc\n" "4: Name: letters, digits, '.', '_' and '-', at most 64"
case_ "conf error: control character" conferr "${BASE}UserAgent = a\033b\n" "4: control character"

# twoconf: two instances against the provider, neither with a password
twoconf() {
	P=InternetGatewayDevice.DynamicDNS
	conf "$P.1.Username = bob\n$P.1.DomainName1 = $N\n$P.1.ProviderFQDN = localhost\n\
$P.1.ProviderPort = $PORT\n$P.1.ProviderCACertificate = $CERTS/ca.pem\n$P.1.Address = 203.0.113.7\n\
$P.2.Username = bob\n$P.2.DomainName1 = $N2\n$P.2.ProviderFQDN = localhost\n\
$P.2.ProviderPort = $PORT\n$P.2.ProviderCACertificate = $CERTS/ca.pem\n$P.2.Address = 203.0.113.8\n"
}

t_confstdin() {
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 5
	twoconf
	printf '%s\n' "$SECRET" | $RUN -n -f "$CF" -p - >"$W/out" 2>"$W/err"
	STATUS=$?
	status 0
	[ "$(grep -c '^GET ' "$W/out")" = 2 ] || bad "not both instances' requests"
	grep -q "hostname=$N2&myip=203.0.113.8&" "$W/out" || bad "second instance's request missing"
	nothingsent
	: >"$W/rec"
	printf '%s\n' "$SECRET" | $RUN -f "$CF" -p - >"$W/out" 2>"$W/err"
	STATUS=$?
	status 0
	out "$N updated 203.0.113.7 good" "$N2 updated 203.0.113.7 good"
	nrequests 2
	grep -c "^Authorization: Basic $AUTH" "$W/rec" | grep -qx 2 || bad "both requests need the secret from standard input"
}
case_ "conf: -p - is read once for every instance" t_confstdin

t_confcliorder() {
	provider
	twoconf
	ddnsup -f "$CF" -p "$W/nonexistent" $N
	status 64
	err "ddnsup: host names on the command line need -f with one instance (see -I)"
	ddnsup -f "$W/nonexistent" -t 0
	status 64
	err "ddnsup: -t 0: must be a number from 1 to 3600"
	ddnsup -f "$W/nonexistent" -k nope
	status 64
	errhas "-k nope: not sha256//BASE64"
	ddnsup -f "$W/nonexistent" "a b.example.org"
	status 64
	errhas "not a valid fully qualified host name"
	nothingsent
}
case_ "conf: command-line mistakes are 64 before any file is read" t_confcliorder

t_confperm() {
	provider
	conf "$BASE"
	chmod 666 "$CF"
	ddnsup -f "$CF"
	status 78
	err "ddnsup: $CF: others can write it: refused (chmod go-w)"
	chmod 644 "$CF"
	ddnsup -f "$CF" -n -o ProviderProtocol=http
	status 0
	errhas "$CF: holds a secret and others can read it"
	ddnsup -f "$W/nonexistent"
	status 78
	ddnsup -o Password=x -u bob $N
	status 64
	ddnsup -o keyprovided=x -u bob $N
	status 64
	errhas "secrets are not accepted on the command line"
	nothingsent
}
case_ "conf: permissions; secrets never on the command line" t_confperm

t_confstate() {
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 5
	fileconf "Name = home\n"
	rm -rf "$W/stdir"; mkdir -p "$W/stdir"
	ddnsup -f "$CF" -c "$W/stdir/ddnsup"
	status 0
	[ -f "$W/stdir/ddnsup.home" ] || bad "no state file ddnsup.home: $(ls "$W/stdir")"
	ddnsup -f "$CF" -c "$W/stdir/ddnsup"
	out "$N skipped 203.0.113.7 good"
	fileconf "StateFile = $W/stdir/own\n"
	ddnsup -f "$CF" -c "$W/stdir/ddnsup"
	[ -f "$W/stdir/own" ] || bad "StateFile not used"
	nrequests 2
}
case_ "conf: each instance keeps its own state" t_confstate

# --- presets --------------------------------------------------------------

# preset NAME ADDRESSES EXPECTED-TARGETS...: the request shape of a preset
preset() {
	name=$1 addrs=$2
	shift 2
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 3
	# shellcheck disable=SC2086
	ddnsup -C "$CERTS/ca.pem" -u bob -o Provider=$name -o ProviderFQDN=localhost \
	    -o ProviderPort=$PORT $addrs $N
	status 0
	grep '^GET ' "$W/rec" | sed 's/^GET //; s/ HTTP\/1.0\r$//' >"$W/got"
	printf '%s\n' "$@" >"$W/want"
	diff -u "$W/want" "$W/got" >"$W/diff" || { bad "requests differ:"; cat "$W/diff" >>"$W/why"; }
}
V4="-a 203.0.113.7"
V46="-a 203.0.113.7 -a 2001:db8::7"
U=/nic/update
TAIL="wildcard=NOCHG&mx=NOCHG&backmx=NOCHG"
case_ "preset dyn" preset dyn "$V46" "$U?hostname=$N&myip=203.0.113.7,2001:db8::7&$TAIL"
case_ "preset noip" preset noip "$V46" "$U?hostname=$N&myip=203.0.113.7,2001:db8::7"
case_ "preset he: one request per family" preset he "$V46" "$U?hostname=$N&myip=203.0.113.7" "$U?hostname=$N&myip=2001:db8::7"
case_ "preset he: IPv6 alone" preset he "-a 2001:db8::7" "$U?hostname=$N&myip=2001:db8::7"
case_ "preset dnsomatic" preset dnsomatic "$V4" "$U?hostname=$N&myip=203.0.113.7&$TAIL"
case_ "preset dynu: myipv6" preset dynu "$V46" "$U?hostname=$N&myip=203.0.113.7&myipv6=2001:db8::7"
case_ "preset ovh" preset ovh "$V4" "$U?system=dyndns&hostname=$N&myip=203.0.113.7"
case_ "preset ovh: one request per family" preset ovh "$V46" "$U?system=dyndns&hostname=$N&myip=203.0.113.7" "$U?system=dyndns&hostname=$N&myip=2001:db8::7"
case_ "preset strato" preset strato "$V46" "$U?hostname=$N&myip=203.0.113.7,2001:db8::7"
case_ "preset changeip" preset changeip "$V4" "$U?hostname=$N&ip=203.0.113.7"
case_ "preset spdyn" preset spdyn "$V46" "$U?hostname=$N&myip=203.0.113.7,2001:db8::7"
case_ "preset nsupdate.info: per-family hosts" preset nsupdate.info "$V46" "$U?hostname=$N&myip=203.0.113.7" "$U?hostname=$N&myip=2001:db8::7"
case_ "preset inwx: myipv6" preset inwx "$V46" "$U?myip=203.0.113.7&myipv6=2001:db8::7"
JQ="username=bob&password=s3cr:et%20w%21th%20spaces"
case_ "preset joker: one request per family" preset joker "$V46" "$U?hostname=$N&$JQ&myip=203.0.113.7" "$U?hostname=$N&$JQ&myip=2001:db8::7"

t_presetv4only() {
	provider
	for p in dnsomatic changeip zoneedit dyfi; do
		ddnsup -u bob -o Provider=$p -a 2001:db8::7 -n $N
		status 64
		errhas "this provider takes IPv4 only"
	done
	ddnsup -u bob -o Provider=dyn -n $N
	status 0
	grep -q "^# https members.dyndns.org port 443$" "$W/out" || bad "dyn preset host: $(head -1 "$W/out")"
	ddnsup -u bob -o Provider=nsupdate.info -n $N
	grep -q "^# https ipv4.nsupdate.info port 443$" "$W/out" || bad "nsupdate.info host: $(head -1 "$W/out")"
	nothingsent
}
case_ "preset: IPv4-only providers refuse IPv6; hosts" t_presetv4only

t_presetmerge() {
	rawreply 'HTTP/1.1 200 OK\r\nContent-Length: 18\r\n\r\ngood 203.0.113.7\r\n'
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 3
	ddnsup -C "$CERTS/ca.pem" -u bob -o Provider=he -o ProviderFQDN=localhost \
	    -o ProviderPort=$PORT $V46 $N
	status 0
	out "$N updated 203.0.113.7,203.0.113.7 good"
}
case_ "preset: per-family results become one line" t_presetmerge

# --- hook scripts -----------------------------------------------------------

# hookconf: instance 1 on ppp0 and eth0's instance 2, with state
hookconf() {
	P=InternetGatewayDevice.DynamicDNS
	conf "$P.1.Name = wan\n$P.1.LinkReference = ppp0\n$P.1.Username = bob\n$P.1.Password = $SECRET\n\
$P.1.DomainName1 = $N\n$P.1.ProviderFQDN = localhost\n$P.1.ProviderPort = $PORT\n\
$P.1.ProviderCACertificate = $CERTS/ca.pem\n\
$P.2.Name = lte\n$P.2.LinkReference = wwan0\n$P.2.Username = bob\n$P.2.Password = $SECRET\n\
$P.2.DomainName1 = $N2\n$P.2.ProviderFQDN = localhost\n$P.2.ProviderPort = $PORT\n\
$P.2.ProviderCACertificate = $CERTS/ca.pem\n"
	rm -rf "$W/var"
	mkdir -p "$W/var"
}

# hookenv: what a hook needs to find this build instead of /usr/local
hookrun() {
	env -i PATH=/usr/bin:/bin DDNSUP="$RUN" DDNSUP_CONF="$CF" \
	    DDNSUP_STATEDIR="$W/var" DDNSUP_CHAIN= "$@" >"$W/out" 2>"$W/err"
	STATUS=$?
}

t_hookppp() {
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 5
	hookconf
	hookrun sh "$TOP/contrib/ppp-ip-up" ppp0 /dev/ttyS0 115200 203.0.113.50 198.51.100.1 ""
	status 0
	out "$N updated 203.0.113.7 good"
	req "$(q $N 203.0.113.50)"
	[ -f "$W/var/wan.state" ] || bad "no state for the instance"
	: >"$W/rec"
	hookrun sh "$TOP/contrib/ppp-ip-up" ppp0 /dev/ttyS0 115200 203.0.113.50 198.51.100.1 ""
	out "$N skipped 203.0.113.50 good"
	nothingsent
}
case_ "hook: ppp ip-up updates the link's instance with pppd's address" t_hookppp

t_hookudhcpc() {
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 5
	hookconf
	hookrun interface=wwan0 ip=198.51.100.60 subnet=255.255.255.0 sh "$TOP/contrib/udhcpc.script" bound
	status 0
	noout
	req "$(q $N2 198.51.100.60)" "localhost:$PORT"
	: >"$W/rec"
	hookrun interface=wwan0 ip=198.51.100.60 sh "$TOP/contrib/udhcpc.script" renew
	status 0
	nothingsent
	hookrun interface=wwan0 ip=198.51.100.61 sh "$TOP/contrib/udhcpc.script" renew
	status 0
	req "$(q $N2 198.51.100.61)" "localhost:$PORT"
	: >"$W/rec"
	hookrun interface=wwan0 sh "$TOP/contrib/udhcpc.script" deconfig
	status 0
	nothingsent
}
case_ "hook: udhcpc bound and renew; a renew with the same address sends nothing" t_hookudhcpc

# the command of a cron line or an ExecStart=, with this build's paths
hookcmd() {
	sed -e "s|/usr/local/bin/ddnsup|$RUN|g; s|/etc/ddnsup/ddnsup.conf|$CF|g"
}

t_hookcron() {
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 5
	hookconf
	line=$(grep -v '^#' "$TOP/contrib/ddnsup.cron" | grep . | hookcmd)
	set -f
	set -- $line
	set +f
	[ "$1 $2 $3 $4 $5 $6" = "*/5 * * * * root" ] || bad "cron line: $line"
	shift 6
	ddnsup_cmd=$*
	DDNSUP_STATEDIR=$W/var sh -c "$ddnsup_cmd -a 203.0.113.8" >"$W/out" 2>"$W/err"
	STATUS=$?
	status 0
	noout
	[ "$(requests)" = 2 ] || bad "$(requests) requests, expected one per instance"
	DDNSUP_STATEDIR=$W/var sh -c "$ddnsup_cmd -a 203.0.113.8" >"$W/out" 2>"$W/err"
	[ "$(requests)" = 2 ] || bad "the second cron run sent again"
}
case_ "hook: the cron line runs every instance, then skips" t_hookcron

t_hooksystemd() {
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 5
	hookconf
	cmd=$(sed -n 's/^ExecStart=//p' "$TOP/contrib/ddnsup.service" | hookcmd)
	[ -n "$cmd" ] || bad "no ExecStart in ddnsup.service"
	DDNSUP_STATEDIR=$W/var sh -c "$cmd -a 203.0.113.9" >"$W/out" 2>"$W/err"
	STATUS=$?
	status 0
	[ "$(requests)" = 2 ] || bad "$(requests) requests"
	grep -q '^Type=oneshot$' "$TOP/contrib/ddnsup.service" || bad "service is not oneshot"
	grep -q '^OnUnitActiveSec=' "$TOP/contrib/ddnsup.timer" || bad "timer does not repeat"
	if command -v systemd-analyze >/dev/null 2>&1; then
		mkdir -p "$W/units"
		hookcmd <"$TOP/contrib/ddnsup.service" >"$W/units/ddnsup.service"
		cp "$TOP/contrib/ddnsup.timer" "$W/units/"
		systemd-analyze verify --man=no "$W/units/ddnsup.timer" "$W/units/ddnsup.service" \
		    >"$W/verify" 2>&1 || { bad "systemd-analyze:"; cat "$W/verify" >>"$W/why"; }
	fi
	:
}
case_ "hook: the systemd service runs every instance" t_hooksystemd

t_hookexample() {
	cp "$TOP/contrib/ddnsup.conf" "$CF"
	chmod 600 "$CF"
	ddnsup -f "$CF" -n -a 203.0.113.7
	status 0
	grep -q "^GET $(q $N 203.0.113.7) HTTP/1.0$" "$W/out" || bad "example: $(cat "$W/out")"
	ddnsup -f "$CF" -I backup -n
	status 64
}
case_ "hook: the example configuration is valid" t_hookexample
