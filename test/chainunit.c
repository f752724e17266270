/* Table-driven tests of chain.c's DER walkers: one line per table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ddnsup.h"
#include "util.h"
#include "chain.h"

#include "check.h"

/* A PEM certificate's DER (the first one in the file). */
static size_t
der(const char *path, unsigned char *out, size_t cap)
{
	static char b64[65536];
	char line[128];
	size_t len = 0;
	int in = 0, n;
	FILE *fp;

	if ((fp = fopen(path, "r")) == NULL)
		return 0;
	while (fgets(line, sizeof(line), fp) != NULL) {
		line[strcspn(line, "\r\n")] = '\0';
		if (strncmp(line, "-----BEGIN", 10) == 0)
			in = 1;
		else if (strncmp(line, "-----END", 8) == 0)
			break;
		else if (in && len + strlen(line) < sizeof(b64)) {
			memcpy(b64 + len, line, strlen(line));
			len += strlen(line);
		}
	}
	fclose(fp);
	b64[len] = '\0';
	n = b64decode(out, cap, b64);
	return n > 0 ? (size_t)n : 0;
}

/* DER builder: tag, then the bytes of what was put since mark */
struct buf {
	unsigned char b[512];
	size_t len;
};

static void
put(struct buf *d, const void *p, size_t len)
{
	memcpy(d->b + d->len, p, len);
	d->len += len;
}

static void
wrap(struct buf *d, size_t mark, unsigned tag)
{
	size_t n = d->len - mark;

	memmove(d->b + mark + 2, d->b + mark, n);
	d->b[mark] = (unsigned char)tag;
	d->b[mark + 1] = (unsigned char)n;
	d->len += 2;
}

/* "d:NAME" a dNSName subtree, "i:a.b.c.d/m.m.m.m" an iPAddress one */
static void
subtree(struct buf *d, const char *s)
{
	unsigned a[8];
	unsigned char ip[8];
	size_t mark = d->len, m2;
	int i;

	m2 = d->len;
	if (s[0] == 'd') {
		put(d, s + 2, strlen(s + 2));
		wrap(d, m2, 0x82);
	} else {
		sscanf(s + 2, "%u.%u.%u.%u/%u.%u.%u.%u", &a[0], &a[1], &a[2],
		    &a[3], &a[4], &a[5], &a[6], &a[7]);
		for (i = 0; i < 8; i++)
			ip[i] = (unsigned char)a[i];
		put(d, ip, 8);
		wrap(d, m2, 0x87);
	}
	wrap(d, mark, 0x30);
}

/* name constraints: permitted and excluded lists, "" for none */
static void
nc(struct buf *d, const char *perm, const char *excl)
{
	char tmp[128], *t;
	const char *lists[2] = { perm, excl };
	size_t mark, m2;
	int k;

	d->len = 0;
	mark = d->len;
	for (k = 0; k < 2; k++) {
		if (*lists[k] == '\0')
			continue;
		m2 = d->len;
		snprintf(tmp, sizeof(tmp), "%s", lists[k]);
		for (t = strtok(tmp, " "); t != NULL; t = strtok(NULL, " "))
			subtree(d, t);
		wrap(d, m2, k == 0 ? 0xa0 : 0xa1);
	}
	wrap(d, mark, 0x30);
}

static void
t_nc(void)
{
	static const struct {
		const char *perm, *excl, *name;
		int ok;
	} v[] = {
		{ "d:example.org", "", "example.org", 1 },
		{ "d:example.org", "", "a.example.org", 1 },
		{ "d:example.org", "", "A.EXAMPLE.ORG.", 1 },
		{ "d:example.org", "", "badexample.org", 0 },
		{ "d:example.org", "", "example.net", 0 },
		{ "d:.example.org", "", "example.org", 0 },
		{ "d:.example.org", "", "a.example.org", 1 },
		{ "d:example.net d:example.org", "", "b.example.org", 1 },
		{ "", "d:example.org", "a.example.org", 0 },
		{ "", "d:example.org", "example.com", 1 },
		{ "d:example.org", "d:bad.example.org", "x.bad.example.org", 0 },
		{ "d:example.org", "d:bad.example.org", "good.example.org", 1 },
		{ "d:", "", "anything.example", 1 },
		{ "i:192.0.2.0/255.255.255.0", "", "example.org", 1 },
		{ "", "i:192.0.2.0/255.255.255.0", "example.org", 1 },
		{ "i:192.0.2.0/255.255.255.0", "", "i192.0.2.9", 1 },
		{ "i:192.0.2.0/255.255.255.0", "", "i198.51.100.1", 0 },
		{ "", "i:192.0.2.9/255.255.255.255", "i192.0.2.9", 0 },
		{ "", "i:192.0.2.9/255.255.255.255", "i192.0.2.8", 1 },
		{ "d:example.org", "", "i192.0.2.8", 1 },
	};
	struct buf d;
	unsigned char ip[4];
	unsigned a[4];
	size_t i, cut;
	int r;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		nc(&d, v[i].perm, v[i].excl);
		if (v[i].name[0] == 'i') {
			sscanf(v[i].name + 1, "%u.%u.%u.%u", &a[0], &a[1], &a[2],
			    &a[3]);
			for (r = 0; r < 4; r++)
				ip[r] = (unsigned char)a[r];
			r = chain_ncallows(d.b, d.len, NULL, ip, 4);
		} else
			r = chain_ncallows(d.b, d.len, v[i].name, NULL, 0);
		CHECK(r == v[i].ok, "permitted '%s' excluded '%s' %s: %d",
		    v[i].perm, v[i].excl, v[i].name, r);
	}
	nc(&d, "d:example.org", "d:bad.example.org");
	for (cut = 0; cut < d.len; cut++)
		CHECK(chain_ncallows(d.b, cut, "a.example.org", NULL, 0) == -1,
		    "cut at %zu", cut);
	CHECK(chain_ncallows((const unsigned char *)"\x30\x02\xa2\x00", 4,
	    "a", NULL, 0) == -1, "unknown [2] element");
	/* permitted 2001:db8::/32 only: IPv4 names are not within it */
	memcpy(d.b, "\x30\x26\xa0\x24\x30\x22\x87\x20\x20\x01\x0d\xb8"
	    "\0\0\0\0\0\0\0\0\0\0\0\0\xff\xff\xff\xff\0\0\0\0\0\0\0\0\0\0\0\0",
	    40);
	ip[0] = 127, ip[1] = 0, ip[2] = 0, ip[3] = 1;
	CHECK(chain_ncallows(d.b, 40, NULL, ip, 4) == 0, "v6 subtree, v4 name");
	CHECK(chain_ncallows(d.b, 40, "a.example.org", NULL, 0) == 1,
	    "v6 subtree, DNS name");
	/* an iPAddress subtree of 5 bytes: malformed, for any name */
	CHECK(chain_ncallows((const unsigned char *)"\x30\x0b\xa0\x09\x30"
	    "\x07\x87\x05\x7f\0\0\x01\xff", 13, "a", NULL, 0) == -1,
	    "iPAddress subtree of 5 bytes");
	done("name constraints: dNSName and iPAddress subtrees");
}

static void
t_eku(void)
{
	static const struct {
		const char *der;
		size_t len;
		int ok;
	} v[] = {
		{ "\x30\x0a\x06\x08\x2b\x06\x01\x05\x05\x07\x03\x01", 12, 1 },
		{ "\x30\x0a\x06\x08\x2b\x06\x01\x05\x05\x07\x03\x02", 12, 0 },
		{ "\x30\x14\x06\x08\x2b\x06\x01\x05\x05\x07\x03\x02"
		  "\x06\x08\x2b\x06\x01\x05\x05\x07\x03\x01", 22, 1 },
		{ "\x30\x06\x06\x04\x55\x1d\x25\x00", 8, 0 },	/* any */
		{ "\x30\x00", 2, 0 },
		{ "\x30\x0a\x04\x08\x2b\x06\x01\x05\x05\x07\x03\x01", 12, -1 },
		{ "\x30\x0b\x06\x08\x2b\x06\x01\x05\x05\x07\x03\x01", 12, -1 },
		{ "\x31\x00", 2, -1 },
	};
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		CHECK(chain_ekuserver((const unsigned char *)v[i].der,
		    v[i].len) == v[i].ok, "EKU %zu", i);
	done("extended key usage: serverAuth (anyExtendedKeyUsage is not)");
}

static unsigned char certs[4][4096];
static struct certinfo ci[4];

static int
load(int i, const char *name)
{
	char path[64];
	size_t len;

	snprintf(path, sizeof(path), "certs/%s.pem", name);
	len = der(path, certs[i], sizeof(certs[i]));
	return len > 0 ? chain_parse(certs[i], len, &ci[i]) : -1;
}

static void
t_parse(void)
{
	size_t cut;
	int kt;

	CHECK(load(0, "ec") == 0, "ec.pem");
	CHECK(chain_sighash(&ci[0], &kt) == 4 && kt == 2, "ecdsa-with-SHA256");
	CHECK(ci[0].eku != NULL && !ci[0].ekucrit &&
	    chain_ekuserver(ci[0].eku, ci[0].ekulen) == 1, "EKU serverAuth");
	CHECK(!ci[0].ca && ci[0].pathlen == -1 && ci[0].haveku &&
	    ci[0].ku == 0xa0, "leaf: not a CA, KU %02x", ci[0].ku);
	CHECK(chain_namematch(&ci[0], "localhost") == 1, "localhost");
	CHECK(chain_namematch(&ci[0], "LocalHost.") == 1, "LocalHost.");
	CHECK(chain_namematch(&ci[0], "a.localhost") == 0, "a.localhost");
	CHECK(load(1, "int") == 0 && ci[1].ca && ci[1].pathlen == 0 &&
	    ci[1].ku & 0x04, "int.pem: CA, pathlen 0, keyCertSign");
	CHECK(load(2, "rsa") == 0 && chain_sighash(&ci[2], &kt) == 4 &&
	    kt == 2, "rsa.pem is signed by the EC intermediate");
	CHECK(load(3, "wild") == 0, "wild.pem");
	CHECK(chain_namematch(&ci[3], "a.localhost") == 1, "*.localhost");
	CHECK(chain_namematch(&ci[3], "localhost") == 0, "bare localhost");
	CHECK(chain_namematch(&ci[3], "a.b.localhost") == 0, "two labels");
	CHECK(!ci[0].unkcrit && !ci[0].algdiff, "no unknown critical "
	    "extension, one signature algorithm");
	/* a SAN with an address only: the CN is not used (BearSSL's rule) */
	ci[2].san = (const unsigned char *)"\x30\x06\x87\x04\x7f\0\0\x01";
	ci[2].sanlen = 8;
	ci[2].subject = (const unsigned char *)"\x30\x14\x31\x12\x30\x10"
	    "\x06\x03\x55\x04\x03\x0c\x09localhost";
	ci[2].subjectlen = 22;
	CHECK(chain_namematch(&ci[2], "localhost") == 0, "SAN without dNSName");
	ci[2].san = NULL;
	CHECK(chain_namematch(&ci[2], "localhost") == 1, "no SAN: the CN");
	for (cut = 0; cut < ci[0].len; cut++)
		CHECK(chain_parse(certs[0], cut, &ci[2]) == -1, "cut %zu", cut);
	done("certificate fields: signature, EKU, constraints, names");
}

static void
t_order(void)
{
	int path[CHAINCERTS], n;

	/* leaf, root, intermediate: the root goes last */
	CHECK(load(0, "ec") == 0 && load(1, "ca") == 0 && load(2, "int") == 0,
	    "certificates");
	n = chain_order(ci, 3, path);
	CHECK(n == 3 && path[0] == 0 && path[1] == 2 && path[2] == 1,
	    "root first: %d %d %d (%d)", path[0], path[1], path[2], n);
	/* another CA off the path is left out */
	CHECK(load(1, "other") == 0, "other.pem");
	n = chain_order(ci, 3, path);
	CHECK(n == 2 && path[0] == 0 && path[1] == 2, "unrelated CA: %d", n);
	/* the leaf alone */
	CHECK(chain_order(ci, 1, path) == 1, "one");
	CHECK(chain_order(ci, 0, path) == 0, "none");
	done("chain order: leaf first, then each issuer");
}

int
main(void)
{
	t_nc();
	t_eku();
	t_parse();
	t_order();
	return failures != 0;
}
