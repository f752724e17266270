/* json.h: a bounded JSON reader: no allocation, a fixed nesting limit */

#define JSONDEPTH	32	/* arrays and objects inside each other */

enum jtype { J_NONE, J_NULL, J_FALSE, J_TRUE, J_NUMBER, J_STRING, J_ARRAY,
	J_OBJECT };

/* A value found in a document: its type and its bytes as written. */
struct jval {
	enum jtype type;
	const char *p;
	size_t len;
};

/* 0 if buf[0..len) is one JSON value (RFC 8259) within JSONDEPTH, else -1. */
int json_check(const char *, size_t);

/*
 * The value at path ("success", "result[0].id", "[2]") in a document
 * json_check accepted: 1 found, 0 absent or not of the path's shape.
 */
int json_find(const char *, size_t, const char *, struct jval *);

/* A string value decoded to UTF-8 into out; -1 if not a string or too long. */
int json_string(const struct jval *, char *, size_t);

/* The number of elements of an array value, -1 if not an array. */
int json_count(const struct jval *);

/* An integer value within [min, max] into *out; -1 otherwise. */
int json_int(const struct jval *, long long, long long, long long *);
