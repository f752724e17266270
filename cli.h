/* cli.c: command-line values and their checks, before any file is read (needs conf.h, http.h) */

struct cli {
	struct instance in;	/* the command line's settings */
	char **names;
	int nnames;
	int four, six, force, verbose;
	int status;		/* -S */
	int json, jsonset;	/* -o StatusFormat=json (set at all) */
	const char *conffile;	/* -f */
	const char *select;	/* -I */
	int optional;		/* -E: -I may match no enabled instance */
	char wlist[URLMAX];	/* -w given more than once: the list */
};

/* An option that sets a parameter (opt: the option, for messages); -1 with fail(). */
int cli_set(struct cli *, int, const char *, const char *);
/* -o Key=value: any parameter but the secrets, or -S's StatusFormat; -1 with fail(). */
int cli_option(struct cli *, const char *);
/* What the command line alone can tell: each value checked as an instance would; -1 with fail(). */
int cli_check(const struct cli *);
