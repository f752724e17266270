/* proto.c: the protocols, one row each; run.c calls a row without knowing which */

struct job;
struct nameresult;

struct protocol {
	const char *name;	/* -P's word, DdnsProtocol's value */
	/* What it refuses to send, before anything is: -1 with fail(). */
	int (*check)(const struct job *);
	/* The secret's form (it may decode it in place) and the warnings, once it is read: -1 with fail(). */
	int (*prepare)(struct job *);
	/* 1 when the update makes a TLS handshake (trust anchors needed). */
	int (*needca)(const struct job *);	/* NULL: never TLS */
	/* The ports the update connects to, into out (at most 4); how many. */
	int (*ports)(const struct job *, const char **);
	/* One round for the job's names: a result for each in res. */
	void (*update)(struct job *, struct nameresult *);
	/* -n: print what would be sent, secrets masked; -1 with fail(). */
	int (*dryrun)(const struct job *);
	/* The server, as messages name it. */
	const char *(*where)(const struct job *);
};

/* The protocol named (case-insensitive), or NULL. */
const struct protocol *proto_find(const char *);
/* The rows, NULL-terminated. */
const struct protocol *const *proto_all(void);
