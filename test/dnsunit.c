/* Table-driven tests of dns.c's reader and rfc2136.c's key file parser. */
#include <sys/socket.h>

#include <stdio.h>
#include <string.h>

#include "ddnsup.h"
#include "util.h"
#include "dns.h"
#include "tsig.h"
#include "rfc2136.h"

#include "check.h"

#define H	"\0\0\0\0\0\0\0\0\0\0\0\0"	/* 12 bytes of header */

static void
t_names(void)
{
	static const struct {
		const char *m;
		size_t len, off;
		const char *want;	/* NULL: refused */
		size_t end;
	} v[] = {
		{ H "\3www\7example\3org", 30, 12, "www.example.org", 29 },
		{ H "\0", 13, 12, "", 13 },
		{ H "\3www\7example\3org\0\3abc\300\14", 36, 29,
		    "abc.www.example.org", 35 },
		/* a pointer to itself, forwards, to the middle of a loop */
		{ H "\300\14", 14, 12, NULL, 0 },
		{ H "\300\16\0\0", 16, 12, NULL, 0 },
		{ H "\1a\300\14", 16, 12, NULL, 0 },
		/* a pointer cut short, a label past the end, none at all */
		{ H "\300", 13, 12, NULL, 0 },
		{ H "\5ab", 15, 12, NULL, 0 },
		{ H, 12, 12, NULL, 0 },
		/* the reserved label types 01 and 10 */
		{ H "\100a\0", 15, 12, NULL, 0 },
		{ H "\200a\0", 15, 12, NULL, 0 },
		/* a byte a host name cannot have */
		{ H "\3a b\0", 17, 12, NULL, 0 },
	};
	unsigned char m[600];
	char out[DNS_NAMEMAX];
	size_t i, off;
	int r;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		off = v[i].off;
		r = dns_getname((const unsigned char *)v[i].m, v[i].len, &off,
		    out, sizeof(out));
		if (v[i].want == NULL)
			CHECK(r == -1, "%zu: accepted as %s", i, out);
		else
			CHECK(r == 0 && strcmp(out, v[i].want) == 0 &&
			    off == v[i].end, "%zu: %d %s %zu", i, r,
			    r == 0 ? out : "", off);
	}
	/* 128 labels of one byte: 256 bytes, one too many */
	for (i = 0; i < 128; i++) {
		m[2 * i] = 1;
		m[2 * i + 1] = 'a';
	}
	m[256] = 0;
	off = 0;
	CHECK(dns_getname(m, 257, &off, out, sizeof(out)) == -1,
	    "a 257-byte name accepted");
	off = 2;
	CHECK(dns_getname(m, 257, &off, out, sizeof(out)) == 0 &&
	    strlen(out) == 253, "a 255-byte name refused");
	/* the root, then pointers each one back: 64 hops, not 65 */
	m[0] = m[1] = 0;
	for (i = 1; i < 100; i++) {
		m[2 * i] = 0300;
		m[2 * i + 1] = (unsigned char)(2 * i - 2);
	}
	off = 128;
	CHECK(dns_getname(m, 200, &off, out, sizeof(out)) == 0 && off == 130,
	    "64 hops refused");
	off = 130;
	CHECK(dns_getname(m, 200, &off, NULL, 0) == -1, "65 hops followed");
	done("dns names: pointers only backwards, bounded");
}

static void
t_header(void)
{
	/* id 1, QR, NOERROR; one question, one A answer */
	static const unsigned char ok[] =
	    "\0\1\200\0\0\1\0\1\0\0\0\0"
	    "\1a\0\0\1\0\1"
	    "\300\14\0\1\0\1\0\0\0\74\0\4\300\0\2\1";
	struct dnshdr h;
	struct dnsrr rr;
	size_t off;

	CHECK(dns_header(ok, sizeof(ok) - 1, &h) == 0 && h.id == 1 &&
	    h.count[1] == 1 && h.sect[1] == 19, "a good reply refused");
	off = h.sect[1];
	CHECK(dns_getrr(ok, sizeof(ok) - 1, &off, &rr) == 0 &&
	    strcmp(rr.name, "a") == 0 && rr.type == DNS_A && rr.ttl == 60 &&
	    rr.rdlen == 4 && off == sizeof(ok) - 1, "the answer misread");
	CHECK(dns_header(ok, sizeof(ok) - 2, &h) == -1, "RDATA cut short");
	CHECK(dns_header(ok, sizeof(ok), &h) == -1, "a byte after the end");
	CHECK(dns_header(ok, 11, &h) == -1, "11 bytes");
	CHECK(strcmp(dns_rcodename(9), "NOTAUTH") == 0 &&
	    strcmp(dns_rcodename(16), "BADSIG") == 0 &&
	    strcmp(dns_rcodename(18), "BADTIME") == 0 &&
	    strcmp(dns_rcodename(15), "RCODE15") == 0, "rcode names");
	CHECK(dns_under("a.example.org", "example.org") &&
	    dns_under("example.org", "EXAMPLE.org") &&
	    !dns_under("aexample.org", "example.org") &&
	    !dns_under("org", "example.org"), "dns_under");
	done("dns header and records, within the message");
}

static void
t_keyfile(void)
{
	static const struct {
		const char *text, *name, *secret;
		int alg;
	} v[] = {
		{ "key \"ddns-key\" {\n\talgorithm hmac-sha256;\n\tsecret "
		    "\"c2VjcmV0\";\n};\n", "ddns-key", "c2VjcmV0", TSIG_SHA256 },
		{ "# tsig-keygen\nkey k1.example. { secret \"YQ==\"; /* x */ "
		    "algorithm HMAC-SHA512; };", "k1.example.", "YQ==",
		    TSIG_SHA512 },
		{ "key k { algorithm hmac-md5; secret \"YQ==\"; };", "k", "YQ==",
		    TSIG_MD5 },
		{ "key k { algorithm hmac-sha3; secret \"YQ==\"; };", NULL, NULL,
		    0 },
		{ "key k { algorithm hmac-sha256; };", NULL, NULL, 0 },
		{ "key k { algorithm hmac-sha256; secret \"YQ==\" };", NULL, NULL,
		    0 },
		{ "key k { secret \"YQ==; };", NULL, NULL, 0 },
		{ "YWJj", NULL, NULL, 0 },
	};
	char name[DNS_NAMEMAX], secret[256];
	size_t i;
	int alg, r;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		r = rfc2136_keyfile(v[i].text, name, sizeof(name), &alg, secret,
		    sizeof(secret));
		if (v[i].name == NULL)
			CHECK(r == -1, "%zu: accepted", i);
		else
			CHECK(r == 0 && strcmp(name, v[i].name) == 0 &&
			    strcmp(secret, v[i].secret) == 0 && alg == v[i].alg,
			    "%zu: %d %s", i, r, name);
	}
	done("rfc2136 BIND key files");
}

/* A reply signed over the request's MAC verifies; any change does not. */
static void
t_tsig(void)
{
	static const struct tsigkey k = { "ddnsup-key", TSIG_SHA256,
	    "0123456789abcdef0123456789abcdef", 32 };
	unsigned char q[512], r[512], reqmac[TSIG_MACMAX], mac[TSIG_MACMAX];
	struct tsigreply t;
	struct dnshdr h;
	struct dnsbuf b;
	int len, reqlen, maclen;

	len = dns_query(q, sizeof(q), 0x1234, "home.example.org", DNS_SOA);
	CHECK(len > 12, "query %d", len);
	dns_init(&b, q, sizeof(q));
	b.len = (size_t)len;
	reqlen = tsig_sign(&b, &k, 1700000000LL, NULL, 0, reqmac);
	CHECK(reqlen == 32, "request MAC %d", reqlen);
	memcpy(r, q, (size_t)len);
	r[2] |= 0x80;
	r[3] = (unsigned char)((r[3] & 0xf0) | DNS_SERVFAIL);
	r[10] = r[11] = 0;	/* the request's TSIG is not copied */
	dns_init(&b, r, sizeof(r));
	b.len = (size_t)len;
	maclen = tsig_sign(&b, &k, 1700000001LL, reqmac, (size_t)reqlen, mac);
	CHECK(maclen == 32 && dns_header(r, b.len, &h) == 0 &&
	    h.rcode == DNS_SERVFAIL, "reply");
	CHECK(tsig_verify(r, b.len, &h, &k, reqmac, 32, &t) == 0 &&
	    t.time == 1700000001LL && t.error == 0, "reply does not verify");
	reqmac[0] ^= 1;
	CHECK(tsig_verify(r, b.len, &h, &k, reqmac, 32, &t) == -1,
	    "verified over another request's MAC");
	reqmac[0] ^= 1;
	r[3] ^= 1;
	CHECK(tsig_verify(r, b.len, &h, &k, reqmac, 32, &t) == -1,
	    "verified a changed RCODE");
	done("tsig: a reply signed over the request's MAC");
}

int
main(void)
{
	t_names();
	t_header();
	t_keyfile();
	t_tsig();
	return failures != 0;
}
