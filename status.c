/* -S: the TR-181 Device.DynamicDNS status, from the configuration and the state files; nothing is sent or written. */
#include <sys/socket.h>

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
#include "status.h"

#define DM	"Device.DynamicDNS."

enum { H_REGISTERED, H_NEEDED, H_ERROR, H_DISABLED, H_UPDATING };

static const char *const hostwords[] = { "Registered", "UpdateNeeded", "Error",
    "Disabled", "Updating" };
static struct job job;
static struct state st;

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
		return "0001-01-01T00:00:00Z";
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

/*
 * One host name from its records: fp is its configuration's fingerprint
 * (NULL when unknown); *last its last successful update; *status gets
 * the statuses of its last results.
 */
static int
hoststatus(const char *name, const char *fp, long long now, long long *last,
    int *status, int busy)
{
	const struct staterec *r;
	int k, any = 0, need = 0, err = 0, fam4 = 0, fam6 = 0, held = 0;

	*last = 0;
	for (k = 0; k < st.n; k++) {
		r = &st.rec[k];
		if (strcasecmp(r->name, name) != 0)
			continue;
		any = 1;
		fam4 |= r->family == '4';
		fam6 |= r->family == '6';
		if (r->updated > *last)
			*last = r->updated;
		held |= r->hold > now;
		*status = worse(*status, r->status);
		if (r->stop != 0 && (fp == NULL || strcmp(r->fp, fp) == 0))
			err = 1;
		else if (r->stop != 0 || r->hold > now ||
		    (fp != NULL && hold_changed(r, fp)) ||
		    stale(r, '4', job.addr4) || stale(r, '6', job.addr6))
			need = 1;
	}
	if (err)
		return H_ERROR;
	if (!any || need || *last == 0 || (job.addr4[0] && !fam4) ||
	    (job.addr6[0] && !fam6))
		/* a run that holds the lock is sending it now */
		return busy && !held ? H_UPDATING : H_NEEDED;
	return H_REGISTERED;
}

/* A parameter as the run takes it: the command line's, else the file's. */
static const char *
setting(const struct instance *in, const struct cli *c, int k)
{
	return c->in.s[k].v != NULL ? c->in.s[k].v : in->s[k].v;
}

static void
param(int i, const char *name, const char *value)
{
	printf(DM "Client.%d.%s = %s\n", i, name, value);
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

/* One Client.{i}: its settings checked as a run would, its state read. */
static void
client(const struct instance *in, const struct cli *c, long long now)
{
	const struct setting *hs[MAXNAMES];
	const char *name, *v = in->s[K_ENABLE].v, *status, *phase = NULL;
	char fp[FPSIZE], buf[64];
	int idx[MAXNAMES], off[MAXNAMES], hst[MAXNAMES], n, h, on, ok;
	int busy = 0, last = ST_OK, havefp, i = in->index ? in->index : 1;
	int unusable = 0;
	long long upd[MAXNAMES];

	on = v == NULL || strcmp(v, "1") == 0 || strcasecmp(v, "true") == 0;
	ok = job_build(&job, in, c) == 0;
	if (!ok && c->conffile != NULL && conf_enabled(in, on))
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
		if (havefp) {
			hold_fingerprint(&st, &job, name ? name : "", fp);
		}
		hst[h] = hoststatus(name ? name : "", havefp ? fp : NULL, now,
		    &upd[h], &last, busy);
		if (off[h] || !conf_enabled(in, on))
			hst[h] = H_DISABLED;
	}
	wipe(job.secret, sizeof(job.secret));
	if (!ok && c->conffile != NULL && conf_enabled(in, on))
		last = ST_USAGE;
	else if (unusable)
		last = ST_CONFIG;
	if (!conf_enabled(in, on))
		status = "Disabled";
	else if (busy && last != ST_USAGE)
		status = phase;
	else if (last == ST_OK)
		status = "Updated";
	else if (last == ST_USAGE || last == ST_CONFIG)
		status = "Error_Misconfigured";
	else
		status = "Error";
	param(i, "Enable", on ? "true" : "false");
	param(i, "Status", status);
	if (in->s[K_NAME].v != NULL)
		param(i, "Alias", in->s[K_NAME].v);
	param(i, "LastError", lasterror(last));
	if (in->server.v != NULL)
		param(i, "Server", in->server.v);
	if ((v = setting(in, c, K_LINK)) != NULL && *v != '\0')
		param(i, "Interface", v);
	if ((v = setting(in, c, K_USER)) != NULL ||
	    (v = setting(in, c, K_EMAIL)) != NULL)
		param(i, "Username", v);
	param(i, "Password", "");
	snprintf(buf, sizeof(buf), "%d", n);
	param(i, "HostnameNumberOfEntries", buf);
	for (h = 0; h < n; h++) {
		name = hs[h] ? hs[h]->v : c->names[h];
		printf(DM "Client.%d.Hostname.%d.Enable = %s\n", i, idx[h],
		    off[h] ? "false" : "true");
		printf(DM "Client.%d.Hostname.%d.Name = %s\n", i, idx[h],
		    name ? name : "");
		printf(DM "Client.%d.Hostname.%d.Status = %s\n", i, idx[h],
		    hostwords[hst[h]]);
		printf(DM "Client.%d.Hostname.%d.LastUpdate = %s\n", i, idx[h],
		    datetime(upd[h]));
	}
}

/*
 * -S: the file's clients (or the command line's one), in instance order.
 * Returns the exit status: 0, or 64 for a command line -S cannot use.
 */
int
status_report(const struct instance *inst, int n, const struct cli *c)
{
	const struct preset *p;
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
	for (i = 0; i < n; i++)
		count += c->conffile == NULL || conf_selected(&inst[i],
		    c->select);
	printf(DM "SupportedServices = ");
	for (p = preset_all(); p->name != NULL; p++)
		printf("%s%s", p == preset_all() ? "" : ",", p->name);
	printf("\n" DM "ClientNumberOfEntries = %d\n", count);
	printf(DM "ServerNumberOfEntries = %d\n", c->conffile ? conf_servers() :
	    0);
	for (; count > 0; count--, last = min) {
		for (min = 1000, k = 0, i = 0; i < n; i++)
			if ((c->conffile == NULL || conf_selected(&inst[i],
			    c->select)) && inst[i].index >= last + (last > 0) &&
			    inst[i].index < min)
				min = inst[k = i].index;
		client(&inst[k], c, now);
	}
	return 0;
}
