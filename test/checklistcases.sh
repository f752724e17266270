# Check-page list cases of test/run.sh, sourced by it: -w given more than
# once and AddressURL listing several, tried in order within the one
# deadline; the state's reuse rule for the list as a whole.

t_clistsecond() {
	qemuerrno && return
	checkpage "Current IP Address: 198.51.100.20"
	reply "200 OK" "good 198.51.100.20\n"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	https -w "http://127.0.0.1:1/" -w "http://127.0.0.1:$CPORT/ip" $N
	status 0
	out "$N updated 198.51.100.20 good"
	# the cause's words are the C library's (qemu-mipsel: "Unknown error 111")
	errhas "connect 127.0.0.1:1: "
	errhas "; trying the next check page"
	req "$(q $N 198.51.100.20)"
	grep -q '^GET /ip HTTP/1.0' "$W/crec" || bad "the second page was not asked"
}
case_ "check list: the first page dead, the second answers" t_clistsecond

t_clistdead() {
	qemuerrno && return
	checkpage "<html>maintenance</html>"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key"
	within 5 https -t 5 -o "AddressURL=http://127.0.0.1:1/,http://127.0.0.1:$CPORT/" $N
	status 75
	out "$N failed - check"
	errhas "no IPv4 address in the page"
	nothingsent
}
case_ "check list: every page dead or useless: 75, nothing sent" t_clistdead

t_clistreuse() {
	qemuerrno && return
	rm -rf "$W/state"
	mkdir -p "$W/state"
	checkpage "Current IP Address: 198.51.100.20"
	reply "200 OK" "good 198.51.100.20\n"
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -n 4
	https -c "$S" -w "http://127.0.0.1:1/" -w "http://127.0.0.1:$CPORT/" $N
	status 0
	https -c "$S" -w "http://127.0.0.1:1/" -w "http://127.0.0.1:$CPORT/" $N
	status 0
	out "$N skipped 198.51.100.20 good"
	[ "$(grep -c '^GET ' "$W/crec")" = 1 ] || bad "the list was fetched again within 10 minutes"
	grep -q "trying the next" "$W/err" && bad "a page was tried on the second run"
	# another list is another check
	https -c "$S" -w "http://127.0.0.1:$CPORT/" $N
	[ "$(grep -c '^GET ' "$W/crec")" = 2 ] || bad "a changed list reused the old check"
	:
}
case_ "check list: one fetch in 10 minutes for the list as a whole" t_clistreuse

case_ "usage: more than three check pages" usage_ "at most 3 check pages" -u bob \
    -w http://a.example.org/ -w http://b.example.org/ -w http://c.example.org/ \
    -w http://d.example.org/ $N
