/*
 * udpdelay: relay UDP datagrams from a loopback port to another, holding
 * each for D ms in each direction, so that a client sees a round-trip
 * time of 2D: bench/delayproxy's counterpart for RFC 2136's UDP (this
 * kernel has no netem). One client at a time: replies go to the address
 * of the last datagram received.
 *
 * udpdelay -P portfile -t targetport -d ms
 */
#define _DEFAULT_SOURCE
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define QMAX 64

struct dgram {
	long long due;
	int to;			/* 0: to the server, 1: to the client */
	size_t len;
	unsigned char data[65536];
};

static struct dgram q[QMAX];
static int qhead, qlen;

static long long
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int
main(int argc, char *argv[])
{
	struct sockaddr_in sin, client, target;
	struct pollfd pfd[2];
	socklen_t sl;
	const char *portfile = NULL;
	long long delay = 25, t;
	struct dgram *d;
	FILE *fp;
	ssize_t n;
	int ch, k, tport = 0, have = 0;

	while ((ch = getopt(argc, argv, "P:t:d:")) != -1)
		switch (ch) {
		case 'P': portfile = optarg; break;
		case 't': tport = atoi(optarg); break;
		case 'd': delay = atoll(optarg); break;
		default: return 2;
		}
	if (portfile == NULL || tport <= 0 || tport > 65535)
		return 2;
	alarm(3600);
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	target = sin;
	target.sin_port = htons((unsigned short)tport);
	sl = sizeof(sin);
	pfd[0].fd = socket(AF_INET, SOCK_DGRAM, 0);
	pfd[1].fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (pfd[0].fd == -1 || pfd[1].fd == -1 ||
	    bind(pfd[0].fd, (struct sockaddr *)&sin, sizeof(sin)) == -1 ||
	    getsockname(pfd[0].fd, (struct sockaddr *)&sin, &sl) == -1 ||
	    connect(pfd[1].fd, (struct sockaddr *)&target,
	    sizeof(target)) == -1) {
		perror("udpdelay");
		return 1;
	}
	if ((fp = fopen(portfile, "w")) == NULL)
		return 1;
	fprintf(fp, "%d\n", ntohs(sin.sin_port));
	fclose(fp);
	for (;;) {
		t = now();
		while (qlen > 0 && q[qhead].due <= t) {
			d = &q[qhead];
			if (d->to == 0)
				send(pfd[1].fd, d->data, d->len, 0);
			else if (have)
				sendto(pfd[0].fd, d->data, d->len, 0,
				    (struct sockaddr *)&client, sizeof(client));
			qhead = (qhead + 1) % QMAX;
			qlen--;
		}
		pfd[0].events = pfd[1].events = qlen < QMAX ? POLLIN : 0;
		if (poll(pfd, 2, qlen > 0 ? (int)(q[qhead].due - t) : -1) <= 0)
			continue;
		for (k = 0; k < 2; k++) {
			if (!(pfd[k].revents & POLLIN) || qlen == QMAX)
				continue;
			d = &q[(qhead + qlen) % QMAX];
			sl = sizeof(client);
			n = k == 0 ? recvfrom(pfd[0].fd, d->data, sizeof(d->data),
			    0, (struct sockaddr *)&client, &sl) :
			    recv(pfd[1].fd, d->data, sizeof(d->data), 0);
			if (n < 0)
				continue;
			have |= k == 0;
			d->len = (size_t)n;
			d->to = k == 0 ? 0 : 1;
			d->due = now() + delay;
			qlen++;
		}
	}
}
