#!/bin/sh
# The file-level call graph, read from the objects with nm: fails on a
# cycle, on an edge the layering below does not allow, on a BearSSL call
# outside the TLS files, on a socket call in a protocol file, on exit()
# outside main, and on a Makefile header list that differs from the
# file's #include lines. Usage: sh test/deps.sh OBJECT...
# The allowed edges are HACKING's layering, one line per file: adding
# an edge is a design decision, made here and in HACKING together.
allowed='
ddnsup: cli conf job prepare presets proto rest result run sandbox status util
sandbox: util
status: conf hold ifaddr job jsonout prepare presets result state util
run: cert checkip hold ifaddr net progress result state util
prepare: cert ifaddr result state util
job: cert checkip conf custom dyndns http presets proto rest rfc2136 tsig tzo util value
cli: cert checkip conf custom http presets rest util value
value: conf http util
conf: util
proto: dyndns rest rfc2136 tzo
rest: dyndns http json net result util
json:
dyndns: custom http net presets result util
custom: http util
tzo: net result util
rfc2136: dns hash net result tsig util
tsig: dns util
dns:
checkip: http net util
hold: hash state util
state: hash progress statedir util
statedir: util
http: net tls util
tls: hash net util x509
x509: cert chain util
cert: chain util
chain:
net: ifaddr util
ifaddr: util
hash: util
jsonout:
presets:
progress:
result: util
util:
'
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
[ $# -gt 0 ] || { echo "usage: sh test/deps.sh OBJECT..."; exit 64; }
w=$(mktemp -d "${TMPDIR:-/tmp}/ddnsup-deps.XXXXXX")
trap 'rm -rf "$w"' EXIT
bad=0
for o in "$@"; do
	f=${o%.o}
	nm --defined-only "$o" | awk -v f="$f" '$2 ~ /[TDBRC]/ {print $3, f}'
done | sort >"$w/defs"
for o in "$@"; do
	nm -u "$o" | awk -v f="${o%.o}" '{print $2, f}'
done | sort >"$w/uses"
join "$w/uses" "$w/defs" | awk '$2 != $3 {print $2, $3}' | sort -u >"$w/edges"
# a cycle: tsort says so
if ! tsort "$w/edges" >/dev/null 2>"$w/tsort"; then
	echo "deps: a cycle between files:"; cat "$w/tsort"; bad=1
fi
while read -r from to; do
	line=$(printf '%s\n' "$allowed" | sed -n "s/^$from://p")
	case " $line " in
	*" $to "*) ;;
	*) echo "deps: $from.c calls $to.c, which the layering does not allow" \
	    "($(join "$w/uses" "$w/defs" | awk -v a="$from" -v b="$to" \
	    '$2 == a && $3 == b {printf "%s ", $1}'))"; bad=1 ;;
	esac
done <"$w/edges"
for o in "$@"; do
	f=${o%.o}
	case $f in
	tls|cert|x509|hash|tsig) ;;
	*) if nm -u "$o" | grep -q ' br_'; then
		echo "deps: $f.c calls BearSSL (only tls.c, cert.c, x509.c, hash.c, tsig.c may)"
		bad=1
	   fi ;;
	esac
	case $f in
	dyndns|tzo|checkip|rfc2136|rest)
		if nm -u "$o" | grep -Eq ' (socket|connect|send|sendto|recv|recvfrom|poll)$'; then
			echo "deps: $f.c uses sockets (protocols talk to struct conn)"
			bad=1
		fi ;;
	esac
	if [ "$f" != ddnsup ] && nm -u "$o" | grep -q ' exit$'; then
		echo "deps: $f.c calls exit (only main decides the status)"; bad=1
	fi
	# the Makefile's header list for the object, as its #include lines say
	want=$(sed -n 's/^#include "\([a-z0-9]*\.h\)"$/\1/p' "$f.c" | tr '\n' ' ')
	have=$(sed -n "s/^$f\.o: $f\.c //p" Makefile)
	if [ "$(echo $want)" != "$(echo $have)" ]; then
		echo "deps: Makefile lists '$have' for $f.o, $f.c includes '$want'"
		bad=1
	fi
done
[ $bad -eq 0 ] && echo "deps: $(wc -l <"$w/edges") edges between $# files, no cycle"
exit $bad
