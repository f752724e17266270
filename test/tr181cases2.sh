# TR-181 cases of test/run.sh, sourced by it (after tr181cases.sh): -S as
# the whole Device.DynamicDNS object (Client, Hostname, Server, the vendor
# parameters), each value from real runs against the test provider; the
# JSON form checked against the text form, parameter by parameter, with
# python3's json and jq; the unique keys; Interface references; a run's
# phase seen by a concurrent -S; contrib/rpcd-ddnsup run as rpcd runs it.
D2=Device.DynamicDNS
T2=$W/t2
NEVER2=0001-01-01T00:00:00Z

# t2conf EXTRA: Server.1 the local provider over https, Client.1 "home"
# updating $N; the state in $T2/st.home
t2conf() {
	conf "$D2.Server.1.Name = local provider\n$D2.Server.1.Alias = local\n\
$D2.Server.1.ServiceName = dyn\n$D2.Server.1.ServerAddress = localhost\n\
$D2.Server.1.ServerPort = $PORT\n$D2.Server.1.Protocol = HTTPS\n\
$D2.Server.1.X_DDNSUP_CACertificate = ${CA2_:-$CERTS/ca.pem}\n\
$D2.Client.1.Alias = home\n$D2.Client.1.Server = $D2.Server.1.\n\
$D2.Client.1.Username = ${USER2_:-bob}\n$D2.Client.1.Password = $SECRET\n\
$D2.Client.1.X_DDNSUP_Address = ${ADDR2_:-203.0.113.7}\n\
$D2.Client.1.Hostname.1.Name = $N\n$1"
}
t2fresh() { rm -rf "$T2"; mkdir -p "$T2"; }
t2run() { ddnsup -f "$CF" -c "$T2/st" "$@"; }
t2s() { ddnsup -S -f "$CF" -c "$T2/st" "$@"; }

# t2field N: field N of $N's state record, as a TR-181 dateTime if a time
t2time() {
	t=$(awk -v n="$N" -v f="$1" '$1 == "name" && $2 == n { print $f; exit }' "$T2/st.home")
	[ "${t:-0}" -gt 0 ] && date -u -d "@$t" +%Y-%m-%dT%H:%M:%SZ || echo $NEVER2
}

# want PATH VALUE: the text form's line for PATH has exactly VALUE
want() {
	got=$(awk -v k="$D2.$1 = " 'index($0, k) == 1 { print substr($0, length(k) + 1) }' "$W/out")
	[ "$got" = "$2" ] || bad "$D2.$1: '$got', expected '$2'"
}

# t2json ARGS: -S ARGS -o StatusFormat=json must be one JSON object (jq
# and python3) with the text form's parameters, in its order, and values
t2json() {
	cp "$W/out" "$W/text"
	$RUN -S -f "$CF" -c "$T2/st" -o StatusFormat=json "$@" >"$W/json" 2>/dev/null ||
	    bad "-S -o StatusFormat=json: status $?"
	jq -e 'type == "object" and ([.[] | type == "string"] | all)' "$W/json" >/dev/null ||
	    bad "jq: not an object of strings: $(head -c 300 "$W/json")"
	python3 - "$W/text" "$W/json" >>"$W/why" 2>&1 <<'PY' || bad "JSON and text differ"
import json, sys
text = [l[:-1].split(" = ", 1) for l in open(sys.argv[1], encoding="utf-8")]
pairs = json.load(open(sys.argv[2], encoding="utf-8"), object_pairs_hook=list)
if [list(p) for p in pairs] != text:
    for a, b in zip(text, pairs):
        if list(a) != list(b):
            print("text", a, "json", b)
    sys.exit(1)
PY
}

# the exact lines of Client.1 (home) with one Hostname, and Server.1
t2client() {
	printf '%s\n' "$D2.Client.1.Enable = ${EN2_:-true}" "$D2.Client.1.Status = $1" \
	    "$D2.Client.1.Alias = home" "$D2.Client.1.LastError = $2" \
	    "$D2.Client.1.Server = $D2.Server.1." "$D2.Client.1.Interface = " \
	    "$D2.Client.1.Username = ${USER2_:-bob}" "$D2.Client.1.Password = " \
	    "$D2.Client.1.HostnameNumberOfEntries = 1" \
	    "$D2.Client.1.X_DDNSUP_LastResult = $3" "$D2.Client.1.X_DDNSUP_InterfaceName = "
}
# t2host STATUS LASTUPDATE RESULT ADDRESS HOLD STOP
t2host() {
	h=$D2.Client.1.Hostname.1
	printf '%s\n' "$h.Enable = true" "$h.Name = $N" "$h.Status = $1" \
	    "$h.LastUpdate = $2" "$h.X_DDNSUP_LastResult = $3" \
	    "$h.X_DDNSUP_Address = $4" "$h.X_DDNSUP_HoldUntil = $5" \
	    "$h.X_DDNSUP_StoppedSince = $6"
}
t2server() {
	s=$D2.Server.1
	printf '%s\n' "$s.Enable = ${SEN2_:-true}" "$s.Name = local provider" \
	    "$s.Alias = local" "$s.ServiceName = dyn" "$s.ServerAddress = localhost" \
	    "$s.ServerPort = $PORT" "$s.SupportedProtocols = HTTP,HTTPS" \
	    "$s.Protocol = HTTPS" "$s.CheckInterval = 600" \
	    "$s.RetryInterval = ${RI2_:-1800}" "$s.MaxRetries = ${MR2_:-4294967295}" \
	    "$s.X_DDNSUP_DdnsProtocol = dyndns"
}
t2head() {
	printf '%s\n' "$D2.SupportedServices = $($RUN -V | sed -n 's/^presets: //p')" \
	    "$D2.ClientNumberOfEntries = 1" "$D2.ServerNumberOfEntries = 1"
}

t_t2_whole() {
	t2fresh
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 10
	t2conf
	# never run: TR-181's Updated would be false; no file created
	t2s
	status 0
	out "$(t2head)" "$(t2client X_DDNSUP_UpdateNeeded NO_ERROR '')" \
	    "$(t2host UpdateNeeded $NEVER2 '' '' $NEVER2 $NEVER2)" "$(t2server)"
	t2json
	[ -z "$(ls -A "$T2")" ] || bad "-S created files: $(ls -A "$T2")"
	t2run
	status 0
	out "$N updated 203.0.113.7 good"
	t2s
	status 0
	out "$(t2head)" "$(t2client Updated NO_ERROR good)" \
	    "$(t2host Registered "$(t2time 5)" good 203.0.113.7 $NEVER2 $NEVER2)" \
	    "$(t2server)"
	nosecret
	t2json
	# the address changed: the Client has not updated since
	ADDR2_=198.51.100.1
	t2conf
	t2s
	want Client.1.Status X_DDNSUP_UpdateNeeded
	want Client.1.Hostname.1.Status UpdateNeeded
	want Client.1.Hostname.1.X_DDNSUP_Address 203.0.113.7
	t2json
	ADDR2_=
	# so did the configuration (another user)
	USER2_=carol
	t2conf
	t2s
	want Client.1.Status X_DDNSUP_UpdateNeeded
	want Client.1.Hostname.1.Status UpdateNeeded
	USER2_=
}
case_ "tr181 2: -S's whole object never run, updated, after an address and a configuration change; JSON = text" t_t2_whole

t_t2_refusals() {
	t2fresh
	reply "200 OK" "badauth\n"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 10
	t2conf
	t2run
	status 77
	t2s
	status 0
	# a refused password says nothing of the name: not Hostname Error
	out "$(t2head)" "$(t2client Error AUTHENTICATION_ERROR badauth)" \
	    "$(t2host UpdateNeeded $NEVER2 badauth '' $NEVER2 "$(t2time 9)")" "$(t2server)"
	[ "$(t2time 9)" != $NEVER2 ] || bad "no stop recorded"
	t2json
	# TR-181's Hostname Error: "doesn't exist for this Dynamic DNS account"
	for w in nohost '!yours'; do
		t2fresh
		stopprovider
		reply "200 OK" "$w\n"
		provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 10
		t2conf
		t2run
		status 78
		t2s
		want Client.1.Status Error_Misconfigured
		want Client.1.LastError MISCONFIGURATION_ERROR
		want Client.1.X_DDNSUP_LastResult "$w"
		want Client.1.Hostname.1.Status Error
		want Client.1.Hostname.1.X_DDNSUP_LastResult "$w"
		t2json
	done
}
case_ "tr181 2: badauth (UpdateNeeded, the stop's time), nohost and !yours (Hostname Error)" t_t2_refusals

t_t2_hold() {
	t2fresh
	reply "500 Internal Server Error" "911\n"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 10
	t2conf
	t2run
	status 75
	t2s
	hold=$(t2time 8)
	[ "$hold" != $NEVER2 ] || bad "no hold recorded"
	out "$(t2head)" "$(t2client Error TIMEOUT_ERROR 911)" \
	    "$(t2host UpdateNeeded $NEVER2 911 '' "$hold" $NEVER2)" "$(t2server)"
	t2json
}
case_ "tr181 2: 911: Error, TIMEOUT_ERROR, the time the hold lifts" t_t2_hold

t_t2_tls() {
	t2fresh
	provider -c "$CERTS/unknown.chain" -k "$CERTS/unknown.key" -n 10
	t2conf
	t2run
	status 76
	t2s
	want Client.1.Status Error
	want Client.1.LastError PROTOCOL_ERROR
	want Client.1.X_DDNSUP_LastResult certificate
	want Client.1.Hostname.1.Status UpdateNeeded
	want Client.1.Hostname.1.X_DDNSUP_StoppedSince "$(t2time 9)"
	[ "$(t2time 9)" != $NEVER2 ] || bad "no stop recorded"
	t2json
}
case_ "tr181 2: a certificate not trusted: Error, PROTOCOL_ERROR, X_DDNSUP_LastResult certificate, stopped" t_t2_tls

t_t2_maxretries() {
	t2fresh
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -m close -n 10
	t2conf "$D2.Server.1.RetryInterval = 0\n$D2.Server.1.MaxRetries = 0\n"
	t2run
	status 69
	t2run
	status 69
	errhas "stopped since"
	nrequests 1
	t2s
	RI2_=0 MR2_=0
	out "$(t2head)" "$(t2client Error CONNECTION_ERROR connect)" \
	    "$(t2host UpdateNeeded $NEVER2 connect '' $NEVER2 "$(t2time 9)")" "$(t2server)"
	RI2_= MR2_=
	t2json
}
case_ "tr181 2: MaxRetries reached: Error, CONNECTION_ERROR, stopped since; the Server's RetryInterval and MaxRetries" t_t2_maxretries

t_t2_disabled() {
	t2fresh
	provider
	t2conf "$D2.Server.1.Enable = false\n"
	t2s
	status 0
	SEN2_=false
	out "$(t2head)" "$(t2client Disabled NO_ERROR '')" \
	    "$(printf '%s\n' "$(t2host Disabled $NEVER2 '' '' $NEVER2 $NEVER2)")" "$(t2server)"
	SEN2_=
	t2json
	t2conf "$D2.Client.1.Enable = 0\n"
	t2s
	want Client.1.Enable false
	want Client.1.Status Disabled
	want Client.1.Hostname.1.Status Disabled
	t2conf "$D2.Client.1.Hostname.1.Enable = false\n"
	t2s
	want Client.1.Status Disabled
	want Client.1.Hostname.1.Enable false
	want Client.1.Hostname.1.Status Disabled
	t2json
	nothingsent
}
case_ "tr181 2: a disabled Server, Client or Hostname: Disabled, Server.1.Enable false" t_t2_disabled

# t2bg MODE: a run in the background against a provider in MODE, until
# the provider has its connection; -S then while the run holds the lock
t2phase() {
	t2fresh
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -m "$1"
	# a deadline a loaded machine (CI's sanitizer stage) cannot reach first
	t2conf "$D2.Client.1.X_DDNSUP_Timeout = 8\n"
	$RUN -f "$CF" -c "$T2/st" >/dev/null 2>&1 &
	bg=$!
	i=0
	while [ ! -s "$W/rec" ] && [ $i -lt 500 ]; do sleep 0.01; i=$((i + 1)); done
	# the connection is accepted before the record is written: let the
	# handshake (or the request) happen
	sleep 0.3
	t0=$(date +%s%N | cut -c1-11)
	t2s
	t1=$(date +%s%N | cut -c1-11)
	status 0
	# never waits for the lock: a tenth of a second is plenty
	[ $((t1 - t0)) -le $((5 + SLACK)) ] || bad "-S took $((t1 - t0)) tenths during a run"
	want Client.1.Status "$2"
	want Client.1.Hostname.1.Status Updating
	t2json
	# the provider goes: the run fails now, not at its deadline
	stopprovider
	wait $bg
	t2s
	want Client.1.Status Error
	want Client.1.Hostname.1.Status UpdateNeeded
}
t_t2_phases() {
	wrapped "timing"
	[ -n "$SKIP" ] && return
	t2phase hsstall Connecting
	t2phase stall Authenticating
}
case_ "tr181 2: a concurrent -S during a run: Connecting in the handshake, Authenticating after the request; never blocks" t_t2_phases

t_t2_unique() {
	provider
	for dup in "$D2.Client.2.Alias = home\n$D2.Client.2.Hostname.1.Name = $N2:14: Alias home: $D2.Client.1's already (line 8)" \
	    "$D2.Client.2.Server = $D2.Server.1\n$D2.Client.2.Username = bob\n$D2.Client.2.Hostname.1.Name = $N2:15: Username bob with Server $D2.Server.1: Client.1's already (line 10)" \
	    "$D2.Client.1.Hostname.2.Name = HOME.example.org:14: Hostname.2.Name HOME.example.org: Hostname.1's already (line 13)" \
	    "$D2.Server.2.Name = local provider:14: Name local provider: $D2.Server.1's already (line 1)" \
	    "$D2.Server.2.Alias = local:14: Alias local: $D2.Server.1's already (line 2)" \
	    "$D2.Client.2.Alias = 2home:14: Alias: a letter, then letters" \
	    "$D2.Client.2.Alias = cpe-client-2:14: Alias: \"cpe-\" begins the values the agent assigns" \
	    "$D2.Server.2.Name = $(printf '%065d' 0):14: Name: at most 64 characters"; do
		t2conf "${dup%%:*}\n"
		t2run
		status 64
		errhas "ddnsup: $CF:${dup#*:}"
		nothingsent
		t2s
		status 64
		noout
	done
	# TR-181's Hostname table is unbounded; ddnsup's 20 per Client is a
	# deviation (one request's worth, a fixed state)
	extra=
	for i in $(seq 2 21); do extra="$extra$D2.Client.1.Hostname.$i.Name = h$i.example.org\n"; done
	t2conf "$extra"
	t2run
	status 64
	err "ddnsup: $CF:33: more than 20 Hostname entries"
	nothingsent
}
case_ "tr181 2: TR-181's unique keys, Alias rules and the 20-Hostname limit: file:line, nothing sent" t_t2_unique

t_t2_ifmap() {
	netns "dd25-$$" || return
	inns ip addr add 203.0.113.5/24 dev wan0
	t2fresh
	PROVWRAP="ip netns exec $NETNS" provider -n 5
	conf "$D2.Server.1.ServerAddress = 127.0.0.1\n$D2.Server.1.ServerPort = $PORT\n\
$D2.Server.1.Protocol = HTTP\n$D2.Client.1.Server = $D2.Server.1\n\
$D2.Client.1.Interface = Device.IP.Interface.3.\n\
$D2.Client.1.X_DDNSUP_InterfaceMap = Device.IP.Interface.1=lo,Device.IP.Interface.3=wan0\n\
$D2.Client.1.Username = bob\n$D2.Client.1.Password = $SECRET\n$D2.Client.1.Hostname.1.Name = $N\n"
	inns $RUN -f "$CF" -c "$T2/st" >"$W/out" 2>"$W/err"
	STATUS=$?
	status 0
	req "$(q $N 203.0.113.5)" "127.0.0.1:$PORT"
	inns $RUN -S -f "$CF" -c "$T2/st" >"$W/out" 2>"$W/err"
	STATUS=$?
	status 0
	# the agent reads back the reference it wrote, and the name it maps to
	want Client.1.Interface Device.IP.Interface.3.
	want Client.1.X_DDNSUP_InterfaceName wan0
	want Client.1.Hostname.1.Status Registered
	want Client.1.Hostname.1.X_DDNSUP_Address 203.0.113.5
	# -o InterfaceMap replaces the file's: no mapping, a usage error
	inns $RUN -f "$CF" -c "$T2/st" -F -o InterfaceMap=Device.IP.Interface.1=lo >"$W/out" 2>"$W/err"
	STATUS=$?
	status 64
	errhas "$CF:5: Interface: Device.IP.Interface.3 is not in InterfaceMap"
	nrequests 1
	ip netns del "$NETNS"
	NETNS=
	for m in "Device.IP.Interface.3:not in InterfaceMap" \
	    "Device.IP.Interface.0:a reference must be Device.IP.Interface.{i}" \
	    "Device.Ethernet.Interface.1:a reference must be Device.IP.Interface.{i}"; do
		conf "$D2.Server.1.ServerAddress = 127.0.0.1\n$D2.Client.1.Server = $D2.Server.1\n\
$D2.Client.1.Interface = ${m%%:*}\n$D2.Client.1.Username = bob\n$D2.Client.1.Hostname.1.Name = $N\n"
		t2run
		status 64
		errhas "$CF:3: Interface: "
		errhas "${m#*:}"
	done
	conf "$D2.Client.1.Interface = Device.IP.Interface.1\n$D2.Client.1.X_DDNSUP_InterfaceMap = eth0\n\
$D2.Client.1.Username = bob\n$D2.Client.1.Hostname.1.Name = $N\n"
	t2run
	status 64
	errhas "$CF:2: InterfaceMap: expected Device.IP.Interface.{i}=name"
}
case_ "tr181 2: Interface = Device.IP.Interface.{i} through InterfaceMap; -S prints the reference back" t_t2_ifmap

t_t2_escape() {
	t2fresh
	provider
	# a quote, a backslash, a tab, UTF-8 and a byte that is not UTF-8
	conf "$D2.Server.1.Name = say \"hi\" \\\\ back\there é \377!\n\
$D2.Server.1.ServerAddress = 127.0.0.1\n$D2.Client.1.Server = $D2.Server.1\n\
$D2.Client.1.Username = bob\n$D2.Client.1.Hostname.1.Name = $N\n"
	$RUN -S -f "$CF" -c "$T2/st" -o StatusFormat=json >"$W/json" 2>"$W/err"
	STATUS=$?
	status 0
	got=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1], encoding="utf-8"))["Device.DynamicDNS.Server.1.Name"])' "$W/json" 2>&1)
	[ "$got" = "$(printf 'say "hi" \\ back\there é \357\277\275!')" ] || bad "Name decoded as: $got"
	jq -e '."Device.DynamicDNS.Server.1.Alias" == "cpe-server-1"' "$W/json" >/dev/null || bad "jq: no cpe-server-1"
	ddnsup -S -o StatusFormat=yaml -f "$CF"
	status 64
	errhas "-o StatusFormat=yaml: json or text"
	ddnsup -o StatusFormat=json -f "$CF"
	status 64
	errhas "-o StatusFormat: applies to -S only"
	nothingsent
}
case_ "tr181 2: JSON strings escaped (quote, backslash, tab, a byte not UTF-8 as U+FFFD); StatusFormat checked" t_t2_escape

t_t2_tzo() {
	t2fresh
	conf "$D2.Server.1.X_DDNSUP_DdnsProtocol = tzo\n$D2.Server.1.RetryInterval = 60\n\
$D2.Client.1.Server = $D2.Server.1\n$D2.Client.1.Username = $MAIL\n\
$D2.Client.1.Hostname.1.Name = $N\n"
	t2s
	status 0
	want Server.1.ServerAddress ClusterLookup1.tzo.com
	want Server.1.ServerPort 21340
	want Server.1.SupportedProtocols X_DDNSUP_TZO
	want Server.1.Protocol X_DDNSUP_TZO
	want Server.1.RetryInterval 60
	want Server.1.X_DDNSUP_DdnsProtocol tzo
	want Client.1.Alias cpe-client-1
	t2json
}
case_ "tr181 2: a TZO Server: Protocol X_DDNSUP_TZO, X_DDNSUP_DdnsProtocol tzo" t_t2_tzo

t_t2_rpcd() {
	t2fresh
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 10
	t2conf
	t2run
	status 0
	plug="env DDNSUP=$RUN DDNSUP_CONF=$CF DDNSUP_STATE=$T2/st sh $TOP/contrib/rpcd-ddnsup"
	$plug list >"$W/list"
	jq -e '.status.instance == "str"' "$W/list" >/dev/null || bad "list: $(cat "$W/list")"
	echo '{}' | $plug call status >"$W/json"
	$RUN -S -f "$CF" -c "$T2/st" -o StatusFormat=json >"$W/want"
	cmp -s "$W/want" "$W/json" || bad "call status differs from -S's JSON"
	jq -e '."Device.DynamicDNS.Client.1.Hostname.1.Status" == "Registered"' "$W/json" >/dev/null ||
	    bad "call status: $(head -c 300 "$W/json")"
	echo '{"instance": "home"}' | $plug call status >"$W/json"
	jq -e '."Device.DynamicDNS.ClientNumberOfEntries" == "1"' "$W/json" >/dev/null || bad "instance home"
	echo '{"instance": "nosuch"}' | $plug call status >"$W/json"
	jq -e '."Device.DynamicDNS.ClientNumberOfEntries" == "0"' "$W/json" >/dev/null || bad "instance nosuch: $(cat "$W/json")"
	DDNSUP_CONF=$W/nosuch $plug call status </dev/null >"$W/json"
	echo '{}' | env DDNSUP=$RUN DDNSUP_CONF=$W/nosuch sh "$TOP/contrib/rpcd-ddnsup" call status >"$W/json"
	jq -e '.error | test("status 78")' "$W/json" >/dev/null || bad "no file: $(cat "$W/json")"
	nrequests 1
}
case_ "tr181 2: contrib/rpcd-ddnsup: list, call status (all, one instance), an error as JSON" t_t2_rpcd
