/* DNS UPDATE (RFC 2136) signed with TSIG (RFC 8945): the key, the message, the reply. */
#include <sys/socket.h>
#include <arpa/inet.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "ddnsup.h"
#include "util.h"
#include "result.h"
#include "net.h"
#include "cert.h"
#include "http.h"
#include "hash.h"
#include "conf.h"
#include "presets.h"
#include "job.h"
#include "proto.h"
#include "dns.h"
#include "tsig.h"
#include "rfc2136.h"

#define KEYFILEMAX	4096

struct zone {
	char name[DNS_NAMEMAX];
	char mname[DNS_NAMEMAX];	/* "" until needed */
};

static unsigned char msg[DNS_MSGMAX + 2];	/* room for TCP's length */
static unsigned char rep[DNS_MSGMAX];
static struct zone zones[MAXNAMES];
static int zoneof[MAXNAMES];

/* One token of a BIND configuration: a word, a quoted string, or { } ; */
static const char *
token(const char **pp, char *out, size_t size)
{
	const char *p = *pp;
	size_t n = 0;

	for (;;) {
		while (isspace((unsigned char)*p))
			p++;
		if (*p == '#' || (p[0] == '/' && p[1] == '/'))
			p += strcspn(p, "\n");
		else if (p[0] == '/' && p[1] == '*') {
			const char *e = strstr(p + 2, "*/");
			if (e == NULL)
				return NULL;
			p = e + 2;
		} else
			break;
	}
	if (*p == '\0')
		return NULL;
	if (*p == '"') {
		for (p++; *p != '"'; p++) {
			if (*p == '\0' || *p == '\n' || n + 1 >= size)
				return NULL;
			out[n++] = *p;
		}
		p++;
	} else if (strchr("{};", *p) != NULL)
		out[n++] = *p++;
	else
		while (*p != '\0' && !isspace((unsigned char)*p) &&
		    strchr("{};\"", *p) == NULL) {
			if (n + 1 >= size)
				return NULL;
			out[n++] = *p++;
		}
	out[n] = '\0';
	*pp = p;
	return out;
}

/*
 * key "name" { algorithm hmac-sha256; secret "base64"; }; as BIND's
 * tsig-keygen writes it: the first key of the text.
 */
int
rfc2136_keyfile(const char *text, char *name, size_t namesize, int *alg,
    char *secret, size_t secretsize)
{
	char t[300], what[32];
	const char *p = text;

	*alg = -1;
	secret[0] = '\0';
	if (token(&p, t, sizeof(t)) == NULL || strcmp(t, "key") != 0 ||
	    token(&p, name, namesize) == NULL || !token(&p, t, sizeof(t)) ||
	    strcmp(t, "{") != 0)
		return -1;
	for (;;) {
		if (token(&p, what, sizeof(what)) == NULL)
			return -1;
		if (strcmp(what, "}") == 0)
			break;
		if (token(&p, t, sizeof(t)) == NULL)
			return -1;
		if (strcmp(what, "algorithm") == 0 && (*alg = tsig_alg(t)) == -1)
			return -1;
		if (strcmp(what, "secret") == 0) {
			if (strlen(t) >= secretsize)
				return -1;
			snprintf(secret, secretsize, "%s", t);
		}
		if (token(&p, t, sizeof(t)) == NULL || strcmp(t, ";") != 0)
			return -1;
	}
	wipe(t, sizeof(t));
	return *alg == -1 || secret[0] == '\0' ? -1 : 0;
}

/* -p's whole file, when its first line begins a key statement. */
static int
readkeyfile(const struct job *j, char *buf, size_t size)
{
	size_t len = 0;
	ssize_t n;
	int fd;

	if (j->secretfrom == NULL || j->secretfrom->opt == NULL ||
	    strcmp(j->secretfrom->v, "-") == 0)
		return fail(F_CONFIG, "a BIND key file must be given as -p file");
	if ((fd = open(j->secretfrom->v, O_RDONLY)) == -1)
		return fail(F_CONFIG, "-p: cannot open the key file:");
	while (len + 1 < size && (n = read(fd, buf + len, size - 1 - len)) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			close(fd);
			return fail(F_CONFIG, "-p: cannot read the key file:");
		}
		len += (size_t)n;
	}
	close(fd);
	buf[len] = '\0';
	return 0;
}

/* -o TTL, else 300 s. */
static long long
ttl(const struct job *j)
{
	return j->ttl >= 0 ? j->ttl : 300;
}

static int
check(const struct job *j)
{
	if (j->addr4[0] == '\0' && j->addr6[0] == '\0' && j->link == NULL &&
	    j->checkurl == NULL)
		return fail(F_USAGE, "-P rfc2136: the address must be known: "
		    "give -a, -i or -w");
	return 0;
}

static int
prepare(struct job *j)
{
	static char text[KEYFILEMAX];
	char name[DNS_NAMEMAX] = "", b64[MAXSECRET];
	int alg = -1, n;
	size_t len;

	len = j->secretlen < sizeof(b64) - 1 ? j->secretlen : sizeof(b64) - 1;
	memcpy(b64, j->secret, len);
	b64[len] = '\0';
	if (strncmp(b64, "key", 3) == 0 && (b64[3] == ' ' || b64[3] == '\t' ||
	    b64[3] == '"')) {
		if (readkeyfile(j, text, sizeof(text)) == -1)
			return -1;
		n = rfc2136_keyfile(text, name, sizeof(name), &alg, b64,
		    sizeof(b64));
		wipe(text, sizeof(text));
		if (n == -1) {
			wipe(b64, sizeof(b64));
			return fail(F_CONFIG, "-p: not a BIND key file (key "
			    "\"name\" { algorithm ...; secret \"...\"; };)");
		}
		if (j->keyname[0] != '\0' && strcasecmp(j->keyname, name) != 0)
			return fail(F_USAGE, "-u %s: the key file's key is %s",
			    j->keyname, name);
		len = strlen(name);
		if (len > 0 && name[len - 1] == '.')
			name[len - 1] = '\0';
		if (!validname(name, 1))
			return fail(F_CONFIG, "-p: the key file's name is not a "
			    "DNS name");
		snprintf(j->keyname, sizeof(j->keyname), "%s", name);
		if (j->tsigalg == -1)
			j->tsigalg = alg;
		else if (j->tsigalg != alg)
			warn("-o TSIGAlgorithm=%s: the key file says %s",
			    tsig_algname(j->tsigalg), tsig_algname(alg));
	}
	if (j->keyname[0] == '\0')
		return fail(F_USAGE, "-P rfc2136: no key name: give -u KEYNAME "
		    "or a BIND key file as -p");
	if (j->tsigalg == -1)
		j->tsigalg = TSIG_SHA256;
	if (j->tsigalg == TSIG_MD5)
		warn("hmac-md5: a broken hash; use hmac-sha256 where the server "
		    "has it");
	n = b64decode(j->tsigkey, sizeof(j->tsigkey), b64);
	wipe(b64, sizeof(b64));
	if (n <= 0 || (size_t)n > TSIG_KEYMAX) {
		wipe(j->tsigkey, sizeof(j->tsigkey));
		return fail(F_CONFIG, "the TSIG secret is not base64 of 1 to %d "
		    "bytes", TSIG_KEYMAX);
	}
	j->tsigkeylen = (size_t)n;
	return 0;
}

/* The server to ask: -s, else the zone's primary; port -s's or 53. */
static const char *
server(const struct job *j, const struct zone *z, const char **port)
{
	*port = j->hasserver ? j->srv.port : "53";
	return j->hasserver ? j->srv.host : z->mname;
}

/*
 * Send m (len bytes, before it msg's two bytes of room) and read the
 * reply to id into rep: UDP when it fits, TCP when not or when the UDP
 * reply is truncated. Returns the reply's length, or -1 with lastfail.
 */
static ssize_t
exchange(const struct job *j, const char *host, const char *port,
    unsigned char *m, size_t len, unsigned id)
{
	struct conn c;
	ssize_t n;
	size_t got, want;

	if (len <= DNS_UDPMAX) {
		if (net_udp(&c, host, port, j->family) == -1)
			return -1;
		if (conn_write(&c, m, len) == -1)
			goto bad;
		do
			if ((n = conn_read(&c, rep, sizeof(rep))) == -1)
				goto bad;
		while (n < 12 || dns_get16(rep, 0) != id || !(rep[2] & 0x80));
		conn_close(&c);
		if (!(rep[2] & 0x02))
			return n;
		if (j->verbose)
			logv("%s: the reply is truncated: again over TCP", c.peer);
	}
	else if (j->verbose)
		logv("%s:%s: %zu bytes: over TCP", host, port, len);
	m[-2] = (unsigned char)(len >> 8);
	m[-1] = (unsigned char)(len & 255);
	if (net_connect(&c, host, port, j->family) == -1)
		return -1;
	if (conn_write(&c, m - 2, len + 2) == -1)
		goto bad;
	for (got = 0, want = 2; got < want; got += (size_t)n) {
		if ((n = conn_read(&c, rep + got, want - got)) == -1)
			goto bad;
		if (n == 0) {
			fail(F_CONNECT, "%s: the server closed the connection",
			    c.peer);
			goto bad;
		}
		if (want == 2 && got + (size_t)n == 2) {
			want = dns_get16(rep, 0);
			got = 0;
			n = 0;
			if (want < 12) {
				fail(F_PROTO, "%s: a reply of %zu bytes", c.peer,
				    want);
				goto bad;
			}
		}
	}
	conn_close(&c);
	if (dns_get16(rep, 0) != id)
		return fail(F_PROTO, "%s: a reply to another query", c.peer);
	return (ssize_t)want;
bad:
	conn_close(&c);
	return -1;
}

static unsigned
newid(void)
{
	unsigned char b[2] = { 0, 0 };

	hash_random(b, 2);
	return (unsigned)b[0] << 8 | b[1];
}

/* The zone name is under, and its primary, with one SOA query. */
static int
soa(const struct job *j, const char *name, struct zone *z)
{
	char ns[ADDRLEN];
	const char *host, *port = "53";
	struct dnshdr h;
	unsigned id = newid();
	ssize_t n;
	int len;

	if (j->hasserver) {
		host = j->srv.host;
		port = j->srv.port;
	} else if (net_nameserver(ns, sizeof(ns)) == -1)
		return -1;
	else
		host = ns;
	if ((len = dns_query(msg + 2, DNS_MSGMAX, id, name, DNS_SOA)) == -1)
		return fail(F_USAGE, "%s: not a DNS name", name);
	msg[4] |= 1;	/* RD: a resolver may recurse for it */
	if ((n = exchange(j, host, port, msg + 2, (size_t)len, id)) == -1)
		return -1;
	if (dns_header(rep, (size_t)n, &h) == -1)
		return fail(F_PROTO, "%s:%s: a malformed SOA reply", host, port);
	if (h.rcode != DNS_NOERROR && h.rcode != DNS_NXDOMAIN)
		return fail(h.rcode == DNS_SERVFAIL ? F_RESOLVETMP : F_RESOLVE,
		    "%s: the SOA query at %s:%s: %s", name, host, port,
		    dns_rcodename(h.rcode));
	if (dns_soa(rep, (size_t)n, &h, z->name, z->mname) == -1 ||
	    !dns_under(name, z->name))
		return fail(F_RESOLVE, "%s: no zone found with an SOA query at "
		    "%s:%s (give -o Zone)", name, host, port);
	if (j->verbose)
		logv("%s: zone %s, primary %s", name, z->name, z->mname);
	return 0;
}

/* The zones of the job's names, each once; -1 with lastfail. */
static int
findzones(const struct job *j, int *nzones)
{
	struct zone z;
	int i, k;

	*nzones = 0;
	if (j->zone[0] != '\0') {
		snprintf(zones[0].name, sizeof(zones[0].name), "%s", j->zone);
		zones[0].mname[0] = '\0';
		if (!j->hasserver && soa(j, j->zone, &zones[0]) == -1)
			return -1;
		for (i = 0; i < j->nnames; i++)
			zoneof[i] = 0;
		*nzones = 1;
		return 0;
	}
	for (i = 0; i < j->nnames; i++) {
		if (soa(j, j->names[i], &z) == -1)
			return -1;
		for (k = 0; k < *nzones; k++)
			if (strcasecmp(zones[k].name, z.name) == 0)
				break;
		if (k == *nzones)
			zones[(*nzones)++] = z;
		zoneof[i] = k;
	}
	return 0;
}

/* The UPDATE for zone k, unsigned, at msg + 2; its length, or -1. */
static int
build(const struct job *j, int k, unsigned id)
{
	unsigned char a[16];
	struct dnsbuf b;
	unsigned up = 0;
	int i;

	dns_init(&b, msg + 2, DNS_MSGMAX);
	dns_u16(&b, id);
	dns_u16(&b, DNS_UPDATE << 11);
	dns_u16(&b, 1);
	dns_u16(&b, 0);
	dns_u16(&b, 0);
	dns_u16(&b, 0);
	dns_name(&b, zones[k].name, 0);
	dns_u16(&b, DNS_SOA);
	dns_u16(&b, DNS_IN);
	for (i = 0; i < j->nnames; i++) {
		if (zoneof[i] != k)
			continue;
		/* delete the name's RRset of the type, add the address */
		if (j->addr4[0] && inet_pton(AF_INET, j->addr4, a) == 1) {
			dns_rrhead(&b, j->names[i], DNS_A, DNS_CLASSANY, 0);
			dns_u16(&b, 0);
			dns_rrhead(&b, j->names[i], DNS_A, DNS_IN,
			    (unsigned long)ttl(j));
			dns_u16(&b, 4);
			dns_bytes(&b, a, 4);
			up += 2;
		}
		if (j->addr6[0] && inet_pton(AF_INET6, j->addr6, a) == 1) {
			dns_rrhead(&b, j->names[i], DNS_AAAA, DNS_CLASSANY, 0);
			dns_u16(&b, 0);
			dns_rrhead(&b, j->names[i], DNS_AAAA, DNS_IN,
			    (unsigned long)ttl(j));
			dns_u16(&b, 16);
			dns_bytes(&b, a, 16);
			up += 2;
		}
	}
	dns_put16(&b, 8, up);
	return b.err || up == 0 ? -1 : (int)b.len;
}

static const struct {
	unsigned rcode;
	enum result res;
	int status;
	const char *text;
} rcodes[] = {
	{ DNS_NOERROR, R_UPDATED, ST_OK, "" },
	{ DNS_FORMERR, R_FAILED, ST_PROTOCOL, "the server could not read the "
	    "update" },
	{ DNS_SERVFAIL, R_FAILED, ST_TEMPFAIL, "the server failed; held off "
	    "for a while" },
	{ DNS_NOTIMP, R_FAILED, ST_PROTOCOL, "the server does not take "
	    "updates" },
	{ DNS_REFUSED, R_FAILED, ST_NOPERM, "the server refuses this update "
	    "(its policy for the key, or no updates at all)" },
	{ DNS_NOTAUTH, R_FAILED, ST_NOPERM, "the server is not authoritative "
	    "for the zone, or refuses the key" },
	{ DNS_NOTZONE, R_FAILED, ST_CONFIG, "a name is not in the zone" },
	{ 16, R_FAILED, ST_NOPERM, "the key's secret or algorithm differs "
	    "from the server's" },
	{ 17, R_FAILED, ST_NOPERM, "the server does not know the key" },
};

/* The job's key as tsig.c takes it; wiped by the caller. */
static void
getkey(const struct job *j, struct tsigkey *k)
{
	snprintf(k->name, sizeof(k->name), "%s", j->keyname);
	k->alg = j->tsigalg;
	memcpy(k->secret, j->tsigkey, j->tsigkeylen);
	k->len = j->tsigkeylen;
}

/*
 * What the reply (n bytes in rep) says, into r: believed only once its
 * TSIG verifies, but for the unsigned BADSIG and BADKEY that RFC 8945
 * 5.3.2 has a server send.
 */
static void
mapreply(const struct job *j, const char *at, ssize_t n,
    const unsigned char *mac, size_t maclen, long long now,
    struct nameresult *r)
{
	static struct tsigkey key;
	struct tsigreply t;
	struct dnshdr h;
	unsigned code;
	size_t i;
	int v;

	r->status = ST_PROTOCOL;
	snprintf(r->code, sizeof(r->code), "protocol");
	if (dns_header(rep, (size_t)n, &h) == -1 || h.opcode != DNS_UPDATE) {
		snprintf(r->text, sizeof(r->text), "%.120s: a malformed reply",
		    at);
		return;
	}
	getkey(j, &key);
	v = tsig_verify(rep, (size_t)n, &h, &key, mac, maclen, &t);
	wipe(&key, sizeof(key));
	if (v == -1) {
		snprintf(r->text, sizeof(r->text), "%.120s: %.150s; its %s is "
		    "not believed", at, lastfail.msg, dns_rcodename(h.rcode));
		return;
	}
	code = t.error != 0 ? t.error : h.rcode;
	if (code == 18) {
		r->status = ST_NOPERM;
		snprintf(r->code, sizeof(r->code), "BADTIME");
		snprintf(r->text, sizeof(r->text), "%.120s: BADTIME: the clocks "
		    "differ by more than %d s: ours says %s", at, TSIG_FUDGE,
		    timestr(now));
		if (t.other >= 0)
			snprintf(r->text + strlen(r->text), sizeof(r->text) -
			    strlen(r->text), ", the server's %s",
			    timestr(t.other));
		return;
	}
	if (v == 0 && (t.time > now + TSIG_FUDGE || t.time < now - TSIG_FUDGE)) {
		snprintf(r->text, sizeof(r->text), "%.120s: the reply was signed "
		    "at %s, ours says %s (more than %d s apart)", at,
		    timestr(t.time), timestr(now), TSIG_FUDGE);
		return;
	}
	snprintf(r->code, sizeof(r->code), "%s", dns_rcodename(code));
	for (i = 0; i < sizeof(rcodes) / sizeof(rcodes[0]); i++)
		if (rcodes[i].rcode == code)
			break;
	if (i == sizeof(rcodes) / sizeof(rcodes[0])) {
		snprintf(r->text, sizeof(r->text), "%.120s: %s: an unexpected "
		    "answer to an update", at, r->code);
		return;
	}
	r->res = rcodes[i].res;
	r->status = rcodes[i].status;
	snprintf(r->text, sizeof(r->text), "%.120s: %s: %s", at, r->code,
	    rcodes[i].text);
}

/* One zone's UPDATE: built, signed, sent; its names' results. */
static void
updatezone(const struct job *j, int k, long long now, struct nameresult *res)
{
	static struct tsigkey key;
	unsigned char mac[TSIG_MACMAX];
	struct nameresult r;
	char at[300];
	const char *host, *port;
	struct dnsbuf b;
	unsigned id = newid();
	int len, maclen, i;
	ssize_t n;

	host = server(j, &zones[k], &port);
	snprintf(at, sizeof(at), strchr(host, ':') ? "[%s]:%s" : "%s:%s",
	    host, port);
	if ((len = build(j, k, id)) == -1) {
		fail(F_USAGE, "zone %s: the update does not fit in a DNS message",
		    zones[k].name);
		goto failed;
	}
	getkey(j, &key);
	dns_init(&b, msg + 2, DNS_MSGMAX);
	b.len = (size_t)len;
	maclen = tsig_sign(&b, &key, now, NULL, 0, mac);
	wipe(&key, sizeof(key));
	if (maclen == -1) {
		fail(F_USAGE, "zone %s: the update does not fit in a DNS message",
		    zones[k].name);
		goto failed;
	}
	if (j->verbose)
		logv("%s: UPDATE of zone %s, %zu bytes", at, zones[k].name,
		    b.len);
	/* the zone is found: the signed UPDATE goes next */
	if (j->phase != NULL)
		j->phase(1);
	if ((n = exchange(j, host, port, msg + 2, b.len, id)) == -1)
		goto failed;
	memset(&r, 0, sizeof(r));
	r.res = R_FAILED;
	r.local = r.reached = 1;
	addrpair(r.addr, sizeof(r.addr), j->addr4, j->addr6);
	mapreply(j, at, n, mac, (size_t)maclen, now, &r);
	for (i = 0; i < j->nnames; i++)
		if (zoneof[i] == k)
			res[i] = r;
	return;
failed:
	for (i = 0; i < j->nnames; i++)
		if (zoneof[i] == k) {
			results_fail(&res[i], 1, "-", net_reached(0));
			addrpair(res[i].addr, sizeof(res[i].addr), j->addr4,
			    j->addr6);
		}
}

static void
update(struct job *j, struct nameresult *res)
{
	long long now;
	int nzones, k;

	if (clock_now(&now) == -1 || findzones(j, &nzones) == -1) {
		results_fail(res, j->nnames, "-", net_reached(0));
		return;
	}
	for (k = 0; k < nzones; k++)
		updatezone(j, k, now, res);
}

static int
dryrun(const struct job *j)
{
	int i, k, f;

	printf("# rfc2136: key %s:%s (the secret is not shown)\n",
	    tsig_algname(j->tsigalg), j->keyname);
	if (j->hasserver)
		printf("server %s %s\n", j->srv.host, j->srv.port);
	else
		printf("# server: the zone's primary (SOA MNAME)\n");
	for (k = 0; k < (j->zone[0] ? 1 : j->nnames); k++) {
		if (j->zone[0])
			printf("zone %s.\n", j->zone);
		else
			printf("# zone: found with an SOA query for %s\n",
			    j->names[k]);
		for (i = 0; i < j->nnames; i++) {
			if (j->zone[0] == '\0' && i != k)
				continue;
			for (f = 0; f < 2; f++) {
				const char *a = f ? j->addr6 : j->addr4;
				const char *t = f ? "AAAA" : "A";
				if (a[0] == '\0')
					continue;
				printf("update delete %s. %s\n", j->names[i], t);
				printf("update add %s. %lld %s %s\n",
				    j->names[i], ttl(j), t, a);
			}
		}
		printf("send\n");
	}
	return 0;
}

/* TCP's port, for a truncated reply or a large update: -s's, or 53. */
static int
ports(const struct job *j, const char **out)
{
	out[0] = j->hasserver ? j->srv.port : "53";
	return 1;
}

static const char *
where(const struct job *j)
{
	return j->hasserver ? j->srv.host : "the zone's primary";
}

const struct protocol proto_rfc2136 = {
	.name = "rfc2136",
	.check = check,
	.prepare = prepare,
	.ports = ports,
	.update = update,
	.dryrun = dryrun,
	.where = where,
};
