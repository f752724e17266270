/* One instance's run: state decisions, address check, request, record. */
#include <sys/socket.h>
#include <arpa/inet.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ddnsup.h"
#include "util.h"
#include "result.h"
#include "net.h"
#include "ifaddr.h"
#include "cert.h"
#include "http.h"
#include "hash.h"
#include "presets.h"
#include "job.h"
#include "proto.h"
#include "checkip.h"
#include "progress.h"
#include "state.h"
#include "hold.h"
#include "run.h"

static const char *loadedca;	/* the CA file whose anchors are loaded */
#define RETRIES		3	/* after 250, 500 and 1000 ms */

static struct state st;
static struct job sub;		/* the names that need a request */
static struct nameresult subres[MAXNAMES];
static char fp[MAXNAMES][FPSIZE];

/* Decode the job's trust anchors unless they are the ones loaded. */
static int
anchors(const struct job *j)
{
	if (j->cafile == NULL || (loadedca != NULL &&
	    strcmp(loadedca, j->cafile) == 0))
		return 0;
	if (cert_anchors(j->cafile) == -1)
		return -1;
	loadedca = j->cafile;
	return 0;
}

/* -w: the address the check page sees, reused for a while with -c. */
static int
webcheck(struct job *j, struct state *s, long long now)
{
	struct checkrec *c;
	char *out;
	int i, k, fam;

	for (k = 0; k < 2; k++) {
		if ((k == 0 && !(j->four || !j->six)) || (k == 1 && (!j->six ||
		    j->prefixif != NULL)))
			continue;
		fam = k == 0 ? AF_INET : AF_INET6;
		out = k == 0 ? j->addr4 : j->addr6;
		c = s != NULL ? &s->check[k] : NULL;
		if (c != NULL && c->time != 0 && c->time <= now &&
		    now - c->time < j->checkreuse && strcmp(c->url, j->checkurl) == 0) {
			snprintf(out, ADDRLEN, "%s", c->addr);
			if (j->verbose)
				logv("address check: %s, as found %lld s ago",
				    out, now - c->time);
			continue;
		}
		/* the pages in order, each within the one deadline */
		for (i = 0; i < j->nwurl; i++) {
			if (j->wurl[i].tls && anchors(j) == -1)
				return -1;
			if (checkip_fetch(j, &j->wurl[i], fam, out, ADDRLEN) == 0)
				break;
			if (i + 1 < j->nwurl)
				warn("%s; trying the next check page",
				    lastfail.msg);
		}
		if (i == j->nwurl)
			return fail(lastfail.kind == F_CONFIG ? F_CONFIG :
			    F_CHECK, "%s", lastfail.msg);
		if (c != NULL) {
			c->time = now;
			c->family = k == 0 ? '4' : '6';
			snprintf(c->addr, sizeof(c->addr), "%s", out);
			snprintf(c->url, sizeof(c->url), "%s", j->checkurl);
		}
	}
	return 0;
}

static void
pausems(int ms)
{
	struct timespec ts;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (long)(ms % 1000) * 1000000;
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

/* The IPv6 address a name of the job has registered (the first), or NULL. */
static const char *
registered(const struct job *j)
{
	struct staterec *r;
	int i;

	for (i = 0; j->statefile != NULL && i < j->nnames; i++)
		if ((r = state_find(&st, j->names[i], '6')) != NULL &&
		    strcmp(r->addr, "-") != 0)
			return r->addr;
	return NULL;
}

/* The links' addresses: -i's (unless -w asks the page), IPv6PrefixInterface's. */
static int
linkaddrs(struct job *j, const struct ifpick *p)
{
	int v6 = j->six && j->prefixif == NULL;

	if (j->link != NULL && j->checkurl == NULL && ((v6 &&
	    ifaddr_get(j->link, AF_INET6, p, j->addr6, ADDRLEN) == -1) ||
	    ((j->four || !j->six) && ifaddr_get(j->link, AF_INET, p, j->addr4,
	    ADDRLEN) == -1)))
		return -1;
	if (j->prefixif != NULL && ifaddr_get(j->prefixif, AF_INET6, p,
	    j->addr6, ADDRLEN) == -1)
		return -1;
	return 0;
}

/*
 * A link without its address yet (not present, DHCP, DAD, a ULA alone)
 * is waited for within the deadline (not by -n); the registered one is
 * kept while it is usable.
 */
static int
waitaddrs(struct job *j, int dry)
{
	struct ifpick p;
	int ms = 100;

	p.allowprivate = j->allowprivate;
	p.keep = registered(j);
	p.keep64 = j->hasiid;
	p.verbose = j->verbose;
	while (linkaddrs(j, &p) == -1) {
		/* -n shows what it has now: no wait */
		if (lastfail.kind != F_LINK || dry || net_remaining() <= ms)
			return -1;
		if (j->verbose)
			logv("%s: again in %d ms", lastfail.msg, ms);
		pausems(ms);
		ms = ms < 800 ? 2 * ms : 1000;
	}
	return 0;
}

/* IPv6InterfaceID, then AllowPrivate: what may be published. */
static int
shape(struct job *j)
{
	unsigned char a[16];
	char canon[ADDRLEN], *out;
	int k, fam;

	if (j->hasiid && j->addr6[0] && inet_pton(AF_INET6, j->addr6, a) == 1) {
		memcpy(a + 8, j->iid, 8);
		inet_ntop(AF_INET6, a, j->addr6, ADDRLEN);
	}
	for (k = 0; k < 2; k++) {
		out = k == 0 ? j->addr4 : j->addr6;
		if (out[0] && !j->allowprivate && j->link != NULL &&
		    addr_class(out, &fam, canon, sizeof(canon)) == A_PRIVATE)
			return fail(F_CONFIG, "%s: %s is a private address: not "
			    "published unless -o AllowPrivate=1 says so (behind "
			    "NAT, -w finds the public one)", k == 1 &&
			    j->prefixif ? j->prefixif : j->link, out);
	}
	return 0;
}

/* Failed, and nothing reached the provider: worth another try. */
static int
unreached(const struct nameresult *r, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (r[i].res != R_FAILED || !r[i].local || r[i].reached ||
		    (r[i].status != ST_UNAVAILABLE &&
		    r[i].status != ST_TEMPFAIL))
			return 0;
	return n > 0;
}

/* struct job's phase: where the protocol is, for a concurrent -S */
static void
phase(int authenticating)
{
	progress_set(authenticating ? PHASE_AUTHENTICATING : PHASE_CONNECTING);
}

/* The request, tried again with a short backoff while nothing reaches the provider. */
static void
update(const struct job *j)
{
	int ms, tries;

	for (ms = 250, tries = 0;; ms *= 2) {
		net_reached(1);
		phase(0);
		j->proto->update(&sub, subres);
		if (!unreached(subres, sub.nnames) || ++tries > RETRIES ||
		    net_remaining() <= ms + 250)
			return;
		if (j->verbose)
			logv("%s: again in %d ms", subres[0].text, ms);
		pausems(ms);
	}
}

/* What the state settles without a request; the rest goes into sub. */
static void
decide(struct job *j, long long now, int *need, struct nameresult *res)
{
	int i;

	sub = *j;
	sub.nnames = 0;
	sub.phase = phase;
	for (i = 0; i < j->nnames; i++) {
		need[i] = 1;
		if (j->statefile != NULL) {
			hold_fingerprint(&st, j, j->names[i], fp[i]);
			if (!j->force)
				need[i] = hold_decide(&st, j, i, fp[i],
				    j->refresh, now, &res[i]);
		}
		if (need[i])
			sub.names[sub.nnames++] = j->names[i];
	}
}

/*
 * -n, after a warning with the status a real run would have had: each
 * address still unknown is shown by where a real run finds it
 * (IPv4-of-ppp0, IPv6-from-w), so that every request can be.
 */
static void
unknown(struct job *j, int web)
{
	const char *src[2];
	char *out;
	int k, w4 = j->four || !j->six, fromlink = j->link != NULL &&
	    j->checkurl == NULL;

	fail_dry();
	if (web) {
		src[0] = w4 ? "from-w" : NULL;
		src[1] = j->six && j->prefixif == NULL ? "from-w" : NULL;
	} else {
		src[0] = w4 && fromlink ? j->link : NULL;
		src[1] = j->prefixif != NULL ? j->prefixif : j->six &&
		    fromlink ? j->link : NULL;
	}
	for (k = 0; k < 2; k++) {
		out = k == 0 ? j->addr4 : j->addr6;
		if (src[k] == NULL || out[0] != '\0')
			continue;
		snprintf(out, ADDRLEN, "IPv%c-%s%s", k == 0 ? '4' : '6',
		    web ? "" : "of-", src[k]);
		printf("# unknown: %s stands for the address a real run "
		    "would send\n", out);
	}
}

static int
showdry(const struct job *j, const int *need, const struct nameresult *res)
{
	int i;

	/* no handshake: an unusable CA file is what a real run would meet */
	if (anchors(j) == -1)
		fail_dry();
	for (i = 0; i < j->nnames; i++)
		if (!need[i])
			printf("# %s: %s\n", j->names[i],
			    res[i].res == R_SKIPPED ? "skipped" :
			    res[i].res == R_HELD ? "held" : "stopped");
	return sub.nnames > 0 ? j->proto->dryrun(&sub) : 0;
}

/*
 * One instance's update, every name's result in res. Returns 0; 1 when
 * the names ran but the state could not be saved; -1 when a local
 * failure (the state file, the CA file, the check page) stopped the
 * run before any request, res then holding it for every name.
 */
int
run_job(struct job *j, int dry, struct nameresult *res)
{
	int i, k, need[MAXNAMES] = { 0 }, r = 0, bounded = 0;
	char pair[2 * ADDRLEN];
	long long now;

	/* from here on, everything counts against the one deadline */
	net_deadline(j->timeout);
	net_bind(j->link);
	memset(&st, 0, sizeof(st));
	st.lockfd = st.tmpfd = -1;
	if (clock_now(&now) == -1)
		goto failed;
	if (j->statefile != NULL && state_open(&st, j->statefile,
	    net_remaining()) == -1) {
		if (!dry)
			goto failed;
		/* -n: every name is shown, as if the state said nothing */
		fail_dry();
		j->statefile = NULL;
	}
	/* a wrong clock's holds are cut, and the cut is saved */
	bounded = j->statefile != NULL && hold_bound(&st, j->retry, now) > 0;
	if (waitaddrs(j, dry) == -1) {
		if (!dry)
			goto failed;
		unknown(j, 0);
	}
	if (j->checkurl != NULL && webcheck(j, j->statefile ? &st : NULL,
	    now) == -1) {
		if (!dry)
			goto failed;
		unknown(j, 1);
	}
	if (shape(j) == -1)
		goto failed;
	/* the provider's own refusals: nothing sent, nothing recorded */
	if (j->proto->check(j) == -1)
		goto failed;
	decide(j, now, need, res);
	if (dry) {
		r = showdry(j, need, res);
		wipe(sub.secret, sizeof(sub.secret));
		wipe(sub.tsigkey, sizeof(sub.tsigkey));
		state_close(&st);
		return r;
	}
	if (sub.nnames > 0) {
		if (anchors(j) == -1)
			goto failed;
		/* never send what could not be recorded */
		if (j->statefile != NULL && state_pending(&st,
		    (const char *const *)sub.names, sub.nnames,
		    addrpair(pair, sizeof(pair), j->addr4, j->addr6), now) == -1)
			goto failed;
		update(j);
	}
	wipe(sub.secret, sizeof(sub.secret));
	wipe(sub.tsigkey, sizeof(sub.tsigkey));
	for (i = 0, k = 0; i < j->nnames; i++) {
		if (!need[i])
			continue;
		res[i] = subres[k++];
		if (j->statefile != NULL)
			hold_record(&st, j, i, fp[i], &res[i], now);
	}
	if (j->statefile != NULL && (sub.nnames > 0 || j->checkurl != NULL ||
	    bounded) && state_save(&st) == -1)
		r = 1;
	state_close(&st);
	return r;
failed:
	wipe(sub.secret, sizeof(sub.secret));
	wipe(sub.tsigkey, sizeof(sub.tsigkey));
	state_close(&st);
	results_fail(res, j->nnames, "-", net_reached(0));
	return -1;
}
