/* net.c: resolving, connecting, link binding, socket I/O under one deadline */

/*
 * A connection: net_connect opens it with the socket's own read, write
 * and close; a layer on top (TLS) puts its own in their place.
 */
struct conn {
	int fd;
	int sent;		/* a write came last: poll before reading */
	char peer[300];		/* host:port, for messages */
	ssize_t (*read)(struct conn *, void *, size_t);
	int (*write)(struct conn *, const void *, size_t);
	void (*close)(struct conn *);
};

/* Every network step from now on must end within seconds. */
void net_deadline(int);
/* Milliseconds left before the deadline, 0 once it has passed. */
int net_remaining(void);
/* Every socket from here on leaves through the link (NULL: as routed). */
void net_bind(const char *);
/* 1 when a connection wrote to its peer since the last clear (clear: reset). */
int net_reached(int);
/* Resolve host and connect (Happy Eyeballs) within the deadline; -1 with fail(). */
int net_connect(struct conn *, const char *, const char *, int);
/* A UDP socket connected to host's first address, bound to the link like net_connect's; -1 with fail(). */
int net_udp(struct conn *, const char *, const char *, int);
/* The first nameserver of /etc/resolv.conf, as the resolver would ask it; -1 with fail(). */
int net_nameserver(char *, size_t);
/* The socket's own read: what is there, within the deadline; 0 at EOF. */
ssize_t net_read(struct conn *, void *, size_t);
/* 1 when the peer has sent something not yet read, -1 at its end, else 0. */
int net_pending(struct conn *);
/* The socket's own write: all of it within the deadline, or -1. */
int net_write(struct conn *, const void *, size_t);
/* The socket's own close. */
void net_close(struct conn *);

/* A connection that is not open: closing it does nothing. */
void conn_init(struct conn *);
/* Read through the connection's top layer. */
ssize_t conn_read(struct conn *, void *, size_t);
/* Write all of it through the top layer; -1 with fail(). */
int conn_write(struct conn *, const void *, size_t);
/* Close the top layer and the socket. */
void conn_close(struct conn *);
