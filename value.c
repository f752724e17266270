/* One setting's value checked against its key, with where it came from in messages. */
#include <sys/socket.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "ddnsup.h"
#include "util.h"
#include "conf.h"
#include "http.h"
#include "value.h"

/*
 * A bad setting: where it came from (file:line, or the option) and what
 * is wrong. Returns -1 with a usage failure (64) in lastfail.
 */
int
value_bad(const struct setting *s, int key, const char *fmt, ...)
{
	char what[sizeof(lastfail.msg)];
	const char *v = NULL;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	/* a URL's password is never echoed (cron mail, syslog) */
	if (s != NULL && (key == K_SERVER || key == K_ADDRESSURL ||
	    key == K_FQDN))
		v = url_safe(s->v);
	else if (s != NULL)
		v = s->v;
	if (s != NULL && s->line > 0)
		return fail(F_USAGE, "%s:%d: %s: %s", s->file, s->line,
		    s->name ? s->name : conf_keyname(key), what);
	if (s != NULL && s->opt != NULL && strcmp(s->opt, "-o") == 0)
		return fail(F_USAGE, "-o %s=%s: %s", conf_keyname(key), v,
		    what);
	if (s != NULL && s->opt != NULL)
		return fail(F_USAGE, "%s %s: %s", s->opt, v, what);
	return fail(F_USAGE, "%s", what);
}

static const struct range ranges[] = {
	{ K_TIMEOUT, 1, 3600 },
	{ K_PORT, 1, 65535 },
	{ K_CLUSTERPORT, 1, 65535 },
	{ K_LOOKUPPORT, 1, 65535 },
	{ K_UPDATEPORT, 1, 65535 },
	{ K_CHECKINT, 0, 4294967295LL },
	{ K_RETRYINT, 0, 4294967295LL },
	{ K_MAXRETRIES, 0, 4294967295LL },
	{ K_TTL, 0, 2147483647LL },	/* RFC 2181 8: 31 bits */
};

const struct range *
value_range(int key)
{
	size_t i;

	for (i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++)
		if (ranges[i].key == key)
			return &ranges[i];
	return NULL;
}

/* A numeric parameter within its range, or a bad setting. */
int
value_number(const struct setting *s, int key, long long *n)
{
	const struct range *r = value_range(key);

	if (num_parse(s->v, r->min, r->max, n) == -1)
		return value_bad(s, key, "must be a number from %lld to %lld", r->min,
		    r->max);
	return 0;
}

/* Refresh period: seconds, or a number with s, m, h or d. */
int
value_period(const struct setting *s, long long *out)
{
	static const char units[] = "smhd";
	static const long long mult[] = { 1, 60, 3600, 86400 };
	char digits[24];
	size_t len = strlen(s->v);
	const char *u;
	long long unit = 1;

	if (len > 1 && len < sizeof(digits) &&
	    (u = strchr(units, s->v[len - 1])) != NULL && *u != '\0') {
		unit = mult[u - units];
		len--;
	}
	snprintf(digits, sizeof(digits), "%.*s", (int)len, s->v);
	if (len >= sizeof(digits) ||
	    num_parse(digits, 1, 3660LL * 86400 / unit, out) == -1)
		return value_bad(s, K_PERIOD, "a period: seconds, or a number followed "
		    "by s, m, h or d, at most 3660d");
	*out *= unit;
	return 0;
}

int
value_bool(const struct setting *s, int key, int *v)
{
	*v = 1;
	if (s == NULL)
		return 0;
	if (strcmp(s->v, "1") == 0 || strcasecmp(s->v, "true") == 0)
		return 0;
	*v = 0;
	if (strcmp(s->v, "0") == 0 || strcasecmp(s->v, "false") == 0)
		return 0;
	return value_bad(s, key, "must be 1, 0, true or false");
}

static int
address(char *a4, char *a6, const struct setting *s, const char *a,
    int quiet)
{
	char canon[ADDRLEN];
	int fam = AF_INET;

	switch (addr_class(a, &fam, canon, sizeof(canon))) {
	case A_BAD:
		return value_bad(s, K_ADDRESS, "%s: not an IPv4 or IPv6 address", a);
	case A_REFUSED:
		return value_bad(s, K_ADDRESS, "%s: unspecified, loopback, "
		    "link-local, broadcast or multicast address", a);
	case A_MAPPED:
		return value_bad(s, K_ADDRESS, "%s: give an IPv4-mapped address as "
		    "IPv4", a);
	case A_PRIVATE:
		if (!quiet)
			warn("%s: private address: the provider will publish "
			    "it", a);
		break;
	case A_OK:
		break;
	}
	if ((fam == AF_INET ? a4 : a6)[0] != '\0')
		return value_bad(s, K_ADDRESS, "only one address of each family");
	snprintf(fam == AF_INET ? a4 : a6, ADDRLEN, "%s", canon);
	return 0;
}

/* -a or Address: "v4", "v6" or "v4,v6", at most one of each family. */
int
value_addrs(char *a4, char *a6, const struct setting *s, int n, int quiet)
{
	char one[ADDRLEN + 1];
	const char *p;
	size_t len;
	int i;

	for (i = 0; i < n; i++)
		for (p = s[i].v; *p != '\0'; p += len + (p[len] == ',')) {
			len = strcspn(p, ",");
			if (len == 0 || len > ADDRLEN)
				return value_bad(&s[i], K_ADDRESS, "not an address "
				    "list");
			snprintf(one, sizeof(one), "%.*s", (int)len, p);
			if (address(a4, a6, &s[i], one, quiet) == -1)
				return -1;
		}
	return 0;
}

int
value_agent(const struct setting *s, size_t size)
{
	const char *p;

	if (*s->v == '\0' || strlen(s->v) >= size)
		return value_bad(s, K_AGENT, "1 to %zu characters", size - 1);
	for (p = s->v; *p != '\0'; p++)
		if (*p < 0x20 || *p > 0x7e)
			return value_bad(s, K_AGENT, "printable ASCII only");
	return 0;
}
