# Importer cases of test/run.sh, sourced by it: ddnsup-import on the
# example configurations Debian's ddclient and inadyn packages ship
# (copied at test time from /usr/share/doc/ddclient/examples,
# /usr/share/doc/inadyn/examples and /etc; a case without them is
# skipped) and on OpenWrt /etc/config/ddns files written here from
# ddns-scripts' documented options (its samples/ddns.config_sample). Each
# conversion then runs with ddnsup -n (the provider host, path, names and
# address source the original client's documentation gives) and, for one,
# against the test provider.

IMPORT="sh $TOP/ddnsup-import"
DDEX=/usr/share/doc/ddclient/examples
INEX=/usr/share/doc/inadyn/examples

# imp FILE: ddnsup-import -d $W/imp FILE; status, stdout, stderr kept
imp() {
	rm -rf "$W/imp"
	$IMPORT -d "$W/imp" "$1" >"$W/out" 2>"$W/err"
	STATUS=$?
}

# need FILE: skip the case unless the distribution's file is there
need() {
	[ -r "$1" ] && return 0
	SKIP="$1 not installed (Debian's ddclient and inadyn packages ship it)"
	return 1
}

# uncomment FILE FIRSTLINE: FILE with the block that starts at the line
# FIRSTLINE (up to the next empty line) uncommented, one "#" and a space
uncomment() {
	awk -v first="$2" '
		$0 == first { on = 1; print; next }
		on && /^[ \t]*$/ { on = 0 }
		on { sub(/^# ?/, "") }
		{ print }' "$1"
}

# conf LINE...: the converted file's settings, comments left out
conf() {
	printf '%s\n' "$@" | sed "s|@W@|$W|g" >"$W/want"
	grep -v '^#' "$W/imp/ddnsup.conf" | grep -v '^$' >"$W/got"
	diff -u "$W/want" "$W/got" >"$W/diff" || { bad "ddnsup.conf differs:"; cat "$W/diff" >>"$W/why"; }
}

# secretfile NAME VALUE: DIR/NAME holds VALUE, mode 0600; no output shows it
secretfile() {
	f=$W/imp/$1
	[ "$(cat "$f" 2>/dev/null)" = "$2" ] || bad "$f does not hold the password"
	[ "$(stat -c %a "$f" 2>/dev/null)" = 600 ] || bad "$f: mode $(stat -c %a "$f" 2>/dev/null), not 600"
	cat "$W/out" "$W/err" "$W/imp/ddnsup.conf" | sed "s|$W/imp/[^ ]*\.secret||g" |
	    grep -F -e "$2" >/dev/null &&
	    bad "the password appears in the output or in ddnsup.conf"
}

# dry "# SCHEME HOST port N" "TARGET..." ARGS: ddnsup -n on the
# converted file shows these requests to this host, status 0
dry() {
	where=$1 get=$2
	shift 2
	ddnsup -n -f "$W/imp/ddnsup.conf" "$@"
	status 0
	host=${where#\# http* }
	host=${host% port *}
	sed -n '/^#/p;/^GET /p;/^Host: /p' "$W/out" >"$W/got"
	for t in $get; do
		printf '%s\n' "$where" "GET $t HTTP/1.0" "Host: $host"
	done >"$W/want"
	diff -u "$W/want" "$W/got" >"$W/diff" || { bad "the dry run differs:"; cat "$W/diff" >>"$W/why"; }
}

W4="wildcard=NOCHG&mx=NOCHG&backmx=NOCHG"

t_iinadyn() {
	need "$INEX/dyndns.conf" || return
	cp "$INEX/dyndns.conf" "$W/inadyn.conf"
	imp "$W/inadyn.conf"
	status 0
	err "ddnsup-import: $W/inadyn.conf:2: period: not needed: ddnsup runs once; the timer or cron line sets how often" \
	    "ddnsup-import: wrote $W/imp/ddnsup.conf (inadyn)"
	conf "Device.DynamicDNS.Server.1.ServiceName = dyn" \
	    "Device.DynamicDNS.Server.1.Protocol = HTTPS" \
	    "Device.DynamicDNS.Client.1.Alias = dyndns.org" \
	    "Device.DynamicDNS.Client.1.Server = Device.DynamicDNS.Server.1" \
	    "Device.DynamicDNS.Client.1.Username = user" \
	    "Device.DynamicDNS.Client.1.X_DDNSUP_PasswordFile = @W@/imp/dyndns.org.secret" \
	    "Device.DynamicDNS.Client.1.Hostname.1.Name = example.dyndns.org"
	secretfile dyndns.org.secret secret
	# inadyn: members.dyndns.org, /nic/update, the provider sees the address
	dry "# https members.dyndns.org port 443" "/nic/update?hostname=example.dyndns.org&$W4"
}
case_ "import: inadyn's dyndns.conf example" t_iinadyn

t_iinadynfree() {
	need "$INEX/freedns.conf" || return
	imp "$INEX/freedns.conf"
	status 0
	grep -q '^Device.DynamicDNS.Server.1.ServiceName = afraid$' "$W/imp/ddnsup.conf" ||
	    bad "not the afraid preset"
	secretfile freedns.afraid.org.secret secret
	# the provider's DynDNS2 interface (inadyn uses its own API on the same host)
	dry "# https freedns.afraid.org port 443" "/nic/update?hostname=coffee.example.org"
}
case_ "import: inadyn's freedns.conf example" t_iinadynfree

# inadyn's own /etc/inadyn.conf, its FreeDNS, Loopia and Dyn blocks
# uncommented and filled in
t_iinadynetc() {
	f=/etc/inadyn.conf
	[ -r "$f" ] || f=$INEX/inadyn.conf
	need "$f" || return
	uncomment "$f" "### Loopia -- https://www.loopia.com" |
	    uncomment /dev/stdin "### DYN.com -- http://www.dyn.com" |
	    sed -e 's/<username>/alice/' -e 's/<password>/pw-of-alice/' \
	    -e 's/<hostname>/home.example.org/' \
	    -e 's/<hostname1>, <hostname2>, \.\.\./a.example.org, "b.example.org"/' \
	    >"$W/inadyn.conf"
	imp "$W/inadyn.conf"
	status 0
	conf "Device.DynamicDNS.Server.1.ServiceName = loopia" \
	    "Device.DynamicDNS.Server.1.Protocol = HTTPS" \
	    "Device.DynamicDNS.Client.1.Alias = loopia" \
	    "Device.DynamicDNS.Client.1.Server = Device.DynamicDNS.Server.1" \
	    "Device.DynamicDNS.Client.1.Username = alice" \
	    "Device.DynamicDNS.Client.1.X_DDNSUP_PasswordFile = @W@/imp/loopia.secret" \
	    "Device.DynamicDNS.Client.1.Hostname.1.Name = a.example.org" \
	    "Device.DynamicDNS.Client.1.Hostname.2.Name = b.example.org" \
	    "Device.DynamicDNS.Server.2.ServiceName = dyn" \
	    "Device.DynamicDNS.Server.2.Protocol = HTTPS" \
	    "Device.DynamicDNS.Client.2.Alias = Dyn" \
	    "Device.DynamicDNS.Client.2.Server = Device.DynamicDNS.Server.2" \
	    "Device.DynamicDNS.Client.2.Username = alice" \
	    "Device.DynamicDNS.Client.2.X_DDNSUP_PasswordFile = @W@/imp/Dyn.secret" \
	    "Device.DynamicDNS.Client.2.Hostname.1.Name = home.example.org"
	secretfile loopia.secret pw-of-alice
	# Loopia: one name per request (presets.c)
	dry "# https dns.loopia.se port 443" \
	    "/XDynDNSServer/XDynDNS.php?system=custom&hostname=a.example.org /XDynDNSServer/XDynDNS.php?system=custom&hostname=b.example.org" -I loopia
	dry "# https members.dyndns.org port 443" "/nic/update?hostname=home.example.org&$W4" -I Dyn
}
case_ "import: inadyn's /etc/inadyn.conf, Loopia and Dyn blocks" t_iinadynetc

t_iinadynlost() {
	need "$INEX/custom.conf" || return
	{ cat "$INEX/custom.conf"; cat "$INEX/duckdns.conf"; } >"$W/inadyn.conf"
	imp "$W/inadyn.conf"
	status 2
	errhas "$W/inadyn.conf:5: ddns-path: not carried over: ddns-path /update?domain=%u&password=%p&host=%h: not a DynDNS2 update"
	l=$(grep -n '^provider duckdns.org' "$W/inadyn.conf" | cut -d: -f1)
	errhas "$W/inadyn.conf:$l: provider: not carried over: provider duckdns.org: no ddnsup preset for it"
	errhas "no client could be converted"
	[ ! -e "$W/imp/ddnsup.conf" ] || bad "a ddnsup.conf without a client was written"
}
case_ "import: inadyn's custom and duckdns examples are listed, exit 2" t_iinadynlost

# ddclient's sample, its NoIP and Loopia blocks uncommented
t_iddclient() {
	need "$DDEX/sample-etc_ddclient.conf" || return
	uncomment "$DDEX/sample-etc_ddclient.conf" "## NoIP (noip.com)" |
	    uncomment /dev/stdin "## Loopia (loopia.se)" >"$W/ddclient.conf"
	imp "$W/ddclient.conf"
	status 0
	# the Loopia block comes first; its lines without "\" are globals, in
	# force for the NoIP host after them too (ddclient's rule), but for
	# script, which ddclient's noip protocol does not use
	# dns.loopia.se is the loopia preset's host, one name per request
	conf "Device.DynamicDNS.Server.1.ServiceName = loopia" \
	    "Device.DynamicDNS.Server.1.Protocol = HTTPS" \
	    "Device.DynamicDNS.Server.1.X_DDNSUP_URLPath = /XDynDNSServer/XDynDNS.php" \
	    "Device.DynamicDNS.Client.1.Alias = my.domain.tld" \
	    "Device.DynamicDNS.Client.1.Server = Device.DynamicDNS.Server.1" \
	    "Device.DynamicDNS.Client.1.Username = my-loopia.se-login" \
	    "Device.DynamicDNS.Client.1.X_DDNSUP_PasswordFile = @W@/imp/my.domain.tld.secret" \
	    "Device.DynamicDNS.Client.1.Hostname.1.Name = my.domain.tld" \
	    "Device.DynamicDNS.Client.1.Hostname.2.Name = other.domain.tld" \
	    "Device.DynamicDNS.Client.1.X_DDNSUP_AddressURL = https://dns.loopia.se/checkip/checkip.php" \
	    "Device.DynamicDNS.Server.2.ServiceName = noip" \
	    "Device.DynamicDNS.Server.2.Protocol = HTTPS" \
	    "Device.DynamicDNS.Client.2.Alias = your-host.domain.com" \
	    "Device.DynamicDNS.Client.2.Server = Device.DynamicDNS.Server.2" \
	    "Device.DynamicDNS.Client.2.Username = your-noip-login" \
	    "Device.DynamicDNS.Client.2.X_DDNSUP_PasswordFile = @W@/imp/your-host.domain.com.secret" \
	    "Device.DynamicDNS.Client.2.Hostname.1.Name = your-host.domain.com" \
	    "Device.DynamicDNS.Client.2.Hostname.2.Name = your-2nd-host.domain.com" \
	    "Device.DynamicDNS.Client.2.X_DDNSUP_AddressURL = https://dns.loopia.se/checkip/checkip.php"
	secretfile your-host.domain.com.secret your-noip-password
	for k in daemon syslog mail mail-failure pid; do
		grep -q "^ddnsup-import: $W/ddclient.conf:[0-9]*: $k: not needed: " "$W/err" ||
		    bad "$k is not reported"
	done
	# ddclient's use=web, web=loopia: the address from the check page
	# (here a local one standing in for dns.loopia.se's)
	checkpage "<html>Current IP Address: 198.51.100.9</html>"
	dry "# https dynupdate.no-ip.com port 443" \
	    "/nic/update?hostname=your-host.domain.com,your-2nd-host.domain.com&myip=198.51.100.9" \
	    -I your-host.domain.com -o AddressURL="http://127.0.0.1:$CPORT/"
	dry "# https dns.loopia.se port 443" \
	    "/XDynDNSServer/XDynDNS.php?hostname=my.domain.tld&myip=198.51.100.9 /XDynDNSServer/XDynDNS.php?hostname=other.domain.tld&myip=198.51.100.9" \
	    -I my.domain.tld -o AddressURL="http://127.0.0.1:$CPORT/"
}
case_ "import: ddclient's sample, NoIP and Loopia blocks" t_iddclient

t_iddclientetc() {
	need /etc/ddclient.conf || return
	cp /etc/ddclient.conf "$W/ddclient.conf"
	imp "$W/ddclient.conf"
	status 2
	# Debian's debconf file: its settings, no host after them
	for k in protocol use web; do
		grep -q "^ddnsup-import: $W/ddclient.conf:[0-9]*: $k: not carried over: " "$W/err" ||
		    bad "$k is not reported"
	done
	errhas "no client could be converted"
}
case_ "import: Debian's /etc/ddclient.conf without a host: listed, exit 2" t_iddclientetc

t_iddclientlost() {
	cat >"$W/ddclient.conf" <<-'EOF'
	use=if, if=ppp0
	protocol=dyndns2, server=members.dyndns.org:8245, ssl=no, login=bob
	password='pw of bob', wildcard=yes, postscript=/bin/true home.example.org
	protocol=cloudflare, zone=example.org, login=x, password=y www.example.org
	EOF
	imp "$W/ddclient.conf"
	status 2
	err "ddnsup-import: $W/ddclient.conf:3: postscript: not carried over: no ddnsup setting for it" \
	    "ddnsup-import: $W/ddclient.conf:3: wildcard: not carried over: ddnsup sends wildcard, mx and backmx as NOCHG, only where the provider documents them" \
	    "ddnsup-import: $W/ddclient.conf:4: protocol: not carried over: protocol cloudflare: not a protocol ddnsup speaks (this host group is left out)" \
	    "ddnsup-import: wrote $W/imp/ddnsup.conf (ddclient)"
	conf "Device.DynamicDNS.Server.1.ServiceName = dyn" \
	    "Device.DynamicDNS.Server.1.ServerPort = 8245" \
	    "Device.DynamicDNS.Server.1.Protocol = HTTP" \
	    "Device.DynamicDNS.Client.1.Alias = home.example.org" \
	    "Device.DynamicDNS.Client.1.Server = Device.DynamicDNS.Server.1" \
	    "Device.DynamicDNS.Client.1.Interface = ppp0" \
	    "Device.DynamicDNS.Client.1.Username = bob" \
	    "Device.DynamicDNS.Client.1.X_DDNSUP_PasswordFile = @W@/imp/home.example.org.secret" \
	    "Device.DynamicDNS.Client.1.Hostname.1.Name = home.example.org"
	secretfile home.example.org.secret "pw of bob"
}
case_ "import: ddclient settings it cannot carry are listed by line" t_iddclientlost

# OpenWrt: written from ddns-scripts' samples/ddns.config_sample
t_iuci() {
	cat >"$W/ddns" <<-'EOF'
	config ddns 'global'
		option ddns_dateformat '%F %R'

	config service 'myddns_ipv4'
		option enabled '1'
		option interface 'wan'
		option service_name 'no-ip.com'
		option domain 'home.example.org'
		option username 'bob'
		option password 'uci pw'
		option use_https '1'
		option ip_source 'web'
		option ip_url 'http://checkip.dyndns.com'
		option check_interval '10'
		option check_unit 'minutes'
		option force_interval '72'
		option force_unit 'hours'

	config service 'office'
		option enabled '1'
		option update_url 'http://[USERNAME]:[PASSWORD]@dyn.example.net/nic/update?hostname=[DOMAIN]&myip=[IP]'
		option domain 'office.example.org'
		option username 'carol'
		option password 'pw2'
		option ip_source 'network'
		option ip_network 'wan'

	config service 'myddns_ipv6'
		option enabled '1'
		option use_ipv6 '1'
		option service_name 'no-ip.com'
		option domain 'home.example.org'

	config service 'cf'
		option service_name 'cloudflare.com-v4'
		option domain 'www.example.org'
	EOF
	imp "$W/ddns"
	status 2
	err "ddnsup-import: $W/ddns:2: ddns_dateformat: not needed: ddnsup runs once and logs through syslog with -l" \
	    "ddnsup-import: $W/ddns:6: interface: not needed: the hotplug hook runs ddnsup on the network's events" \
	    "ddnsup-import: $W/ddns:14: check_interval: not needed: ddnsup runs once from a timer, cron or the hotplug hook, and holds a failed name itself (RetryInterval)" \
	    "ddnsup-import: $W/ddns:15: check_unit: not needed: ddnsup runs once from a timer, cron or the hotplug hook, and holds a failed name itself (RetryInterval)" \
	    "ddnsup-import: $W/ddns:28: use_ipv6: not carried over: use_ipv6: IPv6 needs -6 on ddnsup's command line (this service section myddns_ipv6 is left out)" \
	    "ddnsup-import: $W/ddns:34: service_name: not carried over: service_name cloudflare.com-v4: no ddnsup preset for it (this service section cf is left out)" \
	    "ddnsup-import: wrote $W/imp/ddnsup.conf (uci)"
	conf "Device.DynamicDNS.Server.1.ServiceName = noip" \
	    "Device.DynamicDNS.Server.1.Protocol = HTTPS" \
	    "Device.DynamicDNS.Client.1.Alias = myddns_ipv4" \
	    "Device.DynamicDNS.Client.1.Server = Device.DynamicDNS.Server.1" \
	    "Device.DynamicDNS.Client.1.Username = bob" \
	    "Device.DynamicDNS.Client.1.X_DDNSUP_PasswordFile = @W@/imp/myddns_ipv4.secret" \
	    "Device.DynamicDNS.Client.1.Hostname.1.Name = home.example.org" \
	    "Device.DynamicDNS.Client.1.X_DDNSUP_AddressURL = http://checkip.dyndns.com" \
	    "Device.DynamicDNS.Client.1.X_DDNSUP_UpdateTimePeriod = 72h" \
	    "Device.DynamicDNS.Server.2.ServerAddress = dyn.example.net" \
	    "Device.DynamicDNS.Server.2.Protocol = HTTP" \
	    "Device.DynamicDNS.Client.2.Alias = wan" \
	    "Device.DynamicDNS.Client.2.Server = Device.DynamicDNS.Server.2" \
	    "Device.DynamicDNS.Client.2.Username = carol" \
	    "Device.DynamicDNS.Client.2.X_DDNSUP_PasswordFile = @W@/imp/wan.secret" \
	    "Device.DynamicDNS.Client.2.Hostname.1.Name = office.example.org"
	secretfile myddns_ipv4.secret "uci pw"
	checkpage "Current IP Address: 198.51.100.4"
	dry "# https dynupdate.no-ip.com port 443" \
	    "/nic/update?hostname=home.example.org&myip=198.51.100.4" \
	    -I myddns_ipv4 -o AddressURL="http://127.0.0.1:$CPORT/"
	# ip_source network: on ifup the hotplug hook gives -I wan -i DEVICE
	dry "# http dyn.example.net port 80" "/nic/update?hostname=office.example.org&$W4" -I wan
}
case_ "import: OpenWrt ddns-scripts sections" t_iuci

# the converted file, run for real: the password from the secret file
t_ilive() {
	need "$INEX/dyndns.conf" || return
	sed -e 's/username *= user/username = bob/' \
	    -e "s/password *= secret/password = $SECRET/" "$INEX/dyndns.conf" >"$W/inadyn.conf"
	imp "$W/inadyn.conf"
	status 0
	secretfile dyndns.org.secret "$SECRET"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	env -u DDNSUP_PASSWORD $RUN -C "$CERTS/ca.pem" -f "$W/imp/ddnsup.conf" \
	    -o ProviderFQDN=localhost -o ProviderPort="$PORT" -a 203.0.113.7 \
	    >"$W/out" 2>"$W/err"
	STATUS=$?
	status 0
	out "example.dyndns.org updated 203.0.113.7 good"
	req "$(q example.dyndns.org 203.0.113.7)"
	nosecret
}
case_ "import: the converted inadyn example updates, password from its file" t_ilive

t_iusage() {
	$IMPORT "$W/x" >"$W/out" 2>"$W/err"
	STATUS=$?
	status 64
	errhas "-d dir is required"
	$IMPORT -d "$W/imp" >"$W/out" 2>"$W/err"
	STATUS=$?
	status 64
	$IMPORT -d "$W/imp" "$W/nonexistent" >"$W/out" 2>"$W/err"
	STATUS=$?
	status 78
	errhas "$W/nonexistent: not a readable file"
	printf 'protocol=noip\nlogin=a, password=b h.example.org\n' >"$W/ddclient.conf"
	imp "$W/ddclient.conf"
	status 0
	$IMPORT -d "$W/imp" "$W/ddclient.conf" >"$W/out" 2>"$W/err"
	STATUS=$?
	status 78
	errhas "ddnsup.conf exists: not replaced"
}
case_ "import: usage 64, unreadable 78, an existing ddnsup.conf kept" t_iusage

# every preset host the importer knows is the one ddnsup's preset uses
t_ipresets() {
	sed -n '/presets.c: name and provider host/,/, a, " ")/p' "$TOP/ddnsup-import" |
	    sed '1d; s/n = split(//; s/, a, " ").*//' | tr -d '"\\' |
	    tr -s ' \t\n' '\n\n\n' | sed '/^$/d' | paste - - >"$W/table"
	[ "$(wc -l <"$W/table")" -gt 20 ] || bad "the importer's preset table is not found"
	while read -r p h; do
		# the address forms a preset takes differ: the first it accepts
		# and some take no user name (the token says whose)
		for a in "-a 203.0.113.7" "-a 203.0.113.7 -a 2001:db8::7" "" \
		    "-u -" "-u - -a 203.0.113.7" "-u - -a 203.0.113.7 -a 2001:db8::7"; do
			u="-u a"
			case $a in -u\ -*) u= a=${a#-u -} ;; esac
			# shellcheck disable=SC2086
			DDNSUP_PASSWORD=x $RUN -n -o Provider="$p" $u $a a.example.org \
			    2>/dev/null | head -1 >"$W/got"
			[ -s "$W/got" ] && break
		done
		grep -q "^# https $h port 443\$" "$W/got" ||
		    bad "preset $p: importer says $h, ddnsup: $(cat "$W/got")"
	done <"$W/table"
}
case_ "import: the importer's preset hosts are ddnsup's" t_ipresets

# ddnsup's PasswordFile: the file's first line; never with Password
t_ipwfile() {
	printf '%s\n' "$SECRET" >"$W/pw"
	chmod 600 "$W/pw"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	printf 'Username = bob\nPasswordFile = %s\nDomainName1 = %s\n' "$W/pw" "$N" >"$W/c.conf"
	env -u DDNSUP_PASSWORD $RUN -C "$CERTS/ca.pem" -s "https://localhost:$PORT" \
	    -f "$W/c.conf" -a 203.0.113.7 >"$W/out" 2>"$W/err"
	STATUS=$?
	status 0
	req "$(q "$N" 203.0.113.7)"
	printf 'Username = bob\nPasswordFile = %s/none\nDomainName1 = %s\n' "$W" "$N" >"$W/c.conf"
	env -u DDNSUP_PASSWORD $RUN -s "https://localhost:$PORT" -f "$W/c.conf" \
	    -a 203.0.113.7 >"$W/out" 2>"$W/err"
	STATUS=$?
	status 78
	errhas "$W/c.conf:2: PasswordFile: cannot open the secret file: No such file or directory"
	printf 'Username = bob\nPasswordFile = %s\nPassword = x\nDomainName1 = %s\n' "$W/pw" "$N" >"$W/c.conf"
	ddnsup -f "$W/c.conf" -a 203.0.113.7
	status 64
	errhas "PasswordFile"
}
case_ "import: PasswordFile reads the password, errors name the key only" t_ipwfile
