/* The web address check (-w): fetch a page, take the first address in it. */
#include <sys/socket.h>

#include <stdio.h>
#include <string.h>

#include "ddnsup.h"
#include "util.h"
#include "net.h"
#include "cert.h"
#include "http.h"
#include "presets.h"
#include "job.h"
#include "checkip.h"

/*
 * The first IPv4 (or, for AF_INET6, IPv6) address in a page such as
 * "<body>Current IP Address: 203.0.113.7</body>", in canonical form.
 * Returns 0, or -1 when there is none.
 */
int
checkip_parse(const char *body, size_t len, int family, char *out,
    size_t size)
{
	const char *chars = family == AF_INET ? "0123456789." :
	    "0123456789abcdefABCDEF:.";
	char tok[ADDRLEN], canon[ADDRLEN];
	size_t i = 0, n;
	int fam;

	while (i < len) {
		if (body[i] == '\0' || strchr(chars, body[i]) == NULL) {
			i++;
			continue;
		}
		for (n = 0; i + n < len && body[i + n] != '\0' &&
		    strchr(chars, body[i + n]) != NULL; n++)
			;
		if (n < sizeof(tok)) {
			memcpy(tok, body + i, n);
			tok[n] = '\0';
			if (addr_class(tok, &fam, canon, sizeof(canon)) != A_BAD &&
			    fam == family) {
				snprintf(out, size, "%s", canon);
				return 0;
			}
		}
		i += n;
	}
	return -1;
}

/* Fetch the check page over the given family and find its address. */
int
checkip_fetch(const struct job *j, const struct url *u, int family, char *out,
    size_t size)
{
	char req[1024], show[80];
	struct conn c;
	struct reply r;
	int n, fam;

	if (http_connect(&c, u, family, NULL, 0) == -1)
		return -1;
	if ((n = http_request(req, sizeof(req), u, u->path, NULL,
	    j->agent)) == -1)
		goto bad;
	if (j->verbose)
		logv("> GET %s (address check)", u->path);
	if (http_exchange(&c, req, (size_t)n, &r, j->verbose) == -1)
		goto bad;
	conn_close(&c);
	if (r.status != 200)
		return fail(F_PROTO, "address check %s: HTTP %d %s", u->host,
		    r.status, r.reason);
	if (checkip_parse(r.body, r.bodylen, family, out, size) == -1) {
		printable(show, sizeof(show), r.body, r.bodylen);
		return fail(F_PROTO, "address check %s: no IPv%c address in "
		    "the page: %s", u->host, family == AF_INET ? '4' : '6', show);
	}
	switch (addr_class(out, &fam, out, size)) {
	case A_OK:
		return 0;
	case A_PRIVATE:
		if (j->allowprivate)
			return 0;
		return fail(F_PROTO, "address check %s: %s is a private "
		    "address, not what the Internet sees (allow it with -o "
		    "AllowPrivate=1)", u->host, out);
	default:
		return fail(F_PROTO, "address check %s: %s cannot be "
		    "published", u->host, out);
	}
bad:
	conn_close(&c);
	return -1;
}

/*
 * AddressURL (or -w given more than once): up to MAXCHECK pages,
 * separated by spaces or commas, into u; their number in *n, and in
 * norm (URLMAX bytes) the list comma-separated, as the state file keeps it.
 */
int
checkip_list(struct url *u, int *n, char *norm, const char *list)
{
	char one[URLMAX];
	const char *p = list;
	size_t l;

	*n = 0;
	norm[0] = '\0';
	if (strlen(list) >= URLMAX)
		return fail(F_CONFIG, "the list is too long");
	for (;;) {
		p += strspn(p, " ,");
		if (*p == '\0')
			break;
		l = strcspn(p, " ,");
		if (*n == MAXCHECK)
			return fail(F_CONFIG, "at most %d check pages", MAXCHECK);
		snprintf(one, sizeof(one), "%.*s", (int)l, p);
		if (url_parse(&u[*n], one, "/") == -1)
			return -1;
		if (u[*n].tls && u[*n].literal)
			return fail(F_CONFIG, "%s: an IP address cannot be checked "
			    "against the certificate", one);
		snprintf(norm + strlen(norm), URLMAX - strlen(norm), "%s%s",
		    *n > 0 ? "," : "", one);
		(*n)++;
		p += l;
	}
	return *n == 0 ? fail(F_CONFIG, "no URL") : 0;
}
