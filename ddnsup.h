/* ddnsup: shared types, prototypes, exit statuses, messages */

#include <stddef.h>
#include <sys/types.h>

#define VERSION		"0.1.0"
/* 2026-12-01 00:00:00 UTC: certificates are checked no earlier than this */
#define RELEASE_TIME	1796083200L

#define MAXNAMES	20
#define MAXPINS		8
#define MAXSECRET	256
#define MAXUSER		256
#define ADDRLEN		46	/* INET6_ADDRSTRLEN */
#define REPLYMAX	65536

/* Exit statuses, as in sysexits.h; the man page has the table. */
enum {
	ST_OK = 0,
	ST_USAGE = 64,
	ST_NOHOST = 68,
	ST_UNAVAILABLE = 69,
	ST_TEMPFAIL = 75,
	ST_PROTOCOL = 76,
	ST_NOPERM = 77,
	ST_CONFIG = 78
};

/* Local reasons a run can fail before the provider says anything. */
enum fail {
	F_NONE,
	F_RESOLVE,	/* name does not exist */
	F_RESOLVETMP,	/* resolver failed temporarily */
	F_CONNECT,	/* could not connect, or the connection broke */
	F_TIMEOUT,	/* the deadline passed */
	F_TLS,		/* TLS failure other than the certificate */
	F_CERT,		/* certificate not trusted, expired, wrong name */
	F_PIN,		/* no pin matched */
	F_PROTO,	/* malformed or unexpected reply */
	F_CONFIG,	/* a local file or setting is unusable */
	F_USAGE,	/* a setting or the command line is wrong */
	F_CHECK,	/* the web address check failed */
	F_LINK		/* the link has no usable address yet */
};

/* Set by the failing function, read by main. */
struct failure {
	enum fail kind;
	char msg[256];
};
extern struct failure lastfail;

struct setting;

enum result { R_UPDATED, R_UNCHANGED, R_FAILED, R_HELD, R_SKIPPED };

struct nameresult {
	enum result res;
	char addr[2 * ADDRLEN + 2];	/* "-", an address, or "v4,v6" */
	char code[24];
	int status;
	char text[320];			/* why it failed, for the message */
	int local;			/* text is a whole local message */
	int reached;			/* a byte of it went to the provider */
	long long wait;			/* seconds the provider asked (wNNm) */
};

struct url {
	int tls;
	int literal;		/* host is an IP address literal */
	char host[256];		/* without brackets */
	char port[6];
	char path[256];
	int defport;		/* port is the scheme's default */
};

struct pin {
	unsigned char hash[32];
};

/*
 * A connection: net_connect opens it with the socket's own read, write
 * and close; tls_handshake puts TLS's in their place.
 */
struct conn {
	int fd;
	int sent;		/* a write came last: poll before reading */
	char peer[300];		/* host:port, for messages */
	ssize_t (*read)(struct conn *, void *, size_t);
	int (*write)(struct conn *, const void *, size_t);
	void (*close)(struct conn *);
};

enum proto { P_DYNDNS, P_TZO };

/* How a provider takes both address families (presets). */
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
#define PF_BOUND	0x04	/* no hostname: the credential names it */
#define PF_USERNAME	0x08	/* without -u the user is the host name */
#define PF_SOURCE	0x10	/* the address is the connection's, only */
#define PF_MYIP6	0x20	/* IPv6 only with an explicit address */
#define PF_NOIPUA	0x40	/* No-IP's User-Agent form */

/*
 * A provider's own answer: an HTTP status (0: any) and a word the body
 * contains (NULL: any body), as the DynDNS2 word it means.
 */
struct answer {
	int http;
	const char *has;
	enum result res;
	int status;
	const char *code;
	const char *text;
};

struct preset {
	const char *name;
	const char *host;
	const char *path;	/* with its fixed query parts */
	enum v6mode v6;
	const char *host6;	/* V6_HOSTS: the IPv6 host */
	const char *p4, *p6;	/* the address parameters */
	const char *keep4;	/* sent when IPv4 is not: keeps the A record */
	const char *keep6;	/* sent when IPv6 is not */
	int flags;
	const struct answer *own;	/* tried when no DynDNS2 word is found */
};

struct job {
	enum proto proto;
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
	char agent[256];
	int verbose;
	enum v6mode v6;
	char host6[256];	/* V6_HOSTS */
	const struct preset *pre;	/* NULL: plain DynDNS2 */
	const char *statefile;	/* statepath, or NULL */
	char statepath[512];
	const struct setting *secretfrom;	/* NULL: $DDNSUP_PASSWORD */
	const char *link;	/* LinkReference: the interface */
	const char *prefixif;	/* IPv6PrefixInterface */
	unsigned char iid[8];	/* IPv6InterfaceID's low 64 bits */
	int hasiid;
	int allowprivate;	/* AllowPrivate: publish private addresses */
	const char *checkurl;
	struct url wurl;
	long long refresh;
	long long checkreuse;	/* CheckInterval: -w's result kept this long */
	long long retry;	/* RetryInterval, -1: HOLDOFF */
	long long maxretries;	/* MaxRetries, -1: no limit */
	int timeout;
	int four, six;		/* families asked for -i and -w */
	int force;
	int sandbox;		/* Sandbox: 0 turns sandbox.c's restrictions off */
	const struct setting *periodset;	/* -T or UpdateTimePeriod, if given */
};

#if defined(__GNUC__) || defined(__clang__)
#define NORETURN	__attribute__((noreturn))
#else
#define NORETURN
#endif

/* util.c */
extern const char *argv0;
extern int uselog;
void warn(const char *, ...);
void logv(const char *, ...);
void logerr(const char *, ...);
void lognotice(const char *, ...);
void logdebug(const char *, ...);
void log_open(void);
int fail(enum fail, const char *, ...);
int clock_now(long long *);
size_t b64encode(char *, size_t, const unsigned char *, size_t);
int b64decode(unsigned char *, size_t, const char *);
int validname(const char *, int);
void printable(char *, size_t, const char *, size_t);
void wipe(void *, size_t);
ssize_t readall(int, char *, size_t);
int num_span(const char *, size_t, long long, long long, long long *);
int num_parse(const char *, long long, long long, long long *);
const char *addrpair(char *, size_t, const char *, const char *);
int fail_status(enum fail);
int worse(int, int);
void results_copy(struct nameresult *, int, const struct nameresult *);
void results_set(struct nameresult *, int, enum result, int, const char *,
    const char *, const char *);
void results_fail(struct nameresult *, int, const char *);
enum addrclass { A_BAD, A_REFUSED, A_MAPPED, A_PRIVATE, A_OK };
enum addrclass addr_class(const char *, int *, char *, size_t);
int iid_parse(const char *, unsigned char *);
int names_check(const char *const *, int);
const char *timestr(long long);
#define IIDERR	"not an interface ID (the low 64 bits, as ::a:b:c:d)"

/* net.c */
int net_ifaddr(const char *, int, char *, size_t);
void net_ifopen(void);
void net_deadline(int);
int net_remaining(void);
void net_bind(const char *);
int net_reached(int);
int net_connect(struct conn *, const char *, const char *, int);
ssize_t net_read(struct conn *, void *, size_t);
int net_pending(struct conn *);
int net_write(struct conn *, const void *, size_t);
void net_close(struct conn *);
void conn_init(struct conn *);
ssize_t conn_read(struct conn *, void *, size_t);
int conn_write(struct conn *, const void *, size_t);
void conn_close(struct conn *);

/* tls.c */
int tls_handshake(struct conn *, const char *, const struct pin *, int);
void tls_fingerprint(char *, const char *, const char *const *, const size_t *,
    int);
int tls_random(void *, size_t);

/* cert.c */
int cert_anchors(const char *);
int cert_anchorbuf(const void *, size_t, const char *);
const char *cert_cafile(void);
int cert_spki(const unsigned char *, size_t, const unsigned char **, size_t *);
int cert_parsepin(const char *, struct pin *);

/* http.c */
struct reply {
	int status;
	char reason[64];
	char location[256];
	char *body;
	size_t bodylen;
};
struct httpstate {
	size_t scan;		/* where the search for the header end resumes */
	size_t hdrlen;		/* 0 until the headers are complete */
	int chunked;
	long long clen;		/* -1 when absent */
	size_t next;		/* chunked: offset of the next chunk-size line */
};
int url_parse(struct url *, const char *, const char *);
const char *url_where(const struct url *);
int url_hostport(struct url *, const char *, const char *);
int http_request(char *, size_t, const struct url *, const char *,
    const char *, const char *);
int http_parse(char *, size_t, int, struct httpstate *, struct reply *);
int http_connect(struct conn *, const struct url *, int, const struct pin *,
    int);
int http_exchange(struct conn *, const char *, size_t, struct reply *,
    int);

/* dyndns.c */
int dyndns_request(char *, size_t, const struct job *, int);
void dyndns_map(const struct reply *, const struct job *,
    struct nameresult *);
int dyndns_check(const struct job *);
int dyndns_update(const struct job *, struct nameresult *,
    int (*)(const struct job *));

/* presets.c: the providers, one row of data each */
const struct preset *preset_find(const char *);
const struct preset *preset_all(void);
const struct preset *preset_row(const struct job *);
int preset_agent(char *, size_t, const struct preset *, const char *,
    const char *);

/* conf.c: the configuration file, in the data model's parameter names */
enum key {
	K_NAME, K_ENABLE, K_LINK, K_PERIOD, K_DOMAIN1, K_DOMAIN2, K_DOMAIN3,
	K_DOMAIN4, K_PROTO, K_FQDN, K_SCRIPT, K_PROTOCOL, K_PORT, K_USER,
	K_PASSWORD, K_CACERT, K_CLUSTER, K_CLUSTERPORT, K_LOOKUPPORT, K_EMAIL,
	K_KEY, K_SUPPORTS, K_STATE, K_PIN, K_TIMEOUT, K_AGENT, K_ADDRESS,
	K_ADDRESSURL, K_UPDATEPORT, K_PROVIDER,
	K_SANDBOX, K_CHECKINT, K_RETRYINT, K_MAXRETRIES, K_ALLOWPRIVATE, K_V6IID,
	K_V6PREFIXIF,
	NFILEKEYS,
	K_SERVER = NFILEKEYS,	/* -s: command line only */
	K_SECRETFILE,		/* -p: command line only */
	NKEYS
};
#define MAXINST		16
#define CONFMAX		65536

struct setting {
	const char *v;		/* NULL when not set */
	int line;		/* in the file; 0 on the command line */
	const char *opt;	/* the option that set it on the command line */
	const char *name;	/* the file's TR-181 name for it, or NULL */
};

struct instance {
	int index;		/* 1.. in the file, 0 for the command line */
	int line;		/* its first line */
	struct setting s[NKEYS];
	struct setting pins[MAXPINS];
	int npins;
	struct setting addrs[2];
	int naddrs;
	/* TR-181 Device.DynamicDNS: Hostname.{j}, the Server it refers to */
	struct setting hosts[MAXNAMES];	/* Hostname.{j}.Name */
	int hostidx[MAXNAMES];
	int hostoff[MAXNAMES];		/* Hostname.{j}.Enable: 1 true, 2 false */
	int nhosts;
	struct setting server;		/* Client.{i}.Server */
	int srvoff;			/* that Server's Enable = false */
	int badref;			/* that Server does not exist */
	int tr181;			/* Device.DynamicDNS: 1 a Client, 2 a Server */
};

extern const char *conf_path;
int conf_key(const char *, size_t);
const char *conf_keyname(int);
int conf_parse(char *, size_t, struct instance *, int);
int conf_load(const char *, struct instance *, int);
int conf_selected(const struct instance *, const char *);
int conf_hostnames(const struct instance *, const struct setting **, int *,
    int *);
int conf_enabled(const struct instance *, int);
extern int conf_nservers;

/* job.c: settings to jobs */
struct cli {
	struct instance in;	/* the command line's settings */
	char **names;
	int nnames;
	int four, six, force, verbose;
	int status;		/* -S */
	const char *conffile;	/* -f */
	const char *select;	/* -I */
	int optional;		/* -E: -I may match no enabled instance */
};
int job_set(struct cli *, int, const char *, const char *);
int job_option(struct cli *, const char *);
int job_checkcli(const struct cli *);
int job_build(struct job *, const struct instance *, const struct cli *);
int job_select(struct job *, const struct instance *, int,
    const struct cli *);
void job_statefile(struct job *, const struct instance *, const struct cli *);

/* status.c: -S, the TR-181 status from the state files */
int status_report(const struct instance *, int, const struct cli *);

/* prepare.c: a job's local inputs */
int job_prepare(struct job *);
int job_secret(struct job *);
int job_cafile(struct job *);

/* sandbox.c: least privilege */
void sandbox_early(void);
void sandbox_enter(const struct job *, int);

/* run.c: one instance's run */
int run_job(struct job *, int, struct nameresult *);

/* state.c */
#define MAXRECS		(3 * MAXNAMES)
#define HOLDOFF		(30LL * 60)	/* after a temporary refusal */
#define LOCALHOLD	(2LL * 60)	/* after a failure nothing reached the provider */
#define CHECKREUSE	(10LL * 60)	/* a web check's result is kept this long */

struct staterec {
	char name[254];
	char family;		/* '4', '6', or '-' when the provider chose */
	char addr[ADDRLEN];	/* last registered, or "-" */
	long long updated;	/* when, 0 if never */
	char code[24];		/* last result code, or "-" */
	int status;		/* the exit status that code gave */
	long long hold;		/* no request before this time */
	long long stop;		/* stopped since this time, 0 if not */
	char fp[33];		/* configuration fingerprint when stopped or
				   registered */
	long long fails;	/* consecutive failures (MaxRetries) */
	char lhold[ADDRLEN];	/* a local hold: the address tried, else "" */
	char lfp[33];		/* and the configuration's fingerprint */
};

struct checkrec {
	long long time;		/* 0 if none */
	char family;
	char addr[ADDRLEN];
	char url[300];
};

struct state {
	char salt[33];
	struct staterec rec[MAXRECS];
	int n;
	struct checkrec check[2];	/* one per family */
	int lockfd;
	int tmpfd;
	char path[512];
	char tmp[520];
};

int state_mkdir(const char *);
int state_open(struct state *, const char *);
int state_peek(struct state *, const char *, int *);
int state_changed(const struct staterec *, const char *);
int state_parse(struct state *, const char *, size_t);
size_t state_format(const struct state *, char *, size_t);
int state_save(struct state *);
void state_close(struct state *);
int state_decide(struct state *, const struct job *, int, const char *,
    long long, long long, struct nameresult *);
void state_record(struct state *, const struct job *, int, const char *,
    const struct nameresult *, long long);
void state_fingerprint(const struct state *, const struct job *, int, char *);

/* checkip.c */
int check_parse(const char *, size_t, int, char *, size_t);
int check_fetch(const struct job *, const struct url *, int, char *, size_t);

/* tzo.c */
#define TZOLINE		512
#define TZOMAXADDRS	32
int tzo_field(const char *, size_t);
int tzo_request(char *, size_t, int, const struct job *, int, int);
int tzo_parselist(const char *, char (*)[16], int, int *, const char **);
int tzo_parsecode(const char *, int *, const char **);
int tzo_greeting(const char *, char *, size_t);
void tzo_map(int, const char *, struct nameresult *);
int tzo_update(struct job *, struct nameresult *);
