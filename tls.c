/* The BearSSL engine: handshake, record I/O over a conn, error names. */
#define _DEFAULT_SOURCE		/* getentropy */ /* NOLINT(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp): a feature test macro */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ddnsup.h"
#include "util.h"
#include "net.h"
#include "cert.h"
#include "tls.h"
#include "x509.h"
#include "hash.h"

/*
 * One TLS connection at a time (the update, or the address check before
 * it): its engine, and the records gathered so that a flight is one
 * write, and what the socket gave beyond what the engine asked for.
 */
struct tls {
	br_ssl_client_context sc;
	unsigned char iobuf[BR_SSL_BUFSIZE_MONO];
	unsigned char out[BR_SSL_BUFSIZE_OUTPUT];
	size_t outlen;
	unsigned char in[BR_SSL_BUFSIZE_INPUT];
	size_t inoff, inlen;
	int busy;
};

static struct tls tls;

static const struct {
	int err;
	const char *text;
} errors[] = {
	{ BR_ERR_BAD_PARAM, "bad parameter" },
	{ BR_ERR_BAD_STATE, "bad state" },
	{ BR_ERR_UNSUPPORTED_VERSION, "server does not speak TLS 1.2: it "
	    "offers only an older version (TLS 1.0 or 1.1) or it may require "
	    "TLS 1.3; ddnsup needs TLS 1.2" },
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
};

/* TLS alerts by name: RFC 5246 7.2, RFC 8446 6 and the registry */
static const char *const alerts[] = {
	[0] = "close_notify", [10] = "unexpected_message",
	[20] = "bad_record_mac", [21] = "decryption_failed",
	[22] = "record_overflow", [30] = "decompression_failure",
	[40] = "handshake_failure", [41] = "no_certificate",
	[42] = "bad_certificate", [43] = "unsupported_certificate",
	[44] = "certificate_revoked", [45] = "certificate_expired",
	[46] = "certificate_unknown", [47] = "illegal_parameter",
	[48] = "unknown_ca", [49] = "access_denied", [50] = "decode_error",
	[51] = "decrypt_error", [60] = "export_restriction",
	[70] = "protocol_version", [71] = "insufficient_security",
	[80] = "internal_error", [86] = "inappropriate_fallback",
	[90] = "user_canceled", [100] = "no_renegotiation",
	[109] = "missing_extension", [110] = "unsupported_extension",
	[111] = "certificate_unobtainable", [112] = "unrecognized_name",
	[113] = "bad_certificate_status_response",
	[114] = "bad_certificate_hash_value",
	[115] = "unknown_psk_identity", [116] = "certificate_required",
	[120] = "no_application_protocol",
};

static const char *
alertname(int a, char *buf, size_t len)
{
	if (a >= 0 && (size_t)a < sizeof(alerts) / sizeof(alerts[0]) &&
	    alerts[a] != NULL)
		return alerts[a];
	snprintf(buf, len, "%d", a);
	return buf;
}

static const char *
tls_strerror(int err)
{
	static char buf[64];
	char num[16];
	size_t i;

	for (i = 0; i < sizeof(errors) / sizeof(errors[0]); i++)
		if (errors[i].err == err)
			return errors[i].text;
	if (err >= BR_ERR_SEND_FATAL_ALERT)
		snprintf(buf, sizeof(buf), "sent alert %s", alertname(err -
		    BR_ERR_SEND_FATAL_ALERT, num, sizeof(num)));
	else if (err >= BR_ERR_RECV_FATAL_ALERT)
		snprintf(buf, sizeof(buf), "server sent alert %s", alertname(err -
		    BR_ERR_RECV_FATAL_ALERT, num, sizeof(num)));
	else
		snprintf(buf, sizeof(buf), "BearSSL error %d", err);
	return buf;
}

#define NEEDS "it may require TLS 1.3, or offer only CBC suites, RSA key " \
	"exchange, DHE or TLS 1.0/1.1; ddnsup needs TLS 1.2 with ECDHE and " \
	"AES-GCM or ChaCha20-Poly1305"

/*
 * Why the handshake failed. A refused chain is told to the server with
 * a fatal alert (RFC 5246 7.2.2): BearSSL only closes. A server that
 * refuses the hello itself most likely lacks what ddnsup offers.
 */
static int
tlsfail(struct conn *c)
{
	static const unsigned char alert[] = { 21, 3, 3, 0, 2, 2 };
	int err = br_ssl_engine_last_error(&tls.sc.eng), kind = F_CERT;
	unsigned char rec[sizeof(alert) + 1], a = 42;	/* bad_certificate */
	const char *why = x509_why(&kind, &a);
	int x509 = err >= BR_ERR_X509_OK && err < BR_ERR_X509_OK + 32;

	if (why != NULL || x509) {
		if (why == NULL && err == BR_ERR_X509_EXPIRED)
			a = 45;		/* certificate_expired */
		memcpy(rec, alert, sizeof(alert));
		rec[sizeof(alert)] = a;
		net_write(c, rec, sizeof(rec));
	}
	if (why != NULL)
		return fail(kind, "%s: %s", c->peer, why);
	if (err == BR_ERR_X509_EXPIRED)
		return x509_datefail(c->peer);
	if (x509)
		return fail(F_CERT, "%s: %s", c->peer, tls_strerror(err));
	if (br_ssl_engine_get_version(&tls.sc.eng) == 0 &&
	    (err == BR_ERR_RECV_FATAL_ALERT + 40 ||
	    err == BR_ERR_RECV_FATAL_ALERT + 70 ||
	    err == BR_ERR_RECV_FATAL_ALERT + 71))
		return fail(F_TLS, "%s: TLS: %s in answer to the TLS 1.2 "
		    "hello: " NEEDS, c->peer, tls_strerror(err));
	return fail(F_TLS, "%s: TLS: %s", c->peer, tls_strerror(err));
}

static int
flush(struct conn *c)
{
	size_t len = tls.outlen;

	tls.outlen = 0;
	return len > 0 ? net_write(c, tls.out, len) : 0;
}

/* Take what the socket has for the engine; 0 at its end, -1 on failure. */
static ssize_t
feed(struct conn *c)
{
	unsigned char *buf;
	size_t len;
	ssize_t n;

	if (tls.inlen == 0) {
		if ((n = net_read(c, tls.in, sizeof(tls.in))) <= 0)
			return n;
		tls.inoff = 0;
		tls.inlen = (size_t)n;
	}
	buf = br_ssl_engine_recvrec_buf(&tls.sc.eng, &len);
	if (len > tls.inlen)
		len = tls.inlen;
	memcpy(buf, tls.in + tls.inoff, len);
	tls.inoff += len;
	tls.inlen -= len;
	br_ssl_engine_recvrec_ack(&tls.sc.eng, len);
	return 1;
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
	br_ssl_engine_context *eng = &tls.sc.eng;
	unsigned st;
	unsigned char *buf;
	size_t len;
	ssize_t n;

	for (;;) {
		st = br_ssl_engine_current_state(eng);
		if (st & BR_SSL_CLOSED) {
			/* an alert the engine sends on failure goes out too */
			flush(c);
			if (br_ssl_engine_last_error(eng) == BR_ERR_OK)
				return 0;
			return tlsfail(c);
		}
		if (st & BR_SSL_SENDREC) {
			buf = br_ssl_engine_sendrec_buf(eng, &len);
			if (len > sizeof(tls.out) - tls.outlen && flush(c) == -1)
				return -1;
			if (len > sizeof(tls.out) - tls.outlen)
				len = sizeof(tls.out) - tls.outlen;
			memcpy(tls.out + tls.outlen, buf, len);
			tls.outlen += len;
			br_ssl_engine_sendrec_ack(eng, len);
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
			if ((n = feed(c)) <= 0)
				return (int)n;
			continue;
		}
		br_ssl_engine_flush(eng, 0);
	}
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
clientinit(br_ssl_client_context *sc)
{
	static const br_hash_class *const hashes[] = {
		&br_sha1_vtable, &br_sha224_vtable, &br_sha256_vtable,
		&br_sha384_vtable, &br_sha512_vtable,
	};
	int id;

	br_ssl_client_zero(sc);
	br_ssl_engine_set_versions(&sc->eng, BR_TLS12, BR_TLS12);
	br_ssl_engine_set_suites(&sc->eng, suites,
	    sizeof(suites) / sizeof(suites[0]));
	br_ssl_engine_set_default_rsavrfy(&sc->eng);
	br_ssl_engine_set_default_ecdsa(&sc->eng);
	for (id = br_sha1_ID; id <= br_sha512_ID; id++)
		br_ssl_engine_set_hash(&sc->eng, id, hashes[id - br_sha1_ID]);
	br_ssl_engine_set_prf_sha256(&sc->eng, &br_tls12_sha256_prf);
	br_ssl_engine_set_prf_sha384(&sc->eng, &br_tls12_sha384_prf);
	br_ssl_engine_set_default_aes_gcm(&sc->eng);
	br_ssl_engine_set_default_chapol(&sc->eng);
	br_ssl_engine_add_flags(&sc->eng, BR_OPT_NO_RENEGOTIATION);
}

static ssize_t tlsread(struct conn *, void *, size_t);
static int tlswrite(struct conn *, const void *, size_t);
static void tlsclose(struct conn *);

/*
 * Handshake on a connected socket; name is checked against the
 * certificate (NULL for an IP literal, which then needs a pin). Nothing
 * is written after the ClientHello until the whole chain has verified.
 * On success the connection reads and writes through TLS.
 */
int
tls_handshake(struct conn *c, const char *name, const struct pin *pins,
    int npins)
{
	unsigned char seed[32];
	long long now;
	int st;

	if (tls.busy)
		return fail(F_TLS, "%s: one TLS connection at a time", c->peer);
	if (clock_now(&now) == -1)
		return -1;
	clientinit(&tls.sc);
	br_ssl_engine_set_buffer(&tls.sc.eng, tls.iobuf, sizeof(tls.iobuf), 0);
	br_ssl_engine_set_x509(&tls.sc.eng, x509_verifier(&tls.sc.eng, c->peer,
	    pins, npins, now));
	if (hash_random(seed, sizeof(seed)) == -1)
		return fail(F_TLS, "no entropy for TLS:");
	br_ssl_engine_inject_entropy(&tls.sc.eng, seed, sizeof(seed));
	wipe(seed, sizeof(seed));
	if (!br_ssl_client_reset(&tls.sc, name, 0))
		return tlsfail(c);
	tls.busy = 1;
	tls.outlen = tls.inlen = tls.inoff = 0;
	c->read = tlsread;
	c->write = tlswrite;
	c->close = tlsclose;
	st = run(c, BR_SSL_SENDAPP);
	if (st == 0 && br_ssl_engine_get_version(&tls.sc.eng) == 0)
		return fail(F_TLS, "%s: TLS: server closed the connection in "
		    "answer to the TLS 1.2 hello: " NEEDS, c->peer);
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
	switch (tls.inlen > 0 ? 1 : net_pending(c)) {
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

static ssize_t
tlsread(struct conn *c, void *dst, size_t len)
{
	unsigned char *buf;
	size_t n;
	int st;

	st = run(c, BR_SSL_RECVAPP);
	if (st <= 0)
		return st;
	buf = br_ssl_engine_recvapp_buf(&tls.sc.eng, &n);
	if (n > len)
		n = len;
	memcpy(dst, buf, n);
	br_ssl_engine_recvapp_ack(&tls.sc.eng, n);
	return (ssize_t)n;
}

static int
tlswrite(struct conn *c, const void *src, size_t len)
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
		buf = br_ssl_engine_sendapp_buf(&tls.sc.eng, &n);
		if (n > len)
			n = len;
		memcpy(buf, p, n);
		br_ssl_engine_sendapp_ack(&tls.sc.eng, n);
		p += n;
		len -= n;
	}
	/* one record, one write: the whole request leaves in one flight */
	br_ssl_engine_flush(&tls.sc.eng, 0);
	st = run(c, BR_SSL_SENDAPP | BR_SSL_RECVAPP);
	return st < 0 ? -1 : 0;
}

/* Nothing of the session stays in memory; then the socket closes. */
static void
tlsclose(struct conn *c)
{
	wipe(&tls, sizeof(tls));
	net_close(c);
}
