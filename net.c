/* Resolving, connecting (Happy Eyeballs, link binding) and socket I/O under one deadline. */
/* glibc shows SO_BINDTODEVICE only beyond POSIX; elsewhere this is harmless */
#define _DEFAULT_SOURCE	/* NOLINT(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp) */
#include <sys/socket.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>

#include <errno.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "ddnsup.h"
#include "util.h"
#include "net.h"
#include "ifaddr.h"

#define MAXADDRS	8
#define ATTEMPTMS	250	/* RFC 8305's Connection Attempt Delay */

/*
 * glibc and musl name "no address of this kind" (NOERROR without
 * records) EAI_NODATA only for _GNU_SOURCE; both return -5.
 */
#if !defined(EAI_NODATA) && defined(__linux__)
#define EAI_NODATA	(-5)
#endif

static struct timespec deadline;

void
net_deadline(int seconds)
{
	clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_sec += seconds;
}

/* Milliseconds left before the deadline, 0 once it has passed. */
int
net_remaining(void)
{
	struct timespec now;
	long long ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (long long)(deadline.tv_sec - now.tv_sec) * 1000 +
	    (deadline.tv_nsec - now.tv_nsec) / 1000000;
	if (ms <= 0)
		return 0;
	return ms > 86400000 ? 86400000 : (int)ms;
}

/* Wait for fd to be ready; 1 ready, 0 deadline passed, -1 error */
static int
waitfd(int fd, short events, int ms)
{
	struct pollfd pfd;
	int n;

	pfd.fd = fd;
	pfd.events = events;
	for (;;) {
		if (ms <= 0)
			return 0;
		n = poll(&pfd, 1, ms);
		if (n >= 0)
			return n;
		if (errno != EINTR)
			return -1;
		ms = net_remaining();
	}
}

struct resolved {
	int gaierr;
	int n;
	struct {
		int family;
		socklen_t len;
		struct sockaddr_storage ss;
	} a[MAXADDRS];
};

static void
collect(struct resolved *r, struct addrinfo *res)
{
	struct addrinfo *ai;

	r->n = 0;
	for (ai = res; ai != NULL && r->n < MAXADDRS; ai = ai->ai_next) {
		if (ai->ai_addrlen > sizeof(r->a[0].ss))
			continue;
		r->a[r->n].family = ai->ai_family;
		r->a[r->n].len = ai->ai_addrlen;
		memcpy(&r->a[r->n].ss, ai->ai_addr, ai->ai_addrlen);
		r->n++;
	}
}

static int
isinvalid(const char *host)
{
	size_t len = strlen(host);

	return strcasecmp(host, "invalid") == 0 ||
	    (len > 8 && strcasecmp(host + len - 8, ".invalid") == 0);
}

/*
 * getaddrinfo cannot be bounded by poll, so a child resolves and sends
 * the answer through a pipe; the parent waits no longer than the
 * deadline and kills the child when it passes.
 */
static int
resolve(const char *host, const char *port, int family, struct resolved *r)
{
	struct addrinfo hints, *res;
	int p[2], status, n;
	ssize_t got = 0, k;
	pid_t pid;

	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
	memset(r, 0, sizeof(*r));
	if (getaddrinfo(host, port, &hints, &res) == 0) {
		if (family != AF_UNSPEC && res->ai_family != family) {
			freeaddrinfo(res);
			return fail(F_RESOLVE, "%s: not an IPv%c address", host,
			    family == AF_INET ? '4' : '6');
		}
		collect(r, res);
		freeaddrinfo(res);
		return 0;
	}
	hints.ai_family = family;
	/* RFC 6761: names under .invalid never resolve; ask no one. */
	if (isinvalid(host))
		return fail(F_RESOLVE, "resolve %s: no such host", host);
	hints.ai_flags = AI_NUMERICSERV;
	if (pipe(p) == -1)
		return fail(F_RESOLVETMP, "pipe:");
	/* what stdio holds must not be written twice */
	fflush(NULL);
	if ((pid = fork()) == -1) {
		close(p[0]);
		close(p[1]);
		return fail(F_RESOLVETMP, "fork:");
	}
	if (pid == 0) {
		close(p[0]);
		r->gaierr = getaddrinfo(host, port, &hints, &res);
		if (r->gaierr == 0) {
			collect(r, res);
			freeaddrinfo(res);
		}
		k = write(p[1], r, sizeof(*r));
		_exit(k == (ssize_t)sizeof(*r) ? 0 : 1);
	}
	close(p[1]);
	while (got < (ssize_t)sizeof(*r)) {
		n = waitfd(p[0], POLLIN, net_remaining());
		if (n <= 0)
			break;
		k = read(p[0], (char *)r + got, sizeof(*r) - (size_t)got);
		if (k == -1 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		got += k;
	}
	close(p[0]);
	if (got < (ssize_t)sizeof(*r))
		kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	if (got < (ssize_t)sizeof(*r)) {
		if (net_remaining() == 0)
			return fail(F_TIMEOUT, "resolve %s: timed out", host);
		return fail(F_RESOLVETMP, "resolve %s: resolver failed", host);
	}
	switch (r->gaierr) {
	case 0:
		if (r->n == 0)
			return fail(F_RESOLVE, "resolve %s: no address", host);
		return 0;
	case EAI_AGAIN:
		return fail(F_RESOLVETMP, "resolve %s: %s", host,
		    gai_strerror(r->gaierr));
	case EAI_NONAME:
	case EAI_FAIL:
#ifdef EAI_NODATA
	case EAI_NODATA:
#endif
		return fail(F_RESOLVE, "resolve %s: %s", host,
		    gai_strerror(r->gaierr));
	default:
		return fail(F_RESOLVETMP, "resolve %s: %s", host,
		    gai_strerror(r->gaierr));
	}
}

/* The link sockets leave by (net_bind), and whether the provider got a byte. */
static const char *blink;
static int reached;

/* Every socket from here on leaves through link (NULL: as routed). */
void
net_bind(const char *link)
{
	blink = link;
}

/* 1 when a connection wrote to its peer since the last clear. */
int
net_reached(int clear)
{
	int r = reached;

	if (clear)
		reached = 0;
	return r;
}

static long long
nowms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* The link's own address of the family as a socket address; -1 if none. */
static int
source(int family, struct sockaddr_storage *ss, socklen_t *len)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)(void *)ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)(void *)ss;
	/* any usable source, a global one first */
	static const struct ifpick any = { 1, NULL, 0, 0 };
	char a[ADDRLEN];

	memset(ss, 0, sizeof(*ss));
	if (ifaddr_get(blink, family, &any, a, sizeof(a)) == -1)
		return -1;
	if (family == AF_INET) {
		sin->sin_family = AF_INET;
		*len = sizeof(*sin);
		return inet_pton(AF_INET, a, &sin->sin_addr) == 1 ? 0 : -1;
	}
	sin6->sin6_family = AF_INET6;
	*len = sizeof(*sin6);
	return inet_pton(AF_INET6, a, &sin6->sin6_addr) == 1 ? 0 : -1;
}

/* SO_BINDTODEVICE where there is one, and the link's address as the source. */
static int
bindto(int fd, const struct sockaddr_storage *src, socklen_t len)
{
	char a[ADDRLEN];
	const void *p;

#ifdef SO_BINDTODEVICE
	if (setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, blink,
	    (socklen_t)strlen(blink)) == -1)
		return fail(F_CONFIG, "%s: cannot bind a socket to the link:",
		    blink);
#endif
	if (bind(fd, (const struct sockaddr *)src, len) == 0)
		return 0;
	p = src->ss_family == AF_INET ?
	    (const void *)&((const struct sockaddr_in *)(const void *)src)->sin_addr :
	    (const void *)&((const struct sockaddr_in6 *)(const void *)src)->sin6_addr;
	if (inet_ntop(src->ss_family, p, a, sizeof(a)) == NULL)
		snprintf(a, sizeof(a), "?");
	return fail(F_CONFIG, "%s: cannot bind a socket to %s:", blink, a);
}

/* A loopback server (a local proxy) is reached directly, never through the link. */
static int
isloop(const struct sockaddr *sa)
{
	const struct sockaddr_in *sin = (const struct sockaddr_in *)(const void *)sa;
	const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)(const void *)sa;

	if (sa->sa_family == AF_INET)
		return (ntohl(sin->sin_addr.s_addr) >> 24) == 127;
	return IN6_IS_ADDR_LOOPBACK(&sin6->sin6_addr);
}

/*
 * One attempt started: the socket, connecting (*done set once
 * connected). -1 with errno when it failed at once, -2 with lastfail
 * when the link refused the bind.
 */
static int
start(int family, const struct sockaddr *sa, socklen_t len,
    const struct sockaddr_storage *src, socklen_t srclen, int *done)
{
	int fd, err, on = 1;

	*done = 0;
	if ((fd = socket(family, SOCK_STREAM, 0)) == -1)
		return -1;
	if (fcntl(fd, F_SETFD, FD_CLOEXEC) == -1 ||
	    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) == -1)
		goto bad;
	/* one TLS flight is several small writes: do not wait for ACKs */
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
	if (blink != NULL && !isloop(sa) && bindto(fd, src, srclen) == -1) {
		close(fd);
		return -2;
	}
	if (connect(fd, sa, len) == 0) {
		*done = 1;
		return fd;
	}
	if (errno == EINPROGRESS || errno == EINTR)
		return fd;
bad:
	err = errno;
	close(fd);
	errno = err;
	return -1;
}

static void
closeall(struct pollfd *p, int n, int keep)
{
	int i;

	for (i = 0; i < n; i++)
		if (p[i].fd != keep)
			close(p[i].fd);
}

/* RFC 8305's order: the families alternate, the resolver's first first. */
static void
interleave(struct resolved *r)
{
	static struct resolved t;
	int i = 0, j = 0, n = 0, first = r->a[0].family;

	t = *r;
	while (n < t.n) {
		while (i < t.n && t.a[i].family != first)
			i++;
		if (i < t.n)
			r->a[n++] = t.a[i++];
		while (j < t.n && t.a[j].family == first)
			j++;
		if (j < t.n)
			r->a[n++] = t.a[j++];
	}
}

/*
 * Happy Eyeballs (RFC 8305): an attempt every ATTEMPTMS while earlier
 * ones are pending, at once when one fails; the first connected wins.
 * Returns the socket, -1 with errno, -2 with lastfail (bind refused).
 */
static int
eyeballs(const struct resolved *r, const struct sockaddr_storage *src,
    const socklen_t *srclen)
{
	struct pollfd p[MAXADDRS];
	int np = 0, next = 0, i, fd, done, ms, err = ECONNREFUSED, k;
	socklen_t elen;
	long long at = 0;

	for (;;) {
		if (next < r->n && (np == 0 || nowms() >= at)) {
			k = r->a[next].family == AF_INET6;
			fd = start(r->a[next].family,
			    (const struct sockaddr *)&r->a[next].ss,
			    r->a[next].len, &src[k], srclen[k], &done);
			next++;
			if (fd == -2 || (fd >= 0 && done)) {
				closeall(p, np, -1);
				return fd;
			}
			if (fd == -1) {
				err = errno;
				continue;
			}
			p[np].fd = fd;
			p[np++].events = POLLOUT;
			at = nowms() + ATTEMPTMS;
			continue;
		}
		if (np == 0)
			break;
		if ((ms = net_remaining()) == 0) {
			closeall(p, np, -1);
			err = ETIMEDOUT;
			break;
		}
		if (next < r->n && at - nowms() < ms)
			ms = at - nowms() > 0 ? (int)(at - nowms()) : 0;
		if (poll(p, (nfds_t)np, ms) == -1 && errno != EINTR) {
			err = errno;
			closeall(p, np, -1);
			break;
		}
		for (i = 0; i < np; i++) {
			if (p[i].revents == 0)
				continue;
			elen = sizeof(k);
			if (getsockopt(p[i].fd, SOL_SOCKET, SO_ERROR, &k,
			    &elen) == 0 && k == 0) {
				fd = p[i].fd;
				closeall(p, np, fd);
				return fd;
			}
			err = k != 0 ? k : errno;
			close(p[i].fd);
			p[i--] = p[--np];
			/* a failure starts the next attempt at once */
			at = 0;
		}
	}
	errno = err;
	return -1;
}

/* Drop the addresses whose family the link has no address of. */
static int
linkfamilies(struct resolved *r, struct sockaddr_storage *src,
    socklen_t *srclen)
{
	int have[2], i, n = 0;
	struct failure why;

	memset(&why, 0, sizeof(why));
	for (i = 0; i < 2; i++)
		if (!(have[i] = source(i ? AF_INET6 : AF_INET, &src[i],
		    &srclen[i]) == 0) && why.kind == F_NONE)
			why = lastfail;
	for (i = 0; i < r->n; i++)
		if (have[r->a[i].family == AF_INET6] ||
		    isloop((struct sockaddr *)&r->a[i].ss))
			r->a[n++] = r->a[i];
	if (n == 0 && r->n > 0) {
		lastfail = why;
		if (why.kind != F_CONFIG)
			lastfail.kind = F_LINK;
		return -1;
	}
	r->n = n;
	return 0;
}

/* Resolve host and connect to the first of its addresses that answers. */
int
net_connect(struct conn *c, const char *host, const char *port, int family)
{
	static struct resolved r;
	struct sockaddr_storage src[2];
	socklen_t srclen[2] = { 0, 0 };

	conn_init(c);
	memset(src, 0, sizeof(src));
	snprintf(c->peer, sizeof(c->peer), strchr(host, ':') ? "[%s]:%s" :
	    "%s:%s", host, port);
	if (resolve(host, port, family, &r) == -1)
		return -1;
	if (blink != NULL && linkfamilies(&r, src, srclen) == -1)
		return fail(lastfail.kind, "connect %s: %s", c->peer,
		    lastfail.msg);
	interleave(&r);
	c->fd = eyeballs(&r, src, srclen);
	if (c->fd == -2)
		return -1;
	if (c->fd >= 0) {
		c->read = net_read;
		c->write = net_write;
		c->close = net_close;
		return 0;
	}
	if (errno == ETIMEDOUT && net_remaining() == 0)
		return fail(F_TIMEOUT, "connect %s: timed out", c->peer);
	if (blink != NULL)
		return fail(F_CONNECT, "connect %s via %s:", c->peer, blink);
	return fail(F_CONNECT, "connect %s:", c->peer);
}

/*
 * A UDP "connection" to host's first address (of the link's families):
 * bound to the link like a TCP one, read and written as one datagram
 * each through net_read and net_write, under the same deadline.
 */
int
net_udp(struct conn *c, const char *host, const char *port, int family)
{
	static struct resolved r;
	struct sockaddr_storage src[2];
	socklen_t srclen[2] = { 0, 0 };
	const struct sockaddr *sa;
	int k;

	conn_init(c);
	memset(src, 0, sizeof(src));
	snprintf(c->peer, sizeof(c->peer), strchr(host, ':') ? "[%s]:%s" :
	    "%s:%s", host, port);
	if (resolve(host, port, family, &r) == -1)
		return -1;
	if (blink != NULL && linkfamilies(&r, src, srclen) == -1)
		return fail(lastfail.kind, "udp %s: %s", c->peer, lastfail.msg);
	sa = (const struct sockaddr *)&r.a[0].ss;
	k = r.a[0].family == AF_INET6;
	if ((c->fd = socket(r.a[0].family, SOCK_DGRAM, 0)) == -1)
		return fail(F_CONNECT, "udp %s: socket:", c->peer);
	if (fcntl(c->fd, F_SETFD, FD_CLOEXEC) == -1 ||
	    fcntl(c->fd, F_SETFL, fcntl(c->fd, F_GETFL) | O_NONBLOCK) == -1) {
		net_close(c);
		return fail(F_CONNECT, "udp %s:", c->peer);
	}
	if (blink != NULL && !isloop(sa) && bindto(c->fd, &src[k],
	    srclen[k]) == -1) {
		net_close(c);
		return -1;
	}
	if (connect(c->fd, sa, r.a[0].len) == -1) {
		net_close(c);
		return fail(F_CONNECT, "udp %s:", c->peer);
	}
	c->read = net_read;
	c->write = net_write;
	c->close = net_close;
	return 0;
}

/* The first "nameserver" of /etc/resolv.conf, as the resolver would ask it. */
int
net_nameserver(char *out, size_t size)
{
	char line[512], *p, *e;
	FILE *f;

	if ((f = fopen("/etc/resolv.conf", "r")) == NULL)
		return fail(F_RESOLVETMP, "/etc/resolv.conf:");
	while (fgets(line, sizeof(line), f) != NULL) {
		p = line + strspn(line, " \t");
		if (strncmp(p, "nameserver", 10) != 0 || (p[10] != ' ' &&
		    p[10] != '\t'))
			continue;
		p += 10 + strspn(p + 10, " \t");
		e = p + strcspn(p, " \t\r\n%");
		*e = '\0';
		if (*p == '\0' || (size_t)(e - p) >= size)
			continue;
		snprintf(out, size, "%s", p);
		fclose(f);
		return 0;
	}
	fclose(f);
	return fail(F_RESOLVETMP, "/etc/resolv.conf: no nameserver");
}

/* 1 when the peer has sent something not yet read, -1 at its end, else 0. */
int
net_pending(struct conn *c)
{
	struct pollfd pfd;
	char b;

	pfd.fd = c->fd;
	pfd.events = POLLIN;
	if (poll(&pfd, 1, 0) != 1)
		return 0;
	return recv(c->fd, &b, 1, MSG_PEEK) == 0 ? -1 : 1;
}

/*
 * Read what is there, waiting within the deadline; 0 at end of file.
 * The read comes first: poll only when nothing has arrived yet.
 */
ssize_t
net_read(struct conn *c, void *buf, size_t len)
{
	ssize_t n;

	for (;;) {
		if (net_remaining() == 0)
			return fail(F_TIMEOUT, "read %s: timed out", c->peer);
		/* right after a write the answer cannot be there yet */
		if (c->sent) {
			c->sent = 0;
			n = -1;
			errno = EAGAIN;
		} else
			n = read(c->fd, buf, len);
		if (n >= 0)
			return n;
		if (errno == EINTR)
			continue;
		if (errno != EAGAIN && errno != EWOULDBLOCK)
			return fail(F_CONNECT, "read %s:", c->peer);
		switch (waitfd(c->fd, POLLIN, net_remaining())) {
		case 0:
			return fail(F_TIMEOUT, "read %s: timed out", c->peer);
		case -1:
			return fail(F_CONNECT, "read %s:", c->peer);
		}
	}
}

int
net_write(struct conn *c, const void *buf, size_t len)
{
	const char *p = buf;
	ssize_t n;

	while (len > 0) {
		n = send(c->fd, p, len, MSG_NOSIGNAL);
		c->sent = 1;
		if (n > 0) {
			reached = 1;
			p += n;
			len -= (size_t)n;
			continue;
		}
		if (n == -1 && errno != EINTR && errno != EAGAIN &&
		    errno != EWOULDBLOCK)
			return fail(F_CONNECT, "write %s:", c->peer);
		switch (waitfd(c->fd, POLLOUT, net_remaining())) {
		case 0:
			return fail(F_TIMEOUT, "write %s: timed out", c->peer);
		case -1:
			return fail(F_CONNECT, "write %s:", c->peer);
		}
	}
	return 0;
}

void
net_close(struct conn *c)
{
	if (c->fd != -1)
		close(c->fd);
	c->fd = -1;
}

/* What a protocol calls: the layer on top (TLS, or none) answers. */
ssize_t
conn_read(struct conn *c, void *buf, size_t len)
{
	return c->read(c, buf, len);
}

int
conn_write(struct conn *c, const void *buf, size_t len)
{
	return c->write(c, buf, len);
}

void
conn_close(struct conn *c)
{
	if (c->close != NULL)
		c->close(c);
	c->close = NULL;
}

/* A connection that is not open: closing it does nothing. */
void
conn_init(struct conn *c)
{
	memset(c, 0, sizeof(*c));
	c->fd = -1;
}
