/* dyndns.c: DynDNS2 request and reply */

struct job;
struct reply;
struct protocol;
struct preset;

extern const struct protocol proto_dyndns;

/* One request for the job's names; masked: the credential is not shown. -1 when too long. */
int dyndns_request(char *, size_t, const struct job *, int);
/* A reply's lines (and the provider's own words, the HTTP status) as results. */
void dyndns_map(const struct reply *, const struct job *, struct nameresult *);
/* What the preset refuses to send, before anything is; -1 with fail(). */
int dyndns_check(const struct job *);
/* The secret goes in the request's URL (the row's or UpdateURL's), not as Basic credentials. */
int dyndns_urlsecret(const struct job *);
/* How the preset writes a name (its label, or "@"), its zone in *zone; NULL: not under it. */
const char *dyndns_label(const struct preset *, const struct job *,
    const char *, const char **);
/* The row's needca, ports and where for a server that is -s's HTTP(S) URL (rest's too). */
int dyndns_needca(const struct job *);
int dyndns_ports(const struct job *, const char **);
const char *dyndns_where(const struct job *);
/* Every request the preset's shape needs (show: print each instead of sending). */
int dyndns_update(const struct job *, struct nameresult *,
    int (*)(const struct job *));
