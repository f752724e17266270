/*
 * nodatadns: a DNS server that answers every query NOERROR with no
 * records (RFC 2308's NODATA), on UDP 127.0.0.1:53; for the resolver
 * case of test/linkcases.sh. nodatadns -P readyfile [-T secs]
 */
#define _DEFAULT_SOURCE
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int
main(int argc, char *argv[])
{
	unsigned char q[512];
	struct sockaddr_in sin, from;
	socklen_t fl;
	const char *ready = NULL;
	FILE *fp;
	ssize_t n;
	int fd, ch, secs = 30;

	while ((ch = getopt(argc, argv, "P:T:")) != -1)
		switch (ch) {
		case 'P': ready = optarg; break;
		case 'T': secs = atoi(optarg); break;
		default: return 2;
		}
	alarm((unsigned)secs);
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(53);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((fd = socket(AF_INET, SOCK_DGRAM, 0)) == -1 ||
	    bind(fd, (struct sockaddr *)&sin, sizeof(sin)) == -1) {
		perror("nodatadns");
		return 1;
	}
	if (ready != NULL && (fp = fopen(ready, "w")) != NULL) {
		fprintf(fp, "53\n");
		fclose(fp);
	}
	for (;;) {
		fl = sizeof(from);
		n = recvfrom(fd, q, sizeof(q), 0, (struct sockaddr *)&from, &fl);
		size_t end = 12;

		if (n < 12)
			continue;
		/* the question only: its name's labels, type and class */
		while (end < (size_t)n && q[end] != 0)
			end += (size_t)q[end] + 1;
		if ((end += 5) > (size_t)n)
			continue;
		n = (ssize_t)end;
		/* the query back: QR and RA set, RCODE 0, no answer records */
		q[2] = (unsigned char)(0x80 | (q[2] & 0x79));
		q[3] = 0x80;
		memset(q + 6, 0, 6);
		sendto(fd, q, (size_t)n, 0, (struct sockaddr *)&from, fl);
	}
}
