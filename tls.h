/* tls.c: the BearSSL engine (handshake, record I/O, error names) */

struct pin;

/*
 * TLS 1.2 over an open connection to host, verified against the anchors
 * (and the pins, if any): the connection's read, write and close become
 * TLS's. -1 with fail() (F_TLS, F_CERT, F_PIN, ...).
 */
int tls_handshake(struct conn *, const char *, const struct pin *, int);
