/* rest.c: the JSON-API providers (-P rest, -o Provider=cloudflare, ...) */

struct protocol;
struct restapi;

extern const struct protocol proto_rest;

/* The API that -o Provider= names, or NULL when it is no JSON-API one. */
const struct restapi *rest_find(const char *);
/* The APIs' names, comma-separated, for -V and messages. */
const char *rest_names(void);
/* Its API host and path prefix (the ProviderFQDN/Port/Protocol overrides keep the prefix). */
const char *rest_host(const struct restapi *);
const char *rest_prefix(const struct restapi *);
/* 1 when -u gives the API's second key (Porkbun's apikey). */
int rest_user(const struct restapi *);
