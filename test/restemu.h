/* restemu.c: the JSON-API providers' side, for test/provider -E cloudflare, porkbun, digitalocean, hetzner, gandi */
int restemu_is(const char *);
void restemu_store(const char *);
size_t restemu(const char *, const char *, size_t, char *, size_t);
