/* hash.c: the configuration fingerprint's hash, and random bytes */

#define FPHEX		32		/* hex digits of a fingerprint */
#define FPSIZE		(FPHEX + 1)	/* with its NUL */

/*
 * FPHEX hex digits of SHA-256 over the salt and each field with its
 * length: tells whether a configuration changed without keeping its secret.
 */
void hash_fingerprint(char *, const char *, const char *const *,
    const size_t *, int);
/* len random bytes from the kernel; -1 when none can be had. */
int hash_random(void *, size_t);
