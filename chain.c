/*
 * Certificates' DER, walked without BearSSL: the fields the chain's own
 * checks read (signature algorithm, EKU, name constraints, basic
 * constraints, key usage, names), and the chain's order.
 */
#include <string.h>
#include <strings.h>

#include "chain.h"

static const unsigned char
    OID_BC[] = { 0x55, 0x1d, 0x13 },
    OID_KU[] = { 0x55, 0x1d, 0x0f },
    OID_SAN[] = { 0x55, 0x1d, 0x11 },
    OID_NC[] = { 0x55, 0x1d, 0x1e },
    OID_EKU[] = { 0x55, 0x1d, 0x25 },
    OID_SERVERAUTH[] = { 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x01 },
    OID_RSA[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01 },
    OID_ECDSA[] = { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04 },
    OID_DSA[] = { 0x2a, 0x86, 0x48, 0xce, 0x38, 0x04 };

/* Read a DER tag and length; single-byte tags and definite lengths only. */
int
der_tlv(const unsigned char **p, const unsigned char *end, unsigned *tag,
    const unsigned char **val, size_t *len)
{
	const unsigned char *q = *p;
	size_t l, k;

	if (end - q < 2 || (*q & 0x1f) == 0x1f)
		return -1;
	*tag = *q++;
	l = *q++;
	if (l & 0x80) {
		k = l & 0x7f;
		if (k == 0 || k > 3 || (size_t)(end - q) < k)
			return -1;
		for (l = 0; k > 0; k--)
			l = l << 8 | *q++;
	}
	if (l > (size_t)(end - q))
		return -1;
	*val = q;
	*len = l;
	*p = q + l;
	return 0;
}

static int
oideq(const unsigned char *v, size_t len, const unsigned char *oid,
    size_t oidlen)
{
	return len == oidlen && memcmp(v, oid, len) == 0;
}

#define OIDEQ(v, len, oid)	oideq(v, len, oid, sizeof(oid))

/* One extension: the ones the checks read are kept, with criticality. */
static int
extension(struct certinfo *ci, const unsigned char *v, size_t len)
{
	const unsigned char *p = v, *end = v + len, *oid, *val;
	size_t oidlen, vlen;
	unsigned tag;
	int crit = 0;

	if (der_tlv(&p, end, &tag, &oid, &oidlen) == -1 || tag != 0x06 ||
	    der_tlv(&p, end, &tag, &val, &vlen) == -1)
		return -1;
	if (tag == 0x01) {
		crit = vlen == 1 && val[0] != 0;
		if (der_tlv(&p, end, &tag, &val, &vlen) == -1)
			return -1;
	}
	if (tag != 0x04 || p != end)
		return -1;
	if (OIDEQ(oid, oidlen, OID_EKU)) {
		ci->eku = val, ci->ekulen = vlen, ci->ekucrit = crit;
	} else if (OIDEQ(oid, oidlen, OID_NC)) {
		ci->nc = val, ci->nclen = vlen, ci->nccrit = crit;
	} else if (OIDEQ(oid, oidlen, OID_SAN)) {
		ci->san = val, ci->sanlen = vlen;
	} else if (OIDEQ(oid, oidlen, OID_KU)) {
		/* BIT STRING: unused bits, then bit 5 is keyCertSign */
		p = val;
		if (der_tlv(&p, val + vlen, &tag, &val, &vlen) == -1 ||
		    tag != 0x03 || vlen < 1)
			return -1;
		ci->ku = vlen > 1 ? val[1] : 0;
		ci->haveku = 1;
	} else if (OIDEQ(oid, oidlen, OID_BC)) {
		p = val;
		end = val + vlen;
		if (der_tlv(&p, end, &tag, &val, &vlen) == -1 || tag != 0x30)
			return -1;
		p = val;
		end = val + vlen;
		if (p < end && *p == 0x01) {
			if (der_tlv(&p, end, &tag, &val, &vlen) == -1 ||
			    vlen != 1)
				return -1;
			ci->ca = val[0] != 0;
		}
		if (p < end) {
			if (der_tlv(&p, end, &tag, &val, &vlen) == -1 ||
			    tag != 0x02 || vlen < 1 || vlen > 2 || val[0] & 0x80)
				return -1;
			ci->pathlen = vlen == 1 ? val[0] : val[0] << 8 | val[1];
		}
	} else if (crit)
		ci->unkcrit = 1;	/* refused where ddnsup verifies */
	return 0;
}

static int
extensions(struct certinfo *ci, const unsigned char *v, size_t len)
{
	const unsigned char *p = v, *end = v + len, *e;
	size_t elen;
	unsigned tag;

	if (der_tlv(&p, end, &tag, &v, &len) == -1 || tag != 0x30 || p != end)
		return -1;
	p = v;
	end = v + len;
	while (p < end)
		if (der_tlv(&p, end, &tag, &e, &elen) == -1 || tag != 0x30 ||
		    extension(ci, e, elen) == -1)
			return -1;
	return 0;
}

/* The fields of one certificate; -1 if it is not a certificate's DER. */
int
chain_parse(const unsigned char *der, size_t derlen, struct certinfo *ci)
{
	const unsigned char *p = der, *end = der + derlen, *v, *t, *tend, *f;
	const unsigned char *outer;
	size_t len, outerlen;
	unsigned tag;
	int i;

	memset(ci, 0, sizeof(*ci));
	ci->pathlen = -1;
	ci->der = der;
	ci->len = derlen;
	if (der_tlv(&p, end, &tag, &v, &len) == -1 || tag != 0x30 || p != end)
		return -1;
	p = v;
	end = v + len;
	t = p;
	if (der_tlv(&p, end, &tag, &v, &len) == -1 || tag != 0x30)
		return -1;
	ci->tbs = t;
	ci->tbslen = (size_t)(p - t);
	/* signatureAlgorithm: its OID; signatureValue: the bits */
	outer = p;
	if (der_tlv(&p, end, &tag, &f, &ci->sigalglen) == -1 || tag != 0x30)
		return -1;
	outerlen = (size_t)(p - outer);
	t = f;
	if (der_tlv(&t, f + ci->sigalglen, &tag, &ci->sigalg,
	    &ci->sigalglen) == -1 || tag != 0x06)
		return -1;
	if (der_tlv(&p, end, &tag, &f, &ci->siglen) == -1 || tag != 0x03 ||
	    ci->siglen < 1 || f[0] != 0 || p != end)
		return -1;
	ci->sig = f + 1;
	ci->siglen--;
	/* [0] version, serial, signature, issuer, validity, subject, spki */
	tend = v + len;
	p = v;
	if (p < tend && *p == 0xa0 && der_tlv(&p, tend, &tag, &f, &len) == -1)
		return -1;
	for (i = 0; i < 6; i++) {
		t = p;
		if (der_tlv(&p, tend, &tag, &f, &len) == -1 ||
		    tag != (i == 0 ? 0x02u : 0x30u))
			return -1;
		if (i == 2)
			ci->issuer = t, ci->issuerlen = (size_t)(p - t);
		else if (i == 1)	/* RFC 5280 4.1.1.2: the same */
			ci->algdiff = (size_t)(p - t) != outerlen ||
			    memcmp(t, outer, outerlen) != 0;
		else if (i == 4)
			ci->subject = t, ci->subjectlen = (size_t)(p - t);
		else if (i == 5)
			ci->spki = t, ci->spkilen = (size_t)(p - t);
	}
	while (p < tend) {
		if (der_tlv(&p, tend, &tag, &f, &len) == -1)
			return -1;
		if (tag == 0xa3 && extensions(ci, f, len) == -1)
			return -1;
	}
	return 0;
}

/*
 * The hash of the certificate's signature, in BearSSL's numbering (1 MD5,
 * 2 SHA-1, 3 SHA-224 ... 6 SHA-512), and the signer's key type (1 RSA,
 * 2 EC, 3 DSA); 0 when not known (RSA-PSS and the like).
 */
int
chain_sighash(const struct certinfo *ci, int *keytype)
{
	const unsigned char *o = ci->sigalg;
	size_t n = ci->sigalglen;

	*keytype = 0;
	if (n == sizeof(OID_RSA) + 1 && memcmp(o, OID_RSA, n - 1) == 0) {
		*keytype = 1;
		switch (o[n - 1]) {
		case 2: case 3: case 4: return 1;	/* MD2, MD4, MD5 */
		case 5: return 2;
		case 14: return 3;
		case 11: return 4;
		case 12: return 5;
		case 13: return 6;
		}
		*keytype = 0;
	} else if (n == sizeof(OID_ECDSA) + 1 &&
	    memcmp(o, OID_ECDSA, n - 1) == 0 && o[n - 1] == 1) {
		*keytype = 2;
		return 2;
	} else if (n == sizeof(OID_ECDSA) + 2 &&
	    memcmp(o, OID_ECDSA, n - 2) == 0 && o[n - 2] == 3 &&
	    o[n - 1] >= 1 && o[n - 1] <= 4) {
		*keytype = 2;
		return 2 + o[n - 1];
	} else if (n == sizeof(OID_DSA) + 1 &&
	    memcmp(o, OID_DSA, n - 1) == 0 && o[n - 1] == 3) {
		*keytype = 3;
		return 2;
	}
	return 0;
}

/* An EKU extension's value: 1 if it allows a TLS server, 0 if not, -1. */
int
chain_ekuserver(const unsigned char *v, size_t len)
{
	const unsigned char *p = v, *end = v + len, *o;
	size_t olen;
	unsigned tag;
	int ok = 0;

	if (der_tlv(&p, end, &tag, &v, &len) == -1 || tag != 0x30 || p != end)
		return -1;
	p = v;
	end = v + len;
	while (p < end) {
		if (der_tlv(&p, end, &tag, &o, &olen) == -1 || tag != 0x06)
			return -1;
		if (OIDEQ(o, olen, OID_SERVERAUTH))
			ok = 1;
	}
	return ok;
}

/* Whether DNS name n (len bytes) is within the dNSName subtree c. */
static int
dnswithin(const unsigned char *c, size_t clen, const char *n, size_t len)
{
	if (len > 0 && n[len - 1] == '.')
		len--;
	if (clen > 0 && c[clen - 1] == '.')
		clen--;
	if (clen == 0)
		return 1;
	if (c[0] == '.')
		return len > clen &&
		    strncasecmp(n + len - clen, (const char *)c, clen) == 0;
	if (len == clen)
		return strncasecmp(n, (const char *)c, len) == 0;
	return len > clen && n[len - clen - 1] == '.' &&
	    strncasecmp(n + len - clen, (const char *)c, clen) == 0;
}

/* Whether address a (4 or 16 bytes) is within iPAddress subtree c. */
static int
ipwithin(const unsigned char *c, size_t clen, const unsigned char *a,
    size_t len)
{
	size_t i;

	if (clen != 2 * len)
		return 0;
	for (i = 0; i < len; i++)
		if ((a[i] & c[len + i]) != (c[i] & c[len + i]))
			return 0;
	return 1;
}

/*
 * One name against GeneralSubtrees: sets *seen if a subtree of the
 * name's type exists, returns 1 if one holds the name, -1 if malformed.
 */
static int
subtrees(const unsigned char *v, size_t len, unsigned type,
    const char *dns, const unsigned char *ip, size_t iplen, int *seen)
{
	const unsigned char *p = v, *end = v + len, *q, *b;
	size_t blen;
	unsigned tag;
	int hit = 0;

	*seen = 0;
	while (p < end) {
		if (der_tlv(&p, end, &tag, &q, &blen) == -1 || tag != 0x30 ||
		    der_tlv(&q, q + blen, &tag, &b, &blen) == -1)
			return -1;
		if (tag == 0x82 && type == 0x82) {
			*seen = 1;
			hit |= dnswithin(b, blen, dns, strlen(dns));
		} else if (tag == 0x87) {
			if (blen != 8 && blen != 32)
				return -1;	/* RFC 5280 4.2.1.10 */
			if (type != 0x87)
				continue;
			/* one name form for both families: v6 ones bar v4 names */
			*seen = 1;
			hit |= ipwithin(b, blen, ip, iplen);
		}
	}
	return hit;
}

/*
 * A name constraints extension's value against one name (dns, or ip of
 * iplen bytes): 1 if allowed, 0 if not, -1 if malformed. Only dNSName
 * and iPAddress subtrees constrain these names (RFC 5280 4.2.1.10).
 */
int
chain_ncallows(const unsigned char *v, size_t len, const char *dns,
    const unsigned char *ip, size_t iplen)
{
	const unsigned char *p = v, *end = v + len, *s;
	size_t slen;
	unsigned tag, type = dns != NULL ? 0x82 : 0x87;
	int seen, r, permitted = 1;

	if (der_tlv(&p, end, &tag, &v, &len) == -1 || tag != 0x30 || p != end)
		return -1;
	p = v;
	end = v + len;
	while (p < end) {
		if (der_tlv(&p, end, &tag, &s, &slen) == -1 ||
		    (tag != 0xa0 && tag != 0xa1))
			return -1;
		if ((r = subtrees(s, slen, type, dns, ip, iplen, &seen)) == -1)
			return -1;
		if (tag == 0xa1 && r == 1)
			return 0;
		if (tag == 0xa0 && seen && r == 0)
			permitted = 0;
	}
	return permitted;
}

/*
 * Every name the constraints apply to: the server's (name, or the
 * address ip) and the leaf's dNSName and iPAddress alternative names.
 * 1 if all are allowed, 0 if one is not, -1 if malformed.
 */
int
chain_ncleaf(const struct certinfo *ca, const struct certinfo *leaf,
    const char *name, const unsigned char *ip, size_t iplen)
{
	const unsigned char *p, *end, *v;
	char dns[256];
	size_t len;
	unsigned tag;
	int r;

	if (name != NULL || iplen > 0)
		if ((r = chain_ncallows(ca->nc, ca->nclen, name, ip, iplen)) != 1)
			return r;
	if (leaf->san == NULL)
		return 1;
	p = leaf->san;
	end = p + leaf->sanlen;
	if (der_tlv(&p, end, &tag, &v, &len) == -1 || tag != 0x30)
		return -1;
	p = v;
	end = v + len;
	while (p < end) {
		if (der_tlv(&p, end, &tag, &v, &len) == -1)
			return -1;
		if (tag == 0x82) {
			if (len >= sizeof(dns) || memchr(v, 0, len) != NULL)
				return -1;
			memcpy(dns, v, len);
			dns[len] = '\0';
			r = chain_ncallows(ca->nc, ca->nclen, dns, NULL, 0);
		} else if (tag == 0x87 && (len == 4 || len == 16))
			r = chain_ncallows(ca->nc, ca->nclen, NULL, v, len);
		else
			continue;
		if (r != 1)
			return r;
	}
	return 1;
}

static int
dneq(const unsigned char *a, size_t alen, const unsigned char *b,
    size_t blen)
{
	return alen == blen && memcmp(a, b, alen) == 0;
}

/*
 * The path from what the server sent, in any order: the first is the
 * leaf (TLS 1.2 puts it first), then each certificate's issuer among the
 * others. Returns its length; certificates off the path are left out.
 */
int
chain_order(const struct certinfo *c, int n, int *path)
{
	int len = 0, i, last, used[CHAINCERTS] = { 0 };

	if (n < 1 || n > CHAINCERTS)
		return 0;
	path[len++] = 0;
	used[0] = 1;
	while (len < n) {
		last = path[len - 1];
		if (dneq(c[last].subject, c[last].subjectlen, c[last].issuer,
		    c[last].issuerlen))
			break;		/* self-issued: a root */
		for (i = 0; i < n; i++)
			if (!used[i] && dneq(c[i].subject, c[i].subjectlen,
			    c[last].issuer, c[last].issuerlen))
				break;
		if (i == n)
			break;
		used[i] = 1;
		path[len++] = i;
	}
	return len;
}

/* A certificate's name c (len bytes) against host n; "*." is one label. */
static int
hostmatch(const unsigned char *c, size_t clen, const char *n)
{
	size_t len = strlen(n);
	const char *dot;

	if (len > 0 && n[len - 1] == '.')
		len--;
	if (clen > 2 && c[0] == '*' && c[1] == '.') {
		if ((dot = memchr(n, '.', len)) == NULL || dot == n)
			return 0;
		return (size_t)(n + len - dot) == clen - 1 &&
		    strncasecmp(dot, (const char *)c + 1, clen - 1) == 0;
	}
	return clen == len && strncasecmp(n, (const char *)c, len) == 0;
}

/* Common names in the subject, as BearSSL reads them without SAN. */
static int
cnmatch(const struct certinfo *ci, const char *name)
{
	static const unsigned char cn[] = { 0x55, 0x04, 0x03 };
	const unsigned char *p = ci->subject, *end = p + ci->subjectlen;
	const unsigned char *set, *send, *atv, *aend, *o, *v;
	size_t len, olen, vlen;
	unsigned tag;

	if (der_tlv(&p, end, &tag, &set, &len) == -1 || tag != 0x30)
		return -1;
	for (p = set, end = set + len; p < end;) {
		if (der_tlv(&p, end, &tag, &set, &len) == -1 || tag != 0x31)
			return -1;
		for (send = set + len; set < send;) {
			if (der_tlv(&set, send, &tag, &atv, &len) == -1)
				return -1;
			aend = atv + len;
			if (der_tlv(&atv, aend, &tag, &o, &olen) == -1 ||
			    der_tlv(&atv, aend, &tag, &v, &vlen) == -1)
				return -1;
			if (OIDEQ(o, olen, cn) && hostmatch(v, vlen, name))
				return 1;
		}
	}
	return 0;
}

/*
 * Whether the leaf is for host name: its dNSName alternative names, or
 * its common name only when it has no subjectAltName extension at all
 * (BearSSL's documented rule, bearssl_x509.h; curl's too).
 * 1 if it is, 0 if not, -1 if malformed.
 */
int
chain_namematch(const struct certinfo *ci, const char *name)
{
	const unsigned char *p, *end, *v;
	size_t len;
	unsigned tag;

	if (ci->san != NULL) {
		p = ci->san;
		end = p + ci->sanlen;
		if (der_tlv(&p, end, &tag, &v, &len) == -1 || tag != 0x30)
			return -1;
		for (p = v, end = v + len; p < end;) {
			if (der_tlv(&p, end, &tag, &v, &len) == -1)
				return -1;
			if (tag == 0x82 && hostmatch(v, len, name))
				return 1;
		}
		return 0;
	}
	return cnmatch(ci, name);
}
