/* Command-line values and their checks, before any file is read. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

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
#include "rest.h"
#include "checkip.h"

/* An option that sets a parameter. */
int
cli_set(struct cli *c, int key, const char *v, const char *opt)
{
	struct setting *s;

	if (key == K_PIN) {
		if (c->in.npins == MAXPINS)
			return fail(F_USAGE, "-k: at most %d pins", MAXPINS);
		s = &c->in.pins[c->in.npins++];
	} else if (key == K_ADDRESS) {
		if (c->in.naddrs == 2)
			return fail(F_USAGE, "%s %s: at most two addresses, one "
			    "of each family", opt, v);
		s = &c->in.addrs[c->in.naddrs++];
	} else
		s = &c->in.s[key];
	/* -w again: the pages in order, tried one after another */
	if (key == K_ADDRESSURL && s->v != NULL && strcmp(opt, "-w") == 0 &&
	    strcmp(s->opt, "-w") == 0) {
		if (strlen(s->v) + strlen(v) + 2 > sizeof(c->wlist))
			return fail(F_USAGE, "-w: the list is too long");
		if (s->v != c->wlist)
			snprintf(c->wlist, sizeof(c->wlist), "%s", s->v);
		snprintf(c->wlist + strlen(c->wlist), sizeof(c->wlist) -
		    strlen(c->wlist), ",%s", v);
		v = c->wlist;
	}
	s->v = v;
	s->opt = opt;
	return 0;
}

/* -o Key=value sets any parameter but the secrets. */
int
cli_option(struct cli *c, const char *kv)
{
	const char *eq = strchr(kv, '=');
	int key;

	if (eq == NULL || eq == kv)
		return fail(F_USAGE, "-o %s: expected key=value", kv);
	/* -S's form: a command-line option, not a parameter */
	if (eq - kv == 12 && strncasecmp(kv, "StatusFormat", 12) == 0) {
		if (strcmp(eq + 1, "json") != 0 && strcmp(eq + 1, "text") != 0)
			return fail(F_USAGE, "-o %s: json or text", kv);
		c->json = strcmp(eq + 1, "json") == 0;
		c->jsonset = 1;
		return 0;
	}
	if ((key = conf_key(kv, (size_t)(eq - kv))) == -1)
		return fail(F_USAGE, "-o %.*s: unknown key", (int)(eq - kv), kv);
	if (key == K_PASSWORD || key == K_KEY)
		return fail(F_USAGE, "-o %.*s: secrets are not accepted on the "
		    "command line; use -p file or DDNSUP_PASSWORD",
		    (int)(eq - kv), kv);
	return cli_set(c, key, eq + 1, "-o");
}

/* One command-line value, checked as the instance will check it. */
static int
clivalue(const struct setting *s, int k)
{
	static struct url w[MAXCHECK];
	char norm[URLMAX];
	unsigned char iid[8];
	struct url u;
	long long n;
	int on, nw;

	if (value_range(k) != NULL)
		return value_number(s, k, &n);
	switch (k) {
	case K_PERIOD:
		return value_period(s, &n);
	case K_ENABLE:
	case K_SANDBOX:
	case K_ALLOWPRIVATE:
	case K_CREATE:
	case K_ALLOWPLAIN:
		return value_bool(s, k, &on);
	case K_V6IID:
		return iid_parse(s->v, iid) == -1 ? value_bad(s, k, IIDERR) : 0;
	case K_AGENT:
		return value_agent(s, AGENTMAX);
	case K_STATE:
		return *s->v == '\0' ? value_bad(s, k, "an empty path") : 0;
	case K_ADDRESSURL:
		return checkip_list(w, &nw, norm, s->v) == -1 ?
		    value_bad(s, k, "%s", lastfail.msg) : 0;
	case K_UPDATEURL:
		return custom_parse(s->v, &u) == -1 ?
		    value_bad(s, k, "%s", lastfail.msg) : 0;
	case K_PROVIDER:
		return preset_find(s->v) == NULL && rest_find(s->v) == NULL ?
		    value_bad(s, k, "unknown "
		    "provider (ddnsup -V lists them)") : 0;
	default:
		return 0;
	}
}

/*
 * What the command line alone can tell, before any file is read: each
 * value it gives, checked as the instance would check it, and its names.
 */
int
cli_check(const struct cli *c)
{
	char a4[ADDRLEN] = "", a6[ADDRLEN] = "";
	struct pin pin;
	int k;

	if (c->select != NULL && c->conffile == NULL)
		return fail(F_USAGE, "-I selects an instance of -f file");
	if (c->jsonset && !c->status)
		return fail(F_USAGE, "-o StatusFormat: applies to -S only");
	if (names_check((const char *const *)c->names, c->nnames) == -1)
		return -1;
	if (value_addrs(a4, a6, c->in.addrs, c->in.naddrs, 1) == -1)
		return -1;
	for (k = 0; k < c->in.npins; k++)
		if (cert_parsepin(c->in.pins[k].v, &pin) == -1)
			return value_bad(&c->in.pins[k], K_PIN, "not "
			    "sha256//BASE64 of a SHA-256 hash");
	for (k = 0; k < NKEYS; k++)
		if (c->in.s[k].v != NULL && clivalue(&c->in.s[k], k) == -1)
			return -1;
	return 0;
}
