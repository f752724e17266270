/* job.c: settings (command line over configuration file) -> one checked struct job */
/* needs cert.h (struct pin), http.h (struct url), presets.h (enum v6mode) */

#define MAXSECRET	256
#define MAXUSER		256
#define AGENTMAX	256		/* a User-Agent, with its NUL */
#define TZOPORT		21340		/* TZO's cluster lookup port */
#define STATEDIR	"/var/lib/ddnsup"	/* -f's state files, as root */
#define CHECKREUSE	(10LL * 60)	/* a web check's result is kept this long */

struct protocol;
struct restapi;
struct setting;
struct instance;
struct cli;

struct job {
	const struct protocol *proto;
	const struct restapi *api;	/* rest: the provider's API */
	int create;		/* -o Create=1: a missing record is created */
	struct url srv;		/* tzo: the cluster lookup host and port */
	char lookupport[6];	/* tzo: ProviderUpdateServerLookupPort */
	char updateport[6];	/* tzo: UpdateServerPort */
	const char *user;
	char secret[MAXSECRET];
	size_t secretlen;
	char addr4[ADDRLEN];
	char addr6[ADDRLEN];
	const char *names[MAXNAMES];
	int nnames;
	int family;		/* AF_UNSPEC, AF_INET or AF_INET6 to connect */
	const char *cafile;
	struct pin pins[MAXPINS];
	int npins;
	char agent[AGENTMAX];
	int verbose;
	enum v6mode v6;
	char host6[256];	/* V6_HOSTS */
	const struct preset *pre;	/* NULL: plain DynDNS2 */
	const char *tmpl;	/* UpdateURL: the custom provider's template */
	const struct answer *own;	/* GoodWords, NochgWords, FailWords */
	int plainsecret;	/* AllowPlainHTTP: a secret in a plain URL */
	const char *statefile;	/* statepath, or NULL */
	char statepath[512];
	const struct setting *secretfrom;	/* NULL: $DDNSUP_PASSWORD */
	int secretfile;		/* secretfrom is PasswordFile: a path */
	const char *link;	/* LinkReference: the interface */
	char ifname[16];	/* the name InterfaceMap gives a reference */
	const char *prefixif;	/* IPv6PrefixInterface */
	unsigned char iid[8];	/* IPv6InterfaceID's low 64 bits */
	int hasiid;
	int allowprivate;	/* AllowPrivate: publish private addresses */
	const char *checkurl;	/* the check pages, comma-separated */
	char checklist[URLMAX];
	struct url wurl[MAXCHECK];
	int nwurl;
	long long refresh;
	long long checkreuse;	/* CheckInterval: -w's result kept this long */
	long long retry;	/* RetryInterval, -1: HOLDOFF */
	long long maxretries;	/* MaxRetries, -1: no limit */
	int timeout;
	int four, six;		/* families asked for -i and -w */
	int force;
	int sandbox;		/* Sandbox: 0 turns sandbox.c's restrictions off */
	char zone[256];		/* Zone, without its final dot; "": not given */
	long long ttl;		/* TTL, -1: not given (the protocol's default) */
	int hasserver;		/* rfc2136: -s given, else the zone's SOA MNAME */
	int tsigalg;		/* rfc2136: TSIGAlgorithm, -1: the key file's or sha256 */
	char keyname[256];	/* rfc2136: -u, or the key file's */
	/* rfc2136: the decoded key; secret keeps what was given, for the fingerprint */
	unsigned char tsigkey[MAXSECRET];
	size_t tsigkeylen;
	/* run.c's, for -S; a protocol calls it (when not NULL) with 0 before
	   it connects, 1 once the server is verified and the credential goes next */
	void (*phase)(int);
};

/* Check every setting of one instance into a job; no I/O. -1 with fail(F_USAGE). */
int job_build(struct job *, const struct instance *, const struct cli *);
/* The run's jobs: the command line's, or the file's enabled instances -I selects; how many, or -1. */
int job_select(struct job *, const struct instance *, int,
    const struct cli *);
/* The job's state file: the instance's StateFile, else -c's (with -f, per instance). */
void job_statefile(struct job *, const struct instance *, const struct cli *);
