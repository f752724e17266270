/* dyndns.c: DynDNS2 request and reply */

struct job;
struct reply;
struct protocol;

extern const struct protocol proto_dyndns;

/* One request for the job's names; masked: the credential is not shown. -1 when too long. */
int dyndns_request(char *, size_t, const struct job *, int);
/* A reply's lines (and the provider's own words, the HTTP status) as results. */
void dyndns_map(const struct reply *, const struct job *, struct nameresult *);
/* What the preset refuses to send, before anything is; -1 with fail(). */
int dyndns_check(const struct job *);
/* Every request the preset's shape needs (show: print each instead of sending). */
int dyndns_update(const struct job *, struct nameresult *,
    int (*)(const struct job *));
