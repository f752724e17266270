/* ifaddr.c: interface addresses */

/* What a run asks of a link's addresses. */
struct ifpick {
	int allowprivate;	/* AllowPrivate: an IPv6 ULA counts as found */
	const char *keep;	/* the registered address, kept while usable */
	int keep64;		/* compare keep's first 64 bits (IPv6InterfaceID) */
	int verbose;		/* -v: say when a deprecated address is sent */
};

/* 1 when s can name a network interface (Linux's rule), else 0. */
int ifaddr_name(const char *);
/*
 * The interface's usable address of the family into out: 1 if private,
 * 0 if public, -1 with fail(): F_CONFIG when it cannot have one, F_LINK
 * when it has none yet (not present, DAD, only a ULA), F_LINKDUP when
 * its only one failed DAD. IPv6: the best by ifaddr.c's better().
 */
int ifaddr_get(const char *, int, const struct ifpick *, char *, size_t);
