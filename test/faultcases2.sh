# Faults a router meets (issue 22), sourced by test/run.sh: closed
# standard descriptors, passwords in URLs, FIFOs under -S, secrets that
# are not text, a full disk, a state location that is not ours, a clock
# that ran ahead, orphan temporary files, descriptor limits. Each case
# asserts what reached the provider, the output, the exit status and,
# where there is one, the state file afterwards.

# --- standard descriptors ----------------------------------------------

t_stderrclosed() {
	wrapped "the wrapper's own descriptors" && return
	provider
	$RUN -v -a 203.0.113.7 -s "http://127.0.0.1:$PORT" -u bob $N \
	    >"$W/out" 2>&-
	STATUS=$?
	status 0
	out "$N updated 203.0.113.7 good"
	req "$(q $N 203.0.113.7)" "127.0.0.1:$PORT"
}
case_ "fault2: stderr closed: -v lines never reach the request" t_stderrclosed

t_allclosed() {
	wrapped "the wrapper's own descriptors" && return
	provider
	rm -rf "$W/state"
	$RUN -v -a 203.0.113.7 -s "http://127.0.0.1:$PORT" -u bob -c "$S" $N \
	    <&- >&- 2>&-
	STATUS=$?
	status 0
	req "$(q $N 203.0.113.7)" "127.0.0.1:$PORT"
	grep -q "^name $N 4 203.0.113.7 " "$S" || bad "no record in the state file"
	rm -rf "$W/state"
}
case_ "fault2: stdin, stdout and stderr closed: the run still works" t_allclosed

# --- a password in a URL ------------------------------------------------

# userinfo OPTIONS...: refused (64), nothing sent, the password and the
# user nowhere in the output
userinfo() {
	provider
	ddnsup -a 203.0.113.7 -u bob "$@" $N
	status 64
	noout
	errhas "a user name or password in a URL (user:password@) is refused"
	grep -e hunter2 -e alice "$W/err" >/dev/null && bad "the URL's userinfo is echoed"
	nothingsent
}
t_userinfo_s() { userinfo -s "http://alice:hunter2@127.0.0.1:$PORT"; }
case_ "fault2: -s URL with user:password@ refused, never echoed" t_userinfo_s
t_userinfo_w() { userinfo -s "http://127.0.0.1:$PORT" -w "http://alice:hunter2@127.0.0.1:$PORT/"; }
case_ "fault2: -w URL with user:password@ refused, never echoed" t_userinfo_w
t_userinfo_noscheme() { userinfo -s "alice:hunter2@localhost:$PORT"; }
case_ "fault2: -s host with user:password@ and no scheme refused" t_userinfo_noscheme

t_userinfo_conf() {
	provider
	printf 'Username = bob\nProviderFQDN = alice:hunter2@localhost\nDomainName1 = %s\n' \
	    $N >"$W/f22.conf"
	chmod 600 "$W/f22.conf"
	ddnsup -f "$W/f22.conf"
	status 64
	err "ddnsup: $W/f22.conf:2: ProviderFQDN: a user name or password in a URL (user:password@) is refused"
	ddnsup -S -f "$W/f22.conf"
	status 0
	grep -e hunter2 -e alice "$W/out" "$W/err" >/dev/null && bad "-S echoes the URL's userinfo"
	nothingsent
}
case_ "fault2: the file's ProviderFQDN with user:password@ never echoed (-S too)" t_userinfo_conf

t_userinfo_path() {
	# an @ in the path is no userinfo
	provider
	ddnsup -a 203.0.113.7 -s "http://127.0.0.1:$PORT/nic/a:b@c" -u bob $N
	status 0
	req "/nic/a:b@c?hostname=$N&myip=203.0.113.7&wildcard=NOCHG&mx=NOCHG&backmx=NOCHG" "127.0.0.1:$PORT"
}
case_ "fault2: an @ in the URL's path is not userinfo" t_userinfo_path

# --- -S never blocks ---------------------------------------------------

# (timeout: a ddnsup that blocks must fail the case, not hang the suite)
sfifo_() { timeout 5 $RUN "$@" >"$W/out" 2>"$W/err"; STATUS=$?; }

# sfifo WHICH: a FIFO as the state file (""), or its lock (".lock"): -S
# reports the client misconfigured at once, and writes nothing
sfifo() {
	rm -rf "$W/state"
	mkdir -p "$W/state"
	mkfifo "$S$1"
	within 1 sfifo_ -S -c "$S" $N
	status 0
	err "ddnsup: $S$1: a FIFO, not a regular file: unusable"
	grep -qx "Device.DynamicDNS.Client.1.Status = Error_Misconfigured" "$W/out" ||
	    bad "-S does not report the client misconfigured"
	grep -qx "Device.DynamicDNS.Client.1.LastError = MISCONFIGURATION_ERROR" "$W/out" ||
	    bad "-S does not report MISCONFIGURATION_ERROR"
	[ -p "$S$1" ] || bad "the FIFO was replaced"
	[ "$(ls "$W/state" | wc -l)" = 1 ] || bad "-S created a file: $(ls "$W/state")"
	rm -rf "$W/state"
}
t_sfifo() { sfifo ""; }
case_ "fault2: -S with a FIFO as the state file reports it, never blocks" t_sfifo
t_sfifolock() { sfifo .lock; }
case_ "fault2: -S with a FIFO as the state lock reports it, never blocks" t_sfifolock

# --- secrets are text --------------------------------------------------

t_secretnul() {
	provider
	rm -rf "$W/state"
	head -c 100 /dev/zero >"$W/pw"
	chmod 600 "$W/pw"
	ddnsup -p "$W/pw" -a 203.0.113.7 -s "http://127.0.0.1:$PORT" -u bob -c "$S" $N
	status 78
	out "$N failed - config"
	errhas "ddnsup: -p $W/pw: the secret holds a NUL byte: refused"
	nothingsent
	[ ! -e "$S" ] || bad "a state file was written"
}
case_ "fault2: a -p file of NUL bytes refused (78), nothing sent" t_secretnul

t_secretctl() {
	provider
	printf 'hunter\0332\n' >"$W/pw"
	chmod 600 "$W/pw"
	ddnsup -p "$W/pw" -a 203.0.113.7 -s "http://127.0.0.1:$PORT" -u bob $N
	status 78
	out "$N failed - config"
	errhas "ddnsup: -p $W/pw: the secret holds a control character: refused"
	grep hunter "$W/err" >/dev/null && bad "the secret is echoed"
	printf 'hunter\0332\n' | ddnsup -p - -a 203.0.113.7 -s "http://127.0.0.1:$PORT" -u bob $N
	status 78
	errhas "ddnsup: -p (standard input): the secret holds a control character: refused"
	withenv DDNSUP_PASSWORD="$(printf 'hunter\0012')" -a 203.0.113.7 \
	    -s "http://127.0.0.1:$PORT" -u bob $N
	status 78
	out "$N failed - config"
	errhas "ddnsup: DDNSUP_PASSWORD: the secret holds a control character: refused"
	nothingsent
}
case_ "fault2: a secret with a control character refused (-p, -p -, environment)" t_secretctl

t_secrettab() {
	# a tab is text, as in the configuration file
	provider
	printf 'a\tb\n' >"$W/pw"
	chmod 600 "$W/pw"
	ddnsup -p "$W/pw" -a 203.0.113.7 -s "http://127.0.0.1:$PORT" -u bob $N
	status 0
	grep -q "^Authorization: Basic $(printf 'bob:a\tb' | base64)" "$W/rec" ||
	    bad "the secret with a tab was not sent as it is"
}
case_ "fault2: a secret with a tab is sent" t_secrettab

# --- limits name themselves --------------------------------------------

t_emfile() {
	wrapped "the wrapper needs descriptors of its own" && return
	provider
	rm -rf "$W/state"
	mkdir -p "$W/state"
	# four descriptors: 0, 1, 2 and one more (the state's lock)
	(ulimit -n 4 && exec $RUN -a 203.0.113.7 -s "http://127.0.0.1:$PORT" \
	    -u bob -c "$S" $N) >"$W/out" 2>"$W/err"
	STATUS=$?
	status 78
	out "$N failed - config"
	errhas "Too many open files"
	grep -q "Permission denied" "$W/err" && bad "EMFILE said as Permission denied"
	nothingsent
	[ ! -e "$S" ] || bad "a state file was written"
}
case_ "fault2: at ulimit -n 4 the message says Too many open files" t_emfile

# --- LIMITS in the manual ------------------------------------------------

# the manual's LIMITS rows are the compiled-in bounds, and the binary
# refuses one more than each names
t_limits() {
	sed -n '/^\.Sh LIMITS/,/^\.Sh /p' "$TOP/ddnsup.1" >"$W/limits"
	def() { cat "$TOP"/*.h | sed -n "s/^#define $1[^0-9]*\([0-9]*\).*/\1/p"; }
	for row in "$(def MAXINST) Ta instances" "$(def MAXNAMES) Ta host names" \
	    "$(def MAXPINS) Ta pins" "$(($(def MAXSECRET) - 1)) bytes Ta the secret" \
	    "$(def CONFMAX) bytes Ta the configuration file" \
	    "$(def REPLYMAX) bytes Ta a reply"; do
		grep -q "^\.It $row" "$W/limits" || bad "LIMITS lacks \"$row\""
	done
	provider
	: >"$W/f22.conf"
	i=1
	while [ $i -le $(($(def MAXINST) + 1)) ]; do
		printf 'InternetGatewayDevice.DynamicDNS.%d.DomainName1 = h%d.example.org\n' \
		    $i $i >>"$W/f22.conf"
		i=$((i + 1))
	done
	chmod 600 "$W/f22.conf"
	ddnsup -f "$W/f22.conf"
	status 64
	errhas "more than $(def MAXINST) instances"
	set --
	i=0
	while [ $i -le "$(def MAXNAMES)" ]; do set -- "$@" "h$i.example.org"; i=$((i + 1)); done
	ddnsup -a 203.0.113.7 -s "http://127.0.0.1:$PORT" -u bob "$@"
	status 64
	errhas "at most $(def MAXNAMES) per run"
	nothingsent
}
case_ "fault2: the manual's LIMITS are the compiled-in bounds" t_limits
