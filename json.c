/*
 * A bounded JSON reader (RFC 8259): the document is checked once, then
 * only the values a path names are looked at. No allocation and no
 * recursion: nesting is a fixed stack of JSONDEPTH brackets.
 */
#include <stddef.h>
#include <string.h>

#include "json.h"

static const char *
ws(const char *p, const char *e)
{
	while (p < e && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	return p;
}

static int
hex4(const char *p, const char *e, unsigned *v)
{
	int i, d;

	if (e - p < 4)
		return -1;
	for (*v = 0, i = 0; i < 4; i++) {
		d = (unsigned char)p[i];
		if (d >= '0' && d <= '9')
			d -= '0';
		else if ((d | 0x20) >= 'a' && (d | 0x20) <= 'f')
			d = (d | 0x20) - 'a' + 10;
		else
			return -1;
		*v = *v << 4 | (unsigned)d;
	}
	return 0;
}

/* A string at *pp (on its '"'); *pp after the closing quote. */
static int
string(const char **pp, const char *e)
{
	const char *p = *pp + 1;
	unsigned u;

	while (p < e && *p != '"') {
		if ((unsigned char)*p < 0x20)
			return -1;
		if (*p++ != '\\')
			continue;
		if (p >= e)
			return -1;
		if (*p == 'u') {
			if (hex4(p + 1, e, &u) == -1)
				return -1;
			p += 5;
		} else if (strchr("\"\\/bfnrt", *p) != NULL && *p != '\0')
			p++;
		else
			return -1;
	}
	if (p >= e)
		return -1;
	*pp = p + 1;
	return 0;
}

static int
digits(const char **pp, const char *e)
{
	const char *p = *pp;

	while (p < e && *p >= '0' && *p <= '9')
		p++;
	if (p == *pp)
		return -1;
	*pp = p;
	return 0;
}

static int
number(const char **pp, const char *e)
{
	const char *p = *pp;

	if (p < e && *p == '-')
		p++;
	if (p < e && *p == '0')
		p++;
	else if (digits(&p, e) == -1)
		return -1;
	if (p < e && *p == '.' && (p++, digits(&p, e) == -1))
		return -1;
	if (p < e && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < e && (*p == '+' || *p == '-'))
			p++;
		if (digits(&p, e) == -1)
			return -1;
	}
	*pp = p;
	return 0;
}

static int
word(const char **pp, const char *e, const char *w)
{
	size_t n = strlen(w);

	if ((size_t)(e - *pp) < n || memcmp(*pp, w, n) != 0)
		return -1;
	*pp += n;
	return 0;
}

/* One value at *pp (after white space), nested ones included; *pp after it. */
static int
skip(const char **pp, const char *e)
{
	char stack[JSONDEPTH];
	const char *p = ws(*pp, e);
	int d = 0, key = 0;

	for (;;) {
		/* a value (or, in an object, a key and its colon first) */
		if (p >= e)
			return -1;
		if (key) {
			if (*p != '"' || string(&p, e) == -1)
				return -1;
			p = ws(p, e);
			if (p >= e || *p++ != ':')
				return -1;
			p = ws(p, e);
			key = 0;
			continue;
		}
		if (*p == '{' || *p == '[') {
			if (d == JSONDEPTH)
				return -1;
			stack[d++] = *p == '{' ? '}' : ']';
			p = ws(p + 1, e);
			if (p < e && *p == stack[d - 1])
				p++, d--;
			else {
				key = stack[d - 1] == '}';
				continue;
			}
		} else if (*p == '"') {
			if (string(&p, e) == -1)
				return -1;
		} else if (*p == '-' || (*p >= '0' && *p <= '9')) {
			if (number(&p, e) == -1)
				return -1;
		} else if (word(&p, e, "true") == -1 &&
		    word(&p, e, "false") == -1 && word(&p, e, "null") == -1)
			return -1;
		/* after a value: a comma, or the closing brackets */
		for (;;) {
			if (d == 0) {
				*pp = p;
				return 0;
			}
			p = ws(p, e);
			if (p >= e)
				return -1;
			if (*p == ',') {
				p = ws(p + 1, e);
				key = stack[d - 1] == '}';
				break;
			}
			if (*p != stack[d - 1])
				return -1;
			p++;
			d--;
		}
	}
}

int
json_check(const char *buf, size_t len)
{
	const char *p = buf, *e = buf + len;

	if (skip(&p, e) == -1)
		return -1;
	return ws(p, e) == e ? 0 : -1;
}

static enum jtype
typeof_(const char *p)
{
	switch (*p) {
	case 'n': return J_NULL;
	case 'f': return J_FALSE;
	case 't': return J_TRUE;
	case '"': return J_STRING;
	case '[': return J_ARRAY;
	case '{': return J_OBJECT;
	default: return J_NUMBER;
	}
}

/* Decode the string at p (on its '"') into out; its length or -1. */
static int
decode(const char *p, const char *e, char *out, size_t size)
{
	size_t n = 0;
	unsigned u, lo;
	char c;

	for (p++; p < e && *p != '"'; ) {
		if (*p != '\\') {
			c = *p++;
			goto put1;
		}
		p++;
		if (*p != 'u') {
			c = (char)(*p == 'b' ? '\b' : *p == 'f' ? '\f' :
			    *p == 'n' ? '\n' : *p == 'r' ? '\r' : *p == 't' ?
			    '\t' : *p);
			p++;
			goto put1;
		}
		if (hex4(p + 1, e, &u) == -1)
			return -1;
		p += 5;
		if (u >= 0xd800 && u < 0xdc00 && e - p >= 6 && p[0] == '\\' &&
		    p[1] == 'u' && hex4(p + 2, e, &lo) == 0 && lo >= 0xdc00 &&
		    lo < 0xe000) {
			u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
			p += 6;
		} else if (u >= 0xd800 && u < 0xe000)
			u = 0xfffd;	/* a lone surrogate */
		if (u < 0x80) {
			c = (char)u;
			goto put1;
		}
		if (n + 4 >= size)
			return -1;
		if (u < 0x800)
			out[n++] = (char)(0xc0 | u >> 6);
		else {
			if (u < 0x10000)
				out[n++] = (char)(0xe0 | u >> 12);
			else {
				out[n++] = (char)(0xf0 | u >> 18);
				out[n++] = (char)(0x80 | (u >> 12 & 0x3f));
			}
			out[n++] = (char)(0x80 | (u >> 6 & 0x3f));
		}
		out[n++] = (char)(0x80 | (u & 0x3f));
		continue;
put1:
		if (n + 1 >= size)
			return -1;
		out[n++] = c;
	}
	if (size == 0)
		return -1;
	out[n] = '\0';
	return (int)n;
}

/*
 * Follow path from the value at p. Each step is a key (up to '.' or '[')
 * or [N]; the first of duplicate keys counts.
 */
int
json_find(const char *buf, size_t len, const char *path, struct jval *v)
{
	const char *p = ws(buf, buf + len), *e = buf + len, *end, *s;
	char key[128];
	size_t klen;
	long n, i;

	memset(v, 0, sizeof(*v));
	while (*path != '\0') {
		if (p >= e)
			return 0;
		if (*path == '[') {
			for (n = 0, s = path + 1; *s >= '0' && *s <= '9' &&
			    n < 100000; s++)
				n = n * 10 + (*s - '0');
			if (s == path + 1 || *s != ']' || *p != '[')
				return 0;
			path = s + 1;
			p = ws(p + 1, e);
			if (p >= e || *p == ']')
				return 0;
			for (i = 0; i < n; i++) {
				if (skip(&p, e) == -1)
					return 0;
				p = ws(p, e);
				if (p >= e || *p != ',')
					return 0;
				p = ws(p + 1, e);
			}
		} else {
			klen = strcspn(path, ".[");
			if (klen == 0 || klen >= sizeof(key) || *p != '{')
				return 0;
			p = ws(p + 1, e);
			for (;;) {
				if (p >= e || *p != '"')
					return 0;
				end = p;
				if (string(&end, e) == -1)
					return 0;
				i = decode(p, end, key, sizeof(key));
				p = ws(end, e);
				if (p >= e || *p != ':')
					return 0;
				p = ws(p + 1, e);
				if (i == (long)klen && memcmp(key, path, klen) == 0)
					break;
				if (skip(&p, e) == -1)
					return 0;
				p = ws(p, e);
				if (p >= e || *p != ',')
					return 0;
				p = ws(p + 1, e);
			}
			path += klen;
		}
		if (*path == '.' && *++path == '\0')
			return 0;
		if (*path != '\0' && *path != '[' && (path[-1] != '.' ||
		    *path == '.'))
			return 0;
	}
	end = p;
	if (p >= e || skip(&end, e) == -1)
		return 0;
	v->type = typeof_(p);
	v->p = p;
	v->len = (size_t)(end - p);
	return 1;
}

int
json_string(const struct jval *v, char *out, size_t size)
{
	if (v->type != J_STRING)
		return -1;
	return decode(v->p, v->p + v->len, out, size) == -1 ? -1 : 0;
}

int
json_count(const struct jval *v)
{
	const char *p, *e;
	int n = 0;

	if (v->type != J_ARRAY)
		return -1;
	p = ws(v->p + 1, e = v->p + v->len);
	if (p < e && *p == ']')
		return 0;
	for (;;) {
		if (skip(&p, e) == -1)
			return -1;
		n++;
		p = ws(p, e);
		if (p >= e || *p != ',')
			return n;
		p++;
	}
}

int
json_int(const struct jval *v, long long min, long long max, long long *out)
{
	const char *p = v->p, *e = v->p + v->len;
	long long n = 0;
	int neg = 0;

	if (v->type != J_NUMBER)
		return -1;
	if (*p == '-')
		neg = 1, p++;
	if (p == e)
		return -1;
	for (; p < e; p++) {
		if (*p < '0' || *p > '9' || n > 99999999999999999LL)
			return -1;
		n = n * 10 + (*p - '0');
	}
	if (neg)
		n = -n;
	if (n < min || n > max)
		return -1;
	*out = n;
	return 0;
}
