/* http.c: URLs, HTTP/1.0 and kept-alive HTTP/1.1 requests, reply reading, http_connect */

#define REPLYMAX	65536	/* a reply's headers and body at most */
#define URLMAX		300	/* a URL the user gives (-w), at most */
#define MAXCHECK	3	/* check pages tried in order (-w, AddressURL) */

struct conn;
struct pin;

struct url {
	int tls;
	int literal;		/* host is an IP address literal */
	char host[256];		/* without brackets */
	char port[6];
	char path[256];
	int defport;		/* port is the scheme's default */
};

struct reply {
	int status;
	char reason[64];
	char location[256];
	char *body;
	size_t bodylen;
	long long retryafter;	/* Retry-After in seconds, -1 when absent */
	int close;		/* the connection cannot carry another request */
};

/* Where the parsing of a reply resumes. */
struct httpstate {
	size_t scan;		/* where the search for the header end resumes */
	size_t hdrlen;		/* 0 until the headers are complete */
	int chunked;
	long long clen;		/* -1 when absent */
	size_t next;		/* chunked: offset of the next chunk-size line */
};

/* [http://|https://]host[:port][/path], defpath when there is none; -1 with fail(). */
int url_parse(struct url *, const char *, const char *);
/* host, or host:port when the port is not the scheme's: for messages. */
const char *url_where(const struct url *);
/* s as it may be shown: a URL's user:password@ left out. */
const char *url_safe(const char *);
/* s's len bytes percent-encoded at dst[*n] (size in all); -1 when it is short. */
int url_encode(char *, size_t, size_t *, const char *, size_t);
/* host[:port] alone (defport when none), as TZO's cluster lookup server is given. */
int url_hostport(struct url *, const char *, const char *);
/* A GET request for path to the URL's host: agent, auth (base64 or NULL). */
int http_request(char *, size_t, const struct url *, const char *,
    const char *, const char *);
/* What has arrived of a reply: 1 complete, 0 more is needed, -1 malformed. */
int http_parse(char *, size_t, int, struct httpstate *, struct reply *);
/* Connect to the URL's host, with TLS verified when it says https. */
int http_connect(struct conn *, const struct url *, int, const struct pin *,
    int);
/* Send the request and read the whole reply into a fixed buffer. */
int http_exchange(struct conn *, const char *, size_t, struct reply *,
    int);
/* An HTTP/1.1 request: method, target, Authorization value, more header lines, JSON body, agent. */
int http_request11(char *, size_t, const struct url *, const char *,
    const char *, const char *, const char *, const char *, const char *);
/* One exchange on a kept-alive connection; r->close: it cannot carry another. */
int http_keepalive(struct conn *, const char *, size_t, struct reply *);
