# TR-181 Device.DynamicDNS cases of test/run.sh, sourced by it: the
# configuration in TR-181's names, and ddnsup -S, every status value from
# real runs against the test provider.
D=Device.DynamicDNS
TD=$W/t181
TS=$TD/st.home
SERVICES=$($RUN -V | sed -n 's/^presets: //p')

# dconf EXTRA: Server.1 is the local provider over https, Client.1 "home"
# updates $N (and what EXTRA adds); the state in $TS (-c $TD/st)
dconf() {
	conf "$D.Server.1.Name = local provider\n$D.Server.1.ServiceName = dyn\n\
$D.Server.1.ServerAddress = ${SRV_:-localhost}\n$D.Server.1.ServerPort = $PORT\n\
$D.Server.1.Protocol = HTTPS\n$D.Server.1.X_DDNSUP_CACertificate = $CERTS/ca.pem\n\
$D.Client.1.Alias = home\n$D.Client.1.Server = $D.Server.1.\n\
$D.Client.1.Username = ${USER_:-bob}\n$D.Client.1.Password = $SECRET\n\
$D.Client.1.X_DDNSUP_Address = ${ADDR_:-203.0.113.7}\n\
$D.Client.1.Hostname.1.Name = $N\n$1"
}

tfresh() { rm -rf "$TD"; mkdir -p "$TD"; }
run181() { ddnsup -f "$CF" -c "$TD/st" "$@"; }
status181() { ddnsup -S -f "$CF" -c "$TD/st" "$@"; legacy; }

# legacy: -S's output as the first version printed it, which these cases
# hold stable: without what later versions added (tr181cases2.sh checks
# those: the vendor parameters, the Server objects, assigned Aliases, the
# empty Server, Interface and Username)
legacy() {
	grep -v -e '\.X_DDNSUP_' -e '^Device\.DynamicDNS\.Server\.' \
	    -e '\.Alias = cpe-' -e '\.\(Interface\|Server\|Username\) = $' \
	    "$W/out" >"$W/out.l"
	mv "$W/out.l" "$W/out"
}

# lastupdate NAME: the record's time of the last success, as TR-181 prints it
lastupdate() {
	t=$(awk -v n="$1" '$1 == "name" && $2 == n { print $5; exit }' "$TS")
	date -u -d "@$t" +%Y-%m-%dT%H:%M:%SZ
}

# head181 CLIENTS SERVERS: the lines before the first client
head181() {
	printf '%s\n' "$D.SupportedServices = $SERVICES" \
	    "$D.ClientNumberOfEntries = $1" "$D.ServerNumberOfEntries = $2"
}

# client1 STATUS LASTERROR: dconf's Client.1 up to its host names
client1() {
	printf '%s\n' "$D.Client.1.Enable = ${ENABLE_:-true}" \
	    "$D.Client.1.Status = $1" "$D.Client.1.Alias = home" \
	    "$D.Client.1.LastError = $2" "$D.Client.1.Server = $D.Server.1." \
	    "$D.Client.1.Username = ${USER_:-bob}" "$D.Client.1.Password = " \
	    "$D.Client.1.HostnameNumberOfEntries = ${NHOSTS_:-1}"
}

# host C J NAME STATUS LASTUPDATE [ENABLE]
host() {
	printf '%s\n' "$D.Client.$1.Hostname.$2.Enable = ${6:-true}" \
	    "$D.Client.$1.Hostname.$2.Name = $3" \
	    "$D.Client.$1.Hostname.$2.Status = $4" \
	    "$D.Client.$1.Hostname.$2.LastUpdate = $5"
}

NEVER=0001-01-01T00:00:00Z

# report STATUS LASTERROR HOSTSTATUS LASTUPDATE: -S on dconf's file
report() {
	status181
	status 0
	out "$(head181 1 1)" "$(client1 "$1" "$2")" "$(host 1 1 $N "$3" "$4")"
	nosecret
}

# snap: every file in $TD, with its size, time and checksum
snap() { (cd "$TD" && for f in $(ls -A); do stat -c '%n %s %Y' "$f"; cksum <"$f"; done); }

t_tr181_good() {
	tfresh
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 10
	dconf "$D.Client.1.Hostname.2.Name = $N2\n$D.Client.1.Hostname.2.Enable = false\n"
	NHOSTS_=2
	# never run: nothing registered yet, and -S creates no file; not
	# Updated, which TR-181 reserves for an update since the address changed
	status181
	status 0
	out "$(head181 1 1)" "$(client1 X_DDNSUP_UpdateNeeded NO_ERROR)" \
	    "$(host 1 1 $N UpdateNeeded $NEVER)" "$(host 1 2 $N2 Disabled $NEVER false)"
	[ -z "$(ls -A "$TD")" ] || bad "-S created files: $(ls -A "$TD")"
	run181
	status 0
	out "$N updated 203.0.113.7 good"
	req "$(q $N 203.0.113.7)"
	snap >"$W/before"
	status181
	status 0
	out "$(head181 1 1)" "$(client1 Updated NO_ERROR)" \
	    "$(host 1 1 $N Registered "$(lastupdate $N)")" \
	    "$(host 1 2 $N2 Disabled $NEVER false)"
	nosecret
	snap | cmp -s - "$W/before" || bad "-S changed the state directory"
	# without a file: the state file and the names
	ddnsup -S -c "$TS" $N $N2
	legacy
	status 0
	out "$(head181 1 0)" "$D.Client.1.Enable = true" \
	    "$D.Client.1.Status = X_DDNSUP_UpdateNeeded" \
	    "$D.Client.1.LastError = NO_ERROR" "$D.Client.1.Password = " \
	    "$D.Client.1.HostnameNumberOfEntries = 2" \
	    "$(host 1 1 $N Registered "$(lastupdate $N)")" "$(host 1 2 $N2 UpdateNeeded $NEVER)"
	run181
	status 0
	out "$N skipped 203.0.113.7 good"
	nrequests 1
	NHOSTS_=
}
case_ "tr181: Device.DynamicDNS names; -S never run, good (Updated, Registered), a disabled Hostname, no file touched" t_tr181_good

t_tr181_nochg() {
	tfresh
	reply "200 OK" "nochg 203.0.113.7\n"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 10
	dconf
	run181
	status 0
	out "$N unchanged 203.0.113.7 nochg"
	report Updated NO_ERROR Registered "$(lastupdate $N)"
}
case_ "tr181: -S after nochg: Updated, Registered" t_tr181_nochg

t_tr181_badauth() {
	tfresh
	reply "200 OK" "badauth\n"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 10
	dconf
	run181
	status 77
	# the name exists: UpdateNeeded, not Error ("doesn't exist for this
	# account"); the Client's Error and LastError say why
	report Error AUTHENTICATION_ERROR UpdateNeeded $NEVER
	# stopped: nothing sent, the same report
	run181
	status 77
	errhas "stopped since"
	nrequests 1
	report Error AUTHENTICATION_ERROR UpdateNeeded $NEVER
	# a changed configuration: the name needs an update, the last error stays
	USER_=carol
	dconf
	report Error AUTHENTICATION_ERROR UpdateNeeded $NEVER
	run181
	status 77
	nrequests 2
	USER_=
}
case_ "tr181: -S after badauth, stopped, changed configuration" t_tr181_badauth

t_tr181_hold() {
	tfresh
	reply "500 Internal Server Error" "911\n"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 10
	# RetryInterval is never shorter than what the provider demands
	dconf "$D.Server.1.RetryInterval = 60\n"
	run181
	status 75
	out "$N failed 203.0.113.7 911"
	hold=$(awk '$1 == "name" { print $8 }' "$TS")
	now=$(date +%s)
	[ "$hold" -ge $((now + 1790)) ] && [ "$hold" -le $((now + 1810)) ] || bad "hold $hold, now $now"
	report Error TIMEOUT_ERROR UpdateNeeded $NEVER
	run181
	status 75
	out "$N held 203.0.113.7 911"
	nrequests 1
}
case_ "tr181: -S after 911: Error, TIMEOUT_ERROR, UpdateNeeded; RetryInterval under the provider's 30 minutes" t_tr181_hold

t_tr181_retry() {
	tfresh
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -m close -n 10
	dconf "$D.Server.1.RetryInterval = 120\n"
	run181
	status 69
	out "$N failed 203.0.113.7 connect"
	hold=$(awk '$1 == "name" { print $8 }' "$TS")
	now=$(date +%s)
	[ "$hold" -ge $((now + 110)) ] && [ "$hold" -le $((now + 130)) ] || bad "hold $hold, now $now"
	report Error CONNECTION_ERROR UpdateNeeded $NEVER
	# MaxRetries 1: the first failure and one retry, then nothing
	tfresh
	dconf "$D.Server.1.RetryInterval = 0\n$D.Server.1.MaxRetries = 1\n"
	run181
	status 69
	run181
	status 69
	nrequests 3
	run181
	status 69
	errhas "stopped since"
	nrequests 3
	report Error CONNECTION_ERROR UpdateNeeded $NEVER
	grep -q "^fails $N 4 2$" "$TS" || bad "no fails record: $(cat "$TS")"
	# the configuration changed: sent again; MaxRetries 0: no retry
	USER_=carol
	dconf "$D.Server.1.RetryInterval = 0\n$D.Server.1.MaxRetries = 0\n"
	report Error CONNECTION_ERROR UpdateNeeded $NEVER
	run181
	status 69
	nrequests 4
	run181
	status 69
	nrequests 4
	USER_=
}
case_ "tr181: RetryInterval after a failed connection; MaxRetries stops until the configuration changes" t_tr181_retry

t_tr181_dnsproto() {
	tfresh
	reply "200 OK" "garbage\n"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 10
	dconf
	run181
	status 76
	# a reply not understood is held, never stopped: due again later
	report Error PROTOCOL_ERROR UpdateNeeded $NEVER
	# RFC 6761: .invalid never resolves, and no resolver is asked
	tfresh
	SRV_=ddns.example.invalid
	dconf
	run181
	status 68
	out "$N failed 203.0.113.7 resolve"
	report Error DNS_ERROR UpdateNeeded $NEVER
	SRV_=
}
case_ "tr181: -S after a malformed reply (PROTOCOL_ERROR) and an unknown host (DNS_ERROR)" t_tr181_dnsproto

t_tr181_disabled() {
	tfresh
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 10
	for off in "$D.Client.1.Enable = false" "$D.Server.1.Enable = 0" \
	    "$D.Client.1.Hostname.1.Enable = false"; do
		dconf "$off\n"
		run181
		status 64
		errhas "no enabled instance"
		nothingsent
		status181
		status 0
		ENABLE_=true
		case $off in *Client.1.Enable*) ENABLE_=false ;; esac
		en=true
		case $off in *Hostname*) en=false ;; esac
		out "$(head181 1 1)" "$(client1 Disabled NO_ERROR)" \
		    "$(host 1 1 $N Disabled $NEVER $en)"
		ENABLE_=
	done
	[ -z "$(ls -A "$TD")" ] || bad "files created: $(ls -A "$TD")"
}
case_ "tr181: a disabled Client, Server or Hostname sends nothing; -S: Disabled" t_tr181_disabled

t_tr181_changed() {
	tfresh
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 10
	dconf
	run181
	status 0
	t=$(lastupdate $N)
	report Updated NO_ERROR Registered "$t"
	ADDR_=198.51.100.1
	dconf
	report X_DDNSUP_UpdateNeeded NO_ERROR UpdateNeeded "$t"
	ADDR_=
	USER_=carol
	dconf
	report X_DDNSUP_UpdateNeeded NO_ERROR UpdateNeeded "$t"
	# registered under another user: sent, not skipped
	run181
	status 0
	out "$N updated 203.0.113.7 good"
	nrequests 2
	run181
	out "$N skipped 203.0.113.7 good"
	nrequests 2
	USER_=
}
case_ "tr181: a changed address or configuration: UpdateNeeded, and the run sends" t_tr181_changed

t_tr181_misconf() {
	tfresh
	reply "200 OK" "nohost\n"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 10
	dconf
	run181
	status 78
	report Error_Misconfigured MISCONFIGURATION_ERROR Error $NEVER
	# a reference to a Server that does not exist: 64 before anything
	: >"$W/rec"
	dconf "$D.Client.2.Server = $D.Server.7\n$D.Client.2.Username = bob\n\
$D.Client.2.Hostname.1.Name = $N2\n"
	run181
	status 64
	err "ddnsup: $CF:13: Server: $D.Server.7: no such Server in the file"
	noout
	nothingsent
	status181 -I 2
	status 0
	out "$(head181 1 1)" "$D.Client.2.Enable = true" \
	    "$D.Client.2.Status = Error_Misconfigured" \
	    "$D.Client.2.LastError = MISCONFIGURATION_ERROR" \
	    "$D.Client.2.Server = $D.Server.7" "$D.Client.2.Username = bob" \
	    "$D.Client.2.Password = " \
	    "$D.Client.2.HostnameNumberOfEntries = 1" "$(host 2 1 $N2 UpdateNeeded $NEVER)"
	errhas "no such Server"
}
case_ "tr181: nohost and a missing Server: Error_Misconfigured" t_tr181_misconf

t_tr181_errors() {
	provider
	for bad in "$D.Client.1.Name = x:unknown key Name" \
	    "$D.Client.1.Hostname.1.Enable = maybe:Enable: must be 1, 0, true or false" \
	    "$D.Client.1.Hostname.3.Name = x:Hostname.{j}.Name: x: not a valid fully qualified host name" \
	    "$D.Client.2.Server = Device.IP.Interface.1:Server: not a reference" \
	    "$D.Client.1.Hostname.1.Name = $N2:Hostname.1.Name given twice" \
	    "$D.Client.1.X_DDNSUP_Password = x:unknown key X_DDNSUP_Password" \
	    "$D.Server.1.CheckInterval = 1m:CheckInterval: must be a number" \
	    "$D.Server.1.MaxRetries = -1:MaxRetries: must be a number" \
	    "DomainName2 = $N2:$D. and the older names in one file"; do
		dconf "${bad%%:*}\n"
		run181
		status 64
		errhas "$CF:13: ${bad#*:}"
		nothingsent
	done
}
case_ "tr181: mistakes name file:line and send nothing" t_tr181_errors

t_tr181_susage() {
	ddnsup -S
	status 64
	errhas "-S needs -f file, or -c statefile and the host names"
	ddnsup -S -c "$W/st"
	status 64
	provider
	dconf
	ddnsup -S -f "$CF" $N
	status 64
	errhas "-S -f reports the file's host names: give none"
	noout
}
case_ "tr181: -S without what it reports: 64" t_tr181_susage

t_tr181_seed() {
	tfresh
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 10
	P=InternetGatewayDevice.DynamicDNS
	conf "$P.2.Name = home\n$P.2.Username = bob\n$P.2.Password = $SECRET\n\
$P.2.DomainName1 = $N\n$P.2.DomainName3 = $N3\n$P.2.ProviderFQDN = localhost\n\
$P.2.ProviderPort = $PORT\n$P.2.ProviderCACertificate = $CERTS/ca.pem\n\
$P.2.Address = 203.0.113.7\n$P.5.Name = spare\n$P.5.Enable = 0\n\
$P.5.DomainName1 = spare.example.org\n"
	run181 -I home
	status 0
	out "$N updated 203.0.113.7 good" "$N3 updated 203.0.113.7 good"
	t=$(lastupdate $N)
	status181
	status 0
	out "$(head181 2 0)" "$D.Client.2.Enable = true" "$D.Client.2.Status = Updated" \
	    "$D.Client.2.Alias = home" "$D.Client.2.LastError = NO_ERROR" \
	    "$D.Client.2.Username = bob" "$D.Client.2.Password = " \
	    "$D.Client.2.HostnameNumberOfEntries = 2" \
	    "$(host 2 1 $N Registered "$t")" "$(host 2 3 $N3 Registered "$t")" \
	    "$D.Client.5.Enable = false" "$D.Client.5.Status = Disabled" \
	    "$D.Client.5.Alias = spare" "$D.Client.5.LastError = NO_ERROR" \
	    "$D.Client.5.Password = " "$D.Client.5.HostnameNumberOfEntries = 1" \
	    "$(host 5 1 spare.example.org Disabled $NEVER)"
	nosecret
}
case_ "tr181: -S reports a file in the older names in TR-181 form, instance numbers kept" t_tr181_seed

t_tr181_connecting() {
	wrapped "timing"
	[ -n "$SKIP" ] && return
	tfresh
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -m stall
	dconf "$D.Client.1.X_DDNSUP_Timeout = 3\n"
	$RUN -f "$CF" -c "$TD/st" >/dev/null 2>&1 &
	bg=$!
	i=0
	while ! grep -q . "$W/rec" && [ $i -lt 200 ]; do sleep 0.01; i=$((i + 1)); done
	status181
	status 0
	# the request went out: the credentials are being judged
	out "$(head181 1 1)" "$(client1 Authenticating NO_ERROR)" "$(host 1 1 $N Updating $NEVER)"
	wait $bg
	status181
	out "$(head181 1 1)" "$(client1 Error TIMEOUT_ERROR)" "$(host 1 1 $N UpdateNeeded $NEVER)"
}
case_ "tr181: -S while a run holds the lock: Authenticating, Updating" t_tr181_connecting

t_tr181_oldstate() {
	tfresh
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 10
	dconf
	t=$(($(date +%s) - 3600))
	printf 'ddnsup-state 1\nsalt 0123456789abcdef0123456789abcdef\nname %s 4 203.0.113.7 %s good 0 0 0 -\n' \
	    $N $t >"$TS"
	report Updated NO_ERROR Registered "$(date -u -d "@$t" +%Y-%m-%dT%H:%M:%SZ)"
	run181
	status 0
	out "$N skipped 203.0.113.7 good"
	nothingsent
}
case_ "tr181: a state file of the previous version reads" t_tr181_oldstate

t_tr181_check() {
	tfresh
	checkpage "Current IP Address: 203.0.113.9"
	reply "200 OK" "good 203.0.113.9\n"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 10
	ADDR_=x
	conf "$D.Server.1.ServerAddress = localhost\n$D.Server.1.ServerPort = $PORT\n\
$D.Server.1.X_DDNSUP_CACertificate = $CERTS/ca.pem\n$D.Server.1.CheckInterval = 0\n\
$D.Client.1.Server = $D.Server.1\n$D.Client.1.Username = bob\n$D.Client.1.Password = $SECRET\n\
$D.Client.1.X_DDNSUP_AddressURL = http://127.0.0.1:$CPORT/\n$D.Client.1.Hostname.1.Name = $N\n"
	ddnsup -f "$CF" -c "$TD/st"
	status 0
	out "$N updated 203.0.113.9 good"
	ddnsup -f "$CF" -c "$TD/st"
	out "$N skipped 203.0.113.9 good"
	[ "$(grep -c '^GET ' "$W/crec")" = 2 ] || bad "CheckInterval 0: $(grep -c '^GET ' "$W/crec") checks, expected 2"
	sed -i "s/CheckInterval = 0/CheckInterval = 600/" "$CF"
	ddnsup -f "$CF" -c "$TD/st"
	out "$N skipped 203.0.113.9 good"
	[ "$(grep -c '^GET ' "$W/crec")" = 2 ] || bad "CheckInterval 600: the check was not reused"
	ADDR_=
}
case_ "tr181: CheckInterval is how long -w's address is kept (0: every run)" t_tr181_check

t_tr181_interface() {
	netns "dd16-$$" || return
	inns ip addr add 203.0.113.5/24 dev wan0
	tfresh
	PROVWRAP="ip netns exec $NETNS" provider -n 5
	conf "$D.Server.1.ServerAddress = 127.0.0.1\n$D.Server.1.ServerPort = $PORT\n\
$D.Server.1.Protocol = HTTP\n$D.Client.1.Server = $D.Server.1\n\
$D.Client.1.Interface = wan0\n$D.Client.1.Username = bob\n\
$D.Client.1.Password = $SECRET\n$D.Client.1.Hostname.1.Name = $N\n"
	inns $RUN -f "$CF" -c "$TD/st" >"$W/out" 2>"$W/err"
	STATUS=$?
	status 0
	req "$(q $N 203.0.113.5)" "127.0.0.1:$PORT"
	TS=$TD/st.1
	t=$(lastupdate $N)
	inns $RUN -S -f "$CF" -c "$TD/st" >"$W/out" 2>"$W/err"
	grep -qx "$D.Client.1.Interface = wan0" "$W/out" || bad "no Interface line"
	grep -qx "$D.Client.1.Hostname.1.Status = Registered" "$W/out" || bad "not Registered"
	grep -qx "$D.Client.1.Hostname.1.LastUpdate = $t" "$W/out" || bad "LastUpdate"
	# the interface's address changed: due
	inns ip addr del 203.0.113.5/24 dev wan0
	inns ip addr add 203.0.113.6/24 dev wan0
	inns $RUN -S -f "$CF" -c "$TD/st" >"$W/out" 2>"$W/err"
	STATUS=$?
	status 0
	grep -qx "$D.Client.1.Hostname.1.Status = UpdateNeeded" "$W/out" || bad "not UpdateNeeded: $(cat "$W/out")"
	nrequests 1
	TS=$TD/st.home
	ip netns del "$NETNS"
	NETNS=
}
case_ "tr181: Interface: -S reads the interface's address (UpdateNeeded after a change)" t_tr181_interface
