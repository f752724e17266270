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
static int porkbun;

int
restemu_is(const char *name)
{
	porkbun = strcmp(name, "porkbun") == 0;
	return porkbun || strcmp(name, "cloudflare") == 0;
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
