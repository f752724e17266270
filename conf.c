/* The configuration file: instances in the CPE data model's parameter names. */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "ddnsup.h"
#include "util.h"
#include "conf.h"

#define PREFIX		"InternetGatewayDevice.DynamicDNS."
#define TR181		"Device.DynamicDNS."

static const char *conf_path = "-";
static int nservers;	/* Device.DynamicDNS.Server objects */
static struct instance servers[MAXINST];	/* Device.DynamicDNS.Server.{k} */

static const char *const keys[NFILEKEYS] = {
	[K_NAME] = "Name",
	[K_ENABLE] = "Enable",
	[K_LINK] = "LinkReference",
	[K_PERIOD] = "UpdateTimePeriod",
	[K_DOMAIN1] = "DomainName1",
	[K_DOMAIN2] = "DomainName2",
	[K_DOMAIN3] = "DomainName3",
	[K_DOMAIN4] = "DomainName4",
	[K_PROTO] = "DdnsProtocol",
	[K_FQDN] = "ProviderFQDN",
	[K_SCRIPT] = "ProviderURLScript",
	[K_PROTOCOL] = "ProviderProtocol",
	[K_PORT] = "ProviderPort",
	[K_USER] = "Username",
	[K_PASSWORD] = "Password",
	[K_CACERT] = "ProviderCACertificate",
	[K_CLUSTER] = "ProviderClusterLookupFQDN",
	[K_CLUSTERPORT] = "ProviderClusterLookupPort",
	[K_LOOKUPPORT] = "ProviderUpdateServerLookupPort",
	[K_EMAIL] = "RegisteredEmailAddress",
	[K_KEY] = "KeyProvided",
	[K_SUPPORTS] = "ProviderProtocolSupports",
	[K_STATE] = "StateFile",
	[K_PIN] = "Pin",
	[K_TIMEOUT] = "Timeout",
	[K_AGENT] = "UserAgent",
	[K_ADDRESS] = "Address",
	[K_ADDRESSURL] = "AddressURL",
	[K_UPDATEPORT] = "UpdateServerPort",
	[K_PROVIDER] = "Provider",
	[K_SANDBOX] = "Sandbox",
	[K_CHECKINT] = "CheckInterval",
	[K_RETRYINT] = "RetryInterval",
	[K_MAXRETRIES] = "MaxRetries",
	[K_ALLOWPRIVATE] = "AllowPrivate",
	[K_V6IID] = "IPv6InterfaceID",
	[K_V6PREFIXIF] = "IPv6PrefixInterface",
	[K_ZONE] = "Zone",
	[K_TTL] = "TTL",
	[K_TSIGALG] = "TSIGAlgorithm",
	[K_PASSWORDFILE] = "PasswordFile",
	[K_CREATE] = "Create",
	[K_UPDATEURL] = "UpdateURL",
	[K_GOODWORDS] = "GoodWords",
	[K_NOCHGWORDS] = "NochgWords",
	[K_FAILWORDS] = "FailWords",
	[K_ALLOWPLAIN] = "AllowPlainHTTP",
	[K_IFMAP] = "InterfaceMap",
};

/* TR-181's names for the same parameters; -1: accepted, not used */
static const struct tr181name {
	const char *name;
	int key, key2;
} clientnames[] = {
	{ "Enable", K_ENABLE, -1 },
	{ "Alias", K_NAME, -1 },
	{ "Interface", K_LINK, -1 },
	{ "Username", K_USER, K_EMAIL },
	{ "Password", K_PASSWORD, K_KEY },
	{ NULL, 0, 0 }
}, servernames[] = {
	{ "Enable", K_ENABLE, -1 },
	{ "Name", K_NAME, -1 },
	{ "ServiceName", K_PROVIDER, -1 },
	{ "ServerAddress", K_FQDN, -1 },
	{ "ServerPort", K_PORT, -1 },
	{ "Protocol", K_PROTOCOL, -1 },
	{ "CheckInterval", K_CHECKINT, -1 },
	{ "RetryInterval", K_RETRYINT, -1 },
	{ "MaxRetries", K_MAXRETRIES, -1 },
	{ NULL, 0, 0 }
};

const char *
conf_keyname(int k)
{
	if (k == K_SERVER)
		return "-s";
	if (k == K_SECRETFILE)
		return "-p";
	return k >= 0 && k < NFILEKEYS ? keys[k] : "?";
}

/* A parameter name, with or without its dyndns. or tzo. object prefix. */
int
conf_key(const char *name, size_t len)
{
	int k;

	if (len > 7 && strncasecmp(name, "dyndns.", 7) == 0) {
		name += 7;
		len -= 7;
	} else if (len > 4 && strncasecmp(name, "tzo.", 4) == 0) {
		name += 4;
		len -= 4;
	}
	for (k = 0; k < NFILEKEYS; k++)
		if (strlen(keys[k]) == len && strncasecmp(name, keys[k], len) == 0)
			return k;
	return -1;
}

/* -I: an instance's index, Name or LinkReference */
int
conf_selected(const struct instance *in, const char *sel)
{
	char idx[16];

	snprintf(idx, sizeof(idx), "%d", in->index);
	return sel == NULL || strcmp(sel, idx) == 0 ||
	    (in->s[K_NAME].v && strcmp(sel, in->s[K_NAME].v) == 0) ||
	    (in->s[K_LINK].v && strcmp(sel, in->s[K_LINK].v) == 0) ||
	    (in->s[K_V6PREFIXIF].v && strcmp(sel, in->s[K_V6PREFIXIF].v) == 0);
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

static struct instance *
instance(struct instance *inst, int *n, int max, int index, int line)
{
	int i;

	for (i = 0; i < *n; i++)
		if (inst[i].index == index)
			return &inst[i];
	if (*n == max)
		return NULL;
	memset(&inst[*n], 0, sizeof(inst[*n]));
	inst[*n].index = index;
	inst[*n].line = line;
	inst[*n].file = conf_path;
	return &inst[(*n)++];
}

/*
 * Values are taken literally. Quotes around one would be sent: an error,
 * except in a secret, which may be anything (a warning). A " #" may be
 * part of a secret too, so it is kept, with a warning.
 */
static int
literal(int key, const char *v, int line, const char *name)
{
	size_t n = strlen(v);
	int secret = key == K_PASSWORD || key == K_KEY;

	if ((key == K_STATE || key == K_PASSWORDFILE) && n == 0)
		return fail(F_USAGE, "%s:%d: %s: an empty path", conf_path, line,
		    name);
	if (n >= 2 && (v[0] == '"' || v[0] == '\'') && v[n - 1] == v[0]) {
		if (!secret)
			return fail(F_USAGE, "%s:%d: %s: the value is in quotes, "
			    "which would be sent: remove them", conf_path, line,
			    name);
		warn("%s:%d: %s: the quotes are part of the value", conf_path,
		    line, name);
	}
	if (strstr(v, " #") != NULL || strstr(v, "\t#") != NULL)
		warn("%s:%d: %s: \"#\" is part of the value (a comment needs "
		    "its own line)", conf_path, line, name);
	return 0;
}

/*
 * TR-181's Alias: not empty, a letter first, at most 64 (its dataType);
 * "cpe-" is the prefix of the values -S assigns where the file has none.
 */
static int
alias(const char *v, int line)
{
	if (!validinstname(v) || !isalpha((unsigned char)v[0]))
		return fail(F_USAGE, "%s:%d: Alias: a letter, then letters, "
		    "digits, '.', '_' and '-', at most 64", conf_path, line);
	if (strncasecmp(v, "cpe-", 4) == 0)
		return fail(F_USAGE, "%s:%d: Alias: \"cpe-\" begins the "
		    "values the agent assigns (TR-181): choose another",
		    conf_path, line);
	return 0;
}

/* Set one parameter of an instance; name: what the file called it. */
static int
put(struct instance *in, int key, const char *v, int line, const char *name)
{
	struct setting *s;

	if (key == K_PIN) {
		if (in->npins == MAXPINS)
			return fail(F_USAGE, "%s:%d: more than %d pins",
			    conf_path, line, MAXPINS);
		s = &in->pins[in->npins++];
	} else {
		s = &in->s[key];
		if (s->v != NULL)
			return fail(F_USAGE, "%s:%d: %s given twice "
			    "(first on line %d)", conf_path, line,
			    name ? name : keys[key], s->line);
	}
	s->v = v;
	s->line = line;
	s->name = name;
	s->file = conf_path;
	if (literal(key, v, line, name ? name : keys[key]) == -1)
		return -1;
	if (key == K_NAME && in->tr181 == 1)
		return alias(v, line);
	if (key == K_NAME && in->tr181 == 0 && !validinstname(v))
		return fail(F_USAGE, "%s:%d: Name: letters, digits, '.', '_' "
		    "and '-', at most 64", conf_path, line);
	if (key == K_NAME && strlen(v) > 64)
		return fail(F_USAGE, "%s:%d: Name: at most 64 characters "
		    "(TR-181)", conf_path, line);
	return 0;
}

/* "N." at *k: the instance number, *k and *len moved past it. */
static long
instno(const char **k, size_t *len, int line)
{
	char *e;
	long i;

	if (*len == 0 || !isdigit((unsigned char)**k))
		return fail(F_USAGE, "%s:%d: instance number missing",
		    conf_path, line);
	i = strtol(*k, &e, 10);
	if (*e != '.' || i < 1 || i > 999 || (size_t)(e + 1 - *k) >= *len)
		return fail(F_USAGE, "%s:%d: bad instance number", conf_path,
		    line);
	*len -= (size_t)(e + 1 - *k);
	*k = e + 1;
	return i;
}

static int
is(const char *k, size_t len, const char *name)
{
	return strlen(name) == len && strncasecmp(k, name, len) == 0;
}

static int
boolval(const char *v, int line, const char *what)
{
	if (strcmp(v, "1") == 0 || strcasecmp(v, "true") == 0)
		return 1;
	if (strcmp(v, "0") == 0 || strcasecmp(v, "false") == 0)
		return 0;
	return fail(F_USAGE, "%s:%d: %s: must be 1, 0, true or false",
	    conf_path, line, what);
}

/* ddnsup's own keys in TR-106's vendor-extension form: X_DDNSUP_Key */
static int
vendorkey(const char *k, size_t len)
{
	int key;

	if (len <= 9 || strncasecmp(k, "X_DDNSUP_", 9) != 0)
		return -1;
	k += 9;
	len -= 9;
	if (is(k, len, "URLPath"))
		return K_SCRIPT;
	if (is(k, len, "CACertificate"))
		return K_CACERT;
	key = conf_key(k, len);
	return key == K_PASSWORD || key == K_KEY ? -1 : key;
}

/* Client.{i}.Hostname.{j}.Name or .Enable */
static int
hostname(struct instance *in, const char *k, size_t len, const char *v,
    int line)
{
	long j;
	int h, on;

	if ((j = instno(&k, &len, line)) == -1)
		return -1;
	for (h = 0; h < in->nhosts && in->hostidx[h] != j; h++)
		;
	if (h == in->nhosts) {
		if (h == MAXNAMES)
			return fail(F_USAGE, "%s:%d: more than %d Hostname "
			    "entries", conf_path, line, MAXNAMES);
		in->hostidx[in->nhosts++] = (int)j;
	}
	if (is(k, len, "Name")) {
		if (in->hosts[h].v != NULL)
			return fail(F_USAGE, "%s:%d: Hostname.%ld.Name given "
			    "twice (first on line %d)", conf_path, line, j,
			    in->hosts[h].line);
		in->hosts[h].v = v;
		in->hosts[h].line = line;
		in->hosts[h].file = conf_path;
		in->hosts[h].name = "Hostname.{j}.Name";
		return 0;
	}
	if (!is(k, len, "Enable"))
		return fail(F_USAGE, "%s:%d: unknown key Hostname.%ld.%.*s",
		    conf_path, line, j, (int)len, k);
	if (in->hostoff[h] != 0)
		return fail(F_USAGE, "%s:%d: Hostname.%ld.Enable given twice",
		    conf_path, line, j);
	if ((on = boolval(v, line, "Enable")) == -1)
		return -1;
	in->hostoff[h] = on ? 1 : 2;
	return 0;
}

/* A Device.DynamicDNS. line: a Client's or a Server's parameter. */
static int
tr181(const char *k, size_t len, const char *v, int line,
    struct instance *inst, int *n, int max)
{
	const struct tr181name *t;
	struct instance *in;
	int client = 0, key = -1;
	long i;

	if (len > 7 && strncasecmp(k, "Client.", 7) == 0)
		client = 1;
	else if (len <= 7 || strncasecmp(k, "Server.", 7) != 0)
		return fail(F_USAGE, "%s:%d: unknown key %s%.*s", conf_path,
		    line, TR181, (int)len, k);
	k += 7;
	len -= 7;
	if ((i = instno(&k, &len, line)) == -1)
		return -1;
	in = client ? instance(inst, n, max, (int)i, line) :
	    instance(servers, &nservers, MAXINST, (int)i, line);
	if (in == NULL)
		return fail(F_USAGE, "%s:%d: more than %d %s", conf_path, line,
		    max, client ? "clients" : "servers");
	in->tr181 = client ? 1 : 2;
	if (client && len > 9 && strncasecmp(k, "Hostname.", 9) == 0)
		return hostname(in, k + 9, len - 9, v, line);
	if (!client && is(k, len, "Alias")) {
		if (in->alias.v != NULL)
			return fail(F_USAGE, "%s:%d: Alias given twice (first "
			    "on line %d)", conf_path, line, in->alias.line);
		in->alias.v = v;
		in->alias.line = line;
		in->alias.name = "Alias";
		in->alias.file = conf_path;
		return literal(K_NAME, v, line, "Alias") == -1 ? -1 :
		    alias(v, line);
	}
	if (client && is(k, len, "Server")) {
		if (in->server.v != NULL)
			return fail(F_USAGE, "%s:%d: Server given twice",
			    conf_path, line);
		in->server.v = v;
		in->server.line = line;
		in->server.file = conf_path;
		return 0;
	}
	for (t = client ? clientnames : servernames; t->name != NULL; t++)
		if (is(k, len, t->name))
			break;
	if (t->name != NULL && t->key == -1)
		return 0;
	if ((key = t->name != NULL ? t->key : vendorkey(k, len)) == -1)
		return fail(F_USAGE, "%s:%d: unknown key %.*s", conf_path, line,
		    (int)len, k);
	if (put(in, key, v, line, t->name) == -1)
		return -1;
	return t->name != NULL && t->key2 != -1 ?
	    put(in, t->key2, v, line, t->name) : 0;
}

const struct instance *
conf_server(int k)
{
	return k >= 0 && k < nservers ? &servers[k] : NULL;
}

/* A Server reference without its optional final dot. */
static size_t
reflen(const char *r)
{
	size_t n = strlen(r);

	return n > 0 && r[n - 1] == '.' ? n - 1 : n;
}

static int
twice(const struct setting *a, const struct setting *b, const char *what,
    const char *obj, int index)
{
	return fail(F_USAGE, "%s:%d: %s %s: %s.%d's already (line %d): "
	    "TR-181 makes it unique", conf_path, b->line, what, b->v, obj,
	    index, a->line);
}

/*
 * TR-181's unique keys: a Client's Alias, its Server and Username
 * together, a Hostname's Name within its Client; a Server's Name and
 * Alias. The older names: an instance's Name.
 */
static int
unique(const struct instance *inst, int n)
{
	const struct instance *a, *b;
	const char *obj;
	int i, k, h, g;

	for (i = 0; i < n; i++) {
		a = &inst[i];
		obj = a->tr181 ? TR181 "Client" : "InternetGatewayDevice.DynamicDNS";
		for (h = 0; h < a->nhosts; h++)
			for (g = 0; g < h; g++)
				if (a->hosts[h].v && a->hosts[g].v &&
				    strcasecmp(a->hosts[h].v, a->hosts[g].v) == 0)
					return fail(F_USAGE, "%s:%d: Hostname."
					    "%d.Name %s: Hostname.%d's already "
					    "(line %d): TR-181 makes it unique in "
					    "a Client", conf_path,
					    a->hosts[h].line, a->hostidx[h],
					    a->hosts[h].v, a->hostidx[g],
					    a->hosts[g].line);
		for (k = 0; k < i; k++) {
			b = &inst[k];
			if (a->s[K_NAME].v && b->s[K_NAME].v &&
			    strcmp(a->s[K_NAME].v, b->s[K_NAME].v) == 0)
				return twice(&b->s[K_NAME], &a->s[K_NAME],
				    a->tr181 ? "Alias" : "Name", obj, b->index);
			if (a->server.v && b->server.v && a->s[K_USER].v &&
			    b->s[K_USER].v && reflen(a->server.v) ==
			    reflen(b->server.v) && strncasecmp(a->server.v,
			    b->server.v, reflen(a->server.v)) == 0 &&
			    strcmp(a->s[K_USER].v, b->s[K_USER].v) == 0)
				return fail(F_USAGE, "%s:%d: Username %s with "
				    "Server %s: Client.%d's already (line %d): "
				    "TR-181 makes the pair unique", conf_path,
				    a->s[K_USER].line, a->s[K_USER].v,
				    a->server.v, b->index, b->s[K_USER].line);
		}
	}
	for (i = 0; i < nservers; i++)
		for (k = 0; k < i; k++) {
			a = &servers[i];
			b = &servers[k];
			if (a->s[K_NAME].v && b->s[K_NAME].v &&
			    strcmp(a->s[K_NAME].v, b->s[K_NAME].v) == 0)
				return twice(&b->s[K_NAME], &a->s[K_NAME], "Name",
				    TR181 "Server", b->index);
			if (a->alias.v && b->alias.v &&
			    strcmp(a->alias.v, b->alias.v) == 0)
				return twice(&b->alias, &a->alias, "Alias",
				    TR181 "Server", b->index);
		}
	return 0;
}

/* Each Client takes what its Server sets and it does not. */
static int
resolve(struct instance *inst, int n)
{
	const char *r;
	char *e;
	long k;
	int i, s, key, on;
	struct instance *in, *srv;

	for (i = 0; i < n; i++) {
		in = &inst[i];
		if ((r = in->server.v) == NULL || *r == '\0')
			continue;
		if (strncasecmp(r, TR181 "Server.", strlen(TR181) + 7) != 0 ||
		    !isdigit((unsigned char)r[strlen(TR181) + 7]) ||
		    (k = strtol(r + strlen(TR181) + 7, &e, 10)) < 1 ||
		    (*e != '\0' && strcmp(e, ".") != 0))
			return fail(F_USAGE, "%s:%d: Server: not a reference "
			    "%sServer.{k}", conf_path, in->server.line, TR181);
		for (s = 0; s < nservers && servers[s].index != k; s++)
			;
		if (s == nservers) {
			in->badref = 1;
			continue;
		}
		srv = &servers[s];
		if (srv->s[K_ENABLE].v != NULL) {
			if ((on = boolval(srv->s[K_ENABLE].v,
			    srv->s[K_ENABLE].line, "Enable")) == -1)
				return -1;
			in->srvoff = !on;
		}
		for (key = 0; key < NFILEKEYS; key++)
			if (key != K_ENABLE && key != K_NAME &&
			    in->s[key].v == NULL)
				in->s[key] = srv->s[key];
		if (in->npins == 0) {
			memcpy(in->pins, srv->pins, sizeof(in->pins));
			in->npins = srv->npins;
		}
	}
	return 0;
}

/*
 * Parse path's "Key = value" lines in place (values point into text).
 * Returns the number of instances, or -1 with "path:line: what" in
 * lastfail.
 */
int
conf_parse(const char *path, char *text, size_t len, struct instance *inst,
    int max)
{
	char *p = text, *end = text + len, *nl, *eq, *k, *v, *e;
	const char *kk;
	size_t klen;
	long index;
	int line, n = 0, key, form = 0;
	struct instance *in;

	conf_path = path;
	nservers = 0;
	/* a UTF-8 byte order mark, as some Windows editors write */
	if (len >= 3 && memcmp(p, "\357\273\277", 3) == 0)
		p += 3;
	for (line = 1; p < end; line++, p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		*nl = '\0';
		if (memchr(p, '\0', (size_t)(nl - p)) != NULL)
			return fail(F_USAGE, "%s:%d: NUL byte", conf_path, line);
		for (k = p; *k == ' ' || *k == '\t'; k++)
			;
		for (e = nl; e > k && (e[-1] == ' ' || e[-1] == '\t' ||
		    e[-1] == '\r'); e--)
			;
		*e = '\0';
		if (*k == '\0' || *k == '#')
			continue;
		for (v = k; *v != '\0'; v++)
			if ((unsigned char)*v < ' ' && *v != '\t')
				return fail(F_USAGE, "%s:%d: control character",
				    conf_path, line);
		if ((eq = strchr(k, '=')) == NULL)
			return fail(F_USAGE, "%s:%d: expected Key = value",
			    conf_path, line);
		for (v = eq + 1; *v == ' ' || *v == '\t'; v++)
			;
		for (e = eq; e > k && (e[-1] == ' ' || e[-1] == '\t'); e--)
			;
		klen = (size_t)(e - k);
		index = 1;
		if (form != (klen > strlen(TR181) &&
		    strncasecmp(k, TR181, strlen(TR181)) == 0 ? 2 : 1) &&
		    form != 0)
			return fail(F_USAGE, "%s:%d: %s and the older names "
			    "in one file", conf_path, line, TR181);
		if (klen > strlen(TR181) &&
		    strncasecmp(k, TR181, strlen(TR181)) == 0) {
			form = 2;
			if (tr181(k + strlen(TR181), klen - strlen(TR181), v,
			    line, inst, &n, max) == -1)
				return -1;
			continue;
		}
		form = 1;
		kk = k;
		if (klen > strlen(PREFIX) &&
		    strncasecmp(k, PREFIX, strlen(PREFIX)) == 0) {
			kk += strlen(PREFIX);
			klen -= strlen(PREFIX);
			if ((index = instno(&kk, &klen, line)) == -1)
				return -1;
		}
		if ((key = conf_key(kk, klen)) == -1)
			return fail(F_USAGE, "%s:%d: unknown key %.*s", conf_path,
			    line, (int)klen, kk);
		if ((in = instance(inst, &n, max, (int)index, line)) == NULL)
			return fail(F_USAGE, "%s:%d: more than %d instances",
			    conf_path, line, max);
		if (put(in, key, v, line, NULL) == -1)
			return -1;
	}
	return unique(inst, n) == -1 || resolve(inst, n) == -1 ? -1 : n;
}

/*
 * An instance's host names: Hostname.{j} (sorted by j), or DomainName1
 * to 4 that are not empty. off[h] says Enable = false.
 */
int
conf_hostnames(const struct instance *in, const struct setting **s, int *idx,
    int *off)
{
	int h, k, n = 0, min, last = 0;

	if (!in->tr181) {
		for (k = K_DOMAIN1; k <= K_DOMAIN4; k++)
			if (in->s[k].v != NULL && in->s[k].v[0] != '\0') {
				s[n] = &in->s[k];
				off[n] = 0;
				idx[n++] = k - K_DOMAIN1 + 1;
			}
		return n;
	}
	for (; n < in->nhosts; n++, last = min) {
		for (min = 1000, k = -1, h = 0; h < in->nhosts; h++)
			if (in->hostidx[h] > last && in->hostidx[h] < min)
				min = in->hostidx[k = h];
		s[n] = &in->hosts[k];
		off[n] = in->hostoff[k] == 2;
		idx[n] = min;
	}
	return n;
}

/* Whether an instance can send: its Enable (on), its Server's, a host name's. */
int
conf_enabled(const struct instance *in, int on)
{
	int h;

	if (!on || in->srvoff)
		return 0;
	if (!in->tr181 || in->nhosts == 0)
		return 1;
	for (h = 0; h < in->nhosts; h++)
		if (in->hostoff[h] != 2)
			return 1;
	return 0;
}

/*
 * Read and parse a configuration file; it may hold secrets. Returns the
 * number of instances, or -1 with lastfail: F_CONFIG when the file is
 * unusable, F_USAGE when its content is wrong.
 */
int
conf_load(const char *path, struct instance *inst, int max)
{
	static char buf[CONFMAX + 1];
	struct stat sb;
	size_t len = 0;
	ssize_t r;
	int fd, n, i;

	if ((fd = open(path, O_RDONLY)) == -1)
		return fail(F_CONFIG, "%s:", path);
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return fail(F_CONFIG, "%s: not a regular file", path);
	}
	if (sb.st_mode & (S_IWGRP | S_IWOTH)) {
		close(fd);
		return fail(F_CONFIG, "%s: others can write it: refused "
		    "(chmod go-w)", path);
	}
	r = readall(fd, buf, sizeof(buf));
	close(fd);
	if (r == -1)
		return fail(F_CONFIG, "%s:", path);
	len = (size_t)r;
	if (len > CONFMAX)
		return fail(F_CONFIG, "%s: larger than %d bytes", path, CONFMAX);
	if ((n = conf_parse(path, buf, len, inst, max)) == -1)
		return -1;
	for (i = 0; i < n; i++)
		if ((inst[i].s[K_PASSWORD].v || inst[i].s[K_KEY].v) &&
		    (sb.st_mode & (S_IRGRP | S_IROTH))) {
			warn("%s: holds a secret and others can read it", path);
			break;
		}
	return n;
}

int
conf_servers(void)
{
	return nservers;
}
