# Which trust anchor signed the chain, among anchors of the same name:
# the one whose key BearSSL's engine verified with (x509.c keeps it, so
# the signature is verified once), whatever its place in the file. Its
# dates then decide. Uses tlscases.sh's tlscerts, sserver and tlsrefused.

# anchorok CAFILE CHAIN KEY (in $TC unless absolute): the update goes through with these anchors
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
case_ "anchor: an expired anchor of the same name first, the current one signed" \
    anchorok expandcur.pem "$CERTS/ec.chain" "$CERTS/ec.key"
t_expsecond() {
	tlscerts
	CAFILE=$TC/expsecond.pem
	tlsrefused expleaf.chain expleaf.key "certificate expired" \
	    "the trust anchor in $TC/expsecond.pem that issued the chain is expired or not yet valid"
	CAFILE=
}
case_ "anchor: the current anchor first, the expired one of the same name signed" t_expsecond
case_ "anchor: an RSA anchor after an expired EC one of the same name" \
    anchorok rsaanchors.pem rsaleaf.chain rsaleaf.key
