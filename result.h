/* result.c: a failure's code and exit status, the per-name results */

/* The exit status a local failure gives. */
int fail_status(enum fail);
/* The output line's code for a local failure ("connect", "tls", ...). */
const char *fail_code(enum fail);
/* -n went on past lastfail: a warning naming the status a real run would exit with. */
void fail_dry(void);
/* Of two exit statuses, the one a script must act on. */
int worse(int, int);
/* The same result for n names (src may be dst[0]). */
void results_copy(struct nameresult *, int, const struct nameresult *);
/* n names get one result: res, status, address, code, text. */
void results_set(struct nameresult *, int, enum result, int, const char *,
    const char *, const char *);
/* Every name fails for the local reason in lastfail; reached: a byte went out. */
void results_fail(struct nameresult *, int, const char *, int);
