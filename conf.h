/* conf.c: the configuration file, in the data model's parameter names */

#define MAXINST		16	/* instances (Clients) per file */
#define CONFMAX		65536	/* a configuration file's size at most */

enum key {
	K_NAME, K_ENABLE, K_LINK, K_PERIOD, K_DOMAIN1, K_DOMAIN2, K_DOMAIN3,
	K_DOMAIN4, K_PROTO, K_FQDN, K_SCRIPT, K_PROTOCOL, K_PORT, K_USER,
	K_PASSWORD, K_CACERT, K_CLUSTER, K_CLUSTERPORT, K_LOOKUPPORT, K_EMAIL,
	K_KEY, K_SUPPORTS, K_STATE, K_PIN, K_TIMEOUT, K_AGENT, K_ADDRESS,
	K_ADDRESSURL, K_UPDATEPORT, K_PROVIDER,
	K_SANDBOX, K_CHECKINT, K_RETRYINT, K_MAXRETRIES, K_ALLOWPRIVATE, K_V6IID,
	K_V6PREFIXIF, K_ZONE, K_TTL, K_TSIGALG, K_PASSWORDFILE, K_CREATE,
	K_UPDATEURL, K_GOODWORDS, K_NOCHGWORDS, K_FAILWORDS, K_ALLOWPLAIN,
	K_IFMAP,
	NFILEKEYS,
	K_SERVER = NFILEKEYS,	/* -s: command line only */
	K_SECRETFILE,		/* -p: command line only */
	NKEYS
};

/* One parameter's value and where it came from, for messages. */
struct setting {
	const char *v;		/* NULL when not set */
	int line;		/* in the file; 0 on the command line */
	const char *opt;	/* the option that set it on the command line */
	const char *name;	/* the file's TR-181 name for it, or NULL */
	const char *file;	/* the file it is in (line > 0) */
};

/* One instance: the file's (a Client merged with its Server) or the command line's. */
struct instance {
	int index;		/* 1.. in the file, 0 for the command line */
	int line;		/* its first line */
	const char *file;	/* the file it is in, or NULL */
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
	struct setting alias;		/* Server.{k}.Alias */
	int srvoff;			/* that Server's Enable = false */
	int badref;			/* that Server does not exist */
	int tr181;			/* Device.DynamicDNS: 1 a Client, 2 a Server */
};

/* A parameter name, with or without its object prefix: its key, or -1. */
int conf_key(const char *, size_t);
/* The name messages use for a key. */
const char *conf_keyname(int);
/* Parse a file's "Key = value" lines in place: how many instances, -1 with fail(F_USAGE). */
int conf_parse(const char *, char *, size_t, struct instance *, int);
/* Read and parse a file (it may hold secrets): how many instances, -1 with fail(). */
int conf_load(const char *, struct instance *, int);
/* -I: 1 when the instance's index, Name or LinkReference is sel. */
int conf_selected(const struct instance *, const char *);
/* An instance's host names (Hostname.{j} by j, or DomainName1 to 4); how many. */
int conf_hostnames(const struct instance *, const struct setting **, int *,
    int *);
/* Whether an instance can send: its Enable (on), its Server's. */
int conf_enabled(const struct instance *, int);
/* How many Device.DynamicDNS.Server objects the last file had. */
int conf_servers(void);
/* The last file's Server.{k}, the k-th (from 0) in the file's order, or NULL. */
const struct instance *conf_server(int);
