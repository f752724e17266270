/* -S: the TR-181 Device.DynamicDNS status, from the configuration and the state files; nothing is sent or written. */
#include <sys/socket.h>

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "ddnsup.h"
#include "util.h"
#include "result.h"
#include "ifaddr.h"
#include "cert.h"
#include "http.h"
#include "hash.h"
#include "conf.h"
#include "cli.h"
#include "presets.h"
#include "job.h"
#include "state.h"
#include "hold.h"
#include "prepare.h"
#include "jsonout.h"
#include "status.h"

#define DM	"Device.DynamicDNS."
#define NEVER	"0001-01-01T00:00:00Z"	/* TR-106's unknown time */
#define NOLIMIT	"4294967295"		/* MaxRetries unset: the largest unsignedInt */

enum { H_REGISTERED, H_NEEDED, H_ERROR, H_DISABLED, H_UPDATING };

static const char *const hostwords[] = { "Registered", "UpdateNeeded", "Error",
    "Disabled", "Updating" };
static struct job job;
static struct state st;
static int json;

/* One parameter: "path = value", or a member of the JSON object. */
static void
emit(const char *path, const char *value)
{
	if (json)
		jsonout_member(stdout, path, value);
	else
		printf("%s = %s\n", path, value);
}

static void
param(const char *obj, const char *name, const char *value)
{
	char path[160];

	snprintf(path, sizeof(path), DM "%s%s", obj, name);
	emit(path, value);
}

/* The manual's EXIT STATUS table: a status as TR-181's LastError. */
static const char *
lasterror(int status)
{
	switch (status) {
	case ST_OK:
		return "NO_ERROR";
	case ST_NOHOST:
		return "DNS_ERROR";
	case ST_UNAVAILABLE:
		return "CONNECTION_ERROR";
	case ST_TEMPFAIL:
		return "TIMEOUT_ERROR";
	case ST_PROTOCOL:
		return "PROTOCOL_ERROR";
	case ST_NOPERM:
		return "AUTHENTICATION_ERROR";
	default:
		return "MISCONFIGURATION_ERROR";
	}
}

/* TR-106's dateTime in UTC; its unknown time for never. */
static const char *
datetime(long long t)
{
	static char buf[32];
	time_t tt = (time_t)t;
	struct tm tm;

	if (t <= 0 || gmtime_r(&tt, &tm) == NULL ||
	    strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		return NEVER;
	return buf;
}

/* The address a run would send, where it is known without the network. */
static void
current(struct job *j)
{
	struct ifpick p = { 0, NULL, 0, 0 };
	int k;

	p.allowprivate = j->allowprivate;
	if (j->link != NULL) {
		if (j->six && ifaddr_get(j->link, AF_INET6, &p, j->addr6,
		    ADDRLEN) == -1)
			j->addr6[0] = '\0';
		if ((j->four || !j->six) && ifaddr_get(j->link, AF_INET, &p,
		    j->addr4, ADDRLEN) == -1)
			j->addr4[0] = '\0';
		return;
	}
	for (k = 0; j->checkurl != NULL && k < 2; k++)
		if (st.check[k].time != 0 &&
		    strcmp(st.check[k].url, j->checkurl) == 0)
			snprintf(k ? j->addr6 : j->addr4, ADDRLEN, "%s",
			    st.check[k].addr);
}

static int
stale(const struct staterec *r, char family, const char *addr)
{
	return addr[0] != '\0' && r->family == family &&
	    strcmp(r->addr, addr) != 0;
}

/* What the state says of one host name. */
struct host {
	int status;		/* H_ */
	int worst;		/* the exit status of its last results */
	const char *code;	/* the provider's word, or the local cause */
	long long last;		/* its last successful update */
	long long hold;		/* held until, 0 if not */
	long long stop;		/* stopped since, 0 if not */
	char addr[2 * ADDRLEN + 2];	/* registered: v4, v6 or v4,v6 */
};

/*
 * TR-181's Hostname Error is "doesn't exist for this Dynamic DNS account":
 * the provider's nohost and !yours, nothing else.
 */
static int
noaccount(const char *code)
{
	return strcmp(code, "nohost") == 0 || strcmp(code, "!yours") == 0;
}

/* One host name from its records; fp its configuration's fingerprint, or NULL. */
static void
hoststatus(const char *name, const char *fp, long long now, int busy,
    struct host *h)
{
	const struct staterec *r;
	int k, any = 0, need = 0, err = 0, fam4 = 0, fam6 = 0;
	size_t n;

	memset(h, 0, sizeof(*h));
	h->code = "";
	for (k = 0; k < st.n; k++) {
		r = &st.rec[k];
		if (strcasecmp(r->name, name) != 0)
			continue;
		any = 1;
		fam4 |= r->family == '4';
		fam6 |= r->family == '6';
		if (r->updated > h->last)
			h->last = r->updated;
		if (r->hold > now && r->hold > h->hold)
			h->hold = r->hold;
		if (r->stop > h->stop)
			h->stop = r->stop;
		if (h->code[0] == '\0' || worse(h->worst, r->status) !=
		    h->worst)
			h->code = strcmp(r->code, "-") ? r->code : "";
		h->worst = worse(h->worst, r->status);
		if (r->updated > 0 && strcmp(r->addr, "-") != 0) {
			n = strlen(h->addr);
			snprintf(h->addr + n, sizeof(h->addr) - n, "%s%s",
			    n ? "," : "", r->addr);
		}
		if (r->stop != 0 && noaccount(r->code) && (fp == NULL ||
		    strcmp(r->fp, fp) == 0))
			err = 1;
		if (r->updated == 0 || (fp != NULL && (r->stop == 0 ?
		    hold_changed(r, fp) : strcmp(r->fp, fp) != 0)) ||
		    stale(r, '4', job.addr4) || stale(r, '6', job.addr6))
			need = 1;
	}
	if (err)
		h->status = H_ERROR;
	else if (!any || need || h->last == 0 ||
	    (job.addr4[0] && !fam4) || (job.addr6[0] && !fam6))
		/* a run that holds the lock is sending it now */
		h->status = busy && h->hold == 0 ? H_UPDATING : H_NEEDED;
	else
		h->status = H_REGISTERED;
}

/* A parameter as the run takes it: the command line's, else the file's. */
static const char *
setting(const struct instance *in, const struct cli *c, int k)
{
	return c->in.s[k].v != NULL ? c->in.s[k].v : in->s[k].v;
}

/* The command line's names (hs[h] NULL), else the instance's Hostnames. */
static int
hostnames(const struct instance *in, const struct cli *c,
    const struct setting **hs, int *idx, int *off)
{
	int n;

	if (c->nnames == 0)
		return conf_hostnames(in, hs, idx, off);
	for (n = 0; n < c->nnames; n++) {
		hs[n] = NULL;
		idx[n] = n + 1;
		off[n] = 0;
	}
	return n;
}

static int
istrue(const char *v)
{
	return v == NULL || strcmp(v, "1") == 0 || strcasecmp(v, "true") == 0;
}

/* The Hostname.{j} lines. */
static void
hostlines(const char *obj, int j, int off, const char *name,
    const struct host *h)
{
	char o[96];

	snprintf(o, sizeof(o), "%sHostname.%d.", obj, j);
	param(o, "Enable", off ? "false" : "true");
	param(o, "Name", name);
	param(o, "Status", hostwords[h->status]);
	param(o, "LastUpdate", datetime(h->last));
	param(o, "X_DDNSUP_LastResult", h->code);
	param(o, "X_DDNSUP_Address", h->addr);
	param(o, "X_DDNSUP_HoldUntil", datetime(h->hold));
	param(o, "X_DDNSUP_StoppedSince", datetime(h->stop));
}

/* Client.{i}.Status: phase is a run's while it holds the lock, else NULL. */
static const char *
clientstatus(int enabled, const char *phase, int last, int registered)
{
	if (!enabled)
		return "Disabled";
	/* a run holds the lock: its phase, unless -S alone finds the
	   instance misconfigured */
	if (phase != NULL && last != ST_USAGE)
		return phase;
	if (last == ST_USAGE || last == ST_CONFIG)
		return "Error_Misconfigured";
	if (last != ST_OK)
		return "Error";
	if (registered)
		return "Updated";
	/* TR-181 has no value for "not updated since the address changed,
	   and no error": the manual's deviation */
	return "X_DDNSUP_UpdateNeeded";
}

/* One Client.{i}: its settings checked as a run would, its state read. */
static void
client(const struct instance *in, const struct cli *c, long long now)
{
	static struct host hst[MAXNAMES];
	const struct setting *hs[MAXNAMES];
	const char *name, *status, *phase = NULL, *code = "", *v;
	char fp[FPSIZE], buf[64], obj[48];
	int idx[MAXNAMES], off[MAXNAMES], n, h, on, ok, enabled;
	int busy = 0, last = ST_OK, havefp, i = in->index ? in->index : 1;
	int registered = 1, unusable = 0;

	on = istrue(in->s[K_ENABLE].v);
	enabled = conf_enabled(in, on);
	ok = job_build(&job, in, c) == 0;
	if (!ok && c->conffile != NULL && enabled)
		warn("%s", lastfail.msg);
	if (!ok) {
		memset(&job, 0, sizeof(job));
		job_statefile(&job, in, c);
	}
	/* the fingerprint needs what a run would use: the CA file, the secret */
	if (ok)
		prepare_cafile(&job);
	havefp = ok && prepare_secret(&job) == 0;
	if (job.statefile != NULL && state_peek(&st, job.statefile,
	    &busy, &phase) == -1) {
		/* a run would refuse it (78): so does the status */
		warn("%s", lastfail.msg);
		memset(&st, 0, sizeof(st));
		unusable = 1;
	} else if (job.statefile == NULL)
		memset(&st, 0, sizeof(st));
	else
		/* what a run would cut, -S reports cut (it writes nothing) */
		hold_bound(&st, ok ? job.retry : -1, now);
	if (ok)
		current(&job);
	n = hostnames(in, c, hs, idx, off);
	for (h = 0; h < n; h++) {
		name = hs[h] ? hs[h]->v : c->names[h];
		if (havefp)
			hold_fingerprint(&st, &job, name ? name : "", fp);
		hoststatus(name ? name : "", havefp ? fp : NULL, now, busy,
		    &hst[h]);
		if (off[h] || !enabled)
			hst[h].status = H_DISABLED;
		if (hst[h].status == H_DISABLED)
			continue;
		registered &= hst[h].status == H_REGISTERED;
		if (hst[h].code[0] != '\0' && (code[0] == '\0' ||
		    worse(last, hst[h].worst) != last))
			code = hst[h].code;
		last = worse(last, hst[h].worst);
	}
	wipe(job.secret, sizeof(job.secret));
	if (!ok && c->conffile != NULL && enabled)
		last = ST_USAGE;
	else if (unusable)
		last = ST_CONFIG;
	status = clientstatus(enabled, busy ? phase : NULL, last, registered);
	snprintf(obj, sizeof(obj), "Client.%d.", i);
	param(obj, "Enable", on ? "true" : "false");
	param(obj, "Status", status);
	if (in->s[K_NAME].v != NULL)
		param(obj, "Alias", in->s[K_NAME].v);
	else {
		snprintf(buf, sizeof(buf), "cpe-client-%d", i);
		param(obj, "Alias", buf);
	}
	param(obj, "LastError", lasterror(last));
	param(obj, "Server", in->server.v ? in->server.v : "");
	v = setting(in, c, K_LINK);
	param(obj, "Interface", v ? v : "");
	if ((v = setting(in, c, K_USER)) == NULL)
		v = setting(in, c, K_EMAIL);
	param(obj, "Username", v ? v : "");
	param(obj, "Password", "");
	snprintf(buf, sizeof(buf), "%d", n);
	param(obj, "HostnameNumberOfEntries", buf);
	param(obj, "X_DDNSUP_LastResult", code);
	param(obj, "X_DDNSUP_InterfaceName", ok && job.link ? job.link : "");
	for (h = 0; h < n; h++) {
		name = hs[h] ? hs[h]->v : c->names[h];
		hostlines(obj, idx[h], off[h], name ? name : "", &hst[h]);
	}
}

/* A Server's value, else def. */
static const char *
sval(const struct instance *s, int k, const char *def)
{
	return s->s[k].v != NULL ? s->s[k].v : def;
}

/* One Server.{k}: the file's values, else what a run would use. */
static void
server(const struct instance *s)
{
	const struct preset *p = preset_find(sval(s, K_PROVIDER, ""));
	const char *proto = sval(s, K_PROTO, "dyndns");
	char obj[32], buf[64];
	int tzo = strcasecmp(proto, "tzo") == 0, https, k;
	int dns = strcasecmp(proto, "rfc2136") == 0;

	snprintf(obj, sizeof(obj), "Server.%d.", s->index);
	https = strcasecmp(sval(s, K_PROTOCOL, "https"), "http") != 0;
	param(obj, "Enable", istrue(s->s[K_ENABLE].v) ? "true" : "false");
	param(obj, "Name", sval(s, K_NAME, ""));
	snprintf(buf, sizeof(buf), "cpe-server-%d", s->index);
	param(obj, "Alias", s->alias.v ? s->alias.v : buf);
	param(obj, "ServiceName", sval(s, K_PROVIDER, ""));
	if (tzo) {
		param(obj, "ServerAddress", sval(s, K_CLUSTER,
		    "ClusterLookup1.tzo.com"));
		snprintf(buf, sizeof(buf), "%d", TZOPORT);
		param(obj, "ServerPort", sval(s, K_CLUSTERPORT, buf));
		param(obj, "SupportedProtocols", "X_DDNSUP_TZO");
		param(obj, "Protocol", "X_DDNSUP_TZO");
	} else if (dns) {
		/* no ServerAddress: the zone's primary (SOA MNAME) at run time */
		param(obj, "ServerAddress", sval(s, K_FQDN, ""));
		param(obj, "ServerPort", sval(s, K_PORT, "53"));
		param(obj, "SupportedProtocols", "X_DDNSUP_RFC2136");
		param(obj, "Protocol", "X_DDNSUP_RFC2136");
	} else {
		param(obj, "ServerAddress", sval(s, K_FQDN, p ? p->host :
		    "members.dyndns.org"));
		param(obj, "ServerPort", sval(s, K_PORT, https ? "443" : "80"));
		param(obj, "SupportedProtocols", "HTTP,HTTPS");
		param(obj, "Protocol", https ? "HTTPS" : "HTTP");
	}
	snprintf(buf, sizeof(buf), "%lld", CHECKREUSE);
	param(obj, "CheckInterval", sval(s, K_CHECKINT, buf));
	snprintf(buf, sizeof(buf), "%lld", HOLDOFF);
	param(obj, "RetryInterval", sval(s, K_RETRYINT, buf));
	param(obj, "MaxRetries", sval(s, K_MAXRETRIES, NOLIMIT));
	snprintf(buf, sizeof(buf), "%s", proto);
	for (k = 0; buf[k] != '\0'; k++)
		buf[k] = (char)tolower((unsigned char)buf[k]);
	param(obj, "X_DDNSUP_DdnsProtocol", buf);
}

/*
 * -S: the file's clients (or the command line's one), in instance order,
 * then the file's servers. Returns 0, or -1 for a command line -S
 * cannot use.
 */
int
status_report(const struct instance *inst, int n, const struct cli *c)
{
	const struct preset *p;
	const struct instance *s;
	char buf[1100];
	size_t len = 0;
	long long now;
	int i, k, count = 0, last = 0, min;

	if (clock_now(&now) == -1)
		return -1;
	if (c->conffile == NULL && (c->in.s[K_STATE].v == NULL ||
	    c->nnames == 0))
		return fail(F_USAGE, "-S needs -f file, or -c statefile and "
		    "the host names");
	if (c->conffile != NULL && c->nnames > 0)
		return fail(F_USAGE, "-S -f reports the file's host names: "
		    "give none");
	json = c->json;
	for (i = 0; i < n; i++)
		count += c->conffile == NULL || conf_selected(&inst[i],
		    c->select);
	if (json)
		jsonout_open(stdout);
	for (p = preset_all(); p->name != NULL && len < sizeof(buf); p++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s",
		    p == preset_all() ? "" : ",", p->name);
	emit(DM "SupportedServices", buf);
	snprintf(buf, sizeof(buf), "%d", count);
	emit(DM "ClientNumberOfEntries", buf);
	snprintf(buf, sizeof(buf), "%d", c->conffile ? conf_servers() : 0);
	emit(DM "ServerNumberOfEntries", buf);
	for (; count > 0; count--, last = min) {
		for (min = 1000, k = 0, i = 0; i < n; i++)
			if ((c->conffile == NULL || conf_selected(&inst[i],
			    c->select)) && inst[i].index >= last + (last > 0) &&
			    inst[i].index < min)
				min = inst[k = i].index;
		client(&inst[k], c, now);
	}
	for (last = 0; c->conffile != NULL; last = min) {
		for (s = NULL, min = 1000, k = 0; conf_server(k) != NULL; k++)
			if (conf_server(k)->index > last &&
			    conf_server(k)->index < min)
				min = (s = conf_server(k))->index;
		if (s == NULL)
			break;
		server(s);
	}
	if (json)
		jsonout_close(stdout);
	return 0;
}
