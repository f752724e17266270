/* cert.c: trust anchors (PEM, with their dates), pins, SubjectPublicKeyInfo */


/* A pin: the SHA-256 of a SubjectPublicKeyInfo. */
struct pin {
	unsigned char hash[32];
};

/* Load the PEM file's certificates as trust anchors; how many, or -1 with fail(). */
int cert_anchors(const char *);
/* The same from a buffer (name for messages). */
int cert_anchorbuf(const void *, size_t, const char *);
/* The system's CA bundle ($SSL_CERT_FILE, then the usual paths), or NULL. */
const char *cert_cafile(void);
/* The SubjectPublicKeyInfo inside a DER certificate; -1 when malformed. */
int cert_spki(const unsigned char *, size_t, const unsigned char **, size_t *);
/* "sha256//BASE64" as a pin; -1 when it is not one. */
int cert_parsepin(const char *, struct pin *);
