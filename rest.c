/*
 * The JSON-API providers: each update is several requests (find the
 * zone, find the record, change it) on one kept-alive HTTP/1.1
 * connection, one TLS handshake per run. Nothing is created unless
 * Create=1 asks, only the record type of the family being updated is
 * read or written, an address already there is not written again, and
 * several records of the type for one name are refused, not guessed.
 *
 * Cloudflare, from its API reference:
 *   https://developers.cloudflare.com/api/resources/zones/methods/list/
 *   https://developers.cloudflare.com/api/resources/dns/subresources/records/methods/list/
 *   https://developers.cloudflare.com/api/resources/dns/subresources/records/methods/edit/
 *   https://developers.cloudflare.com/api/resources/dns/subresources/records/methods/create/
 * (Authorization: Bearer TOKEN; every reply is {"success":...,
 * "errors":[{"code":N,"message":...}],"result":...}; a record's PATCH
 * changes only the fields it sends.)
 */
#include <sys/socket.h>
#include <arpa/inet.h>

#include <stdio.h>
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
#include "proto.h"
#include "dyndns.h"
#include "json.h"
#include "rest.h"

#define IDLEN		64	/* Cloudflare's ids are 32 hex digits */
#define REQMAX		4096

/* Where a request carries the token. */
#define AUTH_BEARER	0	/* Authorization: Bearer TOKEN */
#define AUTH_BODY	1	/* both keys open the JSON body (Porkbun) */
#define AUTH_HEADER	2	/* Auth-API-Token: TOKEN (Hetzner) */

struct rest;

struct restapi {
	const char *name;
	const char *host;
	const char *prefix;
	int user;		/* -u is the API's second key (Porkbun) */
	int keys;		/* where the token goes: AUTH_* */
	/* the reply's own failure: 1 when it is one (the result filled in) */
	int (*status)(struct rest *);
	/* one name, the run's family: 0 done, 1 failed, -1 the run must stop */
	int (*one)(struct rest *, const char *);
	int (*show)(struct rest *, const char *);
};

/* One run: the connection, the zones found, the result that stops it. */
struct rest {
	struct job *j;
	struct conn c;
	int open;
	int dry;
	struct reply r;
	struct { char name[256], zone[256], id[IDLEN]; } zones[MAXNAMES];
	int nzones;
	/* the family being updated: its record type, address and result */
	int fam;
	const char *type;
	const char *addr;
	struct nameresult *res;
};

static int cfstatus(struct rest *);
static int pbstatus(struct rest *);
static int plstatus(struct rest *);
static int cfone(struct rest *, const char *);
static int cfshow(struct rest *, const char *);
static int pbone(struct rest *, const char *);
static int pbshow(struct rest *, const char *);
static int doone(struct rest *, const char *);
static int doshow(struct rest *, const char *);
static int hzone(struct rest *, const char *);
static int hzshow(struct rest *, const char *);
static int gdone(struct rest *, const char *);
static int gdshow(struct rest *, const char *);

static const struct restapi apis[] = {
	{ "cloudflare", "api.cloudflare.com", "/client/v4", 0, AUTH_BEARER,
	    cfstatus, cfone, cfshow },
	{ "porkbun", "api.porkbun.com", "/api/json/v3", 1, AUTH_BODY,
	    pbstatus, pbone, pbshow },
	{ "digitalocean", "api.digitalocean.com", "/v2", 0, AUTH_BEARER,
	    plstatus, doone, doshow },
	{ "hetzner", "dns.hetzner.com", "/api/v1", 0, AUTH_HEADER,
	    plstatus, hzone, hzshow },
	{ "gandi", "api.gandi.net", "/v5/livedns", 0, AUTH_BEARER,
	    plstatus, gdone, gdshow },
	{ NULL, NULL, NULL, 0, 0, NULL, NULL, NULL }
};

/* -o Zone=, or NULL: found from the name. */
static const char *
zoneof(const struct job *j)
{
	return j->zone[0] != '\0' ? j->zone : NULL;
}

const struct restapi *
rest_find(const char *name)
{
	const struct restapi *a;

	for (a = apis; a->name != NULL; a++)
		if (strcasecmp(a->name, name) == 0)
			return a;
	return NULL;
}

const char *
rest_names(void)
{
	return "cloudflare,porkbun,digitalocean,hetzner,gandi";
}

const char *
rest_host(const struct restapi *a)
{
	return a->host;
}

const char *
rest_prefix(const struct restapi *a)
{
	return a->prefix;
}

int
rest_user(const struct restapi *a)
{
	return a->user;
}

static int
check(const struct job *j)
{
	size_t zl, nl;
	int i;

	if (j->addr4[0] == '\0' && j->addr6[0] == '\0')
		return fail(F_CONFIG, "%s: the API takes the address itself: "
		    "give it (-a, -i or -w)", j->api->name);
	if (zoneof(j) == NULL)
		return 0;
	zl = strlen(zoneof(j));
	for (i = 0; i < j->nnames; i++) {
		nl = strlen(j->names[i]);
		if (nl < zl || strcasecmp(j->names[i] + nl - zl, zoneof(j)) != 0 ||
		    (nl > zl && j->names[i][nl - zl - 1] != '.'))
			return fail(F_CONFIG, "%s: not in the zone %s (-o Zone=)",
			    j->names[i], zoneof(j));
	}
	return 0;
}

/* The keys go into a header line or a JSON string: printable, no quote. */
static int
prepare(struct job *j)
{
	size_t i;

	for (i = 0; i < j->secretlen; i++)
		if ((unsigned char)j->secret[i] <= ' ' ||
		    (unsigned char)j->secret[i] >= 0x7f ||
		    j->secret[i] == '"' || j->secret[i] == '\\')
			return fail(F_CONFIG, "%s: the token may hold no space, "
			    "quote, backslash or control character",
			    j->api->name);
	if (j->api->user && strpbrk(j->user, "\"\\") != NULL)
		return fail(F_CONFIG, "%s: -u may hold no quote or backslash",
		    j->api->name);
	if (!j->srv.tls)
		warn("%s: plain http: the token crosses the network in clear",
		    j->srv.host);
	return 0;
}

/* The request's lines on stderr (-v) or stdout (-n), the token masked. */
static void
showreq(const char *req, int dry)
{
	const char *p, *nl;

	for (p = req; (nl = strstr(p, "\r\n")) != NULL; p = nl + 2) {
		if (nl == p) {
			if (p[2] != '\0' && dry)
				printf("\n%s\n", p + 2);
			else if (p[2] != '\0')
				logv("> %s", p + 2);
			break;
		}
		if (dry)
			printf("%.*s\n", (int)(nl - p), p);
		else
			logv("> %.*s", (int)(nl - p), p);
	}
}

/*
 * A request of the API at prefix+path into req: the token in the
 * Authorization header, in Auth-API-Token (AUTH_HEADER), or (AUTH_BODY)
 * both keys opening the JSON body.
 */
static int
request(struct rest *s, char *req, size_t size, const char *method,
    const char *path, const char *body, int masked)
{
	char target[1024], auth[MAXSECRET + 16], kb[MAXSECRET + MAXUSER + 1100];
	const struct job *j = s->j;
	const char *key = masked ? "********" : NULL;
	int n, kl = key ? (int)strlen(key) : (int)j->secretlen;

	if (key == NULL)
		key = j->secret;
	snprintf(target, sizeof(target), "%s%s", j->srv.path, path);
	if (j->api->keys == AUTH_BODY) {
		/* {"apikey":"-u","secretapikey":"..."[,body's members]} */
		n = snprintf(kb, sizeof(kb), "{\"secretapikey\":\"%.*s\","
		    "\"apikey\":\"%s\"%s%s", kl, key, j->user,
		    body && body[1] != '}' ? "," : "}", body && body[1] != '}' ?
		    body + 1 : "");
		if (n < 0 || (size_t)n >= sizeof(kb))
			return fail(F_CONFIG, "request too long");
		n = http_request11(req, size, &j->srv, method, target, NULL,
		    NULL, kb, j->agent);
		wipe(kb, sizeof(kb));
		return n;
	}
	if (j->api->keys == AUTH_HEADER) {
		snprintf(auth, sizeof(auth), "Auth-API-Token: %.*s\r\n", kl,
		    key);
		n = http_request11(req, size, &j->srv, method, target, NULL,
		    auth, body, j->agent);
		wipe(auth, sizeof(auth));
		return n;
	}
	snprintf(auth, sizeof(auth), "Bearer %.*s", kl, key);
	n = http_request11(req, size, &j->srv, method, target, auth, NULL,
	    body, j->agent);
	wipe(auth, sizeof(auth));
	return n;
}

/* A request of the API at prefix+path; the reply in s->r. -1: local failure. */
static int
call(struct rest *s, const char *method, const char *path, const char *body)
{
	static char req[REQMAX];
	struct job *j = s->j;
	int n;

	if (s->dry || j->verbose) {
		if (request(s, req, sizeof(req), method, path, body, 1) == -1)
			return -1;
		showreq(req, s->dry);
		if (s->dry)
			return 0;
	}
	if (!s->open) {
		if (j->phase != NULL)
			j->phase(0);
		if (http_connect(&s->c, &j->srv, j->family, j->pins,
		    j->npins) == -1)
			return -1;
		s->open = 1;
		if (j->phase != NULL)
			j->phase(1);
	}
	/* the token is in a request only after the server is verified */
	n = request(s, req, sizeof(req), method, path, body, 0);
	if (n == -1)
		return -1;
	n = http_keepalive(&s->c, req, (size_t)n, &s->r);
	wipe(req, sizeof(req));
	if (n == -1 || s->r.close) {
		conn_close(&s->c);
		s->open = 0;
	}
	if (n == 0 && j->verbose) {
		char show[200];

		logv("< HTTP %d %s", s->r.status, s->r.reason);
		printable(show, sizeof(show), s->r.body, s->r.bodylen);
		logv("< %s", show);
	}
	return n;
}

static void
result(struct nameresult *res, enum result r, int status, const char *addr,
    const char *code, const char *fmt, const char *arg)
{
	char text[1024];

	snprintf(text, sizeof(text), fmt, arg);
	results_set(res, 1, r, status, addr, code, text);
}

/* This family's result: a failure of the name (code, fmt with arg). */
static void
failed(struct rest *s, int status, const char *code, const char *fmt,
    const char *arg)
{
	result(s->res, R_FAILED, status, s->addr, code, fmt, arg);
}

/*
 * The failures every API's reply shares: too many requests (HTTP 429,
 * its Retry-After kept), a server error (5xx), a body not JSON (its
 * start shown in show). 1 when the reply is one (the result filled in).
 */
static int
replyfail(struct rest *s, char *show, size_t size)
{
	const struct reply *r = &s->r;
	char msg[200], word[64];

	if (r->status == 429) {
		failed(s, ST_TEMPFAIL, "toomanyrequests", "%s",
		    "too many requests (HTTP 429)");
		s->res->wait = r->retryafter > 0 ? r->retryafter : 0;
		return 1;
	}
	if (r->status >= 500) {
		snprintf(word, sizeof(word), "HTTP %d", r->status);
		failed(s, ST_TEMPFAIL, "servererror",
		    "provider server error (%s)", word);
		return 1;
	}
	if (json_check(r->body, r->bodylen) == -1) {
		printable(show, size, r->body, r->bodylen < 40 ? r->bodylen : 40);
		snprintf(msg, sizeof(msg), "HTTP %d, not the JSON expected: %s",
		    r->status, show);
		failed(s, ST_PROTOCOL, "protocol", "%s", msg);
		return 1;
	}
	return 0;
}

/*
 * A refusal's result by the reply's status: 401 and 403 a refused key
 * (what names the key: "token", "keys"), 404 or missing nothing there,
 * another a refusal. msg is the reason.
 */
static int
refused(struct rest *s, const char *what, int missing, const char *msg)
{
	char text[256];

	if (s->r.status == 401 || s->r.status == 403) {
		snprintf(text, sizeof(text), "%s refused (%s)", what, msg);
		failed(s, ST_NOPERM, "badauth", "%s", text);
	} else if (missing || s->r.status == 404)
		failed(s, ST_CONFIG, "nohost", "%s", msg);
	else
		failed(s, ST_CONFIG, "refused", "%s", msg);
	return 1;
}

/*
 * The reply's own failure, Cloudflare's words: 1 when it is one (res
 * filled in), 0 for a success with JSON to read.
 */
static int
cfstatus(struct rest *s)
{
	const struct reply *r = &s->r;
	struct jval v;
	char path[32], msg[200], show[64], word[64];
	long long code;
	int i, auth = 0, missing = 0;

	if (replyfail(s, show, sizeof(show)))
		return 1;
	if (json_find(r->body, r->bodylen, "success", &v) == 1 &&
	    v.type == J_TRUE && r->status / 100 == 2)
		return 0;
	msg[0] = '\0';
	for (i = 0; i < 8; i++) {
		snprintf(path, sizeof(path), "errors[%d].code", i);
		if (json_find(r->body, r->bodylen, path, &v) != 1)
			break;
		if (json_int(&v, 0, 999999999, &code) == -1)
			continue;
		/* 9109: invalid access token; 10000: authentication error */
		auth |= code == 9109 || code == 10000;
		/* 81044: record does not exist; 7003: no route (a bad id) */
		missing |= code == 81044 || code == 7003;
		if (msg[0] != '\0')
			continue;
		show[0] = '\0';
		snprintf(path, sizeof(path), "errors[%d].message", i);
		if (json_find(r->body, r->bodylen, path, &v) == 1 &&
		    json_string(&v, word, sizeof(word)) == 0)
			printable(show, sizeof(show), word, strlen(word));
		snprintf(msg, sizeof(msg), "code %lld%s%s", code,
		    show[0] ? ": " : "", show);
	}
	if (msg[0] == '\0')
		snprintf(msg, sizeof(msg), "HTTP %d, success not true",
		    r->status);
	if (auth) {
		failed(s, ST_NOPERM, "badauth", "token refused (%s)", msg);
		return 1;
	}
	return refused(s, "token", missing, msg);
}

/* A string at path of the reply (an id) into out, or a protocol failure. */
static int
idof(struct rest *s, const char *path, char *out, size_t size)
{
	struct jval v;

	if (json_find(s->r.body, s->r.bodylen, path, &v) == 1 &&
	    json_string(&v, out, size) == 0 && out[0] != '\0' &&
	    strcspn(out, "/?#%& \"\\") == strlen(out))
		return 0;
	failed(s, ST_PROTOCOL, "protocol", "reply without a usable %s", path);
	return -1;
}

/* A local failure (connect, TLS, timeout, reply framing) for this name. */
static int
local(struct rest *s)
{
	results_fail(s->res, 1, s->addr, net_reached(0));
	return -1;
}

/*
 * The API's verdict on the reply: 0 a success to read, 1 this name
 * failed (its result says why), -1 the run must stop (a refused token,
 * a rate limit, a server or protocol failure).
 */
static int
verdict(struct rest *s)
{
	if (!s->j->api->status(s))
		return 0;
	return s->res->status == ST_CONFIG ? 1 : -1;
}

/* A request and the API's verdict on its reply (verdict's values). */
static int
ask(struct rest *s, const char *method, const char *path, const char *body)
{
	if (call(s, method, path, body) == -1)
		return local(s);
	return verdict(s);
}

/* The length of the reply's list at path, or -1 (fmt with path says). */
static int
listlen(struct rest *s, const char *path, const char *fmt)
{
	struct jval v;
	int n;

	if (json_find(s->r.body, s->r.bodylen, path, &v) == 1 &&
	    (n = json_count(&v)) != -1)
		return n;
	failed(s, ST_PROTOCOL, "protocol", fmt, path);
	return -1;
}

/*
 * The zone's id (and its name into zone): -o Zone=, else the name and
 * each parent down to two labels, the longest that GET /zones?name=
 * finds in the account, its list at the reply's member list. 0 found,
 * 1 the result says why not, -1 the run must stop.
 */
static int
zonefind(struct rest *s, const char *name, char *id, char *zone,
    const char *list)
{
	char path[512];
	const char *z;
	int i, n, k;

	/* found once per name and zone: the other family's asks nothing */
	for (i = 0; i < s->nzones; i++)
		if (strcasecmp(s->zones[i].name, name) == 0 ||
		    (zoneof(s->j) != NULL &&
		    strcasecmp(s->zones[i].zone, zoneof(s->j)) == 0)) {
			snprintf(id, IDLEN, "%s", s->zones[i].id);
			snprintf(zone, 256, "%s", s->zones[i].zone);
			return 0;
		}
	for (z = zoneof(s->j) ? zoneof(s->j) : name; z != NULL;
	    z = zoneof(s->j) ? NULL : strchr(z, '.') + 1) {
		if (zoneof(s->j) == NULL && strchr(z, '.') == NULL)
			break;
		snprintf(path, sizeof(path), "/zones?name=%s", z);
		if ((k = ask(s, "GET", path, NULL)) != 0)
			return k;
		if ((n = listlen(s, list, "zones reply without a %s list")) == -1)
			return -1;
		if (n > 1) {
			failed(s, ST_CONFIG, "refused",
			    "several zones named %s: give -o Zone=", z);
			return 1;
		}
		if (n == 1) {
			snprintf(path, sizeof(path), "%s[0].id", list);
			if (idof(s, path, id, IDLEN) == -1)
				return -1;
			snprintf(zone, 256, "%s", z);
			if (s->nzones < MAXNAMES) {
				snprintf(s->zones[s->nzones].name,
				    sizeof(s->zones[0].name), "%s", name);
				snprintf(s->zones[s->nzones].zone,
				    sizeof(s->zones[0].zone), "%s", z);
				snprintf(s->zones[s->nzones++].id, IDLEN, "%s",
				    id);
			}
			return 0;
		}
	}
	failed(s, ST_CONFIG, "nohost", "no zone of this account holds %s "
	    "(-o Zone= names it)", name);
	return 1;
}

/* -n: the zone's lookups, once per name (for its first family). */
static void
showzones(struct rest *s, const char *name)
{
	const char *z;
	char path[512];

	for (z = (s->fam == AF_INET6 && s->j->addr4[0]) ? NULL :
	    (zoneof(s->j) ? zoneof(s->j) : name); z != NULL && strchr(z, '.');
	    z = zoneof(s->j) ? NULL : strchr(z, '.') + 1) {
		printf("# the zone%s\n", zoneof(s->j) ? "" : ", longest first, "
		    "until one is found");
		snprintf(path, sizeof(path), "/zones?name=%s", z);
		call(s, "GET", path, NULL);
	}
}

/* Two addresses of one family are the same address */
static int
sameaddr(const char *a, const char *b, int fam)
{
	unsigned char x[16], y[16];

	return inet_pton(fam, a, x) == 1 && inet_pton(fam, b, y) == 1 &&
	    memcmp(x, y, fam == AF_INET ? 4 : 16) == 0;
}

/* The string at path holds the family's address. */
static int
holds(struct rest *s, const char *path)
{
	char cur[ADDRLEN + 1];
	struct jval v;

	return json_find(s->r.body, s->r.bodylen, path, &v) == 1 &&
	    json_string(&v, cur, sizeof(cur)) == 0 &&
	    sameaddr(cur, s->addr, s->fam);
}

/* The record count of the family's type: numhost, nohost or on (1). */
static int
howmany(struct rest *s, int n, const char *name)
{
	char msg[512];

	if (n > 1) {
		snprintf(msg, sizeof(msg), "%d %s records for %s: which one "
		    "to change is not guessed", n, s->type, name);
		failed(s, ST_CONFIG, "numhost", "%s", msg);
		return 0;
	}
	if (n == 0 && !s->j->create) {
		snprintf(msg, sizeof(msg), "no %s record for %s (-o Create=1 "
		    "creates it)", s->type, name);
		failed(s, ST_CONFIG, "nohost", "%s", msg);
		return 0;
	}
	return 1;
}

/* The record at path holds the address and no ttl is to be set: nochg. */
static int
unchanged(struct rest *s, const char *path, const char *ttl)
{
	if (ttl[0] != '\0' || !holds(s, path))
		return 0;
	result(s->res, R_UNCHANGED, ST_OK, s->addr, "nochg", "%s",
	    "no change");
	return 1;
}

/*
 * A write and its result, done ("created", "updated"); check, unless
 * NULL, is where the reply must hold the address. verdict's values.
 */
static int
change(struct rest *s, const char *method, const char *path,
    const char *body, const char *check, const char *done)
{
	int k;

	if ((k = ask(s, method, path, body)) != 0)
		return k;
	if (check != NULL && !holds(s, check)) {
		failed(s, ST_PROTOCOL, "protocol", "%s",
		    "the changed record does not hold the address");
		return -1;
	}
	result(s->res, R_UPDATED, ST_OK, s->addr, "good", "%s", done);
	return 0;
}

/* A number or a string of digits at path (an id, a ttl) into out. */
static int
digits(struct rest *s, const char *path, char *out, size_t size)
{
	struct jval v;
	size_t k;

	out[0] = '\0';
	if (json_find(s->r.body, s->r.bodylen, path, &v) != 1)
		return -1;
	if (v.type == J_STRING) {
		if (json_string(&v, out, size) == -1)
			out[0] = '\0';
	} else if (v.type == J_NUMBER && v.len < size)
		snprintf(out, size, "%.*s", (int)v.len, v.p);
	for (k = 0; out[k] >= '0' && out[k] <= '9'; k++)
		;
	if (k == 0 || out[k] != '\0' || k > 18) {
		out[0] = '\0';
		return -1;
	}
	return 0;
}

/* The domain and the subdomain ("" at the domain's apex) of a name. */
static void
pbsplit(const struct job *j, const char *name, char *dom, size_t dsize,
    char *sub, size_t ssize)
{
	const char *dot = strchr(name, '.');
	size_t nl = strlen(name), zl;

	if (zoneof(j) != NULL)
		snprintf(dom, dsize, "%s", zoneof(j));
	else
		snprintf(dom, dsize, "%s", strchr(dot + 1, '.') ? dot + 1 :
		    name);
	zl = strlen(dom);
	snprintf(sub, ssize, "%.*s", nl > zl ? (int)(nl - zl - 1) : 0, name);
}

/* A name's label relative to its zone, "@" at the apex. */
static void
relative(const char *name, const char *zone, char *out, size_t size)
{
	size_t nl = strlen(name), zl = strlen(zone);

	if (nl > zl + 1)
		snprintf(out, size, "%.*s", (int)(nl - zl - 1), name);
	else
		snprintf(out, size, "@");
}

static int
cfone(struct rest *s, const char *name)
{
	char zid[IDLEN], zone[256], rid[IDLEN], path[512], body[512];
	char ttl[32] = "";
	int n, k;

	if ((k = zonefind(s, name, zid, zone, "result")) != 0)
		return k;
	snprintf(path, sizeof(path), "/zones/%s/dns_records?type=%s&name=%s",
	    zid, s->type, name);
	if ((k = ask(s, "GET", path, NULL)) != 0)
		return k;
	if ((n = listlen(s, "result", "records reply without a %s list")) == -1)
		return -1;
	if (s->j->ttl >= 0)
		snprintf(ttl, sizeof(ttl), ",\"ttl\":%lld", s->j->ttl);
	if (!howmany(s, n, name))
		return 0;
	if (n == 0) {
		/* ttl 1 is Cloudflare's "automatic"; a new record is not proxied */
		snprintf(path, sizeof(path), "/zones/%s/dns_records", zid);
		snprintf(body, sizeof(body), "{\"type\":\"%s\",\"name\":\"%s\","
		    "\"content\":\"%s\",\"ttl\":%lld,\"proxied\":false}", s->type,
		    name, s->addr, s->j->ttl >= 0 ? s->j->ttl : 1);
		return change(s, "POST", path, body, NULL, "created");
	}
	if (idof(s, "result[0].id", rid, sizeof(rid)) == -1)
		return -1;
	if (unchanged(s, "result[0].content", ttl))
		return 0;
	snprintf(path, sizeof(path), "/zones/%s/dns_records/%s", zid, rid);
	snprintf(body, sizeof(body), "{\"content\":\"%s\"%s}", s->addr, ttl);
	return change(s, "PATCH", path, body, "result.content", "updated");
}

static int
cfshow(struct rest *s, const char *name)
{
	char path[512], body[512], ttl[32] = "";

	showzones(s, name);
	printf("# the %s records of %s\n", s->type, name);
	snprintf(path, sizeof(path), "/zones/{zone_id}/dns_records?type=%s"
	    "&name=%s", s->type, name);
	call(s, "GET", path, NULL);
	if (s->j->ttl >= 0)
		snprintf(ttl, sizeof(ttl), ",\"ttl\":%lld", s->j->ttl);
	printf("# one record, not holding %s\n", s->addr[0] ? s->addr :
	    "the address");
	snprintf(body, sizeof(body), "{\"content\":\"%s\"%s}", s->addr, ttl);
	call(s, "PATCH", "/zones/{zone_id}/dns_records/{record_id}", body);
	if (s->j->create) {
		printf("# no record (Create=1)\n");
		snprintf(body, sizeof(body), "{\"type\":\"%s\",\"name\":\"%s\","
		    "\"content\":\"%s\",\"ttl\":%lld,\"proxied\":false}", s->type,
		    name, s->addr, s->j->ttl >= 0 ? s->j->ttl : 1);
		call(s, "POST", "/zones/{zone_id}/dns_records", body);
	}
	return 0;
}

/*
 * Porkbun, from its API documentation
 * (https://porkbun.com/api/json/v3/documentation): every call is a POST
 * whose JSON body carries "apikey" and "secretapikey"; a reply is
 * {"status":"SUCCESS",...} or {"status":"ERROR","message":...}. The
 * domain is -o Zone=, else the name's parent (the name itself when it
 * has two labels); the record's subdomain is the rest of the name.
 */
static int
pbstatus(struct rest *s)
{
	const struct reply *r = &s->r;
	struct jval v;
	char msg[200], show[120], word[120];

	if (replyfail(s, show, sizeof(show)))
		return 1;
	if (json_find(r->body, r->bodylen, "status", &v) == 1 &&
	    json_string(&v, word, sizeof(word)) == 0 &&
	    strcmp(word, "SUCCESS") == 0 && r->status / 100 == 2)
		return 0;
	show[0] = '\0';
	if (json_find(r->body, r->bodylen, "message", &v) == 1 &&
	    json_string(&v, word, sizeof(word)) == 0)
		printable(show, sizeof(show), word, strlen(word));
	snprintf(msg, sizeof(msg), "HTTP %d%s%s", r->status, show[0] ? ": " :
	    "", show);
	return refused(s, "keys", 0, msg);
}

static int
pbone(struct rest *s, const char *name)
{
	char dom[256], sub[256], path[600], body[512], ttl[32] = "";
	struct jval v;
	size_t i;
	int n, k;

	pbsplit(s->j, name, dom, sizeof(dom), sub, sizeof(sub));
	snprintf(path, sizeof(path), "/dns/retrieveByNameType/%s/%s%s%s", dom,
	    s->type, sub[0] ? "/" : "", sub);
	if ((k = ask(s, "POST", path, NULL)) != 0)
		return k;
	if ((n = listlen(s, "records", "records reply without a %s list")) == -1)
		return -1;
	if (!howmany(s, n, name))
		return 0;
	if (s->j->ttl >= 0)
		snprintf(ttl, sizeof(ttl), "%lld", s->j->ttl);
	if (n == 0) {
		snprintf(path, sizeof(path), "/dns/create/%s", dom);
		snprintf(body, sizeof(body), "{\"name\":\"%s\",\"type\":\"%s\","
		    "\"content\":\"%s\"%s%s%s}", sub, s->type, s->addr,
		    ttl[0] ? ",\"ttl\":\"" : "", ttl, ttl[0] ? "\"" : "");
		return change(s, "POST", path, body, NULL, "created");
	}
	if (unchanged(s, "records[0].content", ttl))
		return 0;
	/* the record's own TTL is sent back: the edit would reset it */
	if (ttl[0] == '\0' && json_find(s->r.body, s->r.bodylen,
	    "records[0].ttl", &v) == 1) {
		if (v.type == J_STRING)
			json_string(&v, ttl, sizeof(ttl));
		else if (v.type == J_NUMBER && v.len < sizeof(ttl))
			snprintf(ttl, sizeof(ttl), "%.*s", (int)v.len, v.p);
		for (i = 0; ttl[i] >= '0' && ttl[i] <= '9'; i++)
			;
		if (i == 0 || ttl[i] != '\0')
			ttl[0] = '\0';
	}
	snprintf(path, sizeof(path), "/dns/editByNameType/%s/%s%s%s", dom,
	    s->type, sub[0] ? "/" : "", sub);
	snprintf(body, sizeof(body), "{\"content\":\"%s\"%s%s%s}", s->addr,
	    ttl[0] ? ",\"ttl\":\"" : "", ttl, ttl[0] ? "\"" : "");
	return change(s, "POST", path, body, NULL, "updated");
}

static int
pbshow(struct rest *s, const char *name)
{
	char dom[256], sub[256], path[600], body[512], ttl[32] = "{ttl}";

	pbsplit(s->j, name, dom, sizeof(dom), sub, sizeof(sub));
	if (s->j->ttl >= 0)
		snprintf(ttl, sizeof(ttl), "%lld", s->j->ttl);
	printf("# the %s records of %s\n", s->type, name);
	snprintf(path, sizeof(path), "/dns/retrieveByNameType/%s/%s%s%s", dom,
	    s->type, sub[0] ? "/" : "", sub);
	call(s, "POST", path, NULL);
	printf("# one record, not holding %s (its own ttl sent back)\n",
	    s->addr);
	snprintf(path, sizeof(path), "/dns/editByNameType/%s/%s%s%s", dom,
	    s->type, sub[0] ? "/" : "", sub);
	snprintf(body, sizeof(body), "{\"content\":\"%s\",\"ttl\":\"%s\"}",
	    s->addr, ttl);
	call(s, "POST", path, body);
	if (s->j->create) {
		printf("# no record (Create=1)\n");
		snprintf(path, sizeof(path), "/dns/create/%s", dom);
		snprintf(body, sizeof(body), "{\"name\":\"%s\",\"type\":\"%s\","
		    "\"content\":\"%s\"%s%s%s}", sub, s->type, s->addr,
		    s->j->ttl >= 0 ? ",\"ttl\":\"" : "", s->j->ttl >= 0 ? ttl : "",
		    s->j->ttl >= 0 ? "\"" : "");
		call(s, "POST", path, body);
	}
	return 0;
}

/*
 * DigitalOcean, Hetzner and Gandi answer by HTTP status: 2xx with JSON
 * is a success, 401 and 403 a refused token, 404 nothing there, another
 * 4xx a refusal; the reason is the reply's "message" (Hetzner's also
 * "error.message"). 1 when the reply is a failure (res filled in).
 */
static int
plstatus(struct rest *s)
{
	const struct reply *r = &s->r;
	struct jval v;
	char msg[200], show[120], word[120];

	if (replyfail(s, show, sizeof(show)))
		return 1;
	if (r->status / 100 == 2)
		return 0;
	show[0] = '\0';
	if ((json_find(r->body, r->bodylen, "message", &v) == 1 ||
	    json_find(r->body, r->bodylen, "error.message", &v) == 1) &&
	    json_string(&v, word, sizeof(word)) == 0)
		printable(show, sizeof(show), word, strlen(word));
	snprintf(msg, sizeof(msg), "HTTP %d%s%s", r->status, show[0] ? ": " :
	    "", show);
	return refused(s, "token", 0, msg);
}

/*
 * DigitalOcean, from its API reference:
 *   https://docs.digitalocean.com/reference/api/api-reference/#tag/Domain-Records
 *   (GET /v2/domains/{domain}/records?type=&name= with the record's full
 *   name, PATCH .../records/{id} setting only the attributes sent, POST
 *   .../records; {"domain_records":[...]}, {"domain_record":{...}};
 *   errors {"id":"unauthorized","message":...} by HTTP status)
 * The domain is -o Zone=, else the name's parent (Porkbun's rule).
 */
static int
doone(struct rest *s, const char *name)
{
	char dom[256], sub[256], path[600], body[512], ttl[32] = "";
	char rid[IDLEN];
	int n, k;

	pbsplit(s->j, name, dom, sizeof(dom), sub, sizeof(sub));
	snprintf(path, sizeof(path), "/domains/%s/records?type=%s&name=%s",
	    dom, s->type, name);
	if ((k = ask(s, "GET", path, NULL)) != 0)
		return k;
	if ((n = listlen(s, "domain_records",
	    "records reply without a %s list")) == -1)
		return -1;
	if (!howmany(s, n, name))
		return 0;
	if (s->j->ttl >= 0)
		snprintf(ttl, sizeof(ttl), ",\"ttl\":%lld", s->j->ttl);
	if (n == 0) {
		snprintf(path, sizeof(path), "/domains/%s/records", dom);
		snprintf(body, sizeof(body), "{\"type\":\"%s\",\"name\":\"%s\","
		    "\"data\":\"%s\"%s}", s->type, sub[0] ? sub : "@", s->addr,
		    ttl);
		return change(s, "POST", path, body, NULL, "created");
	}
	if (digits(s, "domain_records[0].id", rid, sizeof(rid)) == -1) {
		failed(s, ST_PROTOCOL, "protocol", "reply without a usable %s",
		    "domain_records[0].id");
		return -1;
	}
	if (unchanged(s, "domain_records[0].data", ttl))
		return 0;
	/* the reference marks type required in the body: the record's own */
	snprintf(path, sizeof(path), "/domains/%s/records/%s", dom, rid);
	snprintf(body, sizeof(body), "{\"type\":\"%s\",\"data\":\"%s\"%s}",
	    s->type, s->addr, ttl);
	return change(s, "PATCH", path, body, "domain_record.data", "updated");
}

static int
doshow(struct rest *s, const char *name)
{
	char dom[256], sub[256], path[600], body[512], ttl[32] = "";

	pbsplit(s->j, name, dom, sizeof(dom), sub, sizeof(sub));
	if (s->j->ttl >= 0)
		snprintf(ttl, sizeof(ttl), ",\"ttl\":%lld", s->j->ttl);
	printf("# the %s records of %s\n", s->type, name);
	snprintf(path, sizeof(path), "/domains/%s/records?type=%s&name=%s",
	    dom, s->type, name);
	call(s, "GET", path, NULL);
	printf("# one record, not holding %s\n", s->addr);
	snprintf(path, sizeof(path), "/domains/%s/records/{record_id}", dom);
	snprintf(body, sizeof(body), "{\"type\":\"%s\",\"data\":\"%s\"%s}",
	    s->type, s->addr, ttl);
	call(s, "PATCH", path, body);
	if (s->j->create) {
		printf("# no record (Create=1)\n");
		snprintf(path, sizeof(path), "/domains/%s/records", dom);
		snprintf(body, sizeof(body), "{\"type\":\"%s\",\"name\":\"%s\","
		    "\"data\":\"%s\"%s}", s->type, sub[0] ? sub : "@", s->addr,
		    ttl);
		call(s, "POST", path, body);
	}
	return 0;
}

/*
 * Hetzner DNS, from its API documentation (https://dns.hetzner.com/api-docs):
 * the Auth-API-Token header; GET /zones?name= (one or no zone), GET
 * /records?zone_id= (the zone's records, names relative to the zone, "@"
 * its apex), PUT /records/{id} with the whole record (name, ttl, type,
 * value, zone_id: its own, the value new), POST /records; errors by
 * HTTP status with {"message":..} or {"error":{"message":..}}.
 */
static int
hzone(struct rest *s, const char *name)
{
	char zid[IDLEN], zone[256], rel[256], path[600], body[1024];
	char rid[IDLEN], rname[256], word[256], num[20], ttl[32] = "";
	struct jval v;
	int i, n, k = -1, found = 0;

	if ((i = zonefind(s, name, zid, zone, "zones")) != 0)
		return i;
	relative(name, zone, rel, sizeof(rel));
	snprintf(path, sizeof(path), "/records?zone_id=%s", zid);
	if ((i = ask(s, "GET", path, NULL)) != 0)
		return i;
	if ((n = listlen(s, "records", "records reply without a %s list")) == -1)
		return -1;
	/* the zone's records: this name's of the family's type */
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "records[%d].type", i);
		if (json_find(s->r.body, s->r.bodylen, path, &v) != 1 ||
		    json_string(&v, word, sizeof(word)) == -1 ||
		    strcmp(word, s->type) != 0)
			continue;
		snprintf(path, sizeof(path), "records[%d].name", i);
		if (json_find(s->r.body, s->r.bodylen, path, &v) != 1 ||
		    json_string(&v, word, sizeof(word)) == -1 ||
		    strcasecmp(word, rel) != 0)
			continue;
		found++;
		k = i;
		snprintf(rname, sizeof(rname), "%s", word);
	}
	if (!howmany(s, found, name))
		return 0;
	if (s->j->ttl >= 0)
		snprintf(ttl, sizeof(ttl), ",\"ttl\":%lld", s->j->ttl);
	if (found == 0) {
		snprintf(body, sizeof(body), "{\"value\":\"%s\"%s,\"type\":"
		    "\"%s\",\"name\":\"%s\",\"zone_id\":\"%s\"}", s->addr, ttl,
		    s->type, rel, zid);
		return change(s, "POST", "/records", body, NULL, "created");
	}
	snprintf(path, sizeof(path), "records[%d].id", k);
	if (idof(s, path, rid, sizeof(rid)) == -1)
		return -1;
	snprintf(path, sizeof(path), "records[%d].value", k);
	if (unchanged(s, path, ttl))
		return 0;
	/* the PUT replaces the record: its own ttl (none: the zone's) back */
	snprintf(path, sizeof(path), "records[%d].ttl", k);
	if (ttl[0] == '\0' && digits(s, path, num, sizeof(num)) == 0)
		snprintf(ttl, sizeof(ttl), ",\"ttl\":%s", num);
	if (strpbrk(rname, "\"\\") != NULL)
		snprintf(rname, sizeof(rname), "%s", rel);
	snprintf(path, sizeof(path), "/records/%s", rid);
	snprintf(body, sizeof(body), "{\"value\":\"%s\"%s,\"type\":\"%s\","
	    "\"name\":\"%s\",\"zone_id\":\"%s\"}", s->addr, ttl, s->type, rname,
	    zid);
	return change(s, "PUT", path, body, "record.value", "updated");
}

static int
hzshow(struct rest *s, const char *name)
{
	char body[512], ttl[32] = ",\"ttl\":{ttl}";

	showzones(s, name);
	if (s->j->ttl >= 0)
		snprintf(ttl, sizeof(ttl), ",\"ttl\":%lld", s->j->ttl);
	printf("# the zone's records: the %s records of %s among them\n",
	    s->type, name);
	call(s, "GET", "/records?zone_id={zone_id}", NULL);
	printf("# one record, not holding %s (its own name and ttl sent "
	    "back)\n", s->addr);
	snprintf(body, sizeof(body), "{\"value\":\"%s\"%s,\"type\":\"%s\","
	    "\"name\":\"{name}\",\"zone_id\":\"{zone_id}\"}", s->addr, ttl,
	    s->type);
	call(s, "PUT", "/records/{record_id}", body);
	if (s->j->create) {
		printf("# no record (Create=1)\n");
		snprintf(body, sizeof(body), "{\"value\":\"%s\"%s,\"type\":"
		    "\"%s\",\"name\":\"{name}\",\"zone_id\":\"{zone_id}\"}",
		    s->addr, s->j->ttl >= 0 ? ttl : "", s->type);
		call(s, "POST", "/records", body);
	}
	return 0;
}

/*
 * Gandi LiveDNS, from its API documentation (https://api.gandi.net/docs/livedns/):
 * Authorization: Bearer with a personal access token; a name and type is
 * one rrset, GET /domains/{fqdn}/records/{name}/{type} ({"rrset_ttl":..,
 * "rrset_values":[..]}, 404 when there is none), PUT to it replaces the
 * rrset's values and ttl, POST to it creates one. The domain is -o Zone=,
 * else the name's parent; the rrset's name is the rest, "@" at the apex.
 * An rrset of several values is refused: replacing it would drop them.
 */
static int
gdone(struct rest *s, const char *name)
{
	char dom[256], sub[256], path[600], body[512], ttl[48] = "";
	char word[20];
	int n, k;

	pbsplit(s->j, name, dom, sizeof(dom), sub, sizeof(sub));
	snprintf(path, sizeof(path), "/domains/%s/records/%s/%s", dom,
	    sub[0] ? sub : "@", s->type);
	if (call(s, "GET", path, NULL) == -1)
		return local(s);
	if (s->j->ttl >= 0)
		snprintf(ttl, sizeof(ttl), ",\"rrset_ttl\":%lld", s->j->ttl);
	if (s->r.status == 404 && json_check(s->r.body, s->r.bodylen) == 0)
		n = 0;
	else if ((k = verdict(s)) != 0)
		return k;
	else if ((n = listlen(s, "rrset_values", "rrset reply without %s")) ==
	    -1)
		return -1;
	if (!howmany(s, n, name))
		return 0;
	if (n == 0) {
		snprintf(body, sizeof(body), "{\"rrset_values\":[\"%s\"]%s}",
		    s->addr, ttl);
		return change(s, "POST", path, body, NULL, "created");
	}
	if (unchanged(s, "rrset_values[0]", ttl))
		return 0;
	/* the PUT sets the ttl too: the rrset's own is sent back */
	if (ttl[0] == '\0' && digits(s, "rrset_ttl", word, sizeof(word)) == 0)
		snprintf(ttl, sizeof(ttl), ",\"rrset_ttl\":%s", word);
	snprintf(body, sizeof(body), "{\"rrset_values\":[\"%s\"]%s}", s->addr,
	    ttl);
	return change(s, "PUT", path, body, NULL, "updated");
}

static int
gdshow(struct rest *s, const char *name)
{
	char dom[256], sub[256], path[600], body[512], ttl[32] = "{ttl}";

	pbsplit(s->j, name, dom, sizeof(dom), sub, sizeof(sub));
	if (s->j->ttl >= 0)
		snprintf(ttl, sizeof(ttl), "%lld", s->j->ttl);
	snprintf(path, sizeof(path), "/domains/%s/records/%s/%s", dom,
	    sub[0] ? sub : "@", s->type);
	printf("# the %s rrset of %s\n", s->type, name);
	call(s, "GET", path, NULL);
	printf("# one value, not %s (the rrset's own ttl sent back)\n",
	    s->addr);
	snprintf(body, sizeof(body), "{\"rrset_values\":[\"%s\"],"
	    "\"rrset_ttl\":%s}", s->addr, ttl);
	call(s, "PUT", path, body);
	if (s->j->create) {
		printf("# no rrset (Create=1)\n");
		snprintf(body, sizeof(body), "{\"rrset_values\":[\"%s\"]%s%s}",
		    s->addr, s->j->ttl >= 0 ? ",\"rrset_ttl\":" : "",
		    s->j->ttl >= 0 ? ttl : "");
		call(s, "POST", path, body);
	}
	return 0;
}

/* A name's two families' results as one line's. */
static void
merge(struct nameresult *res, const struct nameresult *r6)
{
	char addr[sizeof(res->addr)];

	snprintf(addr, sizeof(addr), "%.*s,%.*s", ADDRLEN - 1, res->addr,
	    ADDRLEN - 1, r6->addr);
	if (res->res != R_FAILED && (r6->res == R_FAILED ||
	    (r6->res == R_UPDATED && res->res == R_UNCHANGED)))
		*res = *r6;
	snprintf(res->addr, sizeof(res->addr), "%s", addr);
}

static struct rest run;

/* The family the steps work on: its record type, address and result. */
static void
family(struct rest *s, int fam, struct nameresult *res)
{
	s->fam = fam;
	s->type = fam == AF_INET ? "A" : "AAAA";
	s->addr = fam == AF_INET ? s->j->addr4 : s->j->addr6;
	s->res = res;
}

static void
update(struct job *j, struct nameresult *res)
{
	struct nameresult r6, stop, *out;
	int i, k, stopped = 0;
	const char *addr;

	memset(&run, 0, sizeof(run));
	run.j = j;
	for (i = 0; i < j->nnames; i++)
		for (k = 0; k < 2; k++) {
			addr = k == 0 ? j->addr4 : j->addr6;
			out = k == 0 ? &res[i] : &r6;
			if (addr[0] == '\0')
				continue;
			if (stopped) {
				/* a refused token, a rate limit: no more requests */
				*out = stop;
				snprintf(out->addr, sizeof(out->addr), "%s", addr);
			} else {
				family(&run, k == 0 ? AF_INET : AF_INET6, out);
				if (j->api->one(&run, j->names[i]) == -1) {
					stopped = 1;
					stop = *out;
				}
			}
			if (k == 1 && j->addr4[0] != '\0')
				merge(&res[i], &r6);
			else if (k == 1)
				res[i] = r6;
		}
	if (run.open)
		conn_close(&run.c);
	run.open = 0;
}

static int
dryrun(const struct job *j)
{
	int i;

	memset(&run, 0, sizeof(run));
	run.j = (struct job *)j;
	run.dry = 1;
	printf("# %s %s port %s, one connection\n", j->srv.tls ? "https" :
	    "http", j->srv.host, j->srv.port);
	for (i = 0; i < j->nnames; i++) {
		if (j->addr4[0] != '\0') {
			family(&run, AF_INET, NULL);
			j->api->show(&run, j->names[i]);
		}
		if (j->addr6[0] != '\0') {
			family(&run, AF_INET6, NULL);
			j->api->show(&run, j->names[i]);
		}
	}
	return 0;
}

const struct protocol proto_rest = {
	.name = "rest",
	.check = check,
	.prepare = prepare,
	.needca = dyndns_needca,
	.ports = dyndns_ports,
	.update = update,
	.dryrun = dryrun,
	.where = dyndns_where,
};
