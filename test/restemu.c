/*
 * restemu: Cloudflare's API as its reference describes it, on a small
 * record store, for test/provider -E cloudflare (kept-alive connections).
 *   https://developers.cloudflare.com/api/resources/zones/methods/list/
 *   https://developers.cloudflare.com/api/resources/dns/subresources/records/methods/list/
 *   https://developers.cloudflare.com/api/resources/dns/subresources/records/methods/edit/
 *   https://developers.cloudflare.com/api/resources/dns/subresources/records/methods/create/
 * Every reply is {"success":..,"errors":[{"code":N,"message":".."}],
 * "messages":[],"result":..}; a bad token is 9109, a record id that does
 * not exist 81044, a zone id that does not exist 7003; a PATCH changes
 * only the fields its body has. Written independently of ddnsup's json.c.
 *
 *
 * -E porkbun: Porkbun's API v3 as https://porkbun.com/api/json/v3/documentation
 * describes it: every call a POST whose JSON body holds "apikey" and
 * "secretapikey"; {"status":"SUCCESS",...} or {"status":"ERROR",
 * "message":..}; retrieveByNameType/DOMAIN/TYPE[/SUB] lists "records"
 * (ttl and prio as strings), editByNameType/DOMAIN/TYPE[/SUB] sets
 * content (and ttl, "600" when not sent: the documented default) of every
 * record matching, create/DOMAIN adds one. A refused key gets HTTP 403
 * here (the documentation names no status). Zones are the domains
 * ("zone example.org example.org"); the last record field is its notes.
 *
 * -E digitalocean: DigitalOcean's API v2 as its reference describes it
 * (https://docs.digitalocean.com/reference/api/api-reference/#tag/Domain-Records):
 * Authorization: Bearer; GET /domains/D/records?type=&name= (name the
 * full name) lists {"domain_records":[{"id":N,"name":"home",...}]}, the
 * names relative ("@" the apex); PATCH /domains/D/records/ID changes the
 * attributes sent; POST creates (ttl 1800 unless sent); errors
 * {"id":"unauthorized"|"not_found",...,"message":..} with 401, 404, 422.
 * Zones are the domains ("zone example.org example.org"), record ids
 * numbers.
 *
 * -E hetzner: Hetzner DNS's API v1 (https://dns.hetzner.com/api-docs):
 * the Auth-API-Token header (401 without it); GET /zones?name= (one or
 * no zone), GET /records?zone_id= (every record of the zone, names
 * relative, no "ttl" when the record has the zone's: store ttl 0); PUT
 * /records/ID replaces the record by the body, which must hold name,
 * type, value and zone_id (422 otherwise; a ttl left out is the zone's);
 * POST /records the same; {"error":{"message":..,"code":N}}.
 *
 * -E gandi: Gandi's LiveDNS API v5 (https://api.gandi.net/docs/livedns/):
 * Authorization: Bearer (a personal access token; 401 otherwise); the
 * store's records of one name and type are one rrset;
 * GET /domains/D/records/NAME/TYPE is {"rrset_name","rrset_type",
 * "rrset_ttl","rrset_values":[..]} or 404; PUT replaces the rrset's
 * values and ttl (10800, the default, when rrset_ttl is not sent), 201
 * {"message":"DNS Record Created"}; POST creates it (409 if it exists).
 *
 * Store file lines (rewritten after every change):
 *   token TOKEN           (porkbun: secretapikey)
 *   apikey KEY            (porkbun)
 *   zone ID NAME
 *   record ID ZONEID TYPE NAME CONTENT TTL PROXIED
 *   mode 429|500|html     (every request gets that answer)
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "restemu.h"

#define MAXZ	8
#define MAXR	32

static struct { char id[40], name[256]; } zones[MAXZ];
static struct {
	char id[40], zone[40], type[8], name[256], content[64];
	long ttl;
	char proxied[8];
} recs[MAXR];
static int nz, nr, serial;
static char token[256], apikey[256], mode[16], path[1024];
static int porkbun, api;	/* api: 'c'loudflare, 'd'igitalocean, 'h'etzner, 'g'andi */

int
restemu_is(const char *name)
{
	porkbun = strcmp(name, "porkbun") == 0;
	api = strcmp(name, "digitalocean") == 0 ? 'd' :
	    strcmp(name, "hetzner") == 0 ? 'h' : strcmp(name, "gandi") == 0 ?
	    'g' : 'c';
	return porkbun || api != 'c' || strcmp(name, "cloudflare") == 0;
}

void
restemu_store(const char *file)
{
	char line[1024], a[256], b[256], c[256], d[256], e[256], f[64], g[8];
	FILE *fp;

	snprintf(path, sizeof(path), "%s", file);
	if ((fp = fopen(file, "r")) == NULL)
		return;
	while (fgets(line, sizeof(line), fp) != NULL) {
		if (sscanf(line, "token %255s", token) == 1)
			continue;
		if (sscanf(line, "apikey %255s", apikey) == 1)
			continue;
		if (sscanf(line, "mode %15s", mode) == 1)
			continue;
		if (sscanf(line, "zone %39s %255s", a, b) == 2 && nz < MAXZ) {
			snprintf(zones[nz].id, 40, "%.39s", a);
			snprintf(zones[nz++].name, 256, "%.255s", b);
		} else if (sscanf(line, "record %39s %39s %7s %255s %63s %63s %7s",
		    a, b, c, d, e, f, g) == 7 && nr < MAXR) {
			snprintf(recs[nr].id, 40, "%.39s", a);
			snprintf(recs[nr].zone, 40, "%.39s", b);
			snprintf(recs[nr].type, 8, "%.7s", c);
			snprintf(recs[nr].name, 256, "%.255s", d);
			snprintf(recs[nr].content, 64, "%.63s", e);
			recs[nr].ttl = atol(f);
			snprintf(recs[nr++].proxied, 8, "%.7s", g);
		}
	}
	fclose(fp);
}

static void
save(void)
{
	FILE *fp = fopen(path, "w");
	int i;

	if (fp == NULL)
		return;
	fprintf(fp, "token %s\n", token);
	if (apikey[0])
		fprintf(fp, "apikey %s\n", apikey);
	if (mode[0])
		fprintf(fp, "mode %s\n", mode);
	for (i = 0; i < nz; i++)
		fprintf(fp, "zone %s %s\n", zones[i].id, zones[i].name);
	for (i = 0; i < nr; i++)
		fprintf(fp, "record %s %s %s %s %s %ld %s\n", recs[i].id,
		    recs[i].zone, recs[i].type, recs[i].name, recs[i].content,
		    recs[i].ttl, recs[i].proxied);
	fclose(fp);
}

/* The value of query parameter k in q ("a=1&b=2"), into out. */
static int
param(const char *q, const char *k, char *out, size_t size)
{
	size_t kl = strlen(k), n;

	while (q != NULL && *q) {
		if (strncmp(q, k, kl) == 0 && q[kl] == '=') {
			n = strcspn(q + kl + 1, "&");
			snprintf(out, size, "%.*s", (int)n, q + kl + 1);
			return 1;
		}
		q = strchr(q, '&');
		q = q ? q + 1 : NULL;
	}
	return 0;
}

/* A body's "key":"value" or "key":value, as text; 0 when absent. */
static int
field(const char *body, const char *k, char *out, size_t size)
{
	char pat[64];
	const char *p;
	size_t n;

	snprintf(pat, sizeof(pat), "\"%s\":", k);
	if ((p = strstr(body, pat)) == NULL)
		return 0;
	p += strlen(pat);
	if (*p == '"') {
		n = strcspn(++p, "\"");
	} else
		n = strcspn(p, ",}");
	snprintf(out, size, "%.*s", (int)n, p);
	return 1;
}

static size_t
answer(char *out, size_t size, int status, const char *extra,
    const char *body, int chunked)
{
	size_t n, len = strlen(body), half = len / 2;

	if (chunked)
		/* two chunks, the second with an extension */
		n = (size_t)snprintf(out, size, "HTTP/1.1 %d X\r\n"
		    "Content-Type: application/json\r\n%s"
		    "Transfer-Encoding: chunked\r\n\r\n%zx\r\n%.*s\r\n"
		    "%zx;x=y\r\n%s\r\n0\r\n\r\n", status, extra, half,
		    (int)half, body, len - half, body + half);
	else
		n = (size_t)snprintf(out, size, "HTTP/1.1 %d X\r\n"
		    "Content-Type: application/json\r\n%sContent-Length: %zu"
		    "\r\n\r\n%s", status, extra, len, body);
	return n < size ? n : size - 1;
}

static size_t
error(char *out, size_t size, int status, int code, const char *msg)
{
	char body[512];

	snprintf(body, sizeof(body), "{\"success\":false,\"errors\":[{\"code\":"
	    "%d,\"message\":\"%s\"}],\"messages\":[],\"result\":null}", code,
	    msg);
	return answer(out, size, status, "", body, 0);
}

static int
recjson(char *p, size_t size, int i)
{
	const char *zn = "";
	int k;

	for (k = 0; k < nz; k++)
		if (strcmp(zones[k].id, recs[i].zone) == 0)
			zn = zones[k].name;
	return snprintf(p, size, "{\"id\":\"%s\",\"zone_id\":\"%s\","
	    "\"zone_name\":\"%s\",\"name\":\"%s\",\"type\":\"%s\",\"content\":"
	    "\"%s\",\"proxiable\":true,\"proxied\":%s,\"ttl\":%ld,"
	    "\"comment\":\"kept\",\"tags\":[],\"meta\":{\"auto_added\":false}}",
	    recs[i].id, recs[i].zone, zn, recs[i].name, recs[i].type,
	    recs[i].content, recs[i].proxied, recs[i].ttl);
}

static size_t
pberror(char *out, size_t size, int status, const char *msg)
{
	char body[512];

	snprintf(body, sizeof(body), "{\"status\":\"ERROR\",\"message\":"
	    "\"%s\"}", msg);
	return answer(out, size, status, "", body, 0);
}

/* Porkbun: the request's method, target (after the prefix) and body. */
static size_t
pbemu(const char *method, const char *p, const char *b, char *out,
    size_t size)
{
	char k[256], dom[256], type[8], sub[256] = "", name[512], v[256];
	char body[16384];
	size_t len;
	int i, n, zi;

	if (strcmp(method, "POST") != 0)
		return pberror(out, size, 405, "All API calls are POST.");
	if (!field(b, "apikey", k, sizeof(k)) || strcmp(k, apikey) != 0 ||
	    !field(b, "secretapikey", v, sizeof(v)) || strcmp(v, token) != 0)
		return pberror(out, size, 403, "Invalid API key. (002)");
	n = sscanf(p, "/dns/%255[^/]/%255[^/]/%7[^/]/%255s", v, dom, type, sub);
	if (n < 2)
		return pberror(out, size, 404, "Invalid command.");
	for (zi = 0; zi < nz && strcasecmp(zones[zi].name, dom) != 0; zi++)
		;
	if (zi == nz)
		return pberror(out, size, 400, "Invalid domain.");
	snprintf(name, sizeof(name), "%s%s%s", sub, sub[0] ? "." : "", dom);
	if (strcmp(v, "create") == 0 && n == 2) {
		if (nr == MAXR || !field(b, "type", recs[nr].type, 8) ||
		    !field(b, "content", recs[nr].content, 64))
			return pberror(out, size, 400, "Invalid type.");
		field(b, "name", sub, sizeof(sub));
		snprintf(name, sizeof(name), "%s%s%s", sub, sub[0] ? "." : "",
		    dom);
		snprintf(recs[nr].name, 256, "%.255s", name);
		snprintf(recs[nr].id, 40, "%d", 900 + ++serial);
		snprintf(recs[nr].zone, 40, "%.39s", zones[zi].id);
		recs[nr].ttl = field(b, "ttl", v, sizeof(v)) ? atol(v) : 600;
		snprintf(recs[nr].proxied, 8, "none");
		snprintf(body, sizeof(body), "{\"status\":\"SUCCESS\",\"id\":"
		    "%s}", recs[nr++].id);
		save();
		return answer(out, size, 200, "", body, 0);
	}
	if (n < 3)
		return pberror(out, size, 404, "Invalid command.");
	if (strcmp(v, "retrieveByNameType") == 0) {
		len = (size_t)snprintf(body, sizeof(body), "{\"status\":"
		    "\"SUCCESS\",\"records\":[");
		for (i = 0, n = 0; i < nr; i++) {
			if (strcmp(recs[i].zone, zones[zi].id) != 0 ||
			    strcmp(recs[i].type, type) != 0 ||
			    strcasecmp(recs[i].name, name) != 0)
				continue;
			len += (size_t)snprintf(body + len, sizeof(body) - len,
			    "%s{\"id\":\"%s\",\"name\":\"%s\",\"type\":"
			    "\"%s\",\"content\":\"%s\",\"ttl\":\"%ld\","
			    "\"prio\":\"0\",\"notes\":\"%s\"}", n++ ? "," : "",
			    recs[i].id, recs[i].name, recs[i].type,
			    recs[i].content, recs[i].ttl, recs[i].proxied);
		}
		snprintf(body + len, sizeof(body) - len, "]}");
		return answer(out, size, 200, "", body, 1);
	}
	if (strcmp(v, "editByNameType") == 0) {
		if (!field(b, "content", k, sizeof(k)))
			return pberror(out, size, 400, "Invalid content.");
		for (i = 0; i < nr; i++)
			if (strcmp(recs[i].zone, zones[zi].id) == 0 &&
			    strcmp(recs[i].type, type) == 0 &&
			    strcasecmp(recs[i].name, name) == 0) {
				snprintf(recs[i].content, 64, "%.63s", k);
				recs[i].ttl = field(b, "ttl", v, sizeof(v)) ?
				    atol(v) : 600;
			}
		save();
		return answer(out, size, 200, "", "{\"status\":\"SUCCESS\"}",
		    0);
	}
	return pberror(out, size, 404, "Invalid command.");
}

/* The value of header h ("Authorization: Bearer ") is the token. */
static int
authed(const char *req, const char *h)
{
	char pat[64];
	const char *p;
	size_t len;

	snprintf(pat, sizeof(pat), "\r\n%s", h);
	if ((p = strcasestr(req, pat)) == NULL)
		return 0;
	p += strlen(pat);
	len = strcspn(p, "\r");
	return len == strlen(token) && strncmp(p, token, len) == 0;
}

static int
zonebyname(const char *name)
{
	int i;

	for (i = 0; i < nz; i++)
		if (strcasecmp(zones[i].name, name) == 0)
			return i;
	return -1;
}

/* A record's name relative to its zone's, "@" at the apex. */
static const char *
rel(int i, int zi)
{
	static char out[256];
	size_t nl = strlen(recs[i].name), zl = strlen(zones[zi].name);

	if (nl > zl + 1)
		snprintf(out, sizeof(out), "%.*s", (int)(nl - zl - 1),
		    recs[i].name);
	else
		snprintf(out, sizeof(out), "@");
	return out;
}

/* The full name of label l ("@" the apex) in zone zi. */
static void
full(char *out, size_t size, const char *l, int zi)
{
	if (strcmp(l, "@") == 0 || l[0] == '\0')
		snprintf(out, size, "%s", zones[zi].name);
	else
		snprintf(out, size, "%s.%s", l, zones[zi].name);
}

static size_t
doerr(char *out, size_t size, int status, const char *id, const char *msg)
{
	char body[512];

	snprintf(body, sizeof(body), "{\"id\":\"%s\",\"message\":\"%s\"}", id,
	    msg);
	return answer(out, size, status, "", body, 0);
}

static int
dojson(char *p, size_t size, int i, int zi)
{
	return snprintf(p, size, "{\"id\":%s,\"type\":\"%s\",\"name\":\"%s\","
	    "\"data\":\"%s\",\"priority\":null,\"port\":null,\"ttl\":%ld,"
	    "\"weight\":null,\"flags\":null,\"tag\":null}", recs[i].id,
	    recs[i].type, rel(i, zi), recs[i].content, recs[i].ttl);
}

/*
 * DigitalOcean: the request's method, path (after /v2, its query cut
 * off into q) and body.
 */
static size_t
doemu(const char *req, const char *method, const char *p, const char *q,
    const char *b, char *out, size_t size)
{
	char dom[256], rest[256] = "", t[16] = "", nm[256] = "", v[256];
	char body[16384];
	size_t len;
	int i, n, zi;

	if (!authed(req, "Authorization: Bearer "))
		return doerr(out, size, 401, "unauthorized", "Unable to "
		    "authenticate you");
	if (sscanf(p, "/domains/%255[^/]/records%255s", dom, rest) < 1 ||
	    strncmp(p + 9 + strlen(dom), "/records", 8) != 0)
		return doerr(out, size, 404, "not_found", "The resource you "
		    "were accessing could not be found.");
	if ((zi = zonebyname(dom)) == -1)
		return doerr(out, size, 404, "not_found", "The resource you "
		    "were accessing could not be found.");
	if (rest[0] == '\0' && strcmp(method, "GET") == 0) {
		param(q, "type", t, sizeof(t));
		param(q, "name", nm, sizeof(nm));
		len = (size_t)snprintf(body, sizeof(body),
		    "{\"domain_records\":[");
		for (i = 0, n = 0; i < nr; i++) {
			if (strcmp(recs[i].zone, zones[zi].id) != 0 || (t[0] &&
			    strcmp(recs[i].type, t) != 0) || (nm[0] &&
			    strcasecmp(recs[i].name, nm) != 0))
				continue;
			len += (size_t)snprintf(body + len, sizeof(body) - len,
			    "%s", n++ ? "," : "");
			len += (size_t)dojson(body + len, sizeof(body) - len, i,
			    zi);
		}
		snprintf(body + len, sizeof(body) - len, "],\"links\":{},"
		    "\"meta\":{\"total\":%d}}", n);
		return answer(out, size, 200, "", body, 1);
	}
	if (rest[0] == '\0' && strcmp(method, "POST") == 0) {
		if (nr == MAXR || !field(b, "type", recs[nr].type, 8) ||
		    !field(b, "name", v, sizeof(v)) ||
		    !field(b, "data", recs[nr].content, 64))
			return doerr(out, size, 422, "unprocessable_entity",
			    "Name Only valid hostname characters are allowed");
		full(recs[nr].name, 256, v, zi);
		snprintf(recs[nr].id, 40, "%d", 3352900 + ++serial);
		snprintf(recs[nr].zone, 40, "%.39s", zones[zi].id);
		recs[nr].ttl = field(b, "ttl", v, sizeof(v)) ? atol(v) : 1800;
		snprintf(recs[nr].proxied, 8, "none");
		i = nr++;
		save();
		len = (size_t)snprintf(body, sizeof(body), "{\"domain_record\":");
		len += (size_t)dojson(body + len, sizeof(body) - len, i, zi);
		snprintf(body + len, sizeof(body) - len, "}");
		return answer(out, size, 201, "", body, 0);
	}
	if (rest[0] == '/' && strcmp(method, "PATCH") == 0) {
		for (i = 0; i < nr && (strcmp(recs[i].id, rest + 1) != 0 ||
		    strcmp(recs[i].zone, zones[zi].id) != 0); i++)
			;
		if (i == nr)
			return doerr(out, size, 404, "not_found", "The resource "
			    "you were accessing could not be found.");
		if (field(b, "type", v, sizeof(v)) && strcmp(v, recs[i].type))
			return doerr(out, size, 422, "unprocessable_entity",
			    "Type cannot be changed");
		if (field(b, "data", v, sizeof(v)))
			snprintf(recs[i].content, 64, "%.63s", v);
		if (field(b, "ttl", v, sizeof(v)))
			recs[i].ttl = atol(v);
		if (field(b, "name", v, sizeof(v)))
			full(recs[i].name, 256, v, zi);
		save();
		len = (size_t)snprintf(body, sizeof(body), "{\"domain_record\":");
		len += (size_t)dojson(body + len, sizeof(body) - len, i, zi);
		snprintf(body + len, sizeof(body) - len, "}");
		return answer(out, size, 200, "", body, 0);
	}
	return doerr(out, size, 405, "method_not_allowed", "Method not "
	    "allowed");
}

static size_t
hzerr(char *out, size_t size, int status, const char *msg)
{
	char body[512];

	snprintf(body, sizeof(body), "{\"error\":{\"message\":\"%s\","
	    "\"code\":%d}}", msg, status);
	return answer(out, size, status, "", body, 0);
}

static int
hzjson(char *p, size_t size, int i, int zi)
{
	char ttl[32] = "";

	if (recs[i].ttl > 0)
		snprintf(ttl, sizeof(ttl), ",\"ttl\":%ld", recs[i].ttl);
	return snprintf(p, size, "{\"type\":\"%s\",\"id\":\"%s\",\"created\":"
	    "\"2024-01-02 03:04:05 +0000 UTC\",\"modified\":\"2024-01-02 "
	    "03:04:05 +0000 UTC\",\"zone_id\":\"%s\",\"name\":\"%s\","
	    "\"value\":\"%s\"%s}", recs[i].type, recs[i].id, recs[i].zone,
	    rel(i, zi), recs[i].content, ttl);
}

/* Hetzner: a PUT or POST body's record into recs[i]; 0 or -1. */
static int
hzset(const char *b, int i)
{
	char v[256], zid[40], name[256], type[8], value[64];
	int zi;

	if (!field(b, "zone_id", zid, sizeof(zid)) ||
	    !field(b, "name", name, sizeof(name)) ||
	    !field(b, "type", type, sizeof(type)) ||
	    !field(b, "value", value, sizeof(value)))
		return -1;
	for (zi = 0; zi < nz && strcmp(zones[zi].id, zid) != 0; zi++)
		;
	if (zi == nz)
		return -1;
	snprintf(recs[i].zone, 40, "%s", zid);
	snprintf(recs[i].type, 8, "%s", type);
	snprintf(recs[i].content, 64, "%s", value);
	full(recs[i].name, 256, name, zi);
	/* a record without a ttl has the zone's */
	recs[i].ttl = field(b, "ttl", v, sizeof(v)) ? atol(v) : 0;
	return zi;
}

/* Hetzner DNS: the method, path (after /api/v1), query and body. */
static size_t
hzemu(const char *req, const char *method, const char *p, const char *q,
    const char *b, char *out, size_t size)
{
	char v[256], body[16384];
	size_t len;
	int i, n, zi;

	if (!authed(req, "Auth-API-Token: "))
		return answer(out, size, 401, "", "{\"message\":\"Invalid "
		    "authentication credentials\"}", 0);
	if (strcmp(p, "/zones") == 0 && strcmp(method, "GET") == 0) {
		param(q, "name", v, sizeof(v));
		len = (size_t)snprintf(body, sizeof(body), "{\"zones\":[");
		for (i = 0, n = 0; i < nz; i++)
			if (strcasecmp(zones[i].name, v) == 0)
				len += (size_t)snprintf(body + len, sizeof(body) -
				    len, "%s{\"id\":\"%s\",\"name\":\"%s\","
				    "\"ttl\":86400,\"status\":\"verified\"}",
				    n++ ? "," : "", zones[i].id, zones[i].name);
		snprintf(body + len, sizeof(body) - len, "],\"meta\":"
		    "{\"pagination\":{\"page\":1,\"per_page\":100,\"last_page\":"
		    "1,\"total_entries\":%d}}}", n);
		return answer(out, size, 200, "", body, 1);
	}
	if (strcmp(p, "/records") == 0 && strcmp(method, "GET") == 0) {
		param(q, "zone_id", v, sizeof(v));
		for (zi = 0; zi < nz && strcmp(zones[zi].id, v) != 0; zi++)
			;
		if (zi == nz)
			return hzerr(out, size, 404, "zone not found");
		len = (size_t)snprintf(body, sizeof(body), "{\"records\":[");
		for (i = 0, n = 0; i < nr; i++) {
			if (strcmp(recs[i].zone, v) != 0)
				continue;
			len += (size_t)snprintf(body + len, sizeof(body) - len,
			    "%s", n++ ? "," : "");
			len += (size_t)hzjson(body + len, sizeof(body) - len, i,
			    zi);
		}
		snprintf(body + len, sizeof(body) - len, "]}");
		return answer(out, size, 200, "", body, 1);
	}
	if (strcmp(p, "/records") == 0 && strcmp(method, "POST") == 0) {
		if (nr == MAXR || (zi = hzset(b, nr)) == -1)
			return hzerr(out, size, 422, "invalid record");
		snprintf(recs[nr].id, 40, "hz%d", ++serial);
		snprintf(recs[nr].proxied, 8, "none");
		i = nr++;
		save();
		len = (size_t)snprintf(body, sizeof(body), "{\"record\":");
		len += (size_t)hzjson(body + len, sizeof(body) - len, i, zi);
		snprintf(body + len, sizeof(body) - len, "}");
		return answer(out, size, 200, "", body, 0);
	}
	if (strncmp(p, "/records/", 9) == 0 && strcmp(method, "PUT") == 0) {
		for (i = 0; i < nr && strcmp(recs[i].id, p + 9) != 0; i++)
			;
		if (i == nr)
			return hzerr(out, size, 404, "record not found");
		/* the whole record replaced: every field must be sent */
		if ((zi = hzset(b, i)) == -1)
			return hzerr(out, size, 422, "invalid record");
		save();
		len = (size_t)snprintf(body, sizeof(body), "{\"record\":");
		len += (size_t)hzjson(body + len, sizeof(body) - len, i, zi);
		snprintf(body + len, sizeof(body) - len, "}");
		return answer(out, size, 200, "", body, 0);
	}
	return hzerr(out, size, 404, "not found");
}

static size_t
gderr(char *out, size_t size, int status, const char *obj, const char *cause,
    const char *msg)
{
	char body[512];

	snprintf(body, sizeof(body), "{\"code\":%d,\"message\":\"%s\","
	    "\"object\":\"%s\",\"cause\":\"%s\"}", status, msg, obj, cause);
	return answer(out, size, status, "", body, 0);
}

/* Gandi: the rrset_values of a body into vals; their number, -1 if none. */
static int
gdvalues(const char *b, char vals[][64], int max)
{
	const char *p = strstr(b, "\"rrset_values\":[");
	size_t len;
	int n = 0;

	if (p == NULL)
		return -1;
	for (p += 16; *p == '"' && n < max; n++) {
		len = strcspn(p + 1, "\"");
		snprintf(vals[n], 64, "%.*s", (int)(len < 63 ? len : 63), p + 1);
		p += len + 2;
		if (*p == ',')
			p++;
	}
	return *p == ']' ? n : -1;
}

/* Gandi LiveDNS: the method, path (after /v5/livedns) and body. */
static size_t
gdemu(const char *req, const char *method, const char *p, const char *b,
    char *out, size_t size)
{
	char dom[256], label[256], type[8], name[256], v[32], body[16384];
	char vals[8][64];
	size_t len;
	int i, k, n, zi, first = -1;
	long ttl;

	if (!authed(req, "Authorization: Bearer "))
		return gderr(out, size, 401, "HTTPUnauthorized", "Unauthorized",
		    "The server could not verify that you authorized to access "
		    "the document you requested.");
	if (sscanf(p, "/domains/%255[^/]/records/%255[^/]/%7s", dom, label,
	    type) != 3 || (zi = zonebyname(dom)) == -1)
		return gderr(out, size, 404, "HTTPNotFound", "Not Found",
		    "The resource could not be found.");
	full(name, sizeof(name), label, zi);
	for (i = 0, n = 0; i < nr; i++)
		if (strcmp(recs[i].zone, zones[zi].id) == 0 &&
		    strcmp(recs[i].type, type) == 0 &&
		    strcasecmp(recs[i].name, name) == 0 && n++ == 0)
			first = i;
	if (strcmp(method, "GET") == 0) {
		if (n == 0)
			return gderr(out, size, 404, "dns-record", "Not Found",
			    "Can't find the DNS record in the zone");
		len = (size_t)snprintf(body, sizeof(body), "{\"rrset_name\":"
		    "\"%s\",\"rrset_type\":\"%s\",\"rrset_ttl\":%ld,"
		    "\"rrset_href\":\"https://api.gandi.net/v5/livedns/domains/"
		    "%s/records/%s/%s\",\"rrset_values\":[", label, type,
		    recs[first].ttl, dom, label, type);
		for (i = 0, k = 0; i < nr; i++)
			if (strcmp(recs[i].zone, zones[zi].id) == 0 &&
			    strcmp(recs[i].type, type) == 0 &&
			    strcasecmp(recs[i].name, name) == 0)
				len += (size_t)snprintf(body + len, sizeof(body) -
				    len, "%s\"%s\"", k++ ? "," : "",
				    recs[i].content);
		snprintf(body + len, sizeof(body) - len, "]}");
		return answer(out, size, 200, "", body, 1);
	}
	if (strcmp(method, "PUT") != 0 && strcmp(method, "POST") != 0)
		return gderr(out, size, 405, "HTTPMethodNotAllowed",
		    "Method Not Allowed", "The method is not allowed.");
	if ((k = gdvalues(b, vals, 8)) < 1)
		return gderr(out, size, 400, "HTTPBadRequest", "Bad Request",
		    "rrset_values: required");
	if (strcmp(method, "POST") == 0 && n > 0)
		return gderr(out, size, 409, "HTTPConflict", "Conflict",
		    "A DNS Record already exists with same value");
	/* the rrset replaced: rrset_ttl 10800 when not sent (the default) */
	ttl = field(b, "rrset_ttl", v, sizeof(v)) ? atol(v) : 10800;
	for (i = nr - 1; i >= 0; i--)
		if (i != first && strcmp(recs[i].zone, zones[zi].id) == 0 &&
		    strcmp(recs[i].type, type) == 0 &&
		    strcasecmp(recs[i].name, name) == 0) {
			memmove(&recs[i], &recs[i + 1], (size_t)(nr - i - 1) *
			    sizeof(recs[0]));
			nr--;
		}
	for (i = 0; i < k; i++) {
		int r = i == 0 && first != -1 ? first : nr;

		if (r == nr) {
			if (nr == MAXR)
				break;
			nr++;
			snprintf(recs[r].id, 40, "gd%d", ++serial);
			snprintf(recs[r].zone, 40, "%s", zones[zi].id);
			snprintf(recs[r].type, 8, "%s", type);
			snprintf(recs[r].name, 256, "%s", name);
			snprintf(recs[r].proxied, 8, "none");
		}
		snprintf(recs[r].content, 64, "%s", vals[i]);
		recs[r].ttl = ttl;
	}
	save();
	return answer(out, size, 201, "", "{\"message\":\"DNS Record Created\"}",
	    0);
}

/*
 * One request (headers and body, NUL-terminated) on connection conn:
 * the reply in out, its length returned.
 */
size_t
restemu(const char *req, const char *peer, size_t conn, char *out,
    size_t size)
{
	char method[16], target[1024], q[512] = "", v[256], w[256], a[256];
	char body[16384], *p;
	const char *h, *b, *prefix = "/client/v4";
	int i, n, zi;
	size_t len;

	(void)peer;
	(void)conn;
	if (sscanf(req, "%15s %1023s", method, target) != 2)
		return error(out, size, 400, 6003, "Invalid request headers");
	if (strcmp(mode, "429") == 0)
		return answer(out, size, 429, "Retry-After: 3600\r\n",
		    "{\"success\":false,\"errors\":[{\"code\":971,\"message\":"
		    "\"Please wait and consider throttling your request "
		    "speed\"}],\"messages\":[],\"result\":null}", 0);
	if (strcmp(mode, "500") == 0)
		return error(out, size, 500, 10000, "Internal Server Error");
	if (strcmp(mode, "html") == 0) {
		static const char page[] = "<html><head><title>Just a "
		    "moment...</title></head><body>checking</body></html>";
		n = snprintf(out, size, "HTTP/1.1 200 OK\r\nContent-Type: "
		    "text/html\r\nContent-Length: %zu\r\n\r\n%s",
		    sizeof(page) - 1, page);
		return (size_t)n;
	}
	if (porkbun) {
		b = strstr(req, "\r\n\r\n");
		prefix = "/api/json/v3";
		if (strncmp(target, prefix, strlen(prefix)) != 0)
			return pberror(out, size, 404, "Invalid command.");
		return pbemu(method, target + strlen(prefix), b ? b + 4 : "",
		    out, size);
	}
	if (api != 'c') {
		prefix = api == 'd' ? "/v2" : api == 'h' ? "/api/v1" :
		    "/v5/livedns";
		b = strstr(req, "\r\n\r\n");
		b = b ? b + 4 : "";
		if (strncmp(target, prefix, strlen(prefix)) != 0)
			return answer(out, size, 404, "", "{\"message\":"
			    "\"Not Found\"}", 0);
		p = target + strlen(prefix);
		if ((h = strchr(p, '?')) != NULL) {
			snprintf(q, sizeof(q), "%s", h + 1);
			*(char *)h = '\0';
		}
		if (api == 'd')
			return doemu(req, method, p, q, b, out, size);
		if (api == 'h')
			return hzemu(req, method, p, q, b, out, size);
		return gdemu(req, method, p, b, out, size);
	}
	h = strcasestr(req, "\r\nAuthorization: Bearer ");
	len = h ? strcspn(h + 24, "\r") : 0;
	if (h == NULL || len != strlen(token) || strncmp(h + 24, token, len))
		return error(out, size, 403, 9109, "Invalid access token");
	b = strstr(req, "\r\n\r\n");
	b = b ? b + 4 : "";
	if (strncmp(target, prefix, strlen(prefix)) != 0)
		return error(out, size, 404, 7000, "No route for that URI");
	p = target + strlen(prefix);
	if ((h = strchr(p, '?')) != NULL) {
		snprintf(q, sizeof(q), "%s", h + 1);
		*(char *)h = '\0';
	}
	len = (size_t)snprintf(body, sizeof(body), "{\"success\":true,"
	    "\"errors\":[],\"messages\":[],\"result\":[");
	if (strcmp(p, "/zones") == 0 && strcmp(method, "GET") == 0) {
		param(q, "name", v, sizeof(v));
		for (i = 0, n = 0; i < nz; i++)
			if (strcasecmp(zones[i].name, v) == 0)
				len += (size_t)snprintf(body + len, sizeof(body) -
				    len, "%s{\"id\":\"%s\",\"name\":\"%s\","
				    "\"status\":\"active\"}", n++ ? "," : "",
				    zones[i].id, zones[i].name);
		snprintf(body + len, sizeof(body) - len, "],\"result_info\":"
		    "{\"page\":1,\"per_page\":20,\"count\":%d,\"total_count\":"
		    "%d}}", n, n);
		return answer(out, size, 200, "", body, 1);
	}
	if (sscanf(p, "/zones/%255[^/]/dns_records%255s", a, w) < 1 ||
	    strncmp(p + 7 + strlen(a), "/dns_records", 12) != 0)
		return error(out, size, 404, 7000, "No route for that URI");
	for (zi = 0; zi < nz && strcmp(zones[zi].id, a) != 0; zi++)
		;
	if (zi == nz)
		return error(out, size, 404, 7003, "Could not route to "
		    "/zones/x/dns_records, perhaps your object identifier is "
		    "invalid?");
	p += 7 + strlen(a) + 12;
	if (*p == '\0' && strcmp(method, "GET") == 0) {
		char t[16] = "", nm[256] = "";
		param(q, "type", t, sizeof(t));
		param(q, "name", nm, sizeof(nm));
		for (i = 0, n = 0; i < nr; i++) {
			if (strcmp(recs[i].zone, a) != 0 || (t[0] &&
			    strcmp(recs[i].type, t) != 0) || (nm[0] &&
			    strcasecmp(recs[i].name, nm) != 0))
				continue;
			len += (size_t)snprintf(body + len, sizeof(body) - len,
			    "%s", n++ ? "," : "");
			len += (size_t)recjson(body + len, sizeof(body) - len, i);
		}
		snprintf(body + len, sizeof(body) - len, "],\"result_info\":"
		    "{\"page\":1,\"per_page\":100,\"count\":%d,\"total_count\":"
		    "%d}}", n, n);
		return answer(out, size, 200, "", body, 1);
	}
	if (*p == '\0' && strcmp(method, "POST") == 0) {
		if (nr == MAXR || !field(b, "type", recs[nr].type, 8) ||
		    !field(b, "name", recs[nr].name, 256) ||
		    !field(b, "content", recs[nr].content, 64))
			return error(out, size, 400, 9000, "DNS name is invalid");
		snprintf(recs[nr].id, 40, "new%d", ++serial);
		snprintf(recs[nr].zone, 40, "%.39s", a);
		recs[nr].ttl = field(b, "ttl", v, sizeof(v)) ? atol(v) : 1;
		if (!field(b, "proxied", recs[nr].proxied, 8))
			snprintf(recs[nr].proxied, 8, "false");
		i = nr++;
		save();
		len = (size_t)snprintf(body, sizeof(body), "{\"success\":true,"
		    "\"errors\":[],\"messages\":[],\"result\":");
		len += (size_t)recjson(body + len, sizeof(body) - len, i);
		snprintf(body + len, sizeof(body) - len, "}");
		return answer(out, size, 200, "", body, 0);
	}
	if (*p == '/' && strcmp(method, "PATCH") == 0) {
		for (i = 0; i < nr && (strcmp(recs[i].id, p + 1) != 0 ||
		    strcmp(recs[i].zone, a) != 0); i++)
			;
		if (i == nr)
			return error(out, size, 404, 81044, "Record does not "
			    "exist.");
		if (field(b, "content", v, sizeof(v)))
			snprintf(recs[i].content, 64, "%.63s", v);
		if (field(b, "ttl", v, sizeof(v)))
			recs[i].ttl = atol(v);
		if (field(b, "proxied", v, sizeof(v)))
			snprintf(recs[i].proxied, 8, "%.7s", v);
		save();
		len = (size_t)snprintf(body, sizeof(body), "{\"success\":true,"
		    "\"errors\":[],\"messages\":[],\"result\":");
		len += (size_t)recjson(body + len, sizeof(body) - len, i);
		snprintf(body + len, sizeof(body) - len, "}");
		return answer(out, size, 200, "", body, 0);
	}
	return error(out, size, 405, 10000, "Method not allowed");
}
