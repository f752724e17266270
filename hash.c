/* The configuration fingerprint's hash (BearSSL's SHA-256), random bytes. */
#define _DEFAULT_SOURCE		/* getentropy */ /* NOLINT(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp): a feature test macro */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <bearssl.h>

#include "ddnsup.h"
#include "util.h"
#include "hash.h"

void
hash_fingerprint(char *out, const char *salt, const char *const *field,
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
	for (i = 0; i < FPHEX / 2; i++)
		snprintf(out + 2 * (size_t)i, 3, "%02x", hash[i]);
	wipe(hash, sizeof(hash));
	wipe(&h, sizeof(h));
}

int
hash_random(void *buf, size_t len)
{
	ssize_t n;
	int fd;

	if (getentropy(buf, len) == 0)
		return 0;
	if ((fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	n = read(fd, buf, len);
	close(fd);
	return n == (ssize_t)len ? 0 : -1;
}
