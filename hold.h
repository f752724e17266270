/* hold.c: skip, hold and stop decisions from the state (needs job.h, state.h) */

#define HOLDOFF		(30LL * 60)	/* after a temporary refusal */
#define LOCALHOLD	(2LL * 60)	/* after a failure nothing reached the provider */
#define CLOCKSKEW	(5LL * 60)	/* a state time this far ahead is still believed */

/* Holds and stops no run could have written (a clock that ran ahead) cut to now's bound; how many. */
int hold_bound(struct state *, long long, long long);

/* Before any request: 0 when the state settles name i (res: stopped, held or skipped), 1 to send. */
int hold_decide(struct state *, const struct job *, int, const char *,
    long long, long long, struct nameresult *);
/* After the reply: remember name i's outcome (fp: its fingerprint, now: the time). */
void hold_record(struct state *, const struct job *, int, const char *,
    const struct nameresult *, long long);
/* 1 when a record was registered under another configuration. */
int hold_changed(const struct staterec *, const char *);
/* A name's configuration fingerprint under the state's salt, into fp (FPSIZE). */
void hold_fingerprint(const struct state *, const struct job *, const char *,
    char *);
