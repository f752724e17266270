/* state.c: the state file's format and I/O (needs hash.h, http.h) */

#define MAXRECS		(3 * MAXNAMES)

/* One name's record of one family. */
struct staterec {
	char name[254];
	char family;		/* '4', '6', or '-' when the provider chose */
	char addr[ADDRLEN];	/* last registered, or "-" */
	long long updated;	/* when, 0 if never */
	char code[24];		/* last result code, or "-" */
	int status;		/* the exit status that code gave */
	long long hold;		/* no request before this time */
	long long stop;		/* stopped since this time, 0 if not */
	char fp[FPSIZE];	/* configuration fingerprint when stopped or
				   registered */
	long long fails;	/* consecutive failures (MaxRetries) */
	char lhold[ADDRLEN];	/* a local hold: the address tried, else "" */
	char lfp[FPSIZE];	/* and the configuration's fingerprint */
};

/* The address check page's last answer of a family. */
struct checkrec {
	long long time;		/* 0 if none */
	char family;
	char addr[ADDRLEN];
	char url[URLMAX];
};

struct state {
	char salt[FPSIZE];
	struct staterec rec[MAXRECS];
	int n;
	struct checkrec check[2];	/* one per family */
	const char *const *pend;	/* state_pending: the names about to be sent */
	int npend;
	char pendaddr[2 * ADDRLEN];
	long long pendtime;
	int lockfd;
	int tmpfd;
	char path[512];
	char tmp[520];
};

/* Create the state file's directory (0700) when it is missing; -1 with fail(). */
int state_mkdir(const char *);
/* Lock (waiting at most waitms), read and check the state; -1 with fail(). */
int state_open(struct state *, const char *, int);
/* -S: read without the lock, creating nothing; *busy: a run holds it, *phase: its progress.h word. */
int state_peek(struct state *, const char *, int *, const char **);
/* Parse a state file's text; -1 with fail() when it is corrupt. */
int state_parse(struct state *, const char *, size_t);
/* The state as text; its length, 0 when it does not fit. */
size_t state_format(const struct state *, char *, size_t);
/* Write atomically (temporary file, fsync, rename); -1 with fail(). */
int state_save(struct state *);
/* Before a request: save the state with the names and addresses about to be sent; -1 (nothing may be sent) with fail(). */
int state_pending(struct state *, const char *const *, int, const char *,
    long long);
/* Unlock and close, removing an unfinished temporary file. */
void state_close(struct state *);
/* name's record of a family, or NULL. */
struct staterec *state_find(struct state *, const char *, char);
/* name's record of a family, added when there is none (NULL: the state is full). */
struct staterec *state_get(struct state *, const char *, char);
