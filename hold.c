/* Skip, hold and stop: what the state settles before a request, what a reply leaves. */
#include <sys/socket.h>

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "ddnsup.h"
#include "util.h"
#include "cert.h"
#include "http.h"
#include "hash.h"
#include "presets.h"
#include "job.h"
#include "proto.h"
#include "state.h"
#include "hold.h"

/* The address a run has for a record's family, "-" for none. */
static const char *
tried(const struct job *j, char family)
{
	const char *a = family == '4' ? j->addr4 : family == '6' ? j->addr6 : "";

	return a[0] ? a : "-";
}

/* The longest hold a run sets for a record with this code (wNNm, wNNh: the provider's). */
static long long
longest(const struct staterec *r, long long retry)
{
	long long base = retry >= 0 ? retry : HOLDOFF, wait = 0;
	size_t len = strlen(r->code), i;

	if (r->lhold[0])
		return LOCALHOLD;
	if (len >= 3 && r->code[0] == 'w' && (r->code[len - 1] == 'm' ||
	    r->code[len - 1] == 'h')) {
		for (i = 1; i < len - 1 && isdigit((unsigned char)r->code[i]);
		    i++)
			wait = wait * 10 + (r->code[i] - '0');
		if (i == len - 1)
			wait *= r->code[len - 1] == 'm' ? 60 : 3600;
		else
			wait = 0;
	}
	if (wait < HOLDOFF)
		wait = HOLDOFF;
	return wait > base ? wait : base;
}

/*
 * A hold further ahead than any run could have set, or a stop dated in
 * the future, was written while the clock ran ahead (a router without
 * a clock of its own, before NTP): cut to what a run sets from now, so
 * that a wrong clock never holds a name for years. Returns how many
 * records changed (the caller saves them).
 */
int
hold_bound(struct state *st, long long retry, long long now)
{
	struct staterec *r;
	char was[64];
	long long max;
	int k, n = 0;

	for (k = 0; k < st->n; k++) {
		r = &st->rec[k];
		max = longest(r, retry);
		if (r->hold > now + max + CLOCKSKEW) {
			snprintf(was, sizeof(was), "%s", timestr(r->hold));
			warn("%s: held until %s, further ahead than any hold "
			    "ddnsup sets: written while the clock ran ahead; "
			    "cut to %s", r->name, was, timestr(now + max));
			r->hold = now + max;
			n++;
		}
		if (r->stop > now + CLOCKSKEW) {
			warn("%s: stopped since %s, a time still to come: written "
			    "while the clock ran ahead; dated now", r->name,
			    timestr(r->stop));
			r->stop = now;
			n++;
		}
	}
	return n;
}

/*
 * Before any request: 0 when the state settles name i without one (res
 * filled in: stopped, held or skipped), 1 when it must be sent.
 */
int
hold_decide(struct state *st, const struct job *j, int i, const char *fp,
    long long period, long long now, struct nameresult *res)
{
	const char *name = j->names[i];
	char buf[sizeof(res->addr)];
	struct staterec *r, *r4, *r6;
	int k;

	memset(res, 0, sizeof(*res));
	snprintf(res->addr, sizeof(res->addr), "%s", addrpair(buf,
	    sizeof(buf), j->addr4, j->addr6));
	for (k = 0; k < st->n; k++) {
		r = &st->rec[k];
		if (strcasecmp(r->name, name) != 0 || r->stop == 0)
			continue;
		if (strcmp(r->fp, fp) != 0) {
			/* the configuration changed: a person acted */
			r->stop = 0;
			r->fails = 0;
			snprintf(r->fp, sizeof(r->fp), "-");
			continue;
		}
		res->res = R_FAILED;
		res->status = r->status;
		snprintf(res->code, sizeof(res->code), "%s", r->code);
		snprintf(res->text, sizeof(res->text), "%s: stopped since %s by "
		    "%s: change the configuration, or run once with -F, to "
		    "resume", name, timestr(r->stop), r->code);
		res->local = 1;
		return 0;
	}
	for (k = 0; k < st->n; k++) {
		r = &st->rec[k];
		if (strcasecmp(r->name, name) != 0 || r->hold <= now)
			continue;
		/* a local hold gives way to a new address or configuration */
		if (r->lhold[0] && (strcmp(r->lfp, fp) != 0 ||
		    strcmp(r->lhold, tried(j, r->family)) != 0))
			continue;
		res->res = R_HELD;
		res->status = ST_TEMPFAIL;
		snprintf(res->code, sizeof(res->code), "%s", r->code);
		snprintf(res->text, sizeof(res->text), "%s: held until %s after "
		    "%s", name, timestr(r->hold), r->code);
		res->local = 1;
		return 0;
	}
	if (!j->addr4[0] && !j->addr6[0])
		return 1;
	r4 = state_find(st, name, '4');
	r6 = state_find(st, name, '6');
	if (j->addr4[0] && (r4 == NULL || strcmp(r4->addr, j->addr4) != 0 ||
	    now - r4->updated >= period || r4->updated > now ||
	    hold_changed(r4, fp)))
		return 1;
	if (j->addr6[0] && (r6 == NULL || strcmp(r6->addr, j->addr6) != 0 ||
	    now - r6->updated >= period || r6->updated > now ||
	    hold_changed(r6, fp)))
		return 1;
	r = j->addr4[0] ? r4 : r6;
	res->res = R_SKIPPED;
	res->status = ST_OK;
	snprintf(res->code, sizeof(res->code), "%s", r->code);
	return 0;
}

/* Registered under another configuration (another server, user, ...). */
int
hold_changed(const struct staterec *r, const char *fp)
{
	return r->stop == 0 && strcmp(r->fp, "-") != 0 && strcmp(r->fp, fp) != 0;
}

/* After the reply: remember the outcome for name i. */
void
hold_record(struct state *st, const struct job *j, int i, const char *fp,
    const struct nameresult *res, long long now)
{
	const char *name = j->names[i];
	char fam[2], addr[2][ADDRLEN], canon[ADDRLEN];
	struct staterec *r;
	const char *comma;
	int nf = 0, k, f, temp;
	long long hold, retry;

	if (j->addr4[0]) {
		fam[nf] = '4';
		snprintf(addr[nf++], ADDRLEN, "%s", j->addr4);
	}
	if (j->addr6[0]) {
		fam[nf] = '6';
		snprintf(addr[nf++], ADDRLEN, "%s", j->addr6);
	}
	if (nf == 0 && res->res != R_FAILED) {
		/* the provider chose: its echo says which address and family */
		for (comma = res->addr; nf < 2 && comma != NULL; nf++) {
			snprintf(canon, sizeof(canon), "%.*s",
			    (int)strcspn(comma, ","), comma);
			if (addr_class(canon, &f, addr[nf], ADDRLEN) == A_BAD)
				break;
			fam[nf] = f == AF_INET ? '4' : '6';
			if ((comma = strchr(comma, ',')) != NULL)
				comma++;
		}
	}
	if (nf == 0) {
		fam[nf] = '-';
		snprintf(addr[nf++], ADDRLEN, "-");
	}
	for (k = 0; k < nf; k++) {
		if ((r = state_get(st, name, fam[k])) == NULL)
			continue;
		snprintf(r->code, sizeof(r->code), "%s", res->code);
		r->status = res->status;
		if (res->res == R_UPDATED || res->res == R_UNCHANGED) {
			if (strcmp(addr[k], "-") != 0)
				snprintf(r->addr, sizeof(r->addr), "%.*s",
				    ADDRLEN - 1, addr[k]);
			r->updated = now;
			continue;
		}
		/* a clock at 1970: no time of it may outlive it, no count */
		if (res->clock == 2)
			continue;
		r->fails++;
		/* a reply not understood is no refusal: a hold, never a stop;
		   nor are certificate dates, which a wrong clock refuses */
		temp = res->status == ST_TEMPFAIL ||
		    res->status == ST_UNAVAILABLE ||
		    strcmp(res->code, "protocol") == 0 || res->clock;
		if (temp && res->local && (!res->reached || res->clock)) {
			/* nothing reached the provider: a short hold, for this
			   address and configuration only */
			r->hold = now + (j->retry >= 0 && j->retry < LOCALHOLD ?
			    j->retry : LOCALHOLD);
			snprintf(r->lfp, sizeof(r->lfp), "%s", fp);
			snprintf(r->lhold, sizeof(r->lhold), "%.*s",
			    ADDRLEN - 1, addr[k]);
		} else if (temp) {
			r->lhold[0] = '\0';
			/* never sooner than the provider asks */
			hold = res->wait > 0 ? res->wait : res->local ? 0 :
			    HOLDOFF;
			retry = j->retry >= 0 ? j->retry : HOLDOFF;
			r->hold = now + (hold > retry ? hold : retry);
		}
		if ((!temp && res->status != ST_NOHOST) ||
		    (j->maxretries >= 0 && r->fails > j->maxretries)) {
			r->stop = now;
			r->lhold[0] = '\0';
			snprintf(r->fp, sizeof(r->fp), "%s", fp);
		}
	}
	if (res->res != R_UPDATED && res->res != R_UNCHANGED)
		return;
	for (k = 0; k < st->n; k++)
		if (strcasecmp(st->rec[k].name, name) == 0) {
			st->rec[k].hold = 0;
			st->rec[k].lhold[0] = '\0';
			st->rec[k].stop = 0;
			st->rec[k].fails = 0;
			/* what it was registered under, so a change is seen */
			snprintf(st->rec[k].fp, sizeof(st->rec[k].fp), "%s", fp);
		}
}

/* What a stop remembers of a name's configuration: never the secret itself. */
void
hold_fingerprint(const struct state *st, const struct job *j,
    const char *hostname, char *fp)
{
	char srv[1000], name[256], pins[MAXPINS * 32];
	const char *f[6];
	size_t l[6], k;

	snprintf(srv, sizeof(srv), "%s %s %s %s %s %s %s%s%s",
	    j->proto->name, j->srv.tls ? "https" : "http",
	    j->srv.host, j->srv.port, j->srv.path, j->lookupport, j->updateport,
	    j->zone[0] ? " " : "", j->zone);
	for (k = 0; k < sizeof(name) - 1 && hostname[k] != '\0'; k++)
		name[k] = (char)tolower((unsigned char)hostname[k]);
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
	hash_fingerprint(fp, st->salt, f, l, 6);
}
