#!/bin/sh
# make demo: one real HTTPS update against the local test provider.
set -u
T=$(cd "$(dirname "$0")" && pwd)
TOP=$(dirname "$T")
C=$T/certs
W=$(mktemp -d "${TMPDIR:-/tmp}/ddnsup-demo.XXXXXX")
trap 'kill $pid 2>/dev/null; rm -rf "$W"' EXIT

printf 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 18\r\n\r\ngood 203.0.113.7\r\n' >"$W/reply"
"$T/provider" -c "$C/ec.chain" -k "$C/ec.key" -P "$W/port" -r "$W/request" -R "$W/reply" &
pid=$!
while [ ! -s "$W/port" ]; do sleep 0.05; done
port=$(cat "$W/port")
printf 'demo-password\n' >"$W/secret"
chmod 600 "$W/secret"

echo "Test provider: https://localhost:$port (certificate from test/certs/ca.pem)"
echo
pin="sha256//$(cat "$C/ec.pin")"
echo "\$ ddnsup -s https://localhost:$port/nic/update -C test/certs/ca.pem \\"
echo "    -k $pin \\"
echo "    -u demo -p SECRETFILE -a 203.0.113.7 home.example.org"
"$TOP/ddnsup" -s "https://localhost:$port/nic/update" -C "$C/ca.pem" \
    -k "$pin" -u demo -p "$W/secret" -a 203.0.113.7 home.example.org
status=$?
echo "exit status: $status"
echo
echo "The request the provider received:"
sed 's/\r$//; s/^/    /' "$W/request"
kill $pid 2>/dev/null

echo
echo "TZO test provider: three stages on loopback"
rm -f "$W/port"
"$T/tzoprovider" -P "$W/port" -r "$W/lines" &
pid=$!
while [ ! -s "$W/port" ]; do sleep 0.05; done
read -r p1 p2 p3 <"$W/port"
printf 'DemoKey1234\n' >"$W/key"
chmod 600 "$W/key"
echo "\$ ddnsup -P tzo -s 127.0.0.1:$p1 -o ProviderUpdateServerLookupPort=$p2 \\"
echo "    -o UpdateServerPort=$p3 -u demo@example.org -p KEYFILE -a 203.0.113.7 home.example.org"
"$TOP/ddnsup" -P tzo -s "127.0.0.1:$p1" -o "ProviderUpdateServerLookupPort=$p2" \
    -o "UpdateServerPort=$p3" -u demo@example.org -p "$W/key" -a 203.0.113.7 \
    home.example.org
tstatus=$?
echo "exit status: $tstatus"
echo
echo "The lines the TZO provider received (stage: line):"
sed 's/^/    /' "$W/lines"
[ $status -eq 0 ] && [ $tstatus -eq 0 ]
