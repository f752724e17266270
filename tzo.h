/* tzo.c: TZO's three-stage exchange */

struct job;
struct protocol;

#define TZOLINE		512	/* a line at most */
#define TZOMAXADDRS	32	/* addresses in a lookup's answer at most */

extern const struct protocol proto_tzo;

/* 1 when a value may stand between TZO's commas (no comma, space or control). */
int tzo_field(const char *, size_t);
/* Stage's request line (stage 3: for name i); masked: no key. Its length, or -1. */
int tzo_request(char *, size_t, int, const struct job *, int, int);
/* A stage 1 or 2 reply: how many addresses, 0 with *code and *text, or -1. */
int tzo_parselist(const char *, char (*)[16], int, int *, const char **);
/* "NN text": the code; -1 when it is not one. */
int tzo_parsecode(const char *, int *, const char **);
/* The update server's greeting: 1 with the address it shows in [ ], 0 without. */
int tzo_greeting(const char *, char *, size_t);
/* A code and its text as a result. */
void tzo_map(int, const char *, struct nameresult *);
/* Stages 1 and 2 once, then stage 3 for each name; -1 when a name failed. */
int tzo_update(struct job *, struct nameresult *);
