/* value.c: one setting's value checked against its key (needs conf.h) */

struct range {
	int key;
	long long min, max;
};

/* A bad setting: where it came from (file:line, or the option), what is wrong; -1 with fail(F_USAGE). */
int value_bad(const struct setting *, int, const char *, ...);
/* A numeric key's range, or NULL. */
const struct range *value_range(int);
/* A numeric setting within its key's range into *n, or value_bad(). */
int value_number(const struct setting *, int, long long *);
/* UpdateTimePeriod: seconds, or a number with s, m, h or d, into seconds. */
int value_period(const struct setting *, long long *);
/* 1, 0, true or false into *v (1 when s is NULL). */
int value_bool(const struct setting *, int, int *);
/* n address lists ("v4", "v6", "v4,v6") into a4 and a6, at most one of each family. */
int value_addrs(char *, char *, const struct setting *, int, int);
/* A User-Agent: printable ASCII, 1 to size - 1 characters. */
int value_agent(const struct setting *, size_t);
