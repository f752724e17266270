#!/bin/sh
# Makes the test certificates in test/certs (committed; run again only to
# renew them). Needs openssl. Every certificate is for tests on loopback only.
# "mkcerts.sh tls DIR" makes the chain-policy set of test/tlscases.sh in DIR
# instead, at test time, under the committed test root CA.
set -eu
if [ "${1:-}" = tls ]; then
	certs=$(cd "$(dirname "$0")/certs" && pwd)
	mkdir -p "$2"
	cd "$2"
	cp "$certs/ca.pem" "$certs/ca.key" "$certs/int.pem" "$certs/int.key" .
else
	cd "$(dirname "$0")/certs"
fi
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
# sign NAME CN ISSUER EXT [START END]   ($MD: the signature's hash)
sign() {
	openssl req -new -key "$1.key" -subj "/CN=$2" -out work/$1.csr
	if [ "$3" = self ]; then
		openssl ca -batch -config work/ca.cnf -selfsign -keyfile "$1.key" \
		    -extensions "$4" -startdate "${5:-20240101000000Z}" \
		    -enddate "${6:-21240101000000Z}" -md "${MD:-sha256}" \
		    -in work/$1.csr -out "$1.pem" 2>/dev/null
	else
		openssl ca -batch -config work/ca.cnf -cert "$3.pem" -keyfile "$3.key" \
		    -extensions "$4" -startdate "${5:-20240101000000Z}" \
		    -enddate "${6:-21240101000000Z}" -md "${MD:-sha256}" \
		    -in work/$1.csr -out "$1.pem" 2>/dev/null
	fi
	openssl x509 -in "$1.pem" -out "$1.pem"
}
# resign NAME ISSUER: NAME.pem's TBS says ecdsa-with-SHA384, signed again
# by ISSUER with SHA-256, the outer algorithm kept (DER lengths of 2 bytes)
resign() {
	openssl x509 -in "$1.pem" -outform der -out work/$1.der
	perl -e 'local $/; $_ = <STDIN>; $t = substr($_, 4, 4 + unpack("n", substr($_, 6, 2)));
	    $t =~ s/\x2a\x86\x48\xce\x3d\x04\x03\x02/\x2a\x86\x48\xce\x3d\x04\x03\x03/ or die;
	    print $t' <work/$1.der >work/$1.tbs
	openssl dgst -sha256 -sign "$2.key" -out work/$1.sig work/$1.tbs
	perl -e 'local $/; open T, "<", $ARGV[0]; $t = <T>; open S, "<", $ARGV[1]; $s = <S>;
	    $b = $t . "\x30\x0a\x06\x08\x2a\x86\x48\xce\x3d\x04\x03\x02" .
	    "\x03" . pack("C", length($s) + 1) . "\0" . $s;
	    print "\x30\x82" . pack("n", length($b)) . $b' work/$1.tbs work/$1.sig >work/$1.new
	openssl x509 -inform der -in work/$1.new -out "$1.pem"
}
pin() {
	openssl x509 -in "$1.pem" -pubkey -noout | openssl pkey -pubin -outform der |
	    openssl dgst -sha256 -binary | openssl base64 >"$1.pin"
}

if [ "${1:-}" = tls ]; then
	cat >>work/ca.cnf <<'CNF'
[v3_ca2]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
[v3_client]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = clientAuth
subjectAltName = DNS:localhost
[v3_ekucrit]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = critical,serverAuth
subjectAltName = DNS:localhost
[v3_ip]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature
subjectAltName = IP:127.0.0.1
[v3_big]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature
subjectAltName = @big
[nc_permit]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
nameConstraints = critical,permitted;DNS:localhost
[nc_permitother]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
nameConstraints = critical,permitted;DNS:example.org
[nc_exclude]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
nameConstraints = excluded;DNS:localhost
[nc_excludecrit]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
nameConstraints = critical,excluded;DNS:localhost
[nc_ip]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
nameConstraints = critical,permitted;IP:127.0.0.0/255.0.0.0
[nc_ipexclude]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
nameConstraints = excluded;IP:127.0.0.1/255.255.255.255
[nc_v6]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
nameConstraints = critical,permitted;IP:2001:db8::/ffff:ffff::
[nc_unk]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
nameConstraints = critical,permitted;DNS:localhost
1.3.6.1.4.1.55555.1 = critical,DER:0500
[root_pl0]
basicConstraints = critical,CA:true,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
[root_nc]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
nameConstraints = critical,excluded;DNS:localhost
[v3_ekuunk]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = critical,serverAuth
subjectAltName = DNS:localhost
1.3.6.1.4.1.55555.1 = critical,DER:0500
[v3_anyeku]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = critical,anyExtendedKeyUsage
subjectAltName = DNS:localhost
[v3_iponly]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1
[v3_iponlycrit]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = critical,serverAuth
subjectAltName = IP:127.0.0.1
CNF
	# a leaf over 16 KB: 700 alternative names
	{
		echo '[big]'
		echo 'DNS.1 = localhost'
		i=2
		while [ $i -le 700 ]; do
			echo "DNS.$i = name-$i.many-names.example.org"
			i=$((i + 1))
		done
	} >>work/ca.cnf
	: >work/index
	echo 2000 >work/serial
	eckey sha1.key;    MD=sha1 sign sha1 localhost int v3_leaf
	rsakey md5int.key 2048; sign md5int "ddnsup RSA intermediate" ca v3_ca2
	eckey md5.key;     MD=md5 sign md5 localhost md5int v3_leaf 2>/dev/null || :
	eckey s1int.key;   MD=sha1 sign s1int "ddnsup SHA-1 intermediate" ca v3_ca2
	eckey s1leaf.key;  sign s1leaf localhost s1int v3_leaf
	eckey client.key;  sign client localhost int v3_client
	eckey ekucrit.key; sign ekucrit localhost int v3_ekucrit
	eckey big.key;     sign big localhost int v3_big
	eckey int1.key;    sign int1 "ddnsup first intermediate" ca v3_ca2
	eckey int2.key;    sign int2 "ddnsup second intermediate" int1 v3_ca2
	eckey deep.key;    sign deep localhost int2 v3_leaf
	eckey long.key;    sign long "ddnsup intermediate under pathlen 0" int v3_ca2
	eckey toolong.key; sign toolong localhost long v3_leaf
	for n in permit permitother exclude excludecrit ip ipexclude; do
		eckey nc$n.key
		sign nc$n "ddnsup constrained CA $n" ca nc_$n
	done
	for n in permit permitother exclude excludecrit; do
		eckey ncl$n.key; sign ncl$n localhost nc$n v3_leaf
		cat ncl$n.pem nc$n.pem >ncl$n.chain
	done
	# constrained, under another intermediate: sent in both orders
	eckey ncdeep.key;  sign ncdeep "ddnsup constrained CA deep" int1 nc_permit
	eckey ncldeep.key; sign ncldeep localhost ncdeep v3_leaf
	cat ncldeep.pem ncdeep.pem int1.pem >ncldeep.chain
	cat ncldeep.pem int1.pem ncdeep.pem >ncldeeprev.chain
	eckey ncdeepx.key; sign ncdeepx "ddnsup constrained CA deep 2" int1 nc_excludecrit
	eckey ncldeepx.key; sign ncldeepx localhost ncdeepx v3_leaf
	cat ncldeepx.pem ncdeepx.pem int1.pem >ncldeepx.chain
	# constrained CAs verified by ddnsup itself: a forged one (its
	# issuer's name, another key) and an expired one
	eckey fakeca.key;  sign fakeca "ddnsup test root CA" self v3_ca
	eckey ncfake.key;  sign ncfake "ddnsup constrained CA fake" fakeca nc_permit
	eckey nclfake.key; sign nclfake localhost ncfake v3_leaf
	cat nclfake.pem ncfake.pem >nclfake.chain
	eckey ekufake.key; sign ekufake localhost fakeca v3_ekucrit
	cp ekufake.pem ekufake.chain
	eckey ncold.key;   sign ncold "ddnsup constrained CA old" ca nc_permit 20200101000000Z 20210101000000Z
	eckey nclold.key;  sign nclold localhost ncold v3_leaf
	cat nclold.pem ncold.pem >nclold.chain
	for n in ip ipexclude; do
		eckey ncl$n.key; sign ncl$n 127.0.0.1 nc$n v3_ip
		cat ncl$n.pem nc$n.pem >ncl$n.chain
	done
	# unknown critical extensions where ddnsup verifies: leaf, CA
	eckey ekuunk.key;  sign ekuunk localhost int v3_ekuunk
	eckey ncunk.key;   sign ncunk "ddnsup constrained CA unknown" ca nc_unk
	eckey nclunk.key;  sign nclunk localhost ncunk v3_leaf
	eckey anyeku.key;  sign anyeku localhost int v3_anyeku
	# a SAN with an address only, CN=localhost: both paths
	eckey iponly.key;  sign iponly localhost int v3_iponly
	eckey iponlyc.key; sign iponlyc localhost int v3_iponlycrit
	# the TBS names ecdsa-with-SHA384, the outer SHA-256: both paths
	eckey algx.key;    sign algx localhost int v3_ekucrit; resign algx int
	eckey algy.key;    sign algy localhost int v3_leaf; resign algy int
	# an expired root named like ca.pem (another key) and its leaf
	eckey caexp.key;   sign caexp "ddnsup test root CA" self v3_ca 20200101000000Z 20210101000000Z
	eckey expleaf.key; sign expleaf localhost caexp v3_leaf
	cat caexp.pem "$certs/ca.pem" >expandcur.pem
	# fakeca.pem (ca.pem's name, another key) before ca.pem
	cat fakeca.pem "$certs/ca.pem" >twoanchors.pem
	# which same-named anchor signed, as BearSSL's engine found it: ca.pem
	# before the expired one; an RSA root after an expired EC one
	cat "$certs/ca.pem" caexp.pem >expsecond.pem
	rsakey rsaroot.key 2048; sign rsaroot "ddnsup RSA root" self v3_ca
	eckey rsaold.key;  sign rsaold "ddnsup RSA root" self v3_ca 20200101000000Z 20210101000000Z
	eckey rsaleaf.key; sign rsaleaf localhost rsaroot v3_leaf
	cp rsaleaf.pem rsaleaf.chain
	cat rsaold.pem rsaroot.pem >rsaanchors.pem
	# a CA permitting IPv6 only, its IPv4 leaf
	eckey ncv6.key;    sign ncv6 "ddnsup constrained CA v6" ca nc_v6
	eckey nclv6.key;   sign nclv6 127.0.0.1 ncv6 v3_ip
	for c in ekuunk anyeku iponly iponlyc algx algy; do cat $c.pem int.pem >$c.chain; done
	cp expleaf.pem expleaf.chain
	for c in nclunk nclv6; do cat $c.pem nc${c#ncl}.pem >$c.chain; done
	pin nclv6
	# a root with a 1024-bit RSA key, its leaf
	rsakey weakca.key 1024; sign weakca "ddnsup weak root" self v3_ca
	eckey weakleaf.key; sign weakleaf localhost weakca v3_leaf
	cp weakleaf.pem weakleaf.chain
	# roots with their own limits: path length 0 above an intermediate,
	# name constraints excluding localhost
	eckey pl0.key;     sign pl0 "ddnsup root pathlen 0" self root_pl0
	eckey pl0int.key;  sign pl0int "ddnsup under pathlen 0" pl0 v3_ca2
	eckey pl0leaf.key; sign pl0leaf localhost pl0int v3_leaf
	cat pl0leaf.pem pl0int.pem >pl0leaf.chain
	eckey pl0direct.key; sign pl0direct localhost pl0 v3_leaf
	cp pl0direct.pem pl0direct.chain
	eckey rootnc.key;  sign rootnc "ddnsup constrained root" self root_nc
	eckey rootncl.key; sign rootncl localhost rootnc v3_leaf
	cp rootncl.pem rootncl.chain
	# an anchor past its date, its intermediate and leaf still valid
	eckey old.key;     sign old "ddnsup expired root" self v3_ca 20200101000000Z 20210101000000Z
	eckey oldint.key;  sign oldint "ddnsup under the expired root" old v3_ca2
	eckey oldleaf.key; sign oldleaf localhost oldint v3_leaf
	cat sha1.pem int.pem >sha1.chain
	cat s1leaf.pem s1int.pem >s1leaf.chain
	cat client.pem int.pem >client.chain
	cat ekucrit.pem int.pem >ekucrit.chain
	cat big.pem int.pem >big.chain
	cat deep.pem int2.pem int1.pem >deep.chain
	cat deep.pem int1.pem int2.pem >reversed.chain
	cat deep.pem ca.pem int1.pem int2.pem >rootfirst.chain
	cat toolong.pem long.pem int.pem >toolong.chain
	cat oldleaf.pem oldint.pem >oldleaf.chain
	[ -f md5.pem ] && cat md5.pem md5int.pem >md5.chain
	pin big
	pin nclip
	pin nclipexclude
	rm -rf work
	exit 0
fi

eckey ca.key;      sign ca "ddnsup test root CA" self v3_ca
eckey int.key;     sign int "ddnsup test intermediate CA" ca v3_int
eckey other.key;   sign other "ddnsup other test CA" self v3_ca
eckey ec.key;      sign ec localhost int v3_leaf
rsakey rsa.key 2048; sign rsa localhost int v3_leaf
eckey unknown.key; sign unknown localhost other v3_leaf
eckey expired.key; sign expired localhost int v3_leaf 20200101000000Z 20210101000000Z
eckey notyet.key;  sign notyet localhost int v3_leaf 20900101000000Z 21000101000000Z
eckey until2030.key; sign until2030 localhost int v3_leaf 20240101000000Z 20300101000000Z
eckey wrong.key;   sign wrong wrong.example.org int v3_wrong
eckey wild.key;    sign wild "*.localhost" int v3_wild
rsakey weak.key 1024; sign weak localhost int v3_leaf
eckey nonca.key;   sign nonca "ddnsup test non-CA" int v3_nonca
eckey sub.key;     sign sub localhost nonca v3_leaf

# chains as a server sends them: leaf first, then the intermediates
for c in ec rsa expired notyet until2030 wrong wild weak; do cat $c.pem int.pem >$c.chain; done
cat unknown.pem >unknown.chain
cat sub.pem nonca.pem int.pem >sub.chain
for c in ec rsa unknown; do pin $c; done
chmod 644 ./*.key ./*.pem ./*.chain ./*.pin
rm -rf work
