/* ddnsup: what every file needs: statuses, the failure record, messages, results */

#include <stddef.h>
#include <sys/types.h>

#define VERSION		"0.1.0"

#define MAXNAMES	20	/* host names per instance */
#define MAXPINS		8	/* certificate pins per instance */
#define ADDRLEN		46	/* INET6_ADDRSTRLEN */

/* Exit statuses, as in sysexits.h; the man page has the table. */
enum {
	ST_OK = 0,
	ST_USAGE = 64,
	ST_NOHOST = 68,
	ST_UNAVAILABLE = 69,
	ST_TEMPFAIL = 75,
	ST_PROTOCOL = 76,
	ST_NOPERM = 77,
	ST_CONFIG = 78
};

/* Local reasons a run can fail before the provider says anything. */
enum fail {
	F_NONE,
	F_RESOLVE,	/* name does not exist */
	F_RESOLVETMP,	/* resolver failed temporarily */
	F_CONNECT,	/* could not connect, or the connection broke */
	F_TIMEOUT,	/* the deadline passed */
	F_TLS,		/* TLS failure other than the certificate */
	F_CERT,		/* certificate not trusted, expired, wrong name */
	F_PIN,		/* no pin matched */
	F_PROTO,	/* malformed or unexpected reply */
	F_CONFIG,	/* a local file or setting is unusable */
	F_USAGE,	/* a setting or the command line is wrong */
	F_CHECK,	/* the web address check failed */
	F_LINK,		/* the link has no usable address yet */
	F_LINKDUP,	/* its only address failed DAD: not waited for */
	F_CERTDATE,	/* certificate dates refused: a short hold, no stop */
	F_CLOCK,	/* refused by a clock at or below RELEASE_TIME */
	NFAILS
};

/* Set by the failing function, read by main. */
struct failure {
	enum fail kind;
	char msg[256];
};
extern struct failure lastfail;

/* Record why an operation failed (a format ending in ':' adds errno's words); returns -1. */
int fail(enum fail, const char *, ...);

/* Messages: "ddnsup: " first; a format ending in ':' adds strerror(errno). */
extern const char *argv0;
extern int uselog;		/* -l found a syslog daemon */
/* A warning, to standard error (and syslog with -l). */
void warn(const char *, ...);
/* -v's lines. */
void logv(const char *, ...);
/* An error: standard error always, syslog too with -l. */
void logerr(const char *, ...);
/* What the output line says: syslog only. */
void lognotice(const char *, ...);
/* Detail for syslog only. */
void logdebug(const char *, ...);
/* -l: syslog when a daemon listens on /dev/log, else standard error. */
void log_open(void);

enum result { R_UPDATED, R_UNCHANGED, R_FAILED, R_HELD, R_SKIPPED };

/* One host name's outcome: its output line and exit status. */
struct nameresult {
	enum result res;
	char addr[2 * ADDRLEN + 2];	/* "-", an address, or "v4,v6" */
	char code[24];
	int status;
	char text[320];			/* why it failed, for the message */
	int local;			/* text is a whole local message */
	int reached;			/* a byte of it went to the provider */
	long long wait;			/* seconds the provider asked (wNNm) */
	int clock;			/* certificate dates: 1, by a wrong clock: 2 */
};
