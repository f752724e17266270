/* Between tls.c and cert.c only: the one place BearSSL's types are shared. */
#include <bearssl.h>

const br_x509_class **cert_verifier(br_ssl_engine_context *,
    const struct pin *, int, time_t);
int cert_pinmismatch(void);
