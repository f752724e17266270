/* util.c: pure helpers (a leaf: calls nothing else of ours) */

/* The time of day in seconds, 64 bits whatever time_t is; -1 with fail() when unreadable. */
int clock_now(long long *);
/* Base64 of len bytes into dst; the length written, 0 when it does not fit. */
size_t b64encode(char *, size_t, const unsigned char *, size_t);
/* Decoded length of a base64 string, -1 when it is not base64 or does not fit. */
int b64decode(unsigned char *, size_t, const char *);
/* 1 when a host name is valid (single: one label). */
int validname(const char *, int);
/* len bytes as printable text (others as \xNN), NUL-terminated in size. */
void printable(char *, size_t, const char *, size_t);
/* memset the compiler may not remove. */
void wipe(void *, size_t);
/* Read until EOF or size bytes; the length, -1 on error. */
ssize_t readall(int, char *, size_t);
/* A decimal number of len characters within [min, max]; -1 otherwise. */
int num_span(const char *, size_t, long long, long long, long long *);
/* A whole string as a decimal number within [min, max]; -1 otherwise. */
int num_parse(const char *, long long, long long, long long *);
/* "v4", "v6", "v4,v6", or "-" for neither, in buf. */
const char *addrpair(char *, size_t, const char *, const char *);

enum addrclass { A_BAD, A_REFUSED, A_MAPPED, A_PRIVATE, A_OK };
/* What an address literal is, its family and canonical form. */
enum addrclass addr_class(const char *, int *, char *, size_t);
#define IIDERR	"not an interface ID (the low 64 bits, as ::a:b:c:d)"
/* IPv6InterfaceID's low 64 bits; -1 when it is not one. */
int iid_parse(const char *, unsigned char *);
/* The command line's or an instance's names: valid, distinct, at most MAXNAMES; -1 with fail(). */
int names_check(const char *const *, int);
/* A time as "YYYY-MM-DD HH:MM:SS UTC" (a static buffer). */
const char *timestr(long long);
