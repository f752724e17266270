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

#define PREFIX		"InternetGatewayDevice.DynamicDNS."

const char *conf_path = "-";

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
	return &inst[(*n)++];
}

/*
 * Parse "Key = value" lines in place (values point into text). Returns
 * the number of instances, or -1 with "file:line: what" in lastfail.
 */
int
conf_parse(char *text, size_t len, struct instance *inst, int max)
{
	char *p = text, *end = text + len, *nl, *eq, *k, *v, *e;
	size_t klen;
	long index;
	int line, n = 0, key;
	struct instance *in;
	struct setting *s;

	for (line = 1; p < end; line++, p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		*nl = '\0';
		if (memchr(p, '\0', (size_t)(nl - p)) != NULL)
			return fail(F_CONFIG, "%s:%d: NUL byte", conf_path, line);
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
				return fail(F_CONFIG, "%s:%d: control character",
				    conf_path, line);
		if ((eq = strchr(k, '=')) == NULL)
			return fail(F_CONFIG, "%s:%d: expected Key = value",
			    conf_path, line);
		for (v = eq + 1; *v == ' ' || *v == '\t'; v++)
			;
		for (e = eq; e > k && (e[-1] == ' ' || e[-1] == '\t'); e--)
			;
		klen = (size_t)(e - k);
		index = 1;
		if (klen > strlen(PREFIX) &&
		    strncasecmp(k, PREFIX, strlen(PREFIX)) == 0) {
			k += strlen(PREFIX);
			klen -= strlen(PREFIX);
			if (!isdigit((unsigned char)*k))
				return fail(F_CONFIG, "%s:%d: instance number "
				    "missing", conf_path, line);
			index = strtol(k, &e, 10);
			if (*e != '.' || index < 1 || index > 999)
				return fail(F_CONFIG, "%s:%d: bad instance number",
				    conf_path, line);
			klen -= (size_t)(e + 1 - k);
			k = e + 1;
		}
		if ((key = conf_key(k, klen)) == -1)
			return fail(F_CONFIG, "%s:%d: unknown key %.*s", conf_path,
			    line, (int)klen, k);
		if ((in = instance(inst, &n, max, (int)index, line)) == NULL)
			return fail(F_CONFIG, "%s:%d: more than %d instances",
			    conf_path, line, max);
		if (key == K_PIN) {
			if (in->npins == MAXPINS)
				return fail(F_CONFIG, "%s:%d: more than %d pins",
				    conf_path, line, MAXPINS);
			s = &in->pins[in->npins++];
		} else {
			s = &in->s[key];
			if (s->v != NULL)
				return fail(F_CONFIG, "%s:%d: %s given twice "
				    "(first on line %d)", conf_path, line,
				    keys[key], s->line);
		}
		s->v = v;
		s->line = line;
		if (key == K_NAME && !validinstname(v))
			return fail(F_CONFIG, "%s:%d: Name: letters, digits, "
			    "'.', '_' and '-', at most 64", conf_path, line);
	}
	return n;
}

/*
 * Read and parse a configuration file; it may hold secrets. Returns the
 * number of instances, -1 when the file is unusable, -2 when its
 * content is wrong.
 */
int
conf_load(const char *path, struct instance *inst, int max)
{
	static char buf[CONFMAX + 1];
	struct stat sb;
	size_t len = 0;
	ssize_t r;
	int fd, n, i;

	conf_path = path;
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
	if ((n = conf_parse(buf, len, inst, max)) == -1)
		return -2;	/* a usage error, not an unusable file */
	for (i = 0; i < n; i++)
		if ((inst[i].s[K_PASSWORD].v || inst[i].s[K_KEY].v) &&
		    (sb.st_mode & (S_IRGRP | S_IROTH))) {
			warn("%s: holds a secret and others can read it", path);
			break;
		}
	return n;
}
