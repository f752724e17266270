/* chain.c: DER walkers over one certificate and the chain's order (no BearSSL) */
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

/* Read a DER tag and length (single-byte tags, definite lengths); -1 if malformed. */
int der_tlv(const unsigned char **, const unsigned char *, unsigned *,
    const unsigned char **, size_t *);
/* The fields of one certificate; -1 if it is not a certificate's DER. */
int chain_parse(const unsigned char *, size_t, struct certinfo *);
/* The signature's hash (BearSSL's ids) and key type; 0 when not known. */
int chain_sighash(const struct certinfo *, int *);
/* An EKU extension's value: 1 if it allows a TLS server, 0 if not, -1. */
int chain_ekuserver(const unsigned char *, size_t);
/* Name constraints against a DNS name and an address: 1 allowed, 0 not, -1 malformed. */
int chain_ncallows(const unsigned char *, size_t, const char *,
    const unsigned char *, size_t);
/* A CA's name constraints against every name of the leaf: 1, 0 or -1. */
int chain_ncleaf(const struct certinfo *, const struct certinfo *,
    const char *, const unsigned char *, size_t);
/* The path from the leaf up, as indexes into path; its length. */
int chain_order(const struct certinfo *, int, int *);
/* 1 if the certificate names host, 0 if not, -1 if malformed. */
int chain_namematch(const struct certinfo *, const char *);
