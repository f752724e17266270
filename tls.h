/* Between tls.c, cert.c and x509.c only: the one place BearSSL's types are shared. */
#include <bearssl.h>

const br_x509_class **cert_verifier(br_ssl_engine_context *, const char *,
    const struct pin *, int, long long);
const char *cert_why(int *, unsigned char *);
const br_x509_trust_anchor *cert_trust(size_t *, const char **);
int cert_anchorcurrent(const br_x509_trust_anchor *, uint32_t, uint32_t);
int cert_anchorlimits(const br_x509_trust_anchor *, const unsigned char **,
    size_t *);

/* chain.c: the certificate fields the chain's checks read (no BearSSL) */
#define CHAINCERTS	8	/* certificates kept from the server's chain */

struct certinfo {
	const unsigned char *der, *tbs, *issuer, *subject, *spki;
	size_t len, tbslen, issuerlen, subjectlen, spkilen;
	const unsigned char *sigalg, *sig;	/* OID value, signature bits */
	size_t sigalglen, siglen;
	const unsigned char *eku, *nc, *san;	/* extension values or NULL */
	size_t ekulen, nclen, sanlen;
	int ekucrit, nccrit;
	int unkcrit;	/* a critical extension not among those read here */
	int algdiff;	/* TBS and outer signature algorithms differ */
	int ca, pathlen;			/* basicConstraints; -1: none */
	int haveku;
	unsigned ku;				/* keyUsage's first byte */
};

int der_tlv(const unsigned char **, const unsigned char *, unsigned *,
    const unsigned char **, size_t *);
int chain_parse(const unsigned char *, size_t, struct certinfo *);
int chain_sighash(const struct certinfo *, int *);
int chain_ekuserver(const unsigned char *, size_t);
int chain_ncallows(const unsigned char *, size_t, const char *,
    const unsigned char *, size_t);
int chain_ncleaf(const struct certinfo *, const struct certinfo *,
    const char *, const unsigned char *, size_t);
int chain_order(const struct certinfo *, int, int *);
int chain_namematch(const struct certinfo *, const char *);
