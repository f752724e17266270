#!/bin/sh
# Makes the test certificates in test/certs (committed; run again only to
# renew them). Needs openssl. Every certificate is for tests on loopback only.
set -eu
cd "$(dirname "$0")/certs"
rm -rf work && mkdir work
umask 077

cat >work/ca.cnf <<'CNF'
[ca]
default_ca = test
[test]
dir = work
database = work/index
new_certs_dir = work
serial = work/serial
default_md = sha256
policy = any
copy_extensions = none
unique_subject = no
[any]
commonName = supplied
[v3_ca]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[v3_int]
basicConstraints = critical,CA:true,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[v3_nonca]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature,keyCertSign
[v3_leaf]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost
[v3_wrong]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:wrong.example.org
[v3_wild]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:*.localhost
CNF
: >work/index
echo 1000 >work/serial

eckey() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }
rsakey() { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:"$2" -out "$1" 2>/dev/null; }
# sign NAME CN ISSUER EXT [START END]
sign() {
	openssl req -new -key "$1.key" -subj "/CN=$2" -out work/$1.csr
	if [ "$3" = self ]; then
		openssl ca -batch -config work/ca.cnf -selfsign -keyfile "$1.key" \
		    -extensions "$4" -startdate 20240101000000Z -enddate 21240101000000Z \
		    -in work/$1.csr -out "$1.pem" 2>/dev/null
	else
		openssl ca -batch -config work/ca.cnf -cert "$3.pem" -keyfile "$3.key" \
		    -extensions "$4" -startdate "${5:-20240101000000Z}" \
		    -enddate "${6:-21240101000000Z}" -in work/$1.csr -out "$1.pem" 2>/dev/null
	fi
	openssl x509 -in "$1.pem" -out "$1.pem"
}
pin() {
	openssl x509 -in "$1.pem" -pubkey -noout | openssl pkey -pubin -outform der |
	    openssl dgst -sha256 -binary | openssl base64 >"$1.pin"
}

eckey ca.key;      sign ca "ddnsup test root CA" self v3_ca
eckey int.key;     sign int "ddnsup test intermediate CA" ca v3_int
eckey other.key;   sign other "ddnsup other test CA" self v3_ca
eckey ec.key;      sign ec localhost int v3_leaf
rsakey rsa.key 2048; sign rsa localhost int v3_leaf
eckey unknown.key; sign unknown localhost other v3_leaf
eckey expired.key; sign expired localhost int v3_leaf 20200101000000Z 20210101000000Z
eckey notyet.key;  sign notyet localhost int v3_leaf 20900101000000Z 21000101000000Z
eckey wrong.key;   sign wrong wrong.example.org int v3_wrong
eckey wild.key;    sign wild "*.localhost" int v3_wild
rsakey weak.key 1024; sign weak localhost int v3_leaf
eckey nonca.key;   sign nonca "ddnsup test non-CA" int v3_nonca
eckey sub.key;     sign sub localhost nonca v3_leaf

# chains as a server sends them: leaf first, then the intermediates
for c in ec rsa expired notyet wrong wild weak; do cat $c.pem int.pem >$c.chain; done
cat unknown.pem >unknown.chain
cat sub.pem nonca.pem int.pem >sub.chain
for c in ec rsa unknown; do pin $c; done
chmod 644 ./*.key ./*.pem ./*.chain ./*.pin
rm -rf work
