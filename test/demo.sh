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
exit $status
