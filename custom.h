/* custom.c: UpdateURL, the custom provider */

struct url;
struct job;
struct setting;
struct answer;

/* Check a template and set the URL's scheme, host, port and path from it; -1 with fail(F_USAGE). */
int custom_parse(const char *, struct url *);
/* The template has {name}: one request per name. */
int custom_hasname(const char *);
/* The template has {secret}: no Basic credentials. */
int custom_hassecret(const char *);
/* The template has {user}. */
int custom_hasuser(const char *);
/* One request's target, the template filled (masked: the secret as stars); -1 when too long. */
int custom_target(char *, size_t, const struct job *, int);
/* GoodWords, NochgWords, FailWords as answers into *out (NULL: none given); -1 with fail(F_USAGE). */
int custom_words(const struct setting *, const struct setting *,
    const struct setting *, const struct answer **);
