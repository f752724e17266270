/* x509.c: the server's chain, checked; for tls.c (BearSSL's types) */
#include <bearssl.h>

/* 2026-12-01 00:00:00 UTC: certificates are checked no earlier than this */
#define RELEASE_TIME	1796083200L

struct pin;

/* The engine's X.509 verifier for peer: anchors, pins, the time now. */
const br_x509_class **x509_verifier(br_ssl_engine_context *, const char *,
    const struct pin *, int, long long);
/* A date refusal, the clock named; -1 with fail(): F_CLOCK at or below RELEASE_TIME, else F_CERTDATE. */
int x509_datefail(const char *);
/* Why the last verification failed (kind: F_CERT or F_PIN), and its alert. */
const char *x509_why(int *, unsigned char *);
