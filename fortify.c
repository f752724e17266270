/*
 * The musl build only: Debian's libbearssl.a was compiled with
 * _FORTIFY_SOURCE=2, so it calls glibc's checked copies, which musl
 * does not have. These are those three: the length is checked against
 * the destination's size the compiler knew, as glibc does, and an
 * overflow aborts.
 */
#include <stdlib.h>
#include <string.h>

void *__memcpy_chk(void *, const void *, size_t, size_t);
void *__memmove_chk(void *, const void *, size_t, size_t);
void *__memset_chk(void *, int, size_t, size_t);

void *
__memcpy_chk(void *dst, const void *src, size_t len, size_t dstlen)
{
	if (len > dstlen)
		abort();
	return memcpy(dst, src, len);
}

void *
__memmove_chk(void *dst, const void *src, size_t len, size_t dstlen)
{
	if (len > dstlen)
		abort();
	return memmove(dst, src, len);
}

void *
__memset_chk(void *dst, int c, size_t len, size_t dstlen)
{
	if (len > dstlen)
		abort();
	return memset(dst, c, len);
}
