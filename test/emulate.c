/*
 * emulate: the test provider's side of each preset, written from the
 * providers' documentation (the README's preset table names each source;
 * "(unverified)" there means a client's source, not the provider's page).
 * It parses the request (path, query, Basic credentials), applies it to a
 * zone file of A and AAAA records as the provider would, including what
 * it does with a family the request leaves out, and answers in the
 * provider's own words and HTTP statuses.
 *
 * Zone file lines: "name A address" and "name AAAA address".
 */
#define _DEFAULT_SOURCE
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "emulate.h"

enum absent {
	KEEP,		/* a family not given stays; no address at all: source */
	SOURCE,		/* dynu: not given is the connection's, "no" keeps */
	DESEC,		/* connection's if that family, else deleted; preserve */
	INWX,		/* no myip: A is 127.0.0.1 (ddclient PR 690); no myipv6:
			   undocumented, modelled as the worst, AAAA deleted */
	CLEAR		/* core-networks: cleared unless keepipvN=1 */
};
enum dialect { D_DYN, D_CHANGEIP, D_DESEC, D_SELFHOST, D_INFOMANIAK, D_DODE,
	D_400, D_DUCK, D_NAMECHEAP, D_FREEDNS, D_EASYDNS, D_ZONEEDIT, D_NJALLA,
	D_DOMENESHOP, D_REGFISH, D_GOIP, D_OKERR, D_KEYSYS, D_MYDNS, D_DYNV6,
	D_DDNSS };

#define E_ONE		0x01	/* one name per request */
#define E_PERHOST	0x04	/* the user is the host name */
#define E_V4		0x08	/* IPv4 only: an IPv6 address is ignored */
#define E_LISTBAD	0x10	/* a v4,v6 list is badip */
#define E_SRC		0x20	/* the address is always the connection's */
#define E_NOIPUA	0x40	/* badagent unless No-IP's User-Agent form */
#define E_MYIP		0x80	/* deSEC: myip's v4,v6 list fills what is missing */

/*
 * A provider: its path (with a fixed key=value), the query's parameter
 * names (qname NULL: the account names its one host; zone: names come as
 * their label; qzone: label and zone apart), where the secret comes
 * (qsecret NULL: Basic; "": the bare first query item), what a family
 * left out does and the words it answers with.
 */
static const struct emu {
	const char *name, *path, *qname, *qzone, *zone, *p4, *p6, *quser,
	    *qsecret;
	int flags;
	enum absent absent;
	enum dialect dialect;
} emus[] = {
#define DYN2	.qname = "hostname", .p4 = "myip"
#define NIC	.path = "/nic/update"
	{ .name = "dyn", DYN2, NIC },
	{ .name = "noip", DYN2, NIC, .flags = E_NOIPUA },
	{ .name = "he", DYN2, NIC, .flags = E_ONE | E_PERHOST | E_LISTBAD },
	{ .name = "tunnelbroker", DYN2, NIC, .flags = E_ONE | E_V4 },
	{ .name = "dnsomatic", DYN2, NIC, .flags = E_V4 },
	{ .name = "dynu", DYN2, NIC, .p6 = "myipv6", .flags = E_ONE,
	    .absent = SOURCE },
	{ .name = "ovh", DYN2, .path = "/nic/update?system=dyndns",
	    .flags = E_ONE | E_LISTBAD },
	{ .name = "strato", DYN2, NIC },
	{ .name = "changeip", NIC, .qname = "hostname", .p4 = "ip", .flags = E_ONE | E_V4,
	    .dialect = D_CHANGEIP },
	{ .name = "spdyn", DYN2, NIC, .flags = E_ONE | E_PERHOST },
	{ .name = "nsupdate.info", DYN2, NIC, .flags = E_ONE | E_PERHOST },
	{ .name = "inwx", .path = "/nic/update", .p4 = "myip", .p6 = "myipv6",
	    .absent = INWX },
	{ .name = "joker", DYN2, NIC, .quser = "username", .qsecret = "password",
	    .flags = E_ONE | E_LISTBAD },
	{ .name = "desec", .qname = "hostname", .p4 = "myipv4",
	    .p6 = "myipv6", .flags = E_MYIP, .absent = DESEC,
	    .dialect = D_DESEC },
	{ .name = "ipv64", DYN2, NIC, .p6 = "myipv6" },
	{ .name = "loopia", DYN2, .path = "/XDynDNSServer/XDynDNS.php?system=custom",
	    .flags = E_ONE | E_LISTBAD },
	{ .name = "allinkl", .path = "/", .p4 = "myip", .flags = E_LISTBAD },
	{ .name = "selfhost", DYN2, NIC, .flags = E_ONE | E_LISTBAD,
	    .dialect = D_SELFHOST },
	{ .name = "dode", .path = "/", .p4 = "myip", .flags = E_LISTBAD,
	    .dialect = D_DODE },
	{ .name = "dyndnsit", DYN2, .path = "/nic/update?system=dyndns",
	    .flags = E_ONE | E_V4 },
	{ .name = "ddnss", .path = "/upd.php", .qname = "host", .p4 = "ip",
	    .p6 = "ip6", .qsecret = "key", .flags = E_ONE, .dialect = D_DDNSS },
	{ .name = "afraid", DYN2, NIC, .flags = E_ONE | E_LISTBAD },
	{ .name = "dynv6", .path = "/api/update", .qname = "hostname",
	    .p4 = "ipv4", .p6 = "ipv6", .qsecret = "token", .flags = E_ONE,
	    .dialect = D_DYNV6 },
	{ .name = "infomaniak", DYN2, NIC, .flags = E_ONE | E_LISTBAD,
	    .dialect = D_INFOMANIAK },
	{ .name = "opendns", DYN2, NIC, .flags = E_ONE | E_V4 },
	{ .name = "nowdns", DYN2, .path = "/update", .flags = E_ONE | E_LISTBAD,
	    .dialect = D_400 },
	{ .name = "dyfi", DYN2, NIC, .flags = E_V4 | E_SRC },
	{ .name = "corenetworks", DYN2, .path = "/", .flags = E_ONE | E_LISTBAD,
	    .absent = CLEAR },
	{ .name = "variomedia", DYN2, NIC, .flags = E_ONE },
	{ .name = "hostingde", DYN2, NIC, .flags = E_ONE | E_LISTBAD },
	{ .name = "simply", DYN2, .path = "/2/ddns/", .flags = E_ONE | E_LISTBAD },
	{ .name = "duckdns", .path = "/update", .qname = "domains",
	    .zone = "duckdns.org", .p4 = "ip", .p6 = "ipv6", .qsecret = "token",
	    .dialect = D_DUCK },
	{ .name = "namecheap", .path = "/update", .qname = "host",
	    .qzone = "domain", .p4 = "ip", .qsecret = "password",
	    .flags = E_ONE | E_V4, .dialect = D_NAMECHEAP },
	{ .name = "freedns", .path = "/dynamic/update.php", .p4 = "address",
	    .qsecret = "", .flags = E_LISTBAD, .dialect = D_FREEDNS },
	{ .name = "easydns", DYN2, .path = "/dyn/generic.php",
	    .flags = E_ONE | E_LISTBAD, .dialect = D_EASYDNS },
	{ .name = "zoneedit", .path = "/auth/dynamic.html", .qname = "host",
	    .p4 = "dnsto", .flags = E_ONE | E_V4, .dialect = D_ZONEEDIT },
	{ .name = "njalla", .path = "/update/", .qname = "h", .p4 = "a",
	    .p6 = "aaaa", .qsecret = "k", .flags = E_ONE | E_PERHOST,
	    .dialect = D_NJALLA },
	{ .name = "domeneshop", DYN2, .path = "/v0/dyndns/update",
	    .flags = E_ONE | E_LISTBAD, .dialect = D_DOMENESHOP },
	{ .name = "regfish", .path = "/?forcehost=1", .qname = "fqdn",
	    .p4 = "ipv4", .p6 = "ipv6", .qsecret = "token", .flags = E_ONE,
	    .dialect = D_REGFISH },
	{ .name = "3322", DYN2, .path = "/dyndns/update?system=dyndns",
	    .flags = E_ONE | E_V4 },
	{ .name = "schokokeks", .path = "/nic/update", .p4 = "myip",
	    .flags = E_V4 },
	{ .name = "udmedia", .path = "/nic/update", .p4 = "myip",
	    .flags = E_LISTBAD },
	{ .name = "dnshome", .path = "/dyndns.php", .qname = "hostname",
	    .p4 = "ip", .p6 = "ip6", .flags = E_ONE | E_PERHOST },
	{ .name = "twodns", .path = "/update", .qname = "hostname", .p4 = "ip",
	    .flags = E_ONE | E_V4 },
	{ .name = "goip", .path = "/setip", .qname = "subdomain", .p4 = "ip",
	    .p6 = "ip6", .quser = "username", .qsecret = "password",
	    .flags = E_ONE, .dialect = D_GOIP },
	{ .name = "freemyip", .path = "/update", .qname = "domain",
	    .qsecret = "token", .flags = E_ONE | E_V4 | E_SRC,
	    .dialect = D_OKERR },
	{ .name = "myonlineportal", .path = "/updateddns", .qname = "hostname",
	    .p4 = "ip", .p6 = "ip6", .quser = "username", .qsecret = "password",
	    .flags = E_ONE },
	{ .name = "dondominio", .path = "/plain/", .qname = "host", .p4 = "ip",
	    .quser = "user", .qsecret = "password", .flags = E_ONE | E_V4,
	    .dialect = D_OKERR },
	{ .name = "keysystems", .path = "/update.php", .qname = "hostname",
	    .p4 = "ip", .qsecret = "password", .flags = E_ONE | E_V4 | E_PERHOST,
	    .dialect = D_KEYSYS },
	{ .name = "mydnsjp", .path = "/directip.html", .p4 = "IPV4ADDR",
	    .p6 = "IPV6ADDR", .quser = "MID", .qsecret = "PWD",
	    .dialect = D_MYDNS },
	{ .name = "ydns", .path = "/api/v1/update/", .qname = "host",
	    .p4 = "ip", .flags = E_ONE | E_LISTBAD },
	{ .name = "eurodns", DYN2, .path = "/update/", .flags = E_ONE | E_LISTBAD },
	{ .name = "xlhost", DYN2, NIC, .flags = E_ONE | E_V4 },
	{ .name = "oray", DYN2, .path = "/ph/update", .flags = E_ONE | E_V4 },
	{ .name = "nederhost", DYN2, NIC, .flags = E_V4 },
	{ .name = "giradns", .path = "/hsdyndns.php", .p4 = "ip", .quser = "u",
	    .qsecret = "p", .flags = E_V4, .dialect = D_OKERR },
	{ .name = NULL }
};

#define MAXREC	20
static struct rec {
	char name[256], a[64], aaaa[64];
} zone[MAXREC];
static int nzone;

static const char *zonepath;
static const char *creds[8];
static int ncreds;

void
emu_zone(const char *path)
{
	zonepath = path;
}

void
emu_cred(const char *userpass)
{
	if (ncreds < 8)
		creds[ncreds++] = userpass;
}

static void
loadzone(void)
{
	char line[512], name[256], type[8], addr[64];
	FILE *fp;
	int i;

	nzone = 0;
	if (zonepath == NULL || (fp = fopen(zonepath, "r")) == NULL)
		return;
	while (fgets(line, sizeof(line), fp) != NULL) {
		if (sscanf(line, "%255s %7s %63s", name, type, addr) != 3)
			continue;
		for (i = 0; i < nzone && strcasecmp(zone[i].name, name); i++)
			;
		if (i == nzone && nzone < MAXREC) {
			memset(&zone[nzone], 0, sizeof(zone[0]));
			snprintf(zone[nzone++].name, sizeof(zone[0].name), "%s",
			    name);
		}
		if (i < nzone)
			snprintf(strcmp(type, "A") == 0 ? zone[i].a :
			    zone[i].aaaa, 64, "%s", addr);
	}
	fclose(fp);
}

static void
savezone(void)
{
	FILE *fp;
	int i;

	if (zonepath == NULL || (fp = fopen(zonepath, "w")) == NULL)
		return;
	for (i = 0; i < nzone; i++) {
		if (zone[i].a[0])
			fprintf(fp, "%s A %s\n", zone[i].name, zone[i].a);
		if (zone[i].aaaa[0])
			fprintf(fp, "%s AAAA %s\n", zone[i].name, zone[i].aaaa);
	}
	fclose(fp);
}

static int
hexval(int c)
{
	return isdigit(c) ? c - '0' : (tolower(c) - 'a' + 10) & 15;
}

/* The value of key in the query q (percent-decoded), or NULL. */
static const char *
arg(const char *q, const char *key)
{
	static char v[8][512];
	static int k;
	size_t kl = strlen(key), n;
	const char *p;

	for (p = q; p != NULL && *p; p = strchr(p, '&') ? strchr(p, '&') + 1 :
	    NULL) {
		if (strncmp(p, key, kl) != 0 || (p[kl] != '=' && p[kl] != '&' &&
		    p[kl] != '\0'))
			continue;
		k = (k + 1) % 8;
		p += kl + (p[kl] == '=');
		for (n = 0; *p && *p != '&' && n < sizeof(v[0]) - 1; p++)
			if (*p == '%' && isxdigit((unsigned char)p[1]) &&
			    isxdigit((unsigned char)p[2])) {
				v[k][n++] = (char)(hexval(p[1]) << 4 | hexval(p[2]));
				p += 2;
			} else
				v[k][n++] = *p;
		v[k][n] = '\0';
		return v[k];
	}
	return NULL;
}

static int
unb64(const char *s, char *out, size_t size)
{
	static const char a[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	unsigned v = 0;
	size_t n = 0;
	int bits = 0;
	const char *c;

	for (; *s && *s != '=' && *s != '\r'; s++) {
		if ((c = strchr(a, *s)) == NULL)
			return -1;
		v = v << 6 | (unsigned)(c - a);
		if ((bits += 6) >= 8) {
			bits -= 8;
			if (n + 1 >= size)
				return -1;
			out[n++] = (char)(v >> bits & 0xff);
		}
	}
	out[n] = '\0';
	return (int)n;
}

/* A header's value (to the end of its line), or "". */
static const char *
header(const char *req, const char *name, char *buf, size_t size)
{
	const char *p = req;
	size_t nl = strlen(name), l;

	buf[0] = '\0';
	while ((p = strstr(p, "\r\n")) != NULL && p[2] != '\r') {
		p += 2;
		if (strncasecmp(p, name, nl) == 0 && p[nl] == ':') {
			for (p += nl + 1; *p == ' '; p++)
				;
			l = strcspn(p, "\r");
			snprintf(buf, size, "%.*s", (int)(l < size ? l : size - 1),
			    p);
			break;
		}
	}
	return buf;
}

struct out {
	int status;
	char body[4096];
	size_t len;
};

static void
say(struct out *o, const char *fmt, const char *a)
{
	o->len += (size_t)snprintf(o->body + o->len, sizeof(o->body) - o->len,
	    fmt, a);
}

/* A failure of the whole request, in the dialect's form. */
static void
refuse(struct out *o, const struct emu *e, const char *word)
{
	int auth = strcmp(word, "badauth") == 0;

	o->len = 0;
	switch (e->dialect) {
	case D_CHANGEIP:
		o->status = auth ? 401 : 422;
		say(o, "%s\n", auth ? "401 Access Denied" :
		    "422 Unprocessable Entity");
		return;
	case D_DESEC:
		o->status = auth ? 401 : strcmp(word, "nohost") == 0 ? 404 : 400;
		say(o, "%s\n", auth ? "Invalid username/password." :
		    o->status == 404 ? "nohost" : "Bad request.");
		return;
	case D_SELFHOST:
		o->status = auth ? 401 : 409;
		return;
	case D_DODE:
		o->status = auth ? 401 : 400;
		say(o, "%s\n", auth ? "badauth" : "numhost");
		return;
	case D_400:
		o->status = 400;
		say(o, "%s\n", word);
		return;
	case D_DUCK:
		say(o, "%s", "KO");
		return;
	case D_NAMECHEAP:
		say(o, "<?xml version=\"1.0\"?>\r\n<interface-response><Command>"
		    "SETDNSHOST</Command><ErrCount>1</ErrCount><errors><Err1>%s"
		    "</Err1></errors><Done>true</Done></interface-response>\r\n",
		    auth ? "Passwords do not match" : "No Records updated. A "
		    "record not Found;");
		return;
	case D_FREEDNS:
		say(o, "%s\n", "ERROR: Unable to locate this record (changed "
		    "password recently? deleted and re-created this dns entry?)");
		return;
	case D_EASYDNS:
		say(o, "%s\n", auth ? "NOACCESS" : "ILLEGAL INPUT");
		return;
	case D_ZONEEDIT:
		say(o, "<ERROR CODE=\"%s\" TEXT=\"refused\">\n", auth ? "708" :
		    "702");
		return;
	case D_NJALLA:
		o->status = 401;
		say(o, "%s\n", "{\"status\": 401, \"message\": \"invalid host "
		    "or key\"}");
		return;
	case D_DOMENESHOP:
	case D_GOIP:
	case D_MYDNS:
	case D_DYNV6:
		o->status = auth ? 401 : 404;
		say(o, "%s\n", auth ? "Unauthorized" : "Not Found");
		return;
	case D_REGFISH:
		say(o, "%s\n", auth ? "failed|401|invalid token" :
		    "failed|412|fqdn not found");
		return;
	case D_OKERR:
		say(o, "%s\n", "ERROR");
		return;
	case D_KEYSYS:
		say(o, "[RESPONSE]\ncode = %s\nEOF\n", auth ? "531" : "545");
		return;
	case D_DDNSS:
		say(o, "%s\n", auth ? "badauth" : "nohost");
		return;
	default:
		o->status = auth ? 401 : 200;
		say(o, "%s\n", word);
	}
}

/* The first query item, percent-decoded (a bare key). */
static const char *
bare(const char *q)
{
	static char v[512];
	size_t n = 0;

	for (; q != NULL && *q && *q != '&' && n < sizeof(v) - 1; q++)
		if (*q == '%' && isxdigit((unsigned char)q[1]) &&
		    isxdigit((unsigned char)q[2])) {
			v[n++] = (char)(hexval(q[1]) << 4 | hexval(q[2]));
			q += 2;
		} else
			v[n++] = *q;
	v[n] = '\0';
	return v;
}

/*
 * The credential: Basic, or the query's secret (and user); "user:secret"
 * must be one given with -K, the user the host name where it is per host.
 */
static int
authorised(const char *req, const struct emu *e, const char *q,
    const char *host)
{
	char h[512], up[1024];
	const char *user = NULL, *sec;
	size_t ul;
	int i;

	header(req, "Authorization", h, sizeof(h));
	if (e->qsecret != NULL) {
		if (h[0] != '\0')
			return 0;	/* a client that sends both is wrong */
		sec = e->qsecret[0] ? arg(q, e->qsecret) : bare(q);
		if (sec == NULL)
			return 0;
		if (e->quser != NULL && (user = arg(q, e->quser)) == NULL)
			return 0;
		if (e->flags & E_PERHOST)
			user = host;
		for (i = 0; i < ncreds; i++) {
			ul = strcspn(creds[i], ":");
			if (strcmp(creds[i] + ul + (creds[i][ul] == ':'), sec) == 0 &&
			    (user == NULL || (strlen(user) == ul &&
			    strncasecmp(creds[i], user, ul) == 0)))
				return 1;
		}
		return ncreds == 0;
	}
	if (strncmp(h, "Basic ", 6) != 0 || unb64(h + 6, up, sizeof(up)) < 0)
		return 0;
	if ((e->flags & E_PERHOST) && (host == NULL ||
	    strncasecmp(up, host, strlen(host)) != 0 || up[strlen(host)] != ':'))
		return 0;
	for (i = 0; i < ncreds; i++)
		if (strcmp(up, creds[i]) == 0)
			return 1;
	return ncreds == 0;
}

/* The request's names, in full, comma-separated (labels made whole). */
static const char *
fullnames(const struct emu *e, const char *q)
{
	static char buf[2048];
	const char *l = arg(q, e->qname), *z = e->zone, *p, *c;
	size_t n = 0;

	if (l == NULL)
		return NULL;
	if (e->qzone != NULL && (z = arg(q, e->qzone)) == NULL)
		return NULL;
	if (z == NULL)
		return l;
	buf[0] = '\0';
	for (p = l; *p; p = *c ? c + 1 : c) {
		c = p + strcspn(p, ",");
		if (c - p == 1 && *p == '@')
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s",
			    n ? "," : "", z);
		else
			n += (size_t)snprintf(buf + n, sizeof(buf) - n,
			    "%s%.*s.%s", n ? "," : "", (int)(c - p), p, z);
		if (n >= sizeof(buf))
			return NULL;
	}
	return buf;
}

/* One family's new value by the provider's rule for what was (not) given. */
static void
apply(char *rec, const char *given, int fam, int none, const struct emu *e,
    const char *keep, const char *src, int srcfam)
{
	int isno = given != NULL && (strcmp(given, "no") == 0 ||
	    strcmp(given, "preserve") == 0);

	if (given != NULL && given[0] != '\0' && !isno) {
		snprintf(rec, 64, "%s", given);
		return;
	}
	switch (e->absent) {
	case KEEP:
		if (none && srcfam == fam)
			snprintf(rec, 64, "%s", src);
		break;
	case SOURCE:
		if (!isno && srcfam == fam)
			snprintf(rec, 64, "%s", src);
		break;
	case DESEC:
		if (isno)
			break;
		if (given == NULL && srcfam == fam)
			snprintf(rec, 64, "%s", src);
		else
			rec[0] = '\0';
		break;
	case INWX:
		if (none && fam == 4)
			snprintf(rec, 64, "%s", src);
		else if (fam == 4)
			snprintf(rec, 64, "127.0.0.1");
		else
			rec[0] = '\0';
		break;
	case CLEAR:
		if (none && srcfam == fam)
			snprintf(rec, 64, "%s", src);
		else if (keep == NULL)
			rec[0] = '\0';
		break;
	}
}

/* An address given, not empty and no sentinel. */
static int
given(const char *v)
{
	return v != NULL && v[0] != '\0' && strcmp(v, "no") != 0 &&
	    strcmp(v, "preserve") != 0;
}

/* One name's update; the reply line's word and echo in o. */
static void
update(struct out *o, const struct emu *e, struct rec *r, const char *v4,
    const char *v6, int none, const char *q, const char *src, int srcfam)
{
	static const char nc[] = "<?xml version=\"1.0\"?>\r\n<interface-response>"
	    "<Command>SETDNSHOST</Command><Language>eng</Language><IP>%s</IP>"
	    "<ErrCount>0</ErrCount><errors /><ResponseCount>0</ResponseCount>"
	    "<responses /><Done>true</Done></interface-response>\r\n";
	char a[64], aaaa[64], echo[130];
	int changed, g4, g6;

	snprintf(a, sizeof(a), "%s", r->a);
	snprintf(aaaa, sizeof(aaaa), "%s", r->aaaa);
	apply(a, v4, 4, none, e, arg(q, "keepipv4"), src, srcfam);
	if (!(e->flags & E_V4))
		apply(aaaa, v6, 6, none, e, arg(q, "keepipv6"), src, srcfam);
	changed = strcmp(a, r->a) != 0 || strcmp(aaaa, r->aaaa) != 0;
	g4 = given(v4);
	g6 = given(v6) && !(e->flags & E_V4);
	snprintf(echo, sizeof(echo), "%s%s%s", g4 ? a : "", g4 && g6 ? "," : "",
	    g6 ? aaaa : "");
	if (echo[0] == '\0')
		snprintf(echo, sizeof(echo), "%s", srcfam == 4 ? a : aaaa);
	memcpy(r->a, a, sizeof(a));
	memcpy(r->aaaa, aaaa, sizeof(aaaa));
	switch (e->dialect) {
	case D_CHANGEIP:
		say(o, "%s\n", "200 Successful Update");
		break;
	case D_DESEC:
		say(o, "%s\n", "good");
		break;
	case D_SELFHOST:
		if (!changed)
			o->status = 204;
		else
			say(o, "good %s\n", echo);
		break;
	case D_INFOMANIAK:
		say(o, "%s\n", changed ? "successfully_changed" : "no_change");
		break;
	case D_DUCK:		/* one reply for the whole request */
		if (o->len == 0)
			say(o, "%s", "OK");
		break;
	case D_NAMECHEAP:
		say(o, nc, echo);
		break;
	case D_FREEDNS:
		if (changed) {
			say(o, "Updated 1 host(s) %s", r->name);
			say(o, " to %s in 0.102 seconds\n", echo);
		} else
			say(o, "ERROR: Address %s has not changed.\n", echo);
		break;
	case D_EASYDNS:
		say(o, "%s\n", "NOERROR");
		break;
	case D_ZONEEDIT:
		if (changed)
			say(o, "<SUCCESS CODE=\"200\" TEXT=\"Update succeeded.\" "
			    "IP=\"%s\">\n", echo);
		else
			say(o, "<ERROR CODE=\"707\" TEXT=\"Duplicate updates for "
			    "the same host/ip, adjust client settings\" IP=\"%s\">"
			    "\n", echo);
		break;
	case D_NJALLA:
		say(o, "{\"status\": 200, \"message\": \"record updated\", "
		    "\"value\": {\"A\": \"%s\"}}\n", a);
		break;
	case D_DOMENESHOP:
		o->status = 204;
		break;
	case D_REGFISH:
		say(o, "%s\n", changed ? "success|100|update succeeded!" :
		    "success|101|no update needed at this time..");
		break;
	case D_GOIP:
		say(o, "%s (", r->name);
		say(o, "%s) aktualisiert\n", echo);
		break;
	case D_OKERR:
		say(o, "%s\n", "OK");
		break;
	case D_KEYSYS:
		say(o, "%s", "[RESPONSE]\ncode = 200\ndescription = Command "
		    "completed successfully\nEOF\n");
		break;
	case D_MYDNS:
		say(o, "%s", "<html><body>login and update</body></html>\n");
		break;
	case D_DYNV6:
		say(o, "%s\n", changed ? "addresses updated" :
		    "addresses unchanged");
		break;
	case D_DDNSS:
		say(o, "%s\n", changed ? "Updated 1 hostname." : "No change");
		break;
	default:
		say(o, changed ? "good %s\n" : "nochg %s\n", echo);
	}
}

/* A v4,v6 list (either order, either alone) into its two families. */
static void
split(const char *l, const char **v4, const char **v6)
{
	static char one[2][64];
	const char *c = strchr(l, ',');

	snprintf(one[0], 64, "%.*s", (int)(c ? (size_t)(c - l) : strlen(l)), l);
	snprintf(one[1], 64, "%s", c ? c + 1 : "");
	if (strchr(one[0], ':') != NULL) {
		*v6 = one[0];
		*v4 = one[1][0] ? one[1] : NULL;
	} else {
		*v4 = one[0];
		*v6 = one[1][0] ? one[1] : NULL;
	}
}

/* The addresses of the request: v4 and v6 (NULL when not given). */
static int
addresses(const struct emu *e, const char *q, const char **v4,
    const char **v6)
{
	const char *l = e->p4 ? arg(q, e->p4) : NULL, *a4 = NULL, *a6 = NULL;

	*v4 = *v6 = NULL;
	if ((e->flags & E_SRC) || e->p4 == NULL)
		return 0;
	if (e->p6 != NULL) {
		*v4 = l;
		*v6 = arg(q, e->p6);
		if ((e->flags & E_MYIP) && (l = arg(q, "myip")) != NULL) {
			split(l, &a4, &a6);
			*v4 = *v4 ? *v4 : a4;
			*v6 = *v6 ? *v6 : a6;
		}
		return 0;
	}
	if (l == NULL)
		return 0;
	if (strchr(l, ',') != NULL && (e->flags & E_LISTBAD))
		return -1;
	split(l, v4, v6);
	return 0;
}

static int
pathok(const struct emu *e, const char *path, const char *q)
{
	const char *eq, *fixed;
	char want[64];
	size_t pl;

	if (e->path == NULL)
		return 1;	/* deSEC: any path */
	fixed = strchr(e->path, '?');
	pl = fixed ? (size_t)(fixed - e->path) : strlen(e->path);
	if (strlen(path) != pl || strncmp(path, e->path, pl) != 0)
		return 0;
	if (fixed == NULL)
		return 1;
	eq = strchr(fixed, '=');
	snprintf(want, sizeof(want), "%.*s", (int)(eq - fixed - 1), fixed + 1);
	return arg(q, want) != NULL && strcmp(arg(q, want), eq + 1) == 0;
}

static void
emulate1(struct out *o, const struct emu *e, char *req, const char *src,
    int srcfam)
{
	char path[1024], agent[256], *q, *names, *n, *next;
	const char *host, *v4, *v6;
	int i, count = 0;

	if (sscanf(req, "GET %1023s HTTP/", path) != 1) {
		o->status = 400;
		return;
	}
	if ((q = strchr(path, '?')) != NULL)
		*q++ = '\0';
	if (!pathok(e, path, q)) {
		o->status = 404;
		say(o, "%s\n", "<html>not found</html>");
		return;
	}
	host = e->qname != NULL ? fullnames(e, q) : nzone > 0 ? zone[0].name :
	    NULL;
	if (!authorised(req, e, q, host))
		{
		refuse(o, e, "badauth");
		return;
	}
	if ((e->flags & E_NOIPUA) && (!strchr(header(req, "User-Agent", agent,
	    sizeof(agent)), '/') || !strchr(agent, '@')))
		{
		refuse(o, e, "badagent");
		return;
	}
	if (host == NULL || host[0] == '\0')
		{
		refuse(o, e, "notfqdn");
		return;
	}
	if (addresses(e, q, &v4, &v6) == -1)
		{
		refuse(o, e, "badip");
		return;
	}
	if ((e->flags & E_ONE) && strchr(host, ',') != NULL) {
		refuse(o, e, "nohost");
		return;
	}
	names = (char *)host;
	for (n = names; n != NULL; n = next) {
		if ((next = strchr(n, ',')) != NULL)
			*next++ = '\0';
		if (count++ > 0 && (e->flags & E_ONE))
			{
		refuse(o, e, "nohost");
		return;
	}
		for (i = 0; i < nzone && strcasecmp(zone[i].name, n) != 0; i++)
			;
		if (i == nzone) {
			if (e->dialect != D_DYN)
				{
		refuse(o, e, "nohost");
		return;
	}
			say(o, "%s\n", "nohost");
			continue;
		}
		update(o, e, &zone[i], v4, v6, v4 == NULL && v6 == NULL, q, src,
		    srcfam);
	}
}

/*
 * Answer the request req (NUL-terminated) as provider name would, from
 * a connection that came from src; the whole HTTP reply in out.
 */
size_t
emulate(const char *name, char *req, const char *src, char *out, size_t size)
{
	static struct out o;
	const struct emu *e;
	int n;

	for (e = emus; e->name != NULL && strcmp(e->name, name) != 0; e++)
		;
	memset(&o, 0, sizeof(o));
	o.status = 200;
	loadzone();
	if (e->name == NULL)
		o.status = 500;
	else
		emulate1(&o, e, req, src, strchr(src, ':') ? 6 : 4);
	savezone();
	n = snprintf(out, size, "HTTP/1.1 %d %s\r\nContent-Type: text/plain\r\n"
	    "Content-Length: %zu\r\n\r\n%.*s", o.status, o.status == 200 ? "OK" :
	    o.status == 204 ? "No Content" : "Error", o.len, (int)o.len, o.body);
	return n < 0 ? 0 : (size_t)n;
}
