/* Everything BearSSL: trust anchors, pin check, engine I/O, error names. */
#define _DEFAULT_SOURCE		/* getentropy */ /* NOLINT(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp): a feature test macro */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <bearssl.h>

#include "ddnsup.h"

#define MAXANCHORS	512
#define ARENASIZE	(256 * 1024)
#define LEAFMAX		16384
#define MINRSA		256	/* bytes: RSA keys under 2048 bits are refused */

static br_ssl_client_context sc;
static br_x509_minimal_context xc;
static unsigned char iobuf[BR_SSL_BUFSIZE_MONO];

static br_x509_trust_anchor anchors[MAXANCHORS];
static size_t nanchors;
static unsigned char arena[ARENASIZE];
static size_t arenalen;

/* Wraps the minimal engine: keeps the leaf certificate to check pins. */
static struct {
	const br_x509_class *vtable;
	unsigned char leaf[LEAFMAX];
	size_t leaflen;
	int depth;
	int toobig;
	int mismatch;
	const struct pin *pins;
	int npins;
} pinner;

static const struct {
	int err;
	const char *text;
} errors[] = {
	{ BR_ERR_BAD_PARAM, "bad parameter" },
	{ BR_ERR_BAD_STATE, "bad state" },
	{ BR_ERR_UNSUPPORTED_VERSION,
	    "server does not speak TLS 1.2 (it may require TLS 1.3)" },
	{ BR_ERR_BAD_VERSION, "bad record version" },
	{ BR_ERR_BAD_LENGTH, "bad record length" },
	{ BR_ERR_TOO_LARGE, "record too large" },
	{ BR_ERR_BAD_MAC, "bad record MAC" },
	{ BR_ERR_NO_RANDOM, "no entropy" },
	{ BR_ERR_UNKNOWN_TYPE, "unknown record type" },
	{ BR_ERR_UNEXPECTED, "unexpected message" },
	{ BR_ERR_BAD_CCS, "bad ChangeCipherSpec" },
	{ BR_ERR_BAD_ALERT, "bad alert" },
	{ BR_ERR_BAD_HANDSHAKE, "bad handshake message" },
	{ BR_ERR_OVERSIZED_ID, "oversized session id" },
	{ BR_ERR_BAD_CIPHER_SUITE, "server chose an unsupported cipher suite" },
	{ BR_ERR_BAD_COMPRESSION, "server chose compression" },
	{ BR_ERR_BAD_FRAGLEN, "bad fragment length" },
	{ BR_ERR_BAD_SECRENEG, "bad secure renegotiation" },
	{ BR_ERR_EXTRA_EXTENSION, "unexpected extension" },
	{ BR_ERR_BAD_SNI, "bad server name indication" },
	{ BR_ERR_BAD_HELLO_DONE, "bad ServerHelloDone" },
	{ BR_ERR_LIMIT_EXCEEDED, "limit exceeded" },
	{ BR_ERR_BAD_FINISHED, "bad Finished message" },
	{ BR_ERR_RESUME_MISMATCH, "session resumption mismatch" },
	{ BR_ERR_INVALID_ALGORITHM, "unsupported algorithm" },
	{ BR_ERR_BAD_SIGNATURE, "bad handshake signature" },
	{ BR_ERR_WRONG_KEY_USAGE, "server key not usable for this" },
	{ BR_ERR_NO_CLIENT_AUTH, "server requires a client certificate" },
	{ BR_ERR_IO, "I/O error" },
	{ BR_ERR_X509_INVALID_VALUE, "invalid value in certificate" },
	{ BR_ERR_X509_TRUNCATED, "truncated certificate" },
	{ BR_ERR_X509_EMPTY_CHAIN, "server sent no certificate" },
	{ BR_ERR_X509_INNER_TRUNC, "truncated element in certificate" },
	{ BR_ERR_X509_BAD_TAG_CLASS, "bad tag class in certificate" },
	{ BR_ERR_X509_BAD_TAG_VALUE, "bad tag in certificate" },
	{ BR_ERR_X509_INDEFINITE_LENGTH, "indefinite length in certificate" },
	{ BR_ERR_X509_EXTRA_ELEMENT, "extra element in certificate" },
	{ BR_ERR_X509_UNEXPECTED, "unexpected element in certificate" },
	{ BR_ERR_X509_NOT_CONSTRUCTED, "malformed certificate" },
	{ BR_ERR_X509_NOT_PRIMITIVE, "malformed certificate" },
	{ BR_ERR_X509_PARTIAL_BYTE, "malformed certificate" },
	{ BR_ERR_X509_BAD_BOOLEAN, "malformed certificate" },
	{ BR_ERR_X509_OVERFLOW, "malformed certificate" },
	{ BR_ERR_X509_BAD_DN, "bad name in certificate" },
	{ BR_ERR_X509_BAD_TIME, "bad date in certificate" },
	{ BR_ERR_X509_UNSUPPORTED, "unsupported certificate feature" },
	{ BR_ERR_X509_LIMIT_EXCEEDED, "certificate too large" },
	{ BR_ERR_X509_WRONG_KEY_TYPE, "wrong key type in certificate" },
	{ BR_ERR_X509_BAD_SIGNATURE, "bad signature on certificate" },
	{ BR_ERR_X509_TIME_UNKNOWN, "time unknown" },
	{ BR_ERR_X509_EXPIRED, "certificate expired or not yet valid" },
	{ BR_ERR_X509_DN_MISMATCH, "issuer name mismatch in chain" },
	{ BR_ERR_X509_BAD_SERVER_NAME,
	    "certificate does not match the server's name" },
	{ BR_ERR_X509_CRITICAL_EXTENSION, "unknown critical extension" },
	{ BR_ERR_X509_NOT_CA, "chain holds a certificate that is not a CA" },
	{ BR_ERR_X509_FORBIDDEN_KEY_USAGE, "key usage forbids TLS" },
	{ BR_ERR_X509_WEAK_PUBLIC_KEY, "server key too weak" },
	{ BR_ERR_X509_NOT_TRUSTED,
	    "certificate not trusted (unknown issuer)" },
	{ BR_ERR_RECV_FATAL_ALERT + 70,
	    "server refused TLS 1.2 (protocol_version alert): it may require TLS 1.3" },
	{ BR_ERR_RECV_FATAL_ALERT + 40, "server sent alert handshake_failure" },
	{ BR_ERR_RECV_FATAL_ALERT + 42, "server sent alert bad_certificate" },
	{ BR_ERR_RECV_FATAL_ALERT + 80, "server sent alert internal_error" },
	{ BR_ERR_RECV_FATAL_ALERT + 112, "server sent alert unrecognized_name" },
};

static const char *
tls_strerror(int err)
{
	static char buf[64];
	size_t i;

	for (i = 0; i < sizeof(errors) / sizeof(errors[0]); i++)
		if (errors[i].err == err)
			return errors[i].text;
	if (err >= BR_ERR_SEND_FATAL_ALERT)
		snprintf(buf, sizeof(buf), "sent alert %d",
		    err - BR_ERR_SEND_FATAL_ALERT);
	else if (err >= BR_ERR_RECV_FATAL_ALERT)
		snprintf(buf, sizeof(buf), "server sent alert %d",
		    err - BR_ERR_RECV_FATAL_ALERT);
	else
		snprintf(buf, sizeof(buf), "BearSSL error %d", err);
	return buf;
}

/* Default trust store: $SSL_CERT_FILE, else the first bundle that exists. */
const char *
tls_cafile(void)
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
	if (l->full)
		goto skip;
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
	if (n > 0)
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
tls_anchors(const char *path)
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
tls_anchorbuf(const void *buf, size_t len, const char *name)
{
	loadbegin();
	pemfeed(&ld, buf, len);
	return loadend(name);
}

/* Read a DER tag and length; single-byte tags and definite lengths only. */
static int
dertlv(const unsigned char **p, const unsigned char *end, unsigned *tag,
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

/* Find the SubjectPublicKeyInfo (tag, length and value) in a certificate. */
int
tls_spki(const unsigned char *cert, size_t certlen,
    const unsigned char **spki, size_t *spkilen)
{
	const unsigned char *p = cert, *end = cert + certlen, *v, *start;
	unsigned tag;
	size_t len;
	int i;

	if (dertlv(&p, end, &tag, &v, &len) == -1 || tag != 0x30)
		return -1;
	p = v;
	end = v + len;
	if (dertlv(&p, end, &tag, &v, &len) == -1 || tag != 0x30)
		return -1;
	p = v;
	end = v + len;
	/* [0] version (optional), serial, signature, issuer, validity, subject */
	if (p < end && *p == 0xa0 && dertlv(&p, end, &tag, &v, &len) == -1)
		return -1;
	for (i = 0; i < 5; i++)
		if (dertlv(&p, end, &tag, &v, &len) == -1 ||
		    tag != (i == 0 ? 0x02u : 0x30u))
			return -1;
	start = p;
	if (dertlv(&p, end, &tag, &v, &len) == -1 || tag != 0x30)
		return -1;
	*spki = start;
	*spkilen = (size_t)(p - start);
	return 0;
}

/* "sha256//BASE64" or bare BASE64 of a SHA-256 hash */
int
tls_parsepin(const char *s, struct pin *pin)
{
	unsigned char buf[48];

	if (strncmp(s, "sha256//", 8) == 0)
		s += 8;
	if (strlen(s) != 44 || b64decode(buf, sizeof(buf), s) != 32)
		return -1;
	memcpy(pin->hash, buf, 32);
	return 0;
}

static void
pin_start_chain(const br_x509_class **ctx, const char *name)
{
	(void)ctx;
	pinner.depth = 0;
	pinner.leaflen = 0;
	pinner.toobig = 0;
	pinner.mismatch = 0;
	xc.vtable->start_chain(&xc.vtable, name);
}

static void
pin_start_cert(const br_x509_class **ctx, uint32_t len)
{
	(void)ctx;
	xc.vtable->start_cert(&xc.vtable, len);
}

static void
pin_append(const br_x509_class **ctx, const unsigned char *buf, size_t len)
{
	(void)ctx;
	if (pinner.depth == 0) {
		if (len > sizeof(pinner.leaf) - pinner.leaflen)
			pinner.toobig = 1;
		else {
			memcpy(pinner.leaf + pinner.leaflen, buf, len);
			pinner.leaflen += len;
		}
	}
	xc.vtable->append(&xc.vtable, buf, len);
}

static void
pin_end_cert(const br_x509_class **ctx)
{
	(void)ctx;
	pinner.depth++;
	xc.vtable->end_cert(&xc.vtable);
}

/* The chain must verify first; then one pin must match (fail closed). */
static unsigned
pin_end_chain(const br_x509_class **ctx)
{
	br_sha256_context h;
	unsigned char hash[32];
	const unsigned char *spki;
	size_t spkilen;
	unsigned err;
	int i;

	(void)ctx;
	err = xc.vtable->end_chain(&xc.vtable);
	if (err != 0 || pinner.npins == 0)
		return err;
	pinner.mismatch = 1;
	if (pinner.toobig ||
	    tls_spki(pinner.leaf, pinner.leaflen, &spki, &spkilen) == -1)
		return BR_ERR_X509_NOT_TRUSTED;
	br_sha256_init(&h);
	br_sha256_update(&h, spki, spkilen);
	br_sha256_out(&h, hash);
	for (i = 0; i < pinner.npins; i++)
		if (memcmp(hash, pinner.pins[i].hash, sizeof(hash)) == 0)
			pinner.mismatch = 0;
	return pinner.mismatch ? BR_ERR_X509_NOT_TRUSTED : 0;
}

static const br_x509_pkey *
pin_get_pkey(const br_x509_class *const *ctx, unsigned *usages)
{
	(void)ctx;
	return xc.vtable->get_pkey(&xc.vtable, usages);
}

static const br_x509_class pinclass = {
	sizeof(pinner),
	pin_start_chain,
	pin_start_cert,
	pin_append,
	pin_end_cert,
	pin_end_chain,
	pin_get_pkey,
};

static int
tlsfail(struct conn *c)
{
	int err = br_ssl_engine_last_error(&sc.eng);

	if (pinner.mismatch)
		return fail(F_PIN, "%s: no pin matches the server's key",
		    c->peer);
	if (err >= BR_ERR_X509_OK && err < BR_ERR_X509_OK + 32)
		return fail(F_CERT, "%s: %s", c->peer, tls_strerror(err));
	return fail(F_TLS, "%s: TLS: %s", c->peer, tls_strerror(err));
}

/* Records the engine produced, gathered so that a flight is one write. */
static unsigned char out[BR_SSL_BUFSIZE_OUTPUT];
static size_t outlen;

/* What the socket gave beyond what the engine asked for (a header, say). */
static unsigned char in[BR_SSL_BUFSIZE_INPUT];
static size_t inoff, inlen;

static int
flush(struct conn *c)
{
	size_t len = outlen;

	outlen = 0;
	return len > 0 ? net_write(c, out, len) : 0;
}

/*
 * Drive the engine until a state in want is ready: returns that state,
 * 0 at end of input, -1 on failure. A peer that closes the socket
 * without close_notify gives 0 too: BearSSL calls that an error, but
 * HTTP's own framing (Content-Length, chunked) tells truncation apart.
 */
static int
run(struct conn *c, unsigned want)
{
	unsigned st;
	unsigned char *buf;
	size_t len;
	ssize_t n;

	for (;;) {
		st = br_ssl_engine_current_state(&sc.eng);
		if (st & BR_SSL_CLOSED) {
			/* an alert the engine sends on failure goes out too */
			flush(c);
			if (br_ssl_engine_last_error(&sc.eng) == BR_ERR_OK)
				return 0;
			return tlsfail(c);
		}
		if (st & BR_SSL_SENDREC) {
			buf = br_ssl_engine_sendrec_buf(&sc.eng, &len);
			if (len > sizeof(out) - outlen && flush(c) == -1)
				return -1;
			if (len > sizeof(out) - outlen)
				len = sizeof(out) - outlen;
			memcpy(out + outlen, buf, len);
			outlen += len;
			br_ssl_engine_sendrec_ack(&sc.eng, len);
			continue;
		}
		/* a whole flight is ready: one write, before waiting */
		if (flush(c) == -1)
			return -1;
		if (st & want)
			return (int)st;
		if (st & BR_SSL_RECVAPP)
			return fail(F_PROTO, "%s: data before the request",
			    c->peer);
		if (st & BR_SSL_RECVREC) {
			if (inlen == 0) {
				if ((n = net_read(c, in, sizeof(in))) <= 0)
					return (int)n;
				inoff = 0;
				inlen = (size_t)n;
			}
			buf = br_ssl_engine_recvrec_buf(&sc.eng, &len);
			if (len > inlen)
				len = inlen;
			memcpy(buf, in + inoff, len);
			inoff += len;
			inlen -= len;
			br_ssl_engine_recvrec_ack(&sc.eng, len);
			continue;
		}
		br_ssl_engine_flush(&sc.eng, 0);
	}
}

int
tls_random(void *buf, size_t len)
{
	ssize_t n;
	int fd;

	if (getentropy(buf, len) == 0)
		return 0;
	if ((fd = open("/dev/urandom", O_RDONLY)) == -1)
		return -1;
	n = read(fd, buf, len);
	close(fd);
	return n == (ssize_t)len ? 0 : -1;
}

static const uint16_t suites[] = {
	BR_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
	BR_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
	BR_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
	BR_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
	BR_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
	BR_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
};

/*
 * What br_ssl_client_init_full sets up, less what TLS 1.2 with ECDHE
 * and AEAD suites never uses (MD5, the TLS 1.0 PRF, CBC, CCM, 3DES, RSA
 * key exchange): a static build then carries only what runs.
 */
static void
clientinit(void)
{
	static const br_hash_class *const hashes[] = {
		&br_sha1_vtable, &br_sha224_vtable, &br_sha256_vtable,
		&br_sha384_vtable, &br_sha512_vtable,
	};
	int id;

	br_ssl_client_zero(&sc);
	br_ssl_engine_set_versions(&sc.eng, BR_TLS12, BR_TLS12);
	br_x509_minimal_init(&xc, &br_sha256_vtable, anchors, nanchors);
	br_ssl_engine_set_suites(&sc.eng, suites,
	    sizeof(suites) / sizeof(suites[0]));
	br_ssl_engine_set_default_rsavrfy(&sc.eng);
	br_ssl_engine_set_default_ecdsa(&sc.eng);
	br_x509_minimal_set_rsa(&xc, br_ssl_engine_get_rsavrfy(&sc.eng));
	br_x509_minimal_set_ecdsa(&xc, br_ssl_engine_get_ec(&sc.eng),
	    br_ssl_engine_get_ecdsa(&sc.eng));
	for (id = br_sha1_ID; id <= br_sha512_ID; id++) {
		br_ssl_engine_set_hash(&sc.eng, id, hashes[id - br_sha1_ID]);
		br_x509_minimal_set_hash(&xc, id, hashes[id - br_sha1_ID]);
	}
	br_ssl_engine_set_prf_sha256(&sc.eng, &br_tls12_sha256_prf);
	br_ssl_engine_set_prf_sha384(&sc.eng, &br_tls12_sha384_prf);
	br_ssl_engine_set_default_aes_gcm(&sc.eng);
	br_ssl_engine_set_default_chapol(&sc.eng);
}

/*
 * Handshake on a connected socket; name is checked against the
 * certificate (NULL for an IP literal, which then needs a pin). Nothing
 * is written after the ClientHello until the whole chain has verified.
 */
int
tls_handshake(struct conn *c, const char *name, const struct pin *pins,
    int npins)
{
	unsigned char seed[32];
	time_t now = time(NULL);
	int st;

	/* routers without a clock boot in 1970 */
	if (now < RELEASE_TIME)
		now = RELEASE_TIME;
	clientinit();
	br_ssl_engine_add_flags(&sc.eng, BR_OPT_NO_RENEGOTIATION);
	br_ssl_engine_set_buffer(&sc.eng, iobuf, sizeof(iobuf), 0);
	br_x509_minimal_set_time(&xc, (uint32_t)(now / 86400 + 719528),
	    (uint32_t)(now % 86400));
	br_x509_minimal_set_minrsa(&xc, MINRSA);
	pinner.vtable = &pinclass;
	pinner.pins = pins;
	pinner.npins = npins;
	pinner.mismatch = 0;
	br_ssl_engine_set_x509(&sc.eng, &pinner.vtable);
	if (tls_random(seed, sizeof(seed)) == -1)
		return fail(F_TLS, "no entropy for TLS:");
	br_ssl_engine_inject_entropy(&sc.eng, seed, sizeof(seed));
	wipe(seed, sizeof(seed));
	if (!br_ssl_client_reset(&sc, name, 0))
		return tlsfail(c);
	c->tls = 1;
	outlen = inlen = inoff = 0;
	st = run(c, BR_SSL_SENDAPP);
	if (st == 0)
		return fail(F_CONNECT, "%s: connection closed during the TLS "
		    "handshake", c->peer);
	if (st < 0)
		return -1;
	/*
	 * In TLS 1.2 a server has nothing to say between its Finished and
	 * the request: what is there (a renegotiation request, an alert)
	 * fails the connection before the credential is written.
	 */
	switch (inlen > 0 ? 1 : net_pending(c)) {
	case 0:
		return 0;
	case -1:
		return fail(F_CONNECT, "%s: connection closed after the TLS "
		    "handshake", c->peer);
	default:
		return fail(F_TLS, "%s: TLS: server sent a record before the "
		    "request (renegotiation?)", c->peer);
	}
}

ssize_t
tls_read(struct conn *c, void *dst, size_t len)
{
	unsigned char *buf;
	size_t n;
	int st;

	st = run(c, BR_SSL_RECVAPP);
	if (st <= 0)
		return st;
	buf = br_ssl_engine_recvapp_buf(&sc.eng, &n);
	if (n > len)
		n = len;
	memcpy(dst, buf, n);
	br_ssl_engine_recvapp_ack(&sc.eng, n);
	return (ssize_t)n;
}

int
tls_write(struct conn *c, const void *src, size_t len)
{
	const unsigned char *p = src;
	unsigned char *buf;
	size_t n;
	int st;

	while (len > 0) {
		st = run(c, BR_SSL_SENDAPP);
		if (st == 0)
			return fail(F_CONNECT, "write %s: connection closed",
			    c->peer);
		if (st < 0)
			return -1;
		buf = br_ssl_engine_sendapp_buf(&sc.eng, &n);
		if (n > len)
			n = len;
		memcpy(buf, p, n);
		br_ssl_engine_sendapp_ack(&sc.eng, n);
		p += n;
		len -= n;
	}
	/* one record, one write: the whole request leaves in one flight */
	br_ssl_engine_flush(&sc.eng, 0);
	st = run(c, BR_SSL_SENDAPP | BR_SSL_RECVAPP);
	return st < 0 ? -1 : 0;
}

void
tls_close(void)
{
	wipe(iobuf, sizeof(iobuf));
	wipe(out, sizeof(out));
	wipe(in, sizeof(in));
	outlen = inlen = inoff = 0;
	br_ssl_client_zero(&sc);
}

/*
 * 32 hex digits of SHA-256 over the salt and each field with its length:
 * tells whether a configuration changed without keeping its secret.
 */
void
tls_fingerprint(char *out, const char *salt, const char *const *field,
    const size_t *len, int n)
{
	br_sha256_context h;
	unsigned char hash[32], l[4];
	int i;

	br_sha256_init(&h);
	br_sha256_update(&h, salt, strlen(salt));
	for (i = 0; i < n; i++) {
		l[0] = (unsigned char)(len[i] >> 24);
		l[1] = (unsigned char)(len[i] >> 16);
		l[2] = (unsigned char)(len[i] >> 8);
		l[3] = (unsigned char)len[i];
		br_sha256_update(&h, l, 4);
		br_sha256_update(&h, field[i], len[i]);
	}
	br_sha256_out(&h, hash);
	for (i = 0; i < 16; i++)
		snprintf(out + 2 * (size_t)i, 3, "%02x", hash[i]);
	wipe(hash, sizeof(hash));
	wipe(&h, sizeof(h));
}
