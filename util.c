/* Messages, base64, name checks and other small helpers. */
#include <sys/socket.h>
#include <sys/un.h>
#include <arpa/inet.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "ddnsup.h"
#include "util.h"

const char *argv0 = "ddnsup";
int uselog;
struct failure lastfail;

/*
 * Where a message goes. Without -l: errors, warnings and -v's lines to
 * standard error; notices (the output line says it) and debug lines
 * nowhere. With -l: all to syslog, and errors to standard error too, so
 * that cron mail says why a name failed.
 */
static void
vmsg(int prio, const char *fmt, va_list ap)
{
	char buf[1024];
	size_t n;
	int saved = errno;

	vsnprintf(buf, sizeof(buf), fmt, ap);
	n = strlen(buf);
	if (n > 0 && buf[n - 1] == ':')
		snprintf(buf + n, sizeof(buf) - n, " %s", strerror(saved));
	if (uselog)
		syslog(prio, "%s", buf);
	if (uselog ? prio == LOG_ERR : prio != LOG_NOTICE && prio != LOG_DEBUG)
		fprintf(stderr, "%s: %s\n", argv0, buf);
}

#define MSGFN(name, prio) \
void \
name(const char *fmt, ...) \
{ \
	va_list ap; \
 \
	va_start(ap, fmt); \
	vmsg(prio, fmt, ap); \
	va_end(ap); \
}

MSGFN(logerr, LOG_ERR)
MSGFN(warn, LOG_WARNING)
MSGFN(lognotice, LOG_NOTICE)
MSGFN(logv, LOG_INFO)
MSGFN(logdebug, LOG_DEBUG)

/*
 * -l: syslog when a syslog daemon listens on /dev/log, else standard
 * error. openlog(3) cannot tell (it connects lazily and drops messages
 * when nothing listens), so try the socket first.
 */
void
log_open(void)
{
	struct sockaddr_un sa;
	int fd, ok = 0;

	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", "/dev/log");
	if ((fd = socket(AF_UNIX, SOCK_DGRAM, 0)) != -1) {
		ok = connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0;
		close(fd);
	}
	if (!ok && (fd = socket(AF_UNIX, SOCK_STREAM, 0)) != -1) {
		ok = connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0;
		close(fd);
	}
	uselog = ok;
	if (ok)
		openlog("ddnsup", LOG_PID | LOG_NDELAY, LOG_DAEMON);
}

/* Record why an operation failed; returns -1 for the caller to pass on. */
int
fail(enum fail kind, const char *fmt, ...)
{
	char buf[sizeof(lastfail.msg)];
	va_list ap;
	size_t n;
	int saved = errno;

	/* through buf: the arguments may include lastfail.msg itself */
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	n = strlen(buf);
	if (n > 0 && buf[n - 1] == ':')
		snprintf(buf + n, sizeof(buf) - n, " %s", strerror(saved));
	memcpy(lastfail.msg, buf, sizeof(buf));
	lastfail.kind = kind;
	return -1;
}

/* _TIME_BITS=64 gives 32-bit glibc a 64-bit time_t: never lose it silently */
typedef char time_t_has_64_bits[sizeof(time_t) >= 8 ? 1 : -1];

/*
 * The time of day in seconds, as 64 bits whatever time_t is. A clock
 * that cannot be read (time() fails: a 32-bit time_t past 2038) is an
 * error, never a time to store or compare.
 */
int
clock_now(long long *now)
{
	time_t t;

	errno = 0;
	if ((t = time(NULL)) == (time_t)-1)
		return errno != 0 ? fail(F_CONFIG, "the clock cannot be read:") :
		    fail(F_CONFIG, "the clock cannot be read");
	*now = (long long)t;
	return 0;
}

static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Returns the length written (NUL not counted), or 0 if it does not fit. */
size_t
b64encode(char *dst, size_t size, const unsigned char *src, size_t len)
{
	size_t i, n = 0;
	unsigned long v;

	if ((len + 2) / 3 * 4 >= size)
		return 0;
	for (i = 0; i + 2 < len; i += 3) {
		v = (unsigned long)src[i] << 16 | src[i + 1] << 8 | src[i + 2];
		dst[n++] = b64[v >> 18 & 63];
		dst[n++] = b64[v >> 12 & 63];
		dst[n++] = b64[v >> 6 & 63];
		dst[n++] = b64[v & 63];
	}
	if (i < len) {
		v = (unsigned long)src[i] << 16;
		if (i + 1 < len)
			v |= src[i + 1] << 8;
		dst[n++] = b64[v >> 18 & 63];
		dst[n++] = b64[v >> 12 & 63];
		dst[n++] = (char)(i + 1 < len ? b64[v >> 6 & 63] : '=');
		dst[n++] = '=';
	}
	dst[n] = '\0';
	return n;
}

/* Strict decoding of padded base64; returns the length, or -1. */
int
b64decode(unsigned char *dst, size_t size, const char *src)
{
	size_t len = strlen(src), i, n = 0;
	unsigned long v;
	int j, pad = 0;
	const char *p;

	if (len == 0 || len % 4 != 0)
		return -1;
	for (i = 0; i < len; i += 4) {
		v = 0;
		for (j = 0; j < 4; j++) {
			char c = src[i + j];
			if (c == '=' && i + 4 == len && j >= 2 &&
			    (j == 3 || src[i + 3] == '=')) {
				pad++;
				v <<= 6;
				continue;
			}
			if (pad || c == '\0' || (p = strchr(b64, c)) == NULL)
				return -1;
			v = v << 6 | (unsigned long)(p - b64);
		}
		if (n + 3 - pad > size)
			return -1;
		dst[n++] = v >> 16 & 255;
		if (pad < 2)
			dst[n++] = v >> 8 & 255;
		if (pad < 1)
			dst[n++] = v & 255;
	}
	return (int)n;
}

/*
 * A host name: letters, digits and hyphens in dot-separated labels of
 * 1 to 63, at most 253 in all, no hyphen at either end of a label.
 * With single false, one label alone is refused (it is not a FQDN).
 */
int
validname(const char *s, int single)
{
	size_t len = 0, label = 0;
	int dots = 0;

	for (; s[len] != '\0'; len++) {
		char c = s[len];
		if (c == '.') {
			if (label == 0 || s[len - 1] == '-')
				return 0;
			label = 0;
			dots++;
			continue;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-'))
			return 0;
		if (c == '-' && label == 0)
			return 0;
		if (++label > 63)
			return 0;
	}
	if (label == 0 || s[len - 1] == '-' || len > 253)
		return 0;
	return single || dots > 0;
}

/* Copy untrusted bytes for display: anything unprintable becomes \xNN. */
void
printable(char *dst, size_t size, const char *src, size_t len)
{
	size_t i, n = 0;

	if (size == 0)
		return;
	for (i = 0; i < len && n + 5 < size; i++) {
		unsigned char c = (unsigned char)src[i];
		if (c >= 0x20 && c < 0x7f && c != '\\')
			dst[n++] = (char)c;
		else
			n += (size_t)snprintf(dst + n, size - n, "\\x%02x", c);
	}
	if (i < len && n + 3 < size) {
		memcpy(dst + n, "...", 3);
		n += 3;
	}
	dst[n] = '\0';
}

/* memset that the compiler may not remove */
void
wipe(void *p, size_t len)
{
	volatile unsigned char *v = p;

	while (len-- > 0)
		*v++ = 0;
}

/* "v4", "v6", "v4,v6", or "-" for neither. */
const char *
addrpair(char *buf, size_t size, const char *a4, const char *a6)
{
	if (a4[0] == '\0' && a6[0] == '\0')
		return "-";
	snprintf(buf, size, "%s%s%s", a4, a4[0] && a6[0] ? "," : "", a6);
	return buf;
}

/* Like strtonum: len decimal digits only, within [min, max]; 0 or -1. */
int
num_span(const char *s, size_t len, long long min, long long max,
    long long *out)
{
	long long n = 0;
	size_t i;

	if (len == 0 || len > 18)
		return -1;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		n = n * 10 + (s[i] - '0');
	}
	if (n < min || n > max)
		return -1;
	*out = n;
	return 0;
}

/* The same for a whole string. */
int
num_parse(const char *s, long long min, long long max, long long *out)
{
	return num_span(s, strlen(s), min, max, out);
}

/*
 * Classify an address literal and write its canonical form to out.
 * *family is set to AF_INET or AF_INET6.
 */
enum addrclass
addr_class(const char *s, int *family, char *out, size_t outlen)
{
	unsigned char a[16];
	static const unsigned char zero[16];

	if (inet_pton(AF_INET, s, a) == 1) {
		*family = AF_INET;
		inet_ntop(AF_INET, a, out, (socklen_t)outlen);
		if (a[0] == 0 || a[0] == 127 || (a[0] == 169 && a[1] == 254) ||
		    a[0] >= 224)
			return A_REFUSED;
		if (a[0] == 10 || (a[0] == 172 && (a[1] & 0xf0) == 16) ||
		    (a[0] == 192 && a[1] == 168) ||
		    (a[0] == 100 && (a[1] & 0xc0) == 64))
			return A_PRIVATE;
		return A_OK;
	}
	if (inet_pton(AF_INET6, s, a) == 1) {
		*family = AF_INET6;
		inet_ntop(AF_INET6, a, out, (socklen_t)outlen);
		if (memcmp(a, zero, 15) == 0 && (a[15] == 0 || a[15] == 1))
			return A_REFUSED;
		if (a[0] == 0xff || (a[0] == 0xfe && (a[1] & 0xc0) == 0x80))
			return A_REFUSED;
		if (memcmp(a, zero, 10) == 0 && a[10] == 0xff && a[11] == 0xff)
			return A_MAPPED;
		if ((a[0] & 0xfe) == 0xfc)
			return A_PRIVATE;
		return A_OK;
	}
	return A_BAD;
}

/* Host names: valid, at most MAXNAMES, none twice. */
int
names_check(const char *const *name, int n)
{
	int i, k;

	if (n > MAXNAMES)
		return fail(F_USAGE, "%d host names: at most %d per run", n,
		    MAXNAMES);
	for (i = 0; i < n; i++) {
		if (!validname(name[i], 0))
			return fail(F_USAGE, "%s: not a valid fully qualified "
			    "host name", name[i]);
		for (k = 0; k < i; k++)
			if (strcasecmp(name[k], name[i]) == 0)
				return fail(F_USAGE, "%s: host name given twice",
				    name[i]);
	}
	return 0;
}

/* A time for messages: UTC, or the number when it cannot be shown. */
const char *
timestr(long long t)
{
	static char buf[40];
	time_t tt = (time_t)t;
	struct tm tm;

	if ((long long)tt != t || gmtime_r(&tt, &tm) == NULL ||
	    strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S UTC", &tm) == 0)
		snprintf(buf, sizeof(buf), "%lld", t);
	return buf;
}

/* An IPv6 interface ID: an address whose high 64 bits are zero. */
int
iid_parse(const char *s, unsigned char *iid)
{
	unsigned char a[16];
	static const unsigned char zero[8];

	if (inet_pton(AF_INET6, s, a) != 1 || memcmp(a, zero, 8) != 0 ||
	    memcmp(a + 8, zero, 8) == 0)
		return -1;
	memcpy(iid, a + 8, 8);
	return 0;
}

/* Read up to size bytes, all the file has if it fits; -1 on error. */
ssize_t
readall(int fd, char *buf, size_t size)
{
	size_t len = 0;
	ssize_t n;

	while (len < size && (n = read(fd, buf + len, size - len)) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return -1;
		len += (size_t)n;
	}
	return (ssize_t)len;
}
