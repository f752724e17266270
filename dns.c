/* DNS messages, written and read within bounds (RFC 1035, RFC 2136). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "dns.h"

#define MAXHOPS		64	/* compression pointers followed for one name */

void
dns_init(struct dnsbuf *b, unsigned char *p, size_t cap)
{
	b->p = p;
	b->cap = cap;
	b->len = 0;
	b->err = 0;
}

void
dns_bytes(struct dnsbuf *b, const void *p, size_t n)
{
	if (b->err || n > b->cap - b->len) {
		b->err = 1;
		return;
	}
	if (n == 0)
		return;		/* p may be NULL: memcpy may not be given it */
	memcpy(b->p + b->len, p, n);
	b->len += n;
}

void
dns_u16(struct dnsbuf *b, unsigned v)
{
	unsigned char c[2];

	c[0] = v >> 8 & 255;
	c[1] = v & 255;
	dns_bytes(b, c, 2);
}

void
dns_u32(struct dnsbuf *b, unsigned long v)
{
	dns_u16(b, (unsigned)(v >> 16 & 0xffff));
	dns_u16(b, (unsigned)(v & 0xffff));
}

void
dns_put16(struct dnsbuf *b, size_t off, unsigned v)
{
	if (b->err || off + 2 > b->len)
		return;
	b->p[off] = v >> 8 & 255;
	b->p[off + 1] = v & 255;
}

int
dns_name(struct dnsbuf *b, const char *name, int lower)
{
	unsigned char label[64];
	size_t n, i, total = 1;
	const char *p = name;

	if (strcmp(name, ".") == 0)
		p = "";
	while (*p != '\0') {
		n = strcspn(p, ".");
		if (n == 0 || n > 63 || (total += n + 1) > 255)
			return b->err = -1;
		label[0] = (unsigned char)n;
		for (i = 0; i < n; i++)
			label[i + 1] = lower ? (unsigned char)tolower(
			    (unsigned char)p[i]) : (unsigned char)p[i];
		dns_bytes(b, label, n + 1);
		p += n;
		if (*p == '.')
			p++;
	}
	dns_bytes(b, "", 1);
	return b->err ? -1 : 0;
}

void
dns_rrhead(struct dnsbuf *b, const char *name, unsigned type, unsigned klass,
    unsigned long ttl)
{
	dns_name(b, name, 0);
	dns_u16(b, type);
	dns_u16(b, klass);
	dns_u32(b, ttl);
}

int
dns_query(unsigned char *buf, size_t cap, unsigned id, const char *name,
    unsigned type)
{
	struct dnsbuf b;

	dns_init(&b, buf, cap);
	dns_u16(&b, id);
	dns_u16(&b, 0);		/* a query, no recursion asked */
	dns_u16(&b, 1);
	dns_u16(&b, 0);
	dns_u16(&b, 0);
	dns_u16(&b, 0);
	dns_name(&b, name, 0);
	dns_u16(&b, type);
	dns_u16(&b, DNS_IN);
	return b.err ? -1 : (int)b.len;
}

unsigned
dns_get16(const unsigned char *m, size_t off)
{
	return (unsigned)m[off] << 8 | m[off + 1];
}

/*
 * A name in wire form: labels, or a pointer to an earlier offset than
 * the label being read (so no loop), at most MAXHOPS of them and 255
 * bytes in all. The text has no trailing dot ("" for the root); a label
 * with a byte other than a letter, digit, '-', '_' or '*' is refused
 * when the text is wanted.
 */
int
dns_getname(const unsigned char *m, size_t len, size_t *off, char *out,
    size_t outlen)
{
	size_t p = *off, o = 0, total = 1, end = 0, i;
	unsigned c;
	int hops = 0, jumped = 0;

	for (;;) {
		if (p >= len)
			return -1;
		c = m[p];
		if ((c & 0xc0) == 0xc0) {
			if (p + 1 >= len || ++hops > MAXHOPS)
				return -1;
			if (!jumped)
				end = p + 2;
			jumped = 1;
			c = (c & 0x3f) << 8 | m[p + 1];
			if (c >= p)
				return -1;
			p = c;
			continue;
		}
		if (c & 0xc0)
			return -1;
		if (c == 0)
			break;
		if (p + 1 + c > len || (total += c + 1) > 255)
			return -1;
		if (out != NULL) {
			if (o + c + 2 > outlen)
				return -1;
			if (o > 0)
				out[o++] = '.';
			for (i = 0; i < c; i++) {
				unsigned char ch = m[p + 1 + i];
				if (!isalnum(ch) && ch != '-' && ch != '_' &&
				    ch != '*')
					return -1;
				out[o++] = (char)ch;
			}
		}
		p += 1 + c;
	}
	if (out != NULL) {
		if (o >= outlen)
			return -1;
		out[o] = '\0';
	}
	*off = jumped ? end : p + 1;
	return 0;
}

int
dns_getrr(const unsigned char *m, size_t len, size_t *off, struct dnsrr *rr)
{
	size_t p = *off;

	rr->start = p;
	if (dns_getname(m, len, &p, rr->name, sizeof(rr->name)) == -1 &&
	    (p = *off, rr->name[0] = '\0', dns_getname(m, len, &p, NULL,
	    0) == -1))
		return -1;
	if (len - p < 10)
		return -1;
	rr->type = dns_get16(m, p);
	rr->klass = dns_get16(m, p + 2);
	rr->ttl = (unsigned long)dns_get16(m, p + 4) << 16 | dns_get16(m, p + 6);
	rr->rdlen = dns_get16(m, p + 8);
	rr->rdoff = p + 10;
	if (rr->rdlen > len - rr->rdoff)
		return -1;
	*off = rr->rdoff + rr->rdlen;
	return 0;
}

int
dns_header(const unsigned char *m, size_t len, struct dnshdr *h)
{
	struct dnsrr rr;
	size_t p = 12;
	unsigned i, s;

	memset(h, 0, sizeof(*h));
	if (len < 12)
		return -1;
	h->id = dns_get16(m, 0);
	h->flags = dns_get16(m, 2);
	h->opcode = h->flags >> 11 & 15;
	h->rcode = h->flags & 15;
	h->tc = (h->flags & 0x0200) != 0;
	for (s = 0; s < 4; s++)
		h->count[s] = dns_get16(m, 4 + 2 * s);
	for (s = 0; s < 4; s++) {
		h->sect[s] = p;
		for (i = 0; i < h->count[s]; i++) {
			if (s == 0) {
				if (dns_getname(m, len, &p, NULL, 0) == -1 ||
				    len - p < 4)
					return -1;
				p += 4;
			} else if (dns_getrr(m, len, &p, &rr) == -1)
				return -1;
		}
	}
	/* a truncated reply may end anywhere: only its header counts */
	return p == len || h->tc ? 0 : -1;
}

/* 1 when a is b or a name under it. */
int
dns_under(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	if (lb == 0)
		return 1;
	if (la < lb || strcasecmp(a + la - lb, b) != 0)
		return 0;
	return la == lb || a[la - lb - 1] == '.';
}

int
dns_soa(const unsigned char *m, size_t len, const struct dnshdr *h,
    char *zone, char *mname)
{
	struct dnsrr rr;
	size_t p, q;
	unsigned i, s;

	for (s = 1; s <= 2; s++) {
		p = h->sect[s];
		for (i = 0; i < h->count[s]; i++) {
			if (dns_getrr(m, len, &p, &rr) == -1)
				return -1;
			if (rr.type != DNS_SOA || rr.klass != DNS_IN ||
			    rr.name[0] == '\0')
				continue;
			q = rr.rdoff;
			if (dns_getname(m, rr.rdoff + rr.rdlen, &q, mname,
			    DNS_NAMEMAX) == -1)
				return -1;
			memcpy(zone, rr.name, DNS_NAMEMAX);
			return 0;
		}
	}
	return -1;
}

const char *
dns_rcodename(unsigned rc)
{
	static const char *const names[] = {
		"NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP",
		"REFUSED", "YXDOMAIN", "YXRRSET", "NXRRSET", "NOTAUTH",
		"NOTZONE", "DSOTYPENI"
	};
	static const char *const tsig[] = {
		"BADSIG", "BADKEY", "BADTIME", "BADMODE", "BADNAME", "BADALG",
		"BADTRUNC", "BADCOOKIE"
	};
	static char other[16];

	if (rc < sizeof(names) / sizeof(names[0]))
		return names[rc];
	if (rc >= 16 && rc - 16 < sizeof(tsig) / sizeof(tsig[0]))
		return tsig[rc - 16];
	snprintf(other, sizeof(other), "RCODE%u", rc);
	return other;
}
