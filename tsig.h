/* tsig.c: TSIG (RFC 8945) signing of a DNS message and checking of its reply; needs dns.h */

#define TSIG_MACMAX	64
#define TSIG_KEYMAX	128	/* a key's bytes: BIND's tsig-keygen makes 32 to 64 */
#define TSIG_FUDGE	300

enum tsigalg {
	TSIG_MD5, TSIG_SHA1, TSIG_SHA224, TSIG_SHA256, TSIG_SHA384, TSIG_SHA512
};

struct tsigkey {
	char name[DNS_NAMEMAX];	/* no trailing dot */
	int alg;
	unsigned char secret[TSIG_KEYMAX];
	size_t len;
};

/* What a reply's TSIG said. */
struct tsigreply {
	unsigned error;		/* TSIG's error field: BADSIG 16 ... */
	int unsigned_;		/* an empty MAC (BADSIG, BADKEY replies) */
	long long time;		/* its Time Signed */
	long long other;	/* BADTIME: the server's clock, else -1 */
};

/* An algorithm by its nsupdate/BIND name (hmac-sha256 ...), or -1. */
int tsig_alg(const char *);
/* An algorithm's BIND name. */
const char *tsig_algname(int);
/*
 * Sign the message in b (its additional count is raised by one): the
 * TSIG record appended, its MAC copied to mac (TSIG_MACMAX bytes); a
 * reply is signed over the request's MAC (reqmac; NULL for a request).
 * Returns the MAC's length, or -1 when it did not fit.
 */
int tsig_sign(struct dnsbuf *, const struct tsigkey *, long long,
    const unsigned char *, size_t, unsigned char *);
/*
 * Check a reply's TSIG against the request's MAC: 0 when its MAC is
 * right, 1 when it carries an error with no MAC (BADSIG, BADKEY: nothing
 * to verify), -1 with lastfail (F_PROTO) for anything else.
 */
int tsig_verify(const unsigned char *, size_t, const struct dnshdr *,
    const struct tsigkey *, const unsigned char *, size_t,
    struct tsigreply *);
