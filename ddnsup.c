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

static void
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

static void
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
	fprintf(stderr, "usage: %s [-46FlnqvV] [-P protocol] [-s server] "
	    "[-u user] [-p secretfile]\n"
	    "              [-a address | -i interface | -w url] [-C cafile] "
	    "[-k pin]\n"
	    "              [-c statefile] [-T period] [-t seconds] "
	    "[-o key=value] name ...\n", argv0);
	exit(ST_USAGE);
}

/* Like strtonum: a decimal number within [min, max], or usage error. */
static long
number(const char *s, long min, long max, const char *what)
{
	char *ep;
	long n;

	errno = 0;
	n = strtol(s, &ep, 10);
	if (*s < '0' || *s > '9' || *ep != '\0' || errno != 0 || n < min ||
	    n > max)
		usage("%s: %s must be a number from %ld to %ld", s, what, min,
		    max);
	return n;
}

/* The secret: the first line of a file ("-": standard input). */
static void
readsecret(struct job *j, const char *path)
{
	char buf[MAXSECRET + 2];
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

static int tzoports;

static void
option(struct job *j, const char *kv)
{
	const char *eq = strchr(kv, '='), *v;
	size_t klen;

	if (eq == NULL || eq == kv)
		usage("-o %s: expected key=value", kv);
	klen = (size_t)(eq - kv);
	v = eq + 1;
	if ((klen == 8 && strncasecmp(kv, "Password", 8) == 0) ||
	    (klen == 11 && strncasecmp(kv, "KeyProvided", 11) == 0))
		usage("-o %.*s: secrets are not accepted on the command line; "
		    "use -p file or DDNSUP_PASSWORD", (int)klen, kv);
	if ((klen == 30 &&
	    strncasecmp(kv, "ProviderUpdateServerLookupPort", 30) == 0) ||
	    (klen == 16 && strncasecmp(kv, "UpdateServerPort", 16) == 0)) {
		snprintf(klen == 30 ? j->lookupport : j->updateport, 6, "%ld",
		    number(v, 1, 65535, klen == 30 ?
		    "ProviderUpdateServerLookupPort" : "UpdateServerPort"));
		tzoports = 1;
		return;
	}
	if (klen == 9 && strncasecmp(kv, "UserAgent", 9) == 0) {
		const char *p;
		if (*v == '\0' || strlen(v) >= sizeof(j->agent))
			usage("-o UserAgent: 1 to %zu characters",
			    sizeof(j->agent) - 1);
		for (p = v; *p != '\0'; p++)
			if (*p < 0x20 || *p > 0x7e)
				usage("-o UserAgent: printable ASCII only");
		snprintf(j->agent, sizeof(j->agent), "%s", v);
		return;
	}
	usage("-o %.*s: unknown key", (int)klen, kv);
}

static void
address(struct job *j, const char *s)
{
	char canon[ADDRLEN];
	int fam;

	switch (addr_class(s, &fam, canon, sizeof(canon))) {
	case A_BAD:
		usage("-a %s: not an IPv4 or IPv6 address", s);
		break;
	case A_REFUSED:
		usage("-a %s: unspecified, loopback, link-local, broadcast or "
		    "multicast address", s);
		break;
	case A_MAPPED:
		usage("-a %s: give an IPv4-mapped address as IPv4", s);
		break;
	case A_PRIVATE:
		warn("%s: private address: the provider will publish it", s);
		break;
	case A_OK:
		break;
	}
	if ((fam == AF_INET ? j->addr4 : j->addr6)[0] != '\0')
		usage("-a %s: only one address of each family", s);
	snprintf(fam == AF_INET ? j->addr4 : j->addr6, ADDRLEN, "%s", canon);
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

static void
checktzo(struct job *j, int pins)
{
	char line[TZOLINE + 2];
	const char *at;
	int i;

	if (pins)
		usage("-k: tzo has no TLS, so nothing to pin");
	if (strchr(j->srv.host, ':') != NULL)
		usage("-s %s: tzo cluster lookup is over IPv4", j->srv.host);
	if ((at = strchr(j->user, '@')) == NULL || at == j->user ||
	    at[1] == '\0' || strchr(at + 1, '@') != NULL ||
	    !tzofield(j->user, strlen(j->user)))
		usage("-u %s: not an e-mail address (one @, no comma, space or "
		    "control character)", j->user);
	if (!tzofield(j->secret, j->secretlen))
		fatal(ST_CONFIG, "the TZO key may not contain a comma, a space "
		    "or a control character");
	for (i = 0; i < j->nnames; i++)
		if (tzo_request(line, sizeof(line), 3, j, i, 0) == -1)
			usage("%s: the update line would be longer than %d "
			    "bytes", j->names[i], TZOLINE);
	wipe(line, sizeof(line));
	warn("tzo: the key crosses the network in clear (TZO has no TLS)");
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

/* Refresh period: seconds, or a number with s, m, h or d. */
static long long
period(const char *s)
{
	char *ep;
	long long n, unit = 1;

	errno = 0;
	n = strtoll(s, &ep, 10);
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
	if (*s < '0' || *s > '9' || *ep != '\0' || errno != 0 || unit == 0 ||
	    n < 1 || n > 3660LL * 86400 / unit)
		usage("-T %s: a period: seconds, or a number followed by s, m, "
		    "h or d, at most 3660d", s);
	return n * unit;
}

/* What a stop remembers of the configuration: never the secret itself. */
static void
fingerprint(const struct job *j, const struct state *st, int i, char *fp)
{
	char server[700], name[256], pins[MAXPINS * 32];
	const char *f[6];
	size_t l[6], k;

	snprintf(server, sizeof(server), "%s %s %s %s %s %s %s",
	    j->proto == P_TZO ? "tzo" : "dyndns", j->srv.tls ? "https" : "http",
	    j->srv.host, j->srv.port, j->srv.path, j->lookupport, j->updateport);
	for (k = 0; j->names[i][k] != '\0' && k < sizeof(name) - 1; k++)
		name[k] = (char)tolower((unsigned char)j->names[i][k]);
	name[k] = '\0';
	for (k = 0; k < (size_t)j->npins; k++)
		memcpy(pins + 32 * k, j->pins[k].hash, 32);
	f[0] = server;
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

/* -w: the address the check page sees, reused for a while with -c. */
static int
webcheck(struct job *j, const struct url *u, const char *url, int six,
    int four, struct state *st, long long now)
{
	struct checkrec *c;
	char *out;
	int k, fam;

	for (k = 0; k < 2; k++) {
		if ((k == 0 && !(four || !six)) || (k == 1 && !six))
			continue;
		fam = k == 0 ? AF_INET : AF_INET6;
		out = k == 0 ? j->addr4 : j->addr6;
		c = st != NULL ? &st->check[k] : NULL;
		if (c != NULL && c->time != 0 && c->time <= now &&
		    now - c->time < CHECKREUSE && strcmp(c->url, url) == 0) {
			snprintf(out, ADDRLEN, "%s", c->addr);
			if (j->verbose)
				logv("address check: %s, as found %lld s ago",
				    out, now - c->time);
			continue;
		}
		if (check_fetch(j, u, fam, out, ADDRLEN) == -1)
			return fail(F_CHECK, "%s", lastfail.msg);
		if (c != NULL) {
			c->time = now;
			c->family = k == 0 ? '4' : '6';
			snprintf(c->addr, sizeof(c->addr), "%s", out);
			snprintf(c->url, sizeof(c->url), "%s", url);
		}
	}
	return 0;
}

int
main(int argc, char *argv[])
{
	static struct job j, sub;
	static struct nameresult res[MAXNAMES], subres[MAXNAMES];
	static struct state st;
	static char fp[MAXNAMES][33];
	struct utsname un;
	struct url wurl;
	const char *server = NULL, *statefile = NULL, *checkurl = NULL;
	const char *secretfile = NULL, *ifname = NULL, *env;
	int ch, four = 0, six = 0, dry = 0, quiet = 0, force = 0, timeout = 30;
	int i, k, need[MAXNAMES], status = -1;
	long long refresh = 25 * 86400, now;

	argv0 = "ddnsup";
	j.family = AF_UNSPEC;
	snprintf(j.lookupport, sizeof(j.lookupport), "21344");
	snprintf(j.updateport, sizeof(j.updateport), "21347");
	while ((ch = getopt(argc, argv,
	    "46a:C:c:Fi:k:lno:P:p:qs:T:t:u:vVw:")) != -1) {
		switch (ch) {
		case '4':
			four = 1;
			break;
		case '6':
			six = 1;
			break;
		case 'a':
			address(&j, optarg);
			break;
		case 'C':
			j.cafile = optarg;
			break;
		case 'c':
			statefile = optarg;
			break;
		case 'F':
			force = 1;
			break;
		case 'i':
			ifname = optarg;
			break;
		case 'k':
			if (j.npins == MAXPINS)
				usage("-k: at most %d pins", MAXPINS);
			if (tls_parsepin(optarg, &j.pins[j.npins++]) == -1)
				usage("-k %s: not sha256//BASE64 of a SHA-256 "
				    "hash", optarg);
			break;
		case 'l':
			uselog = 1;
			openlog("ddnsup", LOG_PID, LOG_DAEMON);
			break;
		case 'n':
			dry = 1;
			break;
		case 'o':
			option(&j, optarg);
			break;
		case 'P':
			if (strcmp(optarg, "dyndns") == 0)
				j.proto = P_DYNDNS;
			else if (strcmp(optarg, "tzo") == 0)
				j.proto = P_TZO;
			else
				usage("-P %s: protocol must be dyndns or tzo",
				    optarg);
			break;
		case 'p':
			secretfile = optarg;
			break;
		case 'q':
			quiet = 1;
			break;
		case 's':
			server = optarg;
			break;
		case 'T':
			refresh = period(optarg);
			break;
		case 't':
			timeout = (int)number(optarg, 1, 3600, "-t");
			break;
		case 'u':
			j.user = optarg;
			break;
		case 'v':
			j.verbose = 1;
			break;
		case 'V':
			printf("ddnsup %s\nprotocols: dyndns,tzo\nschemes: "
			    "http,https\n", VERSION);
			return ST_OK;
		case 'w':
			checkurl = optarg;
			break;
		default:
			usage(NULL);
		}
	}
	argc -= optind;
	argv += optind;

	if (argc == 0)
		usage("no host name given");
	if (argc > MAXNAMES)
		usage("%d host names: at most %d per run", argc, MAXNAMES);
	for (i = 0; i < argc; i++) {
		if (!validname(argv[i], 0))
			usage("%s: not a valid fully qualified host name",
			    argv[i]);
		for (k = 0; k < i; k++)
			if (strcasecmp(argv[k], argv[i]) == 0)
				usage("%s: host name given twice", argv[i]);
		j.names[i] = argv[i];
	}
	j.nnames = argc;
	if (j.proto == P_TZO) {
		if (url_hostport(&j.srv, server ? server :
		    "ClusterLookup1.tzo.com", "21340") == -1)
			usage("-s %s", lastfail.msg);
	} else {
		if (url_parse(&j.srv, server ? server :
		    "https://members.dyndns.org/nic/update", "/nic/update") == -1)
			usage("-s %s", lastfail.msg);
		if (tzoports)
			usage("-o ProviderUpdateServerLookupPort and "
			    "UpdateServerPort go with -P tzo");
	}
	if (j.proto == P_TZO && (six || j.addr6[0] != '\0'))
		usage("-P tzo: IPv4 only");
	if (j.user == NULL)
		usage("no user name: -u user is required");
	if (*j.user == '\0' || strlen(j.user) >= MAXUSER ||
	    strchr(j.user, ':') != NULL)
		usage("-u: 1 to %d characters, no ':'", MAXUSER - 1);
	if ((j.addr4[0] != '\0' || j.addr6[0] != '\0') + (ifname != NULL) +
	    (checkurl != NULL) > 1)
		usage("-a, -i and -w exclude each other");
	if ((j.addr4[0] != '\0' || j.addr6[0] != '\0') && (four || six))
		usage("-4 and -6 choose the family for -i, -w or the "
		    "connection; with -a the address says it");
	if (checkurl != NULL) {
		if (url_parse(&wurl, checkurl, "/") == -1)
			usage("-w %s", lastfail.msg);
		if (strlen(checkurl) >= sizeof(st.check[0].url))
			usage("-w: URL too long");
		if (wurl.tls && wurl.literal)
			usage("-w %s: an IP address cannot be checked against "
			    "the certificate", checkurl);
	}
	if (ifname != NULL) {
		if (six)
			ifaddr(&j, ifname, AF_INET6);
		if (four || !six)
			ifaddr(&j, ifname, AF_INET);
	} else if (checkurl == NULL && four != six) {
		j.family = four ? AF_INET : AF_INET6;
		if (j.srv.literal && (strchr(j.srv.host, ':') != NULL) == four)
			usage("-%c: the server %s is an IPv%c address",
			    four ? '4' : '6', j.srv.host, four ? '6' : '4');
	}
	if (j.npins > 0 && !j.srv.tls && j.proto == P_DYNDNS)
		usage("-k: pins need an https server");
	if (j.srv.tls && j.srv.literal && j.npins == 0)
		usage("-s %s: an IP address cannot be checked against the "
		    "certificate: give -k pin", j.srv.host);
	if (j.agent[0] == '\0') {
		if (uname(&un) == -1) {
			snprintf(un.sysname, sizeof(un.sysname), "POSIX");
			snprintf(un.machine, sizeof(un.machine), "unknown");
		}
		snprintf(j.agent, sizeof(j.agent), "ddnsup - %s %s - %s",
		    un.sysname, un.machine, VERSION);
	}
	if (secretfile != NULL)
		readsecret(&j, secretfile);
	else if ((env = getenv("DDNSUP_PASSWORD")) != NULL && *env != '\0') {
		if (strlen(env) >= MAXSECRET)
			fatal(ST_CONFIG, "DDNSUP_PASSWORD: longer than %d bytes",
			    MAXSECRET - 1);
		j.secretlen = strlen(env);
		memcpy(j.secret, env, j.secretlen);
	} else
		usage("no password: give -p file or set DDNSUP_PASSWORD");
	if (j.proto == P_TZO)
		checktzo(&j, j.npins > 0);
	else if (!j.srv.tls)
		warn("%s: plain http: the password crosses the network in "
		    "clear", j.srv.host);
	if ((j.proto == P_DYNDNS && j.srv.tls) || (checkurl && wurl.tls)) {
		if (j.cafile == NULL && (j.cafile = tls_cafile()) == NULL)
			fatal(ST_CONFIG, "no CA bundle found: give -C file");
		if (tls_anchors(j.cafile) == -1)
			fatal(ST_CONFIG, "%s", lastfail.msg);
	}

	/* from here on, everything counts against the one deadline */
	net_deadline(timeout);
	now = (long long)time(NULL);
	if (statefile != NULL && state_open(&st, statefile) == -1) {
		if (lastfail.kind != F_TIMEOUT)
			fatal(ST_CONFIG, "%s", lastfail.msg);
		failall(res, j.nnames, "-");
		goto done;
	}
	if (checkurl != NULL && webcheck(&j, &wurl, checkurl, six, four,
	    statefile ? &st : NULL, now) == -1) {
		failall(res, j.nnames, "-");
		state_close(&st);
		goto done;
	}
	sub = j;
	sub.nnames = 0;
	for (i = 0; i < j.nnames; i++) {
		need[i] = 1;
		if (statefile != NULL) {
			fingerprint(&j, &st, i, fp[i]);
			if (!force)
				need[i] = state_decide(&st, &j, i, fp[i], refresh,
				    now, &res[i]);
		}
		if (need[i])
			sub.names[sub.nnames++] = j.names[i];
	}
	if (dry) {
		for (i = 0; i < j.nnames; i++)
			if (!need[i])
				printf("# %s: %s\n", j.names[i],
				    res[i].res == R_SKIPPED ? "skipped" :
				    res[i].res == R_HELD ? "held" : "stopped");
		if (sub.nnames > 0)
			dryrun(&sub);
		wipe(j.secret, sizeof(j.secret));
		wipe(sub.secret, sizeof(sub.secret));
		state_close(&st);
		return ST_OK;
	}
	if (sub.nnames > 0) {
		if (j.proto == P_TZO)
			tzo_update(&sub, subres);
		else
			dyndns_update(&sub, subres);
	}
	wipe(sub.secret, sizeof(sub.secret));
	for (i = 0, k = 0; i < j.nnames; i++) {
		if (!need[i])
			continue;
		res[i] = subres[k++];
		if (statefile != NULL)
			state_record(&st, &j, i, fp[i], &res[i], now);
	}
	if (statefile != NULL && (sub.nnames > 0 || checkurl != NULL) &&
	    state_save(&st) == -1)
		status = ST_CONFIG;
	state_close(&st);
done:
	wipe(j.secret, sizeof(j.secret));
	report(&j, res, quiet);
	if (fflush(stdout) == EOF)
		warn("standard output:");
	if (status == ST_CONFIG) {
		warn("%s", lastfail.msg);
		return ST_CONFIG;
	}
	return exitstatus(res, j.nnames);
}
