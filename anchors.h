/* cert.c's trust anchors in BearSSL's form: for x509.c only */
#include <bearssl.h>

/* The loaded anchors, their count, the file they came from. */
const br_x509_trust_anchor *cert_trust(size_t *, const char **);
/* 1 when the anchor's own dates hold at days/secs (BearSSL's epoch). */
int cert_anchorcurrent(const br_x509_trust_anchor *, uint32_t, uint32_t);
/* A loaded anchor's path length constraint (-1: none), its name constraints (DER). */
int cert_anchorlimits(const br_x509_trust_anchor *, const unsigned char **,
    size_t *);
