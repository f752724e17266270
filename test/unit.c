/* Table-driven tests of ddnsup's pure functions: one line per table. */
#include <sys/socket.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bearssl.h>

#include "ddnsup.h"
#include "util.h"
#include "result.h"
#include "cert.h"
#include "http.h"
#include "hash.h"
#include "conf.h"
#include "value.h"
#include "cli.h"
#include "presets.h"
#include "job.h"
#include "proto.h"
#include "dyndns.h"
#include "tzo.h"
#include "checkip.h"
#include "state.h"
#include "hold.h"

#include "check.h"

static void
t_base64(void)
{
	static const struct { const char *in, *out; } v[] = {
		{ "", "" }, { "f", "Zg==" }, { "fo", "Zm8=" }, { "foo", "Zm9v" },
		{ "foob", "Zm9vYg==" }, { "fooba", "Zm9vYmE=" },
		{ "foobar", "Zm9vYmFy" }, { "bob:s3cr:et", "Ym9iOnMzY3I6ZXQ=" },
	};
	static const char *const bad[] = {
		"", "Zg", "Zg=", "Z===", "Zg=a", "=Zg=", "Zm9v!A==", "Zm9vYg=\n",
		"Zm=v",
	};
	char out[64];
	unsigned char dec[64];
	size_t i;
	int n;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		b64encode(out, sizeof(out), (const unsigned char *)v[i].in,
		    strlen(v[i].in));
		CHECK(strcmp(out, v[i].out) == 0, "encode %s: %s", v[i].in, out);
		if (v[i].in[0] == '\0')
			continue;
		n = b64decode(dec, sizeof(dec), v[i].out);
		CHECK(n == (int)strlen(v[i].in) &&
		    memcmp(dec, v[i].in, (size_t)n) == 0, "decode %s", v[i].out);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK(b64decode(dec, sizeof(dec), bad[i]) == -1,
		    "decode accepted %s", bad[i]);
	CHECK(b64encode(out, 4, (const unsigned char *)"foo", 3) == 0,
	    "encode overflows");
	CHECK(b64decode(dec, 2, "Zm9v") == -1, "decode overflows");
	done("base64 encode and decode");
}

static void
t_numbers(void)
{
	static const struct {
		const char *in;
		long long min, max;
		int ok;
		long long v;
	} v[] = {
		{ "0", 0, 10, 1, 0 }, { "10", 0, 10, 1, 10 }, { "11", 0, 10, 0, 0 },
		{ "", 0, 10, 0, 0 }, { "-1", -5, 10, 0, 0 }, { "+1", 0, 10, 0, 0 },
		{ " 1", 0, 10, 0, 0 }, { "1 ", 0, 10, 0, 0 }, { "0x1", 0, 10, 0, 0 },
		{ "007", 0, 10, 1, 7 }, { "999999999999999999", 0,
		    999999999999999999LL, 1, 999999999999999999LL },
		{ "1000000000000000000", 0, 999999999999999999LL, 0, 0 },
		{ "65535", 1, 65535, 1, 65535 }, { "65536", 1, 65535, 0, 0 },
	};
	long long n;
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		n = -42;
		CHECK((num_parse(v[i].in, v[i].min, v[i].max, &n) == 0) ==
		    v[i].ok, "%s: accepted %d", v[i].in, !v[i].ok);
		CHECK(!v[i].ok || n == v[i].v, "%s: %lld", v[i].in, n);
		CHECK(v[i].ok || n == -42, "%s: output written on failure",
		    v[i].in);
	}
	CHECK(num_span("443/x", 3, 1, 65535, &n) == 0 && n == 443, "span");
	CHECK(num_span("44x", 3, 1, 65535, &n) == -1, "span with a letter");
	done("numbers: decimal only, bounded, nothing written on failure");
}

static void
t_names(void)
{
	static const struct { const char *s; int single, ok; } v[] = {
		{ "home.example.org", 0, 1 }, { "a.b", 0, 1 },
		{ "x-1.example.org", 0, 1 }, { "HOME.Example.ORG", 0, 1 },
		{ "localhost", 1, 1 }, { "localhost", 0, 0 }, { "", 0, 0 },
		{ ".example.org", 0, 0 }, { "example.org.", 0, 0 },
		{ "a..b", 0, 0 }, { "-a.example.org", 0, 0 },
		{ "a-.example.org", 0, 0 }, { "a_b.example.org", 0, 0 },
		{ "*.example.org", 0, 0 }, { "a b.org", 0, 0 },
		{ "a%2e.org", 0, 0 }, { "a,b.org", 0, 0 }, { "a\r\n.org", 0, 0 },
		{ "caf\xc3\xa9.org", 0, 0 },
		{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.org", 0, 1 },
		{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.org", 0, 0 },
	};
	char long253[260], long254[260];
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		CHECK(validname(v[i].s, v[i].single) == v[i].ok, "%s", v[i].s);
	/* 63+1+63+1+63+1+61 = 253 */
	memset(long253, 'a', 253);
	long253[63] = long253[127] = long253[191] = '.';
	long253[253] = '\0';
	CHECK(validname(long253, 0), "253 characters refused");
	memcpy(long254, long253, 253);
	long254[253] = 'a';
	long254[254] = '\0';
	CHECK(!validname(long254, 0), "254 characters accepted");
	done("host name validation");
}

static void
t_url(void)
{
	static const struct {
		const char *in;
		int ok, tls, literal, defport;
		const char *host, *port, *path;
	} v[] = {
		{ "members.dyndns.org", 1, 1, 0, 1, "members.dyndns.org", "443", "/nic/update" },
		{ "https://members.dyndns.org/nic/update", 1, 1, 0, 1, "members.dyndns.org", "443", "/nic/update" },
		{ "HTTP://dyn.example.net:8245", 1, 0, 0, 0, "dyn.example.net", "8245", "/nic/update" },
		{ "http://dyn.example.net:80/u", 1, 0, 0, 1, "dyn.example.net", "80", "/u" },
		{ "https://[2001:db8::1]:8443/x?y=1", 1, 1, 1, 0, "2001:db8::1", "8443", "/x?y=1" },
		{ "https://192.0.2.1", 1, 1, 1, 1, "192.0.2.1", "443", "/nic/update" },
		{ "localhost:1", 1, 1, 0, 0, "localhost", "1", "/nic/update" },
		{ "ftp://x.org", 0, 0, 0, 0, 0, 0, 0 },
		{ "https://", 0, 0, 0, 0, 0, 0, 0 },
		{ "https://x.org:0", 0, 0, 0, 0, 0, 0, 0 },
		{ "https://x.org:65536", 0, 0, 0, 0, 0, 0, 0 },
		{ "https://x.org:-1", 0, 0, 0, 0, 0, 0, 0 },
		{ "https://x.org:44x", 0, 0, 0, 0, 0, 0, 0 },
		{ "https://x.org:", 0, 0, 0, 0, 0, 0, 0 },
		{ "https://[2001:db8::1", 0, 0, 0, 0, 0, 0, 0 },
		{ "https://[x.org]", 0, 0, 0, 0, 0, 0, 0 },
		{ "https://2001:db8::1/", 0, 0, 0, 0, 0, 0, 0 },
		{ "https://x.org/a b", 0, 0, 0, 0, 0, 0, 0 },
		{ "https://x.org/a#b", 0, 0, 0, 0, 0, 0, 0 },
		{ "https://x.org/a\r\nX: y", 0, 0, 0, 0, 0, 0, 0 },
		{ "https://x.org?a", 0, 0, 0, 0, 0, 0, 0 },
		{ "https://us er@x.org/", 0, 0, 0, 0, 0, 0, 0 },
	};
	struct url u;
	size_t i;
	int r;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		r = url_parse(&u, v[i].in, "/nic/update");
		CHECK((r == 0) == v[i].ok, "%s: %s", v[i].in,
		    r == 0 ? "accepted" : lastfail.msg);
		if (r != 0 || !v[i].ok)
			continue;
		CHECK(u.tls == v[i].tls && u.literal == v[i].literal &&
		    u.defport == v[i].defport && strcmp(u.host, v[i].host) == 0 &&
		    strcmp(u.port, v[i].port) == 0 &&
		    strcmp(u.path, v[i].path) == 0, "%s: %d %d %d %s %s %s",
		    v[i].in, u.tls, u.literal, u.defport, u.host, u.port, u.path);
	}
	done("server URL parsing");
}

static void
t_addr(void)
{
	static const struct { const char *in; enum addrclass c; const char *canon; } v[] = {
		{ "203.0.113.7", A_OK, "203.0.113.7" },
		{ "2001:DB8:0:0:0:0:0:1", A_OK, "2001:db8::1" },
		{ "10.1.2.3", A_PRIVATE, 0 }, { "172.16.0.1", A_PRIVATE, 0 },
		{ "172.31.255.255", A_PRIVATE, 0 }, { "172.32.0.1", A_OK, 0 },
		{ "192.168.1.1", A_PRIVATE, 0 }, { "100.64.0.1", A_PRIVATE, 0 },
		{ "100.127.255.255", A_PRIVATE, 0 }, { "100.128.0.1", A_OK, 0 },
		{ "fd00::1", A_PRIVATE, 0 }, { "0.0.0.0", A_REFUSED, 0 },
		{ "127.0.0.1", A_REFUSED, 0 }, { "169.254.0.1", A_REFUSED, 0 },
		{ "224.0.0.1", A_REFUSED, 0 }, { "255.255.255.255", A_REFUSED, 0 },
		{ "::", A_REFUSED, 0 }, { "::1", A_REFUSED, 0 },
		{ "fe80::1", A_REFUSED, 0 }, { "febf::1", A_REFUSED, 0 },
		{ "ff02::1", A_REFUSED, 0 }, { "::ffff:1.2.3.4", A_MAPPED, 0 },
		{ "1.2.3", A_BAD, 0 }, { "01.2.3.4", A_BAD, 0 },
		{ "1.2.3.4 ", A_BAD, 0 }, { "example.org", A_BAD, 0 },
		{ "", A_BAD, 0 },
	};
	char canon[ADDRLEN];
	size_t i;
	int fam;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		CHECK(addr_class(v[i].in, &fam, canon, sizeof(canon)) == v[i].c,
		    "%s", v[i].in);
		if (v[i].canon)
			CHECK(strcmp(canon, v[i].canon) == 0, "%s -> %s", v[i].in,
			    canon);
	}
	done("address classes and canonical form");
}

/* Parse a reply whole, then byte by byte: both must agree. */
static int
parse(const char *in, size_t len, struct reply *r, char *body)
{
	static char buf[REPLYMAX + 1];
	struct httpstate st;
	size_t i;
	int res = 0, res2 = 0;

	memset(&st, 0, sizeof(st));
	memset(r, 0, sizeof(*r));
	memcpy(buf, in, len);
	res = http_parse(buf, len, 0, &st, r);
	if (res == 0)
		res = http_parse(buf, len, 1, &st, r);
	if (res == 1) {
		memcpy(body, r->body, r->bodylen);
		body[r->bodylen] = '\0';
	}
	memset(&st, 0, sizeof(st));
	for (i = 1; i <= len && res2 == 0; i++) {
		memcpy(buf, in, i);
		res2 = http_parse(buf, i, 0, &st, r);
	}
	if (res2 == 0)
		res2 = http_parse(buf, len, 1, &st, r);
	if (res2 != res)
		return -2;
	return res;
}

static void
t_http(void)
{
	static const struct { const char *in; int res, status; const char *body; } v[] = {
		{ "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\ngood\n", 1, 200, "good\n" },
		{ "HTTP/1.0 200 OK\r\nContent-Length: 4\r\n\r\ngood and more", 1, 200, "good" },
		{ "HTTP/1.1 200 OK\nContent-Length: 0\n\n", 1, 200, "" },
		{ "HTTP/1.0 200\r\n\r\nnochg 1.2.3.4", 1, 200, "nochg 1.2.3.4" },
		{ "HTTP/1.1 500 Oops\r\ncontent-length:  3 \r\n\r\n911", 1, 500, "911" },
		{ "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\ngood\r\n0\r\n\r\n", 1, 200, "good" },
		{ "HTTP/1.1 200 OK\r\nTransfer-Encoding: Chunked\r\nContent-Length: 99\r\n\r\n2;x=y\r\ngo\r\n2\r\nod\r\n0\r\nT: 1\r\n\r\n", 1, 200, "good" },
		{ "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\ngo\n0\n\n", 1, 200, "go" },
		{ "HTTP/1.1 204 No Content\r\n\r\n", 1, 204, "" },
		{ "", -1, 0, 0 },
		{ "HTTP/1.1 200 OK\r\n", -1, 0, 0 },
		{ "HTTP/2 200\r\n\r\n", -1, 0, 0 },
		{ "HTTP/1.1 20 OK\r\n\r\n", -1, 0, 0 },
		{ "HTTP/1.1 2000 OK\r\n\r\n", -1, 0, 0 },
		{ "HTTP/1.1 100 Continue\r\n\r\n", -1, 0, 0 },
		{ "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", -1, 0, 0 },
		{ "HTTP/1.1 200 OK\r\nContent-Length: +5\r\n\r\ngood\n", -1, 0, 0 },
		{ "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n", -1, 0, 0 },
		{ "HTTP/1.1 200 OK\r\nContent-Length: 70000\r\n\r\n", -1, 0, 0 },
		{ "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", -1, 0, 0 },
		{ "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ngo", -1, 0, 0 },
		{ "HTTP/1.1 200 OK\r\nX: a\r\n folded\r\n\r\n", -1, 0, 0 },
		{ "HTTP/1.1 200 OK\r\nno colon\r\n\r\n", -1, 0, 0 },
		{ "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", -1, 0, 0 },
		{ "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffff\r\n", -1, 0, 0 },
		{ "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", -1, 0, 0 },
		{ "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\ngoXX0\r\n\r\n", -1, 0, 0 },
		{ "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\ngood\r\n", -1, 0, 0 },
		/* fuzz finding: a long chunk extension, accepted whole, refused in pieces */
		{ "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0 c                                       x\r\n\r\n", 1, 200, "" },
		{ "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0;"
		  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
		  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
		  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\r\n\r\n", -1, 0, 0 },
	};
	static char big[REPLYMAX + 64], body[REPLYMAX + 1];
	struct reply r;
	size_t i;
	int res;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		res = parse(v[i].in, strlen(v[i].in), &r, body);
		CHECK(res == v[i].res, "case %zu: %d (%s)", i, res,
		    res == -1 ? lastfail.msg : "");
		if (res == 1 && v[i].res == 1)
			CHECK(r.status == v[i].status &&
			    strcmp(body, v[i].body) == 0, "case %zu: %d [%s]",
			    i, r.status, body);
	}
	/* NUL bytes in a body are data like any other */
	res = parse("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\na\0b", 41, &r,
	    body);
	CHECK(res == 1 && r.bodylen == 3 && body[1] == '\0', "NUL in body");
	/* headers that never end, and a body over the cap */
	memset(big, 'X', sizeof(big));
	memcpy(big, "HTTP/1.1 200 OK\r\nX: ", 20);
	res = parse(big, REPLYMAX, &r, body);
	CHECK(res == -1, "endless header accepted");
	memcpy(big, "HTTP/1.1 200 OK\r\n\r\n", 19);
	res = parse(big, REPLYMAX, &r, body);
	CHECK(res == -1, "64 KiB body accepted");
	done("HTTP reply parsing, whole and byte by byte");
}

static void
t_request(void)
{
	struct job j;
	char buf[8192];
	int n;

	memset(&j, 0, sizeof(j));
	url_parse(&j.srv, "https://[2001:db8::1]:8443/nic/update", "/");
	j.user = "bob";
	memcpy(j.secret, "p\0w:d", 5);
	j.secretlen = 5;
	j.names[0] = "a.example.org";
	j.names[1] = "b.example.org";
	j.nnames = 2;
	snprintf(j.addr4, sizeof(j.addr4), "203.0.113.7");
	snprintf(j.addr6, sizeof(j.addr6), "2001:db8::7");
	snprintf(j.agent, sizeof(j.agent), "Acme - Router - 1");
	n = dyndns_request(buf, sizeof(buf), &j, 0);
	CHECK(n > 0 && strcmp(buf,
	    "GET /nic/update?hostname=a.example.org,b.example.org"
	    "&myip=203.0.113.7,2001:db8::7&wildcard=NOCHG&mx=NOCHG&backmx=NOCHG"
	    " HTTP/1.0\r\n"
	    "Host: [2001:db8::1]:8443\r\n"
	    "Authorization: Basic Ym9iOnAAdzpk\r\n"
	    "User-Agent: Acme - Router - 1\r\n"
	    "Connection: close\r\n\r\n") == 0, "request:\n%s", buf);
	n = dyndns_request(buf, sizeof(buf), &j, 1);
	CHECK(n > 0 && strstr(buf, "Authorization: Basic ********\r\n") != NULL &&
	    strstr(buf, "Ym9i") == NULL, "masked request:\n%s", buf);
	n = dyndns_request(buf, 100, &j, 0);
	CHECK(n == -1, "request overflows its buffer");
	done("DynDNS2 request, exact bytes and masked");
}

static void
t_map(void)
{
	static const struct {
		int status;
		const char *body, *a4;
		int nnames;
		const char *want;	/* "result addr code status;" per name */
	} v[] = {
		{ 200, "good 1.2.3.4\n", "1.2.3.4", 1, "0 1.2.3.4 good 0;" },
		{ 200, "GOOD 1.2.3.4", "1.2.3.4", 1, "0 1.2.3.4 good 0;" },
		{ 200, "nochg", "", 1, "1 - nochg 0;" },
		{ 200, "nochg 1.2.3.4,2001:db8::1", "", 1, "1 1.2.3.4,2001:db8::1 nochg 0;" },
		{ 200, "good 127.0.0.1", "1.2.3.4", 1, "2 127.0.0.1 good 77;" },
		{ 200, "good 127.0.0.1", "", 1, "0 127.0.0.1 good 0;" },
		{ 200, "  good 1.2.3.4  \r\n\r\n", "", 1, "0 1.2.3.4 good 0;" },
		{ 200, "badauth", "", 3, "2 - badauth 77;2 - badauth 77;2 - badauth 77;" },
		{ 200, "good\nnohost\n", "", 3, "0 - good 0;2 - nohost 78;2 - protocol 76;" },
		{ 200, "good\nnohost\nnochg\nabuse\n", "", 2, "0 - good 0;2 - nohost 78;" },
		{ 200, "w30m", "", 1, "2 - w30m 75;" },
		{ 200, "W1H", "", 1, "2 - w1h 75;" },
		{ 200, "w30", "", 1, "2 - protocol 76;" },
		{ 200, "wm", "", 1, "2 - protocol 76;" },
		{ 200, "w12345m", "", 1, "2 - protocol 76;" },
		{ 200, "", "", 1, "2 - protocol 76;" },
		{ 200, "<html>", "", 1, "2 - protocol 76;" },
		{ 401, "", "", 2, "2 - badauth 77;2 - badauth 77;" },
		{ 401, "<html>no</html>", "", 1, "2 - badauth 77;" },
		{ 401, "nohost", "", 1, "2 - nohost 78;" },
		{ 500, "911", "", 1, "2 - 911 75;" },
		{ 502, "<html>", "", 1, "2 - http502 75;" },
		{ 429, "", "1.2.3.4", 1, "2 1.2.3.4 http429 75;" },
		{ 404, "", "", 1, "2 - protocol 76;" },
		{ 301, "good", "", 1, "2 - protocol 76;" },
		{ 200, "dnserr\n!yours\n!donator\nnotfqdn\nnumhost\nbadagent\nbadsys\n",
		    "", 7, "2 - dnserr 75;2 - !yours 78;2 - !donator 77;"
		    "2 - notfqdn 78;2 - numhost 78;2 - badagent 77;2 - badsys 78;" },
		{ 200, "badip 203.0.113.7\nbadrequest\n!active\nservererror\n"
		    "toomanyrequests\n", "", 5, "2 203.0.113.7 badip 78;"
		    "2 - badrequest 78;2 - !active 78;2 - servererror 75;"
		    "2 - toomanyrequests 75;" },
		{ 204, "", "", 1, "2 - protocol 76;" },
		{ 200, "200 Successful Update", "1.2.3.4", 1, "2 1.2.3.4 protocol 76;" },
	};
	static const char *names[] = { "a.org", "b.org", "c.org", "d.org",
	    "e.org", "f.org", "g.org" };
	struct nameresult res[MAXNAMES];
	struct reply r;
	struct job j;
	char got[512];
	size_t i, n;
	int k;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		memset(&j, 0, sizeof(j));
		memset(&r, 0, sizeof(r));
		snprintf(j.addr4, sizeof(j.addr4), "%s", v[i].a4);
		memcpy(j.names, names, sizeof(names));
		j.nnames = v[i].nnames;
		r.status = v[i].status;
		r.body = (char *)v[i].body;
		r.bodylen = strlen(v[i].body);
		dyndns_map(&r, &j, res);
		for (n = 0, k = 0; k < j.nnames; k++)
			n += (size_t)snprintf(got + n, sizeof(got) - n,
			    "%d %s %s %d;", res[k].res, res[k].addr, res[k].code,
			    res[k].status);
		CHECK(strcmp(got, v[i].want) == 0, "case %zu: %s", i, got);
	}
	done("DynDNS2 reply to per-name results");
}

static void
t_own(void)
{
	static const struct {
		const char *preset;
		int status;
		const char *body;
		const char *want;	/* "result addr code status" */
	} v[] = {
		{ "changeip", 200, "200 Successful Update\n", "0 1.2.3.4 good 0" },
		{ "changeip", 401, "401 Access Denied", "2 1.2.3.4 badauth 77" },
		{ "changeip", 422, "422 Unprocessable", "2 1.2.3.4 badrequest 78" },
		{ "changeip", 200, "<html>", "2 1.2.3.4 protocol 76" },
		{ "selfhost", 204, "", "1 1.2.3.4 nochg 0" },
		{ "selfhost", 200, "good 1.2.3.4", "0 1.2.3.4 good 0" },
		{ "selfhost", 412, "", "2 1.2.3.4 badip 78" },
		{ "infomaniak", 200, "successfully_changed", "0 1.2.3.4 good 0" },
		{ "infomaniak", 200, "no_change\n", "1 1.2.3.4 nochg 0" },
		{ "infomaniak", 200, "nochg 1.2.3.4", "1 1.2.3.4 nochg 0" },
		{ "desec", 200, "good", "0 1.2.3.4 good 0" },
		{ "desec", 404, "nohost", "2 1.2.3.4 nohost 78" },
		{ "desec", 400, "Bad request.", "2 1.2.3.4 badrequest 78" },
		{ "desec", 403, "", "2 1.2.3.4 http403 77" },
		{ "dyn", 204, "", "2 1.2.3.4 protocol 76" },
	};
	struct nameresult res[MAXNAMES];
	struct reply r;
	struct job j;
	char got[256];
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		memset(&j, 0, sizeof(j));
		memset(&r, 0, sizeof(r));
		j.pre = preset_find(v[i].preset);
		snprintf(j.addr4, sizeof(j.addr4), "1.2.3.4");
		j.names[0] = "a.org";
		j.nnames = 1;
		r.status = v[i].status;
		r.body = (char *)v[i].body;
		r.bodylen = strlen(v[i].body);
		dyndns_map(&r, &j, res);
		snprintf(got, sizeof(got), "%d %s %s %d", res[0].res, res[0].addr,
		    res[0].code, res[0].status);
		CHECK(j.pre != NULL && strcmp(got, v[i].want) == 0, "case %zu: %s",
		    i, got);
	}
	done("providers' own reply words and HTTP statuses");
}

struct sink {
	unsigned char buf[8192];
	size_t len;
};

static void
tosink(void *ctx, const void *p, size_t len)
{
	struct sink *s = ctx;

	if (len <= sizeof(s->buf) - s->len) {
		memcpy(s->buf + s->len, p, len);
		s->len += len;
	}
}

/* The first certificate of a PEM file, as DER. */
static size_t
der(const char *path, struct sink *s)
{
	br_pem_decoder_context pc;
	char buf[8192];
	size_t n, off = 0;
	FILE *fp;

	s->len = 0;
	if ((fp = fopen(path, "r")) == NULL)
		return 0;
	n = fread(buf, 1, sizeof(buf), fp);
	fclose(fp);
	br_pem_decoder_init(&pc);
	br_pem_decoder_setdest(&pc, tosink, s);
	while (off < n) {
		off += br_pem_decoder_push(&pc, buf + off, n - off);
		if (br_pem_decoder_event(&pc) == BR_PEM_END_OBJ)
			break;
	}
	return s->len;
}

static void
t_spki(void)
{
	static const char *const certs[] = { "ec", "rsa", "unknown" };
	static struct sink s;
	const unsigned char *spki;
	size_t len, i, cut;
	char path[64], pinline[64];
	unsigned char hash[32];
	br_sha256_context h;
	struct pin pin;
	FILE *fp;

	for (i = 0; i < sizeof(certs) / sizeof(certs[0]); i++) {
		snprintf(path, sizeof(path), "certs/%s.pem", certs[i]);
		CHECK(der(path, &s) > 0, "%s: no certificate", path);
		CHECK(cert_spki(s.buf, s.len, &spki, &len) == 0, "%s: no SPKI",
		    path);
		br_sha256_init(&h);
		br_sha256_update(&h, spki, len);
		br_sha256_out(&h, hash);
		/* the pin openssl computed when the certificate was made */
		snprintf(path, sizeof(path), "certs/%s.pin", certs[i]);
		fp = fopen(path, "r");
		CHECK(fp != NULL && fgets(pinline, sizeof(pinline), fp) != NULL,
		    "%s", path);
		if (fp != NULL)
			fclose(fp);
		pinline[strcspn(pinline, "\n")] = '\0';
		CHECK(cert_parsepin(pinline, &pin) == 0 &&
		    memcmp(pin.hash, hash, 32) == 0, "%s: SPKI hash differs", path);
		/* every truncation is refused, never read past */
		for (cut = 0; cut < s.len; cut += 7)
			CHECK(cert_spki(s.buf, cut, &spki, &len) == -1 ||
			    spki + len <= s.buf + cut, "%s cut at %zu", path, cut);
	}
	CHECK(cert_spki((const unsigned char *)"\x30\x80", 2, &spki, &len) == -1,
	    "indefinite length");
	CHECK(cert_spki((const unsigned char *)"\x31\x00", 2, &spki, &len) == -1,
	    "not a SEQUENCE");
	CHECK(cert_spki((const unsigned char *)"\x30\x84\xff\xff\xff\xff", 6,
	    &spki, &len) == -1, "huge length");
	done("SPKI found in certificates matches openssl's pins");
}

static void
t_pins(void)
{
	struct pin p;

	CHECK(cert_parsepin("sha256//xf57VOIEQiGFwR2wFLLib4GIy/RUgLnmH08SkKUf4nM=", &p) == 0, "prefixed");
	CHECK(cert_parsepin("xf57VOIEQiGFwR2wFLLib4GIy/RUgLnmH08SkKUf4nM=", &p) == 0, "bare");
	CHECK(cert_parsepin("sha1//xf57VOIEQiGFwR2wFLLib4GIy/RUgLnmH08SkKUf4nM=", &p) == -1, "sha1");
	CHECK(cert_parsepin("xf57VOIEQiGFwR2wFLLib4GIy/RUgLnmH08SkKUf4n==", &p) == -1, "31 bytes");
	CHECK(cert_parsepin("", &p) == -1, "empty");
	CHECK(cert_parsepin("sha256//", &p) == -1, "prefix only");
	done("pin parsing");
}

static void
t_printable(void)
{
	char out[32];

	printable(out, sizeof(out), "ok\x1b[2J\\", 7);
	CHECK(strcmp(out, "ok\\x1b[2J\\x5c") == 0, "%s", out);
	printable(out, 10, "abcdefghijklmnop", 16);
	CHECK(strlen(out) < 10, "overflow: %s", out);
	done("untrusted text escaped for display");
}

static void
t_tzo(void)
{
	static const struct { const char *in; int n, code; const char *first; } lists[] = {
		{ "1,192.0.2.1,", 1, 0, "192.0.2.1" },
		{ "3,192.0.2.1,192.0.2.2,192.0.2.3,", 3, 0, "192.0.2.1" },
		{ "0,44 Invalid Key", 0, 44, 0 },
		{ "0,49", 0, 49, 0 },
		{ "", -1, 0, 0 }, { ",", -1, 0, 0 }, { "1", -1, 0, 0 },
		{ "1,192.0.2.1", -1, 0, 0 }, { "2,192.0.2.1,", -1, 0, 0 },
		{ "1,192.0.2.1,192.0.2.2,", -1, 0, 0 }, { "1,,", -1, 0, 0 },
		{ "1,192.0.2.256,", -1, 0, 0 }, { "1,2001:db8::1,", -1, 0, 0 },
		{ "1,192.000.2.1,", -1, 0, 0 }, { "1, 192.0.2.1,", -1, 0, 0 },
		{ "x,192.0.2.1,", -1, 0, 0 }, { "0,Invalid", -1, 0, 0 },
		{ "0,4 x", -1, 0, 0 }, { "99,192.0.2.1,", -1, 0, 0 },
		{ "99999999999999999999,1.2.3.4,", -1, 0, 0 },
	};
	static const struct { const char *in; int code; const char *text; } codes[] = {
		{ "40 Update successful", 40, "Update successful" },
		{ "41 seen from 40.0.0.1", 41, "seen from 40.0.0.1" },
		{ "49", 49, "" }, { "4 x", -1, 0 }, { "x40 ok", -1, 0 },
		{ "400 ok", -1, 0 }, { "", -1, 0 },
	};
	static const struct { const char *in; int ok; const char *addr; } greets[] = {
		{ "TZO/Linksys Update Server [192.0.2.9]", 0, "192.0.2.9" },
		{ "Welcome: TZO/Linksys Update Server", 0, "-" },
		{ "TZO/Linksys Update Server [2001:db8::1]", 0, "-" },
		{ "TZO/Linksys Update Server [192.0.2.9", 0, "-" },
		{ "TZO/Linksys Update Server []", 0, "-" },
		{ "TZO Update Server [192.0.2.9]", -1, 0 }, { "", -1, 0 },
	};
	char addrs[TZOMAXADDRS][16], addr[ADDRLEN], line[600];
	const char *text;
	struct job j;
	size_t i;
	int n, code;

	for (i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
		code = 0;
		n = tzo_parselist(lists[i].in, addrs, TZOMAXADDRS, &code, &text);
		CHECK(n == lists[i].n, "list %s: %d", lists[i].in, n);
		if (n == 0)
			CHECK(code == lists[i].code, "list %s: code %d",
			    lists[i].in, code);
		if (n > 0)
			CHECK(strcmp(addrs[0], lists[i].first) == 0, "list %s",
			    lists[i].in);
	}
	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		n = tzo_parsecode(codes[i].in, &code, &text);
		CHECK(codes[i].code == -1 ? n == -1 : n == 0 &&
		    code == codes[i].code && strcmp(text, codes[i].text) == 0,
		    "code %s", codes[i].in);
	}
	for (i = 0; i < sizeof(greets) / sizeof(greets[0]); i++) {
		n = tzo_greeting(greets[i].in, addr, sizeof(addr));
		CHECK(n == greets[i].ok && (n == -1 ||
		    strcmp(addr, greets[i].addr) == 0), "greeting %s: %d %s",
		    greets[i].in, n, addr);
	}
	memset(&j, 0, sizeof(j));
	j.user = "a@example.org";
	memcpy(j.secret, "KEY", 3);
	j.secretlen = 3;
	j.names[0] = "h.example.org";
	j.nnames = 1;
	n = tzo_request(line, sizeof(line), 1, &j, 0, 0);
	CHECK(n == 5 && strcmp(line, "I KEY") == 0, "stage 1: %s", line);
	n = tzo_request(line, sizeof(line), 2, &j, 0, 1);
	CHECK(n == 10 && strcmp(line, "U ********") == 0, "stage 2: %s", line);
	n = tzo_request(line, sizeof(line), 3, &j, 0, 0);
	CHECK(strcmp(line, "R h.example.org,a@example.org,KEY") == 0,
	    "stage 3: %s", line);
	snprintf(j.addr4, sizeof(j.addr4), "192.0.2.1");
	n = tzo_request(line, sizeof(line), 3, &j, 0, 0);
	CHECK(strcmp(line, "R h.example.org,a@example.org,KEY,192.0.2.1") == 0,
	    "stage 3 with address: %s", line);
	j.secretlen = 250;
	memset(j.secret, 'k', 250);
	j.user = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@example.org";
	CHECK(tzo_request(line, sizeof(line), 3, &j, 0, 0) == -1,
	    "line over 512 bytes accepted");
	done("TZO lists, codes, greetings and request lines");
}

static void
t_check(void)
{
	static const struct { const char *in; int fam; const char *want; } v[] = {
		{ "<html><body>Current IP Address: 203.0.113.7</body></html>", AF_INET, "203.0.113.7" },
		{ "203.0.113.7", AF_INET, "203.0.113.7" },
		{ "version 1.2, address 198.51.100.3\n", AF_INET, "198.51.100.3" },
		{ "1.2.3.4.5 then 192.0.2.1", AF_INET, "192.0.2.1" },
		{ "999.1.1.1", AF_INET, 0 }, { "", AF_INET, 0 },
		{ "<html>no address</html>", AF_INET, 0 },
		{ "Your address: 2001:DB8::1 (IPv6)", AF_INET6, "2001:db8::1" },
		{ "<head>12:30 then 2001:db8::2", AF_INET6, "2001:db8::2" },
		{ "203.0.113.7", AF_INET6, 0 },
	};
	char out[ADDRLEN];
	size_t i;
	int r;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		r = checkip_parse(v[i].in, strlen(v[i].in), v[i].fam, out,
		    sizeof(out));
		CHECK(v[i].want ? r == 0 && strcmp(out, v[i].want) == 0 : r == -1,
		    "%s: %d %s", v[i].in, r, r == 0 ? out : "");
	}
	r = checkip_parse("1.2.3.4\0" "5.6.7.8", 15, AF_INET, out, sizeof(out));
	CHECK(r == 0 && strcmp(out, "1.2.3.4") == 0, "NUL in page");
	done("address check page parsing");
}

static void
t_state(void)
{
	static const char good[] =
	    "ddnsup-state 1\n"
	    "salt 0123456789abcdef0123456789abcdef\n"
	    "check 4 1796083200 203.0.113.7 http://checkip.example.org/\n"
	    "name home.example.org 4 203.0.113.7 1796083200 good 0 0 0 -\n"
	    "name home.example.org 6 2001:db8::1 1796083200 good 0 0 0 -\n"
	    "name b.example.org - - 0 badauth 77 0 1796083200 0123456789abcdef0123456789abcdef\n"
	    "name c.example.org 4 - 0 911 75 1796085000 0 -\n"
	    "name d.example.org 4 - 0 connect 69 1796083320 0 - local 198.51.100.7 0123456789abcdef0123456789abcdef\n";
	static const char *const bad[] = {
		"", "ddnsup-state 1\n", "ddnsup-state 2\nsalt 0123456789abcdef0123456789abcdef\n",
		"ddnsup-state 1\nsalt 0123456789abcdef0123456789abcdeF\n",
		"ddnsup-state 1\nsalt 0123456789abcdef0123456789abcdef",
		"ddnsup-state 1\nsalt 0123456789abcdef0123456789abcdef\nname a.org 4 1.2.3.4 0 good 0 0 0\n",
		"ddnsup-state 1\nsalt 0123456789abcdef0123456789abcdef\nname a.org 5 1.2.3.4 0 good 0 0 0 -\n",
		"ddnsup-state 1\nsalt 0123456789abcdef0123456789abcdef\nname a.org 6 1.2.3.4 0 good 0 0 0 -\n",
		"ddnsup-state 1\nsalt 0123456789abcdef0123456789abcdef\nname a.org 4 1.2.3.4 -1 good 0 0 0 -\n",
		"ddnsup-state 1\nsalt 0123456789abcdef0123456789abcdef\nname a.org 4 1.2.3.4 0 good 1 0 0 -\n",
		"ddnsup-state 1\nsalt 0123456789abcdef0123456789abcdef\nname a.org 4 1.2.3.4 0 good 0 0 0 xyz\n",
		"ddnsup-state 1\nsalt 0123456789abcdef0123456789abcdef\nname a 4 1.2.3.4 0 good 0 0 0 -\n",
		"ddnsup-state 1\nsalt 0123456789abcdef0123456789abcdef\nname a.org 4 1.2.3.4 0 good 0 0 0 - extra\n",
		"ddnsup-state 1\nsalt 0123456789abcdef0123456789abcdef\nname a.org 4 1.2.3.4 0 good 0 0 0 -\nname A.ORG 4 1.2.3.4 0 good 0 0 0 -\n",
		"ddnsup-state 1\nsalt 0123456789abcdef0123456789abcdef\ncheck 4 0 - http://x/\n",
		"ddnsup-state 1\nsalt 0123456789abcdef0123456789abcdef\nname a.org 4 1.2.3.4 99999999999999999999 good 0 0 0 -\n",
		"ddnsup-state 1\nsalt 0123456789abcdef0123456789abcdef\nname a.org 4 1.2.3.4 0 go\001od 0 0 0 -\n",
		"ddnsup-state 1\nsalt 0123456789abcdef0123456789abcdef\nname a.org  4 1.2.3.4 0 good 0 0 0 -\n",
		"ddnsup-state 1\nsalt 0123456789abcdef0123456789abcdef\nname a.org 4 - 0 connect 69 9 0 - local 2001:db8::1 0123456789abcdef0123456789abcdef\n",
		"ddnsup-state 1\nsalt 0123456789abcdef0123456789abcdef\nname a.org 4 - 0 connect 69 9 0 - hold 1.2.3.4 0123456789abcdef0123456789abcdef\n",
		"ddnsup-state 1\nsalt 0123456789abcdef0123456789abcdef\nname a.org 4 - 0 connect 69 9 0 - local 1.2.3.4\n",
		"ddnsup-state 1\nsalt 0123456789abcdef0123456789abcdef\nname a.org 4 - 0 connect 69 9 0 - local 1.2.3.4 0123456789abcdef0123456789abcdef x\n",
	};
	static const char fails[] = "ddnsup-state 1\nsalt 0123456789abcdef0123456789abcdef\n"
	    "name a.org 4 - 0 connect 69 0 0 -\nfails a.org 4 3\n";
	static const char *const badfails[] = {
		"ddnsup-state 1\nsalt 0123456789abcdef0123456789abcdef\nfails a.org 4 3\n",
		"ddnsup-state 1\nsalt 0123456789abcdef0123456789abcdef\nname a.org 4 - 0 connect 69 0 0 -\nfails a.org 4 0\n",
		"ddnsup-state 1\nsalt 0123456789abcdef0123456789abcdef\nname a.org 4 - 0 connect 69 0 0 -\nfails a.org 6 1\n",
		"ddnsup-state 1\nsalt 0123456789abcdef0123456789abcdef\nname a.org 4 - 0 connect 69 0 0 -\nfails a.org 4 1\nfails a.org 4 1\n",
	};
	static struct state st;
	static char buf[65536];
	size_t i, n;

	CHECK(state_parse(&st, good, sizeof(good) - 1) == 0, "good: %s",
	    lastfail.msg);
	CHECK(st.n == 5 && st.check[0].time == 1796083200, "good: %d records",
	    st.n);
	n = state_format(&st, buf, sizeof(buf));
	CHECK(n == sizeof(good) - 1 && memcmp(buf, good, n) == 0,
	    "format differs:\n%.*s", (int)n, buf);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK(state_parse(&st, bad[i], strlen(bad[i])) == -1,
		    "bad %zu accepted", i);
	CHECK(state_format(&st, buf, 10) == 0, "format overflows");
	CHECK(state_parse(&st, fails, strlen(fails)) == 0 && st.rec[0].fails == 3,
	    "fails: %s", lastfail.msg);
	n = state_format(&st, buf, sizeof(buf));
	CHECK(n == strlen(fails) && memcmp(buf, fails, n) == 0,
	    "fails format differs:\n%.*s", (int)n, buf);
	for (i = 0; i < sizeof(badfails) / sizeof(badfails[0]); i++)
		CHECK(state_parse(&st, badfails[i], strlen(badfails[i])) == -1,
		    "bad fails %zu accepted", i);
	done("state file parsing and writing");
}

/* A local hold holds the address it was for, under the same configuration. */
static void
t_localhold(void)
{
	static const char file[] =
	    "ddnsup-state 1\n"
	    "salt 0123456789abcdef0123456789abcdef\n"
	    "name d.example.org 4 - 0 connect 69 1796083320 0 - local 198.51.100.7 0123456789abcdef0123456789abcdef\n"
	    "name e.example.org 4 - 0 911 75 1796085000 0 -\n";
	static const char fp[] = "0123456789abcdef0123456789abcdef";
	static const struct { const char *name, *addr, *fp; long long now; int need; } v[] = {
		{ "d.example.org", "198.51.100.7", fp, 1796083200, 0 },
		{ "d.example.org", "198.51.100.8", fp, 1796083200, 1 },
		{ "d.example.org", "198.51.100.7", "fedcba9876543210fedcba9876543210", 1796083200, 1 },
		{ "d.example.org", "198.51.100.7", fp, 1796083320, 1 },
		{ "e.example.org", "198.51.100.8", fp, 1796083200, 0 },
	};
	static struct state st;
	static struct job j;
	struct nameresult res;
	size_t i;
	int need;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		CHECK(state_parse(&st, file, sizeof(file) - 1) == 0, "%s",
		    lastfail.msg);
		memset(&j, 0, sizeof(j));
		j.names[0] = v[i].name;
		j.nnames = 1;
		snprintf(j.addr4, sizeof(j.addr4), "%s", v[i].addr);
		need = hold_decide(&st, &j, 0, v[i].fp, 86400, v[i].now, &res);
		CHECK(need == v[i].need, "%zu: need %d", i, need);
		CHECK(need || res.res == R_HELD, "%zu: not held", i);
	}
	done("state: a local hold gives way to a new address or configuration");
}

/* IPv6InterfaceID: the low 64 bits only. */
static void
t_iid(void)
{
	static const struct { const char *in; int ok; } v[] = {
		{ "::a:b:c:d", 1 }, { "::1", 1 }, { "::21e:6ff:fe12:3456", 1 },
		{ "::", 0 }, { "2001:db8::1", 0 }, { "1::1", 0 }, { "a:b:c:d", 0 },
		{ "203.0.113.7", 0 }, { "", 0 },
	};
	unsigned char iid[8];
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		CHECK((iid_parse(v[i].in, iid) == 0) == v[i].ok, "%s", v[i].in);
	CHECK(iid_parse("::a:b:c:d", iid) == 0 && iid[0] == 0 && iid[1] == 0xa &&
	    iid[7] == 0xd, "bytes");
	done("IPv6 interface identifiers");
}

static void
t_conf(void)
{
	static const struct { const char *in; int n; const char *err; } v[] = {
		{ "", 0, 0 }, { "# only a comment\n\n", 0, 0 },
		{ "Username = bob\n", 1, 0 },
		{ "dyndns.Username=bob\ntzo.KeyProvided = k\n", 1, 0 },
		{ "InternetGatewayDevice.DynamicDNS.2.Name = a\n"
		  "InternetGatewayDevice.DynamicDNS.7.Name = b\nName = c\n", 3, 0 },
		{ "Pin = a\nPin = b\n", 1, 0 },
		{ "Colour = red\n", -1, "t:1: unknown key Colour" },
		{ "Username\n", -1, "t:1: expected Key = value" },
		{ "= bob\n", -1, "t:1: unknown key " },
		{ "Username = a\nusername = b\n", -1, "t:2: Username given twice (first on line 1)" },
		{ "InternetGatewayDevice.DynamicDNS.0.Name = a\n", -1, "t:1: bad instance number" },
		{ "InternetGatewayDevice.DynamicDNS.1Name = a\n", -1, "t:1: bad instance number" },
		{ "InternetGatewayDevice.DynamicDNS..Name = a\n", -1, "t:1: instance number missing" },
		{ "Name = a\001b\n", -1, "t:1: control character" },
		{ "Username = bob\nPin=1\nPin=2\nPin=3\nPin=4\nPin=5\nPin=6\nPin=7\nPin=8\nPin=9\n", -1, "t:10: more than 8 pins" },
		{ "Device.DynamicDNS.Client.3.Username = bob\n"
		  "Device.DynamicDNS.Client.1.Hostname.2.Name = a.org\n"
		  "Device.DynamicDNS.Server.1.ServerAddress = h\n", 2, 0 },
		{ "Device.DynamicDNS.Client.1.Name = x\n", -1, "t:1: unknown key Name" },
		{ "Device.DynamicDNS.Foo.1.X = 1\n", -1, "t:1: unknown key Device.DynamicDNS.Foo.1.X" },
		{ "Device.DynamicDNS.Client.1.X_DDNSUP_Password = x\n", -1, "t:1: unknown key X_DDNSUP_Password" },
		{ "Device.DynamicDNS.Client.1.Hostname.1.Colour = x\n", -1, "t:1: unknown key Hostname.1.Colour" },
		{ "Device.DynamicDNS.Client.1.Hostname.1.Enable = no\n", -1, "t:1: Enable: must be 1, 0, true or false" },
		{ "Device.DynamicDNS.Client.1.Username = a\nDevice.DynamicDNS.Client.1.Username = b\n", -1, "t:2: Username given twice (first on line 1)" },
		{ "Username = a\nDevice.DynamicDNS.Client.1.Username = b\n", -1, "t:2: Device.DynamicDNS. and the older names in one file" },
		{ "Device.DynamicDNS.Client.1.Server = Device.DynamicDNS.Server.x\n", -1, "t:1: Server: not a reference Device.DynamicDNS.Server.{k}" },
		{ "Device.DynamicDNS.Client.1.Server = Device.DynamicDNS.Server.1..\n", -1, "t:1: Server: not a reference Device.DynamicDNS.Server.{k}" },
	};
	static struct instance inst[MAXINST];
	char buf[512], many[4096];
	size_t i, n = 0;
	int r;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		snprintf(buf, sizeof(buf), "%s", v[i].in);
		r = conf_parse("t", buf, strlen(buf), inst, MAXINST);
		CHECK(r == v[i].n && (r != -1 || strcmp(lastfail.msg, v[i].err) == 0),
		    "case %zu: %d %s", i, r, r == -1 ? lastfail.msg : "");
	}
	snprintf(buf, sizeof(buf), "InternetGatewayDevice.DynamicDNS.3.dyndns.Username = bob  \r\n");
	r = conf_parse("t", buf, strlen(buf), inst, MAXINST);
	CHECK(r == 1 && inst[0].index == 3 && strcmp(inst[0].s[K_USER].v, "bob") == 0 &&
	    inst[0].s[K_USER].line == 1, "prefixed value");
	for (i = 1; i <= MAXINST + 1; i++)
		n += (size_t)snprintf(many + n, sizeof(many) - n,
		    "InternetGatewayDevice.DynamicDNS.%zu.Name = x\n", i);
	r = conf_parse("t", many, n, inst, MAXINST);
	CHECK(r == -1 && strstr(lastfail.msg, "more than 16 instances"), "instances");
	/* a Client takes what its Server sets and it does not */
	snprintf(many, sizeof(many), "Device.DynamicDNS.Server.2.ServerAddress = h\n"
	    "Device.DynamicDNS.Server.2.ServerPort = 8443\n"
	    "Device.DynamicDNS.Server.2.X_DDNSUP_Pin = p\n"
	    "Device.DynamicDNS.Server.2.Enable = false\n"
	    "Device.DynamicDNS.Client.1.Server = Device.DynamicDNS.Server.2.\n"
	    "Device.DynamicDNS.Client.1.X_DDNSUP_ProviderFQDN = mine\n"
	    "Device.DynamicDNS.Client.1.Hostname.5.Name = b.org\n"
	    "Device.DynamicDNS.Client.1.Hostname.2.Name = a.org\n"
	    "Device.DynamicDNS.Client.1.Hostname.2.Enable = 0\n"
	    "Device.DynamicDNS.Client.2.Server = Device.DynamicDNS.Server.3\n");
	r = conf_parse("t", many, strlen(many), inst, MAXINST);
	CHECK(r == 2 && strcmp(inst[0].s[K_FQDN].v, "mine") == 0 &&
	    strcmp(inst[0].s[K_PORT].v, "8443") == 0 && inst[0].s[K_PORT].line == 2 &&
	    inst[0].npins == 1 && inst[0].srvoff && !inst[0].badref &&
	    inst[1].badref && !conf_enabled(&inst[0], 1), "merge: %d %s", r,
	    r == -1 ? lastfail.msg : "");
	{
		const struct setting *hs[MAXNAMES];
		int idx[MAXNAMES], off[MAXNAMES];

		CHECK(conf_hostnames(&inst[0], hs, idx, off) == 2 && idx[0] == 2 &&
		    off[0] && strcmp(hs[0]->v, "a.org") == 0 && idx[1] == 5 &&
		    !off[1], "hostnames in order");
	}
	done("configuration file parsing");
}

static void
t_pem(void)
{
	static char buf[65536], bad[65536];
	size_t n, i;
	FILE *fp;
	char *p;

	fp = fopen("certs/ca.pem", "r");
	n = fp ? fread(buf, 1, sizeof(buf) - 1, fp) : 0;
	if (fp)
		fclose(fp);
	buf[n] = '\0';
	CHECK(cert_anchorbuf(buf, n, "ca.pem") == 1, "ca.pem: %s", lastfail.msg);
	fp = fopen("certs/sub.chain", "r");
	n = fp ? fread(buf, 1, sizeof(buf) - 1, fp) : 0;
	if (fp)
		fclose(fp);
	buf[n] = '\0';
	CHECK(cert_anchorbuf(buf, n, "sub.chain") == 3, "three certificates");
	/* CRLF, a foreign object, text around: still three */
	for (i = 0, p = bad; i < n && p < bad + sizeof(bad) - 80; i++) {
		if (buf[i] == '\n')
			*p++ = '\r';
		*p++ = buf[i];
	}
	p += snprintf(p, 80, "text\n-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
	CHECK(cert_anchorbuf(bad, (size_t)(p - bad), "crlf") == 3, "CRLF and a key");
	/* a bad character, a truncated body, a body cut short: refused */
	memcpy(bad, buf, n);
	bad[40] = '*';
	CHECK(cert_anchorbuf(bad, n, "x") == 2, "bad character kept the certificate");
	CHECK(cert_anchorbuf(buf, 300, "x") == -1, "truncated certificate loaded");
	p = strstr(buf, "-----END");
	memcpy(bad, buf, (size_t)(p - buf));
	memcpy(bad + (p - buf) - 6, "\n-----END CERTIFICATE-----\n", 27);
	CHECK(cert_anchorbuf(bad, (size_t)(p - buf) + 21, "x") == -1, "short body loaded");
	CHECK(cert_anchorbuf("", 0, "x") == -1, "empty file");
	done("PEM trust anchors: certificates only, malformed ones skipped");
}

/* Every local failure has its code and status (result.c's table is indexed by the kind). */
static void
t_reasons(void)
{
	int k;

	for (k = F_NONE; k < NFAILS; k++)
		CHECK(fail_code((enum fail)k) != NULL && fail_status((enum fail)k)
		    != ST_OK, "failure kind %d has no row", k);
	CHECK(fail_status(F_RESOLVE) == ST_NOHOST &&
	    strcmp(fail_code(F_CERT), "certificate") == 0, "rows out of place");
	done("reasons");
}

int
main(void)
{
	t_base64();
	t_reasons();
	t_numbers();
	t_names();
	t_url();
	t_addr();
	t_http();
	t_request();
	t_map();
	t_own();
	t_spki();
	t_pins();
	t_printable();
	t_tzo();
	t_check();
	t_state();
	t_localhold();
	t_iid();
	t_conf();
	t_pem();
	return failures != 0;
}
