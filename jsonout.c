/* One flat JSON object (RFC 8259) on a stream: what -S's JSON form needs. */
#include <stdio.h>

#include "jsonout.h"

static int members;

/* The length of the UTF-8 sequence at s (RFC 3629's table), 0 if none. */
static int
utf8len(const unsigned char *s)
{
	int n, i;
	unsigned long c;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4;
	else
		return 0;
	c = s[0] & (0x7f >> n);
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	/* overlong forms, surrogates, beyond U+10FFFF */
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return 0;
	return n;
}

void
jsonout_string(FILE *f, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	int n;

	putc('"', f);
	while (*s != '\0') {
		if (*s == '"' || *s == '\\')
			fprintf(f, "\\%c", *s);
		else if (*s == '\n')
			fputs("\\n", f);
		else if (*s == '\t')
			fputs("\\t", f);
		else if (*s == '\r')
			fputs("\\r", f);
		else if (*s < 0x20 || *s == 0x7f)
			fprintf(f, "\\u%04x", *s);
		else if ((n = utf8len(s)) == 0) {
			fputs("\\ufffd", f);
			s++;
			continue;
		} else {
			fwrite(s, 1, (size_t)n, f);
			s += n;
			continue;
		}
		s++;
	}
	putc('"', f);
}

void
jsonout_open(FILE *f)
{
	members = 0;
	putc('{', f);
}

void
jsonout_member(FILE *f, const char *key, const char *value)
{
	fputs(members++ ? ",\n" : "\n", f);
	jsonout_string(f, key);
	fputs(": ", f);
	jsonout_string(f, value);
}

void
jsonout_close(FILE *f)
{
	fputs(members ? "\n}\n" : "}\n", f);
}
