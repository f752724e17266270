/* A failure's code and exit status, and the per-name results. */
#include <stdio.h>
#include <string.h>

#include "ddnsup.h"
#include "result.h"

/* Indexed by enum fail: test/unit checks that every kind has its row. */
static const struct {
	const char *code;
	int status;
} reasons[NFAILS] = {
	[F_NONE] = { "local", ST_TEMPFAIL },
	[F_RESOLVE] = { "resolve", ST_NOHOST },
	[F_RESOLVETMP] = { "resolve", ST_TEMPFAIL },
	[F_CONNECT] = { "connect", ST_UNAVAILABLE },
	[F_TIMEOUT] = { "timeout", ST_TEMPFAIL },
	[F_TLS] = { "tls", ST_PROTOCOL },
	[F_CERT] = { "certificate", ST_PROTOCOL },
	[F_PIN] = { "pin", ST_PROTOCOL },
	[F_PROTO] = { "protocol", ST_PROTOCOL },
	[F_CONFIG] = { "config", ST_CONFIG },
	[F_USAGE] = { "usage", ST_USAGE },
	[F_CHECK] = { "check", ST_TEMPFAIL },
	[F_LINK] = { "link", ST_TEMPFAIL },
	[F_LINKDUP] = { "link", ST_TEMPFAIL },
	[F_CERTDATE] = { "certificate", ST_PROTOCOL },
	[F_CLOCK] = { "certificate", ST_PROTOCOL },
};

int
fail_status(enum fail kind)
{
	return (unsigned)kind < NFAILS ? reasons[kind].status : ST_TEMPFAIL;
}

const char *
fail_code(enum fail kind)
{
	return (unsigned)kind < NFAILS ? reasons[kind].code : NULL;
}

void
fail_dry(void)
{
	const char *code = fail_code(lastfail.kind);

	warn("-n: %s: a real run would exit %d (%s)", lastfail.msg,
	    fail_status(lastfail.kind), code != NULL ? code : "local");
}

void
results_copy(struct nameresult *dst, int n, const struct nameresult *src)
{
	int i;

	for (i = 0; i < n; i++)
		if (&dst[i] != src)
			dst[i] = *src;
}

void
results_set(struct nameresult *r, int n, enum result res, int status,
    const char *addr, const char *code, const char *text)
{
	if (n <= 0)
		return;
	memset(r, 0, sizeof(*r));
	r->res = res;
	r->status = status;
	snprintf(r->addr, sizeof(r->addr), "%s", addr);
	snprintf(r->code, sizeof(r->code), "%s", code);
	snprintf(r->text, sizeof(r->text), "%s", text);
	results_copy(r + 1, n - 1, r);
}

void
results_fail(struct nameresult *res, int n, const char *addr, int reached)
{
	const char *code = fail_code(lastfail.kind);

	results_set(res, n, R_FAILED, fail_status(lastfail.kind), addr,
	    code != NULL ? code : "local", lastfail.msg);
	for (; n > 0; n--) {
		res[n - 1].local = 1;
		res[n - 1].reached = reached;
		res[n - 1].clock = lastfail.kind == F_CLOCK ? 2 :
		    lastfail.kind == F_CERTDATE;
	}
}

/*
 * Of two statuses, the one a script must act on: a failure that needs
 * a person beats one worth retrying, which beats success.
 */
int
worse(int a, int b)
{
	int ra = a == ST_NOHOST || a == ST_UNAVAILABLE || a == ST_TEMPFAIL;
	int rb = b == ST_NOHOST || b == ST_UNAVAILABLE || b == ST_TEMPFAIL;

	if (a == ST_OK || (ra && b != ST_OK && !rb))
		return b;
	return a;
}
