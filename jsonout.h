/* jsonout.c: one flat JSON object written to a stream, strings escaped */

/* Begin the object. */
void jsonout_open(FILE *);
/* One "key": "value" member; bytes that are not UTF-8 become U+FFFD. */
void jsonout_member(FILE *, const char *, const char *);
/* End the object and its line. */
void jsonout_close(FILE *);
/* A JSON string: quotes, escapes (RFC 8259 section 7), valid UTF-8 only. */
void jsonout_string(FILE *, const char *);
