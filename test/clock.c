/*
 * A clock for the tests, preloaded (LD_PRELOAD) into ddnsup: time()
 * returns TESTCLOCK (seconds since 1970), or fails as a 32-bit time_t
 * past 2038 does (-1, EOVERFLOW) when TESTCLOCK is "fail" or does not
 * fit. Both entry points: time (time_t as long: 64-bit systems and
 * 32-bit ones built without _TIME_BITS=64) and __time64 (32-bit glibc
 * with _TIME_BITS=64). No <time.h>: its redirection would rename them.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>

long long __time64(long long *);
long time(long *);

static int
clockval(long long *v)
{
	const char *s = getenv("TESTCLOCK");
	char *end;

	if (s == NULL || *s == '\0')
		return -1;
	errno = 0;
	*v = strtoll(s, &end, 10);
	return *end == '\0' && errno == 0 ? 0 : -1;
}

long long
__time64(long long *t)
{
	long long v;

	if (clockval(&v) == -1) {
		errno = EOVERFLOW;
		return -1;
	}
	if (t != NULL)
		*t = v;
	return v;
}

long
time(long *t)
{
	long long v;

	if (clockval(&v) == -1 || v > LONG_MAX || v < LONG_MIN) {
		errno = EOVERFLOW;
		return -1;
	}
	if (t != NULL)
		*t = (long)v;
	return (long)v;
}
