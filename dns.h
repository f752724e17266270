/* dns.c: DNS messages, written and read within bounds (RFC 1035, RFC 2136) */

#define DNS_NAMEMAX	256	/* a name's text form, with its NUL */
#define DNS_UDPMAX	512	/* RFC 1035's UDP limit: more goes by TCP */
#define DNS_MSGMAX	65535

enum {
	DNS_A = 1, DNS_NS = 2, DNS_SOA = 6, DNS_AAAA = 28, DNS_TSIG = 250,
	DNS_ANY = 255
};
enum { DNS_IN = 1, DNS_NONE = 254, DNS_CLASSANY = 255 };
enum { DNS_QUERY = 0, DNS_UPDATE = 5 };
enum {
	DNS_NOERROR, DNS_FORMERR, DNS_SERVFAIL, DNS_NXDOMAIN, DNS_NOTIMP,
	DNS_REFUSED, DNS_YXDOMAIN, DNS_YXRRSET, DNS_NXRRSET, DNS_NOTAUTH,
	DNS_NOTZONE
};

/* A message being written; err set once anything did not fit. */
struct dnsbuf {
	unsigned char *p;
	size_t cap, len;
	int err;
};

/* One resource record as read: its RDATA stays in the message. */
struct dnsrr {
	char name[DNS_NAMEMAX];
	unsigned type, klass;
	unsigned long ttl;
	size_t start;		/* where the record begins */
	size_t rdoff, rdlen;
};

/* A reply's header, and where each section begins. */
struct dnshdr {
	unsigned id, flags, rcode, opcode;
	unsigned count[4];	/* question, answer, authority, additional */
	int tc;
	size_t sect[4];		/* offset of each section's first entry */
};

/* Start a message in buf. */
void dns_init(struct dnsbuf *, unsigned char *, size_t);
/* Append a 16-bit, a 32-bit number, or bytes (network order). */
void dns_u16(struct dnsbuf *, unsigned);
void dns_u32(struct dnsbuf *, unsigned long);
void dns_bytes(struct dnsbuf *, const void *, size_t);
/* Append a text name in wire form, uncompressed (lower: in lower case); -1 if not a name. */
int dns_name(struct dnsbuf *, const char *, int);
/* Append a record's owner, type, class, TTL; the RDATA follows (see dns_rdlen). */
void dns_rrhead(struct dnsbuf *, const char *, unsigned, unsigned,
    unsigned long);
/* Put a 16-bit number at an offset already written. */
void dns_put16(struct dnsbuf *, size_t, unsigned);
/* A query for name's type, with id, into buf. Returns its length, or -1. */
int dns_query(unsigned char *, size_t, unsigned, const char *, unsigned);

/* Read a name at *off into out (NULL: skip it), following pointers only backwards. */
int dns_getname(const unsigned char *, size_t, size_t *, char *, size_t);
/* The header, with every section's extent checked; -1 if malformed. */
int dns_header(const unsigned char *, size_t, struct dnshdr *);
/* The record at *off (not a question), *off then past it; -1 if malformed. */
int dns_getrr(const unsigned char *, size_t, size_t *, struct dnsrr *);
/* Read a 16-bit number at off (the caller checked the bound). */
unsigned dns_get16(const unsigned char *, size_t);
/* The zone and its primary (SOA MNAME) from an SOA query's answer or authority; 0, or -1. */
int dns_soa(const unsigned char *, size_t, const struct dnshdr *, char *,
    char *);
/* An RCODE's name (extended ones included: BADSIG ...). */
const char *dns_rcodename(unsigned);
/* 1 when a is b or under it (case-insensitive, text names). */
int dns_under(const char *, const char *);
