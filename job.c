/* Settings to jobs: the command line over the configuration file, checked. */
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
#include <unistd.h>

#include "ddnsup.h"
#include "util.h"
#include "cert.h"
#include "http.h"
#include "conf.h"
#include "value.h"
#include "cli.h"
#include "presets.h"
#include "job.h"
#include "custom.h"
#include "proto.h"
#include "dyndns.h"
#include "tzo.h"
#include "dns.h"
#include "tsig.h"
#include "rfc2136.h"
#include "rest.h"
#include "checkip.h"

/*
 * The one override rule: a key the command line sets comes from it,
 * else from the file. The address group (-a, -i, -w) and the pins go
 * as a whole: a command line that names any of them replaces all.
 */
static const struct instance *
source(const struct instance *f, const struct cli *c, int k)
{
	const struct instance *cl = &c->in;

	if (k == K_ADDRESS || k == K_LINK || k == K_ADDRESSURL)
		return cl->naddrs || cl->s[K_LINK].v || cl->s[K_ADDRESSURL].v ?
		    cl : f;
	if (k == K_PIN)
		return cl->npins ? cl : f;
	return cl->s[k].v != NULL ? cl : f;
}

static const struct setting *
eff(const struct instance *f, const struct cli *c, int k)
{
	const struct setting *s = &source(f, c, k)->s[k];

	/* an empty LinkReference in the file is none */
	if (s->v == NULL || (k == K_LINK && s->line > 0 && s->v[0] == '\0'))
		return NULL;
	return s;
}

static const char *
val(const struct instance *f, const struct cli *c, int k, const char *def)
{
	const struct setting *s = eff(f, c, k);

	return s != NULL ? s->v : def;
}

static int
tzoserver(struct job *j, const struct instance *f, const struct cli *c)
{
	const struct setting *s, *sf;
	long long port = TZOPORT, n;
	char def[8];
	char url[600];
	const char *host;

	if ((s = eff(f, c, K_PROVIDER)) != NULL)
		return value_bad(s, K_PROVIDER, "presets are for -P dyndns");
	snprintf(def, sizeof(def), "%d", TZOPORT);
	if ((s = eff(f, c, K_SERVER)) != NULL) {
		if (url_hostport(&j->srv, s->v, def) == -1)
			return value_bad(s, K_SERVER, "%s", lastfail.msg);
	} else {
		s = eff(f, c, K_CLUSTER);
		if ((sf = eff(f, c, K_CLUSTERPORT)) != NULL &&
		    value_number(sf, K_CLUSTERPORT, &port) == -1)
			return -1;
		host = val(f, c, K_CLUSTER, "ClusterLookup1.tzo.com");
		snprintf(url, sizeof(url), strchr(host, ':') ? "[%s]:%lld" :
		    "%s:%lld", host, port);
		if (url_hostport(&j->srv, url, def) == -1)
			return value_bad(s, K_CLUSTER, "%s", lastfail.msg);
	}
	if ((s = eff(f, c, K_LOOKUPPORT)) != NULL) {
		if (value_number(s, K_LOOKUPPORT, &n) == -1)
			return -1;
		snprintf(j->lookupport, sizeof(j->lookupport), "%lld", n);
	}
	if ((s = eff(f, c, K_UPDATEPORT)) != NULL) {
		if (value_number(s, K_UPDATEPORT, &n) == -1)
			return -1;
		snprintf(j->updateport, sizeof(j->updateport), "%lld", n);
	}
	return 0;
}

/* The DynDNS2 server: -s, else ProviderProtocol://ProviderFQDN:Port/Script. */
static int
dyndnsserver(struct job *j, const struct instance *f, const struct cli *c)
{
	const struct setting *s, *sp = eff(f, c, K_PROVIDER), *sf;
	const struct preset *p = NULL;
	const char *scheme, *host, *br;
	long long port = 0;
	char url[600];

	s = c->in.s[K_LOOKUPPORT].v ? &c->in.s[K_LOOKUPPORT] :
	    c->in.s[K_UPDATEPORT].v ? &c->in.s[K_UPDATEPORT] : NULL;
	if (s != NULL)
		return value_bad(s, s == &c->in.s[K_LOOKUPPORT] ? K_LOOKUPPORT :
		    K_UPDATEPORT, "ProviderUpdateServerLookupPort and "
		    "UpdateServerPort go with -P tzo");
	if (j->proto == &proto_rest) {
		if (sp == NULL || (j->api = rest_find(sp->v)) == NULL)
			return value_bad(sp, K_PROVIDER, "-P rest needs a JSON-API "
			    "provider: -o Provider=%s", rest_names());
	} else if (sp != NULL && rest_find(sp->v) != NULL)
		return value_bad(sp, K_PROVIDER, "a JSON-API provider: not with "
		    "-P %s", j->proto->name);
	else if (sp != NULL && (p = preset_find(sp->v)) == NULL)
		return value_bad(sp, K_PROVIDER, "unknown provider (ddnsup -V lists "
		    "them)");
	if (custom_words(eff(f, c, K_GOODWORDS), eff(f, c, K_NOCHGWORDS),
	    eff(f, c, K_FAILWORDS), &j->own) == -1)
		return value_bad(eff(f, c, K_GOODWORDS) ? eff(f, c, K_GOODWORDS) :
		    eff(f, c, K_NOCHGWORDS) ? eff(f, c, K_NOCHGWORDS) :
		    eff(f, c, K_FAILWORDS), eff(f, c, K_GOODWORDS) ? K_GOODWORDS :
		    eff(f, c, K_NOCHGWORDS) ? K_NOCHGWORDS : K_FAILWORDS, "%s",
		    lastfail.msg);
	if ((s = eff(f, c, K_UPDATEURL)) != NULL) {
		if ((sf = sp ? sp : eff(f, c, K_SERVER) ? eff(f, c, K_SERVER) :
		    eff(f, c, K_FQDN)) != NULL)
			return value_bad(sf, sf == sp ? K_PROVIDER : sf ==
			    eff(f, c, K_SERVER) ? K_SERVER : K_FQDN, "UpdateURL "
			    "names the provider: no Provider, -s or ProviderFQDN");
		if (custom_parse(s->v, &j->srv) == -1)
			return value_bad(s, K_UPDATEURL, "%s", lastfail.msg);
		j->tmpl = s->v;
		j->v6 = V6_COMBINED;
		snprintf(j->host6, sizeof(j->host6), "%s", j->srv.host);
		return 0;
	}
	if (p != NULL) {
		j->pre = p;
		j->v6 = p->v6;
		if (p->host6 != NULL)
			snprintf(j->host6, sizeof(j->host6), "%s", p->host6);
	}
	if ((s = eff(f, c, K_SERVER)) != NULL) {
		if (url_parse(&j->srv, s->v, "/nic/update") == -1)
			return value_bad(s, K_SERVER, "%s", lastfail.msg);
		snprintf(j->host6, sizeof(j->host6), "%s", j->srv.host);
		return 0;
	}
	scheme = val(f, c, K_PROTOCOL, "https");
	if (strcasecmp(scheme, "http") != 0 && strcasecmp(scheme, "https") != 0)
		return value_bad(eff(f, c, K_PROTOCOL), K_PROTOCOL, "must be http or "
		    "https");
	if ((sf = eff(f, c, K_PORT)) != NULL &&
	    value_number(sf, K_PORT, &port) == -1)
		return -1;
	sf = eff(f, c, K_FQDN);
	host = val(f, c, K_FQDN, p ? p->host : j->api ? rest_host(j->api) :
	    "members.dyndns.org");
	if (sf != NULL)
		snprintf(j->host6, sizeof(j->host6), "%s", host);
	s = eff(f, c, K_SCRIPT);
	if (s != NULL && s->v[0] != '/')
		return value_bad(s, K_SCRIPT, "must start with /");
	br = strchr(host, ':') ? "[]" : "\0\0";
	snprintf(url, sizeof(url), "%s://%.1s%s%.1s", scheme, br, host, br + 1);
	if (port)
		snprintf(url + strlen(url), sizeof(url) - strlen(url), ":%lld",
		    port);
	snprintf(url + strlen(url), sizeof(url) - strlen(url), "%s",
	    val(f, c, K_SCRIPT, p ? p->path : j->api ? rest_prefix(j->api) :
	    "/nic/update"));
	if (url_parse(&j->srv, url, "/nic/update") == -1)
		return value_bad(sf ? sf : s, sf ? K_FQDN : K_SCRIPT, "%s",
		    lastfail.msg);
	return 0;
}

/* A DNS name without its final dot into out; -1 with value_bad(). */
static int
dnsname(const struct setting *s, int key, char *out, size_t size)
{
	size_t len = strlen(s->v);

	if (len > 1 && s->v[len - 1] == '.')
		len--;
	if (len >= size)
		return value_bad(s, key, "not a DNS name");
	snprintf(out, size, "%.*s", (int)len, s->v);
	if (!validname(out, 1))
		return value_bad(s, key, "not a DNS name");
	return 0;
}

/* rfc2136: -s SERVER[:PORT] (or ProviderFQDN and ProviderPort), TSIGAlgorithm. */
static int
rfc2136server(struct job *j, const struct instance *f, const struct cli *c)
{
	const struct setting *s, *sp;
	char hp[600];
	long long port = 53;

	if ((s = eff(f, c, K_PROVIDER)) != NULL)
		return value_bad(s, K_PROVIDER, "presets are for -P dyndns");
	if ((s = eff(f, c, K_SERVER)) != NULL) {
		if (url_hostport(&j->srv, s->v, "53") == -1)
			return value_bad(s, K_SERVER, "%s", lastfail.msg);
		j->hasserver = 1;
	} else if ((s = eff(f, c, K_FQDN)) != NULL) {
		if ((sp = eff(f, c, K_PORT)) != NULL &&
		    value_number(sp, K_PORT, &port) == -1)
			return -1;
		snprintf(hp, sizeof(hp), strchr(s->v, ':') ? "[%s]:%lld" :
		    "%s:%lld", s->v, port);
		if (url_hostport(&j->srv, hp, "53") == -1)
			return value_bad(s, K_FQDN, "%s", lastfail.msg);
		j->hasserver = 1;
	}
	if ((s = eff(f, c, K_TSIGALG)) != NULL &&
	    (j->tsigalg = tsig_alg(s->v)) == -1)
		return value_bad(s, K_TSIGALG, "hmac-sha256, hmac-sha512, "
		    "hmac-sha384, hmac-sha224, hmac-sha1 or hmac-md5");
	return 0;
}

/* Zone and TTL, for the protocols that write records themselves. */
static int
zonettl(struct job *j, const struct instance *f, const struct cli *c)
{
	const struct setting *s;
	int i;

	for (i = 0; i < 3; i++) {
		s = eff(f, c, i == 0 ? K_ZONE : i == 1 ? K_TTL : K_TSIGALG);
		if (s != NULL && (j->proto == &proto_dyndns ||
		    j->proto == &proto_tzo || (i == 2 &&
		    j->proto != &proto_rfc2136)))
			return value_bad(s, i == 0 ? K_ZONE : i == 1 ? K_TTL :
			    K_TSIGALG, "does not apply to -P %s",
			    j->proto->name);
	}
	if ((s = eff(f, c, K_ZONE)) != NULL &&
	    dnsname(s, K_ZONE, j->zone, sizeof(j->zone)) == -1)
		return -1;
	if ((s = eff(f, c, K_TTL)) != NULL &&
	    value_number(s, K_TTL, &j->ttl) == -1)
		return -1;
	return 0;
}

/* -P, else rest when -o Provider= names a JSON API, else dyndns. */
static int
protocol(struct job *j, const struct instance *f, const struct cli *c)
{
	const struct setting *s = eff(f, c, K_PROTO);
	const struct setting *sp = eff(f, c, K_PROVIDER);

	if (s == NULL && sp != NULL && rest_find(sp->v) != NULL)
		j->proto = &proto_rest;
	else if ((j->proto = proto_find(s != NULL ? s->v : "dyndns")) == NULL)
		return value_bad(s, K_PROTO, "protocol must be dyndns, tzo, "
		    "rfc2136 or rest");
	return 0;
}

/* The names: the command line's, else DomainName1 to 4 or Hostname.{j}. */
static int
names(struct job *j, const struct instance *f, const struct cli *c,
    const struct setting *here)
{
	const struct setting *s[MAXNAMES];
	int i, n, idx[MAXNAMES], off[MAXNAMES];

	if (c->nnames > MAXNAMES)
		return names_check((const char *const *)c->names, c->nnames);
	for (i = 0; i < c->nnames; i++)
		j->names[j->nnames++] = c->names[i];
	n = c->nnames == 0 ? conf_hostnames(f, s, idx, off) : 0;
	for (i = 0; i < n; i++) {
		if (off[i] || s[i]->v == NULL || s[i]->v[0] == '\0')
			continue;
		if (!validname(s[i]->v, 0))
			return value_bad(s[i], K_DOMAIN1 + idx[i] - 1, "%s: not a "
			    "valid fully qualified host name", s[i]->v);
		j->names[j->nnames++] = s[i]->v;
	}
	if (j->nnames == 0)
		return value_bad(f->line ? here : NULL, K_DOMAIN1, "no host name "
		    "given");
	return names_check(j->names, j->nnames);
}

static int
user(struct job *j, const struct instance *f, const struct cli *c,
    const struct setting *here)
{
	int k = j->proto == &proto_tzo ? K_EMAIL : K_USER;
	const struct setting *s = eff(f, c, k);
	const char *at;

	if (j->proto == &proto_rfc2136) {
		/* the key's name: -u, else the key file's */
		j->user = "";
		return s == NULL ? 0 : dnsname(s, K_USER, j->keyname,
		    sizeof(j->keyname));
	}
	if (j->api != NULL && !rest_user(j->api)) {
		if (s != NULL)
			return value_bad(s, K_USER, "this provider takes a token "
			    "alone (-p or DDNSUP_PASSWORD)");
		j->user = "";
		return 0;
	}
	if (s == NULL && ((j->pre != NULL && (j->pre->flags & (PF_USERNAME |
	    PF_NOUSER))) || (j->tmpl != NULL && custom_hassecret(j->tmpl) &&
	    !custom_hasuser(j->tmpl)))) {
		j->user = "";	/* each request's host name, or none */
		return 0;
	}
	if (s == NULL)
		return value_bad(f->line ? here : NULL, k, "no user name: -u user is "
		    "required");
	j->user = s->v;
	if (*j->user == '\0' || strlen(j->user) >= MAXUSER ||
	    strchr(j->user, ':') != NULL)
		return value_bad(s, K_USER, "1 to %d characters, no ':'", MAXUSER - 1);
	if (j->proto != &proto_tzo)
		return 0;
	if ((at = strchr(j->user, '@')) == NULL || at == j->user ||
	    at[1] == '\0' || strchr(at + 1, '@') != NULL ||
	    !tzo_field(j->user, strlen(j->user)))
		return value_bad(s, K_EMAIL, "not an e-mail address: one @, no "
		    "comma, space or control character");
	return 0;
}

/* AllowPrivate, and the IPv6 address of a host behind the router. */
static int
v6keys(struct job *j, const struct instance *f, const struct cli *c)
{
	const struct setting *s = eff(f, c, K_ALLOWPRIVATE);
	const struct setting *id = eff(f, c, K_V6IID);

	if (s != NULL && value_bool(s, K_ALLOWPRIVATE, &j->allowprivate) == -1)
		return -1;
	if ((j->hasiid = id != NULL) && iid_parse(id->v, j->iid) == -1)
		return value_bad(id, K_V6IID, IIDERR);
	j->prefixif = val(f, c, K_V6PREFIXIF, NULL);
	if ((id != NULL || j->prefixif != NULL) && ((j->link == NULL &&
	    j->checkurl == NULL) || !j->six))
		return value_bad(id ? id : eff(f, c, K_V6PREFIXIF), id ? K_V6IID :
		    K_V6PREFIXIF, "applies to -i or -w's IPv6 address: give -6");
	return 0;
}

/* "Device.IP.Interface.{i}" with or without its final dot: its length, or 0. */
static size_t
ipif(const char *v, size_t len)
{
	static const char pre[] = "Device.IP.Interface.";
	size_t n = sizeof(pre) - 1, d;

	if (len > 0 && v[len - 1] == '.')
		len--;
	if (len <= n || strncmp(v, pre, n) != 0)
		return 0;
	for (d = n; d < len && isdigit((unsigned char)v[d]); d++)
		;
	return d == len && v[n] != '0' && len - n <= 5 ? len : 0;
}

/*
 * TR-181's Interface is a reference to Device.IP.Interface.{i}: the
 * InterfaceMap (ref=name,...) names the system's interface for it, and
 * the reference stays what -S prints, so the agent reads back its value.
 */
static int
ifmap(struct job *j, const struct setting *link, const struct setting *map)
{
	const char *p, *eq, *end;
	size_t rl = ipif(link->v, strlen(link->v)), ml;

	if (map != NULL)
		for (p = map->v; *p != '\0'; p = *end ? end + 1 : end) {
			end = p + strcspn(p, ",");
			if ((eq = memchr(p, '=', (size_t)(end - p))) == NULL ||
			    (ml = ipif(p, (size_t)(eq - p))) == 0 ||
			    eq + 1 == end || (size_t)(end - eq - 1) >=
			    sizeof(j->ifname) || memchr(eq + 1, '/',
			    (size_t)(end - eq - 1)) != NULL)
				return value_bad(map, K_IFMAP, "expected "
				    "Device.IP.Interface.{i}=name, separated "
				    "by commas");
			if (rl == 0 || ml != rl || strncmp(p, link->v, rl) != 0)
				continue;
			snprintf(j->ifname, sizeof(j->ifname), "%.*s",
			    (int)(end - eq - 1), eq + 1);
			j->link = j->ifname;
		}
	if (rl != 0 && j->link != j->ifname)
		return value_bad(link, K_LINK, "%.*s is not in InterfaceMap "
		    "(give -o InterfaceMap=%.*s=NAME, or the file's "
		    "InterfaceMap)", (int)rl, link->v, (int)rl, link->v);
	if (rl == 0 && strncmp(link->v, "Device.", 7) == 0)
		return value_bad(link, K_LINK, "a reference must be "
		    "Device.IP.Interface.{i}");
	return 0;
}

/* Where the address comes from: -a, -i or -w (or the file's), or the server. */
static int
addrsource(struct job *j, const struct instance *f, const struct cli *c)
{
	const struct instance *in = source(f, c, K_ADDRESS);
	const struct setting *addrs = in->naddrs ? in->addrs : &in->s[K_ADDRESS];
	const struct setting *link = eff(f, c, K_LINK);
	const struct setting *wurl = eff(f, c, K_ADDRESSURL);
	int naddrs = in->naddrs ? in->naddrs : in->s[K_ADDRESS].v != NULL;

	if (value_addrs(j->addr4, j->addr6, addrs, naddrs, 0) == -1)
		return -1;
	if (naddrs > 0 && (link != NULL || wurl != NULL))
		return value_bad(wurl ? wurl : link, wurl ? K_ADDRESSURL : K_LINK,
		    "-a excludes -i and -w (Address excludes LinkReference "
		    "and AddressURL)");
	if (naddrs > 0 && (c->four || c->six))
		return value_bad(&addrs[0], K_ADDRESS, "-4 and -6 choose the family "
		    "for -i, -w or the connection; with -a the address says it");
	if (j->proto == &proto_tzo && (c->six || j->addr6[0] != '\0'))
		return value_bad(naddrs ? &addrs[0] : NULL, K_ADDRESS, "-P tzo: IPv4 "
		    "only");
	if (j->v6 == V6_NONE && (c->six || j->addr6[0] != '\0'))
		return value_bad(eff(f, c, K_PROVIDER), K_PROVIDER, "this provider "
		    "takes IPv4 only");
	if (wurl != NULL) {
		if (checkip_list(j->wurl, &j->nwurl, j->checklist, wurl->v) == -1)
			return value_bad(wurl, K_ADDRESSURL, "%s", lastfail.msg);
		j->checkurl = j->checklist;
	}
	j->link = link != NULL ? link->v : NULL;
	if (link != NULL && ifmap(j, link, eff(f, c, K_IFMAP)) == -1)
		return -1;
	if (link == NULL && wurl == NULL && c->four != c->six) {
		j->family = c->four ? AF_INET : AF_INET6;
		if (j->srv.literal && (strchr(j->srv.host, ':') != NULL) ==
		    c->four)
			return value_bad(NULL, 0, "-%c: the server %s is an IPv%c "
			    "address", c->four ? '4' : '6', j->srv.host,
			    c->four ? '6' : '4');
	}
	return v6keys(j, f, c);
}

static int
pins(struct job *j, const struct instance *f, const struct cli *c)
{
	const struct instance *in = source(f, c, K_PIN);
	int i;

	for (i = 0; i < in->npins; i++)
		if (cert_parsepin(in->pins[i].v, &j->pins[j->npins++]) == -1)
			return value_bad(&in->pins[i], K_PIN, "not sha256//BASE64 of a "
			    "SHA-256 hash");
	if (j->npins > 0 && j->proto == &proto_tzo)
		return value_bad(&in->pins[0], K_PIN, "tzo has no TLS, so nothing to "
		    "pin");
	if (j->npins > 0 && !j->srv.tls)
		return value_bad(&in->pins[0], K_PIN, "pins need an https server");
	if (j->srv.tls && j->srv.literal && j->npins == 0 &&
	    j->proto != &proto_tzo)
		return value_bad(NULL, 0, "-s %s: an IP address cannot be checked "
		    "against the certificate: give -k pin", j->srv.host);
	return 0;
}

static int
agent(struct job *j, const struct setting *s)
{
	struct utsname un;

	if (s == NULL) {
		if (uname(&un) == -1) {
			snprintf(un.sysname, sizeof(un.sysname), "POSIX");
			snprintf(un.machine, sizeof(un.machine), "unknown");
		}
		preset_agent(j->agent, sizeof(j->agent), j->pre, un.sysname,
		    un.machine);
		return 0;
	}
	if (value_agent(s, sizeof(j->agent)) == -1)
		return -1;
	snprintf(j->agent, sizeof(j->agent), "%s", s->v);
	return 0;
}

/* -f's default state directory: $DDNSUP_STATEDIR (empty: none), else STATEDIR for root. */
static const char *
statedir(void)
{
	const char *env = getenv("DDNSUP_STATEDIR");

	if (env != NULL)
		return env[0] != '\0' ? env : NULL;
	return geteuid() == 0 ? STATEDIR : NULL;
}

/*
 * The state file: the instance's own StateFile, else -c (with -f: -c
 * plus the instance's Name, or its number), else with -f the default
 * directory's NAME.state (or NUMBER.state), so that cron, the hooks and
 * -S find the same file. Here the file's key beats the command line: -c
 * names a family of files.
 */
void
job_statefile(struct job *j, const struct instance *f, const struct cli *c)
{
	const char *base = c->in.s[K_STATE].v, *name = f->s[K_NAME].v;
	const char *dir = c->conffile != NULL ? statedir() : NULL;

	/* a Name that is no file name (a TR-181 Server's): the number */
	if (name != NULL && (strchr(name, '/') != NULL || name[0] == '.'))
		name = NULL;
	if (f->s[K_STATE].v != NULL)
		snprintf(j->statepath, sizeof(j->statepath), "%s",
		    f->s[K_STATE].v);
	else if (base != NULL && c->conffile != NULL && f->s[K_NAME].v)
		snprintf(j->statepath, sizeof(j->statepath), "%s.%s", base,
		    f->s[K_NAME].v);
	else if (base != NULL && c->conffile != NULL)
		snprintf(j->statepath, sizeof(j->statepath), "%s.%d", base,
		    f->index);
	else if (base != NULL)
		snprintf(j->statepath, sizeof(j->statepath), "%s", base);
	else if (dir != NULL && name != NULL)
		snprintf(j->statepath, sizeof(j->statepath), "%s/%s.state", dir,
		    name);
	else if (dir != NULL)
		snprintf(j->statepath, sizeof(j->statepath), "%s/%d.state", dir,
		    f->index);
	j->statefile = j->statepath[0] != '\0' ? j->statepath : NULL;
}

/* Where the secret will come from: -p, the file's Password or KeyProvided, the environment. */
static int
secretsource(struct job *j, const struct instance *f, const struct cli *c)
{
	int k = j->proto == &proto_tzo ? K_KEY : K_PASSWORD;
	const char *env;

	if ((j->secretfrom = eff(f, c, K_SECRETFILE)) != NULL)
		return 0;
	if ((j->secretfrom = eff(f, c, K_PASSWORDFILE)) != NULL) {
		if (f->s[k].v != NULL)
			return value_bad(j->secretfrom, K_PASSWORDFILE, "%s is given "
			    "too: give one of them", conf_keyname(k));
		j->secretfile = 1;
		return 0;
	}
	if ((j->secretfrom = f->s[k].v ? &f->s[k] : NULL) != NULL) {
		if (f->s[k].v[0] == '\0' || strlen(f->s[k].v) >= MAXSECRET)
			return value_bad(&f->s[k], k, "1 to %d bytes", MAXSECRET - 1);
		return 0;
	}
	env = getenv("DDNSUP_PASSWORD");
	if (env == NULL || *env == '\0')
		return value_bad(NULL, 0, "no password: give -p file or set "
		    "DDNSUP_PASSWORD");
	return 0;
}

/* Create: for the JSON-API providers (Zone and TTL: zonettl). */
static int
restkeys(struct job *j, const struct instance *f, const struct cli *c)
{
	const struct setting *s = eff(f, c, K_CREATE);

	if (s != NULL && j->proto != &proto_rest)
		return value_bad(s, K_CREATE, "goes with a JSON-API provider "
		    "(-o Provider=%s)", rest_names());
	/* value_bool takes an absent setting as true: never so for Create */
	if (s != NULL && value_bool(s, K_CREATE, &j->create) == -1)
		return -1;
	return 0;
}

/* -T or UpdateTimePeriod without a state file has no effect: say so. */
static void
periodwarn(const struct setting *p)
{
	if (p->line > 0)
		warn("%s:%d: %s: has no effect without a state file "
		    "(StateFile or -c)", p->file, p->line,
		    p->name ? p->name : "UpdateTimePeriod");
	else
		warn("%s%s: has no effect without a state file (-c)",
		    p->opt, strcmp(p->opt, "-o") == 0 ?
		    " UpdateTimePeriod" : "");
}

/*
 * Check every setting of one instance and fill in its job. Nothing here
 * reads a file, an interface or the network: that is prepare_job's.
 */
int
job_build(struct job *j, const struct instance *f, const struct cli *c)
{
	const struct setting *s;
	/* where an instance of the file begins, for what it lacks */
	struct setting here = { "", f->line, NULL, NULL, f->file };
	long long n;

	memset(j, 0, sizeof(*j));
	j->family = AF_UNSPEC;
	j->verbose = c->verbose;
	j->force = c->force;
	j->four = c->four;
	j->six = c->six;
	j->timeout = 30;
	j->refresh = 25LL * 86400;
	j->checkreuse = CHECKREUSE;
	j->retry = j->maxretries = -1;
	j->ttl = -1;
	j->tsigalg = -1;
	snprintf(j->lookupport, sizeof(j->lookupport), "21344");
	snprintf(j->updateport, sizeof(j->updateport), "21347");
	if (f->badref)
		return fail(F_USAGE, "%s:%d: Server: %s: no such Server in the "
		    "file", f->server.file, f->server.line, f->server.v);
	if (protocol(j, f, c) == -1 || names(j, f, c, &here) == -1 ||
	    (j->proto == &proto_tzo ? tzoserver(j, f, c) :
	    j->proto == &proto_rfc2136 ? rfc2136server(j, f, c) :
	    dyndnsserver(j, f, c)) == -1 || zonettl(j, f, c) == -1 ||
	    user(j, f, c, &here) == -1 ||
	    addrsource(j, f, c) == -1 || pins(j, f, c) == -1)
		return -1;
	j->cafile = val(f, c, K_CACERT, NULL);
	if ((s = eff(f, c, K_TIMEOUT)) != NULL) {
		if (value_number(s, K_TIMEOUT, &n) == -1)
			return -1;
		j->timeout = (int)n;
	}
	if ((s = eff(f, c, K_PERIOD)) != NULL &&
	    value_period(s, &j->refresh) == -1)
		return -1;
	if (((s = eff(f, c, K_CHECKINT)) != NULL &&
	    value_number(s, K_CHECKINT, &j->checkreuse) == -1) ||
	    ((s = eff(f, c, K_RETRYINT)) != NULL &&
	    value_number(s, K_RETRYINT, &j->retry) == -1) ||
	    ((s = eff(f, c, K_MAXRETRIES)) != NULL &&
	    value_number(s, K_MAXRETRIES, &j->maxretries) == -1))
		return -1;
	if (restkeys(j, f, c) == -1 || agent(j, eff(f, c, K_AGENT)) == -1 ||
	    value_bool(eff(f, c, K_SANDBOX), K_SANDBOX, &j->sandbox) == -1 ||
	    ((s = eff(f, c, K_ALLOWPLAIN)) != NULL &&
	    value_bool(s, K_ALLOWPLAIN, &j->plainsecret) == -1))
		return -1;
	job_statefile(j, f, c);
	if ((s = eff(f, c, K_PERIOD)) != NULL && j->statefile == NULL)
		periodwarn(s);
	return secretsource(j, f, c);
}

/*
 * The jobs of a run: the command line alone (n is 1, inst[0] empty), or
 * the file's enabled instances that -I selects. Returns how many, or -1.
 */
int
job_select(struct job *jobs, const struct instance *inst, int n,
    const struct cli *c)
{
	int i, njobs = 0, on;

	for (i = 0; i < n; i++) {
		if (c->conffile != NULL && !conf_selected(&inst[i], c->select))
			continue;
		if (value_bool(eff(&inst[i], c, K_ENABLE), K_ENABLE, &on) == -1)
			return -1;
		on = conf_enabled(&inst[i], on);
		if (!on && (c->select == NULL || c->optional))
			continue;
		if (!on)
			return fail(F_USAGE, "%s: instance %s is disabled "
			    "(Enable = 0)", c->conffile, c->select);
		if (job_build(&jobs[njobs++], &inst[i], c) == -1)
			return -1;
	}
	if (njobs == 0 && !(c->optional && c->select != NULL))
		return fail(F_USAGE, "%s: no enabled instance%s%s", c->conffile,
		    c->select ? " matches " : "", c->select ? c->select : "");
	if (njobs > 1 && c->nnames > 0)
		return fail(F_USAGE, "host names on the command line need -f "
		    "with one instance (see -I)");
	return njobs;
}
