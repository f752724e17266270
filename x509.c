/*
 * The server's chain: kept whole as it streams, put in order, checked
 * for what BearSSL's minimal engine does not check (SHA-1 and MD5
 * signatures, differing inner and outer signature algorithms, extended
 * key usage, name constraints, the dates of the anchor that signed),
 * then verified by that engine; pins last.
 *
 * The minimal engine refuses any critical extension it does not know,
 * name constraints and EKU among them, and cannot be told otherwise;
 * the signed bytes cannot be changed either. So a certificate holding
 * one is verified here, with the engine's own RSA, ECDSA and hash code:
 * from it up to the anchor (signature, dates, CA, key usage, path
 * length, key size, no unknown critical extension), and, once good, it
 * becomes the anchor the minimal engine verifies the certificates below
 * it against. A leaf with a critical EKU is verified here whole (name,
 * key usage too).
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ddnsup.h"
#include "util.h"
#include "cert.h"
#include "x509.h"
#include "anchors.h"
#include "chain.h"

#define CHAINMAX	(64 * 1024)	/* bytes of the chain kept */
#define MINRSA		256	/* bytes: RSA keys under 2048 bits are refused */
#define X509LAST	253402300799LL	/* 9999-12-31 23:59:59 UTC */

/* TLS alerts sent when a chain is refused (RFC 5246 7.2.2) */
#define BAD_CERTIFICATE		42
#define UNSUPPORTED_CERTIFICATE	43
#define CERTIFICATE_EXPIRED	45
#define UNKNOWN_CA		48

static br_x509_minimal_context xc;
static br_x509_decoder_context dec[3];
static struct certinfo ci[CHAINCERTS];
static br_x509_pkey leafkey;	/* when the leaf was verified here */
static unsigned leafusages;
static int ownleaf;

static struct {
	const br_x509_class *vtable;
	unsigned char buf[CHAINMAX];
	size_t used;
	size_t off[CHAINCERTS], len[CHAINCERTS];
	int n;
	int skip;		/* the current certificate does not fit */
	int leaftoobig;
	char name[256];
	int hasname;
	unsigned char ip[16];
	size_t iplen;
	const struct pin *pins;
	int npins;
	br_ssl_engine_context *eng;
	uint32_t days, secs;
	char why[300];		/* a refusal BearSSL has no code for */
	int kind;
	unsigned char alert;
} vx;

static unsigned
refuse(int kind, unsigned char alert, const char *fmt, const char *arg)
{
	snprintf(vx.why, sizeof(vx.why), fmt, arg);
	vx.kind = kind;
	vx.alert = alert;
	return BR_ERR_X509_NOT_TRUSTED;
}

static void
start_chain(const br_x509_class **ctx, const char *name)
{
	(void)ctx;
	vx.used = 0;
	vx.n = 0;
	vx.skip = vx.leaftoobig = 0;
	vx.why[0] = '\0';
	vx.hasname = name != NULL && strlen(name) < sizeof(vx.name);
	if (vx.hasname)
		memcpy(vx.name, name, strlen(name) + 1);
}

static void
start_cert(const br_x509_class **ctx, uint32_t len)
{
	(void)ctx;
	vx.skip = vx.n == CHAINCERTS || len > sizeof(vx.buf) - vx.used;
	if (vx.skip && vx.n == 0)
		vx.leaftoobig = 1;
	if (!vx.skip) {
		vx.off[vx.n] = vx.used;
		vx.len[vx.n] = len;
	}
}

static void
append(const br_x509_class **ctx, const unsigned char *buf, size_t len)
{
	(void)ctx;
	if (vx.skip || vx.leaftoobig)
		return;
	if (len > vx.off[vx.n] + vx.len[vx.n] - vx.used)
		len = vx.off[vx.n] + vx.len[vx.n] - vx.used;
	memcpy(vx.buf + vx.used, buf, len);
	vx.used += len;
}

static void
end_cert(const br_x509_class **ctx)
{
	(void)ctx;
	if (!vx.skip && !vx.leaftoobig &&
	    vx.used == vx.off[vx.n] + vx.len[vx.n])
		vx.n++;
	else if (!vx.skip && !vx.leaftoobig)
		vx.used = vx.off[vx.n];
	vx.skip = 0;
}

static int
dneq(const unsigned char *dn, size_t len, const br_x509_trust_anchor *ta)
{
	return ta->dn.len == len && memcmp(ta->dn.data, dn, len) == 0;
}

/* The anchor whose name is dn: a CA one (ca), or a direct-trust one. */
static const br_x509_trust_anchor *
anchor(const unsigned char *dn, size_t len, int ca)
{
	const br_x509_trust_anchor *ta;
	const char *file;
	size_t n, i;

	ta = cert_trust(&n, &file);
	for (i = 0; i < n; i++)
		if (!(ta[i].flags & BR_X509_TA_CA) == !ca &&
		    dneq(dn, len, &ta[i]))
			return &ta[i];
	return NULL;
}

static void
nodn(void *ctx, const void *buf, size_t len)
{
	(void)ctx, (void)buf, (void)len;
}

static const br_x509_pkey *
decode(br_x509_decoder_context *d, const struct certinfo *c)
{
	br_x509_decoder_init(d, nodn, NULL);
	br_x509_decoder_push(d, c->der, c->len);
	if (br_x509_decoder_last_error(d) != 0)
		return NULL;
	return br_x509_decoder_get_pkey(d);
}

/* Whether c's signature verifies with the issuer's key pk. */
static int
signedby(const struct certinfo *c, const br_x509_pkey *pk)
{
	static const br_hash_class *const hashes[] = {
		&br_sha224_vtable, &br_sha256_vtable, &br_sha384_vtable,
		&br_sha512_vtable,
	};
	static const unsigned char *const oids[] = {
		BR_HASH_OID_SHA224, BR_HASH_OID_SHA256, BR_HASH_OID_SHA384,
		BR_HASH_OID_SHA512,
	};
	br_hash_compat_context h;
	unsigned char hash[64], out[64];
	size_t hlen;
	int id, kt;
	br_rsa_pkcs1_vrfy rsa = br_ssl_engine_get_rsavrfy(vx.eng);
	br_ecdsa_vrfy ecdsa = br_ssl_engine_get_ecdsa(vx.eng);

	id = chain_sighash(c, &kt);
	if (id < br_sha224_ID || id > br_sha512_ID)
		return 0;
	hashes[id - br_sha224_ID]->init(&h.vtable);
	hashes[id - br_sha224_ID]->update(&h.vtable, c->tbs, c->tbslen);
	hashes[id - br_sha224_ID]->out(&h.vtable, hash);
	hlen = (hashes[id - br_sha224_ID]->desc >> BR_HASHDESC_OUT_OFF) &
	    BR_HASHDESC_OUT_MASK;
	if (kt == 1 && pk->key_type == BR_KEYTYPE_RSA && rsa != 0)
		return rsa(c->sig, c->siglen, oids[id - br_sha224_ID], hlen,
		    &pk->key.rsa, out) && memcmp(out, hash, hlen) == 0;
	if (kt == 2 && pk->key_type == BR_KEYTYPE_EC && ecdsa != 0)
		return ecdsa(br_ssl_engine_get_ec(vx.eng), hash, hlen,
		    &pk->key.ec, c->sig, c->siglen) == 1;
	return 0;
}

/*
 * The last signature check that passed, the engine's or signer()'s: the
 * key and the signature. The minimal engine ignores what follows the
 * certificate its anchor verified (bearssl_x509.h), so after a good chain
 * this is that anchor's check: which anchor signed is known without a
 * second verification.
 */
static struct check {
	br_x509_pkey key;
	unsigned char sig[512];
	size_t siglen;
} seen;

static void
saw(const br_x509_pkey *pk, const void *sig, size_t len)
{
	seen.key = *pk;
	seen.siglen = len <= sizeof(seen.sig) ? len : 0;
	memcpy(seen.sig, sig, seen.siglen);
}

static uint32_t
rsaseen(const unsigned char *x, size_t xlen, const unsigned char *oid,
    size_t hlen, const br_rsa_public_key *pk, unsigned char *out)
{
	br_x509_pkey k;
	uint32_t r;

	r = br_ssl_engine_get_rsavrfy(vx.eng)(x, xlen, oid, hlen, pk, out);
	k.key_type = BR_KEYTYPE_RSA;
	k.key.rsa = *pk;
	if (r)		/* the engine compares the hash after: last is best */
		saw(&k, x, xlen);
	return r;
}

static uint32_t
ecseen(const br_ec_impl *ec, const void *hash, size_t hlen,
    const br_ec_public_key *pk, const void *sig, size_t len)
{
	br_x509_pkey k;
	uint32_t r;

	r = br_ssl_engine_get_ecdsa(vx.eng)(ec, hash, hlen, pk, sig, len);
	k.key_type = BR_KEYTYPE_EC;
	k.key.ec = *pk;
	if (r)
		saw(&k, sig, len);
	return r;
}

static int
sameseen(const br_x509_pkey *pk)
{
	const br_x509_pkey *s = &seen.key;

	if (pk->key_type != s->key_type)
		return 0;
	if (pk->key_type == BR_KEYTYPE_RSA)
		return pk->key.rsa.nlen == s->key.rsa.nlen &&
		    pk->key.rsa.elen == s->key.rsa.elen &&
		    memcmp(pk->key.rsa.n, s->key.rsa.n, s->key.rsa.nlen) == 0 &&
		    memcmp(pk->key.rsa.e, s->key.rsa.e, s->key.rsa.elen) == 0;
	return pk->key.ec.curve == s->key.ec.curve &&
	    pk->key.ec.qlen == s->key.ec.qlen &&
	    memcmp(pk->key.ec.q, s->key.ec.q, s->key.ec.qlen) == 0;
}

/*
 * The CA anchor that signed c: its issuer's name and a key that verifies,
 * the key of the last good check when that check was of c's signature.
 */
static const br_x509_trust_anchor *
signer(const struct certinfo *c)
{
	const br_x509_trust_anchor *ta;
	const char *file;
	size_t n, i;
	int known;	/* the last good check was of c's signature */

	known = seen.siglen > 0 && seen.siglen == c->siglen &&
	    memcmp(seen.sig, c->sig, c->siglen) == 0;
	ta = cert_trust(&n, &file);
	for (i = 0; known && i < n; i++)
		if (ta[i].flags & BR_X509_TA_CA &&
		    dneq(c->issuer, c->issuerlen, &ta[i]) &&
		    sameseen(&ta[i].pkey))
			return &ta[i];
	for (i = 0; i < n; i++)
		if (ta[i].flags & BR_X509_TA_CA &&
		    dneq(c->issuer, c->issuerlen, &ta[i]) &&
		    signedby(c, &ta[i].pkey)) {
			saw(&ta[i].pkey, c->sig, c->siglen);
			return &ta[i];
		}
	return NULL;
}

static int
current(const br_x509_decoder_context *d)
{
	return (vx.days > d->notbefore_days || (vx.days == d->notbefore_days &&
	    vx.secs >= d->notbefore_seconds)) &&
	    (vx.days < d->notafter_days || (vx.days == d->notafter_days &&
	    vx.secs <= d->notafter_seconds));
}

/*
 * From path[j], a CA with an extension BearSSL's minimal engine refuses
 * as critical (name constraints, EKU: checked here), up to an anchor:
 * what the minimal engine would check, done here with its primitives.
 */
static unsigned
upper(const int *path, int j, int np)
{
	const br_x509_pkey *pk, *ik;
	const struct certinfo *c;
	int k;

	for (k = j; k < np; k++) {
		c = &ci[path[k]];
		if ((pk = decode(&dec[1], c)) == NULL)
			return BR_ERR_X509_INVALID_VALUE;
		if (!br_x509_decoder_isCA(&dec[1]) ||
		    (c->haveku && !(c->ku & 0x04)))
			return BR_ERR_X509_NOT_CA;
		if (c->pathlen >= 0 && k - 1 > c->pathlen)
			return BR_ERR_X509_NOT_CA;
		if (!current(&dec[1]))
			return BR_ERR_X509_EXPIRED;
		if (pk->key_type == BR_KEYTYPE_RSA && pk->key.rsa.nlen < MINRSA)
			return BR_ERR_X509_WEAK_PUBLIC_KEY;
		if (c->unkcrit)
			return BR_ERR_X509_CRITICAL_EXTENSION;
		if (anchor(c->issuer, c->issuerlen, 1) != NULL)
			return signer(c) != NULL ? 0 :
			    BR_ERR_X509_BAD_SIGNATURE;
		if (k + 1 == np)
			break;
		if ((ik = decode(&dec[2], &ci[path[k + 1]])) == NULL)
			return BR_ERR_X509_INVALID_VALUE;
		if (!signedby(c, ik))
			return BR_ERR_X509_BAD_SIGNATURE;
	}
	return BR_ERR_X509_NOT_TRUSTED;
}

/*
 * A leaf whose critical EKU the minimal engine would refuse: what it
 * checks of a leaf (dates, key, name, key usage), then the CAs above.
 */
static unsigned
leafup(const int *path, int np)
{
	const struct certinfo *c = &ci[path[0]];
	const br_x509_pkey *pk, *ik;
	int r;

	if ((pk = decode(&dec[0], c)) == NULL)
		return BR_ERR_X509_INVALID_VALUE;
	if (!current(&dec[0]))
		return BR_ERR_X509_EXPIRED;
	if (pk->key_type == BR_KEYTYPE_RSA && pk->key.rsa.nlen < MINRSA)
		return BR_ERR_X509_WEAK_PUBLIC_KEY;
	if (c->unkcrit)
		return BR_ERR_X509_CRITICAL_EXTENSION;
	if (vx.hasname && (r = chain_namematch(c, vx.name)) != 1)
		return r == -1 ? BR_ERR_X509_INVALID_VALUE :
		    BR_ERR_X509_BAD_SERVER_NAME;
	leafusages = BR_KEYTYPE_KEYX | BR_KEYTYPE_SIGN;
	if (c->haveku)	/* digitalSignature, keyEncipherment */
		leafusages = (c->ku & 0x80 ? BR_KEYTYPE_SIGN : 0) |
		    (c->ku & 0x20 ? BR_KEYTYPE_KEYX : 0);
	if (leafusages == 0)
		return BR_ERR_X509_FORBIDDEN_KEY_USAGE;
	leafkey = *pk;
	if (anchor(c->issuer, c->issuerlen, 1) != NULL)
		return signer(c) != NULL ? 0 : BR_ERR_X509_BAD_SIGNATURE;
	if (np < 2)
		return BR_ERR_X509_NOT_TRUSTED;
	if ((ik = decode(&dec[2], &ci[path[1]])) == NULL)
		return BR_ERR_X509_INVALID_VALUE;
	if (!signedby(c, ik))
		return BR_ERR_X509_BAD_SIGNATURE;
	return upper(path, 1, np);
}

static void
minimal(const br_x509_trust_anchor *ta, size_t nta)
{
	static const br_hash_class *const hashes[] = {
		&br_sha224_vtable, &br_sha256_vtable, &br_sha384_vtable,
		&br_sha512_vtable,
	};
	int id;

	/* no SHA-1 nor MD5 for certificates: BearSSL then refuses them too */
	br_x509_minimal_init(&xc, &br_sha256_vtable, ta, nta);
	br_x509_minimal_set_rsa(&xc,
	    br_ssl_engine_get_rsavrfy(vx.eng) != 0 ? rsaseen : 0);
	br_x509_minimal_set_ecdsa(&xc, br_ssl_engine_get_ec(vx.eng),
	    br_ssl_engine_get_ecdsa(vx.eng) != 0 ? ecseen : 0);
	for (id = br_sha224_ID; id <= br_sha512_ID; id++)
		br_x509_minimal_set_hash(&xc, id, hashes[id - br_sha224_ID]);
	br_x509_minimal_set_time(&xc, vx.days, vx.secs);
	br_x509_minimal_set_minrsa(&xc, MINRSA);
}

/* The path's first n certificates through the minimal engine. */
static unsigned
verifyrun(const int *path, int n, const br_x509_trust_anchor *ta,
    size_t nta)
{
	const br_x509_class **x = &xc.vtable;
	int i;

	minimal(ta, nta);
	(*x)->start_chain(x, vx.hasname ? vx.name : NULL);
	for (i = 0; i < n; i++) {
		(*x)->start_cert(x, (uint32_t)ci[path[i]].len);
		(*x)->append(x, ci[path[i]].der, ci[path[i]].len);
		(*x)->end_cert(x);
	}
	return (*x)->end_chain(x);
}

static const char *const which[] = {
	"the server's certificate", "an intermediate CA certificate",
};

/* What BearSSL does not check, on the path up to its anchor (top). */
static unsigned
policy(const int *path, int top, int direct)
{
	const struct certinfo *c;
	int i, kt, h, r;

	for (i = 0; i <= top; i++) {
		c = &ci[path[i]];
		h = chain_sighash(c, &kt);
		if (!(i == 0 && direct) && (i == 0 ||
		    c->subjectlen != c->issuerlen ||
		    memcmp(c->subject, c->issuer, c->issuerlen) != 0) &&
		    (h == br_md5_ID || h == br_sha1_ID))
			return refuse(F_CERT, BAD_CERTIFICATE, h == br_md5_ID ?
			    "%s is signed with MD5, which is refused" :
			    "%s is signed with SHA-1, which is refused",
			    which[i > 0]);
		if (c->algdiff)
			return refuse(F_CERT, BAD_CERTIFICATE, "%s names "
			    "another signature algorithm in its signed part "
			    "than for its signature, which is refused",
			    which[i > 0]);
		if (c->eku != NULL &&
		    (r = chain_ekuserver(c->eku, c->ekulen)) != 1)
			return r == -1 ? BR_ERR_X509_INVALID_VALUE :
			    refuse(F_CERT, UNSUPPORTED_CERTIFICATE, "%s is not "
			    "for TLS servers (extended key usage without "
			    "serverAuth)", which[i > 0]);
		if (i == 0 || direct || c->nc == NULL)
			continue;
		r = chain_ncleaf(c, &ci[path[0]], vx.hasname ? vx.name : NULL,
		    vx.ip, vx.iplen);
		if (r == -1)
			return BR_ERR_X509_INVALID_VALUE;
		if (r == 0)
			return refuse(F_CERT, BAD_CERTIFICATE, "%s", "an "
			    "intermediate CA's name constraints exclude the "
			    "server's name");
	}
	return 0;
}

static unsigned
pincheck(void)
{
	br_sha256_context h;
	unsigned char hash[32];
	int i;

	if (vx.npins == 0)
		return 0;
	br_sha256_init(&h);
	br_sha256_update(&h, ci[0].spki, ci[0].spkilen);
	br_sha256_out(&h, hash);
	for (i = 0; i < vx.npins; i++)
		if (memcmp(hash, vx.pins[i].hash, sizeof(hash)) == 0)
			return 0;
	return refuse(F_PIN, BAD_CERTIFICATE, "%s",
	    "no pin matches the server's key");
}

/* A refusal BearSSL's codes say too little about, in words. */
static unsigned
explain(unsigned err, const int *path, int n)
{
	const char *file;
	size_t na;
	int i;

	if (err == BR_ERR_X509_NOT_CA) {
		for (i = 1; i < n && ci[path[i]].ca && (!ci[path[i]].haveku ||
		    ci[path[i]].ku & 0x04); i++)
			;
		if (i == n)
			return refuse(F_CERT, BAD_CERTIFICATE, "%s", "the chain "
			    "is longer than an intermediate CA's path length "
			    "constraint allows");
	}
	if (err == BR_ERR_X509_NOT_TRUSTED) {
		cert_trust(&na, &file);
		return refuse(F_CERT, UNKNOWN_CA, "certificate not trusted "
		    "(unknown issuer): no CA in %s issued it; give the "
		    "issuing CA's certificate with -C", file ? file : "");
	}
	return err;
}

/*
 * The CA anchor that signed path[top] (its issuer's name, a key that
 * verifies): its dates hold (curl's rule), its RSA key is not under 2048
 * bits (as OpenSSL's security level 2), its own path length and name
 * constraints hold for the chain below it.
 */
static unsigned
anchorcheck(const int *path, int top, const char *file)
{
	const br_x509_trust_anchor *ta = signer(&ci[path[top]]);
	struct certinfo a;
	int r;

	if (ta == NULL)
		return explain(BR_ERR_X509_NOT_TRUSTED, path, 0);
	if (!cert_anchorcurrent(ta, vx.days, vx.secs))
		return refuse(F_CERT, CERTIFICATE_EXPIRED, "the trust anchor "
		    "in %s that issued the chain is expired or not yet valid",
		    file ? file : "");
	if (ta->pkey.key_type == BR_KEYTYPE_RSA &&
	    ta->pkey.key.rsa.nlen < MINRSA)
		return refuse(F_CERT, BAD_CERTIFICATE, "the trust anchor in %s "
		    "that issued the chain has an RSA key under 2048 bits",
		    file ? file : "");
	memset(&a, 0, sizeof(a));
	r = cert_anchorlimits(ta, &a.nc, &a.nclen);
	if (r >= 0 && top > r)
		return refuse(F_CERT, BAD_CERTIFICATE, "%s", "the chain is "
		    "longer than the trust anchor's path length constraint "
		    "allows");
	if (a.nc == NULL)
		return 0;
	r = chain_ncleaf(&a, &ci[path[0]], vx.hasname ? vx.name : NULL,
	    vx.ip, vx.iplen);
	if (r == -1)
		return BR_ERR_X509_INVALID_VALUE;
	return r == 1 ? 0 : refuse(F_CERT, BAD_CERTIFICATE, "%s", "the trust "
	    "anchor's name constraints exclude the server's name");
}

/* The chain in full: order, our checks, the minimal engine, pins. */
static unsigned
end_chain(const br_x509_class **ctx)
{
	static br_x509_trust_anchor mid;
	static struct check above;
	const br_x509_trust_anchor *ta;
	const br_x509_pkey *pk;
	const char *file;
	size_t nta;
	unsigned err;
	int path[CHAINCERTS], n = 0, np, i, top, j, direct;

	(void)ctx;
	if (vx.leaftoobig)
		return refuse(F_CERT, BAD_CERTIFICATE, "%s",
		    "the server's certificate is too large");
	if (vx.n == 0)
		return BR_ERR_X509_EMPTY_CHAIN;
	seen.siglen = 0;
	/* what does not parse is left out, but for the leaf */
	for (i = 0; i < vx.n; i++)
		if (chain_parse(vx.buf + vx.off[i], vx.len[i], &ci[n]) == 0)
			n++;
		else if (i == 0)
			return BR_ERR_X509_INVALID_VALUE;
	np = chain_order(ci, n, path);
	direct = anchor(ci[0].subject, ci[0].subjectlen, 0) != NULL;
	for (top = 0; top < np - 1 && !direct; top++)
		if (anchor(ci[path[top]].issuer, ci[path[top]].issuerlen, 1))
			break;
	if ((err = policy(path, top, direct)) != 0)
		return err;
	for (j = 0; j <= top && !direct; j++)
		if (ci[path[j]].nccrit || ci[path[j]].ekucrit)
			break;
	ta = cert_trust(&nta, &file);
	ownleaf = !direct && j == 0;
	if (direct || j > top)
		err = verifyrun(path, np, ta, nta);
	else if (j == 0)
		err = leafup(path, np);
	else if ((err = upper(path, j, np)) == 0) {
		/* below path[j], which is now known good: it is the anchor */
		if ((pk = decode(&dec[0], &ci[path[j]])) == NULL)
			return BR_ERR_X509_INVALID_VALUE;
		mid.dn.data = (unsigned char *)(uintptr_t)ci[path[j]].subject;
		mid.dn.len = ci[path[j]].subjectlen;
		mid.flags = BR_X509_TA_CA;
		mid.pkey = *pk;
		above = seen;	/* upper()'s check of the top, not mid's */
		err = verifyrun(path, j, &mid, 1);
		seen = above;
	}
	if (err != 0)
		return explain(err, path, np);
	if (!direct && (err = anchorcheck(path, top, file)) != 0)
		return err;
	return pincheck();
}

static const br_x509_pkey *
get_pkey(const br_x509_class *const *ctx, unsigned *usages)
{
	(void)ctx;
	if (ownleaf) {
		if (usages != NULL)
			*usages = leafusages;
		return &leafkey;
	}
	return xc.vtable->get_pkey(&xc.vtable, usages);
}

static const br_x509_class vxclass = {
	sizeof(vx), start_chain, start_cert, append, end_cert, end_chain,
	get_pkey,
};

/* The system clock as the last verifier got it, before the floor. */
static long long sysclock;

/*
 * A date refused: the message names the system clock. At or below the
 * floor the dates were checked as at the release, and a wrong clock
 * (a router without an RTC boots in 1970) is the likelier cause: F_CLOCK,
 * never a stop nor a hold; above it F_CERTDATE, a short hold.
 */
int
x509_datefail(const char *peer)
{
	if (sysclock <= RELEASE_TIME)
		return fail(F_CLOCK, "%s: the system clock reads %s: certificate "
		    "dates cannot be checked until it is set", peer,
		    timestr(sysclock));
	return fail(F_CERTDATE, "%s: certificate expired or not yet valid",
	    peer);
}

/*
 * The chain's verifier for one handshake. peer is "host:port": when
 * the host is an address, name constraints are checked against it.
 * now is never before the release: routers boot in 1970; nor after
 * X.509's last date.
 */
const br_x509_class **
x509_verifier(br_ssl_engine_context *eng, const char *peer,
    const struct pin *pins, int npins, long long now)
{
	char host[64];
	const char *colon;
	uint32_t days;
	size_t len;

	sysclock = now;
	if (now < RELEASE_TIME)
		now = RELEASE_TIME;
	if (now > X509LAST)
		now = X509LAST;
	/* 86400 = 128 * 675: 32-bit division (64-bit is 3 KB of libgcc on MIPS) */
	days = (uint32_t)((unsigned long long)now >> 7) / 675;
	vx.vtable = &vxclass;
	vx.eng = eng;
	vx.pins = pins;
	vx.npins = npins;
	vx.why[0] = '\0';
	vx.days = days + 719528;
	vx.secs = (uint32_t)(now - (long long)days * 86400);
	vx.iplen = 0;
	colon = strrchr(peer, ':');
	len = colon != NULL ? (size_t)(colon - peer) : strlen(peer);
	if (len > 2 && peer[0] == '[' && peer[len - 1] == ']')
		peer++, len -= 2;
	if (len < sizeof(host)) {
		memcpy(host, peer, len);
		host[len] = '\0';
		if (inet_pton(AF_INET, host, vx.ip) == 1)
			vx.iplen = 4;
		else if (inet_pton(AF_INET6, host, vx.ip) == 1)
			vx.iplen = 16;
	}
	return &vx.vtable;
}

/*
 * Why the last chain was refused, when BearSSL's code says too little:
 * the failure's kind (F_CERT, F_PIN) and the alert to send; else NULL.
 */
const char *
x509_why(int *kind, unsigned char *alert)
{
	if (vx.why[0] == '\0')
		return NULL;
	*kind = vx.kind;
	*alert = vx.alert;
	return vx.why;
}
