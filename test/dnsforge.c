/*
 * dnsforge: a UDP DNS responder on 127.0.0.1 (an ephemeral port, written
 * to the -P file) that answers updates as no real server would, for
 * test/rfc2136cases.sh. dnsforge -P portfile -m MODE [-r recfile]
 *   forge     the request back as the reply (QR, NOERROR), its TSIG
 *             untouched: the request's MAC, which cannot verify as a
 *             reply's (RFC 8945 4.3.3 puts the request MAC first)
 *   unsigned  QR, NOERROR, no TSIG at all
 *   silent    never answers (the deadline)
 *   servfail  SERVFAIL, correctly signed over the request's MAC with the
 *             key whose base64 secret is in -k's file (the request's key
 *             name and algorithm): what a server that failed sends
 * Every datagram received is appended to -r's file as one hex line.
 */
#define _DEFAULT_SOURCE
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ddnsup.h"
#include "util.h"
#include "dns.h"
#include "tsig.h"

static struct tsigkey key;
static unsigned char reply[4096];

/*
 * A SERVFAIL to the request q (n bytes), signed as RFC 8945 4.3.1 says;
 * its length, or -1 when the request carries no TSIG of the key.
 */
static ssize_t
servfail(const unsigned char *q, size_t n)
{
	unsigned char reqmac[TSIG_MACMAX], mac[TSIG_MACMAX];
	char alg[DNS_NAMEMAX];
	struct dnshdr h;
	struct dnsrr rr;
	struct dnsbuf b;
	size_t p, maclen;
	unsigned i;

	if (dns_header(q, n, &h) == -1 || h.count[3] == 0)
		return -1;
	for (p = h.sect[3], i = 0; i < h.count[3]; i++)
		if (dns_getrr(q, n, &p, &rr) == -1)
			return -1;
	p = rr.rdoff;
	if (rr.type != DNS_TSIG || dns_getname(q, n, &p, alg, sizeof(alg)) ==
	    -1 || (key.alg = tsig_alg(alg)) == -1 || p + 10 > n)
		return -1;
	maclen = dns_get16(q, p + 8);
	if (maclen > sizeof(reqmac) || p + 10 + maclen > n)
		return -1;
	memcpy(reqmac, q + p + 10, maclen);
	snprintf(key.name, sizeof(key.name), "%s", rr.name);
	/* the header and the zone section, nothing else */
	if (h.sect[1] > sizeof(reply))
		return -1;
	dns_init(&b, reply, sizeof(reply));
	dns_bytes(&b, q, h.sect[1]);
	reply[2] |= 0x80;
	reply[3] = (unsigned char)((reply[3] & 0xf0) | DNS_SERVFAIL);
	memset(reply + 6, 0, 6);
	if (tsig_sign(&b, &key, (long long)time(NULL), reqmac, maclen,
	    mac) == -1)
		return -1;
	return (ssize_t)b.len;
}

int
main(int argc, char *argv[])
{
	unsigned char q[65536];
	struct sockaddr_in sin, from;
	socklen_t fl;
	const char *portfile = NULL, *mode = "forge", *rec = NULL;
	char b64[512];
	FILE *fp;
	ssize_t n, i;
	int fd, ch;

	while ((ch = getopt(argc, argv, "P:m:r:k:")) != -1)
		switch (ch) {
		case 'k':
			if ((fp = fopen(optarg, "r")) == NULL ||
			    fgets(b64, sizeof(b64), fp) == NULL)
				return 2;
			fclose(fp);
			b64[strcspn(b64, "\r\n")] = '\0';
			if ((n = b64decode(key.secret, sizeof(key.secret),
			    b64)) <= 0)
				return 2;
			key.len = (size_t)n;
			break;
		case 'P': portfile = optarg; break;
		case 'm': mode = optarg; break;
		case 'r': rec = optarg; break;
		default: return 2;
		}
	alarm(120);
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	fl = sizeof(sin);
	if ((fd = socket(AF_INET, SOCK_DGRAM, 0)) == -1 ||
	    bind(fd, (struct sockaddr *)&sin, sizeof(sin)) == -1 ||
	    getsockname(fd, (struct sockaddr *)&sin, &fl) == -1) {
		perror("dnsforge");
		return 1;
	}
	if (portfile != NULL && (fp = fopen(portfile, "w")) != NULL) {
		fprintf(fp, "%d\n", ntohs(sin.sin_port));
		fclose(fp);
	}
	for (;;) {
		fl = sizeof(from);
		n = recvfrom(fd, q, sizeof(q), 0, (struct sockaddr *)&from, &fl);
		if (n < 12)
			continue;
		if (rec != NULL && (fp = fopen(rec, "a")) != NULL) {
			for (i = 0; i < n; i++)
				fprintf(fp, "%02x", q[i]);
			fprintf(fp, "\n");
			fclose(fp);
		}
		if (strcmp(mode, "silent") == 0)
			continue;
		if (strcmp(mode, "servfail") == 0) {
			if ((n = servfail(q, (size_t)n)) > 0)
				sendto(fd, reply, (size_t)n, 0,
				    (struct sockaddr *)&from, fl);
			continue;
		}
		q[2] |= 0x80;
		q[3] &= 0xf0;
		if (strcmp(mode, "unsigned") == 0) {
			/* header and zone section only: no records after it */
			memset(q + 6, 0, 6);
			for (i = 12; i < n && q[i] != 0; i += q[i] + 1)
				;
			n = i + 5 <= n ? i + 5 : n;
		}
		sendto(fd, q, (size_t)n, 0, (struct sockaddr *)&from, fl);
	}
}
