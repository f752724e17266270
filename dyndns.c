/* DynDNS2: the update request and the mapping of its reply to results. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ddnsup.h"
#include "util.h"
#include "result.h"
#include "net.h"
#include "cert.h"
#include "http.h"
#include "presets.h"
#include "job.h"
#include "custom.h"
#include "proto.h"
#include "dyndns.h"

/* dyndns_update's pieces: one request's job, and an IPv6 request's results */
static struct job one;
static struct nameresult r6[MAXNAMES];

static const struct code {
	const char *word;
	enum result res;
	int status;
	const char *text;
} codes[] = {
	{ "good", R_UPDATED, ST_OK, "updated" },
	{ "nochg", R_UNCHANGED, ST_OK, "no change" },
	{ "badauth", R_FAILED, ST_NOPERM, "user name or password refused" },
	{ "!donator", R_FAILED, ST_NOPERM,
	    "this option is for paying accounts only" },
	{ "notfqdn", R_FAILED, ST_CONFIG, "not a fully qualified domain name" },
	{ "nohost", R_FAILED, ST_CONFIG, "no such host name in this account" },
	{ "!yours", R_FAILED, ST_CONFIG,
	    "host name belongs to another account" },
	{ "numhost", R_FAILED, ST_CONFIG,
	    "too many host names, or a round-robin name" },
	{ "abuse", R_FAILED, ST_NOPERM, "host name blocked for update abuse; "
	    "unblock it on the provider's web site" },
	{ "badagent", R_FAILED, ST_NOPERM,
	    "client refused (user agent blocked or method not allowed)" },
	{ "badsys", R_FAILED, ST_CONFIG, "bad system parameter" },
	{ "dnserr", R_FAILED, ST_TEMPFAIL,
	    "provider DNS error; wait at least 30 minutes" },
	{ "911", R_FAILED, ST_TEMPFAIL,
	    "provider failure or maintenance; wait at least 30 minutes" },
	/* beyond Dyn's list: dy.fi, HE; Dyn-style clients; dynu; do.de */
	{ "badip", R_FAILED, ST_CONFIG,
	    "address refused: not valid, or not allowed for this account" },
	{ "badrequest", R_FAILED, ST_CONFIG,
	    "the provider refused the request as malformed" },
	{ "!active", R_FAILED, ST_CONFIG,
	    "the name's custom domain is not yet activated" },
	{ "servererror", R_FAILED, ST_TEMPFAIL,
	    "provider server error; wait at least 30 minutes" },
	{ "toomanyrequests", R_FAILED, ST_TEMPFAIL,
	    "too many requests; wait at least 30 minutes" },
};

static int
enc(char *dst, size_t size, size_t *n, const char *s)
{
	return url_encode(dst, size, n, s, strlen(s));
}

static int
add(char *dst, size_t size, size_t *n, const char *s)
{
	size_t len = strlen(s);

	if (*n + len + 1 > size)
		return -1;
	memcpy(dst + *n, s, len + 1);
	*n += len;
	return 0;
}

/* One parameter: "&key=value", or "?" first. */
static int
param(char *dst, size_t size, size_t *n, const char *key, const char *v)
{
	int bad;

	bad = add(dst, size, n, strchr(dst, '?') ? "&" : "?");
	bad |= add(dst, size, n, key);
	if (v != NULL) {
		bad |= add(dst, size, n, "=");
		bad |= enc(dst, size, n, v);
	}
	return bad;
}

/* The user a request names: -u, else the host name (per-host credentials). */
static const char *
requser(const struct job *j)
{
	return j->user != NULL && j->user[0] != '\0' ? j->user : j->names[0];
}

/*
 * How the row writes name: its label under the row's zone, or, with a
 * zone parameter, the label under -u's zone (else under the first dot;
 * "@" for the zone itself) and that zone in *zone. NULL if it cannot.
 */
const char *
dyndns_label(const struct preset *p, const struct job *j, const char *name,
    const char **zone)
{
	static char label[256];
	const char *z = p->zone, *dot;
	size_t nl = strlen(name), zl;

	if (p->qzone != NULL) {
		z = j->user != NULL && j->user[0] != '\0' ? j->user : NULL;
		if (z == NULL && (dot = strchr(name, '.')) != NULL)
			z = dot + 1;
	}
	if (zone != NULL)
		*zone = z;
	if (z == NULL)
		return name;
	zl = strlen(z);
	if (p->qzone != NULL && strcasecmp(name, z) == 0)
		return "@";
	if (nl <= zl + 1 || name[nl - zl - 1] != '.' ||
	    strcasecmp(name + nl - zl, z) != 0)
		return NULL;
	snprintf(label, sizeof(label), "%.*s", (int)(nl - zl - 1), name);
	return label;
}

static int
target(char *dst, size_t size, const struct job *j, int masked)
{
	const struct preset *p = preset_row(j->pre);
	int has4 = j->addr4[0] != '\0', has6 = j->addr6[0] != '\0';
	const char *zone = NULL, *l;
	size_t n = 0;
	int i, bad = 0;

	if (j->tmpl != NULL)
		return custom_target(dst, size, j, masked);
	bad |= add(dst, size, &n, j->srv.path);
	if (p->qname != NULL) {
		bad |= param(dst, size, &n, p->qname, "");
		for (i = 0; i < j->nnames; i++) {
			if (i > 0)
				bad |= add(dst, size, &n, ",");
			if ((l = dyndns_label(p, j, j->names[i], &zone)) == NULL)
				return fail(F_CONFIG, "%s: not under %s",
				    j->names[i], zone);
			/* "@", the zone itself: as the provider writes it */
			bad |= strcmp(l, "@") == 0 ? add(dst, size, &n, l) :
			    enc(dst, size, &n, l);
		}
		if (p->qzone != NULL)
			bad |= param(dst, size, &n, p->qzone, zone);
	}
	if (p->quser != NULL)
		bad |= param(dst, size, &n, p->quser, requser(j));
	if (p->qsecret != NULL) {
		if (p->qsecret[0] != '\0')
			bad |= param(dst, size, &n, p->qsecret, "");
		else
			bad |= add(dst, size, &n, strchr(dst, '?') ? "&" : "?");
		bad |= masked ? add(dst, size, &n, "********") :
		    url_encode(dst, size, &n, j->secret, j->secretlen);
	}
	if (p->p6 != NULL) {
		if (has4)
			bad |= param(dst, size, &n, p->p4, j->addr4);
		if (has6)
			bad |= param(dst, size, &n, p->p6, j->addr6);
	} else if ((has4 || has6) && p->p4 != NULL) {
		bad |= param(dst, size, &n, p->p4, j->addr4);
		if (has4 && has6)
			bad |= add(dst, size, &n, ",");
		bad |= enc(dst, size, &n, j->addr6);
	}
	/* the provider takes the connection's address: that family is sent */
	if (!has4 && !has6) {
		has4 = j->four && !j->six;
		has6 = j->six && !j->four;
	}
	if (p->keep4 != NULL && !has4)
		bad |= param(dst, size, &n, p->keep4, NULL);
	if (p->keep6 != NULL && !has6)
		bad |= param(dst, size, &n, p->keep6, NULL);
	if (p->flags & PF_NOCHG)
		bad |= param(dst, size, &n, "wildcard=NOCHG&mx=NOCHG&backmx=NOCHG",
		    NULL);
	if (bad) {
		wipe(dst, size);
		return fail(F_CONFIG, "request too long");
	}
	return 0;
}

/* The secret goes in the URL, not as Basic credentials. */
int
dyndns_urlsecret(const struct job *j)
{
	return j->tmpl != NULL ? custom_hassecret(j->tmpl) :
	    preset_row(j->pre)->qsecret != NULL;
}

/* The whole request; with masked set the credential is not shown. */
int
dyndns_request(char *buf, size_t size, const struct job *j, int masked)
{
	static char t[MAXNAMES * 256 + 1024];
	char cred[MAXUSER + MAXSECRET + 2];
	char auth[(MAXUSER + MAXSECRET + 2) * 4 / 3 + 8];
	const char *user = requser(j);
	size_t ulen = strlen(user);
	int n;

	if (target(t, sizeof(t), j, masked) == -1)
		return -1;
	if (dyndns_urlsecret(j)) {
		n = http_request(buf, size, &j->srv, t, NULL, j->agent);
		wipe(t, sizeof(t));
		return n;
	}
	if (masked)
		return http_request(buf, size, &j->srv, t, "********", j->agent);
	if (ulen >= MAXUSER)
		return fail(F_CONFIG, "user name too long");
	snprintf(cred, sizeof(cred), "%s:", user);
	memcpy(cred + ulen + 1, j->secret, j->secretlen);
	b64encode(auth, sizeof(auth), (unsigned char *)cred,
	    ulen + 1 + j->secretlen);
	n = http_request(buf, size, &j->srv, t, auth, j->agent);
	wipe(cred, sizeof(cred));
	wipe(auth, sizeof(auth));
	return n;
}

static const char *
sentaddr(const struct job *j, char *buf, size_t size)
{
	return addrpair(buf, size, j->addr4, j->addr6);
}

/* An echoed address, or "v4,v6": canonical form, or 0 if it is not one. */
static int
echoaddr(const char *s, size_t len, char *out, size_t size)
{
	char a[2][ADDRLEN + 1], canon[2][ADDRLEN];
	const char *comma = memchr(s, ',', len);
	size_t l[2];
	int fam, i, n = comma ? 2 : 1;

	l[0] = comma ? (size_t)(comma - s) : len;
	l[1] = comma ? len - l[0] - 1 : 0;
	for (i = 0; i < n; i++) {
		if (l[i] == 0 || l[i] > ADDRLEN)
			return 0;
		memcpy(a[i], i == 0 ? s : comma + 1, l[i]);
		a[i][l[i]] = '\0';
		if (addr_class(a[i], &fam, canon[i], ADDRLEN) == A_BAD)
			return 0;
	}
	snprintf(out, size, "%s%s%s", canon[0], n == 2 ? "," : "",
	    n == 2 ? canon[1] : "");
	return 1;
}

/* Map one reply line to a result; 1 if its code is one DynDNS2 defines. */
static int
mapline(const char *line, size_t len, const struct job *j,
    struct nameresult *res)
{
	char buf[2 * ADDRLEN + 2], show[120];
	size_t wlen, i, alen;
	const char *a;
	long n;

	for (wlen = 0; wlen < len && line[wlen] != ' ' && line[wlen] != '\t';
	    wlen++)
		;
	for (a = line + wlen; a < line + len && (*a == ' ' || *a == '\t'); a++)
		;
	for (alen = 0; a + alen < line + len && a[alen] != ' ' &&
	    a[alen] != '\t'; alen++)
		;
	snprintf(res->addr, sizeof(res->addr), "%s",
	    sentaddr(j, buf, sizeof(buf)));
	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		if (strlen(codes[i].word) != wlen ||
		    strncasecmp(line, codes[i].word, wlen) != 0)
			continue;
		if (alen > 0)
			echoaddr(a, alen, res->addr, sizeof(res->addr));
		res->res = codes[i].res;
		res->status = codes[i].status;
		snprintf(res->code, sizeof(res->code), "%s", codes[i].word);
		snprintf(res->text, sizeof(res->text), "%s", codes[i].text);
		if (res->res == R_UPDATED &&
		    (j->addr4[0] != '\0' || j->addr6[0] != '\0') &&
		    strcmp(res->addr, "127.0.0.1") == 0) {
			res->res = R_FAILED;
			res->status = ST_NOPERM;
			snprintf(res->text, sizeof(res->text), "provider "
			    "ignored the request (good 127.0.0.1): it does not "
			    "accept this client");
		}
		return 1;
	}
	/* legacy wNNm / wNNh: wait that long */
	if (wlen >= 3 && wlen <= 5 && (line[0] | 0x20) == 'w' &&
	    ((line[wlen - 1] | 0x20) == 'm' || (line[wlen - 1] | 0x20) == 'h')) {
		for (n = 0, i = 1; i < wlen - 1 && isdigit((unsigned char)line[i]);
		    i++)
			n = n * 10 + (line[i] - '0');
		if (i == wlen - 1) {
			res->res = R_FAILED;
			res->status = ST_TEMPFAIL;
			snprintf(res->code, sizeof(res->code), "w%ld%c", n,
			    line[wlen - 1] | 0x20);
			snprintf(res->text, sizeof(res->text), "provider asks "
			    "to wait %ld %s", n, (line[wlen - 1] | 0x20) == 'm' ?
			    "minutes" : "hours");
			res->wait = n * ((line[wlen - 1] | 0x20) == 'm' ? 60 :
			    3600);
			return 1;
		}
	}
	printable(show, sizeof(show), line, len);
	res->res = R_FAILED;
	res->status = ST_PROTOCOL;
	snprintf(res->code, sizeof(res->code), "protocol");
	snprintf(res->text, sizeof(res->text), "unexpected reply: %s", show);
	return 0;
}

/* Where s holds word as a word (case-insensitively), or NULL. */
static const char *
hasword(const char *s, size_t len, const char *word)
{
	size_t wl = strlen(word), i;

	if (wl == 0)
		return NULL;
	for (i = 0; i + wl <= len; i++)
		if (strncasecmp(s + i, word, wl) == 0 &&
		    (i == 0 || !isalnum((unsigned char)word[0]) ||
		    !isalnum((unsigned char)s[i - 1])) &&
		    (i + wl == len || !isalnum((unsigned char)word[wl - 1]) ||
		    !isalnum((unsigned char)s[i + wl])))
			return s + i;
	return NULL;
}

/* The body's <tag>text</tag>, printable, or "" */
static void
tagtext(char *out, size_t size, const struct reply *r, const char *tag)
{
	char open[40], close[40];
	const char *a, *b;

	out[0] = '\0';
	snprintf(open, sizeof(open), "<%s>", tag);
	snprintf(close, sizeof(close), "</%s>", tag);
	if ((a = hasword(r->body, r->bodylen, open)) == NULL)
		return;
	a += strlen(open);
	if ((b = hasword(a, r->bodylen - (size_t)(a - r->body), close)) == NULL)
		return;
	printable(out, size, a, (size_t)(b - a));
}

/*
 * The provider's own words and statuses, as DynDNS2 results; 1 if one
 * fits: the longest word the body holds, else a status alone.
 */
static int
ownanswer(const struct reply *r, const struct job *j, struct nameresult *res,
    const char *sent)
{
	const struct answer *a = j->own != NULL ? j->own : preset_row(j->pre)->own;
	const struct answer *best = NULL, *st = NULL;
	char addr[ADDRLEN], text[320];
	const char *w;
	size_t bl = 0;

	for (; a != NULL && a->code != NULL; a++) {
		if (a->http != 0 && a->http != r->status)
			continue;
		if (a->has == NULL) {
			if (st == NULL)
				st = a;
			continue;
		}
		w = a->has;
		if (strcmp(w, ANS_ADDR) == 0) {
			snprintf(addr, sizeof(addr), "%s", j->addr4[0] ?
			    j->addr4 : j->addr6);
			w = addr;
		}
		if (hasword(r->body, r->bodylen, w) != NULL && strlen(w) > bl) {
			best = a;
			bl = strlen(w);
		}
	}
	if ((a = best ? best : st) == NULL)
		return 0;
	if (a->tag != NULL) {
		tagtext(text, 200, r, a->tag);
		snprintf(text + strlen(text), sizeof(text) - strlen(text), "%s",
		    text[0] ? "" : "the provider refused the update");
	} else
		snprintf(text, sizeof(text), "%s", a->text);
	results_set(res, j->nnames, a->res, a->status, sent, a->code, text);
	return 1;
}

/*
 * One line per name in request order; one line for several names
 * applies to all; missing lines fail their names. The provider's own
 * words come first; the HTTP status decides only when no line carries
 * a DynDNS2 code.
 */
void
dyndns_map(const struct reply *r, const struct job *j, struct nameresult *res)
{
	const char *line[MAXNAMES], *p, *end = r->body + r->bodylen, *nl;
	size_t len[MAXNAMES], l;
	char buf[2 * ADDRLEN + 2], text[320], code[16];
	const char *sent = sentaddr(j, buf, sizeof(buf));
	int nlines = 0, extra = 0, known = 0, i;

	if (r->status >= 300 && r->status < 400) {
		snprintf(text, sizeof(text), "redirected (HTTP %d) to %s; "
		    "redirects are not followed", r->status,
		    r->location[0] ? r->location : "nowhere");
		results_set(res, j->nnames, R_FAILED, ST_PROTOCOL, sent, "protocol", text);
		return;
	}
	if (ownanswer(r, j, res, sent))
		return;
	for (p = r->body; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		for (; p < nl && (*p == ' ' || *p == '\t'); p++)
			;
		for (l = (size_t)(nl - p); l > 0 && (p[l - 1] == '\r' ||
		    p[l - 1] == ' ' || p[l - 1] == '\t'); l--)
			;
		if (l == 0)
			continue;
		if (nlines == MAXNAMES || nlines == j->nnames) {
			extra++;
			continue;
		}
		line[nlines] = p;
		len[nlines++] = l;
	}
	for (i = 0; i < j->nnames; i++) {
		memset(&res[i], 0, sizeof(res[i]));
		if (nlines == 1 || i < nlines)
			known |= mapline(line[nlines == 1 ? 0 : i],
			    len[nlines == 1 ? 0 : i], j, &res[i]);
		else if (nlines > 0)
			results_set(&res[i], 1, R_FAILED, ST_PROTOCOL, sent,
			    "protocol", "no result line for this name");
	}
	if (!known) {
		if (r->status == 401)
			results_set(res, j->nnames, R_FAILED, ST_NOPERM, sent,
			    "badauth", codes[2].text);
		else if (r->status == 429 || r->status >= 500) {
			snprintf(text, sizeof(text), "HTTP %d %s: try again "
			    "later", r->status, r->reason);
			snprintf(code, sizeof(code), "http%d", r->status);
			results_set(res, j->nnames, R_FAILED, ST_TEMPFAIL, sent, code, text);
		} else if (r->status != 200 || nlines == 0) {
			snprintf(text, sizeof(text), "HTTP %d %s%s", r->status,
			    r->reason, nlines == 0 ? " with no result" :
			    ", not a DynDNS2 reply");
			results_set(res, j->nnames, R_FAILED, ST_PROTOCOL, sent,
			    "protocol", text);
		}
	}
	if (extra > 0 && known)
		warn("%s: %d extra reply line%s ignored", url_where(&j->srv),
		    extra, extra == 1 ? "" : "s");
}

static void
logrequest(const struct job *j)
{
	char req[8192], *p, *nl;

	if (dyndns_request(req, sizeof(req), j, 1) == -1)
		return;
	for (p = req; (nl = strstr(p, "\r\n")) != NULL && nl != p; p = nl + 2)
		logv("> %.*s", (int)(nl - p), p);
}

static void
logbody(const struct reply *r)
{
	const char *p = r->body, *end = r->body + r->bodylen, *nl;
	char show[200];
	int lines = 0;

	for (; p < end && lines < 40; p = nl + 1, lines++) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		printable(show, sizeof(show), p, (size_t)(nl - p) -
		    (nl > p && nl[-1] == '\r'));
		logv("< %s", show);
	}
}

/* Connect, verify, send one request for all names, map the reply. */
static int
exchange(struct job *j, struct nameresult *res)
{
	static char req[8192];
	char buf[2 * ADDRLEN + 2];
	struct conn c;
	struct reply r;
	int n;

	if (j->phase != NULL)
		j->phase(0);
	if (http_connect(&c, &j->srv, j->family, j->pins, j->npins) == -1)
		goto bad;
	/* verified: the credentials go next, and the reply judges them */
	if (j->phase != NULL)
		j->phase(1);
	if (j->verbose)
		logrequest(j);
	/* the credential exists only from here, after verification */
	if ((n = dyndns_request(req, sizeof(req), j, 0)) == -1)
		goto bad;
	if (http_exchange(&c, req, (size_t)n, &r, j->verbose) == -1) {
		wipe(req, sizeof(req));
		goto bad;
	}
	wipe(req, sizeof(req));
	if (j->verbose)
		logbody(&r);
	dyndns_map(&r, j, res);
	conn_close(&c);
	return 0;
bad:
	conn_close(&c);
	results_fail(res, j->nnames, sentaddr(j, buf, sizeof(buf)),
	    net_reached(0));
	return -1;
}

/* The IPv4 and IPv6 requests' results as one per name. */
static void
merge(struct nameresult *res, const struct nameresult *r6, int n)
{
	char addr[sizeof(res->addr)];
	int i, a4, a6;

	for (i = 0; i < n; i++) {
		a4 = strcmp(res[i].addr, "-") != 0;
		a6 = strcmp(r6[i].addr, "-") != 0;
		snprintf(addr, sizeof(addr), "%s%s%s", a4 ? res[i].addr : "",
		    a4 && a6 ? "," : "", a6 ? r6[i].addr : "");
		if (res[i].res != R_FAILED && (r6[i].res == R_FAILED ||
		    (r6[i].res == R_UPDATED && res[i].res == R_UNCHANGED)))
			res[i] = r6[i];
		snprintf(res[i].addr, sizeof(res[i].addr), "%s",
		    addr[0] ? addr : "-");
	}
}

/*
 * What the preset refuses to send, before anything is: a request that
 * would change a family that was not asked about, or one the provider
 * cannot take. -1 with the reason in lastfail.
 */
int
dyndns_check(const struct job *j)
{
	const struct preset *p = preset_row(j->pre);
	int has4 = j->addr4[0] != '\0', has6 = j->addr6[0] != '\0';
	const char *zone;
	int i;

	if (dyndns_urlsecret(j) && !j->srv.tls && !j->plainsecret)
		return fail(F_CONFIG, "%s: the secret would go in the URL over "
		    "plain http: use https, or AllowPlainHTTP=true to accept it",
		    j->tmpl != NULL ? "UpdateURL" : p->name);
	if (j->tmpl != NULL)
		return 0;
	if (p->qname == NULL && j->nnames != 1)
		return fail(F_CONFIG, "%s: the account names its host: one name "
		    "per instance", p->name);
	if ((p->flags & PF_NOUSER) && p->qzone == NULL && j->user != NULL &&
	    j->user[0] != '\0')
		return fail(F_CONFIG, "%s: the provider takes no user name (the "
		    "secret says whose): no -u", p->name);
	for (i = 0; i < j->nnames && p->qname != NULL; i++)
		if (dyndns_label(p, j, j->names[i], &zone) == NULL ||
		    (p->qzone != NULL && zone == NULL))
			return fail(F_CONFIG, "%s: %s is not a name under %s",
			    p->name, j->names[i], zone ? zone : "a zone");
	if ((p->flags & PF_BOTH) && (!has4 || !has6))
		return fail(F_CONFIG, "%s: give both an IPv4 and an IPv6 address:"
		    " without myip the A record becomes 127.0.0.1, and what a "
		    "request without myipv6 does is not documented", p->name);
	if ((p->keep4 != NULL || p->keep6 != NULL) && !has4 && !has6 &&
	    j->four == j->six)
		return fail(F_CONFIG, "%s: the provider changes the family a "
		    "request leaves out: give the address (-a, -i, -w), or -4 "
		    "or -6 so that the other is kept", p->name);
	if ((p->flags & PF_MYIP6) && j->six && !has6)
		return fail(F_CONFIG, "%s: an IPv6 update needs the address "
		    "(-a, -i or -w)", p->name);
	if ((p->flags & PF_SOURCE) && (has4 || has6))
		return fail(F_CONFIG, "%s: the provider takes the address the "
		    "request comes from: no -a, -i or -w", p->name);
	return 0;
}

/*
 * Every request the preset's shape needs, each one exchange within the
 * one deadline: one for all names, or one per name; with both families,
 * one per family where the provider takes them apart (V6_SEPARATE,
 * V6_HOSTS). With show, each request is shown instead of sent.
 */
int
dyndns_update(const struct job *j, struct nameresult *res,
    int (*show)(const struct job *))
{
	int per = (j->tmpl != NULL ? custom_hasname(j->tmpl) :
	    (preset_row(j->pre)->flags & PF_ONE) != 0) ? 1 : j->nnames;
	int split = (j->v6 == V6_SEPARATE || j->v6 == V6_HOSTS) &&
	    j->addr4[0] && j->addr6[0];
	int i, k, m, r = 0;

	for (i = 0; i < j->nnames; i += per)
		for (k = 0; k < 1 + split; k++) {
			one = *j;
			for (m = 0; m < per; m++)
				one.names[m] = j->names[i + m];
			one.nnames = per;
			if (split)
				(k == 0 ? one.addr6 : one.addr4)[0] = '\0';
			if (j->v6 == V6_HOSTS && !one.addr4[0] &&
			    (one.addr6[0] || (j->six && !j->four)))
				snprintf(one.srv.host, sizeof(one.srv.host), "%s",
				    j->host6);
			if (show != NULL)
				r |= show(&one);
			else
				r |= exchange(&one, k == 0 ? res + i : r6);
			if (k == 1 && show == NULL)
				merge(res + i, r6, per);
		}
	wipe(one.secret, sizeof(one.secret));
	return r ? -1 : 0;
}

static void
update(struct job *j, struct nameresult *res)
{
	dyndns_update(j, res, NULL);
}

/* -n: one request that would be sent, the secret masked. */
static int
showone(const struct job *j)
{
	char req[8192], *p, *nl;

	printf("# %s %s port %s\n", j->srv.tls ? "https" : "http",
	    j->srv.host, j->srv.port);
	if (dyndns_request(req, sizeof(req), j, 1) == -1)
		return -1;
	for (p = req; (nl = strstr(p, "\r\n")) != NULL && nl != p; p = nl + 2)
		printf("%.*s\n", (int)(nl - p), p);
	return 0;
}

static int
dryrun(const struct job *j)
{
	static struct nameresult res[MAXNAMES];

	return dyndns_update(j, res, showone);
}

static int
prepare(struct job *j)
{
	if (!j->srv.tls)
		warn("%s: plain http: the password crosses the network in "
		    "clear", j->srv.host);
	return 0;
}

/* The server is -s's URL: a TLS handshake when it is https. */
int
dyndns_needca(const struct job *j)
{
	return j->srv.tls;
}

int
dyndns_ports(const struct job *j, const char **out)
{
	out[0] = j->srv.port;
	return 1;
}

const char *
dyndns_where(const struct job *j)
{
	return url_where(&j->srv);
}

const struct protocol proto_dyndns = {
	.name = "dyndns",
	.check = dyndns_check,
	.prepare = prepare,
	.needca = dyndns_needca,
	.ports = dyndns_ports,
	.update = update,
	.dryrun = dryrun,
	.where = dyndns_where,
};
