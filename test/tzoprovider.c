/*
 * tzoprovider: the local TZO test server. Serves the three stages
 * (cluster lookup, update-server lookup, update) on three loopback
 * ports, records every line received as "N: line" (N the stage) and
 * answers what the test scripts.
 *
 * tzoprovider -P portfile -r recordfile [-T secs]
 *     [-1 reply] [-2 reply] [-3 reply ...] [-g N:greeting] [-m N:mode]
 *
 * -1, -2: the stage's reply line; -3 may be repeated: one per stage-3
 * connection, the last one repeats. -g replaces a stage's greeting
 * (in stage 3, "%s" becomes the client's address). Modes: stall (never
 * reply), close (close before replying), long (reply with a 600-byte
 * line), nogreet (close before the greeting), slowgreet (stall before
 * the greeting).
 * The port file gets the three ports, one line, stage order.
 */
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *greet[4] = { 0, "TZO Cluster Lookup Server",
    "TZO Update Server Lookup", "TZO/Linksys Update Server [%s]" };
static const char *reply12[3] = { 0, "1,127.0.0.1,", "1,127.0.0.1," };
static const char *reply3[64] = { "40 Update successful" };
static int nreply3 = 0, served3;
static const char *mode[4] = { 0, "", "", "" };
static FILE *record;

static void
die(const char *msg)
{
	fprintf(stderr, "tzoprovider: %s\n", msg);
	exit(1);
}

static void
say(int fd, const char *line)
{
	char buf[1024];
	int n = snprintf(buf, sizeof(buf), "%s\r\n", line);

	if (send(fd, buf, (size_t)n, MSG_NOSIGNAL) < 0)
		return;
}

static void
serve(int stage, int fd)
{
	struct sockaddr_in sin;
	socklen_t len = sizeof(sin);
	char buf[2048], peer[INET_ADDRSTRLEN] = "?", g[256], *nl;
	size_t got = 0;
	ssize_t n;

	if (strcmp(mode[stage], "nogreet") == 0)
		return;
	if (strcmp(mode[stage], "slowgreet") == 0)
		for (;;)
			pause();
	if (getpeername(fd, (struct sockaddr *)&sin, &len) == 0)
		inet_ntop(AF_INET, &sin.sin_addr, peer, sizeof(peer));
	snprintf(g, sizeof(g), greet[stage], peer);
	say(fd, g);
	while (got < sizeof(buf) - 1) {
		n = read(fd, buf + got, sizeof(buf) - 1 - got);
		if (n <= 0)
			break;
		got += (size_t)n;
		buf[got] = '\0';
		if ((nl = strchr(buf, '\n')) != NULL)
			break;
	}
	buf[got] = '\0';
	if ((nl = strchr(buf, '\n')) != NULL)
		*nl = '\0';
	if (got > 0 && (nl = strchr(buf, '\r')) != NULL && nl[1] == '\0')
		*nl = '\0';
	if (got > 0) {
		fprintf(record, "%d: %s\n", stage, buf);
		fflush(record);
	}
	if (strcmp(mode[stage], "stall") == 0)
		for (;;)
			pause();
	if (strcmp(mode[stage], "close") == 0)
		return;
	if (strcmp(mode[stage], "long") == 0) {
		memset(buf, '1', 600);
		buf[600] = '\0';
		say(fd, buf);
		return;
	}
	if (stage < 3)
		say(fd, reply12[stage]);
	else {
		say(fd, reply3[served3 < nreply3 ? served3 : nreply3 - 1]);
		served3++;
	}
}

int
main(int argc, char *argv[])
{
	struct sockaddr_in sin;
	socklen_t len;
	struct pollfd pfd[3];
	const char *portfile = NULL;
	FILE *fp;
	int ch, i, one = 1, secs = 30, c, stage;

	while ((ch = getopt(argc, argv, "1:2:3:g:m:P:r:T:")) != -1) {
		switch (ch) {
		case '1': reply12[1] = optarg; break;
		case '2': reply12[2] = optarg; break;
		case '3':
			if (nreply3 < 64)
				reply3[nreply3++] = optarg;
			break;
		case 'g':
		case 'm':
			stage = optarg[0] - '0';
			if (stage < 1 || stage > 3 || optarg[1] != ':')
				die("-g and -m take N:text");
			if (ch == 'g')
				greet[stage] = optarg + 2;
			else
				mode[stage] = optarg + 2;
			break;
		case 'P': portfile = optarg; break;
		case 'r':
			if ((record = fopen(optarg, "a")) == NULL)
				die("cannot open the record file");
			break;
		case 'T': secs = atoi(optarg); break;
		default: die("bad option");
		}
	}
	if (portfile == NULL || record == NULL)
		die("-P portfile and -r recordfile are required");
	if (nreply3 == 0)
		nreply3 = 1;
	alarm((unsigned)secs);
	signal(SIGPIPE, SIG_IGN);
	if ((fp = fopen(portfile, "w")) == NULL)
		die("cannot write the port file");
	for (i = 0; i < 3; i++) {
		memset(&sin, 0, sizeof(sin));
		sin.sin_family = AF_INET;
		sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		if ((pfd[i].fd = socket(AF_INET, SOCK_STREAM, 0)) == -1)
			die("socket");
		setsockopt(pfd[i].fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		len = sizeof(sin);
		if (bind(pfd[i].fd, (struct sockaddr *)&sin, len) == -1 ||
		    listen(pfd[i].fd, 16) == -1 ||
		    getsockname(pfd[i].fd, (struct sockaddr *)&sin, &len) == -1)
			die("bind/listen");
		pfd[i].events = POLLIN;
		fprintf(fp, "%s%d", i ? " " : "", ntohs(sin.sin_port));
	}
	fprintf(fp, "\n");
	fclose(fp);
	for (;;) {
		if (poll(pfd, 3, -1) < 0)
			continue;
		for (i = 0; i < 3; i++) {
			if (!(pfd[i].revents & POLLIN))
				continue;
			if ((c = accept(pfd[i].fd, NULL, NULL)) == -1)
				continue;
			serve(i + 1, c);
			close(c);
		}
	}
}
