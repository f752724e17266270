/* checkip.c: the address check page (-w) (needs http.h, job.h) */

/* The first address of the family in a page, canonical, into out; -1 when none. */
int checkip_parse(const char *, size_t, int, char *, size_t);
/* Fetch the check page over the family and find its address; -1 with fail(). */
int checkip_fetch(const struct job *, const struct url *, int, char *,
    size_t);
/* A list of check pages (spaces or commas between), at most MAXCHECK, into u and *n; norm (URLMAX) the list comma-separated. -1 with fail(F_CONFIG). */
int checkip_list(struct url *, int *, char *, const char *);
