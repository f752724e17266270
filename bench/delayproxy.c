/*
 * delayproxy: forward one TCP connection at a time from a loopback port
 * to another, holding every chunk for D ms in each direction, so that a
 * client sees a round-trip time of 2D. This kernel has no netem: this is
 * how bench/run.sh counts a client's round trips (wall time / 2D).
 *
 * delayproxy -P portfile -t targetport -d ms [-n connections]
 */
#define _DEFAULT_SOURCE
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>

#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define QMAX 256

struct chunk {
	long long due;
	int to;			/* 0: to the server, 1: to the client */
	size_t len;		/* 0: end of file */
	unsigned char data[16384];
};

static struct chunk q[QMAX];
static int qhead, qlen;

static long long
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static void
relay(int client, int server, int delay)
{
	struct pollfd p[2];
	int fds[2] = { server, client }, open[2] = { 1, 1 }, i, timeout;
	struct chunk *c;
	ssize_t n;

	qhead = qlen = 0;
	for (;;) {
		while (qlen > 0 && q[qhead].due <= now()) {
			c = &q[qhead];
			if (c->len == 0)
				shutdown(fds[c->to], SHUT_WR);
			else if (send(fds[c->to], c->data, c->len, MSG_NOSIGNAL) < 0)
				return;
			qhead = (qhead + 1) % QMAX;
			qlen--;
		}
		if (!open[0] && !open[1] && qlen == 0)
			return;
		p[0].fd = open[0] ? client : -1;	/* client -> server */
		p[1].fd = open[1] ? server : -1;	/* server -> client */
		p[0].events = p[1].events = POLLIN;
		timeout = qlen > 0 ? (int)(q[qhead].due - now()) : -1;
		if (timeout < 0 && qlen > 0)
			timeout = 0;
		if (poll(p, 2, timeout) < 0)
			continue;
		for (i = 0; i < 2; i++) {
			if (!(p[i].revents & (POLLIN | POLLHUP)) || qlen == QMAX)
				continue;
			c = &q[(qhead + qlen) % QMAX];
			n = read(p[i].fd, c->data, sizeof(c->data));
			/* the client is done: take the next one at once */
			if (n <= 0 && i == 0)
				return;
			c->len = n > 0 ? (size_t)n : 0;
			c->to = i == 0 ? 0 : 1;
			c->due = now() + delay;
			qlen++;
			if (n <= 0)
				open[i] = 0;
		}
	}
}

int
main(int argc, char *argv[])
{
	struct sockaddr_in sin;
	socklen_t len = sizeof(sin);
	const char *portfile = NULL;
	int ch, delay = 25, target = 0, conns = 1000, fd, c, s, one = 1;
	FILE *fp;

	while ((ch = getopt(argc, argv, "d:n:P:t:")) != -1) {
		switch (ch) {
		case 'd': delay = atoi(optarg); break;
		case 'n': conns = atoi(optarg); break;
		case 'P': portfile = optarg; break;
		case 't': target = atoi(optarg); break;
		default: return 2;
		}
	}
	if (portfile == NULL || target == 0)
		return 2;
	alarm(600);
	signal(SIGPIPE, SIG_IGN);
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	fd = socket(AF_INET, SOCK_STREAM, 0);
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&sin, len) == -1 || listen(fd, 8) == -1 ||
	    getsockname(fd, (struct sockaddr *)&sin, &len) == -1)
		return 1;
	fp = fopen(portfile, "w");
	fprintf(fp, "%d\n", ntohs(sin.sin_port));
	fclose(fp);
	while (conns-- > 0) {
		if ((c = accept(fd, NULL, NULL)) == -1)
			continue;
		s = socket(AF_INET, SOCK_STREAM, 0);
		sin.sin_port = htons((unsigned short)target);
		if (connect(s, (struct sockaddr *)&sin, sizeof(sin)) == 0) {
			setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
			setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
			relay(c, s, delay);
		}
		close(s);
		close(c);
	}
	return 0;
}
