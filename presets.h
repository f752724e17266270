/* presets.c: the providers, one row of data each */

/* How a provider takes both address families. */
enum v6mode {
	V6_COMBINED,	/* myip=v4,v6 in one request */
	V6_PARAM,	/* myip=v4&myipv6=v6 (the row names the parameters) */
	V6_SEPARATE,	/* one request per family */
	V6_HOSTS,	/* one request per family, each to its own host */
	V6_NONE		/* IPv4 only */
};

/* A preset's flags */
#define PF_ONE		0x01	/* one name per request */
#define PF_BOTH		0x02	/* refuse to send a single family */
#define PF_USERNAME	0x08	/* without -u the user is the host name */
#define PF_SOURCE	0x10	/* the address is the connection's, only */
#define PF_MYIP6	0x20	/* IPv6 only with an explicit address */
#define PF_NOIPUA	0x40	/* No-IP's User-Agent form */
#define PF_NOCHG	0x80	/* wildcard, mx, backmx=NOCHG (Dyn documents them) */
#define PF_NOUSER	0x100	/* no user name: the secret says whose (-u: qzone) */

/*
 * A provider's own answer: an HTTP status (0: any) and a word the body
 * holds as a word (NULL: any body; ANS_ADDR: the address sent), as the
 * DynDNS2 result it means. The longest word found wins; statuses alone
 * come after the words. With tag, the text is the body's <tag>...</tag>.
 */
#define ANS_ADDR	"\001"
struct answer {
	int http;
	const char *has;
	enum result res;
	int status;
	const char *code;
	const char *text;
	const char *tag;
};

/*
 * A GET-style provider: where, the query's own parameter names, where
 * the secret goes, how a name is written, and its reply words.
 */
struct preset {
	const char *name;
	const char *host;
	const char *path;	/* with its fixed query parts */
	enum v6mode v6;
	const char *host6;	/* V6_HOSTS: the IPv6 host */
	const char *qname;	/* the names' parameter; NULL: the credential's */
	const char *qzone;	/* the zone's: the name goes as label and zone */
	const char *zone;	/* names go as their label under this zone */
	const char *p4, *p6;	/* the address parameters; no p6: p4 takes both */
	const char *quser;	/* the user as a query parameter */
	const char *qsecret;	/* the secret's parameter ("": bare); NULL: Basic */
	const char *keep4;	/* sent when IPv4 is not: keeps the A record */
	const char *keep6;	/* sent when IPv6 is not */
	int flags;
	const struct answer *own;	/* tried before the DynDNS2 words */
};

/* The preset of that name (case-insensitive), or NULL. */
const struct preset *preset_find(const char *);
/* A preset's row, or plain DynDNS2's for NULL. */
const struct preset *preset_row(const struct preset *);
/* Every preset, ended by a row whose name is NULL. */
const struct preset *preset_all(void);
/* The default User-Agent for a preset (NULL: plain DynDNS2) on sysname/machine. */
int preset_agent(char *, size_t, const struct preset *, const char *,
    const char *);
