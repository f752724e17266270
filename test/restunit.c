/* Table-driven tests of json.c (and rest.c's pure parts): one line per table. */
#include <stdio.h>
#include <string.h>

#include "json.h"

#include "check.h"

static void
t_jsoncheck(void)
{
	static const char *const good[] = {
		"{}", "[]", " {} ", "0", "-0", "1.5e+3", "-12.0E-1", "\"\"",
		"\"a\\\"b\\\\c\\/\\b\\f\\n\\r\\t\\u00e9\"", "true", "false",
		"null", "[1,[2,[3]],{\"a\":{\"b\":[]}}]",
		"{\"a\":1,\"a\":2}", "\r\n\t[ 1 , 2 ]\n",
		"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
	};
	static const char *const bad[] = {
		"", " ", "{", "}", "[", "[1,]", "[,1]", "{\"a\"}", "{\"a\":}",
		"{a:1}", "{\"a\":1,}", "01", "1.", ".5", "-", "1e", "+1", "tru",
		"nul", "True", "\"abc", "\"a\nb\"", "\"\\x\"", "\"\\u12\"",
		"\"\\u12G4\"", "[1 2]", "{} {}", "[1]]", "<html>", "'a'",
		"{\"a\":1 \"b\":2}", "[\"a\":1]", "{\"a\",1}",
		/* 33 levels: over JSONDEPTH */
		"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
	};
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		CHECK(json_check(good[i], strlen(good[i])) == 0, "refused %s",
		    good[i]);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK(json_check(bad[i], strlen(bad[i])) == -1, "accepted %s",
		    bad[i]);
	/* a NUL inside is no terminator: the length decides */
	CHECK(json_check("[1]\0", 4) == -1, "accepted a trailing NUL");
	CHECK(json_check("[1]\0", 3) == 0, "refused [1] before a NUL");
	done("json_check");
}

static void
t_jsonfind(void)
{
	static const char doc[] =
	    "{\"success\":true,\"errors\":[],\"messages\":[],"
	    "\"result\":[{\"id\":\"372e67954025e0ba6aaa6d586b9e0b59\","
	    "\"name\":\"home.example.org\",\"content\":\"198.51.100.4\","
	    "\"proxied\":false,\"ttl\":3600,\"meta\":{\"a\":[1,{\"b\":\"x\"}]}},"
	    "{\"id\":\"two\",\"na\\u006de\":\"caf\\u00e9\\ud83d\\ude00\"}],"
	    "\"result_info\":{\"count\":2},\"e\":{\"errors\":[{\"code\":9109,"
	    "\"message\":\"Invalid access token\"}]},\"neg\":-42,"
	    "\"big\":123456789012345678901,\"f\":1.5}";
	static const struct { const char *path; int found; enum jtype t;
	    const char *s; } v[] = {
		{ "success", 1, J_TRUE, NULL },
		{ "errors", 1, J_ARRAY, NULL },
		{ "errors[0]", 0, J_NONE, NULL },
		{ "result[0].id", 1, J_STRING,
		    "372e67954025e0ba6aaa6d586b9e0b59" },
		{ "result[0].content", 1, J_STRING, "198.51.100.4" },
		{ "result[0].proxied", 1, J_FALSE, NULL },
		{ "result[0].meta.a[1].b", 1, J_STRING, "x" },
		{ "result[1].id", 1, J_STRING, "two" },
		{ "result[1].name", 1, J_STRING, "caf\xc3\xa9\xf0\x9f\x98\x80" },
		{ "result[2].id", 0, J_NONE, NULL },
		{ "result.id", 0, J_NONE, NULL },
		{ "result[0]id", 0, J_NONE, NULL },
		{ "success.x", 0, J_NONE, NULL },
		{ "[0]", 0, J_NONE, NULL },
		{ "e.errors[0].code", 1, J_NUMBER, NULL },
		{ "e.errors[0].message", 1, J_STRING, "Invalid access token" },
		{ "nothere", 0, J_NONE, NULL },
		{ "resul", 0, J_NONE, NULL },
		{ "result[x]", 0, J_NONE, NULL },
		{ "result[]", 0, J_NONE, NULL },
		{ "", 1, J_OBJECT, NULL },
	};
	struct jval jv;
	char out[64];
	size_t i;
	int r;
	long long n;

	CHECK(json_check(doc, sizeof(doc) - 1) == 0, "document refused");
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		r = json_find(doc, sizeof(doc) - 1, v[i].path, &jv);
		CHECK(r == v[i].found, "%s: found %d", v[i].path, r);
		CHECK(jv.type == v[i].t, "%s: type %d", v[i].path, jv.type);
		if (v[i].s != NULL)
			CHECK(json_string(&jv, out, sizeof(out)) == 0 &&
			    strcmp(out, v[i].s) == 0, "%s: %s", v[i].path, out);
	}
	CHECK(json_find(doc, sizeof(doc) - 1, "result", &jv) == 1 &&
	    json_count(&jv) == 2, "result: count %d", json_count(&jv));
	CHECK(json_find(doc, sizeof(doc) - 1, "errors", &jv) == 1 &&
	    json_count(&jv) == 0, "errors: count %d", json_count(&jv));
	CHECK(json_count(&jv) == 0 && json_find(doc, sizeof(doc) - 1,
	    "success", &jv) == 1 && json_count(&jv) == -1, "count of a bool");
	CHECK(json_find(doc, sizeof(doc) - 1, "e.errors[0].code", &jv) == 1 &&
	    json_int(&jv, 0, 99999, &n) == 0 && n == 9109, "code %lld", n);
	CHECK(json_find(doc, sizeof(doc) - 1, "neg", &jv) == 1 &&
	    json_int(&jv, -100, 0, &n) == 0 && n == -42, "neg %lld", n);
	CHECK(json_int(&jv, 0, 100, &n) == -1, "-42 within 0..100");
	CHECK(json_find(doc, sizeof(doc) - 1, "big", &jv) == 1 &&
	    json_int(&jv, 0, 9223372036854775807LL, &n) == -1, "big fits");
	CHECK(json_find(doc, sizeof(doc) - 1, "f", &jv) == 1 &&
	    json_int(&jv, 0, 100, &n) == -1, "1.5 as an integer");
	CHECK(json_find(doc, sizeof(doc) - 1, "result[0].id", &jv) == 1 &&
	    json_string(&jv, out, 32) == -1, "a 32-byte id in 32 bytes");
	CHECK(json_find(doc, sizeof(doc) - 1, "result[0].ttl", &jv) == 1 &&
	    json_string(&jv, out, sizeof(out)) == -1, "a number as a string");
	/* the first of duplicate keys */
	CHECK(json_find("{\"a\":1,\"a\":2}", 13, "a", &jv) == 1 &&
	    json_int(&jv, 0, 9, &n) == 0 && n == 1, "duplicate: %lld", n);
	/* an escaped key matches its decoded form */
	CHECK(json_find("{\"\\u0069d\":\"x\"}", 15, "id", &jv) == 1,
	    "escaped key");
	/* lone surrogates decode to U+FFFD */
	CHECK(json_find("[\"\\udc00\"]", 10, "[0]", &jv) == 1 &&
	    json_string(&jv, out, sizeof(out)) == 0 &&
	    strcmp(out, "\xef\xbf\xbd") == 0, "lone surrogate");
	done("json_find");
}

int
main(void)
{
	t_jsoncheck();
	t_jsonfind();
	return failures != 0;
}
