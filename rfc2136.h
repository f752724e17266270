/* rfc2136.c: DNS UPDATE (RFC 2136) signed with TSIG (RFC 8945) */

struct protocol;

extern const struct protocol proto_rfc2136;

/* The key file's first key (name, algorithm, base64 secret) from text; -1 if none. */
int rfc2136_keyfile(const char *, char *, size_t, int *, char *, size_t);
