/* TSIG (RFC 8945): the request's signature and the reply's check, with BearSSL's HMAC. */
#include <bearssl.h>

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "ddnsup.h"
#include "util.h"
#include "dns.h"
#include "tsig.h"

static const struct {
	const char *name;	/* as nsupdate and BIND's key files say it */
	const char *wire;	/* the algorithm's name in the record */
	const br_hash_class *hash;
	size_t size;		/* the MAC's bytes */
} algs[] = {
	{ "hmac-md5", "hmac-md5.sig-alg.reg.int", &br_md5_vtable, 16 },
	{ "hmac-sha1", "hmac-sha1", &br_sha1_vtable, 20 },
	{ "hmac-sha224", "hmac-sha224", &br_sha224_vtable, 28 },
	{ "hmac-sha256", "hmac-sha256", &br_sha256_vtable, 32 },
	{ "hmac-sha384", "hmac-sha384", &br_sha384_vtable, 48 },
	{ "hmac-sha512", "hmac-sha512", &br_sha512_vtable, 64 },
};

int
tsig_alg(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(algs) / sizeof(algs[0]); i++)
		if (strcasecmp(name, algs[i].name) == 0 ||
		    strcasecmp(name, algs[i].wire) == 0)
			return (int)i;
	return -1;
}

const char *
tsig_algname(int alg)
{
	return algs[alg].name;
}

/*
 * The TSIG variables (RFC 8945 4.3.3): key and algorithm names in
 * canonical form, class ANY, TTL 0, then time, fudge, error, other.
 */
static void
variables(struct dnsbuf *b, const struct tsigkey *k, long long t,
    unsigned error, const unsigned char *other, size_t otherlen)
{
	dns_name(b, k->name, 1);
	dns_u16(b, DNS_CLASSANY);
	dns_u32(b, 0);
	dns_name(b, algs[k->alg].wire, 1);
	dns_u16(b, (unsigned)(t >> 32 & 0xffff));
	dns_u32(b, (unsigned long)(t & 0xffffffffLL));
	dns_u16(b, TSIG_FUDGE);
	dns_u16(b, error);
	dns_u16(b, (unsigned)otherlen);
	dns_bytes(b, other, otherlen);
}

int
tsig_sign(struct dnsbuf *b, const struct tsigkey *k, long long now,
    const unsigned char *reqmac, size_t reqmaclen, unsigned char *mac)
{
	unsigned char vars[600], len2[2];
	struct dnsbuf v;
	br_hmac_key_context kc;
	br_hmac_context hc;
	size_t maclen, rdlen;

	dns_init(&v, vars, sizeof(vars));
	variables(&v, k, now, 0, NULL, 0);
	if (b->err || v.err || b->len < 12)
		return -1;
	br_hmac_key_init(&kc, algs[k->alg].hash, k->secret, k->len);
	br_hmac_init(&hc, &kc, 0);
	if (reqmac != NULL) {
		/* a reply: the request's MAC first (RFC 8945 4.3.1) */
		len2[0] = (unsigned char)(reqmaclen >> 8);
		len2[1] = (unsigned char)(reqmaclen & 255);
		br_hmac_update(&hc, len2, 2);
		br_hmac_update(&hc, reqmac, reqmaclen);
	}
	br_hmac_update(&hc, b->p, b->len);
	br_hmac_update(&hc, vars, v.len);
	maclen = br_hmac_out(&hc, mac);
	wipe(&kc, sizeof(kc));
	wipe(&hc, sizeof(hc));
	dns_rrhead(b, k->name, DNS_TSIG, DNS_CLASSANY, 0);
	rdlen = b->len;
	dns_u16(b, 0);
	dns_name(b, algs[k->alg].wire, 0);
	dns_u16(b, (unsigned)(now >> 32 & 0xffff));
	dns_u32(b, (unsigned long)(now & 0xffffffffLL));
	dns_u16(b, TSIG_FUDGE);
	dns_u16(b, (unsigned)maclen);
	dns_bytes(b, mac, maclen);
	dns_u16(b, dns_get16(b->p, 0));	/* original ID */
	dns_u16(b, 0);
	dns_u16(b, 0);
	if (b->err)
		return -1;
	dns_put16(b, rdlen, (unsigned)(b->len - rdlen - 2));
	dns_put16(b, 10, dns_get16(b->p, 10) + 1);
	return (int)maclen;
}

static long long
get48(const unsigned char *p)
{
	return (long long)dns_get16(p, 0) << 32 |
	    (long long)dns_get16(p, 2) << 16 | dns_get16(p, 4);
}

int
tsig_verify(const unsigned char *m, size_t len, const struct dnshdr *h,
    const struct tsigkey *k, const unsigned char *reqmac, size_t reqmaclen,
    struct tsigreply *r)
{
	unsigned char hdr[12], len2[2], mac[TSIG_MACMAX], vars[600];
	char alg[DNS_NAMEMAX];
	struct dnsrr rr;
	struct dnsbuf v;
	br_hmac_key_context kc;
	br_hmac_context hc;
	size_t p, end, maclen, macoff, otherlen, i;
	unsigned n = h->count[3], diff;

	memset(r, 0, sizeof(*r));
	r->other = -1;
	if (n == 0)
		return fail(F_PROTO, "the reply is not signed (no TSIG)");
	/* the TSIG is the last record of the message */
	p = h->sect[3];
	for (i = 0; i < n; i++)
		if (dns_getrr(m, len, &p, &rr) == -1)
			return fail(F_PROTO, "malformed reply");
	if (rr.type != DNS_TSIG)
		return fail(F_PROTO, "the reply is not signed (no TSIG)");
	if (strcasecmp(rr.name, k->name) != 0)
		return fail(F_PROTO, "the reply is signed with another key");
	p = rr.rdoff;
	end = rr.rdoff + rr.rdlen;
	if (dns_getname(m, end, &p, alg, sizeof(alg)) == -1 || end - p < 10)
		return fail(F_PROTO, "malformed TSIG in the reply");
	if (tsig_alg(alg) != k->alg)
		return fail(F_PROTO, "the reply is signed with another algorithm "
		    "(%s)", alg);
	r->time = get48(m + p);
	maclen = dns_get16(m, p + 8);
	macoff = p + 10;
	if (maclen > end - macoff || end - macoff - maclen < 6)
		return fail(F_PROTO, "malformed TSIG in the reply");
	p = macoff + maclen;
	r->error = dns_get16(m, p + 2);
	otherlen = dns_get16(m, p + 4);
	if (otherlen != end - p - 6)
		return fail(F_PROTO, "malformed TSIG in the reply");
	if (otherlen == 6)
		r->other = get48(m + p + 6);
	if (maclen == 0 && (r->error == 16 || r->error == 17)) {
		r->unsigned_ = 1;
		return 1;
	}
	if (maclen != algs[k->alg].size)
		return fail(F_PROTO, "the reply's TSIG MAC has %zu bytes", maclen);
	/* the reply as it was before its TSIG: ARCOUNT one less, the original ID */
	memcpy(hdr, m, 12);
	hdr[0] = m[p];
	hdr[1] = m[p + 1];
	hdr[10] = (unsigned char)((n - 1) >> 8);
	hdr[11] = (unsigned char)((n - 1) & 255);
	dns_init(&v, vars, sizeof(vars));
	variables(&v, k, r->time, r->error, m + p + 6, otherlen);
	if (v.err)
		return fail(F_PROTO, "malformed TSIG in the reply");
	len2[0] = (unsigned char)(reqmaclen >> 8);
	len2[1] = (unsigned char)(reqmaclen & 255);
	br_hmac_key_init(&kc, algs[k->alg].hash, k->secret, k->len);
	br_hmac_init(&hc, &kc, 0);
	br_hmac_update(&hc, len2, 2);
	br_hmac_update(&hc, reqmac, reqmaclen);
	br_hmac_update(&hc, hdr, 12);
	br_hmac_update(&hc, m + 12, rr.start - 12);
	br_hmac_update(&hc, vars, v.len);
	br_hmac_out(&hc, mac);
	wipe(&kc, sizeof(kc));
	wipe(&hc, sizeof(hc));
	for (diff = 0, i = 0; i < maclen; i++)
		diff |= mac[i] ^ m[macoff + i];
	if (diff != 0)
		return fail(F_PROTO, "the reply's TSIG does not verify (a forged "
		    "or damaged reply)");
	return 0;
}
