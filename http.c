/*
 * HTTP: server URLs, request writing (HTTP/1.0 one-shot, HTTP/1.1 kept
 * alive), reply reading (status, headers, body, chunked).
 */
#include <sys/socket.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ddnsup.h"
#include "util.h"
#include "net.h"
#include "cert.h"
#include "tls.h"
#include "http.h"

#define CHUNKLINE	256	/* a chunk size line with its extensions */

static int
pathchar(int c)
{
	/* RFC 3986 pchar, '/' and '?', less what needs escaping in a request */
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || strchr("-._~!$&'()*+,;=:@/?%", c) != NULL;
}

/*
 * host[:port] at the start of s, host a name, IPv4 or [IPv6]; the port
 * defaults to defport. *rest is what follows.
 */
static int
hostport(struct url *u, const char *s, const char *defport, const char **rest)
{
	const char *p, *host, *end;
	size_t hlen, len;
	char canon[ADDRLEN];
	long long port;
	int fam;

	if (*s == '[') {
		host = s + 1;
		if ((end = strchr(host, ']')) == NULL)
			return fail(F_CONFIG, "%s: missing ]", s);
		p = end + 1;
	} else {
		host = s;
		end = host + strcspn(host, ":/");
		p = end;
	}
	hlen = (size_t)(end - host);
	if (hlen == 0 || hlen >= sizeof(u->host))
		return fail(F_CONFIG, "%s: bad host", s);
	memcpy(u->host, host, hlen);
	u->host[hlen] = '\0';
	if (*s == '[') {
		if (addr_class(u->host, &fam, canon, sizeof(canon)) == A_BAD ||
		    fam != AF_INET6)
			return fail(F_CONFIG, "%s: bad IPv6 address", u->host);
		u->literal = 1;
	} else if (addr_class(u->host, &fam, canon, sizeof(canon)) != A_BAD) {
		if (fam != AF_INET)
			return fail(F_CONFIG, "%s: IPv6 address needs [ ]",
			    u->host);
		u->literal = 1;
	} else if (!validname(u->host, 1))
		return fail(F_CONFIG, "%s: bad host name", u->host);
	u->defport = 1;
	snprintf(u->port, sizeof(u->port), "%s", defport);
	if (*p == ':') {
		p++;
		len = strspn(p, "0123456789");
		if (num_span(p, len, 1, 65535, &port) == -1 ||
		    (p[len] != '\0' && p[len] != '/'))
			return fail(F_CONFIG, "%s: bad port", s);
		snprintf(u->port, sizeof(u->port), "%lld", port);
		u->defport = strcmp(u->port, defport) == 0;
		p += len;
	}
	*rest = p;
	return 0;
}

/* The userinfo of URL s (user:password@): its length, 0 when none. */
static size_t
userinfo(const char *s)
{
	const char *a = strstr(s, "://"), *at = NULL, *p;

	a = a != NULL ? a + 3 : s;
	for (p = a; *p != '\0' && strchr("/?#", *p) == NULL; p++)
		if (*p == '@')
			at = p;
	return at != NULL ? (size_t)(at + 1 - a) : 0;
}

const char *
url_safe(const char *s)
{
	static char buf[1024];
	const char *a = strstr(s, "://");
	size_t skip = userinfo(s), pre;

	if (skip == 0)
		return s;
	pre = a != NULL ? (size_t)(a + 3 - s) : 0;
	snprintf(buf, sizeof(buf), "%.*s%s", (int)pre, s, s + pre + skip);
	return buf;
}

/* A URL with user:password@ is refused, in words that do not repeat it: the user and secret have their own settings. */
static int
nouserinfo(const char *s)
{
	if (userinfo(s) == 0)
		return 0;
	return fail(F_CONFIG, "a user name or password in a URL "
	    "(user:password@) is refused");
}

/* host[:port] alone, as TZO's cluster lookup server is given */
int
url_hostport(struct url *u, const char *s, const char *defport)
{
	const char *rest = "";

	memset(u, 0, sizeof(*u));
	if (nouserinfo(s) == -1)
		return -1;
	if (strstr(s, "://") != NULL)
		return fail(F_CONFIG, "%s: no URL scheme here, only host[:port]",
		    s);
	if (hostport(u, s, defport, &rest) == -1)
		return -1;
	if (*rest != '\0')
		return fail(F_CONFIG, "%s: no path here, only host[:port]", s);
	return 0;
}

/* s starts with the word w alone, or followed by ':' or '/' */
static int
schemeword(const char *s, const char *w)
{
	size_t n = strlen(w);

	return strncasecmp(s, w, n) == 0 &&
	    (s[n] == '\0' || s[n] == ':' || s[n] == '/');
}

/* [http://|https://]host[:port][/path], defpath when there is none */
int
url_parse(struct url *u, const char *s, const char *defpath)
{
	const char *p = "", *end;

	memset(u, 0, sizeof(*u));
	if (nouserinfo(s) == -1)
		return -1;
	u->tls = 1;
	if (strncasecmp(s, "https://", 8) == 0)
		s += 8;
	else if (strncasecmp(s, "http://", 7) == 0) {
		u->tls = 0;
		s += 7;
	} else if (strstr(s, "://") != NULL)
		return fail(F_CONFIG, "%s: scheme must be http or https", s);
	else if (schemeword(s, "http") || schemeword(s, "https"))
		/* a typo (https//host, https:host), not a host named https */
		return fail(F_CONFIG, "%s: a scheme without \"://\": write "
		    "https://host", s);
	if (hostport(u, s, u->tls ? "443" : "80", &p) == -1)
		return -1;
	if (*p == '\0')
		p = defpath;
	else if (*p != '/')
		return fail(F_CONFIG, "%s: bad server", s);
	if (strlen(p) >= sizeof(u->path))
		return fail(F_CONFIG, "%s: path too long", s);
	for (end = p; *end != '\0'; end++)
		if (!pathchar((unsigned char)*end))
			return fail(F_CONFIG, "%s: bad character in path", s);
	snprintf(u->path, sizeof(u->path), "%s", p);
	return 0;
}

/* A GET request; auth is the base64 credential or NULL. */
int
http_request(char *buf, size_t size, const struct url *u, const char *target,
    const char *auth, const char *agent)
{
	int n;

	n = snprintf(buf, size,
	    "GET %s HTTP/1.0\r\n"
	    "Host: %s%s%s%s%s\r\n"
	    "%s%s%s"
	    "User-Agent: %s\r\n"
	    "Connection: close\r\n"
	    "\r\n",
	    target,
	    strchr(u->host, ':') ? "[" : "", u->host,
	    strchr(u->host, ':') ? "]" : "",
	    u->defport ? "" : ":", u->defport ? "" : u->port,
	    auth ? "Authorization: Basic " : "", auth ? auth : "",
	    auth ? "\r\n" : "",
	    agent);
	if (n < 0 || (size_t)n >= size)
		return fail(F_CONFIG, "request too long");
	return n;
}

/* Find the end of a line within [p, end); NULL if there is none yet. */
static char *
eol(char *p, const char *end)
{
	return memchr(p, '\n', (size_t)(end - p));
}

static size_t
trimcr(const char *p, const char *nl)
{
	size_t len = (size_t)(nl - p);

	return len > 0 && p[len - 1] == '\r' ? len - 1 : len;
}

static int
parseheaders(char *buf, size_t hdrlen, struct httpstate *st, struct reply *r)
{
	char *p = buf, *end = buf + hdrlen, *nl, *colon, *v;
	char line[128];
	size_t len, vlen;
	long long cl;

	nl = eol(p, end);
	len = trimcr(p, nl);
	if (len < 12 || strncmp(p, "HTTP/1.", 7) != 0 || p[7] < '0' ||
	    p[7] > '9' || p[8] != ' ' || p[9] < '1' || p[9] > '5' ||
	    p[10] < '0' || p[10] > '9' || p[11] < '0' || p[11] > '9' ||
	    (len > 12 && p[12] != ' ')) {
		printable(line, sizeof(line), p, len);
		return fail(F_PROTO, "bad status line: %s", line);
	}
	r->status = (p[9] - '0') * 100 + (p[10] - '0') * 10 + (p[11] - '0');
	r->retryafter = -1;
	/* HTTP/1.0 closes unless it says otherwise: never reused here */
	r->close = p[7] == '0';
	if (len > 13)
		printable(r->reason, sizeof(r->reason), p + 13, len - 13);
	st->clen = -1;
	for (p = nl + 1; p < end; p = nl + 1) {
		nl = eol(p, end);
		len = trimcr(p, nl);
		if (len == 0)
			break;
		if (*p == ' ' || *p == '\t')
			return fail(F_PROTO, "folded header line");
		if ((colon = memchr(p, ':', len)) == NULL || colon == p) {
			printable(line, sizeof(line), p, len);
			return fail(F_PROTO, "bad header line: %s", line);
		}
		for (v = colon + 1; v < p + len && (*v == ' ' || *v == '\t');
		    v++)
			;
		vlen = (size_t)(p + len - v);
		while (vlen > 0 && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
			vlen--;
		len = (size_t)(colon - p);
		if (len == 14 && strncasecmp(p, "Content-Length", 14) == 0) {
			if (num_span(v, vlen, 0, 999999999999999999LL, &cl) == -1 ||
			    (st->clen != -1 && st->clen != cl))
				return fail(F_PROTO, "bad Content-Length");
			if (cl > REPLYMAX)
				return fail(F_PROTO, "reply larger than %d bytes",
				    REPLYMAX);
			st->clen = cl;
		} else if (len == 17 &&
		    strncasecmp(p, "Transfer-Encoding", 17) == 0) {
			if (vlen != 7 || strncasecmp(v, "chunked", 7) != 0) {
				printable(line, sizeof(line), v, vlen);
				return fail(F_PROTO, "unsupported "
				    "Transfer-Encoding: %s", line);
			}
			st->chunked = 1;
		} else if (len == 8 && strncasecmp(p, "Location", 8) == 0)
			printable(r->location, sizeof(r->location), v, vlen);
		else if (len == 11 && strncasecmp(p, "Retry-After", 11) == 0)
			/* RFC 9110 10.2.3: seconds; an HTTP date is not read */
			num_span(v, vlen, 0, 86400LL * 366, &r->retryafter);
		else if (len == 10 && strncasecmp(p, "Connection", 10) == 0 &&
		    vlen == 5 && strncasecmp(v, "close", 5) == 0)
			r->close = 1;
	}
	if (st->chunked)
		st->clen = -1;
	if (r->status < 200)
		return fail(F_PROTO, "unexpected status %d", r->status);
	return 0;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Walk the chunks from st->next; 1 once the last chunk and trailers are
 * in, 0 while more is needed, -1 on a malformed body.
 */
static int
walkchunks(char *buf, size_t len, struct httpstate *st)
{
	char *p, *end = buf + len, *nl;
	size_t size, n, i;
	int d;

	for (;;) {
		p = buf + st->next;
		/* the same limit whether the line is whole or still coming */
		if ((nl = eol(p, end)) == NULL)
			return (size_t)(end - p) > CHUNKLINE ?
			    fail(F_PROTO, "chunk size line too long") : 0;
		if ((size_t)(nl - p) > CHUNKLINE)
			return fail(F_PROTO, "chunk size line too long");
		n = trimcr(p, nl);
		size = 0;
		for (i = 0; i < n && (d = hexval((unsigned char)p[i])) != -1;
		    i++) {
			if (i >= 8)
				return fail(F_PROTO, "chunk too large");
			size = size << 4 | (size_t)d;
		}
		if (i == 0 || (i < n && p[i] != ';' && p[i] != ' ' &&
		    p[i] != '\t'))
			return fail(F_PROTO, "bad chunk size line");
		if (size > REPLYMAX)
			return fail(F_PROTO, "chunk too large");
		p = nl + 1;
		if (size == 0) {
			/* trailers, then an empty line */
			for (;;) {
				if ((nl = eol(p, end)) == NULL)
					return 0;
				if (trimcr(p, nl) == 0)
					return 1;
				p = nl + 1;
			}
		}
		if ((size_t)(end - p) < size + 1)
			return 0;
		p += size;
		if (*p == '\r') {
			if (end - p < 2)
				return 0;
			p++;
		}
		if (*p != '\n')
			return fail(F_PROTO, "chunk not followed by CRLF");
		st->next = (size_t)(p + 1 - buf);
	}
}

/* Move the chunks' data together, in place, once the walk has checked them. */
static size_t
dechunk(char *body, const char *end)
{
	char *p = body, *out = body, *nl;
	size_t size;

	for (;;) {
		nl = memchr(p, '\n', (size_t)(end - p));
		size = strtoul(p, NULL, 16);
		if (size == 0)
			return (size_t)(out - body);
		memmove(out, nl + 1, size);
		out += size;
		p = nl + 1 + size;
		p += *p == '\r' ? 2 : 1;
	}
}

/*
 * Parse what has arrived of a reply: 1 complete (r filled in, body in
 * buf), 0 more is needed, -1 malformed. eof says the peer has closed.
 * Each call resumes where the last one stopped.
 */
int
http_parse(char *buf, size_t len, int eof, struct httpstate *st,
    struct reply *r)
{
	char *p, *nl;
	size_t avail;
	int w;

	if (st->hdrlen == 0) {
		p = buf + st->scan;
		while ((nl = eol(p, buf + len)) != NULL) {
			if (trimcr(p, nl) == 0 && p != buf) {
				st->hdrlen = (size_t)(nl + 1 - buf);
				break;
			}
			p = nl + 1;
		}
		st->scan = (size_t)(p - buf);
		if (st->hdrlen == 0) {
			if (eof && len == 0)
				return fail(F_CONNECT, "connection closed "
				    "before the reply");
			if (eof)
				return fail(F_PROTO, "reply ends inside the "
				    "headers");
			return len >= REPLYMAX ? fail(F_PROTO,
			    "reply headers larger than %d bytes", REPLYMAX) : 0;
		}
		if (parseheaders(buf, st->hdrlen, st, r) == -1)
			return -1;
		st->next = st->hdrlen;
	}
	avail = len - st->hdrlen;
	r->body = buf + st->hdrlen;
	if (r->status == 204 || r->status == 304) {
		r->bodylen = 0;
		return 1;
	}
	if (st->chunked) {
		if ((w = walkchunks(buf, len, st)) == -1)
			return -1;
		if (w == 1) {
			r->bodylen = dechunk(r->body, buf + len);
			return 1;
		}
		if (eof)
			return fail(F_PROTO, "reply ends inside a chunk");
	} else if (st->clen >= 0) {
		if (avail >= (size_t)st->clen) {
			r->bodylen = (size_t)st->clen;
			return 1;
		}
		if (eof)
			return fail(F_PROTO, "reply shorter than its "
			    "Content-Length");
	} else if (eof) {
		r->bodylen = avail;
		return 1;
	} else
		/* the body ends when the connection does */
		r->close = 1;
	return len >= REPLYMAX ? fail(F_PROTO, "reply larger than %d bytes",
	    REPLYMAX) : 0;
}

/*
 * Connect to the URL's host and port, and verify it when the URL says
 * https: name against the certificate (an IP literal needs a pin).
 */
int
http_connect(struct conn *c, const struct url *u, int family,
    const struct pin *pins, int npins)
{
	if (net_connect(c, u->host, u->port, family) == -1)
		return -1;
	if (u->tls && tls_handshake(c, u->literal ? NULL : u->host, pins,
	    npins) == -1) {
		conn_close(c);
		return -1;
	}
	return 0;
}

/* host, or host:port when the port is not the scheme's: for messages */
const char *
url_where(const struct url *u)
{
	static char buf[sizeof(u->host) + sizeof(u->port) + 3];

	if (u->defport)
		snprintf(buf, sizeof(buf), "%s", u->host);
	else
		snprintf(buf, sizeof(buf), strchr(u->host, ':') ? "[%s]:%s" :
		    "%s:%s", u->host, u->port);
	return buf;
}


/*
 * Send the request and read its reply into buf (REPLYMAX bytes) until
 * it is whole; st says how it was framed. The length read, or -1. A
 * reply that the connection's end completed cannot be followed by
 * another: r->close.
 */
static ssize_t
roundtrip(struct conn *c, const char *req, size_t reqlen, struct reply *r,
    char *buf, struct httpstate *st)
{
	size_t len = 0;
	ssize_t n;
	int done = 0;

	memset(st, 0, sizeof(*st));
	memset(r, 0, sizeof(*r));
	if (conn_write(c, req, reqlen) == -1)
		return -1;
	while (!done) {
		n = conn_read(c, buf + len, REPLYMAX - len);
		if (n < 0)
			return -1;
		len += (size_t)n;
		if ((done = http_parse(buf, len, n == 0, st, r)) == -1)
			return fail(lastfail.kind, "%s: %s", c->peer,
			    lastfail.msg);
		if (done && n == 0)
			r->close = 1;
	}
	return (ssize_t)len;
}

/*
 * Percent-encode len bytes of s after dst[*n] (RFC 3986): unreserved
 * characters and ':' stay, the rest is %XX. -1 when size is short.
 */
int
url_encode(char *dst, size_t size, size_t *n, const char *s, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	unsigned char c;
	size_t i;

	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if (*n + 4 > size)
			return -1;
		if (isalnum(c) || strchr("-._~:", c) != NULL)
			dst[(*n)++] = (char)c;
		else {
			dst[(*n)++] = '%';
			dst[(*n)++] = hex[c >> 4];
			dst[(*n)++] = hex[c & 15];
		}
	}
	dst[*n] = '\0';
	return 0;
}

/* Send the request and read the whole reply into a fixed buffer. */
int
http_exchange(struct conn *c, const char *req, size_t reqlen,
    struct reply *r, int verbose)
{
	static char buf[REPLYMAX + 1];
	struct httpstate st;

	if (roundtrip(c, req, reqlen, r, buf, &st) == -1)
		return -1;
	if (verbose)
		logv("< HTTP %d %s", r->status, r->reason);
	return 0;
}

/*
 * An HTTP/1.1 request that keeps the connection open: method, target,
 * auth (a whole header line's value, "Bearer ...", or NULL), more header
 * lines (each ending in CRLF, or NULL) and a JSON body (or NULL).
 */
int
http_request11(char *buf, size_t size, const struct url *u, const char *method,
    const char *target, const char *auth, const char *more, const char *body,
    const char *agent)
{
	char len[32] = "";
	int n;

	if (body != NULL)
		snprintf(len, sizeof(len), "%zu", strlen(body));
	n = snprintf(buf, size,
	    "%s %s HTTP/1.1\r\n"
	    "Host: %s%s%s%s%s\r\n"
	    "%s%s%s"
	    "User-Agent: %s\r\n"
	    "Accept: application/json\r\n"
	    "%s"
	    "%s%s%s"
	    "\r\n"
	    "%s",
	    method, target,
	    strchr(u->host, ':') ? "[" : "", u->host,
	    strchr(u->host, ':') ? "]" : "",
	    u->defport ? "" : ":", u->defport ? "" : u->port,
	    auth ? "Authorization: " : "", auth ? auth : "",
	    auth ? "\r\n" : "",
	    agent, more ? more : "",
	    body ? "Content-Type: application/json\r\nContent-Length: " : "",
	    len, body ? "\r\n" : "",
	    body ? body : "");
	if (n < 0 || (size_t)n >= size)
		return fail(F_CONFIG, "request too long");
	return n;
}

/*
 * One exchange on a kept-alive connection: the reply ends by its
 * Content-Length or its last chunk, so the connection can carry the
 * next request unless r->close says it cannot (the server said close,
 * the body ran to the end of the connection, or more than the reply
 * came). The body stays valid until the next exchange.
 */
int
http_keepalive(struct conn *c, const char *req, size_t reqlen,
    struct reply *r)
{
	static char buf[REPLYMAX + 1];
	struct httpstate st;
	ssize_t len;

	if ((len = roundtrip(c, req, reqlen, r, buf, &st)) == -1)
		return -1;
	/* nothing may follow a reply that was not asked for */
	if (r->body + r->bodylen != buf + len && !st.chunked)
		r->close = 1;
	buf[len] = '\0';
	return 0;
}
