/* ifaddr.c: interface addresses */

/* Open the kernel's IPv6 address states before the sandbox (Linux). */
void ifaddr_open(void);
/*
 * The interface's usable address of the family into out: 1 if private,
 * 0 if public, -1 with fail(): F_CONFIG when it cannot have one, F_LINK
 * when it has none yet.
 */
int ifaddr_get(const char *, int, char *, size_t);
