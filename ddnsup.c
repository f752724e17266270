/* ddnsup: one dynamic DNS update, single shot. */
#include <sys/stat.h>
#include <sys/socket.h>
#include <sys/utsname.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "ddnsup.h"

static NORETURN void
fatal(int status, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	warn("%s", buf);
	exit(status);
}

static NORETURN void
usage(const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	if (fmt != NULL) {
		va_start(ap, fmt);
		vsnprintf(buf, sizeof(buf), fmt, ap);
		va_end(ap);
		warn("%s", buf);
	}
	fprintf(stderr, "usage: %s [-46FlnqvV] [-f file [-I instance]] "
	    "[-P protocol] [-s server] [-u user]\n"
	    "              [-p secretfile] [-a address | -i interface | -w url] "
	    "[-C cafile]\n"
	    "              [-k pin] [-c statefile] [-T period] [-t seconds] "
	    "[-o key=value] name ...\n", argv0);
	exit(ST_USAGE);
}

/* The secret: the first line of a file ("-": standard input). */
static void
readsecret(struct job *j, const char *path)
{
	char buf[MAXSECRET + 2] = "";
	struct stat sb;
	size_t len = 0;
	ssize_t n;
	int fd;

	if (strcmp(path, "-") == 0)
		fd = STDIN_FILENO;
	else if ((fd = open(path, O_RDONLY)) == -1)
		fatal(ST_CONFIG, "%s:", path);
	if (fd != STDIN_FILENO && fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) &&
	    (sb.st_mode & (S_IRGRP | S_IROTH)))
		warn("%s: secret file is readable by others", path);
	while (len < sizeof(buf) && memchr(buf, '\n', len) == NULL) {
		n = read(fd, buf + len, sizeof(buf) - len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			fatal(ST_CONFIG, "%s:", path);
		if (n == 0)
			break;
		len += (size_t)n;
	}
	if (fd != STDIN_FILENO)
		close(fd);
	if (memchr(buf, '\n', len) != NULL)
		len = (size_t)((char *)memchr(buf, '\n', len) - buf);
	if (len > 0 && buf[len - 1] == '\r')
		len--;
	if (len >= MAXSECRET) {
		wipe(buf, sizeof(buf));
		fatal(ST_CONFIG, "%s: secret longer than %d bytes", path,
		    MAXSECRET - 1);
	}
	memcpy(j->secret, buf, len);
	j->secretlen = len;
	wipe(buf, sizeof(buf));
	if (len == 0)
		fatal(ST_CONFIG, "%s: empty secret", path);
}

static void
ifaddr(struct job *j, const char *ifname, int family)
{
	char *out = family == AF_INET ? j->addr4 : j->addr6;
	int r;

	if ((r = net_ifaddr(ifname, family, out, ADDRLEN)) == -1)
		fatal(ST_CONFIG, "%s", lastfail.msg);
	if (r == 1)
		warn("%s: %s is a private address: the provider will "
		    "publish it", ifname, out);
}

static void
dryrun(const struct job *j)
{
	char req[8192], *p, *nl;
	int i;

	if (j->proto == P_TZO) {
		printf("# tzo stage 1: cluster lookup %s port %s\n", j->srv.host,
		    j->srv.port);
		tzo_request(req, sizeof(req), 1, j, 0, 1);
		printf("%s\n", req);
		printf("# tzo stage 2: each cluster address, port %s\n",
		    j->lookupport);
		tzo_request(req, sizeof(req), 2, j, 0, 1);
		printf("%s\n", req);
		printf("# tzo stage 3: each update server, port %s\n",
		    j->updateport);
		for (i = 0; i < j->nnames; i++) {
			tzo_request(req, sizeof(req), 3, j, i, 1);
			printf("%s\n", req);
		}
		return;
	}
	printf("# %s %s port %s\n", j->srv.tls ? "https" : "http",
	    j->srv.host, j->srv.port);
	if (dyndns_request(req, sizeof(req), j, 1) == -1)
		fatal(ST_USAGE, "%s", lastfail.msg);
	for (p = req; (nl = strstr(p, "\r\n")) != NULL && nl != p; p = nl + 2)
		printf("%.*s\n", (int)(nl - p), p);
}

/*
 * The first failure that needs a person decides; else the first worth
 * retrying; else success.
 */
static int
exitstatus(const struct nameresult *res, int n)
{
	int i, retry = ST_OK;

	for (i = 0; i < n; i++) {
		switch (res[i].status) {
		case ST_OK:
			break;
		case ST_NOHOST:
		case ST_UNAVAILABLE:
		case ST_TEMPFAIL:
			if (retry == ST_OK)
				retry = res[i].status;
			break;
		default:
			return res[i].status;
		}
	}
	return retry;
}

static void
report(const struct job *j, const struct nameresult *res, int quiet)
{
	static const char *const words[] = { "updated", "unchanged", "failed",
	    "held", "skipped" };
	char msg[1024], last[1024] = "";
	int i, same = 1;

	for (i = 0; i < j->nnames; i++)
		if (res[i].res != R_FAILED ||
		    strcmp(res[i].code, res[0].code) != 0 ||
		    strcmp(res[i].text, res[0].text) != 0)
			same = 0;
	for (i = 0; i < j->nnames; i++) {
		if (res[i].res == R_HELD && j->verbose)
			logv("%s", res[i].text);
		if (res[i].res != R_FAILED)
			continue;
		if (res[i].local)
			snprintf(msg, sizeof(msg), "%s", res[i].text);
		else if (same)
			snprintf(msg, sizeof(msg), "%s: %s: %s", j->srv.host,
			    res[i].code, res[i].text);
		else
			snprintf(msg, sizeof(msg), "%s: %s: %s: %s", j->srv.host,
			    j->names[i], res[i].code, res[i].text);
		if (strcmp(msg, last) != 0)
			warn("%s", msg);
		snprintf(last, sizeof(last), "%s", msg);
	}
	for (i = 0; i < j->nnames; i++)
		if (!quiet || res[i].status != ST_OK)
			printf("%s %s %s %s\n", j->names[i], words[res[i].res],
			    res[i].addr, res[i].code);
}

/* What a stop remembers of the configuration: never the secret itself. */
static void
fingerprint(const struct job *j, const struct state *st, int i, char *fp)
{
	char srv[700], name[256], pins[MAXPINS * 32];
	const char *f[6];
	size_t l[6], k;

	snprintf(srv, sizeof(srv), "%s %s %s %s %s %s %s",
	    j->proto == P_TZO ? "tzo" : "dyndns", j->srv.tls ? "https" : "http",
	    j->srv.host, j->srv.port, j->srv.path, j->lookupport, j->updateport);
	for (k = 0; j->names[i][k] != '\0' && k < sizeof(name) - 1; k++)
		name[k] = (char)tolower((unsigned char)j->names[i][k]);
	name[k] = '\0';
	for (k = 0; k < (size_t)j->npins; k++)
		memcpy(pins + 32 * k, j->pins[k].hash, 32);
	f[0] = srv;
	f[1] = j->user;
	f[2] = j->secret;
	f[3] = name;
	f[4] = j->cafile ? j->cafile : "";
	f[5] = pins;
	for (k = 0; k < 5; k++)
		l[k] = strlen(f[k]);
	l[2] = j->secretlen;
	l[5] = (size_t)j->npins * 32;
	tls_fingerprint(fp, st->salt, f, l, 6);
}

static const char *loadedca;
static void anchors(const struct job *);

/* -w: the address the check page sees, reused for a while with -c. */
static int
webcheck(struct job *j, struct state *st, long long now)
{
	struct checkrec *c;
	char *out;
	int k, fam;

	for (k = 0; k < 2; k++) {
		if ((k == 0 && !(j->four || !j->six)) || (k == 1 && !j->six))
			continue;
		fam = k == 0 ? AF_INET : AF_INET6;
		out = k == 0 ? j->addr4 : j->addr6;
		c = st != NULL ? &st->check[k] : NULL;
		if (c != NULL && c->time != 0 && c->time <= now &&
		    now - c->time < CHECKREUSE && strcmp(c->url, j->checkurl) == 0) {
			snprintf(out, ADDRLEN, "%s", c->addr);
			if (j->verbose)
				logv("address check: %s, as found %lld s ago",
				    out, now - c->time);
			continue;
		}
		if (j->wurl.tls)
			anchors(j);
		if (check_fetch(j, &j->wurl, fam, out, ADDRLEN) == -1)
			return fail(F_CHECK, "%s", lastfail.msg);
		if (c != NULL) {
			c->time = now;
			c->family = k == 0 ? '4' : '6';
			snprintf(c->addr, sizeof(c->addr), "%s", out);
			snprintf(c->url, sizeof(c->url), "%s", j->checkurl);
		}
	}
	return 0;
}

/*
 * A bad setting: say where it came from (file:line, or the option) and
 * what is wrong, and exit 64 before anything is sent.
 */
static NORETURN void
bad(const struct setting *s, int key, const char *fmt, ...)
{
	char what[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (s != NULL && s->line > 0) {
		warn("%s:%d: %s: %s", conf_path, s->line, conf_keyname(key),
		    what);
		exit(ST_USAGE);
	}
	if (s != NULL && s->opt != NULL && strcmp(s->opt, "-o") == 0)
		usage("-o %s=%s: %s", conf_keyname(key), s->v, what);
	if (s != NULL && s->opt != NULL)
		usage("%s %s: %s", s->opt, s->v, what);
	usage("%s", what);
}

/* Like strtonum: a decimal number within [min, max], or a bad setting. */
static long
number(const struct setting *s, int key, long min, long max)
{
	char *ep;
	long n;

	errno = 0;
	n = strtol(s->v, &ep, 10);
	if (*s->v < '0' || *s->v > '9' || *ep != '\0' || errno != 0 ||
	    n < min || n > max)
		bad(s, key, "must be a number from %ld to %ld", min, max);
	return n;
}

/* Refresh period: seconds, or a number with s, m, h or d. */
static long long
period(const struct setting *s)
{
	const char *v = s->v;
	char *ep;
	long long n, unit = 1;

	errno = 0;
	n = strtoll(v, &ep, 10);
	if (*ep != '\0' && ep[1] == '\0') {
		switch (*ep) {
		case 's': unit = 1; break;
		case 'm': unit = 60; break;
		case 'h': unit = 3600; break;
		case 'd': unit = 86400; break;
		default: unit = 0;
		}
		ep++;
	}
	if (*v < '0' || *v > '9' || *ep != '\0' || errno != 0 || unit == 0 ||
	    n < 1 || n > 3660LL * 86400 / unit)
		bad(s, K_PERIOD, "a period: seconds, or a number followed by "
		    "s, m, h or d, at most 3660d");
	return n * unit;
}

static void
address(struct job *j, const struct setting *s, const char *a)
{
	char canon[ADDRLEN];
	int fam;

	switch (addr_class(a, &fam, canon, sizeof(canon))) {
	case A_BAD:
		bad(s, K_ADDRESS, "%s: not an IPv4 or IPv6 address", a);
		break;
	case A_REFUSED:
		bad(s, K_ADDRESS, "%s: unspecified, loopback, link-local, "
		    "broadcast or multicast address", a);
		break;
	case A_MAPPED:
		bad(s, K_ADDRESS, "%s: give an IPv4-mapped address as IPv4", a);
		break;
	case A_PRIVATE:
		warn("%s: private address: the provider will publish it", a);
		break;
	case A_OK:
		break;
	}
	if ((fam == AF_INET ? j->addr4 : j->addr6)[0] != '\0')
		bad(s, K_ADDRESS, "only one address of each family");
	snprintf(fam == AF_INET ? j->addr4 : j->addr6, ADDRLEN, "%s", canon);
}

/* What TZO puts between commas may hold no comma, space or control. */
static int
tzofield(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] == ',' || (unsigned char)s[i] <= ' ' || s[i] == 0x7f)
			return 0;
	return len > 0;
}

/* The settings of one run: the file's instance, overridden by the command line. */
struct cli {
	struct instance in;
	char **names;
	int nnames;
	int four, six, force, verbose;
};

static const struct setting *
eff(const struct instance *f, const struct cli *c, int k)
{
	if (c->in.s[k].v != NULL)
		return &c->in.s[k];
	if (f->s[k].v != NULL)
		return &f->s[k];
	return NULL;
}

static const char *
val(const struct instance *f, const struct cli *c, int k, const char *def)
{
	const struct setting *s = eff(f, c, k);

	return s != NULL ? s->v : def;
}

static int
isbool(const struct setting *s, int key)
{
	if (s == NULL)
		return 1;
	if (strcmp(s->v, "1") == 0 || strcasecmp(s->v, "true") == 0)
		return 1;
	if (strcmp(s->v, "0") == 0 || strcasecmp(s->v, "false") == 0)
		return 0;
	bad(s, key, "must be 1, 0, true or false");
	return 0;
}

static void
server(struct job *j, const struct instance *f, const struct cli *c)
{
	const struct setting *s, *sp = eff(f, c, K_PROVIDER), *sf;
	const struct preset *p = NULL;
	const char *scheme, *host;
	char url[600];
	long port = 0;

	if (j->proto == P_TZO) {
		if (sp != NULL)
			bad(sp, K_PROVIDER, "presets are for -P dyndns");
		if ((s = eff(f, c, K_SERVER)) != NULL) {
			if (url_hostport(&j->srv, s->v, "21340") == -1)
				bad(s, K_SERVER, "%s", lastfail.msg);
		} else {
			s = eff(f, c, K_CLUSTER);
			if ((sf = eff(f, c, K_CLUSTERPORT)) != NULL)
				port = number(sf, K_CLUSTERPORT, 1, 65535);
			host = val(f, c, K_CLUSTER, "ClusterLookup1.tzo.com");
			snprintf(url, sizeof(url), strchr(host, ':') ? "[%s]:%ld" :
			    "%s:%ld", host, port ? port : 21340);
			if (url_hostport(&j->srv, url, "21340") == -1)
				bad(s, K_CLUSTER, "%s", lastfail.msg);
		}
		if ((s = eff(f, c, K_LOOKUPPORT)) != NULL)
			snprintf(j->lookupport, sizeof(j->lookupport), "%ld",
			    number(s, K_LOOKUPPORT, 1, 65535));
		if ((s = eff(f, c, K_UPDATEPORT)) != NULL)
			snprintf(j->updateport, sizeof(j->updateport), "%ld",
			    number(s, K_UPDATEPORT, 1, 65535));
		return;
	}
	if ((s = c->in.s[K_LOOKUPPORT].v ? &c->in.s[K_LOOKUPPORT] :
	    c->in.s[K_UPDATEPORT].v ? &c->in.s[K_UPDATEPORT] : NULL) != NULL)
		bad(s, s == &c->in.s[K_LOOKUPPORT] ? K_LOOKUPPORT : K_UPDATEPORT,
		    "ProviderUpdateServerLookupPort and UpdateServerPort go "
		    "with -P tzo");
	if (sp != NULL && (p = dyndns_preset(sp->v)) == NULL)
		bad(sp, K_PROVIDER, "unknown provider (ddnsup -V lists them)");
	if (p != NULL) {
		j->v6 = p->v6;
		if (p->host6 != NULL)
			snprintf(j->host6, sizeof(j->host6), "%s", p->host6);
	}
	if ((s = eff(f, c, K_SERVER)) != NULL) {
		if (url_parse(&j->srv, s->v, "/nic/update") == -1)
			bad(s, K_SERVER, "%s", lastfail.msg);
		snprintf(j->host6, sizeof(j->host6), "%s", j->srv.host);
		return;
	}
	scheme = val(f, c, K_PROTOCOL, "https");
	if (strcasecmp(scheme, "http") != 0 && strcasecmp(scheme, "https") != 0)
		bad(eff(f, c, K_PROTOCOL), K_PROTOCOL, "must be http or https");
	if ((sf = eff(f, c, K_PORT)) != NULL)
		port = number(sf, K_PORT, 1, 65535);
	sf = eff(f, c, K_FQDN);
	host = val(f, c, K_FQDN, p ? p->host : "members.dyndns.org");
	if (sf != NULL)
		snprintf(j->host6, sizeof(j->host6), "%s", host);
	s = eff(f, c, K_SCRIPT);
	if (s != NULL && s->v[0] != '/')
		bad(s, K_SCRIPT, "must start with /");
	snprintf(url, sizeof(url), "%s://%s%s%s", scheme,
	    strchr(host, ':') ? "[" : "", host, strchr(host, ':') ? "]" : "");
	if (port)
		snprintf(url + strlen(url), sizeof(url) - strlen(url), ":%ld",
		    port);
	snprintf(url + strlen(url), sizeof(url) - strlen(url), "%s",
	    val(f, c, K_SCRIPT, p ? p->path : "/nic/update"));
	if (url_parse(&j->srv, url, "/nic/update") == -1)
		bad(sf ? sf : s, sf ? K_FQDN : K_SCRIPT, "%s", lastfail.msg);
}

static void
checktzo(struct job *j, const struct setting *user, const struct setting *pin)
{
	char line[TZOLINE + 2];
	const char *at;
	int i;

	if (pin != NULL)
		bad(pin, K_PIN, "tzo has no TLS, so nothing to pin");
	if ((at = strchr(j->user, '@')) == NULL || at == j->user ||
	    at[1] == '\0' || strchr(at + 1, '@') != NULL ||
	    !tzofield(j->user, strlen(j->user)))
		bad(user, K_EMAIL, "not an e-mail address (one @, no comma, "
		    "space or control character)");
	if (!tzofield(j->secret, j->secretlen))
		fatal(ST_CONFIG, "the TZO key may not contain a comma, a space "
		    "or a control character");
	for (i = 0; i < j->nnames; i++)
		if (tzo_request(line, sizeof(line), 3, j, i, 0) == -1)
			bad(NULL, 0, "%s: the update line would be longer than "
			    "%d bytes", j->names[i], TZOLINE);
	wipe(line, sizeof(line));
	warn("tzo: the key crosses the network in clear (TZO has no TLS)");
}

/* Check every setting of one instance and fill in its job. */
static void
build(struct job *j, int slot, const struct instance *f, const struct cli *c,
    const char *conf)
{
	static char statepath[MAXINST][512];
	const struct setting *s, *su, *link, *wurl, *addrs;
	const struct setting *pins;
	struct setting here;
	struct utsname un;
	const char *env, *p;
	char one[ADDRLEN + 1];
	int i, k, naddrs, npins, fromcli;
	size_t len;

	/* where an instance of the file begins, for what it lacks */
	here.v = "";
	here.line = f->line;
	here.opt = NULL;
	memset(j, 0, sizeof(*j));
	j->family = AF_UNSPEC;
	j->verbose = c->verbose;
	j->force = c->force;
	j->four = c->four;
	j->six = c->six;
	snprintf(j->lookupport, sizeof(j->lookupport), "21344");
	snprintf(j->updateport, sizeof(j->updateport), "21347");
	if ((s = eff(f, c, K_PROTO)) != NULL) {
		if (strcasecmp(s->v, "dyndns") == 0)
			j->proto = P_DYNDNS;
		else if (strcasecmp(s->v, "tzo") == 0)
			j->proto = P_TZO;
		else
			bad(s, K_PROTO, "protocol must be dyndns or tzo");
	}

	/* names: the command line's, else DomainName1 to 4 */
	if (c->nnames > MAXNAMES)
		bad(NULL, 0, "%d host names: at most %d per run", c->nnames,
		    MAXNAMES);
	for (i = 0; i < c->nnames; i++)
		j->names[j->nnames++] = c->names[i];
	for (k = K_DOMAIN1; c->nnames == 0 && k <= K_DOMAIN4; k++)
		if ((s = eff(f, c, k)) != NULL && s->v[0] != '\0') {
			if (!validname(s->v, 0))
				bad(s, k, "%s: not a valid fully qualified host "
				    "name", s->v);
			j->names[j->nnames++] = s->v;
		}
	if (j->nnames == 0)
		bad(f->line ? &here : NULL, K_DOMAIN1, "no host name given");
	for (i = 0; i < j->nnames; i++) {
		if (!validname(j->names[i], 0))
			bad(NULL, 0, "%s: not a valid fully qualified host name",
			    j->names[i]);
		for (k = 0; k < i; k++)
			if (strcasecmp(j->names[k], j->names[i]) == 0)
				bad(NULL, 0, "%s: host name given twice",
				    j->names[i]);
	}

	server(j, f, c);
	su = eff(f, c, j->proto == P_TZO ? K_EMAIL : K_USER);
	if (su == NULL)
		bad(f->line ? &here : NULL, j->proto == P_TZO ? K_EMAIL : K_USER,
		    "no user name: -u user is required");
	j->user = su->v;
	if (*j->user == '\0' || strlen(j->user) >= MAXUSER ||
	    strchr(j->user, ':') != NULL)
		bad(su, K_USER, "1 to %d characters, no ':'", MAXUSER - 1);

	/* the address: from the command line if it names one, else the file */
	fromcli = c->in.naddrs > 0 || c->in.s[K_LINK].v || c->in.s[K_ADDRESSURL].v;
	addrs = fromcli ? c->in.addrs : f->s[K_ADDRESS].v ? &f->s[K_ADDRESS] :
	    NULL;
	naddrs = fromcli ? c->in.naddrs : f->s[K_ADDRESS].v != NULL;
	link = fromcli ? (c->in.s[K_LINK].v ? &c->in.s[K_LINK] : NULL) :
	    (f->s[K_LINK].v && f->s[K_LINK].v[0] ? &f->s[K_LINK] : NULL);
	wurl = fromcli ? (c->in.s[K_ADDRESSURL].v ? &c->in.s[K_ADDRESSURL] :
	    NULL) : (f->s[K_ADDRESSURL].v ? &f->s[K_ADDRESSURL] : NULL);
	for (i = 0; i < naddrs; i++)
		for (p = addrs[i].v; *p != '\0'; p += len + (p[len] == ',')) {
			len = strcspn(p, ",");
			snprintf(one, sizeof(one), "%.*s", (int)len, p);
			if (len == 0 || len > ADDRLEN)
				bad(&addrs[i], K_ADDRESS, "not an address list");
			address(j, &addrs[i], one);
		}
	if ((naddrs > 0) + (link != NULL) + (wurl != NULL) > 1)
		bad(wurl ? wurl : link, wurl ? K_ADDRESSURL : K_LINK,
		    "-a, -i and -w (Address, LinkReference and AddressURL) "
		    "exclude each other");
	if (naddrs > 0 && (c->four || c->six))
		bad(&addrs[0], K_ADDRESS, "-4 and -6 choose the family for -i, "
		    "-w or the connection; with -a the address says it");
	if (j->proto == P_TZO && (c->six || j->addr6[0] != '\0'))
		bad(naddrs ? &addrs[0] : NULL, K_ADDRESS, "-P tzo: IPv4 only");
	if (j->v6 == V6_NONE && (c->six || j->addr6[0] != '\0'))
		bad(eff(f, c, K_PROVIDER), K_PROVIDER, "this provider takes "
		    "IPv4 only");
	if (wurl != NULL) {
		j->checkurl = wurl->v;
		if (url_parse(&j->wurl, wurl->v, "/") == -1)
			bad(wurl, K_ADDRESSURL, "%s", lastfail.msg);
		if (strlen(wurl->v) >= sizeof(((struct checkrec *)0)->url))
			bad(wurl, K_ADDRESSURL, "URL too long");
		if (j->wurl.tls && j->wurl.literal)
			bad(wurl, K_ADDRESSURL, "an IP address cannot be checked "
			    "against the certificate");
	}
	if (link != NULL) {
		if (c->six)
			ifaddr(j, link->v, AF_INET6);
		if (c->four || !c->six)
			ifaddr(j, link->v, AF_INET);
	} else if (wurl == NULL && c->four != c->six) {
		j->family = c->four ? AF_INET : AF_INET6;
		if (j->srv.literal && (strchr(j->srv.host, ':') != NULL) ==
		    c->four)
			bad(NULL, 0, "-%c: the server %s is an IPv%c address",
			    c->four ? '4' : '6', j->srv.host, c->four ? '6' : '4');
	}

	pins = c->in.npins ? c->in.pins : f->pins;
	npins = c->in.npins ? c->in.npins : f->npins;
	for (i = 0; i < npins; i++)
		if (cert_parsepin(pins[i].v, &j->pins[j->npins++]) == -1)
			bad(&pins[i], K_PIN, "not sha256//BASE64 of a SHA-256 "
			    "hash");
	if (j->npins > 0 && !j->srv.tls && j->proto == P_DYNDNS)
		bad(&pins[0], K_PIN, "pins need an https server");
	if (j->srv.tls && j->srv.literal && j->npins == 0)
		bad(NULL, 0, "-s %s: an IP address cannot be checked against "
		    "the certificate: give -k pin", j->srv.host);
	j->cafile = val(f, c, K_CACERT, NULL);
	j->timeout = (s = eff(f, c, K_TIMEOUT)) ? (int)number(s, K_TIMEOUT, 1,
	    3600) : 30;
	j->refresh = (s = eff(f, c, K_PERIOD)) ? period(s) : 25LL * 86400;
	if ((s = eff(f, c, K_AGENT)) != NULL) {
		if (*s->v == '\0' || strlen(s->v) >= sizeof(j->agent))
			bad(s, K_AGENT, "1 to %zu characters",
			    sizeof(j->agent) - 1);
		for (p = s->v; *p != '\0'; p++)
			if (*p < 0x20 || *p > 0x7e)
				bad(s, K_AGENT, "printable ASCII only");
		snprintf(j->agent, sizeof(j->agent), "%s", s->v);
	} else {
		if (uname(&un) == -1) {
			snprintf(un.sysname, sizeof(un.sysname), "POSIX");
			snprintf(un.machine, sizeof(un.machine), "unknown");
		}
		snprintf(j->agent, sizeof(j->agent), "ddnsup - %s %s - %s",
		    un.sysname, un.machine, VERSION);
	}

	/*
	 * The state file: the instance's own StateFile, else -c (with -f:
	 * -c plus the instance's Name, or its number).
	 */
	if (f->s[K_STATE].v != NULL)
		j->statefile = f->s[K_STATE].v;
	else if ((s = c->in.s[K_STATE].v ? &c->in.s[K_STATE] : NULL) != NULL) {
		j->statefile = s->v;
		if (conf != NULL) {
			if (f->s[K_NAME].v != NULL)
				snprintf(statepath[slot], sizeof(statepath[0]),
				    "%s.%s", s->v, f->s[K_NAME].v);
			else
				snprintf(statepath[slot], sizeof(statepath[0]),
				    "%s.%d", s->v, f->index);
			j->statefile = statepath[slot];
		}
	}

	/* the secret: -p, else the file's Password or KeyProvided, else $DDNSUP_PASSWORD */
	k = j->proto == P_TZO ? K_KEY : K_PASSWORD;
	if ((s = eff(f, c, K_SECRETFILE)) != NULL)
		readsecret(j, s->v);
	else if (f->s[k].v != NULL) {
		if (f->s[k].v[0] == '\0' || strlen(f->s[k].v) >= MAXSECRET)
			bad(&f->s[k], k, "1 to %d bytes", MAXSECRET - 1);
		j->secretlen = strlen(f->s[k].v);
		memcpy(j->secret, f->s[k].v, j->secretlen);
		/* the file's copy is not needed again */
		wipe((char *)f->s[k].v, j->secretlen);
	} else if ((env = getenv("DDNSUP_PASSWORD")) != NULL && *env != '\0') {
		if (strlen(env) >= MAXSECRET)
			fatal(ST_CONFIG, "DDNSUP_PASSWORD: longer than %d bytes",
			    MAXSECRET - 1);
		j->secretlen = strlen(env);
		memcpy(j->secret, env, j->secretlen);
	} else
		bad(NULL, 0, "no password: give -p file or set DDNSUP_PASSWORD");
	if (j->proto == P_TZO)
		checktzo(j, su, npins ? &pins[0] : NULL);
	else if (!j->srv.tls)
		warn("%s: plain http: the password crosses the network in "
		    "clear", j->srv.host);
	/* the anchors are decoded only when a handshake needs them */
	if ((j->proto == P_DYNDNS && j->srv.tls) || (j->checkurl &&
	    j->wurl.tls)) {
		if (j->cafile == NULL && (j->cafile = cert_cafile()) == NULL)
			fatal(ST_CONFIG, "no CA bundle found: give -C file");
		if (access(j->cafile, R_OK) == -1)
			fatal(ST_CONFIG, "%s: %s", j->cafile, strerror(errno));
	} else
		j->cafile = NULL;
}

/* Decode the job's trust anchors unless they are the ones loaded. */
static void
anchors(const struct job *j)
{
	if (j->cafile == NULL || (loadedca != NULL &&
	    strcmp(loadedca, j->cafile) == 0))
		return;
	if (cert_anchors(j->cafile) == -1)
		fatal(ST_CONFIG, "%s", lastfail.msg);
	loadedca = j->cafile;
}

/* One instance's update: state, address check, request, record, report. */
static int
runjob(struct job *j, int dry, int quiet)
{
	static struct job sub;
	static struct nameresult res[MAXNAMES], subres[MAXNAMES];
	static struct state st;
	static char fp[MAXNAMES][33];
	int i, k, need[MAXNAMES], status = -1;
	long long now;

	/* from here on, everything counts against the one deadline */
	net_deadline(j->timeout);
	now = (long long)time(NULL);
	memset(&st, 0, sizeof(st));
	st.lockfd = st.tmpfd = -1;
	if (j->statefile != NULL && state_open(&st, j->statefile) == -1) {
		if (lastfail.kind != F_TIMEOUT)
			fatal(ST_CONFIG, "%s", lastfail.msg);
		failall(res, j->nnames, "-");
		goto done;
	}
	if (j->checkurl != NULL && webcheck(j, j->statefile ? &st : NULL,
	    now) == -1) {
		failall(res, j->nnames, "-");
		state_close(&st);
		goto done;
	}
	sub = *j;
	sub.nnames = 0;
	for (i = 0; i < j->nnames; i++) {
		need[i] = 1;
		if (j->statefile != NULL) {
			fingerprint(j, &st, i, fp[i]);
			if (!j->force)
				need[i] = state_decide(&st, j, i, fp[i],
				    j->refresh, now, &res[i]);
		}
		if (need[i])
			sub.names[sub.nnames++] = j->names[i];
	}
	if (dry) {
		anchors(j);
		for (i = 0; i < j->nnames; i++)
			if (!need[i])
				printf("# %s: %s\n", j->names[i],
				    res[i].res == R_SKIPPED ? "skipped" :
				    res[i].res == R_HELD ? "held" : "stopped");
		if (sub.nnames > 0)
			dryrun(&sub);
		wipe(sub.secret, sizeof(sub.secret));
		state_close(&st);
		return ST_OK;
	}
	if (sub.nnames > 0) {
		anchors(j);
		if (j->proto == P_TZO)
			tzo_update(&sub, subres);
		else
			dyndns_update(&sub, subres);
	}
	wipe(sub.secret, sizeof(sub.secret));
	for (i = 0, k = 0; i < j->nnames; i++) {
		if (!need[i])
			continue;
		res[i] = subres[k++];
		if (j->statefile != NULL)
			state_record(&st, j, i, fp[i], &res[i], now);
	}
	if (j->statefile != NULL && (sub.nnames > 0 || j->checkurl != NULL) &&
	    state_save(&st) == -1)
		status = ST_CONFIG;
	state_close(&st);
done:
	report(j, res, quiet);
	if (status == ST_CONFIG) {
		warn("%s", lastfail.msg);
		return ST_CONFIG;
	}
	return exitstatus(res, j->nnames);
}

/* An option that sets a parameter; -o sets any but the secrets. */
static void
set(struct cli *c, int key, const char *v, const char *opt)
{
	struct setting *s;

	if (key == K_PIN) {
		if (c->in.npins == MAXPINS)
			usage("-k: at most %d pins", MAXPINS);
		s = &c->in.pins[c->in.npins++];
	} else if (key == K_ADDRESS) {
		if (c->in.naddrs == 2)
			usage("%s %s: at most two addresses, one of each family",
			    opt, v);
		s = &c->in.addrs[c->in.naddrs++];
	} else
		s = &c->in.s[key];
	s->v = v;
	s->opt = opt;
}

static void
option(struct cli *c, const char *kv)
{
	const char *eq = strchr(kv, '=');
	int key;

	if (eq == NULL || eq == kv)
		usage("-o %s: expected key=value", kv);
	if ((key = conf_key(kv, (size_t)(eq - kv))) == -1)
		usage("-o %.*s: unknown key", (int)(eq - kv), kv);
	if (key == K_PASSWORD || key == K_KEY)
		usage("-o %.*s: secrets are not accepted on the command line; "
		    "use -p file or DDNSUP_PASSWORD", (int)(eq - kv), kv);
	set(c, key, eq + 1, "-o");
}

/* -I: an instance's index, Name or LinkReference */
static int
selected(const struct instance *in, const char *sel)
{
	char idx[16];

	snprintf(idx, sizeof(idx), "%d", in->index);
	return sel == NULL || strcmp(sel, idx) == 0 ||
	    (in->s[K_NAME].v && strcmp(sel, in->s[K_NAME].v) == 0) ||
	    (in->s[K_LINK].v && strcmp(sel, in->s[K_LINK].v) == 0);
}

static int
validinstname(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		if (!isalnum((unsigned char)s[i]) && strchr("._-", s[i]) == NULL)
			return 0;
	return i > 0 && i <= 64 && s[0] != '.';
}

int
main(int argc, char *argv[])
{
	static struct instance inst[MAXINST];
	static struct job jobs[MAXINST];
	static struct cli c;
	const struct preset *p;
	const char *conffile = NULL, *sel = NULL;
	char *env;
	int ch, dry = 0, quiet = 0, n = 1, njobs = 0, i, st, status;
	int retry = ST_OK, person = ST_OK;

	argv0 = "ddnsup";
	while ((ch = getopt(argc, argv,
	    "46a:C:c:Ff:I:i:k:lno:P:p:qs:T:t:u:vVw:")) != -1) {
		switch (ch) {
		case '4': c.four = 1; break;
		case '6': c.six = 1; break;
		case 'a': set(&c, K_ADDRESS, optarg, "-a"); break;
		case 'C': set(&c, K_CACERT, optarg, "-C"); break;
		case 'c': set(&c, K_STATE, optarg, "-c"); break;
		case 'F': c.force = 1; break;
		case 'f': conffile = optarg; break;
		case 'I': sel = optarg; break;
		case 'i': set(&c, K_LINK, optarg, "-i"); break;
		case 'k': set(&c, K_PIN, optarg, "-k"); break;
		case 'l':
			uselog = 1;
			openlog("ddnsup", LOG_PID, LOG_DAEMON);
			break;
		case 'n': dry = 1; break;
		case 'o': option(&c, optarg); break;
		case 'P': set(&c, K_PROTO, optarg, "-P"); break;
		case 'p': set(&c, K_SECRETFILE, optarg, "-p"); break;
		case 'q': quiet = 1; break;
		case 's': set(&c, K_SERVER, optarg, "-s"); break;
		case 'T': set(&c, K_PERIOD, optarg, "-T"); break;
		case 't': set(&c, K_TIMEOUT, optarg, "-t"); break;
		case 'u':
			set(&c, K_USER, optarg, "-u");
			set(&c, K_EMAIL, optarg, "-u");
			break;
		case 'v': c.verbose = 1; break;
		case 'V':
			printf("ddnsup %s\nprotocols: dyndns,tzo\nschemes: "
			    "http,https\npresets:", VERSION);
			for (p = dyndns_presets(); p->name != NULL; p++)
				printf("%s%s", p == dyndns_presets() ? " " : ",",
				    p->name);
			printf("\n");
			return ST_OK;
		case 'w': set(&c, K_ADDRESSURL, optarg, "-w"); break;
		default:
			usage(NULL);
		}
	}
	c.names = argv + optind;
	c.nnames = argc - optind;

	if (conffile != NULL) {
		if ((n = conf_load(conffile, inst, MAXINST)) < 0)
			fatal(n == -1 ? ST_CONFIG : ST_USAGE, "%s",
			    lastfail.msg);
		if (n == 0)
			fatal(ST_USAGE, "%s: no instance", conffile);
	} else if (sel != NULL)
		usage("-I selects an instance of -f file");
	/* every instance is checked before anything is sent */
	for (i = 0; i < n; i++) {
		if (conffile != NULL && !selected(&inst[i], sel))
			continue;
		if (conffile != NULL && !isbool(eff(&inst[i], &c, K_ENABLE),
		    K_ENABLE) && sel == NULL)
			continue;
		if (conffile != NULL && !isbool(eff(&inst[i], &c, K_ENABLE),
		    K_ENABLE))
			fatal(ST_USAGE, "%s: instance %s is disabled (Enable = "
			    "0)", conffile, sel);
		if (inst[i].s[K_NAME].v != NULL &&
		    !validinstname(inst[i].s[K_NAME].v))
			bad(&inst[i].s[K_NAME], K_NAME, "letters, digits, '.', "
			    "'_' and '-', at most 64");
		build(&jobs[njobs], njobs, &inst[i], &c, conffile);
		njobs++;
	}
	/* /proc/PID/environ shows the process's own copy: blank it */
	if ((env = getenv("DDNSUP_PASSWORD")) != NULL)
		wipe(env, strlen(env));
	if (njobs == 0)
		fatal(ST_USAGE, "%s: no enabled instance%s%s", conffile,
		    sel ? " matches " : "", sel ? sel : "");
	if (njobs > 1 && c.nnames > 0)
		usage("host names on the command line need -f with one "
		    "instance (see -I)");
	for (i = 0; i < njobs; i++) {
		st = runjob(&jobs[i], dry, quiet);
		wipe(jobs[i].secret, sizeof(jobs[i].secret));
		if (st == ST_NOHOST || st == ST_UNAVAILABLE || st == ST_TEMPFAIL) {
			if (retry == ST_OK)
				retry = st;
		} else if (st != ST_OK && person == ST_OK)
			person = st;
	}
	status = person != ST_OK ? person : retry;
	if (fflush(stdout) == EOF)
		warn("standard output:");
	return status;
}
