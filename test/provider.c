/*
 * provider: the local DynDNS2 test provider. Listens on a loopback
 * ephemeral port, serves a scripted reply over HTTP or HTTPS (BearSSL's
 * server side) and records every byte of each request it receives.
 *
 * provider [-6] [-c chain -k key] [-m mode] [-d ms] [-n conns] [-T secs]
 *     [-l address] [-a peerfile] -P portfile [-r recordfile] [-R replyfile]
 *     [-E preset [-Z zonefile] [-K user:secret ...]]
 *
 * With -E the reply is not scripted: test/emulate.c answers as that
 * preset's provider does, on the records of the zone file, accepting
 * only the -K credentials (any, without -K). -E cloudflare (porkbun,
 * digitalocean, hetzner, gandi) is a JSON API
 * (test/restemu.c) on kept-alive connections: -Z names its store, and
 * the record file gets "# connection N" before each connection's requests.
 *
 * -l listens on that address instead of loopback ("::" takes both
 * families); -a appends each connection's source address to peerfile.
 *
 * modes: reply (default), stall (read the request, never answer), close
 * (read the request, close), slow (reply one byte every -d ms), hsstall
 * (accept, never speak), refuse (find a free port, close it, exit),
 * reset (read the request, reset the connection), hsclose (close after
 * the ClientHello), alert1 (answer the ClientHello with a fatal alert;
 * alert50: with decode_error),
 * alert2 (a fatal alert instead of the server's second flight), reneg
 * (ask for renegotiation right after the handshake), echo (an address
 * check page: the reply's body is the connection's source address).
 */
#define _GNU_SOURCE
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <bearssl.h>

#include "emulate.h"
#include "restemu.h"

static const char *mode = "reply";
static int delayms = 1000;
static unsigned char *reply;
static size_t replylen;
static FILE *record;
static const char *emu;		/* -E: the preset emulated */
static int six;
static char peer[64];	/* the connection's source address */

static br_x509_certificate chain[8];
static size_t chainlen;
static br_skey_decoder_context skey;

static void
die(const char *fmt, const char *arg)
{
	fprintf(stderr, "provider: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n");
	exit(1);
}

static unsigned char *
slurp(const char *path, size_t *len)
{
	unsigned char *buf = NULL;
	size_t cap = 0;
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY)) == -1)
		die("cannot open %s", path);
	*len = 0;
	for (;;) {
		if (*len == cap) {
			cap = cap ? cap * 2 : 65536;
			if ((buf = realloc(buf, cap)) == NULL)
				die("%s: out of memory", path);
		}
		if ((n = read(fd, buf + *len, cap - *len)) <= 0)
			break;
		*len += (size_t)n;
	}
	close(fd);
	return buf;
}

struct obj {
	unsigned char *data;
	size_t len, cap;
};

static void
addbytes(void *ctx, const void *p, size_t len)
{
	struct obj *o = ctx;

	if (o->len + len > o->cap) {
		o->cap = (o->len + len) * 2;
		if ((o->data = realloc(o->data, o->cap)) == NULL)
			die("%s", "out of memory");
	}
	memcpy(o->data + o->len, p, len);
	o->len += len;
}

/* Decode every PEM object of a file; calls fn for each with its name. */
static void
pemfile(const char *path, void (*fn)(const char *, struct obj *))
{
	br_pem_decoder_context pc;
	struct obj o = { 0 };
	unsigned char *buf;
	size_t len, off = 0, n;
	char name[128];

	buf = slurp(path, &len);
	br_pem_decoder_init(&pc);
	while (off < len) {
		n = br_pem_decoder_push(&pc, buf + off, len - off);
		off += n;
		switch (br_pem_decoder_event(&pc)) {
		case BR_PEM_BEGIN_OBJ:
			snprintf(name, sizeof(name), "%s", br_pem_decoder_name(&pc));
			memset(&o, 0, sizeof(o));
			br_pem_decoder_setdest(&pc, addbytes, &o);
			break;
		case BR_PEM_END_OBJ:
			fn(name, &o);
			break;
		case BR_PEM_ERROR:
			die("%s: bad PEM", path);
		}
	}
	free(buf);
}

static void
addcert(const char *name, struct obj *o)
{
	if (strstr(name, "CERTIFICATE") == NULL || chainlen == 8)
		return;
	chain[chainlen].data = o->data;
	chain[chainlen++].data_len = o->len;
}

static void
addkey(const char *name, struct obj *o)
{
	if (strstr(name, "PRIVATE KEY") == NULL)
		return;
	br_skey_decoder_init(&skey);
	br_skey_decoder_push(&skey, o->data, o->len);
	if (br_skey_decoder_last_error(&skey) != 0)
		die("%s: cannot decode key", name);
}

/* a fatal handshake_failure alert, as a plaintext TLS 1.2 record */
static unsigned char alert[] = { 0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28 };
static int wrote;	/* the server has written its first flight */

static int
sockread(void *ctx, unsigned char *buf, size_t len)
{
	ssize_t n;

	if (wrote && strcmp(mode, "alert2") == 0) {
		/* the client's second flight arrives: take all of it, refuse it */
		struct pollfd pfd = { *(int *)ctx, POLLIN, 0 };
		while (poll(&pfd, 1, 200) == 1 && read(*(int *)ctx, buf, len) > 0)
			;
		send(*(int *)ctx, alert, sizeof(alert), MSG_NOSIGNAL);
		shutdown(*(int *)ctx, SHUT_WR);
		while (poll(&pfd, 1, 2000) == 1 && read(*(int *)ctx, buf, len) > 0)
			;
		return -1;
	}
	n = read(*(int *)ctx, buf, len);
	return n <= 0 ? -1 : (int)n;
}

static int
sockwrite(void *ctx, const unsigned char *buf, size_t len)
{
	ssize_t n = send(*(int *)ctx, buf, len, MSG_NOSIGNAL);

	wrote = 1;
	return n <= 0 ? -1 : (int)n;
}

/*
 * Run the server engine until the handshake is done, then ask for
 * renegotiation: the last flight and the HelloRequest leave together.
 */
static int
reneg(br_ssl_engine_context *eng, int fd)
{
	static unsigned char out[65536];
	unsigned char *buf;
	size_t len, olen = 0;
	unsigned st;
	ssize_t n;
	int asked = 0;

	for (;;) {
		st = br_ssl_engine_current_state(eng);
		if (st & BR_SSL_CLOSED)
			return -1;
		if (st & BR_SSL_SENDREC) {
			buf = br_ssl_engine_sendrec_buf(eng, &len);
			if (len > sizeof(out) - olen)
				return -1;
			memcpy(out + olen, buf, len);
			olen += len;
			br_ssl_engine_sendrec_ack(eng, len);
			continue;
		}
		if ((st & BR_SSL_SENDAPP) && !asked) {
			br_ssl_engine_renegotiate(eng);
			br_ssl_engine_flush(eng, 0);
			asked = 1;
			continue;
		}
		if (olen > 0 && send(fd, out, olen, MSG_NOSIGNAL) != (ssize_t)olen)
			return -1;
		olen = 0;
		if (asked)
			return 0;
		if (st & BR_SSL_RECVREC) {
			buf = br_ssl_engine_recvrec_buf(eng, &len);
			if ((n = read(fd, buf, len)) <= 0)
				return -1;
			br_ssl_engine_recvrec_ack(eng, (size_t)n);
			continue;
		}
		br_ssl_engine_flush(eng, 0);
	}
}

struct io {
	int fd;
	br_sslio_context *tls;
};

static int
ioread(struct io *io, unsigned char *buf, size_t len)
{
	ssize_t n;

	if (io->tls)
		return br_sslio_read(io->tls, buf, len);
	n = read(io->fd, buf, len);
	return n <= 0 ? -1 : (int)n;
}

static int
iowrite(struct io *io, const unsigned char *buf, size_t len)
{
	if (io->tls) {
		if (br_sslio_write_all(io->tls, buf, len) != 0)
			return -1;
		return br_sslio_flush(io->tls);
	}
	while (len > 0) {
		ssize_t n = send(io->fd, buf, len, MSG_NOSIGNAL);
		if (n <= 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

static void
pause_ms(int ms)
{
	struct timespec ts;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (long)(ms % 1000) * 1000000;
	nanosleep(&ts, NULL);
}

/* -E cloudflare: requests on one connection until the client closes it. */
static void
restserve(struct io *io)
{
	static char buf[65536], out[65536];
	size_t len = 0, need, olen;
	char *end, *cl, keep;
	int n;

	for (;;) {
		buf[len] = '\0';
		while ((end = strstr(buf, "\r\n\r\n")) == NULL) {
			if (len == sizeof(buf) - 1 || (n = ioread(io,
			    (unsigned char *)buf + len, sizeof(buf) - 1 - len)) < 0)
				goto done;
			len += (size_t)n;
			buf[len] = '\0';
		}
		need = (size_t)(end + 4 - buf);
		if ((cl = strcasestr(buf, "\r\nContent-Length:")) != NULL &&
		    cl < end)
			need += (size_t)atol(cl + 17);
		while (len < need) {
			if (need >= sizeof(buf) || (n = ioread(io,
			    (unsigned char *)buf + len, sizeof(buf) - 1 - len)) < 0)
				goto done;
			len += (size_t)n;
		}
		if (record != NULL) {
			fwrite(buf, 1, need, record);
			fflush(record);
		}
		keep = buf[need];
		buf[need] = '\0';
		olen = restemu(buf, peer, 0, out, sizeof(out));
		buf[need] = keep;
		if (iowrite(io, (unsigned char *)out, olen) != 0)
			break;
		memmove(buf, buf + need, len - need);
		len -= need;
	}
done:
	if (io->tls)
		br_sslio_close(io->tls);
}

static void
serve(struct io *io)
{
	unsigned char buf[65536];
	size_t len = 0, i;
	int n;

	/* the request: up to the empty line that ends the headers */
	while (len < sizeof(buf)) {
		if ((n = ioread(io, buf + len, sizeof(buf) - len)) < 0)
			break;
		if (record != NULL) {
			fwrite(buf + len, 1, (size_t)n, record);
			fflush(record);
		}
		len += (size_t)n;
		for (i = len >= (size_t)n + 3 ? len - (size_t)n - 3 : 0;
		    i + 4 <= len && memcmp(buf + i, "\r\n\r\n", 4) != 0; i++)
			;
		if (i + 4 <= len)
			break;
	}
	if (strcmp(mode, "stall") == 0)
		for (;;)
			pause();
	if (strcmp(mode, "close") == 0)
		return;
	if (strcmp(mode, "reset") == 0) {
		struct linger lg = { 1, 0 };
		setsockopt(io->fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
		return;
	}
	if (strcmp(mode, "slow") == 0) {
		for (i = 0; i < replylen; i++) {
			if (iowrite(io, reply + i, 1) != 0)
				return;
			pause_ms(delayms);
		}
		return;
	}
	if (emu != NULL) {
		static char out[8192];
		size_t olen;

		buf[len < sizeof(buf) ? len : sizeof(buf) - 1] = '\0';
		olen = emulate(emu, (char *)buf, six ? "::1" : "127.0.0.1", out,
		    sizeof(out));
		iowrite(io, (unsigned char *)out, olen);
	} else if (strcmp(mode, "echo") == 0) {
		char page[256];
		int n = snprintf(page, sizeof(page), "HTTP/1.1 200 OK\r\n"
		    "Content-Length: %zu\r\n\r\nCurrent IP Address: %s",
		    strlen(peer) + 20, peer);
		iowrite(io, (unsigned char *)page, (size_t)n);
	} else
		iowrite(io, reply, replylen);
	if (io->tls)
		br_sslio_close(io->tls);
}

/* The source address, IPv4-mapped ones as IPv4. */
static void
peername(const struct sockaddr_storage *ss)
{
	const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)ss;
	const unsigned char *a = s6->sin6_addr.s6_addr;

	if (ss->ss_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)ss)->sin_addr,
		    peer, sizeof(peer));
	else if (IN6_IS_ADDR_V4MAPPED(&s6->sin6_addr))
		inet_ntop(AF_INET, a + 12, peer, sizeof(peer));
	else
		inet_ntop(AF_INET6, a, peer, sizeof(peer));
}

int
main(int argc, char *argv[])
{
	static br_ssl_server_context sc;
	static br_sslio_context ioc;
	static unsigned char iobuf[BR_SSL_BUFSIZE_BIDI];
	struct sockaddr_storage ss;
	struct sockaddr_in *sin = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;
	socklen_t sslen;
	const char *certfile = NULL, *keyfile = NULL, *portfile = NULL;
	const char *listenat = NULL;
	struct sockaddr_storage from;
	socklen_t fromlen;
	FILE *peers = NULL;
	FILE *fp;
	struct io io;
	int ch, conns = 1, secs = 30, fd, c, one = 1, port, nconn = 0;

	while ((ch = getopt(argc, argv, "6a:c:d:E:k:K:l:m:n:P:r:R:T:Z:")) != -1) {
		switch (ch) {
		case 'E': emu = optarg; break;
		case 'K': emu_cred(optarg); break;
		case 'Z':
			if (emu != NULL && restemu_is(emu))
				restemu_store(optarg);
			else
				emu_zone(optarg);
			break;
		case '6': six = 1; break;
		case 'a':
			if ((peers = fopen(optarg, "a")) == NULL)
				die("cannot open %s", optarg);
			break;
		case 'c': certfile = optarg; break;
		case 'l': listenat = optarg; break;
		case 'd': delayms = atoi(optarg); break;
		case 'k': keyfile = optarg; break;
		case 'm': mode = optarg; break;
		case 'n': conns = atoi(optarg); break;
		case 'P': portfile = optarg; break;
		case 'r':
			if ((record = fopen(optarg, "a")) == NULL)
				die("cannot open %s", optarg);
			break;
		case 'R': reply = slurp(optarg, &replylen); break;
		case 'T': secs = atoi(optarg); break;
		default: die("%s", "bad option");
		}
	}
	if (portfile == NULL)
		die("%s", "-P portfile is required");
	/* a test provider stops by itself */
	alarm((unsigned)secs);
	signal(SIGPIPE, SIG_IGN);
	if (certfile != NULL) {
		pemfile(certfile, addcert);
		pemfile(keyfile ? keyfile : certfile, addkey);
		if (chainlen == 0)
			die("%s: no certificate", certfile);
	}

	memset(&ss, 0, sizeof(ss));
	if (listenat != NULL && strchr(listenat, ':') != NULL) {
		sin6->sin6_family = AF_INET6;
		if (inet_pton(AF_INET6, listenat, &sin6->sin6_addr) != 1)
			die("bad -l %s", listenat);
		sslen = sizeof(*sin6);
		six = 1;
	} else if (listenat != NULL) {
		sin->sin_family = AF_INET;
		if (inet_pton(AF_INET, listenat, &sin->sin_addr) != 1)
			die("bad -l %s", listenat);
		sslen = sizeof(*sin);
	} else if (six) {
		sin6->sin6_family = AF_INET6;
		sin6->sin6_addr = in6addr_loopback;
		sslen = sizeof(*sin6);
	} else {
		sin->sin_family = AF_INET;
		sin->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		sslen = sizeof(*sin);
	}
	if ((fd = socket(ss.ss_family, SOCK_STREAM, 0)) == -1)
		die("%s", "socket");
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (six) {
		int off = 0;
		setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof(off));
	}
	if (bind(fd, (struct sockaddr *)&ss, sslen) == -1 ||
	    listen(fd, 16) == -1 ||
	    getsockname(fd, (struct sockaddr *)&ss, &sslen) == -1)
		die("%s", "bind/listen");
	port = ntohs(six ? sin6->sin6_port : sin->sin_port);
	if (strcmp(mode, "refuse") == 0)
		close(fd);
	if ((fp = fopen(portfile, "w")) == NULL)
		die("cannot write %s", portfile);
	fprintf(fp, "%d\n", port);
	fclose(fp);
	if (strcmp(mode, "refuse") == 0)
		return 0;

	while (conns-- > 0) {
		fromlen = sizeof(from);
		if ((c = accept(fd, (struct sockaddr *)&from, &fromlen)) == -1)
			die("%s", "accept");
		peername(&from);
		if (peers != NULL) {
			fprintf(peers, "%s\n", peer);
			fflush(peers);
		}
		setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
		if (strcmp(mode, "hsstall") == 0)
			for (;;)
				pause();
		if (strcmp(mode, "alert50") == 0) {
			alert[6] = 50;
			mode = "alert1";
		}
		if (strcmp(mode, "hsclose") == 0 || strcmp(mode, "alert1") == 0) {
			unsigned char hello[4096];
			if (read(c, hello, sizeof(hello)) > 0 &&
			    strcmp(mode, "alert1") == 0)
				send(c, alert, sizeof(alert), MSG_NOSIGNAL);
			close(c);
			continue;
		}
		wrote = 0;
		io.fd = c;
		io.tls = NULL;
		if (certfile != NULL) {
			if (br_skey_decoder_key_type(&skey) == BR_KEYTYPE_EC)
				br_ssl_server_init_full_ec(&sc, chain, chainlen,
				    BR_KEYTYPE_EC, br_skey_decoder_get_ec(&skey));
			else
				br_ssl_server_init_full_rsa(&sc, chain, chainlen,
				    br_skey_decoder_get_rsa(&skey));
			br_ssl_engine_set_buffer(&sc.eng, iobuf, sizeof(iobuf), 1);
			br_ssl_server_reset(&sc);
			if (strcmp(mode, "reneg") == 0 && reneg(&sc.eng, c) == -1) {
				close(c);
				continue;
			}
			br_sslio_init(&ioc, &sc.eng, sockread, &c, sockwrite, &c);
			io.tls = &ioc;
		}
		if (emu != NULL && restemu_is(emu)) {
			if (record != NULL) {
				fprintf(record, "# connection %d\n", ++nconn);
				fflush(record);
			}
			restserve(&io);
		} else
			serve(&io);
		close(c);
	}
	return 0;
}
