/*
 * emulate: the test provider's side of each preset, written from the
 * providers' documentation (the README's preset table names each source;
 * "(unverified)" there means a client's source, not the provider's page).
 * It parses the request (path, query, Basic credentials), applies it to a
 * zone file of A and AAAA records as the provider would, including what
 * it does with a family the request leaves out, and answers in the
 * provider's own words and HTTP statuses.
 *
 * Zone file lines: "name A address" and "name AAAA address".
 */
#define _DEFAULT_SOURCE
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "emulate.h"

enum absent {
	KEEP,		/* a family not given stays; no address at all: source */
	SOURCE,		/* dynu: not given is the connection's, "no" keeps */
	DESEC,		/* connection's if that family, else deleted; preserve */
	INWX,		/* no myip: A is 127.0.0.1; no myipv6: AAAA deleted */
	CLEAR		/* core-networks: cleared unless keepipvN=1 */
};
enum dialect { D_DYN, D_CHANGEIP, D_DESEC, D_SELFHOST, D_INFOMANIAK, D_DODE,
	D_400 };

#define E_ONE		0x01	/* one name per request */
#define E_BOUND		0x02	/* no hostname: the account's one name */
#define E_PERHOST	0x04	/* the user is the host name */
#define E_V4		0x08	/* IPv4 only: an IPv6 address is ignored */
#define E_LISTBAD	0x10	/* a v4,v6 list is badip */
#define E_SRC		0x20	/* the address is always the connection's */
#define E_NOIPUA	0x40	/* badagent unless No-IP's User-Agent form */
#define E_MYIP		0x80	/* deSEC: myip's v4,v6 list fills what is missing */

static const struct emu {
	const char *name, *path, *p4, *p6;	/* p6 NULL: p4 takes v4,v6 */
	int flags;
	enum absent absent;
	enum dialect dialect;
} emus[] = {
	{ "dyn", "/nic/update", "myip", NULL, 0, KEEP, D_DYN },
	{ "noip", "/nic/update", "myip", NULL, E_NOIPUA, KEEP, D_DYN },
	{ "he", "/nic/update", "myip", NULL, E_ONE | E_PERHOST | E_LISTBAD,
	    KEEP, D_DYN },
	{ "tunnelbroker", "/nic/update", "myip", NULL, E_ONE | E_V4, KEEP,
	    D_DYN },
	{ "dnsomatic", "/nic/update", "myip", NULL, E_V4, KEEP, D_DYN },
	{ "dynu", "/nic/update", "myip", "myipv6", E_ONE, SOURCE, D_DYN },
	{ "ovh", "/nic/update?system=dyndns", "myip", NULL, E_ONE | E_LISTBAD,
	    KEEP, D_DYN },
	{ "strato", "/nic/update", "myip", NULL, 0, KEEP, D_DYN },
	{ "changeip", "/nic/update", "myip", NULL, E_ONE | E_V4, KEEP,
	    D_CHANGEIP },
	{ "spdyn", "/nic/update", "myip", NULL, E_ONE | E_PERHOST, KEEP, D_DYN },
	{ "nsupdate.info", "/nic/update", "myip", NULL, E_ONE | E_PERHOST,
	    KEEP, D_DYN },
	{ "inwx", "/nic/update", "myip", "myipv6", E_BOUND, INWX, D_DYN },
	{ "joker", "/nic/update", "myip", NULL, E_ONE | E_LISTBAD, KEEP, D_DYN },
	{ "desec", NULL, "myipv4", "myipv6", E_MYIP, DESEC, D_DESEC },
	{ "ipv64", "/nic/update", "myip", "myipv6", 0, KEEP, D_DYN },
	{ "loopia", "/nic/update", "myip", NULL, E_ONE | E_V4, KEEP, D_DYN },
	{ "allinkl", "/", "myip", NULL, E_BOUND | E_V4, KEEP, D_DYN },
	{ "selfhost", "/nic/update", "myip", NULL, E_ONE | E_V4, KEEP,
	    D_SELFHOST },
	{ "dode", "/nic/update", "myip", NULL, E_ONE | E_LISTBAD, KEEP, D_DODE },
	{ "dyndnsit", "/nic/update?system=dyndns", "myip", NULL, E_ONE | E_V4,
	    KEEP, D_DYN },
	{ "ddnss", "/nic/update", "myip", NULL, E_ONE | E_LISTBAD, KEEP, D_DYN },
	{ "afraid", "/nic/update", "myip", NULL, E_ONE | E_LISTBAD, KEEP, D_DYN },
	{ "dynv6", "/nic/update", "myip", NULL, E_ONE | E_V4, KEEP, D_DYN },
	{ "infomaniak", "/nic/update", "myip", NULL, E_ONE | E_LISTBAD, KEEP,
	    D_INFOMANIAK },
	{ "opendns", "/nic/update", "myip", NULL, E_ONE | E_V4, KEEP, D_DYN },
	{ "nowdns", "/update", "myip", NULL, E_ONE | E_LISTBAD, KEEP, D_400 },
	{ "dyfi", "/nic/update", "myip", NULL, E_V4 | E_SRC, KEEP, D_DYN },
	{ "corenetworks", "/", "myip", NULL, E_ONE | E_LISTBAD, CLEAR, D_DYN },
	{ "variomedia", "/nic/update", "myip", NULL, E_ONE, KEEP, D_DYN },
	{ "hostingde", "/nic/update", "myip", NULL, E_ONE | E_LISTBAD, KEEP,
	    D_DYN },
	{ "simply", "/nic/update", "myip", NULL, E_ONE | E_LISTBAD, KEEP,
	    D_DYN },
	{ NULL, NULL, NULL, NULL, 0, KEEP, D_DYN }
};

#define MAXREC	20
static struct rec {
	char name[256], a[64], aaaa[64];
} zone[MAXREC];
static int nzone;

static const char *zonepath;
static const char *creds[8];
static int ncreds;

void
emu_zone(const char *path)
{
	zonepath = path;
}

void
emu_cred(const char *userpass)
{
	if (ncreds < 8)
		creds[ncreds++] = userpass;
}

static void
loadzone(void)
{
	char line[512], name[256], type[8], addr[64];
	FILE *fp;
	int i;

	nzone = 0;
	if (zonepath == NULL || (fp = fopen(zonepath, "r")) == NULL)
		return;
	while (fgets(line, sizeof(line), fp) != NULL) {
		if (sscanf(line, "%255s %7s %63s", name, type, addr) != 3)
			continue;
		for (i = 0; i < nzone && strcasecmp(zone[i].name, name); i++)
			;
		if (i == nzone && nzone < MAXREC) {
			memset(&zone[nzone], 0, sizeof(zone[0]));
			snprintf(zone[nzone++].name, sizeof(zone[0].name), "%s",
			    name);
		}
		if (i < nzone)
			snprintf(strcmp(type, "A") == 0 ? zone[i].a :
			    zone[i].aaaa, 64, "%s", addr);
	}
	fclose(fp);
}

static void
savezone(void)
{
	FILE *fp;
	int i;

	if (zonepath == NULL || (fp = fopen(zonepath, "w")) == NULL)
		return;
	for (i = 0; i < nzone; i++) {
		if (zone[i].a[0])
			fprintf(fp, "%s A %s\n", zone[i].name, zone[i].a);
		if (zone[i].aaaa[0])
			fprintf(fp, "%s AAAA %s\n", zone[i].name, zone[i].aaaa);
	}
	fclose(fp);
}

static int
hexval(int c)
{
	return isdigit(c) ? c - '0' : (tolower(c) - 'a' + 10) & 15;
}

/* The value of key in the query q (percent-decoded), or NULL. */
static const char *
arg(const char *q, const char *key)
{
	static char v[8][512];
	static int k;
	size_t kl = strlen(key), n;
	const char *p;

	for (p = q; p != NULL && *p; p = strchr(p, '&') ? strchr(p, '&') + 1 :
	    NULL) {
		if (strncmp(p, key, kl) != 0 || (p[kl] != '=' && p[kl] != '&' &&
		    p[kl] != '\0'))
			continue;
		k = (k + 1) % 8;
		p += kl + (p[kl] == '=');
		for (n = 0; *p && *p != '&' && n < sizeof(v[0]) - 1; p++)
			if (*p == '%' && isxdigit((unsigned char)p[1]) &&
			    isxdigit((unsigned char)p[2])) {
				v[k][n++] = (char)(hexval(p[1]) << 4 | hexval(p[2]));
				p += 2;
			} else
				v[k][n++] = *p;
		v[k][n] = '\0';
		return v[k];
	}
	return NULL;
}

static int
unb64(const char *s, char *out, size_t size)
{
	static const char a[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	unsigned v = 0;
	size_t n = 0;
	int bits = 0;
	const char *c;

	for (; *s && *s != '=' && *s != '\r'; s++) {
		if ((c = strchr(a, *s)) == NULL)
			return -1;
		v = v << 6 | (unsigned)(c - a);
		if ((bits += 6) >= 8) {
			bits -= 8;
			if (n + 1 >= size)
				return -1;
			out[n++] = (char)(v >> bits & 0xff);
		}
	}
	out[n] = '\0';
	return (int)n;
}

/* A header's value (to the end of its line), or "". */
static const char *
header(const char *req, const char *name, char *buf, size_t size)
{
	const char *p = req;
	size_t nl = strlen(name), l;

	buf[0] = '\0';
	while ((p = strstr(p, "\r\n")) != NULL && p[2] != '\r') {
		p += 2;
		if (strncasecmp(p, name, nl) == 0 && p[nl] == ':') {
			for (p += nl + 1; *p == ' '; p++)
				;
			l = strcspn(p, "\r");
			snprintf(buf, size, "%.*s", (int)(l < size ? l : size - 1),
			    p);
			break;
		}
	}
	return buf;
}

struct out {
	int status;
	char body[4096];
	size_t len;
};

static void
say(struct out *o, const char *fmt, const char *a)
{
	o->len += (size_t)snprintf(o->body + o->len, sizeof(o->body) - o->len,
	    fmt, a);
}

/* A failure of the whole request, in the dialect's form. */
static void
refuse(struct out *o, const struct emu *e, const char *word)
{
	int auth = strcmp(word, "badauth") == 0;

	o->len = 0;
	switch (e->dialect) {
	case D_CHANGEIP:
		o->status = auth ? 401 : 422;
		say(o, "%s\n", auth ? "401 Access Denied" :
		    "422 Unprocessable Entity");
		return;
	case D_DESEC:
		o->status = auth ? 401 : strcmp(word, "nohost") == 0 ? 404 : 400;
		say(o, "%s\n", auth ? "Invalid username/password." :
		    o->status == 404 ? "nohost" : "Bad request.");
		return;
	case D_SELFHOST:
		o->status = auth ? 401 : 409;
		return;
	case D_DODE:
		o->status = auth ? 401 : 400;
		say(o, "%s\n", auth ? "badauth" : "numhost");
		return;
	case D_400:
		o->status = 400;
		say(o, "%s\n", word);
		return;
	default:
		o->status = auth ? 401 : 200;
		say(o, "%s\n", word);
	}
}

static int
authorised(const char *req, const struct emu *e, const char *host)
{
	char h[512], up[512];
	int i;

	header(req, "Authorization", h, sizeof(h));
	if (strncmp(h, "Basic ", 6) != 0 || unb64(h + 6, up, sizeof(up)) < 0)
		return 0;
	if ((e->flags & E_PERHOST) && (host == NULL ||
	    strncasecmp(up, host, strlen(host)) != 0 || up[strlen(host)] != ':'))
		return 0;
	for (i = 0; i < ncreds; i++)
		if (strcmp(up, creds[i]) == 0)
			return 1;
	return ncreds == 0;
}

/* One family's new value by the provider's rule for what was (not) given. */
static void
apply(char *rec, const char *given, int fam, int none, const struct emu *e,
    const char *keep, const char *src, int srcfam)
{
	int isno = given != NULL && (strcmp(given, "no") == 0 ||
	    strcmp(given, "preserve") == 0);

	if (given != NULL && given[0] != '\0' && !isno) {
		snprintf(rec, 64, "%s", given);
		return;
	}
	switch (e->absent) {
	case KEEP:
		if (none && srcfam == fam)
			snprintf(rec, 64, "%s", src);
		break;
	case SOURCE:
		if (!isno && srcfam == fam)
			snprintf(rec, 64, "%s", src);
		break;
	case DESEC:
		if (isno)
			break;
		if (given == NULL && srcfam == fam)
			snprintf(rec, 64, "%s", src);
		else
			rec[0] = '\0';
		break;
	case INWX:
		if (none && fam == 4)
			snprintf(rec, 64, "%s", src);
		else if (fam == 4)
			snprintf(rec, 64, "127.0.0.1");
		else
			rec[0] = '\0';
		break;
	case CLEAR:
		if (none && srcfam == fam)
			snprintf(rec, 64, "%s", src);
		else if (keep == NULL)
			rec[0] = '\0';
		break;
	}
}

/* An address given, not empty and no sentinel. */
static int
given(const char *v)
{
	return v != NULL && v[0] != '\0' && strcmp(v, "no") != 0 &&
	    strcmp(v, "preserve") != 0;
}

/* One name's update; the reply line's word and echo in o. */
static void
update(struct out *o, const struct emu *e, struct rec *r, const char *v4,
    const char *v6, int none, const char *q, const char *src, int srcfam)
{
	char a[64], aaaa[64], echo[130];
	int changed, g4, g6;

	snprintf(a, sizeof(a), "%s", r->a);
	snprintf(aaaa, sizeof(aaaa), "%s", r->aaaa);
	apply(a, v4, 4, none, e, arg(q, "keepipv4"), src, srcfam);
	if (!(e->flags & E_V4))
		apply(aaaa, v6, 6, none, e, arg(q, "keepipv6"), src, srcfam);
	changed = strcmp(a, r->a) != 0 || strcmp(aaaa, r->aaaa) != 0;
	g4 = given(v4);
	g6 = given(v6) && !(e->flags & E_V4);
	snprintf(echo, sizeof(echo), "%s%s%s", g4 ? a : "", g4 && g6 ? "," : "",
	    g6 ? aaaa : "");
	if (echo[0] == '\0')
		snprintf(echo, sizeof(echo), "%s", srcfam == 4 ? a : aaaa);
	memcpy(r->a, a, sizeof(a));
	memcpy(r->aaaa, aaaa, sizeof(aaaa));
	switch (e->dialect) {
	case D_CHANGEIP:
		say(o, "%s\n", "200 Successful Update");
		break;
	case D_DESEC:
		say(o, "%s\n", "good");
		break;
	case D_SELFHOST:
		if (!changed)
			o->status = 204;
		else
			say(o, "good %s\n", echo);
		break;
	case D_INFOMANIAK:
		say(o, "%s\n", changed ? "successfully_changed" : "no_change");
		break;
	default:
		say(o, changed ? "good %s\n" : "nochg %s\n", echo);
	}
}

/* A v4,v6 list (either order, either alone) into its two families. */
static void
split(const char *l, const char **v4, const char **v6)
{
	static char one[2][64];
	const char *c = strchr(l, ',');

	snprintf(one[0], 64, "%.*s", (int)(c ? (size_t)(c - l) : strlen(l)), l);
	snprintf(one[1], 64, "%s", c ? c + 1 : "");
	if (strchr(one[0], ':') != NULL) {
		*v6 = one[0];
		*v4 = one[1][0] ? one[1] : NULL;
	} else {
		*v4 = one[0];
		*v6 = one[1][0] ? one[1] : NULL;
	}
}

/* The addresses of the request: v4 and v6 (NULL when not given). */
static int
addresses(const struct emu *e, const char *q, const char **v4,
    const char **v6)
{
	const char *l = arg(q, e->p4), *a4 = NULL, *a6 = NULL;

	*v4 = *v6 = NULL;
	if (e->flags & E_SRC)
		return 0;
	if (e->p6 != NULL) {
		*v4 = l;
		*v6 = arg(q, e->p6);
		if ((e->flags & E_MYIP) && (l = arg(q, "myip")) != NULL) {
			split(l, &a4, &a6);
			*v4 = *v4 ? *v4 : a4;
			*v6 = *v6 ? *v6 : a6;
		}
		return 0;
	}
	if (l == NULL)
		return 0;
	if (strchr(l, ',') != NULL && (e->flags & E_LISTBAD))
		return -1;
	split(l, v4, v6);
	return 0;
}

static int
pathok(const struct emu *e, const char *path, const char *q)
{
	const char *eq, *fixed;
	char want[64];
	size_t pl;

	if (e->path == NULL)
		return 1;	/* deSEC: any path */
	fixed = strchr(e->path, '?');
	pl = fixed ? (size_t)(fixed - e->path) : strlen(e->path);
	if (strlen(path) != pl || strncmp(path, e->path, pl) != 0)
		return 0;
	if (fixed == NULL)
		return 1;
	eq = strchr(fixed, '=');
	snprintf(want, sizeof(want), "%.*s", (int)(eq - fixed - 1), fixed + 1);
	return arg(q, want) != NULL && strcmp(arg(q, want), eq + 1) == 0;
}

static void
emulate1(struct out *o, const struct emu *e, char *req, const char *src,
    int srcfam)
{
	char path[1024], agent[256], *q, *names, *n, *next;
	const char *host, *v4, *v6;
	int i, count = 0;

	if (sscanf(req, "GET %1023s HTTP/", path) != 1) {
		o->status = 400;
		return;
	}
	if ((q = strchr(path, '?')) != NULL)
		*q++ = '\0';
	if (!pathok(e, path, q)) {
		o->status = 404;
		say(o, "%s\n", "<html>not found</html>");
		return;
	}
	host = arg(q, "hostname");
	if ((e->flags & E_BOUND) && nzone > 0)
		host = zone[0].name;
	if (!authorised(req, e, host))
		{
		refuse(o, e, "badauth");
		return;
	}
	if ((e->flags & E_NOIPUA) && (!strchr(header(req, "User-Agent", agent,
	    sizeof(agent)), '/') || !strchr(agent, '@')))
		{
		refuse(o, e, "badagent");
		return;
	}
	if (host == NULL || host[0] == '\0')
		{
		refuse(o, e, "notfqdn");
		return;
	}
	if (addresses(e, q, &v4, &v6) == -1)
		{
		refuse(o, e, "badip");
		return;
	}
	if ((e->flags & E_ONE) && strchr(host, ',') != NULL) {
		refuse(o, e, "nohost");
		return;
	}
	names = (char *)host;
	for (n = names; n != NULL; n = next) {
		if ((next = strchr(n, ',')) != NULL)
			*next++ = '\0';
		if (count++ > 0 && (e->flags & E_ONE))
			{
		refuse(o, e, "nohost");
		return;
	}
		for (i = 0; i < nzone && strcasecmp(zone[i].name, n) != 0; i++)
			;
		if (i == nzone) {
			if (e->dialect != D_DYN)
				{
		refuse(o, e, "nohost");
		return;
	}
			say(o, "%s\n", "nohost");
			continue;
		}
		update(o, e, &zone[i], v4, v6, v4 == NULL && v6 == NULL, q, src,
		    srcfam);
	}
}

/*
 * Answer the request req (NUL-terminated) as provider name would, from
 * a connection that came from src; the whole HTTP reply in out.
 */
size_t
emulate(const char *name, char *req, const char *src, char *out, size_t size)
{
	static struct out o;
	const struct emu *e;
	int n;

	for (e = emus; e->name != NULL && strcmp(e->name, name) != 0; e++)
		;
	memset(&o, 0, sizeof(o));
	o.status = 200;
	loadzone();
	if (e->name == NULL)
		o.status = 500;
	else
		emulate1(&o, e, req, src, strchr(src, ':') ? 6 : 4);
	savezone();
	n = snprintf(out, size, "HTTP/1.1 %d %s\r\nContent-Type: text/plain\r\n"
	    "Content-Length: %zu\r\n\r\n%.*s", o.status, o.status == 200 ? "OK" :
	    o.status == 204 ? "No Content" : "Error", o.len, (int)o.len, o.body);
	return n < 0 ? 0 : (size_t)n;
}
