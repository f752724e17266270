# TLS against servers written by others: openssl s_server and gnutls-serv
# present the certificates of "mkcerts.sh tls" exactly as given (any
# order, any size); each case asserts the status, the message and whether
# the request (with its Authorization header) reached the server.

# tlscerts: the chain-policy certificates, made once per run in $W/tc
tlscerts() {
	TC=$W/tc
	[ -f "$TC/deep.chain" ] || sh "$T/mkcerts.sh" tls "$TC" >"$W/mkcerts" 2>&1 ||
	    bad "mkcerts.sh tls failed: $(cat "$W/mkcerts")"
}

# listening PORT: wait until a server listens on PORT (at most 5 s)
listening() {
	i=0
	until ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; do
		[ $i -ge 500 ] && { bad "no server on port $1"; return 1; }
		sleep 0.01
		i=$((i + 1))
	done
}

# sserver CHAIN KEY [s_server options]: openssl s_server on 127.0.0.1
# presenting CHAIN's certificates in its order, for one connection. What
# it receives goes to $W/rec; once a whole request is in, it answers with
# $W/reply and closes. Sets PORT; its diagnostics go to $W/sserr.
sserver() {
	chain=$1 key=$2
	shift 2
	rm -f "$W/leaf.pem" "$W/rest.pem"
	awk -v a="$W/leaf.pem" -v b="$W/rest.pem" \
	    '/-----BEGIN/ { n++ } { print > (n == 1 ? a : b) }' "$chain"
	[ -f "$W/rest.pem" ] || : >"$W/rest.pem"
	rm -f "$W/port" "$W/ssin"
	"$PROV" -P "$W/port" -m refuse
	PORT=$(cat "$W/port")
	: >"$W/rec"
	mkfifo "$W/ssin"
	(
		exec 3>"$W/ssin"
		i=0
		until grep -q '^Connection: close' "$W/rec" || [ $i -ge 300 ]; do
			sleep 0.02
			i=$((i + 1))
		done
		cat "$W/reply" >&3
	) &
	CPID_=$!
	set -- -quiet -naccept 1 -accept "127.0.0.1:$PORT" -cert "$W/leaf.pem" \
	    -key "$key" "$@"
	[ -s "$W/rest.pem" ] && set -- "$@" -cert_chain "$W/rest.pem"
	openssl s_server "$@" <"$W/ssin" >"$W/rec" 2>"$W/sserr" &
	PPID_=$!
	listening "$PORT"
}

# the server received the request; or nothing at all
gotreq() { grep -q '^Authorization: Basic' "$W/rec" || bad "the server received no request"; }
noreq() { [ ! -s "$W/rec" ] || { bad "the server received:"; tr -d '\r' <"$W/rec" >>"$W/why"; }; }
# the server saw our fatal alert
sawalert() {
	stopprovider
	grep -q "alert $1" "$W/sserr" || { bad "the server saw no alert $1:"; cat "$W/sserr" >>"$W/why"; }
}

# tlsok CHAIN KEY [ddnsup options]: must update through s_server
tlsok() {
	tlscerts
	sserver "$TC/$1" "$TC/$2"
	shift 2
	ddnsup -C "$CERTS/ca.pem" -s "https://localhost:$PORT" -u bob -t 5 "$@" $N
	status 0
	out "$N updated 203.0.113.7 good"
	gotreq
}
case_ "tls2: chain with two intermediates" tlsok deep.chain deep.key
case_ "tls2: intermediates reversed" tlsok reversed.chain deep.key
case_ "tls2: root sent before the intermediates" tlsok rootfirst.chain deep.key
case_ "tls2: critical name constraints permit the name" tlsok nclpermit.chain nclpermit.key
case_ "tls2: critical EKU serverAuth" tlsok ekucrit.chain ekucrit.key
case_ "tls2: critical name constraints under another intermediate" tlsok ncldeep.chain ncldeep.key
case_ "tls2: the same, intermediates reversed" tlsok ncldeeprev.chain ncldeep.key
t_bigpin() {
	tlscerts
	[ "$(openssl x509 -in "$TC/big.pem" -outform der | wc -c)" -gt 16384 ] ||
	    bad "the big leaf is not over 16 KB"
	tlsok big.chain big.key -k "$(cat "$TC/big.pin")"
}
case_ "tls2: pin of a leaf over 16 KB" t_bigpin

# tlsrefused CHAIN KEY ALERT MESSAGE [ddnsup options]: must refuse,
# saying why, and tell the server with that fatal alert
tlsrefused() {
	tlscerts
	chain=$1 key=$2 alert=$3 msg=$4
	shift 4
	case $chain in /*) ;; *) chain=$TC/$chain key=$TC/$key ;; esac
	sserver "$chain" "$key" -cipher 'DEFAULT:@SECLEVEL=0'
	ddnsup -C "${CAFILE:-$CERTS/ca.pem}" -s "https://${HOST:-localhost}:$PORT" -u bob -t 5 "$@" $N
	status 76
	out "$N failed - certificate"
	err "ddnsup: ${HOST:-localhost}:$PORT: $msg"
	noreq
	nosecret
	sawalert "$alert"
}
case_ "tls2: leaf signed with SHA-1" tlsrefused sha1.chain sha1.key "bad certificate" \
    "the server's certificate is signed with SHA-1, which is refused"
case_ "tls2: leaf signed with MD5" tlsrefused md5.chain md5.key "bad certificate" \
    "the server's certificate is signed with MD5, which is refused"
case_ "tls2: intermediate signed with SHA-1" tlsrefused s1leaf.chain s1leaf.key "bad certificate" \
    "an intermediate CA certificate is signed with SHA-1, which is refused"
case_ "tls2: EKU clientAuth only" tlsrefused client.chain client.key "unsupported certificate" \
    "the server's certificate is not for TLS servers (extended key usage without serverAuth)"
case_ "tls2: name constraints exclude the name (not critical)" tlsrefused nclexclude.chain nclexclude.key \
    "bad certificate" "an intermediate CA's name constraints exclude the server's name"
case_ "tls2: name constraints exclude the name (critical)" tlsrefused nclexcludecrit.chain nclexcludecrit.key \
    "bad certificate" "an intermediate CA's name constraints exclude the server's name"
case_ "tls2: critical exclusion under another intermediate" tlsrefused ncldeepx.chain ncldeepx.key \
    "bad certificate" "an intermediate CA's name constraints exclude the server's name"
case_ "tls2: forged constrained intermediate" tlsrefused nclfake.chain nclfake.key \
    "bad certificate" "bad signature on certificate"
case_ "tls2: forged leaf with a critical EKU" tlsrefused ekufake.chain ekufake.key \
    "bad certificate" "bad signature on certificate"
case_ "tls2: expired constrained intermediate" tlsrefused nclold.chain nclold.key \
    "certificate expired" "certificate expired or not yet valid"
case_ "tls2: name constraints permit only another name" tlsrefused nclpermitother.chain nclpermitother.key \
    "bad certificate" "an intermediate CA's name constraints exclude the server's name"
case_ "tls2: path length constraint exceeded" tlsrefused toolong.chain toolong.key "bad certificate" \
    "the chain is longer than an intermediate CA's path length constraint allows"
case_ "tls2: unknown issuer names the CA file" tlsrefused deep.chain deep.key "unknown ca" \
    "certificate not trusted (unknown issuer): no CA in $CERTS/other.pem issued it; give the issuing CA's certificate with -C" \
    -C "$CERTS/other.pem"
case_ "tls2: expired leaf, alert certificate_expired" tlsrefused "$CERTS/expired.chain" \
    "$CERTS/expired.key" "certificate expired" "certificate expired or not yet valid"
t_ipnc() {
	tlscerts
	HOST=127.0.0.1
	tlsrefused nclipexclude.chain nclipexclude.key "bad certificate" \
	    "an intermediate CA's name constraints exclude the server's name" \
	    -k "$(cat "$TC/nclipexclude.pin")"
	HOST=
	sserver "$TC/nclip.chain" "$TC/nclip.key"
	ddnsup -C "$CERTS/ca.pem" -k "$(cat "$TC/nclip.pin")" -s "https://127.0.0.1:$PORT" -u bob -t 5 $N
	status 0
	gotreq
}
case_ "tls2: iPAddress name constraints, permitted and excluded" t_ipnc
t_oldanchor() {
	tlscerts
	CAFILE=$TC/old.pem
	tlsrefused oldleaf.chain oldleaf.key "certificate expired" \
	    "the trust anchor in $TC/old.pem that issued the chain is expired or not yet valid"
	CAFILE=
}
case_ "tls2: expired trust anchor is refused" t_oldanchor

# hellorefused [s_server options]: a server that cannot speak what ddnsup
# offers refuses the hello: 76, saying what ddnsup needs
hellorefused() {
	sserver "$CERTS/ec.chain" "$CERTS/ec.key" "$@"
	ddnsup -C "$CERTS/ca.pem" -s "https://localhost:$PORT" -u bob -t 5 $N
	status 76
	out "$N failed - tls"
	err "ddnsup: localhost:$PORT: TLS: server sent alert handshake_failure in answer to the TLS 1.2 hello: it may require TLS 1.3, or offer only CBC suites, RSA key exchange, DHE or TLS 1.0/1.1; ddnsup needs TLS 1.2 with ECDHE and AES-GCM or ChaCha20-Poly1305"
	noreq
}
case_ "tls2: server with only CBC suites" hellorefused -no_tls1_3 -cipher ECDHE-ECDSA-AES128-SHA
case_ "tls2: server with only RSA key exchange" hellorefused -no_tls1_3 \
    -cipher AES128-GCM-SHA256 -cert "$CERTS/rsa.pem" -key "$CERTS/rsa.key"
case_ "tls2: server with only DHE" hellorefused -no_tls1_3 \
    -cipher DHE-RSA-AES128-GCM-SHA256 -cert "$CERTS/rsa.pem" -key "$CERTS/rsa.key"
case_ "tls2: server with only TLS 1.1" hellorefused -tls1_1 -cipher 'DEFAULT:@SECLEVEL=0'

# GnuTLS answers a TLS 1.2 hello with handshake_failure when it speaks
# only TLS 1.3; gnutls-serv listens on every address: in a namespace
t_gnutls13() {
	NETNS=dd11$$
	ip netns add "$NETNS" && ip netns exec "$NETNS" ip link set lo up ||
	    { bad "cannot make network namespace $NETNS"; return; }
	ip netns exec "$NETNS" gnutls-serv -p 4443 --x509certfile "$CERTS/ec.chain" \
	    --x509keyfile "$CERTS/ec.key" --priority 'NORMAL:-VERS-ALL:+VERS-TLS1.3' \
	    >"$W/gnutls" 2>&1 &
	PPID_=$!
	i=0
	until ip netns exec "$NETNS" ss -Hltn "sport = :4443" | grep -q . || [ $i -ge 500 ]; do
		sleep 0.01
		i=$((i + 1))
	done
	ip netns exec "$NETNS" $RUN -C "$CERTS/ca.pem" -s https://localhost:4443 \
	    -u bob -t 5 $N >"$W/out" 2>"$W/err"
	STATUS=$?
	status 76
	out "$N failed - tls"
	errhas "server sent alert handshake_failure in answer to the TLS 1.2 hello: it may require TLS 1.3"
	i=0
	until grep -q 'Error in handshake' "$W/gnutls" || [ $i -ge 200 ]; do
		sleep 0.01
		i=$((i + 1))
	done
	grep -q 'Error in handshake' "$W/gnutls" || bad "gnutls-serv saw no failed handshake"
	stopprovider
	ip netns del "$NETNS"
	NETNS=
}
case_ "tls2: GnuTLS server that only speaks TLS 1.3" t_gnutls13

t_alertname() {
	provider -c "$CERTS/ec.chain" -k "$CERTS/ec.key" -m alert50
	https $N
	status 76
	out "$N failed - tls"
	err "ddnsup: localhost:$PORT: TLS: server sent alert decode_error"
	nothingsent
}
case_ "tls2: alerts by name (50 is decode_error)" t_alertname

# The review's cases (L1 L3 L5 C1 C2 M1 M2 E1 G1 L8): refused on the path
# ddnsup verifies itself and on BearSSL's alike
case_ "tls2: unknown critical extension in a critical-EKU leaf" tlsrefused ekuunk.chain ekuunk.key \
    "bad certificate" "unknown critical extension"
case_ "tls2: unknown critical extension in a constrained CA" tlsrefused nclunk.chain nclunk.key \
    "bad certificate" "unknown critical extension"
case_ "tls2: anyExtendedKeyUsage without serverAuth" tlsrefused anyeku.chain anyeku.key \
    "unsupported certificate" \
    "the server's certificate is not for TLS servers (extended key usage without serverAuth)"
case_ "tls2: SAN with an address only, CN=localhost" tlsrefused iponly.chain iponly.key \
    "bad certificate" "certificate does not match the server's name"
case_ "tls2: the same with a critical EKU" tlsrefused iponlyc.chain iponlyc.key \
    "bad certificate" "certificate does not match the server's name"
case_ "tls2: inner and outer signature algorithms differ (critical EKU)" tlsrefused algx.chain algx.key \
    "bad certificate" "the server's certificate names another signature algorithm in its signed part than for its signature, which is refused"
case_ "tls2: inner and outer signature algorithms differ" tlsrefused algy.chain algy.key \
    "bad certificate" "the server's certificate names another signature algorithm in its signed part than for its signature, which is refused"
t_expsamename() {
	tlscerts
	CAFILE=$TC/expandcur.pem
	tlsrefused expleaf.chain expleaf.key "certificate expired" \
	    "the trust anchor in $TC/expandcur.pem that issued the chain is expired or not yet valid"
	CAFILE=
}
case_ "tls2: expired anchor's key, a current anchor of the same name" t_expsamename
t_twoanchors() {
	tlscerts
	sserver "$TC/ekucrit.chain" "$TC/ekucrit.key"
	ddnsup -C "$TC/twoanchors.pem" -s "https://localhost:$PORT" -u bob -t 5 $N
	status 0
	out "$N updated 203.0.113.7 good"
	gotreq
}
case_ "tls2: critical EKU, another anchor of the same name first" t_twoanchors
t_ncv6() {
	tlscerts
	HOST=127.0.0.1
	tlsrefused nclv6.chain nclv6.key "bad certificate" \
	    "an intermediate CA's name constraints exclude the server's name" \
	    -k "$(cat "$TC/nclv6.pin")"
	HOST=
}
case_ "tls2: a CA permitting IPv6 only, an IPv4 leaf" t_ncv6
t_weakanchor() {
	tlscerts
	CAFILE=$TC/weakca.pem
	tlsrefused weakleaf.chain weakleaf.key "bad certificate" \
	    "the trust anchor in $TC/weakca.pem that issued the chain has an RSA key under 2048 bits"
	CAFILE=
}
case_ "tls2: a trust anchor with a 1024-bit RSA key" t_weakanchor
t_anchorlimits() {
	tlscerts
	CAFILE=$TC/pl0.pem
	tlsrefused pl0leaf.chain pl0leaf.key "bad certificate" \
	    "the chain is longer than the trust anchor's path length constraint allows"
	CAFILE=$TC/rootnc.pem
	tlsrefused rootncl.chain rootncl.key "bad certificate" \
	    "the trust anchor's name constraints exclude the server's name"
	CAFILE=
	sserver "$TC/pl0direct.chain" "$TC/pl0direct.key"
	ddnsup -C "$TC/pl0.pem" -s "https://localhost:$PORT" -u bob -t 5 $N
	status 0
	gotreq
}
case_ "tls2: a trust anchor's own path length and name constraints" t_anchorlimits

# Among anchors of the same name, the one whose key BearSSL's engine
# verified with signed (x509.c keeps that check: one verification), in
# whatever place in the file; its dates then decide.
# anchorok CAFILE CHAIN KEY (in $TC unless absolute): the update goes through
anchorok() {
	tlscerts
	chain=$2 key=$3
	case $chain in /*) ;; *) chain=$TC/$chain key=$TC/$key ;; esac
	sserver "$chain" "$key"
	ddnsup -C "$TC/$1" -s "https://localhost:$PORT" -u bob -t 5 $N
	status 0
	out "$N updated 203.0.113.7 good"
	gotreq
}
case_ "tls2: anchor: an expired anchor of the same name first, the current one signed" \
    anchorok expandcur.pem "$CERTS/ec.chain" "$CERTS/ec.key"
t_expsecond() {
	tlscerts
	CAFILE=$TC/expsecond.pem
	tlsrefused expleaf.chain expleaf.key "certificate expired" \
	    "the trust anchor in $TC/expsecond.pem that issued the chain is expired or not yet valid"
	CAFILE=
}
case_ "tls2: anchor: the current anchor first, the expired one of the same name signed" t_expsecond
case_ "tls2: anchor: an RSA anchor after an expired EC one of the same name" \
    anchorok rsaanchors.pem rsaleaf.chain rsaleaf.key
