/*
 * The custom provider: UpdateURL, a URL template with {name}, {ip},
 * {ipv4}, {ipv6}, {user} and {secret}, and GoodWords, NochgWords and
 * FailWords, the words of its reply (or http:NNN statuses).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ddnsup.h"
#include "util.h"
#include "cert.h"
#include "http.h"
#include "conf.h"
#include "presets.h"
#include "job.h"
#include "custom.h"

static const char *const holders[] = {
	"{name}", "{ip}", "{ipv4}", "{ipv6}", "{user}", "{secret}", NULL
};

/* words of every instance: at most MAXWORDS each */
#define MAXWORDS	24
static struct answer pool[MAXINST][MAXWORDS + 1];
static char wordbuf[MAXINST][1024];
static int used;

/* The template's path: what follows scheme://host[:port]. */
static const char *
pathof(const char *t)
{
	const char *p = strstr(t, "://");

	p = p != NULL ? p + 3 : t;
	return p + strcspn(p, "/?{");
}

static int
holder(const char *p)
{
	int i;

	for (i = 0; holders[i] != NULL; i++)
		if (strncmp(p, holders[i], strlen(holders[i])) == 0)
			return i;
	return -1;
}

static int
has(const char *t, int which)
{
	const char *p;

	for (p = pathof(t); (p = strchr(p, '{')) != NULL; p++)
		if (holder(p) == which)
			return 1;
	return 0;
}

/* The template has {name}: one request per name. */
int
custom_hasname(const char *t)
{
	return has(t, 0);
}

/* The template has {secret}: no Basic credentials. */
int
custom_hassecret(const char *t)
{
	return has(t, 5);
}

/* The template has {user}. */
int
custom_hasuser(const char *t)
{
	return has(t, 4);
}

/* Check a template and set srv from its scheme, host and port. */
int
custom_parse(const char *t, struct url *srv)
{
	char base[600];
	const char *path = pathof(t), *p;
	int k;

	if (strncasecmp(t, "https://", 8) != 0 &&
	    strncasecmp(t, "http://", 7) != 0)
		return fail(F_USAGE, "%s: must start with https:// or http://",
		    t);
	if (*path != '/')
		return fail(F_USAGE, "%s: no path after the host", t);
	snprintf(base, sizeof(base), "%.*s/", (int)(path - t), t);
	if ((size_t)(path - t) >= sizeof(base) - 1 ||
	    url_parse(srv, base, "/") == -1)
		return fail(F_USAGE, "%s", lastfail.msg);
	if (strlen(path) >= sizeof(srv->path))
		return fail(F_USAGE, "%s: path too long", t);
	for (p = path; *p != '\0'; p++) {
		if (*p == '{') {
			if ((k = holder(p)) == -1)
				return fail(F_USAGE, "%s: unknown placeholder at "
				    "\"%.12s\" ({name} {ip} {ipv4} {ipv6} {user} "
				    "{secret})", t, p);
			p += strlen(holders[k]) - 1;
		} else if (*p <= ' ' || *p > '~' || *p == '}' || *p == '#')
			return fail(F_USAGE, "%s: bad character in path", t);
	}
	snprintf(srv->path, sizeof(srv->path), "%s", path);
	return 0;
}

/* The request target of one request: the template's path, filled. */
int
custom_target(char *dst, size_t size, const struct job *j, int masked)
{
	char pair[2 * ADDRLEN + 2];
	const char *p, *v, *user = j->user != NULL && j->user[0] != '\0' ?
	    j->user : j->names[0];
	size_t n = 0, len;
	int k, bad = 0;

	for (p = j->srv.path; *p != '\0' && !bad; p++) {
		if (*p != '{' || (k = holder(p)) == -1) {
			bad |= n + 2 > size;
			if (!bad)
				dst[n++] = *p;
			continue;
		}
		p += strlen(holders[k]) - 1;
		switch (k) {
		case 0:
			v = j->names[0];
			break;
		case 1:
			v = addrpair(pair, sizeof(pair), j->addr4, j->addr6);
			v = strcmp(v, "-") == 0 ? "" : v;
			break;
		case 2:
			v = j->addr4;
			break;
		case 3:
			v = j->addr6;
			break;
		case 4:
			v = user;
			break;
		default:
			v = masked ? "********" : NULL;
		}
		len = v != NULL ? strlen(v) : j->secretlen;
		if (v == NULL)
			bad |= url_encode(dst, size, &n, j->secret, len);
		else if (k == 5) {
			bad |= n + len + 1 > size;
			if (!bad)
				memcpy(dst + n, v, len), n += len;
		} else
			bad |= url_encode(dst, size, &n, v, len);
	}
	if (bad || n >= size) {
		wipe(dst, size);
		return fail(F_CONFIG, "request too long");
	}
	dst[n] = '\0';
	return 0;
}

/* One list of words into a[*na]; -1 when a word is bad. */
static int
words(const struct setting *s, enum result res, struct answer *a, int *na,
    char *buf, size_t size, size_t *used_)
{
	const char *p, *e;
	size_t l;
	long long st;

	if (s == NULL)
		return 0;
	for (p = s->v; *p != '\0'; p = *e ? e + 1 : e) {
		while (*p == ' ')
			p++;
		e = p + strcspn(p, ",");
		for (l = (size_t)(e - p); l > 0 && p[l - 1] == ' '; l--)
			;
		if (l == 0)
			return fail(F_USAGE, "%s: an empty word", s->v);
		if (*na == MAXWORDS || *used_ + l + 1 > size)
			return fail(F_USAGE, "%s: too many words", s->v);
		memset(&a[*na], 0, sizeof(a[0]));
		if (l > 5 && strncasecmp(p, "http:", 5) == 0) {
			if (num_span(p + 5, l - 5, 100, 599, &st) == -1)
				return fail(F_USAGE, "%.*s: http: takes a "
				    "status, 100 to 599", (int)l, p);
			a[*na].http = (int)st;
		} else {
			memcpy(buf + *used_, p, l);
			buf[*used_ + l] = '\0';
			a[*na].has = buf + *used_;
			*used_ += l + 1;
		}
		a[*na].res = res;
		a[*na].status = res != R_FAILED ? ST_OK : a[*na].http == 401 ||
		    a[*na].http == 403 ? ST_NOPERM : ST_CONFIG;
		a[*na].code = res == R_UPDATED ? "good" : res == R_UNCHANGED ?
		    "nochg" : "refused";
		a[*na].text = res == R_UPDATED ? "updated" : res == R_UNCHANGED ?
		    "no change" : "the provider answered with a FailWords word";
		(*na)++;
	}
	return 0;
}

/* GoodWords, NochgWords, FailWords as answers (NULL: none given). */
int
custom_words(const struct setting *good, const struct setting *nochg,
    const struct setting *bad, const struct answer **out)
{
	struct answer *a;
	size_t n = 0;
	int na = 0;

	*out = NULL;
	if (good == NULL && nochg == NULL && bad == NULL)
		return 0;
	if (used == MAXINST)
		return fail(F_USAGE, "too many instances with reply words");
	a = pool[used];
	if (words(bad, R_FAILED, a, &na, wordbuf[used], sizeof(wordbuf[0]),
	    &n) == -1 || words(nochg, R_UNCHANGED, a, &na, wordbuf[used],
	    sizeof(wordbuf[0]), &n) == -1 || words(good, R_UPDATED, a, &na,
	    wordbuf[used], sizeof(wordbuf[0]), &n) == -1)
		return -1;
	memset(&a[na], 0, sizeof(a[0]));
	*out = pool[used++];
	return 0;
}
