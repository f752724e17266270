/* Certificates: trust anchors (PEM), pins, SubjectPublicKeyInfo. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ddnsup.h"
#include "util.h"
#include "cert.h"
#include "anchors.h"
#include "chain.h"

#define MAXANCHORS	512
#define ARENASIZE	(256 * 1024)
#define ANCHORDER	(16 * 1024)	/* larger anchors are skipped */

static br_x509_trust_anchor anchors[MAXANCHORS];
static size_t nanchors;
static const char *anchorfile;
static uint32_t validity[MAXANCHORS][4];	/* days, seconds: from, until */
static int pathlens[MAXANCHORS];		/* -1: none */
static const unsigned char *ncs[MAXANCHORS];	/* name constraints or NULL */
static size_t nclens[MAXANCHORS];
static unsigned char arena[ARENASIZE];
static size_t arenalen;

/* Default trust store: $SSL_CERT_FILE, else the first bundle that exists. */
const char *
cert_cafile(void)
{
	static const char *const paths[] = {
		"/etc/ssl/certs/ca-certificates.crt",
		"/etc/pki/tls/certs/ca-bundle.crt",
		"/etc/ssl/cert.pem",
	};
	const char *env = getenv("SSL_CERT_FILE");
	size_t i;

	if (env != NULL && *env != '\0')
		return env;
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		if (access(paths[i], R_OK) == 0)
			return paths[i];
	return NULL;
}

struct loader {
	br_x509_decoder_context x509;
	char line[80];		/* PEM lines are 64 characters */
	size_t linelen;
	int longline;
	unsigned char quad[4];	/* base64 characters not yet decoded */
	int nquad;
	int incert;
	int full;
	size_t dnstart;
	unsigned char hdr[6];	/* the certificate's DER header */
	size_t hdrlen;
	size_t left;		/* bytes of the certificate still to come */
	int bad;		/* malformed: stop feeding the decoder */
	unsigned char der[ANCHORDER];	/* the certificate, for its limits */
	size_t derlen;
	int derbig;
};

static void
appenddn(void *ctx, const void *buf, size_t len)
{
	struct loader *l = ctx;

	if (l->full || len > sizeof(arena) - arenalen) {
		l->full = 1;
		return;
	}
	memcpy(arena + arenalen, buf, len);
	arenalen += len;
}

/*
 * BearSSL 0.6's X.509 decoder reads through a NULL pointer when it is
 * given bytes after it has finished or failed (found by fuzzing): feed it
 * the DER SEQUENCE's length, read here, and nothing after an error.
 */
static void
pushcert(void *ctx, const void *buf, size_t len)
{
	struct loader *l = ctx;
	const unsigned char *p = buf;
	size_t n, i, k;

	while (len > 0 && !l->bad) {
		if (l->hdrlen < sizeof(l->hdr)) {
			l->hdr[l->hdrlen++] = *p++;
			len--;
			if (l->hdrlen < 2 || (l->hdr[1] & 0x80 &&
			    l->hdrlen < 2 + (size_t)(l->hdr[1] & 0x7f)))
				continue;
			if (l->hdr[0] != 0x30 || l->hdr[1] == 0x80 ||
			    (l->hdr[1] & 0x7f) > 3) {
				l->bad = 1;
				return;
			}
			k = l->hdr[1] & 0x80 ? (size_t)(l->hdr[1] & 0x7f) : 0;
			n = k ? 0 : l->hdr[1];
			for (i = 0; i < k; i++)
				n = n << 8 | l->hdr[2 + i];
			l->left = 2 + k + n - l->hdrlen;
			br_x509_decoder_push(&l->x509, l->hdr, l->hdrlen);
			l->hdrlen = sizeof(l->hdr);
			continue;
		}
		if (len > l->left) {
			l->bad = 1;	/* bytes after the certificate */
			len = l->left;
		}
		/* nor after it failed or finished: the opaque fields are 0.6's */
		if (len > 0 && (l->x509.err != 0 || l->x509.decoded))
			l->bad = 1;
		else if (len > 0)
			br_x509_decoder_push(&l->x509, p, len);
		l->left -= len;
		len = 0;
	}
}

static unsigned char *
keep(struct loader *l, const unsigned char *p, size_t len)
{
	unsigned char *dst = arena + arenalen;

	if (l->full || len > sizeof(arena) - arenalen) {
		l->full = 1;
		return NULL;
	}
	memcpy(dst, p, len);
	arenalen += len;
	return dst;
}

/*
 * The anchor's own limits: its path length and name constraints, which
 * BearSSL's anchors do not hold; -1 (the anchor is skipped) if its DER
 * is over ANCHORDER or chain.c cannot read it.
 */
static int
limits(struct loader *l)
{
	struct certinfo c;

	if (l->derbig || chain_parse(l->der, l->derlen, &c) == -1)
		return -1;
	pathlens[nanchors] = c.ca ? c.pathlen : -1;
	ncs[nanchors] = NULL;
	nclens[nanchors] = c.nclen;
	if (c.nc != NULL && (ncs[nanchors] = keep(l, c.nc, c.nclen)) == NULL)
		return -1;
	return 0;
}

static void
endcert(struct loader *l)
{
	br_x509_trust_anchor *ta = &anchors[nanchors];
	const br_x509_pkey *pk;

	pk = br_x509_decoder_get_pkey(&l->x509);
	if (l->bad || l->hdrlen < sizeof(l->hdr) || l->left != 0 ||
	    pk == NULL || br_x509_decoder_last_error(&l->x509) != 0 ||
	    nanchors == MAXANCHORS || l->full)
		goto skip;
	ta->dn.data = arena + l->dnstart;
	ta->dn.len = arenalen - l->dnstart;
	ta->flags = br_x509_decoder_isCA(&l->x509) ? BR_X509_TA_CA : 0;
	ta->pkey.key_type = pk->key_type;
	if (pk->key_type == BR_KEYTYPE_RSA) {
		ta->pkey.key.rsa.n = keep(l, pk->key.rsa.n, pk->key.rsa.nlen);
		ta->pkey.key.rsa.nlen = pk->key.rsa.nlen;
		ta->pkey.key.rsa.e = keep(l, pk->key.rsa.e, pk->key.rsa.elen);
		ta->pkey.key.rsa.elen = pk->key.rsa.elen;
	} else if (pk->key_type == BR_KEYTYPE_EC) {
		ta->pkey.key.ec.curve = pk->key.ec.curve;
		ta->pkey.key.ec.q = keep(l, pk->key.ec.q, pk->key.ec.qlen);
		ta->pkey.key.ec.qlen = pk->key.ec.qlen;
	} else
		goto skip;
	if (limits(l) == -1 || l->full)
		goto skip;
	validity[nanchors][0] = l->x509.notbefore_days;
	validity[nanchors][1] = l->x509.notbefore_seconds;
	validity[nanchors][2] = l->x509.notafter_days;
	validity[nanchors][3] = l->x509.notafter_seconds;
	nanchors++;
	return;
skip:
	arenalen = l->dnstart;
}

static int
b64val(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	return c == '+' ? 62 : c == '/' ? 63 : c == '=' ? 64 : -1;
}

/* One base64 line of a certificate: decoded and fed as it comes. */
static void
certline(struct loader *l, const char *p, size_t len)
{
	unsigned char der[3 * sizeof(l->line) / 4 + 3];
	size_t i, n = 0;
	int v[4], k, pad;

	for (i = 0; i < len && !l->bad; i++) {
		if (p[i] == ' ' || p[i] == '\t')
			continue;
		if (b64val((unsigned char)p[i]) == -1) {
			l->bad = 1;
			break;
		}
		l->quad[l->nquad++] = (unsigned char)p[i];
		if (l->nquad < 4)
			continue;
		l->nquad = 0;
		for (k = 0; k < 4; k++)
			v[k] = b64val(l->quad[k]);
		pad = (v[3] == 64) + (v[2] == 64);
		if (v[0] == 64 || v[1] == 64 || (v[2] == 64 && v[3] != 64)) {
			l->bad = 1;
			break;
		}
		der[n++] = (unsigned char)(v[0] << 2 | v[1] >> 4);
		if (pad < 2)
			der[n++] = (unsigned char)((v[1] & 15) << 4 | v[2] >> 2);
		if (pad < 1)
			der[n++] = (unsigned char)((v[2] & 3) << 6 | v[3]);
	}
	if (n == 0)
		return;
	if (n > sizeof(l->der) - l->derlen)
		l->derbig = 1;
	else {
		memcpy(l->der + l->derlen, der, n);
		l->derlen += n;
	}
	pushcert(l, der, n);
}

static void
pemline(struct loader *l, char *p, size_t len)
{
	if (len > 0 && p[len - 1] == '\r')
		len--;
	p[len] = '\0';
	if (strncmp(p, "-----BEGIN ", 11) == 0) {
		if (l->incert)
			endcert(l);	/* no END: it fails as truncated */
		l->incert = strcmp(p, "-----BEGIN CERTIFICATE-----") == 0 ||
		    strcmp(p, "-----BEGIN X509 CERTIFICATE-----") == 0;
		if (l->incert) {
			l->dnstart = arenalen;
			l->hdrlen = l->left = 0;
			l->bad = 0;
			l->derlen = 0;
			l->derbig = 0;
			l->nquad = 0;
			br_x509_decoder_init(&l->x509, appenddn, l);
		}
	} else if (strncmp(p, "-----END ", 9) == 0) {
		if (l->incert) {
			if (l->nquad != 0)
				l->bad = 1;
			endcert(l);
		}
		l->incert = 0;
	} else if (l->incert)
		certline(l, p, len);
}

/*
 * A PEM file, a line at a time. BearSSL's own PEM decoder works a byte
 * at a time in its T0 machine: 80% of the cost of a 150-certificate
 * bundle, measured; this reader decodes the same in a small part of it.
 */
static void
pemfeed(struct loader *l, const unsigned char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (buf[i] == '\n') {
			if (l->longline) {
				if (l->incert)
					l->bad = 1;
			} else
				pemline(l, l->line, l->linelen);
			l->linelen = 0;
			l->longline = 0;
		} else if (l->linelen < sizeof(l->line) - 1)
			l->line[l->linelen++] = (char)buf[i];
		else
			l->longline = 1;
	}
}

static struct loader ld;

static void
loadbegin(void)
{
	memset(&ld, 0, sizeof(ld));
	nanchors = 0;
	arenalen = 0;
}

static int
loadend(const char *path)
{
	anchorfile = path;
	pemfeed(&ld, (const unsigned char *)"\n", 1);
	if (ld.incert)
		endcert(&ld);
	if (nanchors == 0)
		return fail(F_CONFIG, "%s: no usable trust anchor", path);
	if (ld.full)
		warn("%s: only the first %zu certificates fit", path,
		    nanchors);
	return (int)nanchors;
}

/*
 * Load the trust anchors of a PEM file: CA certificates, or the server's
 * own certificate for direct trust. Returns how many, or -1.
 */
int
cert_anchors(const char *path)
{
	unsigned char buf[16384];
	ssize_t n;
	int fd;

	loadbegin();
	if ((fd = open(path, O_RDONLY)) == -1)
		return fail(F_CONFIG, "%s:", path);
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			fail(F_CONFIG, "%s:", path);
			close(fd);
			return -1;
		}
		pemfeed(&ld, buf, (size_t)n);
	}
	close(fd);
	return loadend(path);
}

/* The same from memory (for the fuzzer). */
int
cert_anchorbuf(const void *buf, size_t len, const char *name)
{
	loadbegin();
	pemfeed(&ld, buf, len);
	return loadend(name);
}

/* Find the SubjectPublicKeyInfo (tag, length and value) in a certificate. */
int
cert_spki(const unsigned char *cert, size_t certlen,
    const unsigned char **spki, size_t *spkilen)
{
	const unsigned char *p = cert, *end = cert + certlen, *v, *start;
	unsigned tag;
	size_t len;
	int i;

	if (der_tlv(&p, end, &tag, &v, &len) == -1 || tag != 0x30)
		return -1;
	p = v;
	end = v + len;
	if (der_tlv(&p, end, &tag, &v, &len) == -1 || tag != 0x30)
		return -1;
	p = v;
	end = v + len;
	/* [0] version (optional), serial, signature, issuer, validity, subject */
	if (p < end && *p == 0xa0 && der_tlv(&p, end, &tag, &v, &len) == -1)
		return -1;
	for (i = 0; i < 5; i++)
		if (der_tlv(&p, end, &tag, &v, &len) == -1 ||
		    tag != (i == 0 ? 0x02u : 0x30u))
			return -1;
	start = p;
	if (der_tlv(&p, end, &tag, &v, &len) == -1 || tag != 0x30)
		return -1;
	*spki = start;
	*spkilen = (size_t)(p - start);
	return 0;
}

/* "sha256//BASE64" or bare BASE64 of a SHA-256 hash */
int
cert_parsepin(const char *s, struct pin *pin)
{
	unsigned char buf[48];

	if (strncmp(s, "sha256//", 8) == 0)
		s += 8;
	if (strlen(s) != 44 || b64decode(buf, sizeof(buf), s) != 32)
		return -1;
	memcpy(pin->hash, buf, 32);
	return 0;
}

/* The loaded anchors, and the file they came from. */
const br_x509_trust_anchor *
cert_trust(size_t *n, const char **file)
{
	*n = nanchors;
	*file = anchorfile;
	return anchors;
}

/* Whether a loaded anchor's own dates hold at day and second now. */
int
cert_anchorcurrent(const br_x509_trust_anchor *ta, uint32_t days,
    uint32_t secs)
{
	const uint32_t *v = validity[ta - anchors];

	return (days > v[0] || (days == v[0] && secs >= v[1])) &&
	    (days < v[2] || (days == v[2] && secs <= v[3]));
}

/* A loaded anchor's path length constraint (-1: none), name constraints. */
int
cert_anchorlimits(const br_x509_trust_anchor *ta, const unsigned char **nc,
    size_t *nclen)
{
	*nc = ncs[ta - anchors];
	*nclen = nclens[ta - anchors];
	return pathlens[ta - anchors];
}
