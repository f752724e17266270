/* Resolving, connecting and socket I/O under one deadline; interface addresses. */
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

#define MAXADDRS	8

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

/*
 * Linux marks temporary, deprecated, tentative and failed IPv6 addresses
 * in /proc/net/if_inet6; elsewhere nothing is known and 0 is returned.
 */
static unsigned
v6flags(const struct in6_addr *a, const char *ifname)
{
	char line[128], hex[33], name[IF_NAMESIZE + 1], want[33];
	unsigned idx, plen, scope, flags, found = 0;
	FILE *fp;
	int i;

	if ((fp = fopen("/proc/net/if_inet6", "r")) == NULL)
		return 0;
	for (i = 0; i < 16; i++)
		snprintf(want + 2 * (size_t)i, 3, "%02x", a->s6_addr[i]);
	while (fgets(line, sizeof(line), fp) != NULL) {
		/* a line that does not scan is skipped: no address to lose */
		if (sscanf(line, "%32s %x %x %x %x %16s", hex, &idx, &plen, /* NOLINT(cert-err34-c) */
		    &scope, &flags, name) != 6)
			continue;
		if (strcmp(hex, want) == 0 && strcmp(name, ifname) == 0) {
			found = flags;
			break;
		}
	}
	fclose(fp);
	return found;
}

#define IFA6_UNUSABLE	(0x01 | 0x08 | 0x20 | 0x40)	/* temporary, dadfailed, deprecated, tentative */

/*
 * The interface's first usable address of the family, public ones
 * before private ones. Returns 1 if the address is private, 0 if
 * public, -1 with lastfail set when there is none.
 */
int
net_ifaddr(const char *ifname, int family, char *out, size_t outlen)
{
	struct ifaddrs *ifap, *ifa;
	char buf[ADDRLEN], canon[ADDRLEN];
	int exists = 0, got = -1, fam;
	enum addrclass c;
	const void *a;

	if (getifaddrs(&ifap) == -1)
		return fail(F_CONFIG, "getifaddrs:");
	for (ifa = ifap; ifa != NULL; ifa = ifa->ifa_next) {
		if (strcmp(ifa->ifa_name, ifname) != 0)
			continue;
		exists = 1;
		if (ifa->ifa_addr == NULL || ifa->ifa_addr->sa_family != family)
			continue;
		if (family == AF_INET)
			a = &((struct sockaddr_in *)(void *)ifa->ifa_addr)->sin_addr;
		else {
			a = &((struct sockaddr_in6 *)(void *)ifa->ifa_addr)->sin6_addr;
			if (v6flags(a, ifname) & IFA6_UNUSABLE)
				continue;
		}
		if (inet_ntop(family, a, buf, sizeof(buf)) == NULL)
			continue;
		c = addr_class(buf, &fam, canon, sizeof(canon));
		if (c == A_OK || (c == A_PRIVATE && got == -1)) {
			snprintf(out, outlen, "%s", canon);
			got = c == A_PRIVATE;
			if (c == A_OK)
				break;
		}
	}
	freeifaddrs(ifap);
	if (!exists && if_nametoindex(ifname) == 0)
		return fail(F_CONFIG, "%s: no such interface", ifname);
	if (got == -1)
		return fail(F_CONFIG, "%s: no usable %s address", ifname,
		    family == AF_INET ? "IPv4" : "IPv6");
	return got;
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

static int
connectone(int family, const struct sockaddr *sa, socklen_t len, int ms)
{
	int fd, err = 0, on = 1;
	socklen_t elen = sizeof(err);

	if ((fd = socket(family, SOCK_STREAM, 0)) == -1)
		return -1;
	if (fcntl(fd, F_SETFD, FD_CLOEXEC) == -1 ||
	    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) == -1)
		goto bad;
	/* one TLS flight is several small writes: do not wait for ACKs */
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
	if (connect(fd, sa, len) == 0)
		return fd;
	if (errno != EINPROGRESS && errno != EINTR)
		goto bad;
	switch (waitfd(fd, POLLOUT, ms)) {
	case 0:
		errno = ETIMEDOUT;
		goto bad;
	case -1:
		goto bad;
	}
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &elen) == -1)
		goto bad;
	if (err != 0) {
		errno = err;
		goto bad;
	}
	return fd;
bad:
	err = errno;
	close(fd);
	errno = err;
	return -1;
}

/* Resolve host and connect to the first of its addresses that answers. */
int
net_connect(struct conn *c, const char *host, const char *port, int family)
{
	struct resolved r;
	int i, ms;

	conn_init(c);
	snprintf(c->peer, sizeof(c->peer), strchr(host, ':') ? "[%s]:%s" :
	    "%s:%s", host, port);
	if (resolve(host, port, family, &r) == -1)
		return -1;
	errno = ECONNREFUSED;
	for (i = 0; i < r.n; i++) {
		/* share what is left among the addresses not yet tried */
		if ((ms = net_remaining()) == 0) {
			errno = ETIMEDOUT;
			break;
		}
		ms /= r.n - i;
		c->fd = connectone(r.a[i].family,
		    (struct sockaddr *)&r.a[i].ss, r.a[i].len, ms);
		if (c->fd != -1) {
			c->read = net_read;
			c->write = net_write;
			c->close = net_close;
			return 0;
		}
	}
	if (errno == ETIMEDOUT && net_remaining() == 0)
		return fail(F_TIMEOUT, "connect %s: timed out", c->peer);
	return fail(F_CONNECT, "connect %s:", c->peer);
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
