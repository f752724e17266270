/*
 * libFuzzer targets for every parser of outside input. Built once per
 * target with -DTARGET_<name>; see "make fuzz" and fuzz/run.sh.
 */
#include <sys/socket.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ddnsup.h"
#include "util.h"
#include "cert.h"
#include "chain.h"
#include "http.h"
#include "hash.h"
#include "conf.h"
#include "presets.h"
#include "job.h"
#include "dyndns.h"
#include "tzo.h"
#include "checkip.h"
#include "state.h"
#include "dns.h"
#include "tsig.h"
#include "json.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* A NUL-terminated copy, as the parsers of strings get their input. */
static char *
str(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (s == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
#if defined(TARGET_http)
	/* the reply whole, then in pieces whose sizes the first byte picks */
	static char buf[REPLYMAX + 1];
	struct httpstate st;
	struct reply r;
	size_t len, step;
	int a, b = 0;

	if (size < 1)
		return 0;
	step = (size_t)data[0] % 64 + 1;
	data++;
	size--;
	len = size > REPLYMAX ? REPLYMAX : size;
	memset(&st, 0, sizeof(st));
	memcpy(buf, data, len);
	a = http_parse(buf, len, 0, &st, &r);
	if (a == 0)
		a = http_parse(buf, len, 1, &st, &r);
	if (a == 1 && (r.body < buf || r.body + r.bodylen > buf + len))
		abort();
	memset(&st, 0, sizeof(st));
	for (size_t i = step; b == 0 && i < len + step; i += step) {
		size_t n = i > len ? len : i;
		memcpy(buf, data, n);
		b = http_parse(buf, n, 0, &st, &r);
	}
	if (b == 0)
		b = http_parse(buf, len, 1, &st, &r);
	if (a != b)
		abort();
#elif defined(TARGET_dyndns)
	/* byte 0: names, bytes 1-2: HTTP status, the rest: the body */
	static const char *names[MAXNAMES] = { "a.example.org", "b.example.org",
	    "c.example.org", "d.example.org", "e.example.org", "f.example.org",
	    "g.example.org", "h.example.org", "i.example.org", "j.example.org",
	    "k.example.org", "l.example.org", "m.example.org", "n.example.org",
	    "o.example.org", "p.example.org", "q.example.org", "r.example.org",
	    "s.example.org", "t.example.org" };
	static struct job j;
	struct nameresult res[MAXNAMES];
	struct reply r;
	int i;

	if (size < 3)
		return 0;
	memset(&j, 0, sizeof(j));
	memset(&r, 0, sizeof(r));
	j.nnames = data[0] % MAXNAMES + 1;
	memcpy(j.names, names, sizeof(names));
	if (data[0] & 0x80)
		strcpy(j.addr4, "203.0.113.7");
	if (data[0] & 0x40)
		strcpy(j.addr6, "2001:db8::7");
	r.status = (data[1] << 8 | data[2]) % 1000;
	r.body = str(data + 3, size - 3);
	r.bodylen = size - 3;
	/* every preset's own words, and plain DynDNS2 (NULL) */
	for (i = 0; preset_all()[i].name != NULL; i++)
		;
	i = data[1] % (i + 1);
	j.pre = preset_all()[i].name != NULL ? &preset_all()[i] : NULL;
	dyndns_map(&r, &j, res);
	for (i = 0; i < j.nnames; i++)
		if (strlen(res[i].code) >= sizeof(res[i].code) ||
		    strchr(res[i].code, ' ') || strchr(res[i].addr, ' ') ||
		    strchr(res[i].addr, '\n') || res[i].code[0] == '\0')
			abort();
	free(r.body);
#elif defined(TARGET_tzo)
	char addrs[TZOMAXADDRS][16], addr[ADDRLEN], *s = str(data, size);
	const char *text;
	int code, n;

	n = tzo_parselist(s, addrs, TZOMAXADDRS, &code, &text);
	if (n > TZOMAXADDRS || (n == 0 && (code < 0 || code > 99)))
		abort();
	if (tzo_parsecode(s, &code, &text) == 0 && (code < 0 || code > 99))
		abort();
	tzo_greeting(s, addr, sizeof(addr));
	free(s);
#elif defined(TARGET_state)
	static struct state st;
	static char out[65536];

	if (state_parse(&st, (const char *)data, size) == 0) {
		/* what parses must write back to something that parses alike */
		size_t n = state_format(&st, out, sizeof(out));
		static struct state again;
		if (n == 0 || state_parse(&again, out, n) == -1 ||
		    again.n != st.n)
			abort();
	}
#elif defined(TARGET_conf)
	static struct instance inst[MAXINST];
	char *s = str(data, size);

	conf_parse("fuzz", s, size, inst, MAXINST);
	conf_key(s, strlen(s));
	free(s);
#elif defined(TARGET_url)
	char *s = str(data, size);
	struct url u;

	if (url_parse(&u, s, "/nic/update") == 0 &&
	    (u.path[0] != '/' || strpbrk(u.path, " \r\n#") || u.host[0] == '\0'))
		abort();
	url_hostport(&u, s, "21340");
	free(s);
#elif defined(TARGET_pin)
	char *s = str(data, size);
	struct pin p;

	cert_parsepin(s, &p);
	free(s);
#elif defined(TARGET_pem)
	cert_anchorbuf(data, size, "fuzz");
#elif defined(TARGET_spki)
	const unsigned char *spki;
	size_t len;

	if (cert_spki(data, size, &spki, &len) == 0 &&
	    (spki < data || spki + len > data + size))
		abort();
#elif defined(TARGET_chain)
	/* one certificate of the server's chain, and every walker on it */
	static const unsigned char ip[4] = { 127, 0, 0, 1 };
	struct certinfo ci[2];
	int path[2], kt;

	if (chain_parse(data, size, &ci[0]) == 0) {
		chain_sighash(&ci[0], &kt);
		if (ci[0].eku != NULL)
			chain_ekuserver(ci[0].eku, ci[0].ekulen);
		if (ci[0].nc != NULL) {
			chain_ncleaf(&ci[0], &ci[0], "a.example.org", NULL, 0);
			chain_ncleaf(&ci[0], &ci[0], NULL, ip, sizeof(ip));
		}
		chain_namematch(&ci[0], "a.example.org");
		ci[1] = ci[0];
		if (chain_order(ci, 2, path) < 1)
			abort();
	}
#elif defined(TARGET_check)
	char out[ADDRLEN];

	if (size > 0)
		checkip_parse((const char *)data + 1, size - 1,
		    data[0] & 1 ? AF_INET6 : AF_INET, out, sizeof(out));
#elif defined(TARGET_dns)
	/* a DNS reply: header, every record, the SOA, the TSIG check */
	static const struct tsigkey k = { "ddnsup-key", TSIG_SHA256,
	    "0123456789abcdef0123456789abcdef", 32 };
	static const unsigned char mac[32];
	char zone[DNS_NAMEMAX], mname[DNS_NAMEMAX];
	struct tsigreply t;
	struct dnshdr h;
	struct dnsrr rr;
	size_t off;
	unsigned s, i;

	if (size > DNS_MSGMAX || dns_header(data, size, &h) == -1)
		return 0;
	for (s = 1; s < 4; s++)
		for (i = 0, off = h.sect[s]; i < h.count[s]; i++) {
			if (h.tc && dns_getrr(data, size, &off, &rr) == -1)
				break;
			if (!h.tc && dns_getrr(data, size, &off, &rr) == -1)
				abort();
			if (rr.rdoff + rr.rdlen > size)
				abort();
		}
	if (dns_soa(data, size, &h, zone, mname) == 0 &&
	    (strlen(zone) >= DNS_NAMEMAX || strlen(mname) >= DNS_NAMEMAX))
		abort();
	if (!h.tc)
		tsig_verify(data, size, &h, &k, mac, sizeof(mac), &t);
#elif defined(TARGET_json)
	/* the check, then every path's look-up stays inside the document */
	static const char *const paths[] = { "success", "result[0].id",
	    "errors[0].code", "result[1].content", "a.b[2].c", "[3]", "" };
	struct jval v;
	char out[256];
	long long n;
	size_t i;
	int ok = json_check((const char *)data, size) == 0;

	for (i = 0; ok && i < sizeof(paths) / sizeof(paths[0]); i++) {
		if (json_find((const char *)data, size, paths[i], &v) == 0)
			continue;
		if (v.p < (const char *)data || v.p + v.len > (const char *)data +
		    size || v.type == J_NONE)
			abort();
		json_string(&v, out, sizeof(out));
		json_count(&v);
		json_int(&v, -1000000, 1000000, &n);
	}
#else
#error "build with -DTARGET_<name>"
#endif
	return 0;
}
