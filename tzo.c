/* TZO: cluster lookup, update-server lookup, then one update per name. */
#include <sys/socket.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ddnsup.h"
#include "util.h"
#include "result.h"
#include "net.h"
#include "cert.h"
#include "http.h"
#include "presets.h"
#include "job.h"
#include "proto.h"
#include "tzo.h"

#define LOOKUPBANNER	"TZO Cluster Lookup Server"
#define SERVERBANNER	"TZO Update Server Lookup"
#define UPDATEBANNER	"TZO/Linksys Update Server"

static const struct {
	int code;
	enum result res;
	int status;
	const char *text;
	int global;	/* the same answer awaits every other name */
} codes[] = {
	{ 40, R_UPDATED, ST_OK, "updated", 0 },
	{ 41, R_FAILED, ST_CONFIG, "invalid domain name", 0 },
	{ 42, R_FAILED, ST_NOPERM, "invalid e-mail address", 1 },
	{ 43, R_FAILED, ST_PROTOCOL, "invalid action", 1 },
	{ 44, R_FAILED, ST_NOPERM, "invalid key", 1 },
	{ 45, R_FAILED, ST_CONFIG, "invalid IP address", 1 },
	{ 46, R_FAILED, ST_CONFIG, "duplicate domain name", 0 },
	{ 47, R_FAILED, ST_CONFIG, "domain already created", 0 },
	{ 48, R_FAILED, ST_NOPERM, "account expired", 1 },
	{ 49, R_FAILED, ST_TEMPFAIL, "server error or too frequent; "
	    "try again later", 0 },
};

struct lines {
	struct conn c;
	char buf[TZOLINE];
	size_t len;
	int stage;
	int verbose;
};

static struct lines conn;	/* the one connection of a stage */

/* What TZO puts between commas may hold no comma, space or control. */
int
tzo_field(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] == ',' || (unsigned char)s[i] <= ' ' || s[i] == 0x7f)
			return 0;
	return len > 0;
}

/*
 * One request line of a stage ('I', 'U' or 'R'); with masked set the
 * key is not shown. Returns the length without CRLF, or -1.
 */
int
tzo_request(char *buf, size_t size, int stage, const struct job *j, int name,
    int masked)
{
	char key[MAXSECRET];
	int n;

	if (masked)
		snprintf(key, sizeof(key), "********");
	else {
		memcpy(key, j->secret, j->secretlen);
		key[j->secretlen] = '\0';
	}
	if (stage < 3)
		n = snprintf(buf, size, "%c %s", stage == 1 ? 'I' : 'U', key);
	else
		n = snprintf(buf, size, "R %s,%s,%s%s%s", j->names[name],
		    j->user, key, j->addr4[0] ? "," : "", j->addr4);
	wipe(key, sizeof(key));
	if (n < 0 || (size_t)n + 2 > size || n + 2 > TZOLINE)
		return fail(F_CONFIG, "TZO request longer than %d bytes",
		    TZOLINE);
	return n;
}

/*
 * A stage 1 or 2 reply: "<n>,<a1>,...,<an>," with n IPv4 addresses, or
 * "0,NN text". Returns n, 0 with *code and *text set, or -1.
 */
int
tzo_parselist(const char *line, char (*addrs)[16], int max, int *code,
    const char **text)
{
	const char *p = line, *comma;
	char canon[ADDRLEN];
	long n;
	int i, fam;
	size_t len;

	if (!isdigit((unsigned char)*p))
		return fail(F_PROTO, "count missing");
	for (n = 0; isdigit((unsigned char)*p) && n < 1000; p++)
		n = n * 10 + (*p - '0');
	if (*p++ != ',')
		return fail(F_PROTO, "count not followed by a comma");
	if (n == 0) {
		if (tzo_parsecode(p, code, text) == -1)
			return fail(F_PROTO, "error reply without a code");
		return 0;
	}
	if (n > max)
		return fail(F_PROTO, "%ld addresses, at most %d", n, max);
	for (i = 0; *p != '\0'; i++) {
		if ((comma = strchr(p, ',')) == NULL)
			return fail(F_PROTO, "list does not end with a comma");
		len = (size_t)(comma - p);
		if (i == n)
			return fail(F_PROTO, "more addresses than the count %ld",
			    n);
		if (len == 0 || len > 15)
			return fail(F_PROTO, "address %d is not IPv4", i + 1);
		memcpy(addrs[i], p, len);
		addrs[i][len] = '\0';
		if (addr_class(addrs[i], &fam, canon, sizeof(canon)) == A_BAD ||
		    fam != AF_INET || strcmp(canon, addrs[i]) != 0)
			return fail(F_PROTO, "address %d is not IPv4", i + 1);
		p = comma + 1;
	}
	if (i != n)
		return fail(F_PROTO, "%d addresses, the count says %ld", i, n);
	return i;
}

/* "NN text": only the first two characters decide. */
int
tzo_parsecode(const char *line, int *code, const char **text)
{
	if (!isdigit((unsigned char)line[0]) || !isdigit((unsigned char)line[1]) ||
	    (line[2] != ' ' && line[2] != '\0'))
		return -1;
	*code = (line[0] - '0') * 10 + (line[1] - '0');
	*text = line[2] == ' ' ? line + 3 : line + 2;
	return 0;
}

/* The update server's greeting; copies the address it shows in [ ]. */
int
tzo_greeting(const char *line, char *addr, size_t size)
{
	const char *open, *close;
	char canon[ADDRLEN];
	size_t len;
	int fam;

	if (strstr(line, UPDATEBANNER) == NULL)
		return -1;
	snprintf(addr, size, "-");
	if ((open = strchr(line, '[')) == NULL ||
	    (close = strchr(open, ']')) == NULL)
		return 0;
	len = (size_t)(close - open - 1);
	if (len == 0 || len >= size || len >= ADDRLEN)
		return 0;
	memcpy(addr, open + 1, len);
	addr[len] = '\0';
	if (addr_class(addr, &fam, canon, sizeof(canon)) == A_BAD ||
	    fam != AF_INET)
		snprintf(addr, size, "-");
	return 0;
}

void
tzo_map(int code, const char *text, struct nameresult *res)
{
	char show[120];
	size_t i;

	printable(show, sizeof(show), text, strlen(text));
	snprintf(res->code, sizeof(res->code), "%02d", code);
	res->local = 0;
	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
		if (codes[i].code == code) {
			res->res = codes[i].res;
			res->status = codes[i].status;
			snprintf(res->text, sizeof(res->text), "%s (\"%s\")",
			    codes[i].text, show);
			return;
		}
	res->res = R_FAILED;
	res->status = ST_PROTOCOL;
	snprintf(res->text, sizeof(res->text), "unknown code (\"%s\")", show);
}

static int
global(int code)
{
	size_t i;

	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
		if (codes[i].code == code)
			return codes[i].global;
	return 1;
}

/*
 * Read one line (CRLF or LF, at most TZOLINE bytes with its end) into
 * out, which holds TZOLINE bytes. Control characters are refused.
 */
static int
readline(struct lines *l, char *out, const char *what)
{
	char *nl, show[80];
	size_t len, i;
	ssize_t n;

	while ((nl = memchr(l->buf, '\n', l->len)) == NULL) {
		if (l->len == sizeof(l->buf))
			return fail(F_PROTO, "%s: stage %d: %s longer than %d "
			    "bytes", l->c.peer, l->stage, what, TZOLINE);
		n = conn_read(&l->c, l->buf + l->len, sizeof(l->buf) - l->len);
		if (n < 0)
			return -1;
		if (n == 0 && l->len == 0)
			return fail(F_CONNECT, "%s: stage %d: connection closed "
			    "before the %s", l->c.peer, l->stage, what);
		if (n == 0)
			return fail(F_PROTO, "%s: stage %d: %s not terminated",
			    l->c.peer, l->stage, what);
		l->len += (size_t)n;
	}
	len = (size_t)(nl - l->buf);
	if (len > 0 && l->buf[len - 1] == '\r')
		len--;
	for (i = 0; i < len; i++)
		if ((unsigned char)l->buf[i] < 0x20 || l->buf[i] == 0x7f) {
			printable(show, sizeof(show), l->buf, len);
			return fail(F_PROTO, "%s: stage %d: control character "
			    "in %s: %s", l->c.peer, l->stage, what, show);
		}
	snprintf(out, TZOLINE, "%.*s", (int)len, l->buf);
	l->len -= (size_t)(nl + 1 - l->buf);
	memmove(l->buf, nl + 1, l->len);
	if (l->verbose) {
		printable(show, sizeof(show), out, len);
		logv("< %s", show);
	}
	return 0;
}

static int
sendline(struct lines *l, const struct job *j, int name)
{
	char line[TZOLINE + 2];
	int n, r;

	if (l->verbose && tzo_request(line, sizeof(line), l->stage, j, name,
	    1) != -1)
		logv("> %s", line);
	if ((n = tzo_request(line, sizeof(line), l->stage, j, name, 0)) == -1)
		return -1;
	line[n] = '\r';
	line[n + 1] = '\n';
	r = conn_write(&l->c, line, (size_t)n + 2);
	wipe(line, sizeof(line));
	return r;
}

/* Connect to the first of the addresses that answers. */
static int
connectany(struct lines *l, char (*addrs)[16], int n, const char *port)
{
	int i;

	for (i = 0; i < n; i++) {
		if (net_connect(&l->c, addrs[i], port, AF_INET) == 0) {
			l->len = 0;
			return 0;
		}
		if (lastfail.kind == F_TIMEOUT)
			return -1;
		if (l->verbose)
			logv("%s", lastfail.msg);
	}
	return -1;
}

/*
 * Stages 1 and 2: ask for a list of addresses. Returns how many, 0 when
 * the server answered an error code (in *code, *text), -1 on failure.
 */
static int
lookup(struct lines *l, const struct job *j, char (*addrs)[16], int *code,
    char *text, size_t textlen)
{
	char line[TZOLINE] = "", show[80];
	const char *t = "";
	int n;

	if (readline(l, line, "greeting") == -1)
		return -1;
	if (strcmp(line, l->stage == 1 ? LOOKUPBANNER : SERVERBANNER) != 0) {
		printable(show, sizeof(show), line, strlen(line));
		return fail(F_PROTO, "%s: stage %d: greeting is not \"%s\": %s",
		    l->c.peer, l->stage, l->stage == 1 ? LOOKUPBANNER :
		    SERVERBANNER, show);
	}
	if (sendline(l, j, 0) == -1 || readline(l, line, "reply") == -1)
		return -1;
	if ((n = tzo_parselist(line, addrs, TZOMAXADDRS, code, &t)) == -1) {
		printable(show, sizeof(show), line, strlen(line));
		snprintf(text, textlen, "%s", lastfail.msg);
		return fail(F_PROTO, "%s: stage %d: %s: %s", l->c.peer,
		    l->stage, text, show);
	}
	if (n == 0)
		snprintf(text, textlen, "%s", t);
	return n;
}

/* Stage 3 for one name, on the first update server that answers. */
static int
update(struct lines *l, struct job *j, int name, char (*servers)[16], int n,
    struct nameresult *res)
{
	char line[TZOLINE] = "", show[80], seen[ADDRLEN];
	const char *text;
	int code;

	l->stage = 3;
	if (connectany(l, servers, n, j->updateport) == -1)
		return fail(lastfail.kind, "stage 3: no update server "
		    "answered (%s)", lastfail.msg);
	if (readline(l, line, "greeting") == -1)
		goto bad;
	if (tzo_greeting(line, seen, sizeof(seen)) == -1) {
		printable(show, sizeof(show), line, strlen(line));
		fail(F_PROTO, "%s: stage 3: greeting lacks \"%s\": %s",
		    l->c.peer, UPDATEBANNER, show);
		goto bad;
	}
	if (sendline(l, j, name) == -1 || readline(l, line, "reply") == -1)
		goto bad;
	if (tzo_parsecode(line, &code, &text) == -1) {
		printable(show, sizeof(show), line, strlen(line));
		fail(F_PROTO, "%s: stage 3: reply without a code: %s",
		    l->c.peer, show);
		goto bad;
	}
	conn_close(&l->c);
	tzo_map(code, text, res);
	snprintf(res->addr, sizeof(res->addr), "%s",
	    j->addr4[0] ? j->addr4 : seen);
	return 0;
bad:
	conn_close(&l->c);
	return -1;
}

/*
 * Stages 1 and 2 once, then stage 3 for each name. After a failure that
 * every other name would meet too (a refused key, no server, the
 * deadline), the names not yet sent share it and are not sent.
 */
int
tzo_update(struct job *j, struct nameresult *res)
{
	char clusters[TZOMAXADDRS][16], servers[TZOMAXADDRS][16];
	char text[TZOLINE] = "";
	const char *addr = j->addr4[0] ? j->addr4 : "-";
	int n, i, code = 0;

	memset(&conn, 0, sizeof(conn));
	conn_init(&conn.c);
	conn.verbose = j->verbose;
	conn.stage = 1;
	if (net_connect(&conn.c, j->srv.host, j->srv.port, AF_INET) == -1)
		goto bad;
	n = lookup(&conn, j, clusters, &code, text, sizeof(text));
	conn_close(&conn.c);
	if (n == -1)
		goto bad;
	if (n == 0)
		goto refused;
	conn.stage = 2;
	if (connectany(&conn, clusters, n, j->lookupport) == -1) {
		fail(lastfail.kind, "stage 2: no cluster address answered "
		    "(%s)", lastfail.msg);
		goto bad;
	}
	n = lookup(&conn, j, servers, &code, text, sizeof(text));
	conn_close(&conn.c);
	if (n == -1)
		goto bad;
	if (n == 0)
		goto refused;
	/* stage 3 carries the key */
	if (j->phase != NULL)
		j->phase(1);
	for (i = 0; i < j->nnames; i++) {
		memset(&res[i], 0, sizeof(res[i]));
		if (update(&conn, j, i, servers, n, &res[i]) == -1) {
			results_fail(&res[i], j->nnames - i, addr,
			    net_reached(0));
			return -1;
		}
		if (res[i].res == R_FAILED &&
		    global((int)strtol(res[i].code, NULL, 10))) {
			results_copy(&res[i + 1], j->nnames - i - 1, &res[i]);
			return -1;
		}
	}
	return 0;
refused:
	tzo_map(code, text, &res[0]);
	snprintf(res[0].addr, sizeof(res[0].addr), "%s", addr);
	results_copy(&res[1], j->nnames - 1, &res[0]);
	return -1;
bad:
	conn_close(&conn.c);
	results_fail(res, j->nnames, addr, net_reached(0));
	return -1;
}

static void
updateall(struct job *j, struct nameresult *res)
{
	tzo_update(j, res);
}

static int
check(const struct job *j)
{
	(void)j;
	return 0;
}

/* The key's form and the update lines' length, now that the key is read. */
static int
prepare(struct job *j)
{
	char line[TZOLINE + 2];
	int i;

	if (!tzo_field(j->secret, j->secretlen))
		return fail(F_CONFIG, "the TZO key may not contain a comma, a "
		    "space or a control character");
	for (i = 0; i < j->nnames; i++)
		if (tzo_request(line, sizeof(line), 3, j, i, 0) == -1)
			return fail(F_USAGE, "%s: the update line would be "
			    "longer than %d bytes", j->names[i], TZOLINE);
	wipe(line, sizeof(line));
	warn("tzo: the key crosses the network in clear (TZO has no TLS)");
	return 0;
}

/* Its three stages' ports. */
static int
ports(const struct job *j, const char **out)
{
	out[0] = j->srv.port;
	out[1] = j->lookupport;
	out[2] = j->updateport;
	return 3;
}

/* -n: each stage's request, the key masked. */
static int
dryrun(const struct job *j)
{
	char req[2 * TZOLINE];
	int i;

	printf("# tzo stage 1: cluster lookup %s port %s\n", j->srv.host,
	    j->srv.port);
	tzo_request(req, sizeof(req), 1, j, 0, 1);
	printf("%s\n", req);
	printf("# tzo stage 2: each cluster address, port %s\n",
	    j->lookupport);
	tzo_request(req, sizeof(req), 2, j, 0, 1);
	printf("%s\n", req);
	printf("# tzo stage 3: each update server, port %s\n", j->updateport);
	for (i = 0; i < j->nnames; i++) {
		tzo_request(req, sizeof(req), 3, j, i, 1);
		printf("%s\n", req);
	}
	return 0;
}

/* Its three ports: the cluster lookup host alone. */
static const char *
where(const struct job *j)
{
	return j->srv.host;
}

const struct protocol proto_tzo = {
	.name = "tzo",
	.check = check,
	.prepare = prepare,
	.ports = ports,
	.update = updateall,
	.dryrun = dryrun,
	.where = where,
};
